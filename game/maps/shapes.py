"""Territory shapes derived from positions: each territory gets the land nearest its ``pos``.

Without an outline the land is the whole map rectangle. With one (a list of land polygons:
a continent, islands), each territory's Voronoi cell is computed among the territories on
the same piece of land and cut to that piece, so the sea between them stays visible. A cell
can cover land that is cut off from its own territory by water (the far shore of a bay);
such strays are glued onto the neighbour whose border they share, so no land is lost.

The shapes meet exactly (see ``voronoi``), never overlap, and are rounded to 0.1 pixel.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from .geometry import points_in_polygon, polygon_fault, signed_area
from .voronoi import (
    Cell,
    Key,
    Lines,
    canonical_points,
    cell_arrays,
    cell_borders,
    clip_to_piece,
    frame_corners,
    merge_along_border,
    vertex_keys,
    voronoi_cells,
)

Shape = list[list[float]]


class ShapeError(ValueError):
    """Shapes cannot be derived (no size, missing or coinciding positions, bad outline)."""


@dataclass
class DerivedShapes:
    """The result of ``derive_shapes``.

    ``shapes[i]`` is site i's polygon (None if it got no land); ``borders[(i, j)]`` (i < j)
    is the length of the border sites i and j share; ``warnings`` says what looks wrong.
    """

    shapes: list[Shape | None]
    borders: dict[tuple[int, int], float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def read_outline(path: str | Path) -> list[np.ndarray]:
    """The land polygons of an outline file: ``{"land": [[[x, y], ...], ...]}``."""
    try:
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as err:
        raise ShapeError(f"cannot read the outline {str(path)!r}: "
                         f"{err.strerror or err}") from None
    except (ValueError, UnicodeDecodeError) as err:
        raise ShapeError(f"the outline {str(path)!r} is not valid JSON: {err}") from None
    land = doc.get("land") if isinstance(doc, dict) else None
    if not isinstance(land, list) or not land:
        raise ShapeError(f"the outline {str(path)!r} needs 'land', a list of polygons")
    pieces = []
    for n, raw in enumerate(land):
        try:
            piece = np.array(raw, dtype=float)
        except (TypeError, ValueError):
            piece = np.zeros((0, 2))
        if piece.ndim != 2 or piece.shape[1] != 2 or len(piece) < 3:
            raise ShapeError(f"outline piece {n + 1} must be a list of at least 3 [x, y] points")
        fault = polygon_fault(piece)
        if fault:
            raise ShapeError(f"outline piece {n + 1} is not a simple polygon: it {fault}")
        pieces.append(piece)
    return pieces


def derive_shapes(sites: Sequence[Sequence[float]], size: Sequence[float],
                  outline: list[np.ndarray] | None = None, decimals: int = 1) -> DerivedShapes:
    """The shape of every site: its Voronoi cell within the map rectangle [0, w] × [0, h],
    cut to the land of ``outline`` when one is given. Sites must be distinct."""
    points = np.asarray(sites, dtype=float).reshape(-1, 2)
    if len(np.unique(points, axis=0)) != len(points):
        raise ShapeError("two territories have the same pos")
    frame = frame_corners(0.0, 0.0, float(size[0]), float(size[1]))
    pieces = [p if signed_area(p) > 0 else p[::-1].copy() for p in (outline or [])]
    lines = Lines(points, frame, pieces)
    result = DerivedShapes(shapes=[None] * len(points))
    if not pieces:
        return _frame_shapes(points, frame, decimals)
    polygons = _land_polygons(points, frame, pieces, lines, result.warnings)
    for i, keys in polygons.items():
        result.shapes[i] = _finish(keys, lines, decimals)
        if result.shapes[i] is None:
            result.warnings.append(f"site {i + 1} got too little land to draw")
    result.borders = shared_borders(polygons, lines)
    return result


def _frame_shapes(points: np.ndarray, frame: np.ndarray, decimals: int) -> DerivedShapes:
    """Shapes when all of the map rectangle is land: the cells themselves, all computed
    together (this is the path large generated maps take, so it avoids per-vertex Python)."""
    arrays = cell_arrays(points, frame)
    corners = canonical_points(arrays, points, frame)
    result = DerivedShapes(shapes=[None] * len(points))
    for i, n in enumerate(arrays.count.tolist()):
        result.shapes[i] = rounded_shape(corners[i, :n], decimals)
        if result.shapes[i] is None:
            result.warnings.append(f"site {i + 1} got too little land to draw")
    result.borders = cell_borders(arrays, corners)
    return result


def _land_polygons(points: np.ndarray, frame: np.ndarray, pieces: list[np.ndarray],
                   lines: Lines, warnings: list[str]) -> dict[int, list[Key]]:
    """Each site's land, as vertex-name cycles: cells cut to the land piece the site is on."""
    on_piece = np.full(len(points), -1)
    for p, piece in enumerate(pieces):
        on_piece[(on_piece < 0) & points_in_polygon(points, piece)] = p
    for i in np.flatnonzero(on_piece < 0).tolist():
        # A site at sea gets the land of the nearest piece (say, a port drawn offshore).
        on_piece[i] = int(np.argmin([_distance_to_outline(points[i], piece)
                                     for piece in pieces]))
        warnings.append(f"site {i + 1} lies outside the land outline")
    polygons: dict[int, list[Key]] = {}
    for p, piece in enumerate(pieces):
        members = np.flatnonzero(on_piece == p)
        if len(members) == 0:
            continue
        strays: list[list[Key]] = []
        mine: dict[int, list[Key]] = {}
        for i, cell in voronoi_cells(points, frame, members).items():
            parts = clip_to_piece(cell, p, piece)
            if not parts:
                continue
            keys = [vertex_keys(part, lines) for part in parts]
            own = _part_holding(points[i], parts)
            mine[i] = keys[own]
            strays += [k for n, k in enumerate(keys) if n != own]
        _unify_vertices(mine, strays, lines)
        polygons.update(mine)
        _glue_strays(strays, polygons, lines)
        if strays:
            warnings.append(f"{len(strays)} bit(s) of land on outline piece {p + 1} "
                            "could not be given to a territory")
    return polygons


