"""Voronoi cells by half-plane clipping, clipped again to land outlines; pure NumPy/Python.

Each territory's shape is the part of the land nearer to its ``pos`` than to any other
territory's (its Voronoi cell). A cell is found by starting from the map rectangle and
cutting away, for each nearby site, the half-plane nearer to that site; land outlines are
then cut out of the cell exactly (a Weiler–Atherton walk, simple because a cell is convex).

Why labels: every polygon edge here remembers the line it lies on (a bisector of two
sites, a side of the map rectangle, or an edge of an outline), and every vertex is named by
the lines that meet there. Coordinates are computed from those names alone, so two cells
that share a corner compute bit-identical coordinates for it. That is what makes the
finished shapes meet exactly, with no slivers of overlap or gap after rounding, and what
lets stray pieces of a cell be glued onto the neighbour whose border they share.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Hashable

import numpy as np

from .geometry import points_in_polygon

Label = tuple  # ("b", i, j) bisector of sites i < j; ("r", k) rectangle side; ("o", p, k)
Key = Hashable  # a vertex name, see vertex_key


@dataclass
class Lines:
    """The lines edges can lie on, and the canonical intersection of any two of them."""

    sites: np.ndarray  # (N, 2)
    frame: np.ndarray  # (4, 2) rectangle corners, anticlockwise (positive area)
    pieces: list[np.ndarray] = field(default_factory=list)  # outlines, positive area
    _points: dict = field(default_factory=dict, repr=False)

    def line(self, label: Label) -> tuple[float, float, float, float]:
        """A point on the line and its direction, (px, py, dx, dy)."""
        if label[0] == "b":
            (ax, ay), (bx, by) = self.sites[label[1]], self.sites[label[2]]
            return (ax + bx) / 2, (ay + by) / 2, -(by - ay), bx - ax
        if label[0] == "r":
            a, b = self.frame[label[1]], self.frame[(label[1] + 1) % 4]
        else:
            piece = self.pieces[label[1]]
            a, b = piece[label[2]], piece[(label[2] + 1) % len(piece)]
        return float(a[0]), float(a[1]), float(b[0] - a[0]), float(b[1] - a[1])

    def point(self, key: Key) -> tuple[float, float]:
        """The coordinates of a named vertex (memoised; always the same floats)."""
        found = self._points.get(key)
        if found is None:
            found = self._points[key] = self._compute(key)
        return found

    def _compute(self, key) -> tuple[float, float]:
        kind = key[0]
        if kind == "v":  # circumcentre of three sites: the Voronoi vertex they share
            (ax, ay), (bx, by), (cx, cy) = (self.sites[i] for i in key[1:])
            d = 2 * (ax * (by - cy) + bx * (cy - ay) + cx * (ay - by))
            if d == 0:
                return self._intersect(("b", key[1], key[2]), ("b", key[1], key[3]))
            a2, b2, c2 = ax * ax + ay * ay, bx * bx + by * by, cx * cx + cy * cy
            return ((a2 * (by - cy) + b2 * (cy - ay) + c2 * (ay - by)) / d,
                    (a2 * (cx - bx) + b2 * (ax - cx) + c2 * (bx - ax)) / d)
        if kind == "ov":
            x, y = self.pieces[key[1]][key[2]]
            return float(x), float(y)
        if kind == "rv":
            x, y = self.frame[key[1]]
            return float(x), float(y)
        return self._intersect(key[1], key[2])  # "x" and "p": two lines

    def _intersect(self, l1: Label, l2: Label) -> tuple[float, float]:
        px, py, dx, dy = self.line(l1)
        qx, qy, ex, ey = self.line(l2)
        den = dx * ey - dy * ex
        if den == 0:  # parallel: only in degenerate input; any point of l1 will do
            return px, py
        t = ((qx - px) * ey - (qy - py) * ex) / den
        return px + t * dx, py + t * dy


def vertex_key(incoming: Label, leaving: Label, lines: Lines) -> Key:
    """The name of the vertex where an edge on ``incoming`` turns onto ``leaving``.

    Names depend only on the geometry, not on which cell is being walked: the corner of
    three cells is ("v", i, j, k) in each of them.
    """
    a, b = incoming, leaving
    if a[0] == "b" and b[0] == "b":
        sites = sorted({a[1], a[2], b[1], b[2]})
        if len(sites) == 3:
            return ("v", *sites)
    elif a[0] == "b":
        return ("x", a, b)
    elif b[0] == "b":
        return ("x", b, a)
    elif a[0] == "o" and b[0] == "o" and a[1] == b[1]:
        if b[2] == (a[2] + 1) % len(lines.pieces[a[1]]):
            return ("ov", a[1], b[2])
    elif a[0] == "r" and b[0] == "r" and b[1] == (a[1] + 1) % 4:
        return ("rv", b[1])
    first, second = sorted((a, b))
    return ("p", first, second)


# --- cells --------------------------------------------------------------------------------


@dataclass
class Cell:
    """A convex polygon: ``labels[k]`` is the line of the edge leaving vertex ``points[k]``."""

    points: list[tuple[float, float]]
    labels: list[Label]


def _clip(cell: Cell, nx: float, ny: float, c: float, label: Label) -> Cell:
    """The part of ``cell`` where nx*x + ny*y <= c (Sutherland–Hodgman, labels kept)."""
    pts, labels = cell.points, cell.labels
    values = [nx * x + ny * y - c for x, y in pts]
    if max(values) <= 0:
        return cell
    out_pts: list[tuple[float, float]] = []
    out_labels: list[Label] = []
    m = len(pts)
    for k in range(m):
        k2 = k + 1 if k + 1 < m else 0
        a, b = values[k], values[k2]
        if a <= 0:
            if b <= 0:
                out_pts.append(pts[k2])
                out_labels.append(labels[k2])
            else:
                t = a / (a - b)
                (x1, y1), (x2, y2) = pts[k], pts[k2]
                out_pts.append((x1 + t * (x2 - x1), y1 + t * (y2 - y1)))
                out_labels.append(label)
        elif b <= 0:
            t = a / (a - b)
            (x1, y1), (x2, y2) = pts[k], pts[k2]
            out_pts.append((x1 + t * (x2 - x1), y1 + t * (y2 - y1)))
            out_labels.append(labels[k])
            out_pts.append(pts[k2])
            out_labels.append(labels[k2])
    return Cell(out_pts, out_labels)


def frame_corners(x0: float, y0: float, x1: float, y1: float) -> np.ndarray:
    """A rectangle's corners in the positive orientation the cells use."""
    return np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], dtype=float)


