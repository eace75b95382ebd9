"""Hashes of the shipped scenarios played by bots for a few turns: run before and after a
refactor and compare the output (it must not change for ruleset 1).

    PYTHONPATH=. python tools/replay_hashes.py [--turns 4] [--seed 7] [--set ruleset=1]

The shipped scenarios play ruleset 2, so a change to ruleset 2 changes this output; ``--set
ruleset=1`` (any rule parameter, as for ``casus simulate``) plays them under ruleset 1, whose
hashes must never change.

Each line is a scenario, a turn, the engine state's canonical hash after that turn and a hash of
the match's whole event log, secrets aside (so messages, reports and orders count as well as states).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys

from game.bots.driver import play_bot_seats
from game.cli.common import with_settings
from game.data import MAPS_DIR
from game.engine import state_hash
from game.maps import load_scenario
from game.match import Match, MatchSettings


SECRETS = frozenset({"token", "umpire", "password_salt"})


def log_hash(log: list) -> str:
    # Seat and umpire tokens and the password salt are secrets drawn fresh each time (not game
    # state): left out of the hash.
    # Proposal ids are random too: each is replaced by its order of first appearance.
    kept = [{k: v for k, v in event.items() if k not in SECRETS} for event in log]
    text = json.dumps(kept, sort_keys=True, separators=(",", ":"), default=repr)
    ids: dict[str, str] = {}
    text = re.sub(r"\bX_[0-9a-f]{10}\b", lambda m: ids.setdefault(m.group(), f"P{len(ids)}"), text)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=4)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="override a rule parameter, e.g. --set ruleset=1 (repeatable)")
    args = parser.parse_args(argv)
    for path in sorted(MAPS_DIR.glob("*.scenario.toml")):
        scenario = with_settings(load_scenario(path), args.set)
        settings = MatchSettings(seed=args.seed, seats={p: "bot" for p in scenario.power_ids})
        match, _ = Match.create(scenario, match_id="hashes", now=0.0, settings=settings)
        seen = match.turn
        for _ in range(args.turns * 50):
            if match.phase != "planning" or match.turn > args.turns:
                break
            play_bot_seats(match, 0.0)
            if match.turn != seen:
                seen = match.turn
                print(f"{scenario.name} turn {match.turn}: state {state_hash(match.state)[:16]} "
                      f"log {log_hash(match.log)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
