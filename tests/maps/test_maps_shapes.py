"""Derived shapes: nearest-point cells that tile the land, never overlap, hold their pos."""

from __future__ import annotations

import json

import numpy as np
import pytest

from game.maps.geometry import (
    overlapping_pairs,
    point_in_polygon,
    points_in_polygon,
    polygon_fault,
    signed_area,
)
from game.maps.shapes import ShapeError, derive_shapes, fill_shapes, read_outline


def sample_grid(width: float, height: float, step: float = 2.0) -> np.ndarray:
    xs = np.arange(0.37, width, step)
    ys = np.arange(0.41, height, step)
    gx, gy = np.meshgrid(xs, ys)
    return np.column_stack([gx.ravel(), gy.ravel()])


def coverage(shapes, points) -> np.ndarray:
    """How many shapes hold each sample point."""
    count = np.zeros(len(points), dtype=int)
    for shape in shapes:
        polygon = np.asarray(shape, dtype=float)
        # Only the points near the shape's box can be in it (a pixel's margin stays clear of
        # any rounding in the crossings): the same counts, without testing the whole grid.
        near = np.flatnonzero(np.all((points >= polygon.min(axis=0) - 1.0)
                                     & (points <= polygon.max(axis=0) + 1.0), axis=1))
        count[near] += points_in_polygon(points[near], polygon)
    return count


@pytest.fixture(scope="module")
def scattered():
    rng = np.random.default_rng(11)
    return rng.uniform([5, 5], [995, 595], size=(150, 2))


@pytest.fixture(scope="module")
def scattered_cells(scattered):
    """The cells of the scattered sites, derived once for the tests that only read them."""
    return derive_shapes(scattered, [1000, 600])


def test_cells_tile_the_map_without_overlap(scattered_cells):
    result = scattered_cells
    assert all(shape is not None for shape in result.shapes)
    count = coverage(result.shapes, sample_grid(1000, 600, step=3.0))
    assert count.min() == 1 and count.max() == 1
    total = sum(abs(signed_area(np.asarray(s, dtype=float))) for s in result.shapes)
    assert total == pytest.approx(600_000, abs=1e-6)


def test_each_pos_lies_in_its_own_simple_shape(scattered, scattered_cells):
    result = scattered_cells
    for site, shape in zip(scattered, result.shapes):
        polygon = np.asarray(shape, dtype=float)
        assert polygon_fault(polygon) is None
        assert point_in_polygon(site, polygon)


def test_cells_are_nearest_point_regions(scattered, scattered_cells):
    result = scattered_cells
    probes = sample_grid(1000, 600, step=23.0)
    nearest = np.argmin(((probes[:, None, :] - scattered[None, :, :]) ** 2).sum(axis=2), axis=1)
    for point, owner in zip(probes, nearest):
        assert point_in_polygon(point, np.asarray(result.shapes[owner], dtype=float))


def test_borders_are_symmetric_shared_lengths():
    sites = [[50, 50], [150, 50]]
    result = derive_shapes(sites, [200, 100])
    assert result.shapes[0] == [[0, 0], [100, 0], [100, 100], [0, 100]] or \
        sorted(result.shapes[0]) == [[0, 0], [0, 100], [100, 0], [100, 100]]
    assert result.borders == {(0, 1): pytest.approx(100.0)}


def c_shaped_land():
    """A C-shaped continent with a bay to the east, and a separate island in the bay."""
    continent = np.array([[100, 100], [900, 100], [900, 300], [300, 300], [300, 500],
                          [900, 500], [900, 700], [100, 700]], dtype=float)
    island = np.array([[600, 360], [700, 360], [700, 440], [600, 440]], dtype=float)
    return [continent, island]


def test_outline_cuts_shapes_to_the_land():
    land = c_shaped_land()
    sites = [[200, 200], [600, 200], [200, 600], [600, 600], [200, 400], [650, 400]]
    result = derive_shapes(sites, [1000, 800], land)
    samples = sample_grid(1000, 800, step=3.0)
    on_land = np.zeros(len(samples), dtype=bool)
    for piece in land:
        on_land |= points_in_polygon(samples, piece)
    count = coverage(result.shapes, samples)
    assert count.max() == 1
    assert np.array_equal(count == 1, on_land)  # all the land, and nothing but the land


