"""``casus export MATCH --format csv|json --out PATH``: a match's events and states as data.

    casus export m1 --format csv --out m1.csv            # m1.csv and m1.states.csv
    casus export m1 --format json --out m1.json          # re-importable: casus report m1.json
    casus export m1 --format csv --power FRA --turn 3 --out fra3.csv
    casus export m1 --format csv --channel FRA+GBR --out talks.csv

The columns are listed in docs/DEBRIEF.md (and game/debrief/export.py).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from game.cli.main import UserError
from game.cli.report_cmd import add_match_arguments, open_match


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export", help="export a match's events and per-turn states (CSV or JSON)",
        description="Export every event of a match (turn, phase, time, seat, role, kind, "
                    "content) and its per-turn states, for spreadsheets and pandas.")
    add_match_arguments(parser)
    parser.add_argument("--format", required=True, choices=("csv", "json"),
                        help="csv: an events file and a .states.csv file beside it; json: "
                             "one file, which casus report and replay read back")
    parser.add_argument("--out", required=True, metavar="PATH", help="the file to write")
    parser.add_argument("--turn", type=int, help="only this turn")
    parser.add_argument("--power", help="only events involving this power (its id)")
    parser.add_argument("--channel",
                        help="only chat in this channel: 'public' or powers joined by '+'")
    parser.set_defaults(func=run)


def states_path(path: Path) -> Path:
    """'m1.csv' -> 'm1.states.csv': where the CSV export puts the per-turn states."""
    stem = path.name[:-4] if path.name.lower().endswith(".csv") else path.name
    return path.with_name(f"{stem}.states.csv")


def _write(path: Path, text: str) -> None:
    try:
        if path.parent != Path(""):
            path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")
    except FileExistsError:   # mkdir's word when the folder to write into is a file
        raise UserError(f"cannot write {path}: {path.parent} is a file, not a folder") \
            from None
    except OSError as err:
        raise UserError(f"cannot write {path}: {err.strerror or err}") from None


def run(args: argparse.Namespace) -> int:
    from game.debrief import export

    record = open_match(args)
    try:
        filters = export.parse_filters(record, args.turn, args.power, args.channel)
    except export.ExportError as err:
        raise UserError(str(err)) from None
    out = Path(args.out)
    if out.is_dir():
        raise UserError(f"--out names a file to write, and {out} is a folder")
    if args.format == "json":
        doc = export.export_json(record, filters)
        _write(out, json.dumps(doc, ensure_ascii=False, indent=1) + "\n")
        print(f"casus export: wrote {len(doc['events'])} events and {len(doc['states'])} "
              f"states to {out}")
        return 0
    events = export.event_rows(record, filters)
    states = export.state_rows(record, filters)
    _write(out, export.write_csv(events, export.COLUMNS, content=True))
    second = states_path(out)
    _write(second, export.write_csv(states, export.STATE_COLUMNS))
    print(f"casus export: wrote {len(events)} events to {out} and {len(states)} state rows "
          f"to {second}")
    return 0
