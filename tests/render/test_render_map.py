"""The map renderer draws what the view says: owners' colours, fog, names, and a camera that
behaves. Rendered headless (tests/conftest.py sets SDL_VIDEODRIVER=dummy); screenshots go
to /tmp/render_*.png for a person to look at."""

from __future__ import annotations

import time

import numpy as np
import pygame
import pytest

from game.words import palette
from game.render import MapRenderer, RenderOptions
from game.render.badges import FOG_BADGE
from game.render.sample import sample_map, sample_powers, sample_turn
from game.engine.view import view

SIZE = (1280, 720)


pytestmark = pytest.mark.usefixtures("pygame_ready")


def renderer_for(scenario, size=SIZE) -> MapRenderer:
    return MapRenderer(scenario.map_doc, scenario.powers, size)


def render(r: MapRenderer, size=SIZE) -> pygame.Surface:
    surf = pygame.Surface(size)
    r.draw(surf, 0.0)
    return surf


def polygon_pixels(r: MapRenderer, surf: pygame.Surface, tid: str) -> np.ndarray:
    """The colours of every pixel inside a territory's outline (border pixels left out)."""
    mask_surf = pygame.Surface(surf.get_size())
    pts = r.screen_polygon(tid)
    pygame.draw.polygon(mask_surf, (255, 255, 255), pts)
    pygame.draw.polygon(mask_surf, (0, 0, 0), pts, 3)
    inside = pygame.surfarray.pixels_red(mask_surf) > 0
    rgb = pygame.surfarray.array3d(surf)
    return rgb[inside]


def commonest(pixels: np.ndarray) -> tuple[int, int, int]:
    colours, counts = np.unique(pixels.reshape(-1, 3), axis=0, return_counts=True)
    return tuple(int(c) for c in colours[counts.argmax()])


def test_each_territory_is_filled_in_its_owners_colour_at_its_position(turn):
    scenario, before, _after, _report = turn
    doc = view(before, "spectator")
    r = renderer_for(scenario)
    r.set_options(names=False, badges=False, terrain=False, links=False)
    r.set_view(doc)
    surf = render(r)
    for t in r.geometry.territories:
        owner = doc["territories"][t.id]["owner"]
        x, y = r.anchor_screen(t.id)
        assert tuple(surf.get_at((round(x), round(y))))[:3] == r.fill_for(owner, t.terrain), t.id


def test_with_everything_drawn_the_owners_colour_still_dominates_each_territory(turn):
    scenario, before, _after, _report = turn
    doc = view(before, "spectator")
    r = renderer_for(scenario)
    r.set_view(doc)
    surf = render(r)
    pygame.image.save(surf, "/tmp/render_map_sample.png")
    for t in r.geometry.territories:
        owner = doc["territories"][t.id]["owner"]
        assert commonest(polygon_pixels(r, surf, t.id)) == r.fill_for(owner, t.terrain), t.id


def test_owner_colours_are_muted_but_closest_to_their_own_power(turn):
    scenario, *_ = turn
    r = renderer_for(scenario)
    for p in r.powers:
        fill = palette.owner_fill(p.colour)
        nearest = min(r.powers, key=lambda q: sum((a - b) ** 2 for a, b in zip(q.colour, fill)))
        assert nearest.id == p.id
    assert r.fill_for(None, "plains") == palette.NEUTRAL


def _colour_count(surf: pygame.Surface, centre: tuple[float, float], colour, half=(16, 3)) -> int:
    x0, y0 = round(centre[0]) - half[0], round(centre[1]) - half[1]
    n = 0
    for x in range(x0, x0 + 2 * half[0] + 1):
        for y in range(y0, y0 + 2 * half[1] + 1):
            if tuple(surf.get_at((x, y)))[:3] == colour:
                n += 1
    return n


def _badge_centre(r: MapRenderer, tid: str) -> tuple[float, float]:
    x, y = r.anchor_screen(tid)
    return x, y + r.label_layout(tid).badge_y


def test_fogged_territories_show_a_question_mark_badge_and_visible_ones_show_counts():
    scenario, before, _after, _report = sample_turn(fog=True)
    doc = view(before, "RED")
    assert doc["territories"]["THO9"]["forces"] is None       # far from Redland: fogged
    assert doc["territories"]["ALB0"]["forces"] == {"RED": 8}
    r = renderer_for(scenario)
    r.set_options(links=False)
    r.set_view(doc)
    surf = render(r)
    pygame.image.save(surf, "/tmp/render_map_fog_red.png")
    red = r.power_colours["RED"]
    assert _colour_count(surf, _badge_centre(r, "THO9"), FOG_BADGE) > 10
    assert _colour_count(surf, _badge_centre(r, "THO9"), r.power_colours["YEL"]) == 0
    assert _colour_count(surf, _badge_centre(r, "ALB0"), red) > 10
    assert _colour_count(surf, _badge_centre(r, "ALB0"), FOG_BADGE) == 0


