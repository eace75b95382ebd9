"""Seat tokens and match passwords for ``casus join`` and ``casus bot`` without putting them
on the command line, where every user of the machine can read them (``ps``): a token from
``--token-file FILE`` or the ``CASUS_TOKEN`` environment variable (``--token`` still works and
comes first); a password from ``--ask-password`` (a prompt) or ``CASUS_PASSWORD``
(``--password`` still works, with a warning)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import Callable, Mapping

from game import protocol
from game.cli.main import UserError

TOKEN_VARIABLE = "CASUS_TOKEN"
PASSWORD_VARIABLE = "CASUS_PASSWORD"


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


def add_password_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--password", metavar="P", default="",
                        help="the match's password (shows in the process list: prefer "
                             f"--ask-password or the {PASSWORD_VARIABLE} environment variable)")
    parser.add_argument("--ask-password", action="store_true",
                        help="ask for the match's password at a prompt that does not echo")


def ask_password(prompt: str) -> str:
    """The password typed at a prompt that does not echo; without a terminal (piped in, as
    ``pass show match | casus bot … --ask-password``), the first line of the input, without
    getpass's warning that it cannot hide what nobody is typing."""
    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass(prompt)
    line = sys.stdin.readline() if sys.stdin is not None else ""
    if not line:
        raise EOFError
    return line.rstrip("\r\n")


def password_of(args: argparse.Namespace, environ: Mapping[str, str] = os.environ,
                ask: Callable[[str], str] = ask_password, command: str = "join") -> str:
    """The match password: from the prompt (``--ask-password``), the ``--password`` flag
    (with a warning: every user of the machine can read it with ``ps``), or the
    environment; empty when none is given."""
    if args.ask_password:
        try:
            return ask("Match password: ")
        except (EOFError, KeyboardInterrupt):
            raise UserError("no password was given at the prompt") from None
    if args.password:
        print(f"casus {command}: warning: --password shows in the process list (ps); use "
              f"--ask-password or {PASSWORD_VARIABLE} instead", file=sys.stderr)
        return args.password
    return environ.get(PASSWORD_VARIABLE, "")
