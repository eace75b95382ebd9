"""The map's geometry in world (map pixel) coordinates: shapes, centres, anchors, picking.

Built once from a map document (RULES.md §9) and never changed by play, so everything
costly (areas, centroids, bounding boxes, terrain glyph spots) is computed here, up front,
and the per-frame code only transforms and draws.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

import numpy as np

from .shapes import derive_shapes, points_in_polygon, polygon_area_centroid


@dataclass(frozen=True)
class TerritoryShape:
    """One territory as the renderer sees it."""

    index: int
    id: str
    name: str
    terrain: str
    value: int
    capital_of: str | None
    polygon: np.ndarray            # (k, 2) float world coordinates
    anchor: tuple[float, float]    # where its name, star and badges are centred
    centroid: tuple[float, float]
    area: float
    bbox: tuple[float, float, float, float]  # min x, min y, max x, max y

    @property
    def span(self) -> float:
        """A typical width of the territory, in world pixels (for sizing its label)."""
        return math.sqrt(max(self.area, 1.0))


@dataclass(frozen=True, eq=False)
class MapGeometry:
    """All territories' shapes plus what is derived from them once."""

    size: tuple[float, float]
    territories: tuple[TerritoryShape, ...]
    edges: tuple[tuple[int, int, str], ...]
    index: dict[str, int] = field(init=False)
    bboxes: np.ndarray = field(init=False)     # (n, 4) for culling and picking
    capitals: dict[str, int] = field(init=False)
    glyph_spacing: float = field(init=False)
    typical_span: float = field(init=False)    # median territory width, for label sizes
    glyph_spots: tuple[np.ndarray, ...] = field(init=False)  # per territory, (m, 2)

    def __post_init__(self) -> None:
        object.__setattr__(self, "index", {t.id: t.index for t in self.territories})
        object.__setattr__(self, "bboxes", np.array([t.bbox for t in self.territories],
                                                    dtype=np.float64).reshape(-1, 4))
        capitals: dict[str, int] = {}
        for t in self.territories:
            if t.capital_of and t.capital_of not in capitals:
                capitals[t.capital_of] = t.index
        object.__setattr__(self, "capitals", capitals)
        # Terrain glyphs sit on a staggered grid about a third of a territory apart, so a
        # territory shows a handful of marks whatever the map's scale.
        mean_span = float(np.mean([t.span for t in self.territories])) if self.territories else 50
        object.__setattr__(self, "typical_span", float(np.median(
            [t.span for t in self.territories])) if self.territories else 50.0)
        spacing = max(6.0, mean_span / 3.2)
        object.__setattr__(self, "glyph_spacing", spacing)
        object.__setattr__(self, "glyph_spots", tuple(_glyph_spots(t, spacing)
                                                      for t in self.territories))

    @classmethod
    def from_doc(cls, map_doc: Mapping[str, Any]) -> "MapGeometry":
        """Geometry of a map document; shapes missing from it are derived from positions."""
        terr_docs = list(map_doc.get("territories", []))
        size = map_doc.get("size")
        positions = _positions(terr_docs, size)
        if size is None:
            xs = [p[0] for p in positions] or [0.0]
            ys = [p[1] for p in positions] or [0.0]
            size = [max(xs) + 60, max(ys) + 60]
        w, h = float(size[0]), float(size[1])
        shapes = [np.asarray(d["shape"], dtype=np.float64) if d.get("shape") else None
                  for d in terr_docs]
        if any(s is None for s in shapes):
            derived = _tool_shapes(map_doc, terr_docs) or derive_shapes(
                np.asarray(positions, dtype=np.float64), (w, h))
            shapes = [s if s is not None else derived[i] for i, s in enumerate(shapes)]
        territories = []
        for i, (doc, poly) in enumerate(zip(terr_docs, shapes)):
            area, centroid = polygon_area_centroid(poly)
            pos = doc.get("pos")
            anchor = (float(pos[0]), float(pos[1])) if pos else centroid
            if not points_in_polygon(np.array([anchor]), poly)[0]:
                anchor = centroid  # a position outside its own shape would mislabel
            territories.append(TerritoryShape(
                index=i, id=doc["id"], name=doc.get("name", doc["id"]),
                terrain=doc.get("terrain", "plains"), value=int(doc.get("value", 1)),
                capital_of=doc.get("capital_of"), polygon=poly, anchor=anchor,
                centroid=centroid, area=area,
                bbox=(float(poly[:, 0].min()), float(poly[:, 1].min()),
                      float(poly[:, 0].max()), float(poly[:, 1].max()))))
        index = {d["id"]: i for i, d in enumerate(terr_docs)}
        edges = tuple((index[a], index[b], kind) for a, b, kind in map_doc.get("edges", [])
                      if a in index and b in index)
        return cls(size=(w, h), territories=tuple(territories), edges=edges)

    def __len__(self) -> int:
        return len(self.territories)

    def visible(self, rect: tuple[float, float, float, float]) -> np.ndarray:
        """Indices of territories whose bounding box meets the world rect (x0, y0, x1, y1)."""
        b = self.bboxes
        x0, y0, x1, y1 = rect
        mask = (b[:, 2] >= x0) & (b[:, 0] <= x1) & (b[:, 3] >= y0) & (b[:, 1] <= y1)
        return np.flatnonzero(mask)

    def territory_at(self, x: float, y: float) -> int | None:
        """The territory containing the world point, or None (open sea)."""
        b = self.bboxes
        hits = np.flatnonzero((b[:, 0] <= x) & (b[:, 2] >= x) & (b[:, 1] <= y) & (b[:, 3] >= y))
        point = np.array([[x, y]])
        for i in hits.tolist():
            if points_in_polygon(point, self.territories[i].polygon)[0]:
                return i
        return None

    def anchor_of_power(self, power: str, owner: Mapping[str, str | None]
                        ) -> tuple[float, float] | None:
        """Where a power's alliance links start: its capital, else the centre of its largest
        holding (by area), else None (a power with no land has no place on the map)."""
        if power in self.capitals:
            return self.territories[self.capitals[power]].anchor
        owned = [self.territories[self.index[t]] for t, o in owner.items()
                 if o == power and t in self.index]
        if not owned:
            return None
        return max(owned, key=lambda t: (t.area, -t.index)).anchor


