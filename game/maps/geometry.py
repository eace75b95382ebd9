"""Plane geometry for territory shapes: areas, containment, simplicity, overlaps.

Shapes are polygons in map pixel coordinates given as (V, 2) arrays of vertices, first
vertex not repeated at the end. Everything here is vectorised with NumPy so that checking a
generated 5,000-territory map stays quick.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

Polygon = np.ndarray  # shape (V, 2), float


def _following(polygon: Polygon) -> Polygon:
    """Each vertex's successor (np.roll without its overhead, which adds up over a map)."""
    return np.concatenate([polygon[1:], polygon[:1]])


def signed_area(polygon: Polygon) -> float:
    """Shoelace area: positive when the vertices turn anticlockwise in x-right, y-up axes."""
    following = _following(polygon)
    return 0.5 * float(np.dot(polygon[:, 0], following[:, 1])
                       - np.dot(following[:, 0], polygon[:, 1]))


def points_in_polygon(points: np.ndarray, polygon: Polygon) -> np.ndarray:
    """Which of ``points`` (M, 2) lie inside ``polygon``, by the even-odd crossing rule.

    The half-open comparison (``y1 <= y < y2``) gives every point on an edge shared by two
    polygons to exactly one of them, which is what lets sampled overlap counts be exact.
    """
    x1, y1 = polygon[:, 0][None, :], polygon[:, 1][None, :]
    following = _following(polygon)
    x2, y2 = following[:, 0][None, :], following[:, 1][None, :]
    inside = np.zeros(len(points), dtype=bool)
    # Chunks keep the (points x edges) work arrays small whatever the sizes.
    chunk = max(1, 2_000_000 // max(1, len(polygon)))
    for start in range(0, len(points), chunk):
        px = points[start:start + chunk, 0][:, None]
        py = points[start:start + chunk, 1][:, None]
        spans = (y1 <= py) != (y2 <= py)
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            x_cross = x1 + (py - y1) * (x2 - x1) / (y2 - y1)
        crossings = spans & (px < x_cross)
        inside[start:start + chunk] = (np.count_nonzero(crossings, axis=1) % 2) == 1
    return inside


def grid_in_polygon(xs: np.ndarray, ys: np.ndarray, polygon: Polygon) -> np.ndarray:
    """Which points of the grid ``xs`` × ``ys`` lie inside ``polygon``: a (len(xs), len(ys))
    array, entry [a, b] for the point (xs[a], ys[b]); ``xs`` ascending, all finite.

    The same verdicts as ``points_in_polygon`` on those points (the same crossings, computed
    the same way), found a row at a time: each row's crossings are computed once, not once
    per point, so a polygon of E edges over an n × m grid costs about (n + E) m, not n m E.
    """
    x1, y1 = polygon[:, 0][None, :], polygon[:, 1][None, :]
    following = _following(polygon)
    x2, y2 = following[:, 0][None, :], following[:, 1][None, :]
    inside = np.zeros((len(xs), len(ys)), dtype=bool)
    chunk = max(1, 2_000_000 // max(1, len(polygon), len(xs)))
    for start in range(0, len(ys), chunk):
        py = ys[start:start + chunk][:, None]
        spans = (y1 <= py) != (y2 <= py)
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            x_cross = x1 + (py - y1) * (x2 - x1) / (y2 - y1)
        # A point is inside when an odd number of its row's crossings lie right of it
        # (x < crossing; a NaN crossing, from coordinates that overflow, is never right of it).
        rows, edges = np.nonzero(spans & ~np.isnan(x_cross))
        # The crossings at or left of xs[a] are those whose first x to the right is at most a.
        first_right = np.searchsorted(xs, x_cross[rows, edges], side="left")
        at_or_left = np.zeros((len(py), len(xs) + 1), dtype=np.int64)
        np.add.at(at_or_left, (rows, first_right), 1)
        at_or_left = np.cumsum(at_or_left[:, :-1], axis=1)
        total = np.bincount(rows, minlength=len(py))[:, None]
        inside[:, start:start + chunk] = ((total - at_or_left) % 2 == 1).T
    return inside


def point_in_polygon(point: Sequence[float], polygon: Polygon) -> bool:
    """Whether one point lies inside ``polygon`` (even-odd rule)."""
    return bool(points_in_polygon(np.asarray([point], dtype=float), polygon)[0])


def _orient(ax, ay, bx, by, cx, cy):
    """Twice the signed area of triangles (a, b, c); arrays broadcast."""
    return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax)


def polygon_fault(polygon: Polygon) -> str | None:
    """Why ``polygon`` is not a simple polygon, in a few words, or None when it is one.

    Simple means: at least three distinct corners, some area, no edge touching or crossing
    another edge except its two neighbours at their shared corner, and no edge doubling
    back along the previous one.
    """
    # Absurd coordinates (1e308) overflow to inf; the verdict is still made, quietly.
    with np.errstate(over="ignore", invalid="ignore"):
        return _polygon_fault(polygon)


def _polygon_fault(polygon: Polygon) -> str | None:
    n = len(polygon)
    if n < 3:
        return "has fewer than 3 points"
    nxt = _following(polygon)
    if np.any(np.all(polygon == nxt, axis=1)):
        k = int(np.argmax(np.all(polygon == nxt, axis=1)))
        return f"repeats point {k + 1} right after itself"
    ax, ay = polygon[:, 0], polygon[:, 1]
    bx, by = nxt[:, 0], nxt[:, 1]
    # Adjacent edges meet at a corner; they are faulty only when the second doubles back.
    prev = np.concatenate([polygon[-1:], polygon[:-1]])
    turn = _orient(prev[:, 0], prev[:, 1], ax, ay, bx, by)
    back = ((ax - prev[:, 0]) * (bx - ax) + (ay - prev[:, 1]) * (by - ay)) < 0
    spikes = (turn == 0) & back
    if np.any(spikes):
        return f"doubles back on itself at point {int(np.argmax(spikes)) + 1}"
    if np.all(turn > 0) or np.all(turn < 0):
        # Turning one way at every corner: simple exactly when it goes round once (a
        # pentagram also turns one way, but twice round).
        heading = np.arctan2(by - ay, bx - ax)
        bend = np.diff(np.concatenate([heading, heading[:1]]))
        bend = (bend + np.pi) % (2 * np.pi) - np.pi
        if abs(abs(float(bend.sum())) - 2 * np.pi) < 1e-6:
            return None
    rows = max(1, 2_000_000 // n)
    for i0 in range(0, n if n > 3 else 0, rows):
        fault = _crossing(ax, ay, bx, by, i0, min(n, i0 + rows))
        if fault:
            return fault
    if abs(signed_area(polygon)) <= 1e-9:
        return "has no area"
    return None


def _crossing(ax, ay, bx, by, i_start: int, i_stop: int) -> str | None:
    """The first pair of non-neighbouring edges (i in [i_start, i_stop), j > i + 1) that
    touch or cross, described; None if there is none."""
    n = len(ax)
    i, j = np.meshgrid(np.arange(i_start, i_stop), np.arange(n), indexing="ij")
    rows = (j >= i + 2) & ~((i == 0) & (j == n - 1))
    i, j = i[rows], j[rows]
    d1 = _orient(ax[j], ay[j], bx[j], by[j], ax[i], ay[i])
    d2 = _orient(ax[j], ay[j], bx[j], by[j], bx[i], by[i])
    d3 = _orient(ax[i], ay[i], bx[i], by[i], ax[j], ay[j])
    d4 = _orient(ax[i], ay[i], bx[i], by[i], bx[j], by[j])
    proper = (np.sign(d1) * np.sign(d2) < 0) & (np.sign(d3) * np.sign(d4) < 0)

    def on_segment(sx, sy, ex, ey, qx, qy, d):
        return ((d == 0) & (np.minimum(sx, ex) <= qx) & (qx <= np.maximum(sx, ex))
                & (np.minimum(sy, ey) <= qy) & (qy <= np.maximum(sy, ey)))

    touch = (on_segment(ax[j], ay[j], bx[j], by[j], ax[i], ay[i], d1)
             | on_segment(ax[j], ay[j], bx[j], by[j], bx[i], by[i], d2)
             | on_segment(ax[i], ay[i], bx[i], by[i], ax[j], ay[j], d3)
             | on_segment(ax[i], ay[i], bx[i], by[i], bx[j], by[j], d4))
    bad = proper | touch
    if np.any(bad):
        k = int(np.argmax(bad))
        return f"crosses itself (edges {int(i[k]) + 1} and {int(j[k]) + 1})"
    return None


def overlapping_pairs(polygons: Sequence[Polygon | None], samples: int = 1_000_000,
                      min_hits: int = 2) -> list[tuple[int, int]]:
    """Pairs (i, j), i < j, of polygons that overlap, found by sampling a fine grid.

    About ``samples`` grid points cover the polygons' joint bounding box; a pair is reported
    when at least ``min_hits`` points lie inside both. Polygons that only share borders never
    count (see ``points_in_polygon``), and the grid is offset by odd fractions so that its
    points do not line up with round-numbered vertices. Overlaps thinner than the grid
    spacing can slip through: this is a check for authors' mistakes, not a proof.
    """
    present = [(k, p) for k, p in enumerate(polygons) if p is not None and len(p) >= 3]
    if len(present) < 2:
        return []
    lo = np.min([p.min(axis=0) for _, p in present], axis=0)
    hi = np.max([p.max(axis=0) for _, p in present], axis=0)
    with np.errstate(over="ignore", invalid="ignore"):
        extent = np.maximum(hi - lo, 1e-9)
    if not np.all(np.isfinite(extent)):
        return []  # coordinates beyond any map; other checks say so
    # The grid is at most 2,000 points along its longer side, whatever the aspect ratio.
    step = max(float(np.sqrt(extent[0] * extent[1] / samples)), float(extent.max()) / 2000)
    nx = int(extent[0] / step) + 2
    ny = int(extent[1] / step) + 2
    owner = np.full(nx * ny, -1, dtype=np.int64)
    hits: dict[tuple[int, int], int] = {}
    for k, poly in present:
        i0 = max(int(np.floor((poly[:, 0].min() - lo[0]) / step - 0.5371)), 0)
        i1 = min(int(np.ceil((poly[:, 0].max() - lo[0]) / step - 0.5371)), nx - 1)
        j0 = max(int(np.floor((poly[:, 1].min() - lo[1]) / step - 0.6173)), 0)
        j1 = min(int(np.ceil((poly[:, 1].max() - lo[1]) / step - 0.6173)), ny - 1)
        if i1 < i0 or j1 < j0:
            continue
        ii, jj = np.meshgrid(np.arange(i0, i1 + 1), np.arange(j0, j1 + 1), indexing="ij")
        ii, jj = ii.ravel(), jj.ravel()
        inside = grid_in_polygon(lo[0] + (np.arange(i0, i1 + 1) + 0.5371) * step,
                                 lo[1] + (np.arange(j0, j1 + 1) + 0.6173) * step, poly).ravel()
        cells = ii[inside] * ny + jj[inside]
        taken = owner[cells]
        for other in np.unique(taken[taken >= 0]):
            pair = (int(other), k)
            hits[pair] = hits.get(pair, 0) + int(np.count_nonzero(taken == other))
        owner[cells] = k
    return sorted(pair for pair, n in hits.items() if n >= min_hits)
