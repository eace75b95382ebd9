"""The scenarios shipped in ``game/data/maps/``: clean, loadable, drawable, and what they promise."""

from __future__ import annotations

import numpy as np
import pytest

from game.data import MAPS_DIR
from game.engine.state import initial_state
from game.maps import check_file, list_scenarios, load_scenario, read_scenario_docs
from game.maps.geometry import overlapping_pairs, point_in_polygon, polygon_fault
from game.maps.shapes import derive_shapes, read_outline

SHIPPED = ("tutorial", "europe-1939", "cold-war")


def docs(name):
    return read_scenario_docs(MAPS_DIR / f"{name}.scenario.toml")


def pacts_by_name(scenario_doc):
    return {p.get("name"): p for p in scenario_doc.get("pacts", [])}


def test_every_scenario_in_maps_is_one_we_know():
    assert sorted(info.name for info in list_scenarios()) == sorted(SHIPPED)


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_scenario_checks_clean(name):
    assert check_file(MAPS_DIR / f"{name}.scenario.toml") == []
    assert check_file(MAPS_DIR / f"{name}.map.json") == []


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_scenario_loads_and_starts(name):
    scenario = load_scenario(name)
    state = initial_state(scenario, seed=1)
    assert scenario.description
    assert state.turn == 1
    assert all(not p.eliminated for p in state.powers)


@pytest.mark.parametrize("name", SHIPPED)
def test_every_territory_has_a_drawable_shape_holding_its_pos(name):
    _, map_doc = docs(name)
    polygons = []
    for terr in map_doc["territories"]:
        polygon = np.asarray(terr["shape"], dtype=float)
        assert polygon_fault(polygon) is None, terr["id"]
        assert point_in_polygon(terr["pos"], polygon), terr["id"]
        polygons.append(polygon)
    assert overlapping_pairs(polygons, min_hits=1) == []


@pytest.mark.parametrize("name, outline", [("tutorial", "tutorial"), ("europe-1939", "europe"),
                                           ("cold-war", "europe")])
def test_shapes_are_what_the_shipped_outline_derives(name, outline):
    _, map_doc = docs(name)
    land = read_outline(MAPS_DIR / f"{outline}.outline.json")
    derived = derive_shapes([t["pos"] for t in map_doc["territories"]], map_doc["size"], land)
    assert derived.shapes == [t["shape"] for t in map_doc["territories"]]


@pytest.mark.parametrize("name", SHIPPED)
def test_ids_are_three_letter_codes_and_names_are_english_words(name):
    scenario_doc, map_doc = docs(name)
    for terr in map_doc["territories"]:
        assert len(terr["id"]) == 3 and terr["id"].isupper(), terr["id"]
        assert terr["name"][0].isupper()
    assert all(len(p["id"]) == 3 for p in scenario_doc["powers"])


def test_tutorial_is_small_and_short():
    scenario_doc, map_doc = docs("tutorial")
    assert 3 <= len(scenario_doc["powers"]) <= 4
    assert 10 <= len(map_doc["territories"]) <= 14
    assert scenario_doc["max_turns"] <= 9
    assert 1 <= len(scenario_doc["pacts"]) <= 2
    assert any(n > 0 for n in scenario_doc["neutral"]["forces"].values())
    assert any(kind == "sea" for _, _, kind in map_doc["edges"])


