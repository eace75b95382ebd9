"""Frame times of the projector screen, headless: whole frames (poll, replay, map, report
column, captions, header) while the last turn replays.

    .venv/bin/python bench/projector.py [--frames 240] [--scenario tutorial,europe-1939]

For each scenario and each of 1920×1080 and 1280×720: a workshop match on this computer
(WorkshopHost) where every power marches from each territory it holds into a neighbour, the
projector joined as a spectator before the turn, two public captions up; the frames of the
replay that follows are timed (``App.step``, the flip included). Prints p50 and p95 frame
times in milliseconds and the fps the p95 allows.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.client.app import App  # noqa: E402
from game.client.model import MatchModel  # noqa: E402
from game.client.screens.projector import ProjectorScreen  # noqa: E402
from game.client.workshop import WorkshopHost  # noqa: E402
from game.maps import load_scenario, resolve_scenario  # noqa: E402
from game.match import MatchSettings  # noqa: E402


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def busy_orders(host: WorkshopHost, power: str) -> list[dict]:
    """Half of every stack of ``power`` marches to its first neighbour (wars declared on
    every neighbour first, so battles follow)."""
    view = host.match.snapshot(power)["view"]
    doc = host.match.scenario.map_doc
    near: dict[str, list[str]] = {}
    for a, b, *_ in doc.get("edges", []):
        near.setdefault(a, []).append(b)
        near.setdefault(b, []).append(a)
    orders: list[dict] = []
    enemies: set[str] = set()
    for tid, t in view["territories"].items():
        n = (t.get("forces") or {}).get(power, 0)
        if t.get("owner") != power or n < 2 or not near.get(tid):
            continue
        to = near[tid][0]
        owner = view["territories"].get(to, {}).get("owner")
        if owner and owner != power:
            enemies.add(owner)
        orders.append({"op": "move", "from": tid, "to": to, "n": n // 2})
    return [{"op": "declare_war", "target": e} for e in sorted(enemies)] + orders[:200]


def run(scenario_name: str, size: tuple[int, int], frames: int) -> tuple[float, float, int]:
    scenario = load_scenario(resolve_scenario(scenario_name))
    now = [1000.0]
    host = WorkshopHost.new(scenario, MatchSettings(seed=1, fog=False, deadline=600),
                            clock=lambda: now[0], match_id="bench")
    powers = [p.id for p in scenario.powers]
    conns = {p: host.join(p, p.lower()) for p in powers}
    umpire = host.connect("umpire")
    spec = host.connect("spectator")
    model = MatchModel.from_snapshot(spec.poll()[0]["snapshot"])
    app = App(size)
    screen = ProjectorScreen(app, spec, model, map_doc=scenario.map_doc)
    app.push(screen)
    app.run(frames=2)
    umpire.send({"type": "chat", "channel": "public", "text": "Welcome, everyone."})
    umpire.send({"type": "inject", "inject": {"kind": "announcement", "title": "Summit",
                                              "text": "The powers meet in the capital."}})
    for p in powers:
        conns[p].send({"type": "orders", "orders": busy_orders(host, p)})
    for p in powers:
        conns[p].send({"type": "ready", "ready": True})
    app.run(frames=2)
    assert screen.show.replay is not None, "the turn did not reach the projector"
    times = []
    for _ in range(frames):
        t0 = time.perf_counter()
        app.step(1 / 60)
        times.append((time.perf_counter() - t0) * 1000)
    return percentile(times, 0.5), percentile(times, 0.95), len(screen.show.rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--frames", type=int, default=240)
    parser.add_argument("--scenario", default="tutorial,europe-1939")
    args = parser.parse_args()
    for name in args.scenario.split(","):
        for size in ((1920, 1080), (1280, 720)):
            p50, p95, rows = run(name, size, args.frames)
            print(f"{name:14} {size[0]}x{size[1]}  report rows {rows:4}  frame p50 "
                  f"{p50:6.2f} ms  p95 {p95:6.2f} ms  ({1000 / p95:5.0f} fps at p95)")


if __name__ == "__main__":
    main()