def test_the_far_shore_of_a_bay_goes_to_the_territory_beside_it(monkeypatch):
    # The site at (600, 505) sits on the bay's southern shore; its nearest-point cell reaches
    # across the bay onto the northern arm, cut off from it by water. That stray belongs
    # with a territory of the northern arm, and no land is lost.
    import game.maps.shapes as shapes_module

    strays_seen = []
    glue = shapes_module._glue_strays

    def spy(strays, polygons, lines):
        strays_seen.append(len(strays))
        glue(strays, polygons, lines)
        strays_seen.append(len(strays))

    monkeypatch.setattr(shapes_module, "_glue_strays", spy)
    land = c_shaped_land()[:1]
    sites = [[150, 400], [850, 120], [850, 680], [600, 505]]
    result = derive_shapes(sites, [1000, 800], land)
    assert strays_seen == [1, 0]  # one stray, glued
    assert result.warnings == []
    areas = [abs(signed_area(np.asarray(s, dtype=float))) for s in result.shapes]
    assert sum(areas) == pytest.approx(abs(signed_area(land[0])))
    for site, shape in zip(sites, result.shapes):
        assert polygon_fault(np.asarray(shape, dtype=float)) is None
        assert point_in_polygon(site, np.asarray(shape, dtype=float))
    assert not point_in_polygon([600, 295], np.asarray(result.shapes[3], dtype=float))
    assert overlapping_pairs([np.asarray(s, dtype=float) for s in result.shapes]) == []


def test_sites_only_share_land_with_sites_on_the_same_piece():
    land = c_shaped_land()
    sites = [[200, 400], [650, 400]]  # the island's site is nearer part of the C
    result = derive_shapes(sites, [1000, 800], land)
    island = np.asarray(result.shapes[1], dtype=float)
    assert abs(signed_area(island)) == pytest.approx(100 * 80)
    assert result.borders == {}


def test_two_territories_at_one_pos_cannot_be_shaped():
    with pytest.raises(ShapeError):
        derive_shapes([[10, 10], [10, 10]], [100, 100])


def test_fill_shapes_fills_only_what_is_missing():
    doc = {"size": [200, 100], "territories": [
        {"id": "A", "pos": [50, 50], "shape": [[0, 0], [10, 0], [10, 10]]},
        {"id": "B", "pos": [150, 50]}]}
    assert fill_shapes(doc) == 1
    assert doc["territories"][0]["shape"] == [[0, 0], [10, 0], [10, 10]]
    assert sorted(doc["territories"][1]["shape"]) == [[100, 0], [100, 100], [200, 0], [200, 100]]
    assert fill_shapes(doc, replace=True) == 2
    assert sorted(doc["territories"][0]["shape"]) == [[0, 0], [0, 100], [100, 0], [100, 100]]


def test_fill_shapes_needs_a_size():
    with pytest.raises(ShapeError):
        fill_shapes({"territories": [{"id": "A", "pos": [1, 1]}]})


def test_read_outline(tmp_path):
    path = tmp_path / "land.json"
    path.write_text(json.dumps({"land": [[[0, 0], [10, 0], [0, 10]]]}), encoding="utf-8")
    pieces = read_outline(path)
    assert len(pieces) == 1 and pieces[0].shape == (3, 2)
    for text in ('{"land": []}', '{"land": [[[0, 0], [1, 1]]]}', "[]", "nope"):
        path.write_text(text, encoding="utf-8")
        with pytest.raises(ShapeError):
            read_outline(path)
    with pytest.raises(ShapeError):
        read_outline(tmp_path / "missing.json")


def test_many_sites_are_quick_and_exact():
    rng = np.random.default_rng(5)
    sites = np.unique(rng.uniform([1, 1], [3999, 2999], size=(5000, 2)), axis=0)
    result = derive_shapes(sites, [4000, 3000])
    total = sum(abs(signed_area(np.asarray(s, dtype=float))) for s in result.shapes)
    assert total == pytest.approx(12_000_000, abs=1e-3)


def test_uneven_density_is_still_exact():
    rng = np.random.default_rng(6)
    sites = np.unique(np.concatenate([rng.normal(500, 3, size=(400, 2)),
                                      rng.uniform(0, 1000, size=(100, 2))]), axis=0)
    sites = sites[(sites > 0).all(axis=1) & (sites < 1000).all(axis=1)]
    result = derive_shapes(sites, [1000, 1000])
    total = sum(abs(signed_area(np.asarray(s, dtype=float))) for s in result.shapes)
    assert total == pytest.approx(1_000_000, abs=1e-3)


def test_a_site_ringed_by_many_others():
    ring = np.linspace(0, 2 * np.pi, 80, endpoint=False)
    sites = np.vstack([[[500, 500]], np.column_stack([500 + 300 * np.cos(ring),
                                                      500 + 300 * np.sin(ring)])])
    result = derive_shapes(sites, [1000, 1000])
    assert len(result.shapes[0]) == 80
    assert polygon_fault(np.asarray(result.shapes[0], dtype=float)) is None
    total = sum(abs(signed_area(np.asarray(s, dtype=float))) for s in result.shapes)
    assert total == pytest.approx(1_000_000, abs=1e-3)


def test_a_border_through_a_corner_of_the_coast_is_still_shared():
    # The two sites' bisector (y = 250) runs exactly through the outline's corner (380, 250):
    # each cell reaches that point along a different coastal edge.
    land = [np.array([[400, 100], [600, 100], [600, 400], [400, 400], [380, 250]], dtype=float)]
    result = derive_shapes([[500, 160], [500, 340]], [800, 500], land)
    assert result.borders == {(0, 1): pytest.approx(220.0)}
