"""``check_map`` and ``check_scenario``: every kind of mistake is reported with its file,
its entry and a message that says what is wrong (RULES.md §9)."""

from __future__ import annotations

import copy
from unittest import mock

import pytest

from game.maps.check import check_map, check_scenario
from game.maps.problems import Problem

MAP = "m.map.json"
SCEN = "s.scenario.toml"


def square(x: float, y: float, side: float = 100) -> list[list[float]]:
    return [[x, y], [x + side, y], [x + side, y + side], [x, y + side]]


def good_map() -> dict:
    """Four territories in a 2 × 2 block: AAA BBB on top, CCC DDD below."""
    return {
        "name": "Test",
        "size": [200, 200],
        "territories": [
            {"id": "AAA", "name": "Aa", "terrain": "plains", "value": 2, "capital_of": "RED",
             "pos": [50, 50], "shape": square(0, 0)},
            {"id": "BBB", "name": "Bb", "terrain": "hills", "value": 1,
             "pos": [150, 50], "shape": square(100, 0)},
            {"id": "CCC", "name": "Cc", "terrain": "forest", "value": 3, "capital_of": "BLU",
             "pos": [50, 150], "shape": square(0, 100)},
            {"id": "DDD", "name": "Dd", "terrain": "mountains", "value": 0,
             "pos": [150, 150], "shape": square(100, 100)},
        ],
        "edges": [["AAA", "BBB", "land"], ["BBB", "DDD", "land"], ["DDD", "CCC", "land"],
                  ["CCC", "AAA", "sea"]],
    }


def good_scenario() -> dict:
    return {
        "name": "Test",
        "description": "A test.",
        "map": MAP,
        "start_year": 1900,
        "seasons": ["Spring", "Autumn"],
        "max_turns": 8,
        "fog": False,
        "coalition_victory": False,
        "rules": {"sigma": 0.5},
        "powers": [
            {"id": "RED", "name": "Red", "color": "#c0392b", "treasury": 5, "legitimacy": 70,
             "owed": 2, "kept": 1, "territories": ["AAA", "BBB"],
             "forces": {"AAA": 4, "BBB": 2}, "objectives": {"DDD": 3}},
            {"id": "BLU", "name": "Blue", "territories": ["CCC"], "forces": {"CCC": 3}},
        ],
        "neutral": {"forces": {"DDD": 2}},
        "pacts": [{"kind": "non_aggression", "members": ["RED", "BLU"], "name": "Truce"}],
        "injects": [{"turn": 3, "text": "A storm."}],
    }


def map_problems(doc) -> list[Problem]:
    return check_map(doc, MAP)


def scenario_problems(doc, map_doc=None) -> list[Problem]:
    return check_scenario(doc, good_map() if map_doc is None else map_doc, SCEN, MAP)


def test_the_sample_documents_are_clean():
    assert map_problems(good_map()) == []
    assert scenario_problems(good_scenario()) == []


def test_problem_reads_file_entry_message():
    problem = Problem("maps/x.map.json", "territory 'BER'",
                      "value must be a whole number from 0 to 5, not 9")
    assert str(problem) == ("maps/x.map.json: territory 'BER': "
                            "value must be a whole number from 0 to 5, not 9")
    assert str(Problem("a.json", "", "is empty")) == "a.json: is empty"


# --- the map: its shape and keys ------------------------------------------------------------


@pytest.mark.parametrize("garbage", [None, [], "map", 5, True])
def test_map_that_is_not_an_object(garbage):
    assert map_problems(garbage) == [Problem(
        MAP, "", f"a map must be a JSON object with 'territories' and 'edges', "
                 f"not {__import__('json').dumps(garbage)}")]


def test_unknown_top_level_map_key_suggests_the_right_one():
    doc = good_map()
    doc["territores"] = []
    assert map_problems(doc) == [Problem(MAP, "", "unknown key \"territores\" "
                                                  "(did you mean 'territories'?)")]


def test_map_name_must_be_text():
    doc = good_map()
    doc["name"] = 3
    assert map_problems(doc) == [Problem(MAP, "name", "name must be non-empty text, not 3")]


@pytest.mark.parametrize("size", [[200], [0, 200], ["200", 200], None, [200, -1]])
def test_size_must_be_two_positive_numbers(size):
    doc = good_map()
    doc["size"] = size
    problems = map_problems(doc)
    assert problems[0].entry == "size"
    assert problems[0].message.startswith("size must be [width, height] with two positive "
                                          "numbers, not ")


