"""Seat tokens for ``casus join`` and ``casus bot`` without putting them on the command
line, where every user of the machine can read them (``ps``): ``--token-file FILE`` or the
``CASUS_TOKEN`` environment variable. ``--token`` still works and comes first."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from game import protocol
from game.cli.main import UserError

TOKEN_VARIABLE = "CASUS_TOKEN"


def add_token_options(parser: argparse.ArgumentParser, token_help: str) -> None:
    parser.add_argument("--token", metavar="T", help=token_help + " (shows in 'ps': prefer "
                                                                  "--token-file or "
                                                                  f"{TOKEN_VARIABLE})")
    parser.add_argument("--token-file", metavar="FILE",
                        help="read the token from the first line of FILE")


def token_of(args: argparse.Namespace, environment: bool = True) -> str | None:
    """The token given by ``--token``, else ``--token-file``, else (when ``environment``)
    the CASUS_TOKEN variable; None if none is given. A file that cannot be read or holds
    no token is a UserError."""
    if args.token:
        return args.token
    if args.token_file:
        path = Path(args.token_file)
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as err:
            raise UserError(f"cannot read the token from {path}: "
                            f"{getattr(err, 'strerror', None) or err}") from None
        token = lines[0].strip() if lines else ""
        if not token or len(token) > protocol.MAX_ID_LENGTH:
            raise UserError(f"{path} holds no token on its first line (a token is 1 to "
                            f"{protocol.MAX_ID_LENGTH} characters)")
        return token
    if environment:
        token = os.environ.get(TOKEN_VARIABLE, "").strip()
        return token or None
    return None
