"""What a turn end costs the host in CPU, in-process: adjudication plus every seat's
``turn_result`` frame, as in bench/server_load.py's matches (10 seats on a 30-territory
ring, fog on, every power building and chatting, nine ready when the tenth ends the turn).

    .venv/bin/python bench/turn_end.py [--matches 100] [--rounds 7]

Prints the best and median of ``rounds`` rounds, each ending one turn in ``matches``
matches and encoding every push made, as the host does for the seats followed (here every
seat: the 10 powers, spectator, observer, analyst and umpire), with the part spent in
``set_ready`` (adjudication and the match's bookkeeping) apart from making the frames.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import server_load  # noqa: E402

from game import protocol  # noqa: E402
from game.match import Match, MatchSettings  # noqa: E402


def ready_match(scenario, seed: int) -> Match:
    match, _ = Match.create(scenario, match_id=f"m{seed}", now=0.0,
                            settings=MatchSettings(seed=seed, fog=True))
    for k in range(10):
        match.join(f"P{k}", 0.0)
    for k in range(10):
        match.submit_orders(f"P{k}", [{"op": "build", "territory": f"T{3 * k}", "n": 1}], 0.0)
        match.send_chat(f"P{k}", "public", "hi", 0.0)
    for k in range(9):
        match.set_ready(f"P{k}", True, 0.0)
    return match


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--matches", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    scenario = server_load.ring_scenario(10)
    times, engine = [], []
    for r in range(args.rounds):
        matches = [ready_match(scenario, 1000 * r + s) for s in range(args.matches)]
        gc.collect()
        gc.disable()   # the host collects when quiet (server/collector.py), not mid-burst
        start = time.perf_counter()
        outcomes = [match.set_ready("P9", True, 0.0) for match in matches]
        adjudicated = time.perf_counter()
        for outcome in outcomes:
            for push in outcome.pushes:
                assert protocol.encode(push.message)
        end = time.perf_counter()
        gc.enable()
        times.append((end - start) * 1000 / args.matches)
        engine.append((adjudicated - start) * 1000 / args.matches)
    best = min(range(len(times)), key=times.__getitem__)
    print(f"per turn end: best {times[best]:.3f} ms "
          f"(adjudication and match {engine[best]:.3f} ms, {len(outcomes[0].pushes)} frames "
          f"{times[best] - engine[best]:.3f} ms), median {statistics.median(times):.3f} ms "
          f"over {args.rounds} rounds of {args.matches} matches")


if __name__ == "__main__":
    main()