def test_positions_need_a_size():
    doc = good_map()
    del doc["size"]
    assert map_problems(doc) == [Problem(MAP, "size", "the map has positions but no 'size' "
                                                      "[width, height] to place them in")]


@pytest.mark.parametrize("territories", [None, [], {"AAA": {}}])
def test_map_needs_a_list_of_territories(territories):
    doc = good_map()
    doc["territories"] = territories
    doc["edges"] = []
    problems = map_problems(doc)
    assert problems[0].entry == "territories"
    assert problems[0].message.startswith("the map needs 'territories', a non-empty list")


# --- territories --------------------------------------------------------------------------


def with_territory(change: dict, index: int = 0, drop: tuple[str, ...] = ()) -> dict:
    doc = good_map()
    doc["territories"][index].update(change)
    for key in drop:
        doc["territories"][index].pop(key)
    return doc


def test_territory_that_is_not_an_object():
    doc = good_map()
    doc["territories"].append(7)
    assert map_problems(doc) == [Problem(
        MAP, "territory 5", "a territory must be an object with at least an 'id', not 7")]


def test_territory_without_id():
    doc = with_territory({}, 1, drop=("id",))
    problems = map_problems(doc)
    assert Problem(MAP, "territory 2", "has no 'id'") in problems


@pytest.mark.parametrize("bad", ["B B", "", "TOOLONGANIDXX", "BÉR", 12, None])
def test_territory_id_format(bad):
    problems = map_problems(with_territory({"id": bad}, 1))
    entry = f"territory {bad!r}" if isinstance(bad, str) and bad else "territory 2"
    shown = __import__("json").dumps(bad, ensure_ascii=False)
    assert Problem(MAP, entry, "id must be a short code of letters, digits and underscores "
                               f"(1 to 12 characters), not {shown}") in problems


def test_duplicate_territory_id():
    problems = map_problems(with_territory({"id": "AAA"}, 1))
    assert Problem(MAP, "territory 'AAA'", "the id 'AAA' is already used by territory 1") \
        in problems


def test_unknown_territory_key_is_a_typo():
    problems = map_problems(with_territory({"captial_of": "RED"}))
    assert problems == [Problem(MAP, "territory 'AAA'",
                                "unknown key \"captial_of\" (did you mean 'capital_of'?)")]


def test_territory_name_must_be_text():
    problems = map_problems(with_territory({"name": ""}))
    assert problems == [Problem(MAP, "territory 'AAA'", 'name must be non-empty text, not ""')]


def test_terrain_must_be_known():
    problems = map_problems(with_territory({"terrain": "swamp"}))
    assert problems == [Problem(MAP, "territory 'AAA'", "terrain must be one of plains, forest, "
                                                        "marsh, hills, urban, mountains, "
                                                        "not \"swamp\"")]


@pytest.mark.parametrize("value, shown", [(9, "9"), (-1, "-1"), (2.5, "2.5"), ("2", '"2"'),
                                          (None, "null"), (True, "true")])
def test_value_must_be_a_whole_number_from_0_to_5(value, shown):
    problems = map_problems(with_territory({"value": value}))
    assert problems == [Problem(MAP, "territory 'AAA'",
                                f"value must be a whole number from 0 to 5, not {shown}")]


def test_capital_of_must_be_a_power_id():
    problems = map_problems(with_territory({"capital_of": ["RED"]}))
    assert problems == [Problem(MAP, "territory 'AAA'", "capital_of (a power id, or null) must "
                                                        "be a short code of letters, digits and "
                                                        "underscores (1 to 12 characters), "
                                                        "not [\"RED\"]")]


def test_capital_of_may_be_null():
    assert map_problems(with_territory({"capital_of": None})) == []


@pytest.mark.parametrize("pos", [[50], [50, "50"], "50,50", [50, None], [float("nan"), 5]])
def test_pos_must_be_two_numbers(pos):
    problems = map_problems(with_territory({"pos": pos}))
    assert problems[0].entry == "territory 'AAA'"
    assert problems[0].message.startswith("pos must be [x, y] with two numbers, not ")


def test_pos_outside_the_map():
    problems = map_problems(with_territory({"pos": [250, 50]}, drop=("shape",)))
    assert problems == [Problem(MAP, "territory 'AAA'",
                                "pos [250, 50] lies outside the map (size 200 × 200)")]


