"""``generate``: random maps that are deterministic per seed, clean, connected, playable."""

from __future__ import annotations

import time
from collections import deque

import numpy as np
import pytest

from game.engine.state import initial_state
from game.engine.world import build_scenario
from game.maps.check import check_map, check_scenario
from game.maps.generate import GenerateError, generate
from game.maps.geometry import overlapping_pairs, point_in_polygon


def graph(map_doc):
    neighbours = {t["id"]: set() for t in map_doc["territories"]}
    for a, b, _ in map_doc["edges"]:
        neighbours[a].add(b)
        neighbours[b].add(a)
    return neighbours


def reachable(neighbours, start, allowed):
    seen, queue = {start}, deque([start])
    while queue:
        for there in neighbours[queue.popleft()]:
            if there in allowed and there not in seen:
                seen.add(there)
                queue.append(there)
    return seen


@pytest.fixture(scope="module", params=[(10, 2), (200, 5), (2000, 8)], ids=str)
def generated(request):
    territories, powers = request.param
    return territories, powers, *generate(territories, powers, seed=7)


def test_same_seed_same_documents():
    assert generate(300, 4, seed=3) == generate(300, 4, seed=3)


def test_other_seed_other_documents():
    first, _ = generate(300, 4, seed=3)
    second, _ = generate(300, 4, seed=4)
    assert first["edges"] != second["edges"]


def test_sizes_are_as_asked(generated):
    territories, powers, map_doc, scenario_doc = generated
    assert len(map_doc["territories"]) == territories
    assert len(scenario_doc["powers"]) == powers
    assert scenario_doc["map"] == f"random-{territories}-{powers}-7.map.json"


def test_generated_documents_check_clean(generated):
    _, _, map_doc, scenario_doc = generated
    assert check_map(map_doc, "g.map.json") == []
    assert check_scenario(scenario_doc, map_doc, "g.scenario.toml", "g.map.json") == []


def test_generated_map_is_connected_with_land_and_sea_edges(generated):
    territories, _, map_doc, _ = generated
    neighbours = graph(map_doc)
    ids = set(neighbours)
    assert reachable(neighbours, map_doc["territories"][0]["id"], ids) == ids
    kinds = {kind for _, _, kind in map_doc["edges"]}
    assert "land" in kinds
    if territories >= 200:
        assert "sea" in kinds


def test_each_power_is_a_contiguous_block_around_its_capital(generated):
    _, _, map_doc, scenario_doc = generated
    neighbours = graph(map_doc)
    capitals = {t["capital_of"]: t["id"] for t in map_doc["territories"] if "capital_of" in t}
    for power in scenario_doc["powers"]:
        owned = set(power["territories"])
        assert capitals[power["id"]] in owned
        assert reachable(neighbours, capitals[power["id"]], owned) == owned
        assert set(power["forces"]) <= owned
        assert power["forces"][capitals[power["id"]]] >= 4


def test_neutral_territories_keep_some_garrisons(generated):
    _, _, map_doc, scenario_doc = generated
    owned = {t for p in scenario_doc["powers"] for t in p["territories"]}
    garrisons = scenario_doc["neutral"]["forces"]
    assert garrisons and not set(garrisons) & owned


def test_shapes_hold_their_pos_and_do_not_overlap(generated):
    territories, _, map_doc, _ = generated
    polygons = [np.asarray(t["shape"], dtype=float) for t in map_doc["territories"]]
    for terr, polygon in zip(map_doc["territories"], polygons):
        assert point_in_polygon(terr["pos"], polygon)
    if territories <= 200:
        assert overlapping_pairs(polygons, samples=400_000, min_hits=1) == []


def test_generated_scenario_builds_and_starts(generated):
    _, powers, map_doc, scenario_doc = generated
    state = initial_state(build_scenario(map_doc, scenario_doc), seed=1)
    assert len(state.powers) == powers


def test_without_shapes_only_the_shapes_are_missing():
    with_shapes, scenario_a = generate(150, 3, seed=9)
    without, scenario_b = generate(150, 3, seed=9, shapes=False)
    assert scenario_a == scenario_b
    assert without["edges"] == with_shapes["edges"]
    assert all("shape" not in t for t in without["territories"])
    for a, b in zip(with_shapes["territories"], without["territories"]):
        a = dict(a)
        del a["shape"]
        assert a == b


def test_five_thousand_territories_in_a_few_seconds():
    start = time.perf_counter()
    map_doc, scenario_doc = generate(5000, 12, seed=1, shapes=False)
    assert time.perf_counter() - start < 5.0
    assert len(map_doc["territories"]) == 5000
    assert check_scenario(scenario_doc, map_doc, "g.scenario.toml", "g.map.json") == []


@pytest.mark.parametrize("territories, powers", [(1, 1), (10, 0), (5, 3), (200_000, 2)])
def test_impossible_sizes_are_refused(territories, powers):
    with pytest.raises(GenerateError):
        generate(territories, powers, seed=0)
