"""How fast a bot decides: milliseconds per power per turn on europe-1939.

    .venv/bin/python bench/bot_turn.py [--scenario europe-1939] [--games 3] [--seed 0]

Plays bot-only games (every personality in turn, as ``casus simulate`` deals them) and
times each bot's whole decision for its turn: reading its view into a board, appraising
threats, diplomacy and orders (``game.bots.decide.decide``), plus answering the proposals
that name it (which decides again, to know whom it attacks) and reading its memory of
proposals from the log. Prints the median, 95th percentile and maximum.

Target: a median under 20 ms and a maximum under 100 ms on europe-1939.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

# The checkout this script belongs to, not whichever copy the venv has installed.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.bots.decide import answers, decide  # noqa: E402
from game.bots.driver import play_bot_seats, seen_by  # noqa: E402
from game.simulate import Spec  # noqa: E402
from game.maps import load_scenario, resolve_scenario  # noqa: E402
from game.match import Match, MatchSettings  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scenario", default="europe-1939")
    parser.add_argument("--games", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    scenario = load_scenario(resolve_scenario(args.scenario))
    times: list[float] = []
    for game in range(args.games):
        players = Spec().players(scenario, game, args.seed)
        settings = MatchSettings(seed=args.seed + game, seats={p: "bot" for p in players},
                                 personalities=players)
        match, _ = Match.create(scenario, match_id=f"bench-{game}", now=0.0,
                                settings=settings)
        while match.phase == "planning":
            for power in match.powers:
                if match.state.power(power).eliminated:
                    continue
                start = time.perf_counter()
                seen = seen_by(match, power)
                decide(seen, players[power])
                answers(seen, players[power])
                times.append((time.perf_counter() - start) * 1000)
            play_bot_seats(match, 0.0)
    times.sort()
    p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
    print(f"{args.scenario}: {len(times)} bot turns over {args.games} games")
    print(f"decision time per bot turn: median {statistics.median(times):.1f} ms, "
          f"p95 {p95:.1f} ms, max {times[-1]:.1f} ms (target: median < 20 ms, "
          f"max < 100 ms)")


if __name__ == "__main__":
    main()