def voronoi_cells(sites: np.ndarray, frame: np.ndarray, members: np.ndarray | None = None
                  ) -> dict[int, Cell]:
    """The Voronoi cell of each site in ``members`` (default: all) among those members,
    clipped to the rectangle ``frame`` (from ``frame_corners``), with labelled edges."""
    sites = np.asarray(sites, dtype=float)
    members = np.arange(len(sites)) if members is None else np.asarray(members)
    arrays = cell_arrays(sites[members], frame)
    cells: dict[int, Cell] = {}
    for row, site in enumerate(members.tolist()):
        n = int(arrays.count[row])
        labels: list[Label] = []
        for code in arrays.labels[row, :n].tolist():
            if code >= 0:
                other = int(members[code])
                labels.append(("b", site, other) if site < other else ("b", other, site))
            else:
                labels.append(("r", -1 - code))
        cells[site] = Cell([tuple(p) for p in arrays.points[row, :n].tolist()], labels)
    return cells


@dataclass
class CellArrays:
    """All cells at once: row i is site i's cell, ``count[i]`` vertices long.

    ``labels[i, k]`` is the line of the edge leaving vertex k: j >= 0 for the bisector with
    site j, -1 - s for side s of the frame.
    """

    points: np.ndarray  # (N, V, 2)
    labels: np.ndarray  # (N, V) int
    count: np.ndarray  # (N,) int


MAX_CELL_VERTICES = 40
NEAREST = 32


