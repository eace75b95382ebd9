"""``casus bot``: a bot in a seat of an online match.

    casus bot ws://HOST:PORT --match ID --seat POWER [--token T] [--personality NAME]
              [--scenario SCENARIO] [--name NAME] [--ask-password]

Joins the seat (or rejoins it with ``--token``, printed on the first join; or with
``--token-file FILE`` or ``CASUS_TOKEN``, which ``ps`` does not show) and plays until the
match is over, deciding exactly as a bot seat of the host would (docs/BOTS.md). A free seat
of a match with a password needs the password, from ``--ask-password`` or
``CASUS_PASSWORD`` (``--password`` shows in ``ps``). A lost connection is retried with the
client's backoff and the seat taken back with its token.
"""

from __future__ import annotations

import argparse
import asyncio
import sys

from game.cli.main import UserError
from game.cli.tokens import add_password_options, add_token_options, password_of, token_of


def register(subparsers: argparse._SubParsersAction) -> None:
    from game.bots.personality import PERSONALITIES
    parser = subparsers.add_parser(
        "bot", help="play a seat of an online match with a bot",
        description="Play a seat of an online match with a bot until the match is over.")
    parser.add_argument("url", help="the host, e.g. ws://127.0.0.1:8765")
    parser.add_argument("--match", required=True, help="the match id (casus join lists them)")
    parser.add_argument("--seat", required=True, help="the power to play, e.g. FRA")
    add_token_options(parser, "the seat token, to take back a seat held before")
    add_password_options(parser)
    parser.add_argument("--personality", default="",
                        help=f"one of {', '.join(PERSONALITIES)} (default {PERSONALITIES[0]})")
    parser.add_argument("--scenario",
                        help="a scenario file or shipped name whose rule parameters the bot "
                             "should assume (default: the match's own, as the host sends them)")
    parser.add_argument("--name", default="",
                        help="the name others see (default: '<personality> bot')")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from game.bots.personality import PERSONALITIES
    if not args.url.startswith(("ws://", "wss://")):
        raise UserError(f"the host is a ws:// or wss:// address, not {args.url!r}")
    if args.personality and args.personality not in PERSONALITIES:
        raise UserError(f"there is no bot personality {args.personality!r}; choose one of "
                        f"{', '.join(PERSONALITIES)}")
    token = token_of(args)
    password = password_of(args, command="bot")
    rules = None
    if args.scenario:
        from game.cli.common import load_scenario_arg
        rules = load_scenario_arg(args.scenario).rules
    from websockets.exceptions import InvalidHandshake

    from game.bots.network import BotError, run_bot
    from game.client.net import explain

    def say(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    try:
        winner = asyncio.run(run_bot(args.url, args.match, args.seat, token=token,
                                     password=password, personality=args.personality,
                                     name=args.name, rules=rules, say=say))
    except BotError as err:
        raise UserError(str(err)) from None
    except (OSError, InvalidHandshake) as err:   # the first connection failed
        raise UserError(explain(args.url, err)) from None
    if winner is None:
        say("the host could not be reached again before the match ended")
        return 1
    print(f"match over: {winner.get('kind')} win for {', '.join(winner.get('powers', []))}")
    return 0
