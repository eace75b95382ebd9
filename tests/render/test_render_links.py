"""Alliance links: a line in the pact kind's colour between allied capitals, arrows to an
offensive pact's target, wars drawn distinctly, secret pacts only where the view has them,
and toggles that hide each kind."""

from __future__ import annotations

import pygame
import pytest

from game.words import palette
from game.render import LinkToggles, MapRenderer, compute_links
from game.engine.view import view

SIZE = (1280, 720)


pytestmark = pytest.mark.usefixtures("pygame_ready")


def drawn(scenario, doc, toggles: LinkToggles | None = None) -> tuple[MapRenderer, pygame.Surface]:
    r = MapRenderer(scenario.map_doc, scenario.powers, SIZE)
    r.set_view(doc)
    if toggles is not None:
        r.toggles = toggles
    surf = pygame.Surface(SIZE)
    r.draw(surf, 0.0)
    return r, surf


def capital_midpoint(r: MapRenderer, a: str, b: str) -> tuple[int, int]:
    pa = r.anchor_screen(r.geometry.territories[r.geometry.capitals[a]].id)
    pb = r.anchor_screen(r.geometry.territories[r.geometry.capitals[b]].id)
    return round((pa[0] + pb[0]) / 2), round((pa[1] + pb[1]) / 2)


def near(surf: pygame.Surface, at: tuple[int, int], colour, radius: int = 2) -> bool:
    return any(tuple(surf.get_at((at[0] + dx, at[1] + dy)))[:3] == colour
               for dx in range(-radius, radius + 1) for dy in range(-radius, radius + 1))


def test_a_defensive_pact_is_a_blue_line_through_the_midpoint_of_its_capitals(turn):
    scenario, before, _after, _report = turn
    r, surf = drawn(scenario, view(before, "RED"))
    pygame.image.save(surf, "/tmp/render_links_red.png")
    at = capital_midpoint(r, "RED", "GRN")
    assert tuple(surf.get_at(at))[:3] == palette.LINK_DEFENSIVE


def test_hiding_a_kind_removes_its_line(turn):
    scenario, before, _after, _report = turn
    r, surf = drawn(scenario, view(before, "RED"), LinkToggles(defensive=False))
    assert not near(surf, capital_midpoint(r, "RED", "GRN"), palette.LINK_DEFENSIVE)
    assert LinkToggles().toggled("defensive") == LinkToggles(defensive=False)
    # A check box may also set the field in place; the next frame follows it.
    r.toggles.defensive = True
    r.draw(surf)
    assert near(surf, capital_midpoint(r, "RED", "GRN"), palette.LINK_DEFENSIVE)


def test_non_aggression_is_a_grey_dashed_line(turn):
    scenario, before, _after, _report = turn
    r, surf = drawn(scenario, view(before, "spectator"))
    pa = r.anchor_screen("LIN1")
    pb = r.anchor_screen("SAL8")
    samples = [(round(pa[0] + (pb[0] - pa[0]) * k / 60), round(pa[1] + (pb[1] - pa[1]) * k / 60))
               for k in range(15, 46)]
    colours = [tuple(surf.get_at(p))[:3] for p in samples]
    on = sum(c == palette.LINK_NON_AGGRESSION for c in colours)
    assert 0.3 * len(samples) < on < 0.95 * len(samples)   # dashes, with gaps


def test_a_secret_pact_is_drawn_for_its_members_only(turn):
    scenario, before, _after, _report = turn
    # The secret offensive pact of Bluria and Ochreia: Bluria sees it, Redland does not.
    r_blu, blu = drawn(scenario, view(before, "BLU"))
    r_red, red = drawn(scenario, view(before, "RED"))
    at = capital_midpoint(r_blu, "BLU", "YEL")
    assert tuple(blu.get_at(at))[:3] == palette.LINK_OFFENSIVE
    assert not near(red, at, palette.LINK_OFFENSIVE)
    secret = [l for l in r_blu.links if l.secret]
    assert secret and all(l.kind == "offensive" for l in secret)
    # ... with a distinct mark a third of the way along
    pa = r_blu.anchor_screen("EAS4")
    pb = r_blu.anchor_screen("SAL8")
    assert near(blu, (round(pa[0] + (pb[0] - pa[0]) * 0.3), round(pa[1] + (pb[1] - pa[1]) * 0.3)),
                palette.LINK_SECRET_MARK, 6)
    pygame.image.save(blu, "/tmp/render_links_blu_secret.png")


