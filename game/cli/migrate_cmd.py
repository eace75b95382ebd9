"""``casus migrate SOURCE DESTINATION``: copy every match from one match database to
another, and check the copy.

    casus migrate casus-data postgresql://casus@db.example.org/casus
    casus migrate postgresql://casus@db.example.org/casus casus-data-copy

SOURCE and DESTINATION are each a data folder (SQLite, as ``casus host --data`` keeps it) or
a ``postgresql://`` URL (``casus host --db``). Every match is replayed from the source and
from the copy; one line per match prints both engine-state hashes. The exit status is 1 if
any pair differs, 0 when every match is the same. Stop the hosts on both stores first.
"""

from __future__ import annotations

import argparse

from game.cli.main import UserError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "migrate", help="copy every match between a data folder and PostgreSQL, and check it",
        description="Copy every match from SOURCE to DESTINATION (each a data folder or a "
                    "postgresql:// URL) and replay both to the same hashes.")
    parser.add_argument("source", help="data folder or postgresql:// URL to copy from")
    parser.add_argument("destination", help="data folder or postgresql:// URL to copy into")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from game.cli.host_cmd import open_store
    from server.migrate import MigrationRefused, migrate
    from server.storage import describe

    if args.source == args.destination:
        raise UserError("SOURCE and DESTINATION are the same store")
    source = open_store(args.source, must_exist=True)
    try:
        target = open_store(args.destination)
    except UserError:
        source.close()
        raise
    copied = mismatched = 0
    try:
        for match in migrate(source, target):
            copied += 1
            if match.ok:
                verdict = "same" if match.source_hash else "same log (does not replay)"
            else:
                mismatched += 1
                verdict = "MISMATCH"
            print(f"{match.match_id}: source {match.source_hash or '-'} "
                  f"copy {match.copy_hash or '-'} {verdict}"
                  + (" (unloaded)" if match.unloaded else ""), flush=True)
    except MigrationRefused as err:
        raise UserError(str(err)) from None
    finally:
        source.close()
        target.close()
    print(f"{copied} matches copied from {describe(args.source)} to "
          f"{describe(args.destination)}; {mismatched} mismatched")
    return 1 if mismatched else 0
