"""How fast the adjudicator is: median milliseconds per busy turn on generated maps.

    .venv/bin/python bench/adjudicate.py [--repeat 15] [--sizes 50,500,2000,5000] [--no-diplomacy]

For each size, a generated map and scenario (game.maps.generate) with every power at war with
its neighbours; each measured turn gives every power random orders moving most of its
stacks (game.bots.random_orders). The same run times the `diplomacy` package's
Game.process() on its standard map with random orders, installed in a virtual environment
of its own under bench/ (skipped with a message if it cannot be had).

Target: a 2,000-territory, 40-power turn under 50 ms median, and more orders
adjudicated per second than the diplomacy package.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
import venv
from pathlib import Path

import numpy as np

from game.bots.random_orders import random_orders
from game.engine import State, adjudicate, build_scenario, initial_state
from game.maps.generate import generate

HERE = Path(__file__).resolve().parent
DIPLOMACY_VENV = HERE / ".venv-diplomacy"


def powers_for(territories: int) -> int:
    return max(4, territories // 50)


def at_war_with_neighbours(state: State) -> State:
    """Play one turn in which every power declares war on every power it borders."""
    graph = state.scenario.map
    ids = state.scenario.power_ids
    owner = state.owner
    src, dst = graph.edge_src, graph.edge_dst
    a, b = owner[src], owner[dst]
    pairs = {(int(p), int(q)) for p, q in zip(a, b) if p >= 0 and q >= 0 and p < q}
    orders: dict[str, list] = {pid: [] for pid in ids}
    for p, q in sorted(pairs):
        orders[ids[p]].append({"op": "declare_war", "target": ids[q]})
    new_state, _report = adjudicate(state, orders)
    return new_state


def time_engine(territories: int, repeat: int, seed: int = 1) -> dict:
    n_powers = powers_for(territories)
    map_doc, scenario_doc = generate(territories, n_powers, seed, shapes=False)
    scenario = build_scenario(map_doc, scenario_doc)
    state = at_war_with_neighbours(initial_state(scenario, seed=seed))
    rng = np.random.default_rng(seed)
    times, orders_total, battles = [], 0, 0
    for _ in range(repeat):
        orders = random_orders(state, rng, busy=0.9, garbage=0.0)
        start = time.perf_counter()
        _after, report = adjudicate(state, orders)
        times.append((time.perf_counter() - start) * 1000)
        orders_total += sum(len(v) for v in orders.values())
        battles += sum(1 for e in report["events"] if e["type"] == "battle")
    return {"territories": territories, "powers": n_powers,
            "median_ms": statistics.median(times), "p95_ms": float(np.percentile(times, 95)),
            "orders_per_turn": orders_total / repeat, "battles_per_turn": battles / repeat,
            "orders_per_s": orders_total / (sum(times) / 1000)}


def time_diplomacy(phases: int) -> dict | str:
    """The diplomacy package's figures, or the reason they could not be had."""
    python = DIPLOMACY_VENV / "bin" / "python"
    if not python.exists():
        print("setting up bench/.venv-diplomacy (once) ...", file=sys.stderr)
        venv.create(DIPLOMACY_VENV, with_pip=True)
        install = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "diplomacy"],
                                 capture_output=True, text=True)
        if install.returncode != 0:
            return "could not install the diplomacy package: " + install.stderr.strip()[-300:]
    run = subprocess.run([str(python), str(HERE / "diplomacy_process.py"), str(phases)],
                         capture_output=True, text=True)
    if run.returncode != 0:
        return "the diplomacy package failed: " + run.stderr.strip()[-300:]
    return json.loads(run.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=15, help="measured turns per size")
    parser.add_argument("--sizes", default="50,500,2000,5000")
    parser.add_argument("--no-diplomacy", action="store_true")
    args = parser.parse_args()
    print(f"{'territories':>11} {'powers':>6} {'orders/turn':>11} {'battles/turn':>12} "
          f"{'median ms':>9} {'p95 ms':>7} {'orders/s':>9}")
    for size in (int(s) for s in args.sizes.split(",")):
        r = time_engine(size, args.repeat)
        print(f"{r['territories']:>11} {r['powers']:>6} {r['orders_per_turn']:>11.0f} "
              f"{r['battles_per_turn']:>12.0f} {r['median_ms']:>9.1f} {r['p95_ms']:>7.1f} "
              f"{r['orders_per_s']:>9.0f}", flush=True)
    if not args.no_diplomacy:
        d = time_diplomacy(60)
        if isinstance(d, str):
            print(f"diplomacy package: skipped ({d})")
        else:
            print(f"diplomacy package, standard map, random orders: median "
                  f"{d['median_ms']:.2f} ms per process(), {d['orders_per_s']:.0f} orders/s")


if __name__ == "__main__":
    main()