def test_europe_1939():
    scenario_doc, map_doc = docs("europe-1939")
    powers = [p["id"] for p in scenario_doc["powers"]]
    assert len(powers) >= 7
    assert {"GER", "ITA", "FRA", "GBR", "POL", "SOV"} <= set(powers)
    assert len(map_doc["territories"]) >= 50
    assert (scenario_doc["start_year"], scenario_doc["seasons"]) == (1939, ["Spring", "Autumn"])
    assert 14 <= scenario_doc["max_turns"] <= 18
    assert scenario_doc["fog"] is True
    capitals = {t["capital_of"]: t["name"] for t in map_doc["territories"] if "capital_of" in t}
    assert {capitals[p] for p in ("GER", "ITA", "FRA", "GBR", "POL", "SOV")} == {
        "Berlin", "Rome", "Paris", "London", "Warsaw", "Moscow"}
    pacts = pacts_by_name(scenario_doc)
    steel = pacts["Pact of Steel"]
    assert (steel["kind"], steel["members"]) == ("offensive", ["GER", "ITA"])
    assert steel["target"] in ("POL", "FRA")
    guarantee = pacts["Guarantee of Poland"]
    assert guarantee["kind"] == "defensive"
    assert set(guarantee["members"]) == {"FRA", "GBR", "POL"}
    molotov = pacts["Molotov–Ribbentrop Pact"]
    assert (molotov["kind"], set(molotov["members"]), molotov["secret"]) == (
        "non_aggression", {"GER", "SOV"}, True)
    garrisons = scenario_doc["neutral"]["forces"]
    names = {t["id"]: t["name"] for t in map_doc["territories"]}
    assert {"Switzerland", "Stockholm", "Madrid", "Ankara"} <= {names[t] for t in garrisons}
    kinds = {frozenset((a, b)): kind for a, b, kind in map_doc["edges"]}
    assert kinds[frozenset(("LON", "LIL"))] == "sea"  # the Channel
    assert kinds[frozenset(("DEN", "GOT"))] == "sea"  # the Sound
    assert kinds[frozenset(("SIC", "TUN"))] == "sea"  # the Sicilian narrows
    assert kinds[frozenset(("BER", "POM"))] == "land"


def test_europe_looks_like_europe():
    """Territories sit where the places are: west is left, north is up."""
    _, map_doc = docs("europe-1939")
    pos = {t["id"]: t["pos"] for t in map_doc["territories"]}
    assert pos["IRE"][0] < pos["LON"][0] < pos["BER"][0] < pos["WAR"][0] < pos["MOS"][0]
    assert pos["NAR"][1] < pos["OSL"][1] < pos["BER"][1] < pos["ROM"][1] < pos["SIC"][1]
    assert pos["POR"][0] < pos["MAD"][0] < pos["CAT"][0]
    assert map_doc["size"] == [1600, 1460]


def test_cold_war():
    scenario_doc, map_doc = docs("cold-war")
    powers = {p["id"] for p in scenario_doc["powers"]}
    assert len(powers) >= 5
    pacts = pacts_by_name(scenario_doc)
    nato = pacts["North Atlantic Treaty"]
    assert (nato["kind"], nato["integrated_command"]) == ("defensive", True)
    assert {"USA", "GBR", "FRA", "FRG"} <= set(nato["members"])
    warsaw = pacts["Warsaw Pact"]
    assert warsaw["kind"] == "defensive"
    assert {"SOV", "POL", "GDR"} <= set(warsaw["members"])
    non_aligned = powers - set(nato["members"]) - set(warsaw["members"])
    assert non_aligned == {"YUG"}
    garrisons = scenario_doc["neutral"]["forces"]
    assert {"SWI", "AUT", "STO"} <= set(garrisons)
    # West Berlin is an American enclave: every land neighbour is East German.
    east = next(p for p in scenario_doc["powers"] if p["id"] == "GDR")["territories"]
    berlin_neighbours = {b if a == "WBE" else a for a, b, kind in map_doc["edges"]
                         if "WBE" in (a, b)}
    assert berlin_neighbours and berlin_neighbours <= set(east)


@pytest.mark.parametrize("name, outline", [("tutorial", "tutorial"), ("europe-1939", "europe"),
                                           ("cold-war", "europe")])
def test_land_edges_are_the_borders_you_see(name, outline):
    """A land edge joins shapes that share a border; every border a player can see (3 px or
    more) is a land edge. Sea edges join shapes that do not touch."""
    _, map_doc = docs(name)
    ids = [t["id"] for t in map_doc["territories"]]
    land = read_outline(MAPS_DIR / f"{outline}.outline.json")
    borders = derive_shapes([t["pos"] for t in map_doc["territories"]], map_doc["size"],
                            land).borders
    touching = {frozenset((ids[i], ids[j])): length for (i, j), length in borders.items()}
    for a, b, kind in map_doc["edges"]:
        pair = frozenset((a, b))
        if kind == "land":
            assert pair in touching, (a, b)
        else:
            assert pair not in touching, (a, b)
    land_edges = {frozenset((a, b)) for a, b, kind in map_doc["edges"] if kind == "land"}
    assert {pair for pair, length in touching.items() if length >= 3} <= land_edges
