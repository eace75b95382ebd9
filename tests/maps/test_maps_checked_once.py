"""A map is checked once per process however often its scenarios are loaded, and a map file
edited between two loads is checked afresh (game/maps/files.py keeps the verdict by text)."""

from __future__ import annotations

import json
import shutil

import pytest

from game.data import MAPS_DIR
from game.maps import MapFileError, load_scenario
import game.maps.files as files


@pytest.fixture
def tutorial_copy(tmp_path):
    """The tutorial's scenario, map and briefs in a folder of the test's own."""
    for path in MAPS_DIR.glob("tutorial.*"):
        if path.is_dir():
            shutil.copytree(path, tmp_path / path.name)
        else:
            shutil.copy(path, tmp_path / path.name)
    return tmp_path / "tutorial.scenario.toml"


def test_a_second_load_does_not_check_the_map_again(tutorial_copy, monkeypatch):
    checked = []
    real = files.check_map
    monkeypatch.setattr(files, "check_map", lambda doc, label: checked.append(label) or
                        real(doc, label))
    first = load_scenario(tutorial_copy)
    again = load_scenario(tutorial_copy)
    assert checked == [str(tutorial_copy.with_name("tutorial.map.json"))]
    assert again.power_ids == first.power_ids


def test_a_map_edited_between_two_loads_is_checked_again(tutorial_copy):
    load_scenario(tutorial_copy)
    map_path = tutorial_copy.with_name("tutorial.map.json")
    doc = json.loads(map_path.read_text(encoding="utf-8"))
    first, second = doc["territories"][:2]
    second["shape"] = first["shape"]          # the second territory now covers the first
    map_path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(MapFileError) as raised:
        load_scenario(tutorial_copy)
    assert any("overlaps the shape of territory" in p.message for p in raised.value.problems)
