"""Territory names: placed by importance, never overlapping each other, a capital star or
unit badges; capitals named from the zoom a view opens at; placed once per zoom level."""

from __future__ import annotations

import numpy as np
import pygame
import pytest

from game.render import MapRenderer
from game.render.labels import Placement, badge_box, overlaps
from game.render.sample import sample_map, sample_powers
from game.maps import list_scenarios, load_scenario

SHIPPED = list_scenarios()


def renderer_for(name: str, size=(1280, 720)) -> MapRenderer:
    from game.engine import initial_state
    from game.engine.view import view

    pygame.init()
    info = next(i for i in SHIPPED if i.name == name)
    scenario = load_scenario(info.path)
    r = MapRenderer(scenario.map_doc, scenario.powers, size)
    r.set_view(view(initial_state(scenario, seed=1), "umpire"))
    return r


def at_zoom(r: MapRenderer, zoom: float) -> Placement:
    r.camera.zoom = zoom
    return r.placement()


def clashes(r: MapRenderer, placed: Placement) -> list:
    """Names overlapping each other, or another territory's badge row as it is drawn (a
    name's own badges hang 2 px below it by the layout, closer than the boxes' padding)."""
    boxes = dict(placed.boxes)
    for t in r.geometry.territories:
        size = 0 if placed.centre_of(t.index) else placed.size_of(t.index)
        row = placed.pushed.get(t.index) or badge_box(t, placed.zoom, r.geometry.typical_span,
                                                      r._badge_labels, size)
        if row is not None:
            boxes[-1 - t.index] = row
    return [(a, b) for a, b in overlaps(boxes) if (a >= 0 or b >= 0) and a != -1 - b]


def crowded(r: MapRenderer, placed: Placement, t) -> bool:
    """Another territory's unit badges sit on this capital's star (an enclave such as
    West Berlin): no place for its name until the player zooms in far."""
    z = placed.zoom
    lay = r.label_layout(t.id)
    ax, ay = t.anchor[0] * z, t.anchor[1] * z
    star = (ax - lay.star_radius, ay - lay.star_radius, ax + lay.star_radius,
            ay + lay.star_radius)
    for u in r.geometry.territories:
        row = badge_box(u, z, r.geometry.typical_span, r._badge_labels, 0)
        if u is not t and row is not None and overlaps({0: star, 1: row}):
            return True
    return False


@pytest.mark.parametrize("name", [i.name for i in SHIPPED])
@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_names_never_overlap_each_other_stars_or_badges_at_any_zoom(name, size):
    r = renderer_for(name, size)
    opening = r.camera.zoom
    for zoom in (r.camera.min_zoom, opening, opening * 1.5, opening * 2, opening * 5):
        placed = at_zoom(r, zoom)
        assert placed.sizes, f"no name at all at zoom {zoom:.3f}"
        assert clashes(r, placed) == []


@pytest.mark.parametrize("name", [i.name for i in SHIPPED])
@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_capitals_are_named_first(name, size):
    """At the zoom a view opens at, nearly every capital is named (crowded ones beside
    their star or cut short); at double that zoom, all but those under an enclave's badges."""
    r = renderer_for(name, size)
    opening = r.camera.zoom
    capitals = [t for t in r.geometry.territories if t.capital_of]
    placed = at_zoom(r, opening)
    named = [t for t in capitals if placed.size_of(t.index)]
    assert len(named) >= 0.7 * len(capitals)   # cold-war at 1280x720: 7 of 10
    placed = at_zoom(r, opening * 2)
    assert [t.name for t in capitals
            if not placed.size_of(t.index) and not crowded(r, placed, t)] == []


@pytest.mark.parametrize("name", ["europe-1939", "tutorial"])
def test_capitals_are_named_at_the_lowest_zoom_without_badges(name):
    """Zoomed out past the badges, every capital's name has room."""
    r = renderer_for(name)
    placed = at_zoom(r, r.camera.min_zoom)
    assert [t.name for t in r.geometry.territories
            if t.capital_of and not placed.size_of(t.index)] == []


def test_names_show_below_the_old_cut_off_zoom_on_a_big_map():
    """Far zoomed out, names used to vanish (font below the minimum): now the most
    important still show, and more of them as the player zooms in."""
    pygame.init()
    doc = sample_map(cols=52, rows=40, cell=38.0, seed=11, sea_cells=set())
    r = MapRenderer(doc, sample_powers(), (1920, 1080))
    opening = r.camera.zoom
    counts = [len(at_zoom(r, opening * f).sizes) for f in (1, 2, 4)]
    assert counts[0] > 20
    assert counts[0] < counts[1] < counts[2]


def test_the_placement_is_kept_per_zoom_and_panning_does_not_redo_it():
    r = renderer_for("europe-1939")
    first = r.placement()
    r.camera.pan(120, 40)
    assert r.placement() is first
    r.camera.zoom_at((640, 360), 1.5)
    assert r.placement() is not first


def test_a_placed_capital_name_is_drawn_where_its_box_says():
    r = renderer_for("europe-1939")
    r.set_options(links=False, badges=False)
    surf = pygame.Surface((1280, 720))
    r.draw(surf)
    placed = r.placement()
    cap = next(t for t in r.geometry.territories if t.capital_of)
    x0, y0, x1, y1 = placed.boxes[cap.index]
    ox, oy = r.camera.offset[0] * r.camera.zoom, r.camera.offset[1] * r.camera.zoom
    box = pygame.Rect(round(x0 - ox), round(y0 - oy), round(x1 - x0), round(y1 - y0))
    pixels = pygame.surfarray.array3d(surf.subsurface(box.clip(surf.get_rect())))
    ink = np.all(pixels < 90, axis=2).sum()     # the name's dark letters
    assert ink > 10
