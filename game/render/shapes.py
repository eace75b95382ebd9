"""Polygon arithmetic the renderer needs, in NumPy: area, centroid, containment, and shapes
for maps that give only positions (RULES.md §9: "tools then derive one from pos")."""

from __future__ import annotations

import numpy as np


def polygon_area_centroid(poly: np.ndarray) -> tuple[float, tuple[float, float]]:
    """Area (always positive) and area-weighted centroid of a simple polygon."""
    x, y = poly[:, 0], poly[:, 1]
    x1, y1 = np.roll(x, -1), np.roll(y, -1)
    cross = x * y1 - x1 * y
    a = cross.sum() / 2
    if abs(a) < 1e-9:
        return 0.0, (float(x.mean()), float(y.mean()))
    cx = ((x + x1) * cross).sum() / (6 * a)
    cy = ((y + y1) * cross).sum() / (6 * a)
    return float(abs(a)), (float(cx), float(cy))


def points_in_polygon(points: np.ndarray, poly: np.ndarray) -> np.ndarray:
    """Even-odd ray casting for many points against one polygon, vectorised."""
    px = points[:, 0][:, None]
    py = points[:, 1][:, None]
    x0, y0 = poly[:, 0][None, :], poly[:, 1][None, :]
    x1, y1 = np.roll(poly[:, 0], -1)[None, :], np.roll(poly[:, 1], -1)[None, :]
    straddles = (y0 > py) != (y1 > py)
    with np.errstate(divide="ignore", invalid="ignore"):
        x_cross = x0 + (py - y0) * (x1 - x0) / (y1 - y0)
    return (straddles & (px < x_cross)).sum(axis=1) % 2 == 1


def _clip(poly: np.ndarray, normal: np.ndarray, offset: float) -> np.ndarray:
    """The part of a convex polygon where normal · p <= offset (Sutherland–Hodgman)."""
    if len(poly) == 0:
        return poly
    side = poly @ normal - offset
    out = []
    n = len(poly)
    for i in range(n):
        a, b = poly[i], poly[(i + 1) % n]
        sa, sb = side[i], side[(i + 1) % n]
        if sa <= 0:
            out.append(a)
        if (sa <= 0) != (sb <= 0):
            t = sa / (sa - sb)
            out.append(a + t * (b - a))
    return np.asarray(out) if out else np.zeros((0, 2))


def derive_shapes(positions: np.ndarray, size: tuple[float, float],
                  neighbours: int = 14, max_radius: float | None = None) -> list[np.ndarray]:
    """Voronoi cells of the positions, clipped to the map and to a disc-like octagon.

    Each cell is cut by the bisectors with its nearest ``neighbours`` sites only, which is
    exact for ordinary layouts and keeps 2,000 territories fast. The octagon of radius
    ``max_radius`` keeps lonely sites from swallowing the open sea.
    """
    n = len(positions)
    w, h = size
    if n == 0:
        return []
    if max_radius is None:
        max_radius = 0.9 * float(np.sqrt(w * h / max(n, 1)))
    d2 = ((positions[:, None, :] - positions[None, :, :]) ** 2).sum(axis=2)
    order = np.argsort(d2, axis=1)[:, 1:neighbours + 1]
    angles = np.linspace(0, 2 * np.pi, 16, endpoint=False)
    ring = np.stack([np.cos(angles), np.sin(angles)], axis=1)
    shapes = []
    for i in range(n):
        p = positions[i]
        cell = p + ring * max_radius
        cell = np.clip(cell, [0, 0], [w, h])
        for j in order[i]:
            q = positions[j]
            normal = q - p
            if not normal.any():
                continue
            offset = float(normal @ ((p + q) / 2))
            cell = _clip(cell, normal, offset)
        if len(cell) < 3:
            cell = p + ring[::4] * 5
        shapes.append(cell)
    return shapes
