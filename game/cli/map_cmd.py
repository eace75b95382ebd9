"""``casus map``: check map and scenario files, derive shapes, generate random maps.

    casus map check FILE...           every problem, one a line; exit 1 if any
    casus map shapes FILE [--outline OUTLINE] [--all]
    casus map generate --territories N --powers P --seed S --out DIR [--name NAME]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from game.cli.main import UserError
from game.maps.files import MAP_SUFFIX, check_file, read_map_doc, resolve_scenario
from game.maps.generate import GenerateError, write_generated
from game.maps.problems import MapFileError
from game.maps.shapes import ShapeError, fill_shapes, read_outline
from game.maps.write import map_json


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``casus map`` and its subcommands."""
    parser = subparsers.add_parser(
        "map", help="check, shape or generate maps and scenarios",
        description="Work with map (.map.json) and scenario (.scenario.toml) files.")
    commands = parser.add_subparsers(dest="map_command", metavar="SUBCOMMAND")
    parser.set_defaults(func=lambda args: _usage(parser))

    check = commands.add_parser(
        "check", help="list every problem in map or scenario files",
        description="Check map and scenario files. A scenario is checked together with "
                    "its map. Prints every problem; exits 0 when there are none, 1 when "
                    "there are, 2 when a file cannot be read.")
    check.add_argument("files", nargs="+", metavar="FILE",
                       help="a .map.json or .scenario.toml file, or a shipped scenario's "
                            "short name such as 'tutorial'")
    check.set_defaults(func=run_check)

    shapes = commands.add_parser(
        "shapes", help="derive territory shapes from their positions",
        description="Rewrite a map file, giving every territory without a shape the part "
                    "of the land nearest to its pos (a Voronoi cell), clipped to the map "
                    "rectangle or to the land of an outline file.")
    shapes.add_argument("file", metavar="FILE", help="a .map.json file, rewritten in place")
    shapes.add_argument("--outline", metavar="OUTLINE",
                        help="a JSON file with the land as a list of polygons, "
                             "{\"land\": [[[x, y], ...], ...]}, in map pixel coordinates")
    shapes.add_argument("--all", action="store_true",
                        help="derive every territory's shape, replacing the ones there are")
    shapes.set_defaults(func=run_shapes)

    generate = commands.add_parser(
        "generate", help="write a random playable map and scenario",
        description="Write DIR/NAME.map.json and DIR/NAME.scenario.toml: a random, "
                    "connected map with the given number of territories and powers. The "
                    "same seed always gives the same files.")
    generate.add_argument("--territories", type=int, required=True, metavar="N")
    generate.add_argument("--powers", type=int, required=True, metavar="P")
    generate.add_argument("--seed", type=int, default=0, metavar="S")
    generate.add_argument("--out", required=True, metavar="DIR")
    generate.add_argument("--name", metavar="NAME",
                          help="file name stem (default: random-N-P-S)")
    generate.set_defaults(func=run_generate)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


def run_check(args: argparse.Namespace) -> int:
    """Print every problem of each file; 0 if none, 1 if some, 2 if a file is unreadable."""
    found = 0
    for name in args.files:
        try:
            path = resolve_scenario(name)
            problems = check_file(path)
        except MapFileError as err:  # unreadable, or not a map or scenario file
            raise UserError(str(err)) from None
        for problem in problems:
            print(problem)
        if not problems:
            print(f"{path}: no problems")
        found += len(problems)
    if found:
        print(f"{found} problem{'s' if found != 1 else ''} found")
        return 1
    return 0


def run_shapes(args: argparse.Namespace) -> int:
    """Derive the missing (or, with --all, every) shape of a map file and rewrite it."""
    if args.file.lower().endswith(".toml"):   # a scenario: its map is the file named in it
        raise UserError(f"{args.file}: shapes belong to a map file ({MAP_SUFFIX}), not a "
                        "scenario: give the map the scenario names")
    try:
        doc = read_map_doc(args.file)
        outline = read_outline(args.outline) if args.outline else None
        filled = fill_shapes(doc, outline, replace=args.all)
    except MapFileError as err:
        raise UserError(str(err)) from None
    except ShapeError as err:
        raise UserError(f"{args.file}: {err}") from None
    try:
        Path(args.file).write_text(map_json(doc), encoding="utf-8")
    except OSError as err:
        raise UserError(f"cannot write {args.file}: {err.strerror or err}") from None
    print(f"{args.file}: derived {filled} shape{'s' if filled != 1 else ''}")
    return 0


def run_generate(args: argparse.Namespace) -> int:
    """Write a random map and scenario; print where."""
    if args.name is not None and (not args.name.strip() or args.name == ".."
                                  or Path(args.name).name != args.name):
        raise UserError(f"--name is the files' name, without a folder (that is --out), not "
                        f"{args.name!r}")
    name = args.name or f"random-{args.territories}-{args.powers}-{args.seed}"
    try:
        map_file, scenario_file = write_generated(Path(args.out), name, args.territories,
                                                  args.powers, args.seed)
    except GenerateError as err:
        raise UserError(str(err)) from None
    except OSError as err:
        raise UserError(f"cannot write to {args.out}: {err.strerror or err}") from None
    print(f"wrote {map_file} and {scenario_file}")
    return 0
