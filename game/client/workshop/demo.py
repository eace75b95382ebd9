"""Try the umpire's console on one machine: a workshop match in this process whose powers
play random orders, and the console as the umpire.

    python -m game.client.workshop.demo                       # a window
    python -m game.client.workshop.demo --review --size 1920x1080
    python -m game.client.workshop.demo --shots /tmp/console  # each tab to a PNG, no window

Every power plays random orders (game/bots/random_orders.py; some are refused, as a
careless player's would be) and is ready at once; with ``--review`` each result waits in
the Review tab for your release, so a facilitator can rehearse a session before the day.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from typing import Any

import numpy as np

from game.bots.random_orders import random_orders
from game.match import MatchSettings


def play_for_everyone(host: Any, conns: dict[str, Any], rng: np.random.Generator) -> None:
    """Each power not yet ready this turn sends random orders and says it is ready."""
    match = host.match
    if match.phase != "planning" or match.paused:
        return
    orders = None
    for power, conn in conns.items():
        if match.ready.get(power) or match.state.power(power).eliminated:
            continue
        orders = orders or random_orders(match.state, rng, garbage=0.0)
        conn.send({"type": "orders", "orders": orders[power]})
        conn.send({"type": "ready", "ready": True})
        conn.poll()


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(x) for x in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"a size is WIDTHxHEIGHT, like 1280x720, "
                                         f"not {text!r}") from None
    return w, h


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m game.client.workshop.demo",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", default="tutorial", help="a scenario name or file")
    parser.add_argument("--review", action="store_true", help="hold each result for review")
    parser.add_argument("--deadline", type=float, default=600.0,
                        help="seconds of planning per turn (default 600)")
    parser.add_argument("--size", type=_size, default=(1280, 720), help="window size")
    parser.add_argument("--shots", type=Path, help="save each tab as a PNG here and quit")
    parser.add_argument("--bench", action="store_true",
                        help="print each tab's rebuild and frame times (no window) and quit")
    args = parser.parse_args(argv)
    if args.shots is not None or args.bench:
        os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
        os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

    from game.client.app import App
    from game.client.model import MatchModel
    from game.maps import load_scenario, resolve_scenario

    from .console import ConsoleScreen
    from .host import WorkshopHost
    from .panels import CONSOLE_PANELS
    try:
        scenario = load_scenario(resolve_scenario(args.scenario))
    except Exception as err:    # a bad name or file: one sentence, no traceback
        print(f"cannot open scenario {args.scenario!r}: {err}", file=sys.stderr)
        return 2
    host = WorkshopHost.new(scenario, MatchSettings(seed=1, deadline=args.deadline,
                                                    review=args.review))
    conns = {p: host.join(p, f"Player {i + 1}") for i, p in enumerate(scenario.power_ids)}
    rng = np.random.default_rng(1)
    umpire = host.connect("umpire")
    model = MatchModel.from_snapshot(umpire.poll()[0]["snapshot"])
    app = App(args.size, title="Casus Foederis — umpire's console")
    screen = ConsoleScreen(app, umpire, model, map_doc=scenario.map_doc, on_leave=app.quit)
    app.push(screen)
    def each_frame(_app: Any) -> None:
        host.tick()
        play_for_everyone(host, conns, rng)
    if args.bench:
        play_for_everyone(host, conns, rng)
        app.run(frames=3)
        bench(app, screen, CONSOLE_PANELS, args.size)
        return 0
    if args.shots is None:
        app.on_frame = each_frame
        app.run()
        return 0
    args.shots.mkdir(parents=True, exist_ok=True)
    conns["RED" if "RED" in conns else next(iter(conns))].send(
        {"type": "intent", "text": "Hold the north; sound out the neighbours."})
    play_for_everyone(host, conns, rng)     # one turn, held for review with --review
    app.run(frames=3)
    for cls in CONSOLE_PANELS:
        screen.sidebar.select_title(cls.title)
        app.run(frames=4)
        path = args.shots / f"console_{cls.title.lower()}_{args.size[0]}x{args.size[1]}.png"
        app.screenshot(path)
        print(path)
    return 0


def bench(app: Any, screen: Any, panels: list[Any], size: tuple[int, int]) -> None:
    """Print, for each tab, the median time to rebuild it and to run one frame with it
    shown (pygame_gui's widgets dominate both)."""
    import statistics
    import time
    print(f"console tabs at {size[0]}x{size[1]} (median of 15; ms)")
    print(f"{'tab':<10}{'rebuild':>10}{'frame':>10}")
    for cls in panels:
        screen.sidebar.select_title(cls.title)
        app.run(frames=2)
        tab = screen.sidebar.panels[screen.sidebar.current]
        rebuilds, frames = [], []
        for _ in range(15):
            t0 = time.perf_counter()
            tab.rebuild()
            rebuilds.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            app.run(frames=1)
            frames.append(time.perf_counter() - t0)
        print(f"{cls.title:<10}{statistics.median(rebuilds) * 1000:>10.1f}"
              f"{statistics.median(frames) * 1000:>10.1f}")


if __name__ == "__main__":
    sys.exit(main())
