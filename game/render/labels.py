"""Which territory names the map shows at a zoom, and at what size: collision-aware placement.

Names are placed greedily in order of importance: capitals first, then by value, then by
size on the map. A name is tried at its natural size (``layout.name_font_size``, never below
``NAME_MIN_PX``) and a little smaller; it may be at most ``SPILL`` times its territory's width
(centred on it, so it still reads as that territory's; a capital's may be any width, since its
star marks the place), and must not touch a name placed before it, a capital star or a row of
unit badges. A crowded capital tries places around its star, then its name cut short
("Brand."); a name that cannot go anywhere is dropped, never overlapped; zooming in frees
room.

The placement depends only on the map, the zoom and the view's unit badges (names are placed
in zoomed-world pixels, which panning merely shifts), so the renderer works it out once per
zoom level and view and keeps it: panning and replay frames cost nothing, and a zoom step
costs one placement.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Sequence

from . import fonts
from .badges import badge_row_size
from .geometry import MapGeometry, TerritoryShape
from .layout import NAME_MIN_PX, label_layout, name_font_size

CAPITAL_MIN_PX = 10   # a capital's name is never smaller than this
SPILL = 2.0           # a name may be this many times its own territory's width
PAD = 2               # pixels kept clear around each name
CELL = 64             # the collision grid's cell, in pixels

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in zoomed-world pixels


@dataclass(frozen=True)
class Placement:
    """The names shown at one zoom: each shown territory's font size and its box."""

    zoom: float
    sizes: dict[int, int]
    boxes: dict[int, Box]
    moved: dict[int, tuple[float, float]]   # names set beside their star, not below it
    pushed: dict[int, Box] = field(default_factory=dict)  # badge rows a name moved
    texts: dict[int, str] = field(default_factory=dict)   # names cut short to fit

    def badges_at(self, index: int) -> tuple[float, float] | None:
        """The centre of a badge row a name moved (below itself, or beside a capital's
        star), in zoomed-world pixels (None: where the layout puts it)."""
        box = self.pushed.get(index)
        return None if box is None else ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)

    def text_of(self, t: TerritoryShape) -> str:
        """The words shown for territory ``t`` (its name, or a crowded capital's short one)."""
        return self.texts.get(t.index, t.name)

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

    def hits(self, box: Box, own: Sequence[Box] = ()) -> bool:
        """Whether ``box`` touches a kept box other than ``own`` (the territory's own star
        and badges, which its name is laid out around)."""
        for cell in self._cells(box):
            for o in self.cells.get(cell, ()):
                if not any(o is x for x in own) and box[0] < o[2] and o[0] < box[2] and box[1] < o[3] and o[1] < box[3]:
                    return True
        return False

    def add(self, box: Box) -> None:
        for cell in self._cells(box):
            self.cells.setdefault(cell, []).append(box)


def _box(cx: float, cy: float, w: float, h: float, pad: float = PAD) -> Box:
    return (cx - w / 2 - pad, cy - h / 2 - pad, cx + w / 2 + pad, cy + h / 2 + pad)


def place_names(geo: MapGeometry, zoom: float,
                badges: Sequence[Sequence[str]] | None = None,
                marks: Sequence[tuple[float, float, float]] = ()) -> Placement:
    """The names shown on ``geo`` at ``zoom``, clear of capital stars and of the unit badges
    (``badges``: each territory's badge labels, as ``badges.badge_items`` gives them).

    Badges are always drawn; each is kept clear of at the place it takes when its own name is
    not shown, and a name placed below its star pushes its badges down, so that place must be
    clear too. ``marks`` are other fixed marks that names other than capitals keep clear
    of, as (world x, world y, radius in pixels): the hubs of big alliances. The renderer keeps the result per zoom and
    view (see the module doc)."""
    grid = _Grid()
    typical = geo.typical_span
    # Capital stars are always drawn: no name may cover one (but its own hangs below it).
    own: dict[int, list[Box]] = {}
    for t in geo.territories:
        ax, ay = t.anchor[0] * zoom, t.anchor[1] * zoom
        bare = label_layout(t, zoom, None, typical, name_size=0)
        mine = own.setdefault(t.index, [])     # its star first, then its badges
        if bare.star_radius:
            r = bare.star_radius
            mine.append((ax - r, ay - r, ax + r, ay + r))
        row = badge_box(t, zoom, typical, badges, 0)
        if row is not None:
            mine.append(row)
        for box in mine:
            grid.add(box)
    sizes: dict[int, int] = {}
    boxes: dict[int, Box] = {}
    moved: dict[int, tuple[float, float]] = {}
    pushed: dict[int, Box] = {}
    texts: dict[int, str] = {}
    marked = False
    for t in sorted(geo.territories, key=priority):
        if not t.capital_of and not marked:
            # Capitals come before the marks (a hub often lies near one); other names after.
            for mx, my, radius in marks:
                grid.add((mx * zoom - radius, my * zoom - radius,
                          mx * zoom + radius, my * zoom + radius))
            marked = True
        chosen = _fit(t, zoom, typical, grid, own[t.index], badges)
        if chosen is not None:
            size, box, shift, row, text = chosen
            sizes[t.index] = size
            if text != t.name:
                texts[t.index] = text
            boxes[t.index] = box
            grid.add(box)
            if shift is not None:
                moved[t.index] = shift
            if row is not None:
                pushed[t.index] = row
                grid.add(row)
    return Placement(zoom, sizes, boxes, moved, pushed, texts)