def test_the_same_territory_renders_a_count_with_forces_and_a_question_mark_without():
    scenario, before, _after, _report = sample_turn()
    seen = view(before, "spectator")
    hidden = {**seen, "territories": {**seen["territories"],
                                      "THO9": {**seen["territories"]["THO9"], "forces": None}}}
    r = renderer_for(scenario)
    r.set_options(links=False)
    r.set_view(seen)
    with_forces = render(r)
    r.set_view(hidden)
    without = render(r)
    yel = r.power_colours["YEL"]
    centre = _badge_centre(r, "THO9")
    assert _colour_count(with_forces, centre, yel) > 10
    assert _colour_count(without, centre, yel) == 0
    assert _colour_count(without, centre, FOG_BADGE) > 10


def test_the_static_layer_is_built_once_and_reused_while_only_overlays_change(turn):
    scenario, before, _after, _report = turn
    r = renderer_for(scenario)
    r.set_view(view(before, "spectator"))
    surf = pygame.Surface(SIZE)
    r.draw(surf)
    assert r.layer_builds == 1
    for k in range(20):
        r.hover_at((100 + 40 * k, 300))
        r.draw(surf, k / 60)
    r.camera.pan(30, -20)                 # within the cache margin: no rebuild
    r.draw(surf)
    assert r.layer_builds == 1
    r.zoom_settle = 0
    r.camera.zoom_at((640, 360), 1.5)     # a new zoom level: one rebuild
    r.draw(surf)
    r.draw(surf)
    assert r.layer_builds == 2
    r.set_view(view(before, "RED"))       # a new view: one rebuild
    r.draw(surf)
    assert r.layer_builds == 3


def test_hover_and_selection_highlight_the_territory_under_the_mouse(turn):
    scenario, before, _after, _report = turn
    r = renderer_for(scenario)
    r.set_options(links=False)
    r.set_view(view(before, "spectator"))
    plain = render(r)
    x, y = r.anchor_screen("GRE6")
    assert r.hover_at((x, y)) == "GRE6"
    r.selected = "ALB0"
    lit = render(r)
    pygame.image.save(lit, "/tmp/render_map_hover.png")
    poly = r.screen_polygon("ALB0")
    edge = ((poly[0][0] + poly[2][0]) / 2, poly[0][1])  # on the top border, roughly
    assert _colour_count(lit, (x, y - 25), palette.HOVER, (30, 10)) == 0  # hover is a tint
    assert not np.array_equal(pygame.surfarray.array3d(plain), pygame.surfarray.array3d(lit))
    assert _colour_count(lit, r.screen_polygon("ALB0")[0], palette.SELECTED, (4, 4)) > 0
    assert edge  # the selection outline follows the shape


def test_territory_at_finds_every_territory_at_its_anchor_and_none_at_sea(turn):
    scenario, *_ = turn
    r = renderer_for(scenario)
    for t in r.geometry.territories:
        assert r.territory_at(r.anchor_screen(t.id)) == t.id
    assert r.territory_at((3, 3)) is None


def test_camera_transforms_round_trip_and_zoom_keeps_the_point_under_the_mouse(turn):
    scenario, *_ = turn
    r = renderer_for(scenario)
    cam = r.camera
    for wx, wy in ((0, 0), (333.3, 128.5), (1200, 800)):
        sx, sy = cam.world_to_screen(wx, wy)
        assert cam.screen_to_world(sx, sy) == pytest.approx((wx, wy))
    under = cam.screen_to_world(400, 300)
    cam.zoom_at((400, 300), 2.0)
    assert cam.screen_to_world(400, 300) == pytest.approx(under)
    cam.pan(50, 0)
    assert cam.screen_to_world(450, 300) == pytest.approx(under)


def test_fit_shows_the_whole_map_at_the_smallest_window_and_resizes_without_jumping(turn):
    scenario, before, _after, _report = turn
    r = renderer_for(scenario, (1280, 720))
    w, h = r.geometry.size
    x0, y0 = r.world_to_screen(0, 0)
    x1, y1 = r.world_to_screen(w, h)
    assert 0 <= x0 and 0 <= y0 and x1 <= 1280 and y1 <= 720
    centre = r.camera.screen_to_world(640, 360)
    r.set_view(view(before, "spectator"))
    big = pygame.Surface((1920, 1080))
    r.draw(big)                                   # the surface size drives the viewport
    assert r.camera.viewport == (1920, 1080)
    assert r.camera.screen_to_world(960, 540) == pytest.approx(centre)
    r.fit()
    pygame.image.save(render(r, (1920, 1080)), "/tmp/render_map_1080p.png")