def _unify_vertices(polygons: dict[int, list[Key]], strays: list[list[Key]], lines: Lines,
                    eps: float = 1e-6) -> None:
    """Give one name to vertices that different names put at the same point, in place.

    Names are consistent except where lines meet in a degenerate way: a bisector passing
    exactly through a corner of the outline is met there by two outline edges, and each
    neighbour names the point after the one it walked along. Without this, such neighbours
    would not be seen to share their border.
    """
    name_of: dict[Key, Key] = {}
    buckets: dict[tuple[int, int], list[Key]] = {}

    def canonical(key: Key) -> Key:
        found = name_of.get(key)
        if found is not None:
            return found
        x, y = lines.point(key)
        bx, by = math.floor(x / eps), math.floor(y / eps)
        found = key
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for other in buckets.get((bx + dx, by + dy), ()):
                    ox, oy = lines.point(other)
                    if abs(ox - x) <= eps and abs(oy - y) <= eps:
                        found = name_of[other]
        name_of[key] = found
        buckets.setdefault((bx, by), []).append(key)
        return found

    def renamed(keys: list[Key]) -> list[Key]:
        named = [canonical(k) for k in keys]
        return [k for n, k in enumerate(named) if k != named[n - 1]] or named[:1]

    for i in polygons:
        polygons[i] = renamed(polygons[i])
    strays[:] = [renamed(keys) for keys in strays]


def _part_holding(site: np.ndarray, parts: list[Cell]) -> int:
    """The part of a cut cell that holds its site (else the nearest part)."""
    best, best_distance = 0, float("inf")
    for n, part in enumerate(parts):
        polygon = np.asarray(part.points, dtype=float)
        if points_in_polygon(site[None, :], polygon)[0]:
            return n
        distance = _distance_to_outline(site, polygon)
        if distance < best_distance:
            best, best_distance = n, distance
    return best


def _distance_to_outline(point: np.ndarray, polygon: np.ndarray) -> float:
    a, b = polygon, np.roll(polygon, -1, axis=0)
    d = b - a
    t = np.clip(((point - a) * d).sum(axis=1) / np.maximum((d * d).sum(axis=1), 1e-12), 0, 1)
    nearest = a + t[:, None] * d
    return float(np.sqrt(((nearest - point) ** 2).sum(axis=1)).min())


def _glue_strays(strays: list[list[Key]], polygons: dict[int, list[Key]],
                 lines: Lines) -> None:
    """Give each stray bit of land to the territory it shares the longest border with.

    Strays may border only other strays at first, so this repeats until nothing changes;
    whatever is left in ``strays`` found no home.
    """
    owner_of_edge: dict[tuple[Key, Key], int] = {}
    for i, keys in polygons.items():
        for edge in zip(keys, keys[1:] + keys[:1]):
            owner_of_edge[edge] = i
    progress = True
    while strays and progress:
        progress = False
        for stray in list(strays):
            shared: dict[int, float] = {}
            for u, w in zip(stray, stray[1:] + stray[:1]):
                i = owner_of_edge.get((w, u))
                if i is not None:
                    (ux, uy), (wx, wy) = lines.point(u), lines.point(w)
                    shared[i] = shared.get(i, 0.0) + float(np.hypot(wx - ux, wy - uy))
            for i in sorted(shared, key=lambda t: (-shared[t], t)):
                merged = merge_along_border(polygons[i], stray)
                if merged is None:
                    continue
                for edge in zip(polygons[i], polygons[i][1:] + polygons[i][:1]):
                    owner_of_edge.pop(edge, None)
                polygons[i] = merged
                for edge in zip(merged, merged[1:] + merged[:1]):
                    owner_of_edge[edge] = i
                strays.remove(stray)
                progress = True
                break


