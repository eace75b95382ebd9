"""Reading, checking and loading map and scenario files; finding shipped scenarios."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.engine.world import Scenario
from game.maps import (
    MapFileError,
    Problem,
    UnreadableFileError,
    check_file,
    find_scenario,
    list_scenarios,
    load_scenario,
    read_map_doc,
    read_scenario_docs,
    resolve_scenario,
)
from game.maps.write import map_json, scenario_toml
from test_maps_check import good_map, good_scenario


def write_pair(tmp_path: Path, map_doc=None, scenario_doc=None, name: str = "t") -> Path:
    map_doc = good_map() if map_doc is None else map_doc
    scenario_doc = good_scenario() if scenario_doc is None else scenario_doc
    scenario_doc = dict(scenario_doc, map=f"{name}.map.json")
    (tmp_path / f"{name}.map.json").write_text(map_json(map_doc), encoding="utf-8")
    path = tmp_path / f"{name}.scenario.toml"
    path.write_text(scenario_toml(scenario_doc), encoding="utf-8")
    return path


def test_load_scenario_builds_the_engines_scenario(tmp_path):
    scenario = load_scenario(write_pair(tmp_path))
    assert isinstance(scenario, Scenario)
    assert scenario.power_ids == ["RED", "BLU"]
    assert scenario.map.ids == ["AAA", "BBB", "CCC", "DDD"]
    assert scenario.rules.max_turns == 8
    assert scenario.description == "A test."
    assert scenario.label(2) == "Autumn 1900"


def test_read_docs_resolve_the_map_relative_to_the_scenario(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "t.map.json").write_text(map_json(good_map()), encoding="utf-8")
    path = tmp_path / "t.scenario.toml"
    path.write_text(scenario_toml(dict(good_scenario(), map="sub/t.map.json")), encoding="utf-8")
    scenario_doc, map_doc = read_scenario_docs(path)
    assert scenario_doc["name"] == "Test"
    assert map_doc == good_map()
    assert read_map_doc(tmp_path / "sub" / "t.map.json") == good_map()


def test_load_scenario_lists_every_problem(tmp_path):
    map_doc = good_map()
    map_doc["territories"][0]["value"] = 9
    scenario_doc = good_scenario()
    scenario_doc["powers"][0]["treasury"] = -1
    path = write_pair(tmp_path, map_doc, scenario_doc)
    with pytest.raises(MapFileError) as caught:
        load_scenario(path)
    assert isinstance(caught.value, ValueError)
    assert caught.value.problems == [
        Problem(str(tmp_path / "t.map.json"), "territory 'AAA'",
                "value must be a whole number from 0 to 5, not 9"),
        Problem(str(path), "power 'RED'", "treasury must be a whole number of IP from 0, not -1"),
    ]
    assert str(caught.value).splitlines()[0] == "2 problems:"


def test_malformed_json_is_located_by_line_and_column(tmp_path):
    path = tmp_path / "bad.map.json"
    path.write_text('{"name": "x",\n  "size": [1, 2,]\n}', encoding="utf-8")
    assert check_file(path) == [Problem(str(path), "line 2, column 17",
                                        "is not valid JSON: Expecting value")]


def test_malformed_toml_is_located_by_line_and_column(tmp_path):
    path = tmp_path / "bad.scenario.toml"
    path.write_text('name = "x"\nmap = \n', encoding="utf-8")
    assert check_file(path) == [Problem(str(path), "line 2, column 7",
                                        "is not valid TOML: Invalid value")]


def test_text_that_is_not_utf8(tmp_path):
    path = tmp_path / "bad.map.json"
    path.write_bytes(b'{"name": "\xff"}')
    assert check_file(path) == [Problem(str(path), "line 1, column 11", "is not UTF-8 text")]


def test_a_key_given_twice_in_json(tmp_path):
    doc = good_map()
    text = map_json(doc).replace('"value": 2,', '"value": 2, "value": 3,', 1)
    path = tmp_path / "twice.map.json"
    path.write_text(text, encoding="utf-8")
    assert check_file(path) == [Problem(str(path), "territory 'AAA'",
                                        "the key 'value' appears twice in one object")]


def test_scenario_whose_map_file_is_missing(tmp_path):
    path = tmp_path / "t.scenario.toml"
    path.write_text(scenario_toml(dict(good_scenario(), map="nowhere.map.json")),
                    encoding="utf-8")
    where = str(tmp_path / "nowhere.map.json")
    assert check_file(path) == [Problem(str(path), "map", f"map file {where!r} cannot be read: "
                                                          "there is no such file")]
    with pytest.raises(MapFileError):
        read_scenario_docs(path)


def test_scenario_whose_map_path_is_a_folder(tmp_path):
    path = tmp_path / "t.scenario.toml"
    path.write_text(scenario_toml(dict(good_scenario(), map=".")), encoding="utf-8")
    problems = check_file(path)
    assert problems[0].entry == "map"
    assert problems[0].message.endswith("cannot be read: it is a folder, not a file")


def test_unreadable_file_raises(tmp_path):
    with pytest.raises(UnreadableFileError) as caught:
        check_file(tmp_path / "missing.map.json")
    assert str(caught.value) == f"{tmp_path / 'missing.map.json'}: cannot be read: there is no " \
                                "such file"


def test_a_file_that_is_neither_map_nor_scenario(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("hello", encoding="utf-8")
    with pytest.raises(MapFileError):
        check_file(path)


def test_shipped_scenarios_by_short_name():
    assert find_scenario("tutorial").name == "tutorial.scenario.toml"
    assert resolve_scenario("europe-1939") == find_scenario("europe-1939")
    with pytest.raises(UnreadableFileError) as caught:
        find_scenario("atlantis")
    assert "there is no scenario called 'atlantis'" in str(caught.value)
    assert "tutorial" in str(caught.value)


def test_resolve_keeps_paths_that_look_like_paths(tmp_path):
    assert resolve_scenario(tmp_path / "x.scenario.toml") == tmp_path / "x.scenario.toml"
    assert resolve_scenario("maps/nope.toml") == Path("maps/nope.toml")


def test_list_scenarios_for_a_start_screen(tmp_path):
    path = write_pair(tmp_path, name="mine")
    (tmp_path / "broken.scenario.toml").write_text("name = ", encoding="utf-8")
    found = list_scenarios(tmp_path)
    assert [info.name for info in found] == ["mine"]
    info = found[0]
    assert info.title == "Test"
    assert info.path == path
    assert info.description == "A test."
    assert [(p.id, p.name, p.color) for p in info.powers] == [
        ("RED", "Red", "#c0392b"), ("BLU", "Blue", "#888888")]
    assert info.max_turns == 8


def test_written_map_json_reads_back_the_same(tmp_path):
    doc = good_map()
    assert json.loads(map_json(doc)) == doc
