"""Frame times of the map renderer, headless, at 1920×1080 with all alliance links on.

    .venv/bin/python bench/client_fps.py [--frames 300] [--size 1920x1080]

For the largest shipped map (game/data/maps/*.map.json, with its scenario if one names it) and a
2,000-territory map (``game.maps.generate`` when it exists, else the renderer's own jittered
grid stand-in), renders frames with the hover moving across the map every frame, and prints
frame-time p50 and p95 and the fps they imply, then the same for a replay of a very busy
turn (synthetic report: moves, battles, captures, retreats); last, whole frames of the
hot-seat game screen with a draft of attack arrows. The static layer is built once before timing
(as it is when a turn's view arrives); a pan-and-zoom run is reported separately because
zooming rebuilds the cache.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pygame  # noqa: E402

from game.render import MapRenderer, TurnReplay  # noqa: E402
from game.render.sample import sample_map, sample_powers  # noqa: E402
from game.data import MAPS_DIR  # noqa: E402

COLOURS = ["#b03a2e", "#2e5f9e", "#3f7d3a", "#c9a227", "#7d4e9e", "#2f8f8f", "#a0522d",
           "#5d6d7e", "#c0627a", "#6b8e23", "#8b6f47", "#34495e"]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def cpu_figures(cpu: list[float]) -> str:
    """CPU time of the frames: on a shared machine the wall clock counts other processes."""
    return (f"CPU p50 {percentile(cpu, 0.5) * 1000:.2f} ms, "
            f"p95 {percentile(cpu, 0.95) * 1000:.2f} ms")


def synthetic_view(map_doc: dict[str, Any], powers: list[dict[str, Any]], seed: int = 1,
                   pacts: int = 12, wars: int = 6) -> dict[str, Any]:
    """A plausible view: contiguous-ish ownership by power, forces, pacts and wars."""
    rng = random.Random(seed)
    terrs = map_doc["territories"]
    ids = [p["id"] for p in powers]
    # Owners by horizontal bands of the map, so countries look like countries.
    xs = sorted(t.get("pos", [0, 0])[0] for t in terrs)
    view_t = {}
    for t in terrs:
        x = t.get("pos", [0, 0])[0]
        band = min(len(ids), int(len(ids) * xs.index(x) / max(1, len(xs)) * 1.15))
        owner = ids[band] if band < len(ids) and rng.random() > 0.08 else None
        forces = {owner: rng.randint(1, 14)} if owner else {"neutral": rng.randint(0, 3)}
        view_t[t["id"]] = {"owner": owner, "forces": forces if rng.random() > 0.3 else None}
    pact_docs = []
    kinds = ["defensive", "offensive", "non_aggression", "peace"]
    for k in range(pacts):
        a, b = rng.sample(ids, 2)
        kind = kinds[k % 4]
        doc = {"id": f"P{k + 1}", "kind": kind, "members": [a, b], "status": "active",
               "engaged_against": [rng.choice(ids)] if k % 3 == 0 else [],
               "secret": k % 5 == 0, "revealed": False,
               "target": rng.choice([i for i in ids if i not in (a, b)]) if kind == "offensive" else None}
        if kind == "peace":
            doc["sides"] = [[a], [b]]
        pact_docs.append(doc)
    war_docs = [{"between": rng.sample(ids, 2), "aggressor": None} for _ in range(wars)]
    return {"turn": 1, "territories": view_t, "pacts": pact_docs, "wars": war_docs,
            "powers": {i: {"eliminated": False} for i in ids}}


def with_capitals(map_doc: dict[str, Any], powers: list[dict[str, Any]]) -> None:
    """Give each power a capital if the map has none (links need somewhere to start)."""
    if any(t.get("capital_of") for t in map_doc["territories"]):
        return
    terrs = sorted(map_doc["territories"], key=lambda t: t.get("pos", [0, 0])[0])
    for k, p in enumerate(powers):
        terrs[int((k + 0.5) * len(terrs) / len(powers))]["capital_of"] = p["id"]


Source = tuple[str, dict[str, Any], list[dict[str, Any]], dict[str, Any] | None]


def engine_view(map_doc: dict[str, Any], scenario_doc: dict[str, Any]) -> dict[str, Any] | None:
    """The spectator's view of the scenario's first turn, through the engine."""
    try:
        from game.engine import build_scenario, initial_state
        from game.engine.view import view
        return view(initial_state(build_scenario(map_doc, scenario_doc), seed=1), "spectator")
    except Exception as err:  # a map still being drawn: fall back to made-up ownership
        print(f"(the engine could not start this scenario: {err}; using a synthetic view)")
        return None


def with_links(doc: dict[str, Any], synthetic: dict[str, Any]) -> dict[str, Any]:
    """A real view with made-up pacts and wars added, so every frame draws many links."""
    return {**doc, "pacts": list(doc.get("pacts", [])) + synthetic["pacts"],
            "wars": list(doc.get("wars", [])) + synthetic["wars"]}


def powers_of(scenario_doc: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"id": p["id"], "name": p.get("name", p["id"]), "color": p.get("color", "#888888")}
            for p in scenario_doc.get("powers", [])]


def largest_shipped_map() -> Source | None:
    files = sorted(MAPS_DIR.glob("*.map.json"))
    if not files:
        return None
    docs = [(f, json.loads(f.read_text())) for f in files]
    path, doc = max(docs, key=lambda fd: len(fd[1].get("territories", [])))
    for scen in sorted(MAPS_DIR.glob("*.scenario.toml")):
        try:
            import tomllib
            sdoc = tomllib.loads(scen.read_text())
        except Exception:
            continue
        if sdoc.get("map") == path.name:
            return path.name, doc, powers_of(sdoc), sdoc
    powers = [{"id": f"P{k}", "name": f"Power {k}", "color": c} for k, c in enumerate(COLOURS[:8])]
    return path.name, doc, powers, None


def generated_map() -> Source:
    try:
        from game.maps.generate import generate  # type: ignore[import-not-found]
    except ImportError:
        generate = None
    if generate is not None:
        try:
            map_doc, scenario_doc = generate(2000, 8, 11)
            return "game.maps.generate(2000)", map_doc, powers_of(scenario_doc), scenario_doc
        except Exception as err:  # the generator's API is still settling
            print(f"(game.maps.generate failed: {err!r}; using the grid stand-in)")
    doc = sample_map(cols=52, rows=40, cell=38.0, seed=11, sea_cells=set())
    powers = [{"id": f"P{k}", "name": f"Power {k}", "color": c} for k, c in enumerate(COLOURS)]
    return f"grid stand-in ({len(doc['territories'])} territories)", doc, powers, None


def bench(source: Source, size: tuple[int, int], frames: int) -> None:
    label, map_doc, powers, scenario_doc = source
    real = engine_view(map_doc, scenario_doc) if scenario_doc else None
    if real is None:
        with_capitals(map_doc, powers)
    screen = pygame.display.set_mode(size)
    t0 = time.perf_counter()
    renderer = MapRenderer(map_doc, powers, size)
    setup = time.perf_counter() - t0
    synthetic = synthetic_view(map_doc, powers)
    renderer.set_view(with_links(real, synthetic) if real else synthetic)
    renderer.zoom_settle = 0  # measure the real cost of a rebuild, not the stretched frame
    t0 = time.perf_counter()
    renderer.draw(screen, 0.0)
    first = time.perf_counter() - t0
    times, cpu = [], []
    w, h = size
    for k in range(frames):
        x = (k * 37) % w
        y = h / 2 + (h / 3) * ((k % 60) / 60 - 0.5)
        t0, c0 = time.perf_counter(), time.thread_time()
        renderer.hover_at((x, y))
        renderer.draw(screen, k / 60)
        pygame.display.flip()
        times.append(time.perf_counter() - t0)
        cpu.append(time.thread_time() - c0)
    p50, p95 = percentile(times, 0.5) * 1000, percentile(times, 0.95) * 1000
    n = len(renderer.geometry)
    print(f"{label}: {n} territories, {len(renderer.links)} links, {w}x{h}"
          f"{' (engine view)' if real else ' (synthetic view)'}")
    print(f"  geometry {setup * 1000:.0f} ms, first frame (static layer build) {first * 1000:.0f} ms")
    print(f"  hover + links: p50 {p50:.2f} ms, p95 {p95:.2f} ms, "
          f"fps {1000 / p50:.0f} (p50) / {1000 / p95:.0f} (p95); {cpu_figures(cpu)}")
    # Panning (mostly within the cache margin) and zooming (rebuilds) for the record.
    times, cpu = [], []
    renderer.camera.zoom_at((w / 2, h / 2), 2.0)
    for k in range(min(frames, 240)):
        t0, c0 = time.perf_counter(), time.thread_time()
        renderer.camera.pan(4, 2)
        if k % 60 == 59:
            renderer.camera.zoom_at((w / 2, h / 2), 1.25)
        renderer.draw(screen, k / 60)
        times.append(time.perf_counter() - t0)
        cpu.append(time.thread_time() - c0)
    builds = renderer.layer_builds
    print(f"  pan + zoom:    p50 {percentile(times, 0.5) * 1000:.2f} ms, "
          f"p95 {percentile(times, 0.95) * 1000:.2f} ms, max {max(times) * 1000:.0f} ms, "
          f"{builds} static-layer builds in all; {cpu_figures(cpu)}")


def synthetic_report(map_doc: dict[str, Any], powers: list[dict[str, Any]], seed: int = 3,
                     scale: float = 1.0) -> dict[str, Any]:
    """A busy turn along the map's edges: moves, battles, captures and retreats."""
    rng = random.Random(seed)
    edges = map_doc.get("edges") or [[t["id"], t["id"], "land"] for t in map_doc["territories"]]
    pids = [p["id"] for p in powers]
    events: list[dict[str, Any]] = []
    for _ in range(int(600 * scale)):
        a, b, kind = rng.choice(edges)
        events.append({"type": "moved", "power": rng.choice(pids), "from": a, "to": b,
                       "n": rng.randint(1, 9), "sea": kind == "sea"})
    for _ in range(int(300 * scale)):
        a, b, _kind = rng.choice(edges)
        p1, p2 = rng.sample(pids, 2)
        events.append({"type": "battle", "kind": "territory", "territory": b,
                       "attackers": {p1: 6}, "defenders": {p2: 3}, "attackers_after": {p1: 4},
                       "defenders_after": {p2: 0}, "winner": "attackers"})
        events.append({"type": "captured", "territory": b, "power": p1, "from": p2})
        events.append({"type": "retreated", "power": p2, "from": b, "to": a, "n": 1})
    return {"events": events}


