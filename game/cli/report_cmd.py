"""``casus report MATCH [--data DIR] --out DIR``: the after-action report as one HTML page.

MATCH is a match id stored by ``casus host --data DIR`` or a JSON log file (a hot-seat save
or a ``casus export --format json``). The page is self-contained (images inside, no script,
no server) and prints well; see docs/DEBRIEF.md.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from game.cli.host_cmd import DEFAULT_DATA
from game.cli.main import UserError


def add_match_arguments(parser: argparse.ArgumentParser) -> None:
    """MATCH and --data, as every debrief command takes them."""
    parser.add_argument("match", metavar="MATCH",
                        help="a match id in the data folder, or a JSON event-log file")
    parser.add_argument("--data", default=DEFAULT_DATA, metavar="DIR",
                        help=f"the host's data folder (default ./{DEFAULT_DATA})")


def open_match(args: argparse.Namespace):
    """The MatchRecord MATCH names; any problem is one sentence (exit 2)."""
    from game.debrief import MatchSourceError, load_record

    try:
        return load_record(args.match, args.data)
    except MatchSourceError as err:
        raise UserError(str(err)) from None


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "report", help="write a match's after-action report (one HTML page)",
        description="Write the after-action report of a match: timeline, alliance network, "
                    "plots, alliance and communication tables, as one self-contained HTML "
                    "page.")
    add_match_arguments(parser)
    parser.add_argument("--out", required=True, metavar="DIR",
                        help="folder to write the page into (created if needed)")
    parser.add_argument("--no-images", action="store_true",
                        help="leave out the map snapshots and plots (quicker)")
    parser.set_defaults(func=run)


def page_name(match_id: str) -> str:
    """'report-<id>.html', with the id made safe for a file name."""
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "-", match_id).strip(".-") or "match"
    return f"report-{safe}.html"


def run(args: argparse.Namespace) -> int:
    from game.debrief.page import report_html

    record = open_match(args)
    html = report_html(record, images=not args.no_images)
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise UserError(f"--out must be a folder, and {out} is a file")
    path = out / page_name(record.match_id)
    try:
        out.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
    except OSError as err:
        raise UserError(f"cannot write {path}: {err.strerror or err}") from None
    print(f"casus report: wrote {path}")
    return 0
