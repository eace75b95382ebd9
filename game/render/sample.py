"""A small made-up map with real shapes, for renderer tests, screenshots and the benchmark
while shipped maps are still being drawn. Not a game map: no balance, just geometry.

The map is a jittered grid whose cells share vertices (so borders meet exactly), with a sea
channel and a few bays cut out so coasts, islands and sea edges all appear.
"""

from __future__ import annotations

import random
from typing import Any

NAMES = (
    "Albion Vale", "Brenmark", "Calder", "Dunmore", "Eastreach", "Falkenrode", "Greywater",
    "Harrowgate", "Ilsenburg", "Jorvik", "Kestrel Moor", "Lindholm", "Marrow", "Northfen",
    "Osterby", "Pellucid", "Quarry Hills", "Ravensholm", "Saltmarsh", "Thornwick",
    "Umberfield", "Valmont", "Westerling", "Yarrow", "Zennor", "Ashford", "Brackenby",
    "Coldharbour", "Dovecote", "Elmstead",
)
TERRAINS = ("plains", "plains", "forest", "hills", "plains", "marsh", "mountains", "urban")


def sample_map(cols: int = 6, rows: int = 4, cell: float = 160.0, seed: int = 3,
               sea_cells: set[tuple[int, int]] | None = None) -> dict[str, Any]:
    """A map document (RULES.md §9) with ``pos`` and ``shape`` for every territory."""
    rng = random.Random(seed)
    margin = cell * 0.6
    verts: dict[tuple[int, int], tuple[float, float]] = {}
    for r in range(rows + 1):
        for c in range(cols + 1):
            jitter = cell * 0.18
            on_edge = r in (0, rows) or c in (0, cols)
            dx = rng.uniform(-jitter, jitter) * (0.5 if on_edge else 1)
            dy = rng.uniform(-jitter, jitter) * (0.5 if on_edge else 1)
            verts[(r, c)] = (margin + c * cell + dx, margin + r * cell + dy)
    if sea_cells is None:
        # A channel down the middle with one land bridge, and a bay in a corner.
        mid = cols // 2
        sea_cells = {(r, mid) for r in range(rows) if r != rows // 2} | {(rows - 1, 0)}
    territories = []
    ids: dict[tuple[int, int], str] = {}
    k = 0
    for r in range(rows):
        for c in range(cols):
            if (r, c) in sea_cells:
                continue
            corners = [verts[(r, c)], verts[(r, c + 1)], verts[(r + 1, c + 1)], verts[(r + 1, c)]]
            shape = _subdivide(corners, rng, cell)
            cx = sum(p[0] for p in corners) / 4
            cy = sum(p[1] for p in corners) / 4
            tid = f"T{k:04d}" if k >= len(NAMES) else NAMES[k][:3].upper() + str(k % 10)
            name = NAMES[k] if k < len(NAMES) else f"Province {k}"
            ids[(r, c)] = tid
            territories.append({"id": tid, "name": name,
                                "terrain": TERRAINS[(r * 7 + c * 3) % len(TERRAINS)],
                                "value": 1 + (r + c) % 3,
                                "pos": [round(cx, 1), round(cy, 1)],
                                "shape": [[round(x, 1), round(y, 1)] for x, y in shape]})
            k += 1
    edges = []
    for (r, c), tid in ids.items():
        for dr, dc in ((0, 1), (1, 0)):
            other = ids.get((r + dr, c + dc))
            if other:
                edges.append([tid, other, "land"])
        # Across one sea cell: a sea edge.
        for dr, dc in ((0, 2), (2, 0)):
            if (r + dr // 2, c + dc // 2) in sea_cells and ids.get((r + dr, c + dc)):
                edges.append([tid, ids[(r + dr, c + dc)], "sea"])
    size = [round(2 * margin + cols * cell), round(2 * margin + rows * cell)]
    return {"name": "Sample", "size": size, "territories": territories, "edges": edges}


def _subdivide(corners: list[tuple[float, float]], rng: random.Random,
               cell: float) -> list[tuple[float, float]]:
    """Corners plus a midpoint per side, nudged the same way from both sides of a border
    (seeded by the side's end points) so neighbours still share it exactly."""
    out = []
    for i in range(4):
        a, b = corners[i], corners[(i + 1) % 4]
        out.append(a)
        p, q = sorted((a, b))  # the same order from both sides, so the bend matches
        side_rng = random.Random(hash((p, q)) & 0xFFFFFFFF)
        mx, my = (a[0] + b[0]) / 2, (a[1] + b[1]) / 2
        nx, ny = -(q[1] - p[1]), q[0] - p[0]
        length = max((nx * nx + ny * ny) ** 0.5, 1e-9)
        bend = side_rng.uniform(-0.09, 0.09) * cell
        out.append((mx + nx / length * bend, my + ny / length * bend))
    return out


def sample_powers() -> list[dict[str, Any]]:
    """Four powers in the muted-but-distinct colours a scenario might choose."""
    return [
        {"id": "RED", "name": "Redland", "color": "#b03a2e"},
        {"id": "BLU", "name": "Bluria", "color": "#2e5f9e"},
        {"id": "GRN", "name": "Greenmark", "color": "#3f7d3a"},
        {"id": "YEL", "name": "Ochreia", "color": "#c9a227"},
    ]


def sample_scenario_doc(fog: bool = False) -> dict[str, Any]:
    """A scenario document for ``sample_map()``: two blocs and a secret offensive pact, set
    up so that ``sample_orders()`` makes a turn with every kind of war outcome."""
    powers = [
        {**sample_powers()[0], "territories": ["ALB0", "BRE1", "CAL2", "FAL5", "GRE6", "HAR7"],
         "forces": {"ALB0": 8, "BRE1": 4, "CAL2": 6, "FAL5": 3, "GRE6": 3, "HAR7": 8}},
        {**sample_powers()[1], "territories": ["DUN3", "EAS4", "ILS8", "JOR9"],
         "forces": {"EAS4": 8, "DUN3": 12, "ILS8": 7, "JOR9": 3}},
        {**sample_powers()[2], "territories": ["KES0", "LIN1", "QUA6", "RAV7"],
         "forces": {"LIN1": 6, "KES0": 3, "QUA6": 3, "RAV7": 4}},
        {**sample_powers()[3], "territories": ["OST4", "PEL5", "SAL8", "THO9"],
         "forces": {"SAL8": 9, "THO9": 3, "PEL5": 3, "OST4": 5}},
    ]
    return {
        "name": "Sample", "fog": fog, "start_year": 1900, "seasons": ["Spring", "Autumn"],
        "powers": powers,
        "neutral": {"forces": {"MAR2": 2, "NOR3": 3}},
        "pacts": [
            {"kind": "defensive", "members": ["RED", "GRN"], "name": "Western Entente"},
            {"kind": "offensive", "members": ["BLU", "YEL"], "target": "RED", "secret": True},
            {"kind": "non_aggression", "members": ["GRN", "YEL"]},
        ],
        "rules": {"sigma": 0},
    }


def sample_capitals(map_doc: dict[str, Any]) -> dict[str, Any]:
    """The sample map with the sample powers' capitals marked."""
    capitals = {"ALB0": "RED", "EAS4": "BLU", "LIN1": "GRN", "SAL8": "YEL"}
    for t in map_doc["territories"]:
        if t["id"] in capitals:
            t["capital_of"] = capitals[t["id"]]
    return map_doc


def sample_orders() -> dict[str, list[dict[str, Any]]]:
    """Bluria invokes the secret pact; the Entente is triggered; battles by land and sea."""
    def move(a: str, b: str, n: int) -> dict[str, Any]:
        return {"op": "move", "from": a, "to": b, "n": n}
    return {
        "BLU": [{"op": "invoke", "pact": "P2"}, move("DUN3", "CAL2", 12), move("ILS8", "HAR7", 5)],
        "RED": [move("HAR7", "ILS8", 6)],
        "YEL": [move("SAL8", "RAV7", 8), move("OST4", "NOR3", 4)],
        "GRN": [move("LIN1", "MAR2", 5)],
    }


def sample_turn(fog: bool = False, seed: int = 1) -> tuple[Any, Any, Any, dict[str, Any]]:
    """(scenario, state before, state after, report) of the sample turn, through the engine."""
    from game.engine import adjudicate, build_scenario, initial_state

    scenario = build_scenario(sample_capitals(sample_map()), sample_scenario_doc(fog))
    before = initial_state(scenario, seed=seed)
    after, report = adjudicate(before, sample_orders())
    return scenario, before, after, report