def test_a_map_without_shapes_gets_shapes_derived_from_positions():
    doc = sample_map()
    for t in doc["territories"]:
        del t["shape"]
    r = MapRenderer(doc, sample_powers(), SIZE)
    for t in r.geometry.territories:
        assert t.area > 1000
        assert r.territory_at(r.anchor_screen(t.id)) == t.id


def test_render_options_can_hide_names_badges_and_terrain(turn):
    scenario, before, _after, _report = turn
    r = renderer_for(scenario)
    r.set_view(view(before, "spectator"))
    full = pygame.surfarray.array3d(render(r))
    r.set_options(names=False, badges=False, terrain=False)
    assert r.options == RenderOptions(names=False, badges=False, terrain=False, links=True)
    bare = pygame.surfarray.array3d(render(r))
    assert (full != bare).any(axis=2).sum() > 2000


def test_while_the_wheel_turns_the_old_layer_is_stretched_and_rebuilt_once_it_rests(turn):
    scenario, before, _after, _report = turn
    r = renderer_for(scenario)
    r.set_view(view(before, "spectator"))
    surf = pygame.Surface(SIZE)
    r.draw(surf)
    r.zoom_settle = 0.05
    for _ in range(3):
        r.camera.zoom_at((640, 360), 1.2)
        r.draw(surf)
    assert r.layer_builds == 1
    stretched = pygame.surfarray.array3d(surf).copy()
    time.sleep(0.06)
    r.draw(surf)
    assert r.layer_builds == 2
    sharp = pygame.surfarray.array3d(surf)
    # The stretched frame showed the same map, only softer: most pixels agree closely.
    close = (np.abs(stretched.astype(int) - sharp.astype(int)).sum(axis=2) < 40).mean()
    assert close > 0.8


def test_the_tooltip_tells_owner_capital_value_and_forces_or_fog():
    scenario, before, _after, _report = sample_turn(fog=True)
    r = renderer_for(scenario)
    r.set_view(view(before, "RED"))
    from game.render.tooltip import territory_facts
    geo = r.geometry
    assert territory_facts(geo.territories[geo.index["ALB0"]], r.view, r.power_names) == [
        "Albion Vale", "Plains, worth 1 IP a turn", "Held by Redland", "Capital of Redland",
        "Forces: Redland 8"]
    assert territory_facts(geo.territories[geo.index["THO9"]], r.view, r.power_names)[-1] == \
        "Forces: unknown (beyond your sight)"
    surf = render(r)
    rect = r.draw_tooltip(surf, r.anchor_screen("SAL8"))
    assert rect is not None and surf.get_rect().contains(rect)
    pygame.image.save(surf, "/tmp/render_map_tooltip.png")
    assert r.draw_tooltip(surf, (2, 2)) is None


def test_before_any_view_arrives_the_map_renders_as_neutral_land():
    doc = sample_map()
    doc["territories"][0]["terrain"] = "glacier"             # unknown terrain: plain fill
    r = MapRenderer(doc, sample_powers(), SIZE)
    r.set_options(names=False, terrain=False)
    surf = render(r)
    for t in r.geometry.territories:
        x, y = r.anchor_screen(t.id)
        assert tuple(surf.get_at((round(x), round(y))))[:3] == r.fill_for(None, t.terrain)


def test_fit_can_keep_the_map_clear_of_side_panels(turn):
    scenario, *_ = turn
    r = renderer_for(scenario)
    r.fit(insets=(300, 0, 0, 0))
    w, h = r.geometry.size
    x0, _ = r.world_to_screen(0, 0)
    x1, y1 = r.world_to_screen(w, h)
    assert x0 >= 300 and x1 <= SIZE[0] and y1 <= SIZE[1]


def test_capitals_are_marked_with_a_star_and_sea_edges_with_dashed_lanes(turn):
    scenario, before, _after, _report = turn
    r = renderer_for(scenario)
    r.set_options(links=False)
    r.set_view(view(before, "spectator"))
    surf = render(r)
    for power, i in r.geometry.capitals.items():
        x, y = r.anchor_screen(r.geometry.territories[i].id)
        assert tuple(surf.get_at((round(x), round(y))))[:3] == palette.CAPITAL_STAR, power
    # Calder ~ Dunmore crosses the channel: over open water the lane shows in dashes.
    a, b = r.anchor_screen("CAL2"), r.anchor_screen("DUN3")
    on = [tuple(surf.get_at((round(a[0] + (b[0] - a[0]) * k / 100),
                             round(a[1] + (b[1] - a[1]) * k / 100))))[:3] == palette.SEA_LANE
          for k in range(40, 61)]
    assert 3 < sum(on) < len(on)
