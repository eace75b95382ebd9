"""Random maps and scenarios of any size (``casus map generate``), for play and benchmarks.

A generated world is a jittered grid of sites over a 4:3 rectangle. A smooth random field
decides which sites are land (the territories) and which are sea; each territory's shape is
its Voronoi cell, and territories whose cells share a border are joined by a land edge.
Territories on the shores of the same patch of sea are joined by sea edges, and separate
landmasses are tied into one map by the shortest sea crossings. Powers grow from capitals
spread far apart, each a contiguous block; a few neutral territories keep garrisons.

Everything is drawn from one ``Generator(PCG64(seed))`` in a fixed order, so a seed always
gives the same map, and the work is vectorised so that 5,000 territories take about a
second.
"""

from __future__ import annotations

import math
from collections import deque
from pathlib import Path
from typing import Any

import numpy as np

from .shapes import rounded_shape, tidy_number
from .voronoi import canonical_points, cell_arrays, cell_borders, frame_corners
from .write import map_json, scenario_toml

MAX_TERRITORIES = 100_000
SITE_SPACING = 60.0  # map pixels between neighbouring sites
LAND_SHARE = 0.7  # of all sites; the rest is sea
OWNED_SHARE = 0.6  # of all territories, split among the powers; the rest is neutral
GARRISON_SHARE = 0.4  # of neutral territories

_ONSETS = ("b", "d", "g", "k", "l", "m", "n", "r", "s", "t", "v", "z", "br", "dr", "kr",
           "st", "th", "sh", "gr", "tr")
_VOWELS = ("a", "e", "i", "o", "u", "a", "e", "o", "ia", "ei")
_CODAS = ("", "", "", "n", "r", "s", "l", "th", "nd", "rk")
_POWER_ENDINGS = ("ia", "land", "mark", "ora", "istan", "ania")
_COLORS = ("#c0392b", "#2e6fb7", "#27ae60", "#d4a017", "#8e44ad", "#e67e22", "#16a085",
           "#7f8c8d", "#d35400", "#2c3e50", "#c2185b", "#689f38")


class GenerateError(ValueError):
    """Sizes that cannot make a playable map (say, more powers than territories)."""


def generate(territories: int, powers: int, seed: int = 0, *, shapes: bool = True,
             name: str | None = None) -> tuple[dict[str, Any], dict[str, Any]]:
    """A random, connected, playable map document and its scenario document.

    ``territories`` land territories and ``powers`` powers; the same ``seed`` always gives
    the same documents. ``shapes=False`` leaves out the polygons (the edges and positions
    are the same), which makes large documents much smaller. The scenario's ``map`` key is
    ``NAME.map.json`` with NAME defaulting to ``random-N-P-S``.
    """
    _check_sizes(territories, powers)
    if not isinstance(seed, int) or seed < 0:   # PCG64 takes no negative seed
        raise GenerateError(f"the seed must be a whole number, 0 or more, not {seed}")
    name = name or f"random-{territories}-{powers}-{seed}"
    rng = np.random.Generator(np.random.PCG64(seed))
    world = _World.build(territories, rng)
    edges = world.edges(rng)
    neighbours = _neighbour_lists(territories, edges)
    names = _unique_names(rng, territories, min_syllables=2)
    ids = _ids_from_names(names)
    terrain, value = _terrain_and_value(world, rng)
    capitals = _spread_capitals(world.land_sites, powers, rng)
    owner = _grow_powers(capitals, neighbours, territories)
    terrain[capitals] = "urban"
    value[capitals] = rng.integers(4, 6, size=powers)

    map_doc = world.map_doc(f"Random map {seed}", ids, names, terrain, value, capitals,
                            edges, shapes)
    scenario_doc = _scenario_doc(name, seed, ids, terrain, value, owner, capitals, powers, rng)
    return map_doc, scenario_doc


def write_generated(out_dir: Path, name: str, territories: int, powers: int,
                    seed: int) -> tuple[Path, Path]:
    """Generate (with shapes) and write ``NAME.map.json`` and ``NAME.scenario.toml``."""
    map_doc, scenario_doc = generate(territories, powers, seed, name=name)
    out_dir.mkdir(parents=True, exist_ok=True)
    map_file = out_dir / f"{name}.map.json"
    scenario_file = out_dir / f"{name}.scenario.toml"
    map_file.write_text(map_json(map_doc), encoding="utf-8")
    scenario_file.write_text(scenario_toml(scenario_doc), encoding="utf-8")
    return map_file, scenario_file


