"""``casus``: one entry point, a subcommand per job (docs/ARCHITECTURE.md, "Commands people run").

Each subcommand lives in its own module of this package and exposes
``register(subparsers)``, which adds its parser and sets ``func`` to a function taking the
parsed arguments and returning an exit code. A subcommand whose module needs a package this
Python lacks (``python -m game`` run outside the game's venv) stays listed, and says which
package it needs, rather than breaking the others.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

# pygame greets on import; a command's output is for what the user asked.
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

# Module names in the order their subcommands are listed in --help.
SUBCOMMAND_MODULES: tuple[str, ...] = (
    "play_cmd",
    "join_cmd",
    "host_cmd",
    "migrate_cmd",
    "bot_cmd",
    "adjudicate_cmd",
    "map_cmd",
    "simulate_cmd",
    "report_cmd",
    "export_cmd",
    "replay_cmd",
    "handouts_cmd",
)


class UserError(Exception):
    """A problem the user can fix; printed as one sentence, exit code 2, never a traceback."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="casus",
        description="Casus Foederis: a strategy game about alliances, pacts and credibility.",
    )
    from game import __version__
    parser.add_argument("--version", action="version", version=f"casus {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in SUBCOMMAND_MODULES:
        try:
            module = importlib.import_module(f"game.cli.{name}")
        except ModuleNotFoundError as err:
            if err.name and err.name.startswith("game.cli."):
                continue  # not written yet
            package = _third_party(err)
            if package is None:
                raise     # our own code missing: a bug, not an install to finish
            _register_missing(subparsers, name.removesuffix("_cmd"), package)
            continue
        module.register(subparsers)
    return parser


def _register_missing(subparsers: argparse._SubParsersAction, command: str,
                      package: str) -> None:
    """``casus COMMAND`` when its module needs ``package`` and this Python lacks it."""
    parser = subparsers.add_parser(command, help=f"(needs the package {package}, missing here)",
                                   add_help=False, prefix_chars="\0")
    parser.add_argument("ignored", nargs=argparse.REMAINDER)

    def refuse(args: argparse.Namespace) -> int:
        raise UserError(missing_package(package))
    parser.set_defaults(func=refuse)


def missing_package(package: str) -> str:
    """The sentence for a package the game needs and this Python lacks."""
    return (f"this needs the Python package '{package}', which this Python lacks: 'make play' "
            "sets up .venv with everything the game needs; then run .venv/bin/casus")


def _third_party(err: ModuleNotFoundError) -> str | None:
    """The missing package's name when it is not the game's own code, else None."""
    top = (err.name or "").split(".")[0]
    return top if top and top not in ("game", "server") else None


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except UserError as err:
        print(f"casus {args.command}: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as err:  # a bug: say so plainly; CASUS_DEBUG=1 shows the traceback
        package = _third_party(err) if isinstance(err, ModuleNotFoundError) else None
        if package is not None:   # a lazy import of a package this Python lacks: no bug
            print(f"casus {args.command}: {missing_package(package)}", file=sys.stderr)
            return 2
        if os.environ.get("CASUS_DEBUG"):
            raise
        print(f"casus {args.command}: unexpected error ({type(err).__name__}: {err}). "
              "This is a bug; please report it with the command you ran "
              "(CASUS_DEBUG=1 shows the details).", file=sys.stderr)
        return 70


if __name__ == "__main__":
    sys.exit(main())