def test_two_territories_at_one_pos():
    problems = map_problems(with_territory({"pos": [50, 50]}, 1, drop=("shape",)))
    assert problems == [Problem(MAP, "territory 'BBB'", "has the same pos as territory 'AAA'; "
                                                        "shapes cannot be derived for two "
                                                        "territories at one point")]


@pytest.mark.parametrize("shape", [[[0, 0], [1, 1]], "square", 5])
def test_shape_must_be_a_list_of_points(shape):
    problems = map_problems(with_territory({"shape": shape}))
    assert problems[0].entry == "territory 'AAA'"
    assert problems[0].message.startswith("shape must be a list of at least 3 [x, y] points")


def test_shape_point_must_be_two_numbers():
    problems = map_problems(with_territory({"shape": [[0, 0], [100, 0], [100, "x"], [0, 100]]}))
    assert problems == [Problem(MAP, "territory 'AAA'",
                                "shape point 3 must be [x, y] with two numbers, not [100, \"x\"]")]


def test_shape_that_crosses_itself():
    bowtie = [[0, 0], [100, 100], [100, 0], [0, 100]]
    problems = map_problems(with_territory({"shape": bowtie}))
    assert Problem(MAP, "territory 'AAA'",
                   "shape is not a simple polygon: it crosses itself (edges 1 and 3)") in problems


def test_shape_that_doubles_back():
    spike = [[0, 0], [100, 0], [50, 0], [50, 100]]
    problems = map_problems(with_territory({"shape": spike, "pos": [40, 40]}))
    assert Problem(MAP, "territory 'AAA'", "shape is not a simple polygon: it doubles back on "
                                           "itself at point 2") in problems


def test_shape_outside_the_map():
    problems = map_problems(with_territory({"shape": [[0, 0], [100, 0], [100, 100], [-5, 100]]}))
    assert problems == [Problem(MAP, "territory 'AAA'", "shape point 4 [-5, 100] lies outside "
                                                        "the map (size 200 × 200)")]


def test_pos_outside_its_own_shape():
    problems = map_problems(with_territory({"pos": [10, 190]}, drop=()))
    assert Problem(MAP, "territory 'AAA'", "pos [10, 190] lies outside its shape") in problems


def test_overlapping_shapes():
    problems = map_problems(with_territory({"shape": square(50, 0), "pos": [120, 50]}, 1))
    assert problems == [Problem(MAP, "territory 'AAA'",
                                "shape overlaps the shape of territory 'BBB'")]


def test_shapes_sharing_a_border_do_not_overlap():
    assert map_problems(good_map()) == []


# --- edges --------------------------------------------------------------------------------


def with_edges(*edges) -> dict:
    doc = good_map()
    doc["edges"] = list(edges) + doc["edges"]
    return doc


def test_map_needs_edges():
    doc = good_map()
    del doc["edges"]
    assert map_problems(doc) == [Problem(MAP, "edges", "the map needs 'edges', a list of "
                                                       "[territory, territory, kind]")]


def test_edges_must_be_a_list():
    doc = good_map()
    doc["edges"] = {"AAA": "BBB"}
    assert map_problems(doc) == [Problem(MAP, "edges", "edges must be a list of [territory, "
                                                       "territory, kind], not {\"AAA\": \"BBB\"}")]


@pytest.mark.parametrize("edge", [["AAA", "BBB"], "AAA-BBB", None, ["AAA", "BBB", "land", 1]])
def test_edge_must_be_a_triple(edge):
    problems = map_problems(with_edges(edge))
    assert problems[0].entry == "edge 1"
    assert problems[0].message.startswith("an edge must be [territory, territory, kind], not ")


def test_edge_kind_is_land_or_sea():
    problems = map_problems(with_edges(["AAA", "DDD", "air"]))
    assert problems == [Problem(MAP, "edge 1 (AAA–DDD)", "kind must be land or sea, not \"air\"")]


def test_edge_naming_an_unknown_territory():
    problems = map_problems(with_edges(["AAA", "ZZZ", "land"]))
    assert problems == [Problem(MAP, "edge 1 (AAA–ZZZ)", "names unknown territory 'ZZZ'")]


def test_edge_naming_a_territory_by_something_else_than_its_id():
    problems = map_problems(with_edges(["AAA", 2, "land"]))
    assert problems == [Problem(MAP, "edge 1", "an edge must name territories by id, not 2")]