def bench_replay(source: Source, size: tuple[int, int]) -> None:
    """Replay frames at 30 frames per replay second over a very busy turn, zoomed to fit."""
    label, map_doc, powers, _scenario_doc = source
    with_capitals(map_doc, powers)
    screen = pygame.display.set_mode(size)
    renderer = MapRenderer(map_doc, powers, size)
    view_doc = synthetic_view(map_doc, powers)
    renderer.set_view(view_doc)
    scale = min(1.0, len(map_doc["territories"]) / 2000)
    replay = TurnReplay(synthetic_report(map_doc, powers, scale=scale), view_doc, view_doc)
    times, cpu = [], []
    t = 0.0
    while t < replay.duration - 0.5:   # the last frame switches views: a layer rebuild
        t0, c0 = time.perf_counter(), time.thread_time()
        renderer.draw(screen, t, replay=replay, replay_t=t)
        pygame.display.flip()
        times.append(time.perf_counter() - t0)
        cpu.append(time.thread_time() - c0)
        t += 1 / 30
    events = len(replay.report["events"])
    print(f"  replay ({events} events, {replay.duration:.1f} s): "
          f"p50 {percentile(times, 0.5) * 1000:.2f} ms, p95 {percentile(times, 0.95) * 1000:.2f} ms;"
          f" {cpu_figures(cpu)}")


