"""``casus handouts``: printable handouts for a workshop, one page per power and the umpire's.

    casus handouts SCENARIO --out DIR [--no-pdf]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from game.cli.main import UserError
from game.maps.files import load_scenario
from game.maps.problems import MapFileError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "handouts", help="write printable handouts for a workshop",
        description="Write one page per power (its brief and the public one, the map as it "
                    "sees it at the start with its pacts, the rules summary and the order "
                    "notation) and one for the umpire, as HTML with a print style sheet, "
                    "and as PDF when headless Chromium is installed.")
    parser.add_argument("scenario", metavar="SCENARIO",
                        help="a .scenario.toml file or a shipped scenario's short name")
    parser.add_argument("--out", required=True, metavar="DIR", help="where to write them")
    parser.add_argument("--no-pdf", action="store_true", help="write the HTML pages only")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from game.handouts import write_handouts

    try:
        scenario = load_scenario(args.scenario)
    except MapFileError as err:
        raise UserError(str(err)) from None
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise UserError(f"{out} is a file, not a folder to write the handouts into")
    try:
        written = write_handouts(scenario, out, pdf=not args.no_pdf)
    except OSError as err:
        raise UserError(f"cannot write into {out}: {err.strerror}") from None
    except RuntimeError as err:      # Chromium failed on a page
        raise UserError(str(err)) from None
    for seat, page in written.pages.items():
        print(f"{seat}: {page}")
    for pdf in written.pdfs:
        print(f"PDF: {pdf}")
    if written.note:
        print(written.note)
    return 0