def test_self_edge():
    problems = map_problems(with_edges(["AAA", "AAA", "land"]))
    assert problems == [Problem(MAP, "edge 1 (AAA–AAA)", "joins 'AAA' to itself")]


@pytest.mark.parametrize("edge", [["AAA", "BBB", "land"], ["BBB", "AAA", "sea"]])
def test_duplicate_edge_in_either_direction(edge):
    doc = good_map()
    doc["edges"].append(edge)
    a, b = edge[0], edge[1]
    assert map_problems(doc) == [Problem(MAP, f"edge 5 ({a}–{b})",
                                         f"joins {a} and {b} again (edge 1 already does; an "
                                         "edge works both ways)")]


def test_disconnected_map_names_its_parts():
    doc = good_map()
    doc["edges"] = [["AAA", "BBB", "land"], ["CCC", "DDD", "land"]]
    assert map_problems(doc) == [Problem(MAP, "edges", "the map is not connected: no path of "
                                                       "edges joins its 2 parts {AAA, BBB}, "
                                                       "{CCC, DDD}")]


def test_long_parts_are_abbreviated():
    doc = {"size": [10, 10], "edges": [],
           "territories": [{"id": f"T{i}"} for i in range(10)]}
    doc["edges"] = [[f"T{i}", f"T{i + 1}", "land"] for i in range(8)]
    problems = map_problems(doc)
    assert problems == [Problem(MAP, "edges", "the map is not connected: no path of edges joins "
                                              "its 2 parts {T0, T1, T2, T3, T4, T5, T6, T7 and 1 "
                                              "more}, {T9}")]


def test_all_problems_are_collected_not_just_the_first():
    doc = good_map()
    doc["territories"][0]["value"] = 9
    doc["territories"][1]["terrain"] = "lava"
    doc["edges"].append(["AAA", "AAA", "land"])
    assert len(map_problems(doc)) == 3


# --- the scenario: settings ---------------------------------------------------------------


def with_settings(**change) -> dict:
    doc = good_scenario()
    for key, value in change.items():
        if value is ...:
            doc.pop(key)
        else:
            doc[key] = value
    return doc


@pytest.mark.parametrize("garbage", [None, [], "x"])
def test_scenario_that_is_not_a_table(garbage):
    problems = scenario_problems(garbage)
    assert len(problems) == 1 and problems[0].message.startswith("a scenario must be a table")


def test_unknown_top_level_scenario_key_suggests_the_right_one():
    problems = scenario_problems(with_settings(max_turn=8))
    assert problems == [Problem(SCEN, "", "unknown key \"max_turn\" (did you mean 'max_turns'?)")]


def test_unknown_key_without_a_likely_meaning_lists_the_keys():
    problems = scenario_problems(with_settings(zzz=1))
    assert problems[0].message.startswith("unknown key \"zzz\"; the keys are: name, description")


def test_scenario_needs_a_name():
    assert scenario_problems(with_settings(name=...)) == [
        Problem(SCEN, "name", "the scenario needs a name")]
    assert scenario_problems(with_settings(name=5)) == [
        Problem(SCEN, "name", "name must be non-empty text, not 5")]


def test_description_must_be_text():
    assert scenario_problems(with_settings(description=["x"])) == [
        Problem(SCEN, "description", "description must be text, not [\"x\"]")]


def test_scenario_needs_its_map_path():
    assert scenario_problems(with_settings(map=...)) == [
        Problem(SCEN, "map", "the scenario needs 'map', the path of its map file relative to "
                             "the scenario file")]
    assert scenario_problems(with_settings(map=3)) == [
        Problem(SCEN, "map", "map must be the path of the map file, not 3")]


def test_start_year_must_be_whole():
    assert scenario_problems(with_settings(start_year="1939")) == [
        Problem(SCEN, "start_year", "start_year must be a whole number, not \"1939\"")]


@pytest.mark.parametrize("seasons", [[], ["Spring", 2], "Spring", [""]])
def test_seasons_must_be_a_non_empty_list_of_names(seasons):
    problems = scenario_problems(with_settings(seasons=seasons))
    assert problems[0].entry == "seasons"
    assert problems[0].message.startswith("seasons must be a non-empty list of names")