def bench_game_screen(size: tuple[int, int], frames: int) -> None:
    """Whole frames of the hot-seat game screen (map, links, a draft of attack arrows with
    their odds, top bar, sidebar panels, order list, widgets) on the largest shipped
    scenario, with the mouse moving over the map."""
    from game.client.app import App
    from game.client.hotseat import HotseatGame, SeatChoice
    from game.client.screens.game import GameScreen
    from game.maps import list_scenarios, load_scenario

    infos = list_scenarios()
    if not infos:
        return
    info = max(infos, key=lambda i: len(i.powers))
    scenario = load_scenario(info.path)
    seats = {p.id: SeatChoice("human", p.name) for p in scenario.powers}
    game = HotseatGame.new(scenario, seats, fog=False, seed=1)
    terrs = game.public.view["territories"]
    # The power with the most stacks: the busiest draft of arrows.
    power = max((p.id for p in scenario.powers),
                key=lambda pid: sum(bool((t.get("forces") or {}).get(pid))
                                    for t in terrs.values()))
    app = App(size)
    screen = GameScreen(app, game.conns[power], game.models[power], map_doc=scenario.map_doc,
                        rules=scenario.rules, draft=game.draft(power), on_done=lambda: None)
    app.push(screen)
    app.run(frames=2)
    view_doc = game.models[power].view
    for tid, terr in view_doc["territories"].items():
        if (terr.get("forces") or {}).get(power):
            for other in list(screen.facts.neighbours.get(tid, {}))[:2]:
                screen.add_move(tid, other)
    app.run(frames=5)
    screen.toasts = []
    times, cpu = [], []
    w, h = screen.map.rect.size
    for k in range(frames):
        pos = (int(screen.map.rect.x + (k * 37) % w), int(screen.map.rect.y + h / 2))
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(1, 0),
                                             buttons=(0, 0, 0)))
        t0, c0 = time.perf_counter(), time.thread_time()
        app.step(1 / 60)
        times.append(time.perf_counter() - t0)
        cpu.append(time.thread_time() - c0)
    print(f"game screen ({scenario.name}, {len(screen.draft)} orders with arrows and odds, "
          f"{len(screen.sidebar.panels) if screen.sidebar else 0} panels), "
          f"{size[0]}x{size[1]}:")
    print(f"  whole frame: p50 {percentile(times, 0.5) * 1000:.2f} ms, "
          f"p95 {percentile(times, 0.95) * 1000:.2f} ms, "
          f"fps {1 / percentile(times, 0.5):.0f} (p50) / "
          f"{1 / percentile(times, 0.95):.0f} (p95)")
    print(f"  {cpu_figures(cpu)}")
    game.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=300)
    parser.add_argument("--size", default="1920x1080")
    args = parser.parse_args()
    size = tuple(int(v) for v in args.size.split("x"))
    pygame.init()
    shipped = largest_shipped_map()
    if shipped is None:
        shipped = ("sample map (no shipped maps yet)", sample_map(), sample_powers(), None)
    bench(shipped, size, args.frames)
    bench_replay(shipped, size)
    generated = generated_map()
    bench(generated, size, args.frames)
    bench_replay(generated, size)
    bench_game_screen(size, args.frames)


if __name__ == "__main__":
    main()
