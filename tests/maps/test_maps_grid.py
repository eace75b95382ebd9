"""grid_in_polygon, the overlap check's row-at-a-time test of a grid: the same verdict as
points_in_polygon on every point, whatever the polygon (simple or not, repeated corners,
coordinates that overflow) and whatever the grid (points on vertices and edges, repeats)."""

from __future__ import annotations

import numpy as np
import pytest

from game.maps.geometry import grid_in_polygon, points_in_polygon


def _polygon(rng: np.random.Generator, kind: int) -> np.ndarray:
    n = int(rng.integers(3, 30))
    if kind == 0:
        return rng.uniform(-50, 50, size=(n, 2))
    if kind == 1:   # corners on a coarse lattice: repeats, spikes, edges along grid rows
        return rng.integers(-5, 5, size=(n, 2)).astype(float) * 1.25
    if kind == 2:   # crossings that overflow to inf or NaN
        return rng.uniform(-1, 1, size=(n, 2)) * 1.7e308
    angles = np.sort(rng.uniform(0, 2 * np.pi, n))
    radii = rng.uniform(1, 10, n)
    return np.column_stack([radii * np.cos(angles), radii * np.sin(angles)])


@pytest.mark.parametrize("kind", range(4))
def test_a_grid_gets_the_verdicts_of_its_points_one_by_one(kind):
    rng = np.random.default_rng(kind)
    for _ in range(150):
        polygon = _polygon(rng, kind)
        if rng.random() < 0.5:   # on the lattice of kind 1: points on corners and edges
            xs = np.sort(rng.integers(-6, 6, size=int(rng.integers(1, 20))) * 1.25)
            ys = rng.integers(-6, 6, size=int(rng.integers(1, 20))) * 1.25
        else:
            xs = np.sort(rng.uniform(-60, 60, size=int(rng.integers(1, 40))))
            ys = rng.uniform(-60, 60, size=int(rng.integers(1, 40)))
        gx, gy = np.meshgrid(xs, ys, indexing="ij")
        one_by_one = points_in_polygon(np.column_stack([gx.ravel(), gy.ravel()]), polygon)
        assert np.array_equal(grid_in_polygon(xs, ys, polygon),
                              one_by_one.reshape(len(xs), len(ys)))


def test_a_square_holds_the_grid_points_inside_it_and_not_those_on_its_far_edges():
    square = np.array([[0, 0], [4, 0], [4, 4], [0, 4]], dtype=float)
    xs = ys = np.arange(-1.0, 6.0)
    inside = grid_in_polygon(xs, ys, square)
    # Half-open: the near edges (x = 0, y = 0) belong to the square, the far ones do not.
    expected = np.zeros((7, 7), dtype=bool)
    expected[1:5, 1:5] = True
    assert np.array_equal(inside, expected)