@pytest.mark.parametrize("max_turns, shown", [(0, "0"), (-3, "-3"), ("8", '"8"'), (8.5, "8.5")])
def test_max_turns_at_least_one(max_turns, shown):
    assert scenario_problems(with_settings(max_turns=max_turns)) == [
        Problem(SCEN, "max_turns", f"max_turns must be a whole number of turns from 1 to 10000, "
                                   f"not {shown}")]


@pytest.mark.parametrize("key", ["fog", "coalition_victory"])
def test_switches_must_be_true_or_false(key):
    assert scenario_problems(with_settings(**{key: "yes"})) == [
        Problem(SCEN, key, f"{key} must be true or false, not \"yes\"")]


def test_unknown_and_bad_rule_parameters():
    problems = scenario_problems(with_settings(rules={"sigma": -1, "sigmа": 1}))
    assert problems == [
        Problem(SCEN, "[rules]", "parameter 'sigma' must be between 0.0 and 5.0, not -1.0"),
        Problem(SCEN, "[rules]", "unknown rule parameter 'sigmа'"),
    ]


def test_rules_must_be_a_table():
    assert scenario_problems(with_settings(rules=[1])) == [
        Problem(SCEN, "[rules]", "rules must be a table of parameters, not [1]")]


def test_max_turns_set_twice():
    problems = scenario_problems(with_settings(rules={"max_turns": 8}))
    assert problems == [Problem(SCEN, "[rules]", "max_turns is set both at the top level and "
                                                 "in [rules]; keep one")]


def test_an_unknown_ruleset_names_the_file_and_the_entry():
    assert scenario_problems(with_settings(ruleset=3)) == [
        Problem(SCEN, "ruleset", "unknown ruleset 3: this version plays ruleset 1 or 2")]


def test_a_ruleset_2_parameter_in_a_ruleset_1_scenario():
    assert scenario_problems(with_settings(rules={"upkeep": 0.5})) == [
        Problem(SCEN, "[rules]", "parameter 'upkeep' belongs to ruleset 2, and this game "
                                 "plays ruleset 1 (set ruleset = 2)")]
    assert scenario_problems(with_settings(ruleset=2, rules={"upkeep": 0.5})) == []
    assert scenario_problems(with_settings(rules={"ruleset": 2, "upkeep": 0.5})) == []


def test_par_belongs_to_ruleset_2_and_is_a_positive_whole_number():
    assert scenario_problems(with_power({"par": 4})) == [
        Problem(SCEN, "power 'RED'", "par belongs to ruleset 2, and this scenario plays "
                                     "ruleset 1 (set ruleset = 2)")]
    two = with_power({"par": 0})
    two["ruleset"] = 2
    assert scenario_problems(two) == [
        Problem(SCEN, "power 'RED'", "par must be a whole number of IP from 1 to 1000000, "
                                     "not 0")]
    two["powers"][0]["par"] = 4
    assert scenario_problems(two) == []


def test_a_theatre_is_a_ruleset_2_pact_term():
    doc = with_settings(pacts=[{"kind": "defensive", "members": ["RED", "BLU"],
                                "theatre": ["AAA"]}])
    assert scenario_problems(doc) == [
        Problem(SCEN, "pact 1", "'theatre' is a term of ruleset 2, and this game plays "
                                "ruleset 1")]
    doc["ruleset"] = 2
    assert scenario_problems(doc) == []


def test_injects_must_be_tables():
    assert scenario_problems(with_settings(injects=["storm"])) == [
        Problem(SCEN, "injects", "injects must be a list of tables ([[injects]])")]
    assert scenario_problems(with_settings(injects=[{"turn": 2, "text": "A storm."}])) == []


# --- powers -------------------------------------------------------------------------------


def with_power(change: dict, index: int = 0, drop: tuple[str, ...] = ()) -> dict:
    doc = good_scenario()
    doc["powers"][index].update(change)
    for key in drop:
        doc["powers"][index].pop(key)
    return doc


@pytest.mark.parametrize("powers", [None, [], [1, 2]])
def test_scenario_needs_powers(powers):
    problems = scenario_problems(with_settings(powers=powers))
    assert problems[0].entry == "powers"
    assert problems[0].message.startswith("the scenario needs [[powers]], a list of at least one")


def test_power_without_id():
    problems = scenario_problems(with_power({}, 1, drop=("id",)))
    assert Problem(SCEN, "power 2", "has no 'id'") in problems


