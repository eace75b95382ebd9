"""Army size over a bot-only game: total units on the board at the start and at the end, and
the largest total any turn, for a few seeded games of a scenario, under ruleset 1 and 2.

    python bench/army_size.py europe-1939 --games 10 --seed 1000

Prints one line per ruleset: mean growth (units at the end / units at the start) and the
mean of the largest total, so the effect of ruleset 2's upkeep can be read in numbers.
"""

from __future__ import annotations

import argparse
import statistics
from dataclasses import replace

from game.bots.personality import PERSONALITIES
from game.simulate import play_game
from game.engine import rules_with
from game.maps import load_scenario, resolve_scenario


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario")
    parser.add_argument("--games", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1000)
    args = parser.parse_args()
    base = load_scenario(resolve_scenario(args.scenario))
    for ruleset in (1, 2):
        scenario = replace(base, rules=rules_with(base.rules, {"ruleset": ruleset}))
        growth, peak = [], []
        for g in range(args.games):
            players = {p: PERSONALITIES[(i + g) % len(PERSONALITIES)]
                       for i, p in enumerate(scenario.power_ids)}
            match = play_game(scenario, players, args.seed + g)
            totals = [int(match.state_at(t).forces.sum()) for t in range(1, match.turn + 1)]
            growth.append(totals[-1] / max(1, totals[0]))
            peak.append(max(totals))
        print(f"ruleset {ruleset}: {args.games} games of {scenario.name}: units at the end / "
              f"at the start {statistics.mean(growth):.2f}x (max {max(growth):.2f}x), "
              f"largest total {statistics.mean(peak):.0f} units on average")


if __name__ == "__main__":
    main()
