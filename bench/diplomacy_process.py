"""Times the `diplomacy` package's Game.process() on its standard map with random orders.

Run by bench/adjudicate.py in a virtual environment of its own (the package is not a
dependency of the game). Prints one JSON line: {"median_ms": ..., "orders_per_s": ...}.
"""

import json
import random
import statistics
import sys
import time

from diplomacy import Game


def main(phases: int = 60, seed: int = 1) -> None:
    random.seed(seed)
    times, orders = [], 0
    game = Game()
    while len(times) < phases:
        if game.is_game_done:
            game = Game()
        possible = game.get_all_possible_orders()
        count = 0
        for power in game.powers.values():
            chosen = [random.choice(possible[loc]) for loc in
                      game.get_orderable_locations(power.name) if possible[loc]]
            game.set_orders(power.name, chosen)
            count += len(chosen)
        start = time.perf_counter()
        game.process()
        times.append((time.perf_counter() - start) * 1000)
        orders += count
    print(json.dumps({"median_ms": statistics.median(times),
                      "orders_per_s": orders / (sum(times) / 1000), "phases": phases}))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 60)