def test_an_offensive_pact_points_at_its_target(turn):
    scenario, before, _after, _report = turn
    links = compute_links(view(before, "BLU"), MapRenderer(scenario.map_doc, scenario.powers).geometry)
    arrows = sorted((l.a, l.b) for l in links if l.to_target)
    assert arrows == [("BLU", "RED"), ("YEL", "RED")]


def test_wars_are_red_lines_with_crossed_blades_at_the_middle(turn):
    scenario, _before, after, _report = turn
    r, surf = drawn(scenario, view(after, "spectator"))
    pygame.image.save(surf, "/tmp/render_links_after.png")
    wars = {frozenset((l.a, l.b)) for l in r.links if l.kind == "war"}
    assert frozenset(("GRN", "YEL")) in wars
    assert near(surf, capital_midpoint(r, "GRN", "YEL"), palette.LINK_WAR, 3)


def test_engaged_pacts_glow(turn):
    scenario, _before, after, _report = turn
    r, surf = drawn(scenario, view(after, "spectator"))
    entente = [l for l in r.links if l.pact == "P1"]
    assert entente and all(l.engaged for l in entente)
    x, y = capital_midpoint(r, "RED", "GRN")
    # The glow is wider than the line: look a few pixels to the side of it.
    assert any(near(surf, (x + dx, y), palette.ENGAGED_GLOW, 1) for dx in range(3, 7))


def test_parallel_links_between_the_same_capitals_are_fanned_out(turn):
    scenario, _before, after, _report = turn
    r, _ = drawn(scenario, view(after, "spectator"))
    pair = [l for l in r.links if {l.a, l.b} == {"BLU", "RED"}]
    assert len(pair) == 2                      # the war and the offensive arrow
    assert sorted(l.offset for l in pair) == [-0.5, 0.5]


def test_the_legend_lists_every_kind_and_fades_hidden_ones(turn):
    scenario, before, _after, _report = turn
    r, shown = drawn(scenario, view(before, "RED"))
    _, hidden = drawn(scenario, view(before, "RED"), LinkToggles(peace=False))
    box = pygame.Rect(0, SIZE[1] - 220, 240, 220)
    assert shown.subsurface(box).get_at((40, 0)) is not None
    diff = sum(shown.get_at((x, y)) != hidden.get_at((x, y))
               for x in range(box.left, box.right, 2) for y in range(box.top, box.bottom, 2))
    assert diff > 20
    _, none = drawn(scenario, view(before, "RED"), LinkToggles(legend=False))
    diff = sum(shown.get_at((x, y)) != none.get_at((x, y))
               for x in range(box.left, box.right, 2) for y in range(box.top, box.bottom, 2))
    assert diff > 500


def test_a_power_without_a_capital_links_from_its_largest_holding(turn):
    scenario, before, _after, _report = turn
    doc = dict(scenario.map_doc)
    doc["territories"] = [{k: v for k, v in t.items() if not (k == "capital_of" and v == "GRN")}
                          for t in doc["territories"]]
    r = MapRenderer(doc, scenario.powers, SIZE)
    r.set_view(view(before, "RED"))
    (link,) = [l for l in r.links if l.pact == "P1"]
    greens = [t for t in r.geometry.territories
              if view(before, "RED")["territories"][t.id]["owner"] == "GRN"]
    biggest = max(greens, key=lambda t: t.area)
    assert link.pb == biggest.anchor