def test_power_id_format():
    problems = scenario_problems(with_power({"id": "Blue Land"}, 1))
    assert Problem(SCEN, "power 'Blue Land'", "id must be a short code of letters, digits and "
                                              "underscores (1 to 12 characters), not "
                                              "\"Blue Land\"") in problems


def test_neutral_is_not_a_power_id():
    problems = scenario_problems(with_power({"id": "neutral"}, 1))
    assert Problem(SCEN, "power 'neutral'",
                   "the id 'neutral' is reserved for neutral garrisons") in problems


def test_duplicate_power_id():
    problems = scenario_problems(with_power({"id": "RED"}, 1))
    assert Problem(SCEN, "power 'RED'", "the id 'RED' is already used by power 1") in problems


def test_unknown_power_key():
    assert scenario_problems(with_power({"treasure": 5})) == [
        Problem(SCEN, "power 'RED'", "unknown key \"treasure\" (did you mean 'treasury'?)")]


@pytest.mark.parametrize("color", ["red", "#c0392", "#gggggg", 0xc0392b])
def test_color_is_hex(color):
    problems = scenario_problems(with_power({"color": color}))
    assert problems[0].entry == "power 'RED'"
    assert problems[0].message.startswith("color must be '#rrggbb' (six hex digits), not ")


@pytest.mark.parametrize("treasury, shown", [(-1, "-1"), (2.5, "2.5"), ("5", '"5"')])
def test_treasury_whole_and_not_negative(treasury, shown):
    assert scenario_problems(with_power({"treasury": treasury})) == [
        Problem(SCEN, "power 'RED'", f"treasury must be a whole number of IP from 0, not {shown}")]


@pytest.mark.parametrize("legitimacy", [101, -1, 50.5])
def test_legitimacy_from_0_to_100(legitimacy):
    assert scenario_problems(with_power({"legitimacy": legitimacy})) == [
        Problem(SCEN, "power 'RED'", f"legitimacy must be a whole number from 0 to 100, "
                                     f"not {legitimacy}")]


def test_commitment_record_whole_numbers():
    assert scenario_problems(with_power({"owed": -2})) == [
        Problem(SCEN, "power 'RED'", "owed must be a whole number of commitments from 0, not -2")]


def test_kept_cannot_exceed_owed():
    assert scenario_problems(with_power({"owed": 1, "kept": 3})) == [
        Problem(SCEN, "power 'RED'", "kept (3) cannot exceed owed (1): a power keeps only "
                                     "commitments it owed")]


def test_power_needs_territory():
    problems = scenario_problems(with_power({}, 1, drop=("territories", "forces")))
    assert Problem(SCEN, "power 'BLU'", "owns no territory: give it 'territories', a list of "
                                        "territory ids (a power without territory is "
                                        "eliminated at once)") in problems
    problems = scenario_problems(with_power({"territories": [], "forces": {}}, 1))
    assert Problem(SCEN, "power 'BLU'", "owns no territory (a power without territory is "
                                        "eliminated at once)") in problems


def test_territories_must_be_a_list_of_ids():
    problems = scenario_problems(with_power({"territories": "AAA"}))
    assert Problem(SCEN, "power 'RED'",
                   "territories must be a list of territory ids, not \"AAA\"") in problems


def test_territories_unknown_and_repeated():
    problems = scenario_problems(with_power({"territories": ["AAA", "BBB", "ZZZ", "AAA"]}))
    assert problems == [
        Problem(SCEN, "power 'RED'", "territories names unknown territory 'ZZZ'"),
        Problem(SCEN, "power 'RED'", "territories lists 'AAA' twice"),
    ]


def test_territory_given_to_two_powers():
    problems = scenario_problems(with_power({"territories": ["CCC", "BBB"], "forces": {}}, 1))
    assert Problem(SCEN, "power 'BLU'", "territory 'BBB' is already given to power 'RED'") \
        in problems


def test_forces_must_be_a_table():
    assert scenario_problems(with_power({"forces": [4, 2]})) == [
        Problem(SCEN, "power 'RED'", "forces must be a table of territory = units, not [4, 2]")]


def test_forces_in_unknown_territory():
    assert scenario_problems(with_power({"forces": {"AAA": 4, "ZZZ": 1}})) == [
        Problem(SCEN, "power 'RED'", "forces names unknown territory 'ZZZ'")]


