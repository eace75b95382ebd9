"""Which territory names the map shows at a zoom, and at what size: collision-aware placement.

Names are placed greedily in order of importance: capitals first, then by value, then by
size on the map. A name is tried at its natural size (``layout.name_font_size``, never below
``NAME_MIN_PX``) and a little smaller; it may be at most ``SPILL`` times its territory's width
(centred on it, so it still reads as that territory's; a capital's may be any width, since its
star marks the place), and must not touch a name or a capital star placed before it. A name that cannot go anywhere is dropped, never overlapped; zooming in frees room.

The placement depends only on the map and the zoom (names are placed in zoomed-world pixels,
which panning merely shifts), so it is worked out once per zoom level and kept: panning and
replay frames cost nothing, and a zoom step costs one placement.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Iterator

from . import fonts
from .geometry import MapGeometry, TerritoryShape
from .layout import NAME_MIN_PX, label_layout, name_font_size

CAPITAL_MIN_PX = 12   # a capital's name is never smaller than this
SPILL = 2.0           # a name may be this many times its own territory's width
PAD = 2               # pixels kept clear around each name
CELL = 64             # the collision grid's cell, in pixels
KEEP = 12             # zoom levels whose placement is kept

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in zoomed-world pixels


@dataclass(frozen=True)
class Placement:
    """The names shown at one zoom: each shown territory's font size and its box."""

    zoom: float
    sizes: dict[int, int]
    boxes: dict[int, Box]
    moved: dict[int, tuple[float, float]]   # names set beside their star, not below it

    def size_of(self, index: int) -> int:
        """The font size of territory ``index``'s name (0: not shown)."""
        return self.sizes.get(index, 0)

    def centre_of(self, index: int) -> tuple[float, float] | None:
        """Where a capital's name moved to, as an offset from its anchor (None: in its
        usual place below the star)."""
        return self.moved.get(index)


def name_style(t: TerritoryShape) -> dict:
    """The font a territory's name is set in (the static layer draws it the same way)."""
    return {"bold": bool(t.capital_of), "style": "serif"}


def priority(t: TerritoryShape) -> tuple:
    """Capitals first, then the most valuable, then the largest (index breaks ties, so the
    placement is the same on every machine)."""
    return (0 if t.capital_of else 1, -t.value, -t.area, t.index)


class _Grid:
    """Boxes bucketed by grid cell, so a collision test looks at a few neighbours only."""

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], list[Box]] = {}

    def _cells(self, box: Box) -> Iterator[tuple[int, int]]:
        for cx in range(int(box[0] // CELL), int(box[2] // CELL) + 1):
            for cy in range(int(box[1] // CELL), int(box[3] // CELL) + 1):
                yield cx, cy

    def hits(self, box: Box, own: Box | None = None) -> bool:
        """Whether ``box`` touches a kept box other than ``own`` (a capital's own star)."""
        for cell in self._cells(box):
            for o in self.cells.get(cell, ()):
                if o is not own and box[0] < o[2] and o[0] < box[2] and box[1] < o[3] and o[1] < box[3]:
                    return True
        return False

    def add(self, box: Box) -> None:
        for cell in self._cells(box):
            self.cells.setdefault(cell, []).append(box)


def _box(cx: float, cy: float, w: float, h: float) -> Box:
    return (cx - w / 2 - PAD, cy - h / 2 - PAD, cx + w / 2 + PAD, cy + h / 2 + PAD)


def place_names(geo: MapGeometry, zoom: float) -> Placement:
    """The names shown on ``geo`` at ``zoom`` (kept per zoom level: see the module doc)."""
    key = round(zoom, 6)
    kept = _KEPT.setdefault(id(geo), (geo, OrderedDict()))[1]
    if key in kept:
        kept.move_to_end(key)
        return kept[key]
    placement = _place(geo, key)
    kept[key] = placement
    while len(kept) > KEEP:
        kept.popitem(last=False)
    return placement


# id(geometry) -> (the geometry, kept alive with its entry, and its placements by zoom)
_KEPT: dict[int, tuple[MapGeometry, "OrderedDict[float, Placement]"]] = {}


def forget(geo: MapGeometry) -> None:
    """Drop a map's kept placements (a match closed)."""
    _KEPT.pop(id(geo), None)


def _place(geo: MapGeometry, zoom: float) -> Placement:
    grid = _Grid()
    typical = geo.typical_span
    # Capital stars are always drawn: no name may cover one (but its own hangs below it).
    stars: dict[int, Box] = {}
    for t in geo.territories:
        if t.capital_of:
            star = label_layout(t, zoom, None, typical, name_size=0).star_radius
            ax, ay = t.anchor[0] * zoom, t.anchor[1] * zoom
            stars[t.index] = (ax - star, ay - star, ax + star, ay + star)
            grid.add(stars[t.index])
    sizes: dict[int, int] = {}
    boxes: dict[int, Box] = {}
    moved: dict[int, tuple[float, float]] = {}
    for t in sorted(geo.territories, key=priority):
        chosen = _fit(t, zoom, typical, grid, stars.get(t.index))
        if chosen is not None:
            size, box, shift = chosen
            sizes[t.index] = size
            boxes[t.index] = box
            if shift is not None:
                moved[t.index] = shift
            grid.add(box)
    return Placement(zoom, sizes, boxes, moved)


def _fit(t: TerritoryShape, zoom: float, typical: float, grid: _Grid, own: Box | None
         ) -> tuple[int, Box, tuple[float, float] | None] | None:
    """The largest size at which ``t``'s name fits and is clear of what is placed, its box,
    and for a capital whose name had to move beside its star, the name's offset."""
    if not t.name:
        return None
    natural = max(name_font_size(t, zoom, typical),
                  CAPITAL_MIN_PX if t.capital_of else NAME_MIN_PX)
    room = (t.bbox[2] - t.bbox[0]) * zoom * SPILL
    ax, ay = t.anchor[0] * zoom, t.anchor[1] * zoom
    style = name_style(t)
    for size in range(natural, (CAPITAL_MIN_PX if t.capital_of else NAME_MIN_PX) - 1, -2):
        w, h = fonts.font(size, **style).size(t.name)
        w, h = w + 2, h + 2                      # the halo around the letters
        if w > room and not t.capital_of:
            continue
        lay = label_layout(t, zoom, None, typical, name_size=size)
        box = _box(ax, ay + lay.name_y, w, h)
        if not grid.hits(box, own):
            return size, box, None
        if t.capital_of:
            # Crowded capitals (small countries, or far zoomed out): above, right or left.
            gap = lay.star_radius + 2
            for dx, dy in ((0.0, -(gap + h / 2)), (gap + w / 2, 0.0), (-(gap + w / 2), 0.0)):
                box = _box(ax + dx, ay + dy, w, h)
                if not grid.hits(box, own):
                    return size, box, (dx, dy)
    return None


def overlaps(boxes: dict[int, Box]) -> list[tuple[int, int]]:
    """Pairs of placed names whose boxes overlap (the tests check there are none)."""
    items = sorted(boxes.items(), key=lambda kv: kv[1][0])
    out = []
    for k, (i, a) in enumerate(items):
        for j, b in items[k + 1:]:
            if b[0] >= a[2]:
                break
            if a[1] < b[3] and b[1] < a[3]:
                out.append((i, j))
    return out
