"""How long checking a map takes: check_map on each shipped map (the overlap sampling is
most of it), and loading each shipped scenario the first time and again in one process
(the map's verdict is kept, so a second load skips the check).

    python bench/map_check.py --rounds 5

Prints one line per shipped map and one per scenario, the median of the rounds in ms.
"""

from __future__ import annotations

import argparse
import statistics
import time

from game.maps import check_map, list_scenarios, load_scenario
from game.maps.files import map_path, read_scenario_docs


def _ms(seconds: list[float]) -> str:
    return f"{statistics.median(seconds) * 1000:7.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    scenarios = list_scenarios()
    for info in scenarios:
        doc, map_doc = read_scenario_docs(info.path)
        times = []
        for _ in range(args.rounds):
            start = time.perf_counter()
            check_map(map_doc, str(map_path(info.path, doc)))
            times.append(time.perf_counter() - start)
        print(f"check_map {map_path(info.path, doc).name:24} {_ms(times)} "
              f"({len(map_doc['territories'])} territories)")
    for info in scenarios:
        start = time.perf_counter()
        load_scenario(info.path)
        first = time.perf_counter() - start
        again = []
        for _ in range(args.rounds):
            start = time.perf_counter()
            load_scenario(info.path)
            again.append(time.perf_counter() - start)
        print(f"load_scenario {info.name:20} first {first * 1000:7.1f} ms, again {_ms(again)}")


if __name__ == "__main__":
    main()