@pytest.mark.parametrize("units, shown", [(-1, "-1"), (2.5, "2.5"), ("3", '"3"'), (True, "true")])
def test_forces_whole_and_not_negative(units, shown):
    assert scenario_problems(with_power({"forces": {"AAA": units}})) == [
        Problem(SCEN, "power 'RED'", f"forces in 'AAA' must be a whole number of units from 0, "
                                     f"not {shown}")]


def test_forces_in_a_neutral_territory():
    assert scenario_problems(with_power({"forces": {"AAA": 4, "DDD": 1}})) == [
        Problem(SCEN, "power 'RED'", "has forces in 'DDD', a neutral territory; a power may keep "
                                     "forces only where it or an ally owns the territory")]


def test_forces_in_a_territory_of_a_power_that_is_not_an_ally():
    assert scenario_problems(with_power({"forces": {"AAA": 4, "CCC": 1}})) == [
        Problem(SCEN, "power 'RED'", "has forces in 'CCC', which BLU owns and is not its ally "
                                     "(allies share a defensive or offensive pact)")]


@pytest.mark.parametrize("kind", ["defensive", "offensive"])
def test_forces_may_stand_in_an_allys_territory(kind):
    doc = with_power({"forces": {"AAA": 4, "CCC": 1}})
    pact = {"kind": kind, "members": ["RED", "BLU"]}
    if kind == "offensive":
        doc["powers"].append({"id": "GRN", "territories": ["DDD"]})
        doc.pop("neutral")
        pact["target"] = "GRN"
    doc["pacts"] = [pact]
    assert scenario_problems(doc) == []


def test_zero_units_may_stand_anywhere_they_are_listed():
    assert scenario_problems(with_power({"forces": {"AAA": 4, "CCC": 0}})) == []


def test_objectives_unknown_territory_and_bad_points():
    assert scenario_problems(with_power({"objectives": {"ZZZ": 3, "CCC": "5"}})) == [
        Problem(SCEN, "power 'RED'", "objectives names unknown territory 'ZZZ'"),
        Problem(SCEN, "power 'RED'", "objective points for 'CCC' must be a whole number, "
                                     "not \"5\""),
    ]


# --- capitals (map and scenario together) ---------------------------------------------------


def test_capital_of_a_power_the_scenario_lacks():
    map_doc = with_territory({"capital_of": "GRN"}, 3)
    assert scenario_problems(good_scenario(), map_doc) == [
        Problem(MAP, "territory 'DDD'", "capital_of names 'GRN', which is not a power of this "
                                        "scenario")]


def test_capital_not_among_the_powers_territories():
    map_doc = good_map()
    map_doc["territories"][0]["capital_of"] = "BLU"
    map_doc["territories"][2]["capital_of"] = "RED"
    problems = scenario_problems(good_scenario(), map_doc)
    assert problems == [
        Problem(SCEN, "power 'RED'", "its capital 'CCC' (capital_of in the map) is not among its "
                                     "territories"),
        Problem(SCEN, "power 'BLU'", "its capital 'AAA' (capital_of in the map) is not among its "
                                     "territories"),
    ]


def test_power_with_two_capitals():
    map_doc = with_territory({"capital_of": "RED"}, 1)
    assert scenario_problems(good_scenario(), map_doc) == [
        Problem(SCEN, "power 'RED'", "has 2 capitals in the map ('AAA', 'BBB'); a power has at "
                                     "most one")]


def test_scenario_checks_survive_a_broken_map():
    problems = check_scenario(good_scenario(), None, SCEN, MAP)
    assert problems == []
    problems = check_scenario(good_scenario(), {"territories": "garbage"}, SCEN, MAP)
    assert problems == []


# --- neutral garrisons --------------------------------------------------------------------


def test_garrison_in_an_owned_territory():
    assert scenario_problems(with_settings(neutral={"forces": {"DDD": 2, "AAA": 1}})) == [
        Problem(SCEN, "[neutral]", "a garrison in 'AAA', which RED owns; garrisons are for "
                                   "territories no power owns")]


def test_garrison_unknown_territory_and_bad_units():
    assert scenario_problems(with_settings(neutral={"forces": {"ZZZ": 2, "DDD": -1}})) == [
        Problem(SCEN, "[neutral]", "forces names unknown territory 'ZZZ'"),
        Problem(SCEN, "[neutral]", "the garrison of 'DDD' must be a whole number of units from "
                                   "0, not -1"),
    ]


