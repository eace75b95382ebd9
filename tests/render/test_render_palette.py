"""Power colours players can tell apart: neighbours, neutral land and the sea, in the normal
palette and in the colour-blind one (checked under simulated deuteranopia and protanopia)."""

from __future__ import annotations

import pygame
import pytest

from game.words import palette
from game.words.colours import (delta_e, delta_e_lab, neighbours_of, seen_apart, simulate,
                                 contrast_ratio)
from game.render import MapRenderer
from game.maps import list_scenarios, load_scenario

SHIPPED = list_scenarios()


@pytest.fixture
def colour_blind():
    palette.use_colour_blind(True)
    yield
    palette.use_colour_blind(False)


def shipped_colours(name: str) -> tuple[dict, set]:
    """The colours the map shows for a shipped scenario, and who borders whom at the start."""
    from game.engine import initial_state
    from game.engine.view import view

    pygame.init()
    scenario = load_scenario(next(i for i in SHIPPED if i.name == name).path)
    r = MapRenderer(scenario.map_doc, scenario.powers, (1280, 720))
    r.set_view(view(initial_state(scenario, seed=1), "umpire"))
    owners = {tid: t["owner"] for tid, t in r.view["territories"].items()}
    edges = [(e[0], e[1]) for e in scenario.map_doc["edges"]]
    return r.power_colours, neighbours_of(owners, edges)


def test_ciede2000_matches_the_published_test_pairs():
    # Sharma, Wu & Dalal (2005), table 1, pairs 1, 3, 7 and 17.
    assert delta_e_lab((50, 2.6772, -79.7751), (50, 0, -82.7485)) == pytest.approx(2.0425, abs=1e-4)
    assert delta_e_lab((50, -1.3802, -84.2814), (50, 0, -82.7485)) == pytest.approx(1.0, abs=1e-4)
    assert delta_e_lab((50, 0, 0), (50, -1, 2)) == pytest.approx(2.3669, abs=1e-4)
    assert delta_e_lab((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387)) \
        == pytest.approx(1.2644, abs=1e-4)
    assert contrast_ratio((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)


def test_simulated_deuteranopia_confuses_red_and_green():
    red, green = (200, 40, 40), (60, 140, 40)
    assert delta_e(red, green) > 40
    assert delta_e(simulate(red, "deuteranopia"), simulate(green, "deuteranopia")) < 20


@pytest.mark.parametrize("name", [i.name for i in SHIPPED])
def test_neighbours_neutral_land_and_sea_stand_apart(name):
    colours, neighbours = shipped_colours(name)
    fill = palette.owner_fill
    for pair in neighbours:
        a, b = sorted(pair)
        assert delta_e(fill(colours[a]), fill(colours[b])) >= palette.NEIGHBOUR_APART, (a, b)
    for pid, c in colours.items():
        assert delta_e(fill(c), palette.NEUTRAL) >= palette.NEUTRAL_APART, pid
        assert delta_e(fill(c), palette.SEA) >= palette.SEA_APART, pid


@pytest.mark.parametrize("name", [i.name for i in SHIPPED])
def test_the_colour_blind_palette_keeps_neighbours_apart_for_every_vision(name, colour_blind):
    colours, neighbours = shipped_colours(name)
    fill = palette.owner_fill
    visions = ("deuteranopia", "protanopia")
    assert set(colours.values()) <= set(palette.COLOUR_BLIND_SET)
    for pair in neighbours:
        a, b = sorted(pair)
        assert seen_apart(fill(colours[a]), fill(colours[b]), visions) >= 12.0, (a, b)
    for pid, c in colours.items():
        assert seen_apart(fill(c), palette.NEUTRAL, visions) >= palette.CB_NEUTRAL_APART, pid
        assert seen_apart(fill(c), palette.SEA, visions) >= palette.CB_SEA_APART, pid
    # Every power a colour of its own (two in one colour read as one bloc).
    assert len(set(colours.values())) == len(colours)


def test_german_grey_no_longer_passes_for_neutral_land():
    colours, _ = shipped_colours("europe-1939")
    scenario_grey = palette.hex_colour("#5d6d7e")
    before = delta_e(palette.owner_fill(scenario_grey), palette.NEUTRAL)
    after = delta_e(palette.owner_fill(colours["GER"]), palette.NEUTRAL)
    assert after >= palette.NEUTRAL_APART > before


def test_switching_the_palette_repaints_the_map_and_the_chips_agree(colour_blind):
    palette.use_colour_blind(False)
    from game.engine import initial_state
    from game.engine.view import view

    pygame.init()
    scenario = load_scenario(next(i for i in SHIPPED if i.name == "tutorial").path)
    r = MapRenderer(scenario.map_doc, scenario.powers, (1280, 720))
    doc = view(initial_state(scenario, seed=1), "umpire")
    r.set_view(doc)
    surf = pygame.Surface((1280, 720))
    r.set_options(names=False, badges=False, links=False, terrain=False)
    r.draw(surf)
    tid, terr = next((tid, t) for tid, t in doc["territories"].items() if t["owner"])
    x, y = r.anchor_screen(tid)
    normal = tuple(surf.get_at((round(x), round(y))))[:3]
    palette.use_colour_blind(True)
    r.draw(surf)
    blind = tuple(surf.get_at((round(x), round(y))))[:3]
    assert normal != blind
    shape = r.geometry.territories[r.geometry.index[tid]]
    assert blind == r.fill_for(terr["owner"], shape.terrain)
    assert r.power_colours[terr["owner"]] in palette.COLOUR_BLIND_SET
    assert palette.power_colour(terr["owner"], None) == r.power_colours[terr["owner"]]
