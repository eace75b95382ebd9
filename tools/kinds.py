"""What each kind of player made of its seats in bot-only games: the figures behind
"diplomacy pays" (docs/BOTS.md, "Where diplomacy does not yet pay").

    PYTHONPATH=. python tools/kinds.py europe-1939 --bots balancer,loner --games 20 --seed 1000

Plays the same games as ``casus simulate`` with the same arguments (the same deal and
seeds) and prints, per kind: seats, wins, territories lost and taken (from each kind and
from neutral land), wars declared on it and by it, and calls to arms it answered; then
per power and kind the mean final score and the wins, so a seat where the kind matters
shows apart from one where it does not.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from game.cli.common import load_scenario_arg  # noqa: E402
from game.engine.endturn import scores  # noqa: E402
from game.simulate import parse_spec, play_game  # noqa: E402

NEUTRAL = "neutral"


def tally(scenario_name: str, bots: str, games: int, seed: int
          ) -> tuple[Counter, dict, list[str]]:
    """Counts per kind (Counter of tuples), per (power, kind) the final scores and wins,
    and the powers in scenario order."""
    scenario = load_scenario_arg(scenario_name)
    spec = parse_spec(bots, scenario)
    ids = list(scenario.power_ids)
    count: Counter = Counter()
    # Per (power, kind): territories taken from neutral land and from powers, wars
    # declared on it.
    seat_count: Counter = Counter()
    seats: dict[tuple[str, str], list[tuple[float, bool]]] = defaultdict(list)
    for g in range(games):
        players = spec.players(scenario, g, seed)
        match = play_game(scenario, players, seed + g)
        states = list(match.states)
        final = states[-1]
        winners = set((final.winner or {}).get("powers", []))
        for power, score in scores(final).items():
            seats[(power, players[power])].append((float(score), power in winners))
        for kind in players.values():
            count[(kind, "seats")] += 1
        for power in winners:
            count[(players[power], "wins")] += 1

        def kind_of(owner: int) -> str:
            return players[ids[owner]] if owner >= 0 else NEUTRAL

        for before, after in zip(states, states[1:]):
            for t, (was, now) in enumerate(zip(before.owner.tolist(), after.owner.tolist())):
                if was == now:
                    continue
                if was >= 0:
                    count[(kind_of(was), "lost land")] += 1
                if now >= 0:
                    count[(kind_of(now), f"took from {kind_of(was)}")] += 1
                    seat_count[(ids[now], kind_of(now),
                                "neutral" if was < 0 else "powers")] += 1
        for report in match.reports:
            for e in report.get("events", []):
                if e["type"] == "war_declared" and e.get("aggressor"):
                    count[(players[e["power"]], "declared war")] += 1
                    count[(players[e["target"]], "war declared on it")] += 1
                    seat_count[(e["target"], players[e["target"]], "attacked")] += 1
                elif e["type"] == "called_to_war":
                    count[(players[e["power"]],
                           f"called by {e.get('cause')}: {e.get('answer', 'honoured')}")] += 1
    for (power, kind), got in seats.items():
        for what in ("neutral", "powers", "attacked"):
            seats_n = len(got)
            count[(power, kind, what)] = seat_count[(power, kind, what)] / seats_n
    return count, seats, ids


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("scenario")
    parser.add_argument("--bots", default="balancer,loner")
    parser.add_argument("--games", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1000)
    args = parser.parse_args()
    count, seats, powers = tally(args.scenario, args.bots, args.games, args.seed)
    kinds = sorted({key[0] for key in count if len(key) == 2})
    print(f"{args.games} games of {args.scenario}, --bots {args.bots}, seeds from {args.seed}")
    for kind in kinds:
        print(f"\n{kind}")
        for key, n in sorted(count.items()):
            if len(key) == 2 and key[0] == kind:
                print(f"  {key[1]:<34}{n:>6}")
    print("\nper seat: mean final score, wins / seats, and a game: territories taken from "
          "neutral land and from powers, wars declared on it")
    for power in powers:
        cells = []
        for kind in kinds:
            got = seats.get((power, kind), [])
            if got:
                mean = sum(s for s, _ in got) / len(got)
                n, p, a = (count[(power, kind, w)] for w in ("neutral", "powers", "attacked"))
                cells.append(f"{kind} {mean:7.1f} {sum(w for _, w in got):3d}/{len(got):<3d}"
                             f" {n:4.1f} {p:4.1f} {a:4.1f}")
        print(f"  {power:<6}" + "   ".join(cells))


if __name__ == "__main__":
    main()