def test_neutral_table_keys():
    assert scenario_problems(with_settings(neutral={"forces": {}, "force": {}})) == [
        Problem(SCEN, "[neutral]", "unknown key \"force\" (did you mean 'forces'?)")]
    assert scenario_problems(with_settings(neutral=[1])) == [
        Problem(SCEN, "[neutral]", "neutral must be a table with 'forces', not [1]")]


# --- pacts --------------------------------------------------------------------------------


def test_pact_problems_name_the_pact_by_position_and_name():
    doc = good_scenario()
    doc["pacts"].append({"kind": "offensive", "members": ["RED", "BLU"], "name": "Axis"})
    doc["pacts"].append({"kind": "alliance", "members": ["RED", "BLU"]})
    assert scenario_problems(doc) == [
        Problem(SCEN, "pact 2 ('Axis')", "an offensive pact needs a known target power, not None"),
        Problem(SCEN, "pact 3", "pact kind must be one of defensive, offensive, non_aggression, "
                                "peace, not 'alliance'"),
    ]


def test_pact_naming_unknown_powers():
    doc = good_scenario()
    doc["pacts"] = [{"kind": "defensive", "members": ["RED", "GRN"]}]
    assert scenario_problems(doc) == [Problem(SCEN, "pact 1", "members names unknown power 'GRN'")]


def test_pacts_must_be_a_list():
    assert scenario_problems(with_settings(pacts={"kind": "defensive"})) == [
        Problem(SCEN, "pacts", "pacts must be a list of tables ([[pacts]]), "
                               "not {\"kind\": \"defensive\"}")]


def test_garbage_pact_terms_are_reported_not_raised():
    doc = good_scenario()
    doc["pacts"] = [{"kind": "peace", "sides": [["RED"], ["BLU"]],
                     "transfers": [{"territory": ["AAA"], "to": "RED"}]}]
    problems = scenario_problems(doc)
    assert len(problems) >= 1 and all(p.entry == "pact 1" for p in problems)


def test_garbage_everywhere_never_raises():
    garbage = [None, 1, "x", [], {}, [None], {"id": None}, float("inf"), [[[]]], True]
    for g in garbage:
        doc = good_scenario()
        for key in list(doc):
            doc[key] = g
        check_scenario(doc, good_map(), SCEN, MAP)
        map_doc = good_map()
        for key in list(map_doc):
            map_doc[key] = g
        check_map(map_doc, MAP)
        terr_doc = good_map()
        for key in list(terr_doc["territories"][0]):
            terr_doc["territories"][0][key] = g
        check_map(terr_doc, MAP)
        check_scenario(copy.deepcopy(good_scenario()), terr_doc, SCEN, MAP)
        power_doc = good_scenario()
        for key in list(power_doc["powers"][0]):
            power_doc["powers"][0][key] = g
        check_scenario(power_doc, good_map(), SCEN, MAP)


# --- anything at all ------------------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner,
                                                               max_size=4),
    max_leaves=12)


def _paths(doc, prefix=()):
    """Every place in a document a value could be swapped out."""
    yield prefix
    if isinstance(doc, dict):
        for key, value in doc.items():
            yield from _paths(value, prefix + (key,))
    elif isinstance(doc, list):
        for n, value in enumerate(doc):
            yield from _paths(value, prefix + (n,))


def _replaced(doc, path, value):
    if not path:
        return value
    doc = copy.deepcopy(doc)
    here = doc
    for step in path[:-1]:
        here = here[step]
    here[path[-1]] = value
    return doc


MAP_PATHS = list(_paths(good_map()))
SCENARIO_PATHS = list(_paths(good_scenario()))


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(MAP_PATHS), st.sampled_from(SCENARIO_PATHS), json_values, json_values)
def test_checks_report_rather_than_raise_whatever_the_documents_hold(map_path, scenario_path,
                                                                     map_value, scenario_value):
    map_doc = _replaced(good_map(), map_path, map_value)
    scenario_doc = _replaced(good_scenario(), scenario_path, scenario_value)
    # Whether shapes overlap is beside the point here, and a fine grid per example is slow.
    with mock.patch("game.maps.check.OVERLAP_SAMPLES", 10_000):
        problems = check_map(map_doc, MAP) + check_scenario(scenario_doc, map_doc, SCEN, MAP)
    assert all(isinstance(p, Problem) and p.message for p in problems)
