"""``casus map check | shapes | generate``: exit codes, messages, and no tracebacks on
garbage."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli.main import main
from game.maps.files import check_file, read_map_doc
from game.maps.write import map_json, scenario_toml
from test_maps_check import good_map, good_scenario

REPO = Path(__file__).resolve().parents[2]


def casus(*args: str) -> subprocess.CompletedProcess:
    """Run the real command in a fresh interpreter, as a user would."""
    return subprocess.run([sys.executable, "-m", "game", *args], cwd=REPO,
                          capture_output=True, text=True, timeout=120)


def test_check_a_clean_scenario_exits_0(tmp_path, capsys):
    (tmp_path / "t.map.json").write_text(map_json(good_map()), encoding="utf-8")
    path = tmp_path / "t.scenario.toml"
    path.write_text(scenario_toml(dict(good_scenario(), map="t.map.json")), encoding="utf-8")
    assert main(["map", "check", str(path)]) == 0
    assert capsys.readouterr().out == f"{path}: no problems\n"


def test_check_prints_every_problem_and_exits_1(tmp_path, capsys):
    doc = good_map()
    doc["territories"][0]["value"] = 9
    doc["edges"].append(["AAA", "AAA", "land"])
    path = tmp_path / "t.map.json"
    path.write_text(map_json(doc), encoding="utf-8")
    assert main(["map", "check", str(path)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{path}: territory 'AAA': value must be a whole number from 0 to 5, not 9",
        f"{path}: edge 5 (AAA–AAA): joins 'AAA' to itself",
        "2 problems found",
    ]


def test_check_an_unreadable_file_exits_2_with_one_sentence(tmp_path, capsys):
    missing = tmp_path / "missing.map.json"
    assert main(["map", "check", str(missing)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"casus map: {missing}: cannot be read: there is no such file\n"


def test_check_a_folder_exits_2(tmp_path, capsys):
    folder = tmp_path / "x.map.json"
    folder.mkdir()
    assert main(["map", "check", str(folder)]) == 2
    assert capsys.readouterr().err.endswith("cannot be read: it is a folder, not a file\n")


def test_check_a_file_of_another_kind_exits_2(tmp_path, capsys):
    path = tmp_path / "notes.txt"
    path.write_text("x", encoding="utf-8")
    assert main(["map", "check", str(path)]) == 2
    assert "is neither a map (.map.json) nor a scenario (.scenario.toml) file" in \
        capsys.readouterr().err


def test_check_shipped_scenarios_by_short_name(capsys):
    assert main(["map", "check", "tutorial", "europe-1939", "cold-war"]) == 0


GARBAGE = {
    "empty.map.json": b"",
    "binary.map.json": bytes(range(256)),
    "array.map.json": b"[1, 2, 3]",
    "nulls.map.json": b'{"territories": [null, {"id": null, "value": "9", "shape": [[1]]}],'
                      b' "edges": [[null, null, null]], "size": "big"}',
    "deep.map.json": b"[" * 100_000 + b"]" * 100_000,
    "nan.map.json": b'{"size": [NaN, Infinity], "territories": [{"id": "A", "pos": [NaN, 1]}],'
                    b' "edges": []}',
    "empty.scenario.toml": b"",
    "binary.scenario.toml": bytes(range(256)),
    "types.scenario.toml": b'name = 5\nmap = ["x"]\nmax_turns = "soon"\n[[powers]]\nid = 7\n'
                           b'territories = "all"\nforces = 3\n[[pacts]]\nkind = 1\n'
                           b'members = [[1]]\n',
    "weird-map-path.scenario.toml": b'name = "x"\nmap = "\\u0000.json"\n'
                                    b'[[powers]]\nid = "A"\n',
}


@pytest.mark.parametrize("name", sorted(GARBAGE))
def test_garbage_files_give_problems_not_tracebacks(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(GARBAGE[name])
    result = casus("map", "check", str(path))
    assert "Traceback" not in result.stderr
    assert result.returncode == 1
    assert result.stdout.strip().splitlines()[-1].endswith("found")


def test_garbage_map_named_by_a_scenario(tmp_path):
    (tmp_path / "t.map.json").write_bytes(b'{"territories": 5, "edges": "none"}')
    path = tmp_path / "t.scenario.toml"
    path.write_text(scenario_toml(dict(good_scenario(), map="t.map.json")), encoding="utf-8")
    result = casus("map", "check", str(path))
    assert "Traceback" not in result.stderr
    assert result.returncode == 1
    assert f"{tmp_path / 't.map.json'}: territories: the map needs 'territories'" in result.stdout


def test_shapes_fills_missing_shapes_and_keeps_the_others(tmp_path, capsys):
    doc = good_map()
    kept = doc["territories"][0]["shape"]
    for terr in doc["territories"][1:]:
        del terr["shape"]
    path = tmp_path / "t.map.json"
    path.write_text(map_json(doc), encoding="utf-8")
    assert main(["map", "shapes", str(path)]) == 0
    assert capsys.readouterr().out == f"{path}: derived 3 shapes\n"
    after = read_map_doc(path)
    assert after["territories"][0]["shape"] == kept
    assert all("shape" in t for t in after["territories"])
    assert check_file(path) == []


def test_shapes_with_an_outline_and_all(tmp_path, capsys):
    path = tmp_path / "t.map.json"
    path.write_text(map_json(good_map()), encoding="utf-8")
    outline = tmp_path / "land.json"
    outline.write_text(json.dumps({"land": [[[10, 10], [190, 10], [190, 190], [10, 190]]]}),
                       encoding="utf-8")
    assert main(["map", "shapes", str(path), "--outline", str(outline), "--all"]) == 0
    after = read_map_doc(path)
    assert sorted(after["territories"][0]["shape"]) == [[10, 10], [10, 100], [100, 10], [100, 100]]
    assert check_file(path) == []


def test_shapes_without_positions_is_a_user_error(tmp_path, capsys):
    doc = good_map()
    del doc["territories"][2]["pos"]
    path = tmp_path / "t.map.json"
    path.write_text(map_json(doc), encoding="utf-8")
    assert main(["map", "shapes", str(path)]) == 2
    assert capsys.readouterr().err == (f"casus map: {path}: every territory needs a pos [x, y] "
                                       "to derive shapes; missing: CCC\n")


def test_shapes_with_a_bad_outline_is_a_user_error(tmp_path, capsys):
    path = tmp_path / "t.map.json"
    path.write_text(map_json(good_map()), encoding="utf-8")
    outline = tmp_path / "land.json"
    outline.write_text('{"land": [[[0, 0], [10, 10], [10, 0], [0, 10]]]}', encoding="utf-8")
    assert main(["map", "shapes", str(path), "--outline", str(outline)]) == 2
    assert "outline piece 1 is not a simple polygon: it crosses itself" in capsys.readouterr().err


def test_generate_writes_a_clean_pair(tmp_path, capsys):
    assert main(["map", "generate", "--territories", "30", "--powers", "3", "--seed", "5",
                 "--out", str(tmp_path), "--name", "mini"]) == 0
    scenario = tmp_path / "mini.scenario.toml"
    assert capsys.readouterr().out == f"wrote {tmp_path / 'mini.map.json'} and {scenario}\n"
    assert check_file(scenario) == []
    assert main(["map", "check", str(scenario)]) == 0


def test_generate_refuses_impossible_sizes(tmp_path, capsys):
    assert main(["map", "generate", "--territories", "5", "--powers", "4", "--out",
                 str(tmp_path)]) == 2
    assert capsys.readouterr().err == ("casus map: 5 territories are too few for 4 powers: give "
                                       "at least two territories per power\n")
