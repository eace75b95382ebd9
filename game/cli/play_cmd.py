"""``casus play [SCENARIO] [--resume SAVE] [--saves DIR]``: the hot-seat game (``make play``).

Opens the start screen (scenario, who plays each power, fog), with SCENARIO chosen when
given; ``--resume`` reopens a saved game where it was left. Games are saved after every
action in ``--saves`` (default: a per-user data folder), one file per game.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from game.cli.main import UserError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "play", help="play a hot-seat game in the game window",
        description="Play at one screen, taking turns: choose the scenario and who plays "
                    "each power, or resume a saved game.")
    parser.add_argument("scenario", nargs="?", default=None,
                        help="scenario file or shipped name to choose first (default: "
                             "tutorial)")
    parser.add_argument("--resume", metavar="SAVE", help="reopen this saved game")
    parser.add_argument("--saves", metavar="DIR",
                        help="folder for saved games (default: ~/.local/share/"
                             "casus-foederis/saves)")
    parser.add_argument("--size", default="1280x720",
                        help="window size, at least 1280x720, e.g. 1920x1080")
    parser.add_argument("--frames", type=int, help=argparse.SUPPRESS)  # smoke tests
    parser.set_defaults(func=run)


def window_size(text: str) -> tuple[int, int]:
    """``"1920x1080"`` as (1920, 1080); UserError for anything else."""
    w, sep, h = text.lower().partition("x")
    if not sep or not w.isdigit() or not h.isdigit():
        raise UserError(f"--size takes WIDTHxHEIGHT, e.g. 1920x1080, not {text!r}")
    return int(w), int(h)


def size_note(asked: tuple[int, int], opened: tuple[int, int]) -> str:
    """A line for the terminal when the window did not open at the size ``--size`` asked:
    bigger (the screens are laid out for 1280x720 at least) or smaller (the display cut it
    down), else ""."""
    if tuple(opened) == tuple(asked):
        return ""
    if opened[0] < asked[0] or opened[1] < asked[1]:
        return (f"note: --size {asked[0]}x{asked[1]} is more than the display allows; the "
                f"window opened at {opened[0]}x{opened[1]}")
    return (f"note: the window is never smaller than 1280x720; --size {asked[0]}x{asked[1]} "
            f"opened it at {opened[0]}x{opened[1]}")


def say_size(asked: tuple[int, int], opened: tuple[int, int]) -> None:
    note = size_note(asked, opened)
    if note:
        print(note, file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    from game.cli.common import load_scenario_arg
    from game.maps import list_scenarios

    size = window_size(args.size)
    scenarios = list_scenarios()
    initial = args.scenario or "tutorial"
    if args.scenario is not None and args.scenario not in {s.name for s in scenarios}:
        load_scenario_arg(args.scenario)   # a clear error for a bad name or file
    if args.resume is not None and not Path(args.resume).is_file():
        raise UserError(f"there is no saved game at {args.resume}")
    if args.saves is not None and Path(args.saves).exists() and not Path(args.saves).is_dir():
        # Said now, not as "the game could not start" once the players have set up a game.
        raise UserError(f"--saves {args.saves} is a file, not a folder for saved games")
    if args.saves is not None and Path(args.saves).is_dir() \
            and not os.access(args.saves, os.W_OK | os.X_OK):
        raise UserError(f"--saves {args.saves}: cannot write into this folder")
    try:
        import pygame

        from game.client.app import App
        from game.client.connection import SaveError
        from game.client.hotseat import default_saves_dir
        from game.client.hotseat.flow import HotseatFlow, scenario_info
        from game.client.settings import default_settings_path
    except ImportError as err:
        raise UserError(f"the game window needs pygame-ce and pygame_gui ({err}); "
                        "run 'make play'") from None
    if args.scenario is not None and args.scenario not in {s.name for s in scenarios}:
        path = Path(args.scenario)
        info = scenario_info(path, path.name.split(".")[0])
        scenarios = [info, *scenarios]
        initial = info.name
    saves = Path(args.saves) if args.saves else default_saves_dir()
    try:
        app = App(size, settings_file=default_settings_path())
    except pygame.error as err:
        raise UserError(f"cannot open a window ({err}); is a display available?") from None
    say_size(size, app.size)
    try:
        flow = HotseatFlow(app, saves_dir=saves, scenarios=scenarios, initial=initial)
        if args.resume is not None:
            from game.client.hotseat import HotseatGame
            try:
                game = HotseatGame.resume(Path(args.resume))
            except SaveError as err:
                raise UserError(str(err)) from None
            except OSError as err:   # resuming writes the save again: its folder is read-only
                raise UserError(f"cannot save the game in {args.resume}: "
                                f"{err.strerror or err}") from None
            flow.open(game)
        else:
            flow.start_menu()
        app.run(frames=args.frames)
        flow.close_game()
    finally:
        pygame.quit()
    return 0