def _tool_shapes(map_doc: Mapping[str, Any], terr_docs: list[Any]) -> list[np.ndarray] | None:
    """Shapes derived the way the map tools derive them (``game.maps.shapes``), so the
    client shows what ``casus map check`` checked; None when that is not available."""
    try:
        from game.maps.shapes import fill_shapes
    except ImportError:
        return None
    doc = {"size": list(map_doc.get("size") or []),
           "territories": [{"id": t["id"], "pos": t.get("pos")} for t in terr_docs]}
    try:
        fill_shapes(doc)
        return [np.asarray(t["shape"], dtype=np.float64) for t in doc["territories"]]
    except Exception:  # no size or positions, or a generator still settling: our own
        return None


def _positions(docs: Sequence[Mapping[str, Any]], size: Any) -> list[tuple[float, float]]:
    """Each territory's pos; territories without one are laid out on a grid (rough, but a
    map without positions is a test fixture, not something players see)."""
    n = len(docs)
    cols = max(1, math.ceil(math.sqrt(n * 16 / 9)))
    w, h = (float(size[0]), float(size[1])) if size else (cols * 120.0, math.ceil(n / cols) * 120.0)
    rows = max(1, math.ceil(n / cols))
    out = []
    for i, d in enumerate(docs):
        if d.get("pos"):
            out.append((float(d["pos"][0]), float(d["pos"][1])))
        else:
            out.append(((i % cols + 0.5) * w / cols, (i // cols + 0.5) * h / rows))
    return out


def _glyph_spots(t: TerritoryShape, spacing: float) -> np.ndarray:
    if t.terrain == "plains":
        return np.zeros((0, 2))
    x0, y0, x1, y1 = t.bbox
    ys = np.arange(y0 + spacing * 0.5, y1, spacing * 0.8)
    pts = []
    for row, y in enumerate(ys):
        offset = spacing * 0.5 if row % 2 else 0.0   # staggered rows read as texture
        xs = np.arange(x0 + spacing * 0.4 + offset, x1, spacing)
        pts.extend((x, y) for x in xs)
    if not pts:
        return np.zeros((0, 2))
    arr = np.asarray(pts, dtype=np.float64)
    inside = points_in_polygon(arr, t.polygon)
    # Keep glyphs off the label: a clear disc around the anchor.
    ax, ay = t.anchor
    clear = np.hypot(arr[:, 0] - ax, arr[:, 1] - ay) > spacing * 0.9
    # Keep them off the coast too: a glyph cut by the border looks like a smudge.
    return arr[inside & clear & _inset(arr, t.polygon, spacing * 0.3)]


def _inset(points: np.ndarray, poly: np.ndarray, margin: float) -> np.ndarray:
    """True where a point is at least ``margin`` from every edge of the polygon."""
    a = poly
    b = np.roll(poly, -1, axis=0)
    d = b - a
    length2 = np.maximum((d ** 2).sum(axis=1), 1e-9)
    rel = points[:, None, :] - a[None, :, :]
    t = np.clip((rel * d[None]).sum(axis=2) / length2[None], 0, 1)
    closest = a[None] + t[..., None] * d[None]
    dist = np.sqrt(((points[:, None, :] - closest) ** 2).sum(axis=2)).min(axis=1)
    return dist >= margin