def _check_sizes(territories: int, powers: int) -> None:
    if not isinstance(territories, int) or not 2 <= territories <= MAX_TERRITORIES:
        raise GenerateError(f"the number of territories must be from 2 to {MAX_TERRITORIES}, "
                            f"not {territories}")
    if not isinstance(powers, int) or powers < 1:
        raise GenerateError(f"the number of powers must be at least 1, not {powers}")
    if powers > territories // 2:
        raise GenerateError(f"{territories} territories are too few for {powers} powers: "
                            "give at least two territories per power")


# --- the world: sites, land and sea, cells ------------------------------------------------


class _World:
    """All sites (land first in site order, then sea), their cells and shared borders."""

    def __init__(self, sites: np.ndarray, is_land: np.ndarray, size: tuple[float, float],
                 spacing: float, field: np.ndarray) -> None:
        self.sites = sites
        self.is_land = is_land
        self.size = size
        self.spacing = spacing
        self.field = field
        frame = frame_corners(0.0, 0.0, size[0], size[1])
        self.cells = cell_arrays(sites, frame)
        self.corners = canonical_points(self.cells, sites, frame)
        # Cells that only touch at a corner are not neighbours.
        self.borders = cell_borders(self.cells, self.corners, min_length=0.2 * spacing)
        self.land_index = np.full(len(sites), -1, dtype=np.int64)
        self.land_index[np.flatnonzero(is_land)] = np.arange(int(is_land.sum()))
        self.land_sites = sites[is_land]

    @classmethod
    def build(cls, territories: int, rng: np.random.Generator) -> "_World":
        n_sites = math.ceil(territories / LAND_SHARE)
        cols = max(2, math.ceil(math.sqrt(n_sites * 4 / 3)))
        rows = max(2, math.ceil(n_sites / cols))
        s = SITE_SPACING
        gx, gy = np.meshgrid(np.arange(cols), np.arange(rows))
        grid = np.column_stack([gx.ravel(), gy.ravel()]).astype(float)
        # Jitter stays 0.1 spacing clear of the cell edge, so no two sites can coincide
        # after rounding and none lies on the map's border.
        jitter = rng.uniform(-0.4, 0.4, size=grid.shape)
        sites = np.round((grid + 0.5 + jitter) * s, 1)
        size = (cols * s, rows * s)
        field = _smooth_field(sites, size, rng)
        land = np.zeros(len(sites), dtype=bool)
        land[np.argsort(-field, kind="stable")[:territories]] = True
        # Land first (in site order), so territory i is land site i.
        order = np.concatenate([np.flatnonzero(land), np.flatnonzero(~land)])
        return cls(sites[order], land[order], size, s, field[order])

    def edges(self, rng: np.random.Generator) -> list[tuple[int, int, str]]:
        """Land edges between bordering land cells; sea edges across shared patches of sea
        (and then across the shortest gaps, until the map is one connected piece)."""
        n_land = len(self.land_sites)
        land_pairs: set[tuple[int, int]] = set()
        shore: dict[int, list[int]] = {}
        for (i, j) in self.borders:
            li, lj = int(self.land_index[i]), int(self.land_index[j])
            if li >= 0 and lj >= 0:
                land_pairs.add((li, lj) if li < lj else (lj, li))
            elif li >= 0:
                shore.setdefault(j, []).append(li)
            elif lj >= 0:
                shore.setdefault(i, []).append(lj)
        sea_pairs: set[tuple[int, int]] = set()
        reach2 = (2.6 * self.spacing) ** 2
        for sea in sorted(shore):
            coast = sorted(shore[sea])
            for a_pos, a in enumerate(coast):
                for b in coast[a_pos + 1:]:
                    pair = (a, b)
                    if pair in land_pairs or pair in sea_pairs:
                        continue
                    pa, pb = self.land_sites[a], self.land_sites[b]
                    d2 = float(((pa - pb) ** 2).sum())
                    # Short crossings over water only (the midway point nearer the sea's
                    # site than the shores'), and not all of them, so shores stay readable.
                    mid_to_sea = float((((pa + pb) / 2 - self.sites[sea]) ** 2).sum())
                    if d2 <= reach2 and mid_to_sea < d2 / 4 and rng.random() < 0.5:
                        sea_pairs.add(pair)
        sea_pairs |= _bridges(self.land_sites, n_land, land_pairs | sea_pairs)
        edges = [(a, b, "land") for a, b in sorted(land_pairs)]
        edges += [(a, b, "sea") for a, b in sorted(sea_pairs)]
        return edges

    def shape(self, i: int) -> list[list[float]] | None:
        return rounded_shape(self.corners[i, :int(self.cells.count[i])])

    def map_doc(self, title: str, ids, names, terrain, value, capitals, edges,
                shapes: bool) -> dict[str, Any]:
        """The map document (RULES.md §9) of this world with the given territory details."""
        capital_of = {int(c): p for p, c in enumerate(capitals)}
        power_ids = _power_ids(len(capitals))
        territories = []
        for i in range(len(ids)):
            doc: dict[str, Any] = {"id": ids[i], "name": names[i], "terrain": str(terrain[i]),
                                   "value": int(value[i])}
            if i in capital_of:
                doc["capital_of"] = power_ids[capital_of[i]]
            x, y = self.land_sites[i]
            doc["pos"] = [tidy_number(float(x)), tidy_number(float(y))]
            if shapes:
                polygon = self.shape(i)
                if polygon is not None:
                    doc["shape"] = polygon
            territories.append(doc)
        return {"name": title, "size": [tidy_number(self.size[0]), tidy_number(self.size[1])],
                "territories": territories,
                "edges": [[ids[a], ids[b], kind] for a, b, kind in edges]}


