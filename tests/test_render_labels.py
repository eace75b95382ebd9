"""Territory names: placed by importance, never overlapping, capitals named from the zoom a
view opens at, and the placement worked out once per zoom level."""

from __future__ import annotations

import numpy as np
import pygame
import pytest

from game.client.render import MapRenderer
from game.client.render.labels import overlaps, place_names
from game.client.render.sample import sample_map, sample_powers
from game.maps import list_scenarios, load_scenario

SHIPPED = list_scenarios()


def renderer_for(name: str, size=(1280, 720)) -> MapRenderer:
    pygame.init()
    info = next(i for i in SHIPPED if i.name == name)
    scenario = load_scenario(info.path)
    return MapRenderer(scenario.map_doc, scenario.powers, size)


@pytest.mark.parametrize("name", [i.name for i in SHIPPED])
@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_names_never_overlap_and_every_capital_is_named_at_the_opening_zoom(name, size):
    r = renderer_for(name, size)
    capitals = [t for t in r.geometry.territories if t.capital_of]
    for zoom in (r.camera.min_zoom, r.camera.zoom, r.camera.zoom * 2, r.camera.zoom * 5):
        placed = place_names(r.geometry, zoom)
        assert placed.sizes, f"no name at all at zoom {zoom:.3f}"
        assert overlaps(placed.boxes) == []
    opening = place_names(r.geometry, r.camera.zoom)
    assert [t.name for t in capitals if not opening.size_of(t.index)] == []


@pytest.mark.parametrize("name", ["europe-1939", "tutorial"])
def test_capitals_are_named_even_at_the_lowest_zoom(name):
    r = renderer_for(name)
    placed = place_names(r.geometry, r.camera.min_zoom)
    assert [t.name for t in r.geometry.territories
            if t.capital_of and not placed.size_of(t.index)] == []


def test_names_show_below_the_old_cut_off_zoom_on_a_big_map():
    """Far zoomed out, names used to vanish (font below the minimum): now the most
    important still show, and more of them as the player zooms in."""
    pygame.init()
    doc = sample_map(cols=52, rows=40, cell=38.0, seed=11, sea_cells=set())
    r = MapRenderer(doc, sample_powers(), (1920, 1080))
    counts = [len(place_names(r.geometry, r.camera.zoom * f).sizes) for f in (1, 2, 4)]
    assert counts[0] > 20
    assert counts[0] < counts[1] < counts[2]


def test_the_placement_is_kept_per_zoom_and_panning_does_not_redo_it():
    r = renderer_for("europe-1939")
    first = place_names(r.geometry, r.camera.zoom)
    r.camera.pan(120, 40)
    assert place_names(r.geometry, r.camera.zoom) is first


def test_a_placed_capital_name_is_drawn_where_its_box_says():
    r = renderer_for("europe-1939")
    r.set_options(links=False, badges=False)
    surf = pygame.Surface((1280, 720))
    r.draw(surf)
    placed = place_names(r.geometry, r.camera.zoom)
    cap = next(t for t in r.geometry.territories if t.capital_of)
    x0, y0, x1, y1 = placed.boxes[cap.index]
    ox, oy = r.camera.offset[0] * r.camera.zoom, r.camera.offset[1] * r.camera.zoom
    box = pygame.Rect(round(x0 - ox), round(y0 - oy), round(x1 - x0), round(y1 - y0))
    pixels = pygame.surfarray.array3d(surf.subsurface(box.clip(surf.get_rect())))
    ink = np.all(pixels < 90, axis=2).sum()     # the name's dark letters
    assert ink > 10