def shared_borders(polygons: dict[int, list[Key]], lines: Lines) -> dict[tuple[int, int], float]:
    """Length of border shared by each pair of polygons that meet along an edge."""
    owner_of_edge: dict[tuple[Key, Key], int] = {}
    for i, keys in polygons.items():
        for edge in zip(keys, keys[1:] + keys[:1]):
            owner_of_edge[edge] = i
    borders: dict[tuple[int, int], float] = {}
    for (u, w), i in owner_of_edge.items():
        j = owner_of_edge.get((w, u))
        if j is None or j <= i:
            continue
        (ux, uy), (wx, wy) = lines.point(u), lines.point(w)
        borders[(i, j)] = borders.get((i, j), 0.0) + float(np.hypot(wx - ux, wy - uy))
    return borders


def _finish(keys: list[Key], lines: Lines, decimals: int) -> Shape | None:
    """Coordinates for a vertex-name cycle, rounded, without repeated or collinear points.

    Collinearity is tested exactly on the rounded integers, so a point dropped here lies
    exactly on the straight edge that replaces it, and a neighbour keeping that point
    still meets this shape without overlap. If rounding made the polygon cross itself
    (only possible for slivers), finer rounding is tried.
    """
    raw = np.array([lines.point(k) for k in keys], dtype=float)
    for places in (decimals, decimals + 2, None):
        if places is None:
            pts = [tuple(p) for p in raw.tolist()]
            scale = None
        else:
            scale = 10 ** places
            pts = [(round(x * scale), round(y * scale)) for x, y in raw.tolist()]
        pts = without_redundant_points(pts)
        if len(pts) < 3:
            return None
        shape = np.array(pts, dtype=float) / (scale or 1)
        if polygon_fault(shape) is None:
            if places is not None:
                shape = np.round(shape, places)
            return [[tidy_number(x), tidy_number(y)] for x, y in shape.tolist()]
    return None


def rounded_shape(corners: np.ndarray, decimals: int = 1) -> Shape | None:
    """A convex cell's corners as a shape: rounded, without repeated or collinear points
    (None if nothing drawable is left)."""
    scale = 10 ** decimals
    pts = without_redundant_points([(round(x * scale), round(y * scale))
                                    for x, y in corners.tolist()])
    if len(pts) < 3:
        return None
    return [[tidy_number(x / scale), tidy_number(y / scale)] for x, y in pts]


def tidy_number(v: float) -> float | int:
    """Whole coordinates as ints, so the JSON says 410 rather than 410.0."""
    return int(v) if float(v).is_integer() else float(v)


def without_redundant_points(pts: list[tuple]) -> list[tuple]:
    """Drop repeated points, then points on a straight line with their neighbours; repeat.

    Repeats go first: a point next to its own copy would otherwise look collinear and be
    dropped together with the copy.
    """
    while len(pts) >= 3:
        unique = [p for k, p in enumerate(pts) if p != pts[k - 1]]
        n = len(unique)
        if n < 3:
            return unique
        kept = []
        for k in range(n):
            a, b, c = unique[k - 1], unique[k], unique[(k + 1) % n]
            if (b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0]) != 0:
                kept.append(b)
        if len(kept) == len(pts):
            return kept
        pts = kept
    return pts


def fill_shapes(map_doc: dict[str, Any], outline: list[np.ndarray] | None = None,
                replace: bool = False) -> int:
    """Give every territory of a map document without a shape (all, with ``replace``) its
    derived shape, in place; returns how many shapes were derived.

    All territories take part in the division of the land, so derived shapes fit with
    shapes derived earlier in the same way.
    """
    size = map_doc.get("size")
    territories = map_doc.get("territories")
    if not (isinstance(size, list) and len(size) == 2
            and all(isinstance(v, (int, float)) and v > 0 for v in size)):
        raise ShapeError("the map needs 'size': [width, height] to derive shapes")
    if not isinstance(territories, list) or not all(isinstance(t, dict) for t in territories):
        raise ShapeError("the map needs 'territories', a list of territory objects")
    missing = [t.get("id", n + 1) for n, t in enumerate(territories)
               if not (isinstance(t.get("pos"), list) and len(t["pos"]) == 2
                       and all(isinstance(v, (int, float)) and not isinstance(v, bool)
                               and np.isfinite(v) for v in t["pos"]))]
    if missing:
        raise ShapeError(f"every territory needs a pos [x, y] to derive shapes; missing: "
                         f"{', '.join(map(str, missing[:8]))}")
    derived = derive_shapes([t["pos"] for t in territories], size, outline)
    filled = 0
    for terr, shape in zip(territories, derived.shapes):
        if shape is not None and (replace or "shape" not in terr):
            terr["shape"] = shape
            filled += 1
    return filled
