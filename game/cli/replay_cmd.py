"""``casus replay MATCH [--data DIR]``: watch a match again, turn by turn, in a window.

The window animates each turn's war outcomes on the map and tells them in words, from the
match's event log alone (a stored match id or a JSON log file). Keys: Left/Right turns,
Space play/pause, Home/End, Esc. On a running match it shows everything: umpire only.
"""

from __future__ import annotations

import argparse
import os

from game.cli.main import UserError
from game.cli.report_cmd import add_match_arguments, open_match


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "replay", help="replay a match turn by turn in a window",
        description="Replay a match turn by turn: Left/Right change turn, Space plays and "
                    "pauses, Esc closes.")
    add_match_arguments(parser)
    parser.add_argument("--turn", type=int, help="start at this turn (default: the first)")
    # For smoke tests and demos: stop after N frames, press keys first, save the last frame.
    parser.add_argument("--frames", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--keys", default="", help=argparse.SUPPRESS)
    parser.add_argument("--screenshot", help=argparse.SUPPRESS)
    parser.set_defaults(func=run)


KEY_NAMES = {"left": "K_LEFT", "right": "K_RIGHT", "space": "K_SPACE", "home": "K_HOME",
             "end": "K_END", "escape": "K_ESCAPE"}


def run(args: argparse.Namespace) -> int:
    record = open_match(args)
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    try:
        import pygame

        from game.client.replay_viewer import run_window
    except ImportError as err:
        raise UserError(f"the replay window needs pygame-ce ({err}); run 'make play'") from None
    keys = []
    for name in filter(None, (k.strip().lower() for k in args.keys.split(","))):
        if name not in KEY_NAMES:
            raise UserError(f"--keys takes {', '.join(KEY_NAMES)}, not {name!r}")
        keys.append(getattr(pygame, KEY_NAMES[name]))
    if args.turn is not None:
        first = record.turns[0].number if record.turns else 1
        if not record.turns or not first <= args.turn <= record.turns[-1].number:
            played = (f"turns {first} to {record.turns[-1].number}" if record.turns
                      else "no turn yet")
            raise UserError(f"--turn {args.turn} was not played in this match ({played})")
        keys = [pygame.K_RIGHT] * (args.turn - first) + keys
    try:
        run_window(record, frames=args.frames, keys=keys, screenshot=args.screenshot)
    except pygame.error as err:
        raise UserError(f"cannot open a window ({err}); is a display available?") from None
    finally:
        pygame.quit()
    return 0