def cell_arrays(sites: np.ndarray, frame: np.ndarray) -> CellArrays:
    """The Voronoi cells of ``sites`` within ``frame``, computed for all sites together.

    Every cell starts as the frame and is clipped, in lockstep, by the bisector with its
    k-th nearest site for k = 1, 2, ... A cell is finished once the next site is farther
    than twice the cell's farthest corner from its own site (no farther site can cut it).
    The nearest sites come from a bucket grid, which is complete only up to a radius;
    the few cells not finished within it are done one by one against every site.
    """
    sites = np.asarray(sites, dtype=float)
    n = len(sites)
    v_max = MAX_CELL_VERTICES
    points = np.zeros((n, v_max, 2))
    labels = np.zeros((n, v_max), dtype=np.int64)
    points[:, :4] = frame[None, :, :]
    labels[:, :4] = -1 - np.arange(4)[None, :]
    count = np.full(n, 4, dtype=np.int64)
    if n == 1:
        return CellArrays(points, labels, count)
    candidates, cand_d2, complete_d2 = _nearest_sites(sites, frame)
    reach = ((points[:, :4] - sites[:, None, :]) ** 2).sum(axis=2).max(axis=1)
    open_ = np.ones(n, dtype=bool)
    unsure = np.zeros(n, dtype=bool)
    for k in range(candidates.shape[1]):
        j = candidates[:, k]
        d2 = cand_d2[:, k]
        # Finished: no site within twice the reach, and the list is complete that far.
        # (No candidate left is d2 = inf.)
        open_ &= ~((d2 > 4 * reach) & (4 * reach <= complete_d2))
        newly_unsure = open_ & (d2 > complete_d2)
        unsure |= newly_unsure
        open_ &= ~newly_unsure
        rows = np.flatnonzero(open_)
        if len(rows) == 0:
            break
        overflow = _clip_rows(points, labels, count, rows, sites, j[rows])
        unsure[rows[overflow]] = True
        open_[rows[overflow]] = False
        live = rows[~overflow]
        width = int(count[live].max()) if len(live) else 0
        valid = np.arange(width)[None, :] < count[live][:, None]
        d = ((points[live, :width] - sites[live][:, None, :]) ** 2).sum(axis=2)
        reach[live] = np.where(valid, d, 0).max(axis=1)
    unsure |= open_  # ran out of candidates before the cell was finished
    frame_cell = Cell([tuple(map(float, p)) for p in frame], [("r", k) for k in range(4)])
    for i in np.flatnonzero(unsure).tolist():
        d2_all = ((sites - sites[i]) ** 2).sum(axis=1)
        cell = _cell_of(i, np.argsort(d2_all, kind="stable"), d2_all, sites,
                        np.arange(n), frame_cell, exhaustive=True)
        m = len(cell.points)
        if m > points.shape[1]:  # a site ringed by many others: widen every row
            grow = m - points.shape[1]
            points = np.pad(points, ((0, 0), (0, grow), (0, 0)))
            labels = np.pad(labels, ((0, 0), (0, grow)))
        count[i] = m
        points[i, :m] = cell.points
        labels[i, :m] = [-1 - lab[1] if lab[0] == "r" else (lab[2] if lab[1] == i else lab[1])
                         for lab in cell.labels]
    return CellArrays(points, labels, count)


