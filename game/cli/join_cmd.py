"""``casus join ws://HOST:PORT``: play online on a ``casus host`` (docs/ONLINE.md).

    casus join ws://HOST:PORT                          # the lobby: list, create, join, rejoin
    casus join                                         # the hosts announced on this network
    casus join URL --match ID --seat RED --name Ada    # straight to a free seat
    casus join URL --match ID --seat umpire --token T  # the umpire's console (the token
                                                       # may be left out once remembered)
    casus join URL --match ID --projector              # the projector view, as a spectator

A token may come from ``--token-file FILE`` or the ``CASUS_TOKEN`` variable instead of
``--token`` (game/cli/tokens.py), which every user of the machine can read in ``ps``.
The match password comes from ``--ask-password`` (a prompt), or ``CASUS_PASSWORD`` in the
environment; ``--password P`` still works but shows in the process list.

Seat tokens are remembered in ``--seats`` (default ~/.local/share/casus-foederis/
online-seats.json), so ``--match ID --seat RED`` alone rejoins a seat taken before.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, Callable

from game import protocol
from game.cli.main import UserError
from game.cli.tokens import add_password_options, add_token_options, password_of, token_of

SPECIAL_SEATS = ("umpire", "spectator")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "join", help="play online: the lobby of a casus host, or straight to a seat",
        description="Connect to a 'casus host' and play in the game window: the lobby lists "
                    "its matches (create, join, spectate, rejoin), or --match goes straight "
                    "to a seat.")
    parser.add_argument("url", metavar="ws://HOST:PORT", nargs="?",
                        help="the host's address, e.g. ws://192.168.1.20:8765; without it, "
                             "the hosts announced on the local network are listed")
    parser.add_argument("--match", metavar="ID", help="go straight to this match")
    parser.add_argument("--seat", metavar="POWER|umpire",
                        help="the seat to take in --match (a power id, or umpire with "
                             "--token); without it you spectate")
    add_token_options(parser, "a seat token (or the umpire token) to rejoin with")
    parser.add_argument("--name", metavar="N", default="",
                        help="your name, shown to the other players")
    add_password_options(parser)
    parser.add_argument("--projector", action="store_true",
                        help="show --match on the projector screen, as a spectator")
    parser.add_argument("--seats", metavar="FILE",
                        help="where seat tokens are remembered (default: ~/.local/share/"
                             "casus-foederis/online-seats.json)")
    parser.add_argument("--size", default="1280x720",
                        help="window size, at least 1280x720, e.g. 1920x1080")
    parser.add_argument("--frames", type=int, help=argparse.SUPPRESS)  # smoke tests
    parser.set_defaults(func=run)


def check(args: argparse.Namespace) -> None:
    """Every problem with the arguments that needs no network, as a UserError."""
    from game.client.net import NetError, check_url

    try:
        args.url = check_url(args.url)
    except NetError as err:
        raise UserError(str(err)) from None
    # CASUS_TOKEN counts only for a seat named on the command line: the lobby and
    # spectators need no token.
    args.token = token_of(args, environment=args.match is not None
                          and args.seat not in (None, "spectator"))
    if args.token_file and args.match is None:
        raise UserError("--token-file needs --match: which match is the seat in?")
    for flag in ("match", "seat", "token", "name", "password"):
        value = getattr(args, flag)
        if value is not None and len(value) > protocol.MAX_ID_LENGTH:
            raise UserError(f"--{flag} is at most {protocol.MAX_ID_LENGTH} characters")
    if args.match is None:
        for flag in ("seat", "token"):
            if getattr(args, flag):
                raise UserError(f"--{flag} needs --match: which match is the seat in?")
        if args.projector:
            raise UserError("--projector needs --match: which match to show?")
    if args.projector and args.seat not in (None, "spectator"):
        raise UserError("--projector shows the match as a spectator: leave out --seat")
    if args.token and args.seat == "spectator":
        raise UserError("a spectator needs no token: leave out --token")


def find_host(browse: Callable[[], list[Any]] | None = None,
              choose: Callable[[str], str] = input) -> str:
    """The URL of a host announced on the local network: the only one heard, or the one
    the user picks by number. Raises UserError saying what to do when none is heard."""
    from game.discovery import BLOCKED, browse as browse_network

    try:
        found = (browse or browse_network)()
    except (OSError, ImportError) as err:
        raise UserError(f"cannot listen for hosts on this network ({err}); ask the "
                        "facilitator for the address: casus join ws://HOST:PORT") from None
    if not found:
        raise UserError(f"no host answered on this network; {BLOCKED.split(', so')[0]} or "
                        "the host is not open to the room: ask the facilitator for the "
                        "address and run casus join ws://HOST:PORT")
    print("Hosts on this network:")
    for i, found_host in enumerate(found, 1):
        print(f"  {i}. {found_host.name}: {found_host.url}")
    if len(found) == 1:
        return found[0].url
    try:
        picked = choose(f"Which one (1-{len(found)})? ").strip()
    except (EOFError, KeyboardInterrupt):
        picked = ""
    if not picked.isdigit() or not 1 <= int(picked) <= len(found):
        raise UserError("no host chosen; run casus join with one of the addresses above")
    return found[int(picked) - 1].url


def run(args: argparse.Namespace) -> int:
    from game.cli.play_cmd import say_size, window_size

    if args.url is None:
        args.url = find_host()
    args.password = password_of(args, command="join")
    check(args)
    size = window_size(args.size)
    try:
        import pygame

        from game.client.app import App
        from game.client.net import NetError, WebSocketConnection
        from game.client.online.flow import OnlineFlow
        from game.client.online.seats import SeatBook
        from game.client.settings import default_settings_path
    except ImportError as err:
        raise UserError(f"the game window needs pygame-ce and pygame_gui ({err}); "
                        "run 'make play'") from None
    book = SeatBook(Path(args.seats) if args.seats else None)
    unusable = book.unusable() if args.seats else None
    if unusable:
        raise UserError(f"--seats {args.seats}: {unusable}")
    # Reach the host before opening a window: a wrong address is a one-line answer.
    try:
        conn = WebSocketConnection.open(args.url)
    except NetError as err:
        raise UserError(str(err)) from None
    try:
        app = App(size, settings_file=default_settings_path())
    except pygame.error as err:
        conn.close()
        raise UserError(f"cannot open a window ({err}); is a display available?") from None
    say_size(size, app.size)
    first = [conn]

    def connect(url: str) -> WebSocketConnection:
        # The checked connection first; fresh ones after leaving a match.
        return first.pop() if first else WebSocketConnection.open(url)

    flow = OnlineFlow(app, args.url, book=book, player=args.name, projector=args.projector,
                      password=args.password,
                      connect=connect)
    try:
        if args.match is not None:
            seat = None if args.seat == "spectator" else args.seat
            flow.go_straight(args.match, seat, args.token, args.password)
        else:
            flow.lobby()
        app.run(frames=args.frames)
    finally:
        flow.close()
        pygame.quit()
    return 0
