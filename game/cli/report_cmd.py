"""``casus report MATCH [--data DIR | --db URL] --out DIR``: the after-action report as one
HTML page.

MATCH is a match id stored by ``casus host --data DIR`` (or ``--db URL``) or a JSON log file
(a hot-seat save or a ``casus export --format json``). The page is self-contained (images inside, no script,
no server) and prints well; see docs/DEBRIEF.md.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from game.cli.host_cmd import DEFAULT_DATA
from game.cli.main import UserError


def add_match_arguments(parser: argparse.ArgumentParser) -> None:
    """MATCH, --data and --db, as every debrief command takes them."""
    parser.add_argument("match", metavar="MATCH",
                        help="a match id in the data folder (or the --db database), or a "
                             "JSON event-log file")
    parser.add_argument("--data", default=DEFAULT_DATA, metavar="DIR",
                        help=f"the host's data folder (default ./{DEFAULT_DATA})")
    parser.add_argument("--db", metavar="URL",
                        help="read the match from this PostgreSQL database, as "
                             "casus host --db keeps it, instead of --data")


def open_match(args: argparse.Namespace):
    """The MatchRecord MATCH names; any problem is one sentence (exit 2)."""
    from game.debrief import MatchSourceError, check_log, load_record, rebuild

    try:
        if args.db is not None:
            where = f"match {args.match!r}"
            return rebuild(check_log(database_log(args), where), where=args.match)
        return load_record(args.match, args.data)
    except MatchSourceError as err:
        raise UserError(str(err)) from None


def database_log(args: argparse.Namespace) -> list[dict]:
    """MATCH's event log read from the ``--db`` database: read only (a debrief never makes
    tables or changes a row, even while hosts are serving the match)."""
    from game.cli.host_cmd import store_named
    from server.storage import UNREADABLE
    from server.store_pg import StorageError, connect, read_log

    url = store_named(args)
    try:
        db = connect(url)
    except StorageError as err:
        raise UserError(str(err)) from None
    try:
        events = read_log(db, args.match)
    except Exception as err:    # psycopg's errors, e.g. a database no host ever used
        reason = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise UserError(f"cannot read match {args.match!r} from the database: {reason}") \
            from None
    finally:
        db.close()
    if not events:
        raise UserError(f"there is no match {args.match!r} in the database")
    broken = next((e[UNREADABLE] for e in events if UNREADABLE in e), None)
    if broken is not None:
        raise UserError(f"match {args.match!r} in the database: {broken}")
    return events


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
    out = Path(args.out)
    # Said before the page is built (its plots and maps take a second or two), not after.
    if out.exists() and not out.is_dir():
        raise UserError(f"--out must be a folder, and {out} is a file")
    html = report_html(record, images=not args.no_images)
    path = out / page_name(record.match_id)
    try:
        out.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
    except OSError as err:
        raise UserError(f"cannot write {path}: {err.strerror or err}") from None
    print(f"casus report: wrote {path}")
    return 0