def _smooth_field(sites: np.ndarray, size: tuple[float, float],
                  rng: np.random.Generator) -> np.ndarray:
    """Rolling hills of random waves, lowered towards the map's edge, so that the highest
    sites form a few large landmasses with coasts, bays and some islands."""
    w, h = size
    u = sites / np.array([w, h])
    field = np.zeros(len(sites))
    for _ in range(6):
        angle = rng.uniform(0, 2 * np.pi)
        wavelength = rng.uniform(0.35, 1.1)
        k = 2 * np.pi / wavelength * np.array([np.cos(angle), np.sin(angle)])
        field += rng.uniform(0.5, 1.0) * np.cos(u @ k + rng.uniform(0, 2 * np.pi))
    edge = np.minimum.reduce([u[:, 0], 1 - u[:, 0], u[:, 1], 1 - u[:, 1]])
    field -= 3.0 * np.clip(0.18 - edge, 0, None) / 0.18
    field += rng.normal(0, 0.15, size=len(sites))  # ragged coasts
    return field


def _bridges(points: np.ndarray, n: int, pairs: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """Sea edges that join every landmass into one map: repeatedly the shortest crossing
    from the smallest piece to any other (nearest pair of sites, ties by index)."""
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    added: set[tuple[int, int]] = set()
    while True:
        roots = np.array([find(i) for i in range(n)])
        labels, counts = np.unique(roots, return_counts=True)
        if len(labels) <= 1:
            return added
        smallest = labels[np.argmin(counts)]
        inside = np.flatnonzero(roots == smallest)
        outside = np.flatnonzero(roots != smallest)
        best = (np.inf, -1, -1)
        for start in range(0, len(inside), 256):
            block = inside[start:start + 256]
            d2 = ((points[block][:, None, :] - points[outside][None, :, :]) ** 2).sum(axis=2)
            k = int(np.argmin(d2))
            r, c = divmod(k, len(outside))
            if d2[r, c] < best[0]:
                best = (float(d2[r, c]), int(block[r]), int(outside[c]))
        _, a, b = best
        added.add((a, b) if a < b else (b, a))
        ra, rb = find(a), find(b)
        parent[max(ra, rb)] = min(ra, rb)


def _neighbour_lists(n: int, edges: list[tuple[int, int, str]]) -> list[list[int]]:
    neighbours: list[list[int]] = [[] for _ in range(n)]
    for a, b, _ in edges:
        neighbours[a].append(b)
        neighbours[b].append(a)
    return [sorted(x) for x in neighbours]


# --- names --------------------------------------------------------------------------------


def _name(rng: np.random.Generator, syllables: int) -> str:
    parts = []
    for _ in range(syllables):
        parts.append(_ONSETS[rng.integers(len(_ONSETS))] + _VOWELS[rng.integers(len(_VOWELS))]
                     + _CODAS[rng.integers(len(_CODAS))])
    return "".join(parts).capitalize()


def _unique_names(rng: np.random.Generator, count: int, min_syllables: int) -> list[str]:
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < count:
        name = _name(rng, min_syllables + int(rng.integers(2)))
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


def _ids_from_names(names: list[str]) -> list[str]:
    """Three-letter codes from names (``Karvos`` -> ``KAR``), numbered where they clash."""
    ids: list[str] = []
    taken: set[str] = set()
    for name in names:
        base = "".join(c for c in name.upper() if "A" <= c <= "Z")[:3].ljust(3, "X")
        code, n = base, 2
        while code in taken:
            code, n = f"{base}{n}", n + 1
        taken.add(code)
        ids.append(code)
    return ids


def _power_ids(count: int) -> list[str]:
    """P1, P2, ...: short, and never a territory code (those start with three letters)."""
    return [f"P{i + 1}" for i in range(count)]


# --- terrain, powers, the scenario ----------------------------------------------------------


def _terrain_and_value(world: _World, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    n = len(world.land_sites)
    height = world.field[:n]
    rank = np.empty(n)
    rank[np.argsort(height, kind="stable")] = np.arange(n) / max(1, n - 1)
    roll = rng.random(n)
    terrain = np.full(n, "plains", dtype=object)
    terrain[roll < 0.25] = "forest"
    terrain[(rank < 0.12) & (roll < 0.5)] = "marsh"  # low ground by the coasts
    terrain[rank > 0.78] = "hills"
    terrain[rank > 0.92] = "mountains"
    terrain[rng.random(n) < 0.05] = "urban"
    base = {"plains": 2, "forest": 1, "marsh": 1, "hills": 1, "mountains": 1, "urban": 3}
    value = np.array([base[t] for t in terrain]) + rng.integers(-1, 2, size=n)
    return terrain, np.clip(value, 0, 5)


def _spread_capitals(points: np.ndarray, powers: int, rng: np.random.Generator) -> np.ndarray:
    """Capitals far apart: each next one is the site farthest from those chosen so far."""
    first = int(rng.integers(len(points)))
    chosen = [first]
    nearest = ((points - points[first]) ** 2).sum(axis=1)
    for _ in range(powers - 1):
        nxt = int(np.argmax(nearest))
        chosen.append(nxt)
        nearest = np.minimum(nearest, ((points - points[nxt]) ** 2).sum(axis=1))
    return np.array(chosen, dtype=np.int64)


def _grow_powers(capitals: np.ndarray, neighbours: list[list[int]], n: int) -> np.ndarray:
    """Owner of each territory (power index, -1 neutral): a breadth-first search from all
    capitals at once gives each territory to the capital that reaches it first; each power
    keeps the first ``OWNED_SHARE * n / powers`` of its own in search order. Every kept
    territory's search parent was found earlier, so each power's block is contiguous."""
    powers = len(capitals)
    quota = max(1, int(OWNED_SHARE * n / powers))
    source = np.full(n, -1, dtype=np.int64)
    queue: deque[int] = deque()
    for p, c in enumerate(capitals.tolist()):
        source[c] = p
        queue.append(c)
    kept = np.zeros(powers, dtype=np.int64)
    owner = np.full(n, -1, dtype=np.int64)
    while queue:
        here = queue.popleft()
        p = int(source[here])
        if kept[p] < quota:
            owner[here] = p
            kept[p] += 1
        for there in neighbours[here]:
            if source[there] < 0:
                source[there] = p
                queue.append(there)
    return owner


def _scenario_doc(name: str, seed: int, ids, terrain, value, owner, capitals, powers: int,
                  rng: np.random.Generator) -> dict[str, Any]:
    """Powers with their blocks and forces, garrisons, and a pact between the two weakest."""
    power_names = _unique_names(rng, powers, min_syllables=1)
    power_names = [n + _POWER_ENDINGS[int(rng.integers(len(_POWER_ENDINGS)))]
                   for n in power_names]
    power_ids = _power_ids(powers)
    doc: dict[str, Any] = {
        "name": f"Random map {seed}",
        "description": (f"A random map of {len(ids)} territories and {powers} powers, "
                        f"made by 'casus map generate' with seed {seed}."),
        "map": f"{name}.map.json",
        "start_year": 1900,
        "seasons": ["Spring", "Autumn"],
        "max_turns": 12 if powers <= 4 else 16,
        "fog": True,
        "coalition_victory": powers >= 3,
        "powers": [],
    }
    for p in range(powers):
        mine = np.flatnonzero(owner == p)
        forces = {}
        for t in mine.tolist():
            units = 1 + int(value[t] >= 3) + int(rng.integers(0, 2))
            if t == int(capitals[p]):
                units = 4 + int(rng.integers(0, 4))
            forces[ids[t]] = units
        doc["powers"].append({
            "id": power_ids[p],
            "name": power_names[p],
            "color": _COLORS[p % len(_COLORS)],
            "treasury": 5 + int(rng.integers(0, 6)),
            "legitimacy": 60 + int(rng.integers(0, 21)),
            "territories": [ids[t] for t in mine.tolist()],
            "forces": forces,
        })
    neutral = np.flatnonzero(owner < 0)
    garrisons = {}
    for t in neutral.tolist():
        if rng.random() < GARRISON_SHARE:
            garrisons[ids[t]] = 1 + int(rng.integers(0, 3)) + int(terrain[t] == "mountains")
    if garrisons:
        doc["neutral"] = {"forces": garrisons}
    if powers >= 3:
        weakest = sorted(range(powers), key=lambda p: (int(value[owner == p].sum()), p))[:2]
        doc["pacts"] = [{"kind": "defensive", "members": [power_ids[p] for p in sorted(weakest)],
                         "name": "Mutual Defence Pact"}]
    return doc