def _nearest_sites(sites: np.ndarray, frame: np.ndarray
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Up to NEAREST nearest other sites of every site, nearest first (-1 and inf pad),
    and the squared radius within which each site's list is complete.

    Sites are put in square buckets about one site apart; the candidates of a site are the
    sites in the 7 × 7 buckets around it, which include every site within three bucket
    widths of it.
    """
    n = len(sites)
    lo = frame.min(axis=0)
    extent = np.maximum(frame.max(axis=0) - lo, 1e-9)
    width = float(np.sqrt(extent[0] * extent[1] / n))
    shape = np.maximum((extent / width).astype(np.int64) + 1, 1)
    cell = np.clip(((sites - lo) / width).astype(np.int64), 0, shape - 1)
    bucket = cell[:, 0] * shape[1] + cell[:, 1]
    order = np.argsort(bucket, kind="stable")
    counts = np.bincount(bucket, minlength=int(shape[0] * shape[1]))
    cap = int(counts.max())
    if n * 49 * cap > 20_000_000:  # very uneven density: buckets would not help
        return _nearest_sites_by_brute_force(sites)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    table = np.full((int(shape[0] * shape[1]) + 1, cap), -1, dtype=np.int64)  # last: empty
    slot = np.arange(n) - starts[bucket[order]]
    table[bucket[order], slot] = order
    reach = 3
    offsets = [(dx, dy) for dx in range(-reach, reach + 1) for dy in range(-reach, reach + 1)]
    window = []
    for dx, dy in offsets:
        cx, cy = cell[:, 0] + dx, cell[:, 1] + dy
        inside = (cx >= 0) & (cx < shape[0]) & (cy >= 0) & (cy < shape[1])
        window.append(np.where(inside, cx * shape[1] + cy, len(table) - 1))
    cand = table[np.stack(window, axis=1)].reshape(n, -1)
    d2 = np.where(cand >= 0, ((sites[np.maximum(cand, 0)] - sites[:, None, :]) ** 2).sum(axis=2),
                  np.inf)
    d2[cand == np.arange(n)[:, None]] = np.inf
    k = min(NEAREST, cand.shape[1])
    pick = np.argpartition(d2, k - 1, axis=1)[:, :k] if k < cand.shape[1] else \
        np.tile(np.arange(cand.shape[1]), (n, 1))
    pd2 = np.take_along_axis(d2, pick, axis=1)
    sort = np.argsort(pd2, axis=1, kind="stable")
    pick = np.take_along_axis(pick, sort, axis=1)
    cand_d2 = np.take_along_axis(pd2, sort, axis=1)
    candidates = np.where(np.isfinite(cand_d2), np.take_along_axis(cand, pick, axis=1), -1)
    # Complete within `reach` bucket widths, and also out to the nearest site not listed.
    complete = np.full(n, (reach * width) ** 2)
    if k < cand.shape[1]:
        complete = np.minimum(complete, cand_d2[:, -1])
    return candidates, cand_d2, complete


def _nearest_sites_by_brute_force(sites: np.ndarray
                                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """As ``_nearest_sites``, from all pairwise distances (in row blocks, to bound memory)."""
    n = len(sites)
    k = min(NEAREST, n - 1)
    candidates = np.empty((n, k), dtype=np.int64)
    cand_d2 = np.empty((n, k))
    block = max(1, 4_000_000 // n)
    for start in range(0, n, block):
        rows = np.arange(start, min(n, start + block))
        d2 = ((sites[rows][:, None, :] - sites[None, :, :]) ** 2).sum(axis=2)
        d2[np.arange(len(rows)), rows] = np.inf
        pick = np.argpartition(d2, k - 1, axis=1)[:, :k]
        pd2 = np.take_along_axis(d2, pick, axis=1)
        sort = np.argsort(pd2, axis=1, kind="stable")
        candidates[rows] = np.take_along_axis(pick, sort, axis=1)
        cand_d2[rows] = np.take_along_axis(pd2, sort, axis=1)
    # The k nearest are exactly known; the (k+1)-th may be as near as the k-th.
    complete = cand_d2[:, -1] if k < n - 1 else np.full(n, np.inf)
    return candidates, cand_d2, complete


def _clip_rows(points, labels, count, rows, sites, others) -> np.ndarray:
    """Clip the cells in ``rows`` by the bisector with ``others`` (one per row), in place.

    Sutherland–Hodgman for many polygons at once: each edge k emits up to two vertices
    (an entry or exit point, then its far end if that is kept) into slots 2k and 2k + 1,
    and the emitted slots are packed to the front. Returns which rows overflowed.
    """
    v_max = points.shape[1]
    cnt = count[rows]
    # Work only as wide as the largest of these cells (plus the one vertex a cut can add).
    width = min(v_max, int(cnt.max()) + 1)
    P, L = points[rows, :width], labels[rows, :width]
    s, o = sites[rows], sites[others]
    normal = o - s
    c = (normal * (s + o) / 2).sum(axis=1)
    vals = (P * normal[:, None, :]).sum(axis=2) - c[:, None]
    k = np.arange(width)[None, :]
    valid = k < cnt[:, None]
    nxt = np.where(k + 1 < cnt[:, None], k + 1, 0)
    r = np.arange(len(rows))[:, None]
    a, b = vals, vals[r, nxt]
    Pn, Ln = P[r, nxt], L[r, nxt]
    a_in, b_in = a <= 0, b <= 0
    crossing = valid & (a_in != b_in)
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.where(crossing, a / (a - b), 0.0)
    X = P + t[:, :, None] * (Pn - P)
    X_label = np.where(a_in, others[:, None], L)
    out_P = np.empty((len(rows), 2 * width, 2))
    out_L = np.empty((len(rows), 2 * width), dtype=np.int64)
    out_ok = np.empty((len(rows), 2 * width), dtype=bool)
    out_P[:, 0::2], out_L[:, 0::2], out_ok[:, 0::2] = X, X_label, crossing
    out_P[:, 1::2], out_L[:, 1::2], out_ok[:, 1::2] = Pn, Ln, valid & b_in
    pack = np.argsort(~out_ok, axis=1, kind="stable")[:, :width]
    new_cnt = out_ok.sum(axis=1)
    overflow = new_cnt > width
    points[rows, :width] = np.take_along_axis(out_P, pack[:, :, None], axis=1)
    labels[rows, :width] = np.take_along_axis(out_L, pack, axis=1)
    count[rows] = np.minimum(new_cnt, width)
    return overflow


def canonical_points(arrays: CellArrays, sites: np.ndarray, frame: np.ndarray) -> np.ndarray:
    """The cells' vertices recomputed from the lines that meet there (see module notes), so
    that every cell sharing a vertex has bit-identical coordinates for it."""
    P, L, cnt = arrays.points, arrays.labels, arrays.count
    n, v_max = L.shape
    k = np.arange(v_max)[None, :]
    prev = np.where(k == 0, cnt[:, None] - 1, k - 1)
    incoming = np.take_along_axis(L, prev, axis=1)
    leaving = L
    me = np.arange(n)[:, None].repeat(v_max, axis=1)
    out = P.copy()
    both = (incoming >= 0) & (leaving >= 0)
    if both.any():
        tri = np.sort(np.stack([me[both], incoming[both], leaving[both]], axis=1), axis=1)
        a, b, c = sites[tri[:, 0]], sites[tri[:, 1]], sites[tri[:, 2]]
        d = 2 * (a[:, 0] * (b[:, 1] - c[:, 1]) + b[:, 0] * (c[:, 1] - a[:, 1])
                 + c[:, 0] * (a[:, 1] - b[:, 1]))
        a2, b2, c2 = (a ** 2).sum(1), (b ** 2).sum(1), (c ** 2).sum(1)
        with np.errstate(divide="ignore", invalid="ignore"):
            x = (a2 * (b[:, 1] - c[:, 1]) + b2 * (c[:, 1] - a[:, 1]) + c2 * (a[:, 1] - b[:, 1])) / d
            y = (a2 * (c[:, 0] - b[:, 0]) + b2 * (a[:, 0] - c[:, 0]) + c2 * (b[:, 0] - a[:, 0])) / d
        good = d != 0
        idx = np.argwhere(both)
        out[idx[good, 0], idx[good, 1]] = np.stack([x[good], y[good]], axis=1)
    one = (incoming >= 0) != (leaving >= 0)
    if one.any():
        other = np.where(incoming >= 0, incoming, leaving)[one]
        side = -1 - np.where(incoming >= 0, leaving, incoming)[one]
        i = me[one]
        lo, hi = np.minimum(i, other), np.maximum(i, other)
        a, b = sites[lo], sites[hi]
        mid, d = (a + b) / 2, b - a
        md = (mid * d).sum(axis=1)
        fixed = frame[side, np.where(side % 2 == 0, 1, 0)]  # sides 0, 2: y fixed; 1, 3: x
        with np.errstate(divide="ignore", invalid="ignore"):
            y_side = side % 2 == 0
            free = np.where(y_side, (md - fixed * d[:, 1]) / d[:, 0],
                            (md - fixed * d[:, 0]) / d[:, 1])
        xy = np.where(y_side[:, None], np.stack([free, fixed], 1), np.stack([fixed, free], 1))
        good = np.isfinite(free)
        idx = np.argwhere(one)
        out[idx[good, 0], idx[good, 1]] = xy[good]
    corner = (incoming < 0) & (leaving < 0)
    if corner.any():
        idx = np.argwhere(corner)
        out[idx[:, 0], idx[:, 1]] = frame[-1 - leaving[corner]]
    return out


def _cell_of(local: int, order: np.ndarray, d2: np.ndarray, pool: np.ndarray,
             members: np.ndarray, frame_cell: Cell, exhaustive: bool = False) -> Cell | None:
    """One cell, clipped by the sites in ``order`` (nearest first) until none can matter."""
    sx, sy = float(pool[local, 0]), float(pool[local, 1])
    me = int(members[local])
    cell = frame_cell
    reach = max((x - sx) ** 2 + (y - sy) ** 2 for x, y in cell.points)
    for other in order.tolist():
        if other == local:
            continue
        if d2[other] > 4 * reach:
            return cell
        ox, oy = float(pool[other, 0]), float(pool[other, 1])
        nx, ny = ox - sx, oy - sy
        c = nx * (sx + ox) / 2 + ny * (sy + oy) / 2
        them = int(members[other])
        label = ("b", me, them) if me < them else ("b", them, me)
        clipped = _clip(cell, nx, ny, c, label)
        if clipped is not cell:
            cell = clipped
            if not cell.points:
                return cell
            reach = max((x - sx) ** 2 + (y - sy) ** 2 for x, y in cell.points)
    return cell if exhaustive or len(order) >= len(pool) else None


# --- cutting land out of a cell -----------------------------------------------------------


def clip_to_piece(cell: Cell, piece_index: int, piece: np.ndarray) -> list[Cell]:
    """The parts of the land outline ``piece`` inside the convex ``cell`` (none, one or
    several polygons, each with labelled edges).

    Walks the outline: each stretch inside the cell runs from an entry to an exit on the
    cell's border, and the cell's border leads on from that exit to the next entry.
    """
    c = np.asarray(cell.points, dtype=float)
    n, m = len(c), len(piece)
    if n < 3:
        return []
    lo, hi = c.min(axis=0), c.max(axis=0)
    if (piece[:, 0].max() < lo[0] or piece[:, 0].min() > hi[0]
            or piece[:, 1].max() < lo[1] or piece[:, 1].min() > hi[1]):
        return []
    c_next = np.roll(c, -1, axis=0)
    edge = c_next - c
    # f[k, j] >= 0: outline vertex k is on the inner side of cell edge j.
    f = (edge[None, :, 0] * (piece[:, None, 1] - c[None, :, 1])
         - edge[None, :, 1] * (piece[:, None, 0] - c[None, :, 0]))
    inside = np.all(f >= 0, axis=1)
    outline_labels = [("o", piece_index, k) for k in range(m)]
    fa, fb = f, np.roll(f, -1, axis=0)
    a_in, b_in = inside, np.roll(inside, -1)
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.where(fa != fb, fa / (fa - fb), 0.0)
    entering = (fa < 0) & (fb >= 0)
    leaving = (fa >= 0) & (fb < 0)
    missed = np.any((fa < 0) & (fb < 0), axis=1)
    t0 = np.where(entering, t, -np.inf).max(axis=1)
    j0 = np.where(entering, t, -np.inf).argmax(axis=1)
    t1 = np.where(leaving, t, np.inf).min(axis=1)
    j1 = np.where(leaving, t, np.inf).argmin(axis=1)
    t0 = np.where(np.isfinite(t0), t0, 0.0)
    t1 = np.where(np.isfinite(t1), t1, 1.0)
    passes = ~missed & (t0 < t1)
    has_entry = ~a_in & (b_in | passes)
    has_exit = ~b_in & (a_in | passes)

    events = []  # (is_entry, outline edge, cell edge, point, position along cell border)
    for k in np.flatnonzero(has_entry | has_exit).tolist():
        p, q = piece[k], piece[(k + 1) % m]
        for is_entry, tk, jk in ((True, t0[k], j0[k]), (False, t1[k], j1[k])):
            if (has_entry[k] if is_entry else has_exit[k]):
                point = p + tk * (q - p)
                j = int(jk)
                d = edge[j]
                u = float(np.dot(point - c[j], d) / np.dot(d, d))
                events.append((is_entry, k, j, (float(point[0]), float(point[1])),
                               j + min(max(u, 0.0), 0.999999999)))
    if not events:
        if inside.all():
            return [Cell([tuple(map(float, v)) for v in piece], outline_labels)]
        if points_in_polygon(c[:1], piece)[0]:
            return [cell]
        return []
    kinds = [e[0] for e in events]
    if any(kinds[i] == kinds[(i + 1) % len(kinds)] for i in range(len(kinds))):
        return []  # numerically degenerate walk; the caller treats the cell as missing
    along_border = sorted(range(len(events)), key=lambda i: events[i][4])
    next_on_border = {along_border[i]: along_border[(i + 1) % len(along_border)]
                      for i in range(len(along_border))}
    pieces_out: list[Cell] = []
    done: set[int] = set()
    for start in range(len(events)):
        if not events[start][0] or start in done:
            continue
        pts: list[tuple[float, float]] = []
        labels: list[Label] = []
        here = start
        while True:
            done.add(here)
            _, k_in, _, point, _ = events[here]
            pts.append(point)
            labels.append(outline_labels[k_in])
            out = (here + 1) % len(events)  # the exit that ends this stretch of outline
            _, k_out, j_out, out_point, out_pos = events[out]
            steps = (k_out - k_in) % m
            for s in range(1, steps + 1):
                v = (k_in + s) % m
                pts.append((float(piece[v, 0]), float(piece[v, 1])))
                labels.append(outline_labels[v])
            pts.append(out_point)
            labels.append(cell.labels[j_out])
            following = next_on_border[out]
            if not events[following][0]:
                return []  # degenerate; see above
            j_in, in_pos = events[following][2], events[following][4]
            steps = (j_in - j_out) % n
            if steps == 0 and in_pos < out_pos:
                steps = n
            for s in range(1, steps + 1):
                v = (j_out + s) % n
                pts.append(cell.points[v])
                labels.append(cell.labels[v])
            here = following
            if here == start:
                break
            if here in done:
                return []
        pieces_out.append(Cell(pts, labels))
    return pieces_out


# --- from labelled polygons to named vertices -----------------------------------------------


def vertex_keys(cell: Cell, lines: Lines) -> list[Key]:
    """The names of a labelled polygon's vertices, in order."""
    labels = cell.labels
    return [vertex_key(labels[k - 1], labels[k], lines) for k in range(len(labels))]


def merge_along_border(first: list[Key], second: list[Key]) -> list[Key] | None:
    """The union of two polygons (vertex-name cycles, same orientation) that share one
    stretch of border, or None when they share none or their union is not one polygon."""
    edges = list(zip(first, first[1:] + first[:1])) + list(zip(second, second[1:] + second[:1]))
    present = set(edges)
    kept = [(u, w) for u, w in edges if (w, u) not in present and u != w]
    if len(kept) == len(edges):
        return None
    successor: dict[Key, Key] = {}
    for u, w in kept:
        if u in successor:
            return None  # the union pinches at a point
        successor[u] = w
    if not kept:
        return None
    start = kept[0][0]
    cycle = [start]
    here = successor[start]
    while here != start:
        cycle.append(here)
        here = successor.get(here)
        if here is None or len(cycle) > len(kept):
            return None
    return cycle if len(cycle) == len(kept) else None


def cell_borders(arrays: CellArrays, points: np.ndarray, min_length: float = 0.0
                 ) -> dict[tuple[int, int], float]:
    """Length of the border each pair of cells (i < j) shares, from the bisector edges.

    Each shared border appears in both cells; the shorter measurement is kept so that a
    border one cell sees as a point does not count."""
    L, cnt = arrays.labels, arrays.count
    n, v_max = L.shape
    k = np.arange(v_max)[None, :]
    nxt = np.where(k + 1 < cnt[:, None], k + 1, 0)
    ends = np.take_along_axis(points, nxt[:, :, None], axis=1)
    length = np.sqrt(((ends - points) ** 2).sum(axis=2))
    real = (k < cnt[:, None]) & (L >= 0)
    me = np.broadcast_to(np.arange(n)[:, None], L.shape)[real]
    other, size = L[real], length[real]
    lo, hi = np.minimum(me, other), np.maximum(me, other)
    pair = lo * n + hi
    order = np.lexsort((size, pair))
    pair, size = pair[order], size[order]
    first = np.concatenate([[True], pair[1:] != pair[:-1]])
    seen_twice = np.concatenate([pair[1:] == pair[:-1], [False]])
    pair, size = pair[first & seen_twice], size[first & seen_twice]
    keep = size > min_length
    return {(int(p // n), int(p % n)): float(v) for p, v in zip(pair[keep], size[keep])}