def test_a_peace_treaty_joins_its_two_sides_with_a_dotted_green_line(turn):
    scenario, _before, after, _report = turn
    doc = view(after, "spectator")
    doc = {**doc, "wars": [w for w in doc["wars"] if set(w["between"]) != {"GRN", "YEL"}],
           "pacts": doc["pacts"] + [{"id": "P9", "kind": "peace", "members": ["GRN", "YEL"],
                                     "sides": [["GRN"], ["YEL"]], "status": "active",
                                     "engaged_against": [], "secret": False}]}
    r, surf = drawn(scenario, doc)
    peace = [l for l in r.links if l.kind == "peace"]
    assert [(l.a, l.b) for l in peace] == [("GRN", "YEL")]
    pa, pb = r.anchor_screen("LIN1"), r.anchor_screen("SAL8")
    dots = sum(near(surf, (round(pa[0] + (pb[0] - pa[0]) * k / 40),
                           round(pa[1] + (pb[1] - pa[1]) * k / 40)), palette.LINK_PEACE, 1)
               for k in range(8, 33))
    assert 8 < dots < 25                                      # dots, not a solid line
    pygame.image.save(surf, "/tmp/render_links_peace.png")


def test_eliminated_members_ended_pacts_and_unknown_powers_draw_nothing(turn):
    scenario, before, _after, _report = turn
    doc = view(before, "spectator")
    doc = {**doc,
           "powers": {**doc["powers"], "GRN": {**doc["powers"]["GRN"], "eliminated": True}},
           "pacts": doc["pacts"] + [{"id": "P8", "kind": "defensive", "members": ["RED", "BLU"],
                                     "status": "ended", "engaged_against": []},
                                    {"id": "P7", "kind": "defensive", "members": ["RED", "ZZZ"],
                                     "status": "active", "engaged_against": []}]}
    r, _surf = drawn(scenario, doc)
    assert not [l for l in r.links if "GRN" in (l.a, l.b)]
    assert not [l for l in r.links if l.pact in ("P7", "P8")]


def _four_member_view(scenario, before):
    doc = dict(view(before, "spectator"))
    members = [p.id for p in scenario.powers][:4]
    doc["pacts"] = [{"id": "BIG", "kind": "defensive", "members": members, "status": "active",
                     "engaged_against": [], "secret": False, "revealed": False}]
    doc["wars"] = []
    return doc, members


def test_a_pact_of_four_is_a_hub_with_four_spokes_not_six_pairs(turn):
    scenario, before, _after, _report = turn
    doc, members = _four_member_view(scenario, before)
    r, surf = drawn(scenario, doc)
    spokes = [l for l in r.links if l.pact == "BIG"]
    assert len(spokes) == 4
    assert all(l.hub for l in spokes) and {l.a for l in spokes} == set(members)
    hub = spokes[0].pb
    anchors = [r.geometry.anchor_of_power(m, {t: v.get("owner") for t, v in
                                             doc["territories"].items()}) for m in members]
    assert hub == pytest.approx((sum(a[0] for a in anchors) / 4, sum(a[1] for a in anchors) / 4))
    # The hub ring is drawn where the spokes meet.
    x, y = r.world_to_screen(*hub)
    ring = [(round(x + dx), round(y)) for dx in (-7, 7)]
    assert any(near(surf, p, palette.LINK_DEFENSIVE, 2) for p in ring)


def test_two_member_pacts_still_link_their_capitals_directly(turn):
    scenario, before, _after, _report = turn
    doc, members = _four_member_view(scenario, before)
    doc["pacts"][0]["members"] = members[:2]
    r, _ = drawn(scenario, doc)
    (link,) = [l for l in r.links if l.pact == "BIG"]
    assert not link.hub and {link.a, link.b} == set(members[:2])


def test_names_other_than_capitals_keep_clear_of_a_pacts_hub(turn):
    from game.render.labels import overlaps

    scenario, before, _after, _report = turn
    doc, _members = _four_member_view(scenario, before)
    r, _ = drawn(scenario, doc)
    hub = next(l for l in r.links if l.hub).pb
    z = r.camera.zoom
    ring = (hub[0] * z - 7, hub[1] * z - 7, hub[0] * z + 7, hub[1] * z + 7)
    capitals = {t.index for t in r.geometry.territories if t.capital_of}
    names = {i: b for i, b in r.placement().boxes.items() if i not in capitals}
    assert names
    assert [pair for pair in overlaps({-1: ring, **names}) if -1 in pair] == []