def badge_box(t: TerritoryShape, zoom: float, typical: float,
               badges: Sequence[Sequence[str]] | None, name_size: int) -> Box | None:
    """Where ``t``'s badge row is when its name is shown at ``name_size`` (0: not shown)."""
    if badges is None or not badges[t.index]:
        return None
    lay = label_layout(t, zoom, None, typical, name_size=name_size)
    if not lay.badge_height:
        return None
    w, h = badge_row_size(badges[t.index], lay.badge_height)
    # Unpadded: a name's own padding keeps it clear of the pills.
    return _box(t.anchor[0] * zoom, t.anchor[1] * zoom + lay.badge_y, w, h, pad=0)


def _fit(t: TerritoryShape, zoom: float, typical: float, grid: _Grid, own: list[Box],
         badges: Sequence[Sequence[str]] | None
         ) -> tuple[int, Box, tuple[float, float] | None, Box | None, str] | None:
    """The largest size at which ``t``'s name fits and is clear of what is placed: the size,
    its box, for a capital whose name had to move beside its star the name's offset, the
    box of the badges the name pushed down, and the text (a crowded capital's may be cut
    short)."""
    if not t.name:
        return None
    natural = max(name_font_size(t, zoom, typical),
                  CAPITAL_MIN_PX if t.capital_of else NAME_MIN_PX)
    for text in (t.name, short_name(t.name)) if t.capital_of else (t.name,):
        found = _fit_text(t, text, natural, zoom, typical, grid, own, badges)
        if found is not None:
            return (*found, text)
    return None


def short_name(name: str) -> str:
    """A crowded capital's name cut short, as atlases do ("Brandenburg" -> "Brand.")."""
    return name if len(name) <= 6 else name[:5].rstrip() + "."


def _fit_text(t: TerritoryShape, text: str, natural: int, zoom: float, typical: float,
              grid: _Grid, own: list[Box], badges: Sequence[Sequence[str]] | None
              ) -> tuple[int, Box, tuple[float, float] | None, Box | None] | None:
    room = (t.bbox[2] - t.bbox[0]) * zoom * SPILL
    ax, ay = t.anchor[0] * zoom, t.anchor[1] * zoom
    style = name_style(t)
    for size in range(natural, (CAPITAL_MIN_PX if t.capital_of else NAME_MIN_PX) - 1, -2):
        w, h = fonts.font(size, **style).size(text)
        w, h = w + 2, h + 2                      # the halo around the letters
        if w > room and not t.capital_of:
            continue
        lay = label_layout(t, zoom, None, typical, name_size=size)
        box = _box(ax, ay + lay.name_y, w, h)
        row = badge_box(t, zoom, typical, badges, size)
        # (Its own badges hang below the name by the layout: only others' boxes count.)
        if not grid.hits(box, own) and (row is None or not grid.hits(row, own)):
            return size, box, None, row
        if t.capital_of and row is not None and not grid.hits(box, own):
            # No room below the name for its badges: beside the star, then.
            rw, rh = row[2] - row[0], row[3] - row[1]
            reach = lay.star_radius + 3 + rw / 2
            for side in (reach, -reach):
                beside = _box(ax + side, ay, rw, rh, pad=0)
                if not grid.hits(beside, own) and not _touch(beside, box):
                    return size, box, None, beside
        if t.capital_of:
            # Crowded capitals (small countries, or far zoomed out): above, right or left,
            # its badges staying where they are without a name.
            gap = lay.star_radius + 2
            up, side = gap + h / 2, gap + w / 2
            bare = label_layout(t, zoom, None, typical, name_size=0)
            under = bare.badge_y + bare.badge_height / 2 + 2 + h / 2 if bare.badge_height \
                else up
            for dx, dy in _around(up, side, under, h):
                box = _box(ax + dx, ay + dy, w, h)
                if not grid.hits(box, own[:1]):        # its badges stay: keep clear of them
                    return size, box, (dx, dy), None
    return None


def _touch(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _around(up: float, side: float, under: float, h: float
            ) -> list[tuple[float, float]]:
    """Places for a crowded capital's name around its star, nearest first: above, beside,
    below its badges, then the diagonals and a row further out."""
    near = [(0.0, -up), (side, 0.0), (-side, 0.0), (0.0, under)]
    diagonal = [(dx, dy) for dy in (-up, under) for dx in (side * 0.7, -side * 0.7)]
    further = [(dx, dy) for dy in (-up - h, under + h, -h, h)
               for dx in (0.0, side * 0.7, -side * 0.7, side, -side)]
    return near + diagonal + further


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
