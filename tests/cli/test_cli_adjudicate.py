"""``casus adjudicate``: the rules as a command, with clear errors and never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli.main import main

MAP = {
    "name": "Two shores", "size": [400, 200],
    "territories": [
        {"id": "ALB", "name": "Albion", "terrain": "plains", "value": 2, "capital_of": "RED",
         "pos": [50, 100]},
        {"id": "BOR", "name": "Borea", "terrain": "hills", "value": 1, "pos": [150, 100]},
        {"id": "CYM", "name": "Cymru", "terrain": "plains", "value": 2, "capital_of": "BLU",
         "pos": [250, 100]},
        {"id": "DUN", "name": "Dunmore", "terrain": "forest", "value": 1, "pos": [350, 100]},
    ],
    "edges": [["ALB", "BOR", "land"], ["BOR", "CYM", "land"], ["CYM", "DUN", "sea"]],
}

SCENARIO = """\
name = "Two shores"
map = "shores.map.json"
start_year = 1900
seasons = ["Spring", "Autumn"]
max_turns = 6
fog = false

[rules]
sigma = 0.5
victory_share = 0.9

[[powers]]
id = "RED"
name = "Redland"
color = "#c0392b"
treasury = 5
territories = ["ALB", "BOR"]
forces = { ALB = 6, BOR = 8 }

[[powers]]
id = "BLU"
name = "Blueland"
color = "#2c6fbb"
treasury = 5
territories = ["CYM"]
forces = { CYM = 4 }

[neutral]
forces = { DUN = 2 }
"""


@pytest.fixture
def scenario(tmp_path: Path) -> Path:
    (tmp_path / "shores.map.json").write_text(json.dumps(MAP))
    path = tmp_path / "shores.scenario.toml"
    path.write_text(SCENARIO)
    return path


def run(args: list[str], capsys) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_text_orders_adjudicate_exactly_with_sigma_zero(scenario, tmp_path, capsys):
    orders = tmp_path / "orders.txt"
    orders.write_text("# turn 1\nRED: war BLU\nRED: BOR -> CYM 8\nBLU:\n  build CYM 2\n")
    code, out, err = run([ "adjudicate", str(scenario), "--orders", str(orders),
                          "--set", "sigma=0"], capsys)
    assert code == 0, err
    result = json.loads(out)
    state, report = result["state"], result["report"]
    # Builds come after combat (step 5): CYM holds 4 against 8 in the open plains.
    # a = 8, d = 4 × 1.25 (capital) = 5 → RED wins and keeps sqrt(1 − 0.75 × (5/8)²) =
    # 0.8409 of 8 = 6.73 → 7 units. BLU's 2 survivors have no territory to retreat to.
    assert state["territories"]["CYM"]["owner"] == "RED"
    assert state["territories"]["CYM"]["forces"] == {"RED": 7}
    assert state["powers"]["BLU"]["eliminated"] is True
    assert state["turn"] == 2 and state["label"] == "Autumn 1900"
    assert report["label"] == "Spring 1900"
    assert [r["reason"] for r in report["rejected"]] == ["BLU no longer owns CYM"]


def test_json_orders_and_state_chaining(scenario, tmp_path, capsys):
    orders = tmp_path / "orders.json"
    orders.write_text(json.dumps({"RED": [{"op": "build", "territory": "ALB", "n": 2}]}))
    first = tmp_path / "turn1.json"
    code, _out, err = run(["adjudicate", str(scenario), "--orders", str(orders), "--seed", "3",
                           "--out", str(first)], capsys)
    assert code == 0, err
    code, out, err = run(["adjudicate", str(scenario), "--orders", str(orders),
                          "--state", str(first), "--compact"], capsys)
    assert code == 0, err
    state = json.loads(out)["state"]
    assert state["turn"] == 3 and state["seed"] == 3
    assert state["territories"]["ALB"]["forces"] == {"RED": 10}
    # treasury 5 − 2 + income 3, then − 2 + 3
    assert state["powers"]["RED"]["treasury"] == 7


def test_invalid_orders_are_listed_with_reasons(scenario, tmp_path, capsys):
    orders = tmp_path / "orders.json"
    orders.write_text(json.dumps({"RED": [{"op": "move", "from": "ALB", "to": "CYM", "n": 1},
                                          {"op": "teleport"}], "XXX": []}))
    code, out, _err = run(["adjudicate", str(scenario), "--orders", str(orders)], capsys)
    assert code == 0
    reasons = [r["reason"] for r in json.loads(out)["report"]["rejected"]]
    assert reasons[0] == "unknown power 'XXX'"
    assert reasons[1] == "ALB and CYM are not adjacent"
    assert reasons[2].startswith("unknown order 'teleport'")


@pytest.mark.parametrize("setup, args, message", [
    (None, ["adjudicate", "nowhere-land", "--orders", "o.txt"],
     "there is no scenario called 'nowhere-land'"),
    ("o.txt:RED BOR -> CYM", ["adjudicate", "{scenario}", "--orders", "o.txt"],
     "line 1: which power's order"),
    ("o.txt:RED: BOR => CYM 3", ["adjudicate", "{scenario}", "--orders", "o.txt"],
     "line 1: cannot read 'BOR => CYM 3'"),
    ("o.json:{\"RED\": [", ["adjudicate", "{scenario}", "--orders", "o.json"], "not valid JSON"),
    ("o.txt:", ["adjudicate", "{scenario}", "--orders", "o.txt", "--set", "sigma=-1"],
     "parameter 'sigma' must be between"),
    ("o.txt:", ["adjudicate", "{scenario}", "--orders", "o.txt", "--set", "bogus=1"],
     "unknown rule parameter 'bogus'"),
    ("o.txt:", ["adjudicate", "{scenario}", "--orders", "o.txt", "--state", "missing.json"],
     "cannot read the state file"),
    ("s.json:{\"turn\": 1}", ["adjudicate", "{scenario}", "--orders", "s.json", "--state",
                              "s.json"], "does not fit the scenario"),
])
def test_bad_input_exits_2_with_one_clear_sentence(scenario, tmp_path, capsys, monkeypatch,
                                                   setup, args, message):
    monkeypatch.chdir(tmp_path)
    if setup:
        name, _sep, content = setup.partition(":")
        (tmp_path / name).write_text(content)
    args = [a.replace("{scenario}", str(scenario)) for a in args]
    code, out, err = run(args, capsys)
    assert code == 2
    assert out == ""
    assert message in err
    assert "Traceback" not in err and err.count("\n") == 1


def test_the_installed_command_runs_without_a_traceback(scenario, tmp_path):
    orders = tmp_path / "orders.txt"
    orders.write_text("RED: ALB -> BOR 1\n")
    ok = subprocess.run([sys.executable, "-m", "game", "adjudicate", str(scenario),
                         "--orders", str(orders)], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["state"]["territories"]["BOR"]["forces"] == {"RED": 9}
    bad = subprocess.run([sys.executable, "-m", "game", "adjudicate", str(tmp_path / "x.toml"),
                          "--orders", str(orders)], capture_output=True, text=True)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_the_ruleset_is_set_recorded_and_checked(scenario, tmp_path, capsys):
    orders = tmp_path / "orders.txt"
    orders.write_text("BLU: decline P1\n")
    code, out, _ = run(["adjudicate", str(scenario), "--orders", str(orders)], capsys)
    one = json.loads(out)
    assert code == 0 and "ruleset" not in one      # ruleset 1 output, as it always was
    assert one["report"]["rejected"][0]["reason"] == (
        "decline belongs to ruleset 2, and this game plays ruleset 1")
    code, out, _ = run(["adjudicate", str(scenario), "--orders", str(orders),
                        "--set", "ruleset=2"], capsys)
    two = json.loads(out)
    assert code == 0 and two["ruleset"] == 2
    assert two["report"]["rejected"][0]["reason"] == "unknown pact 'P1'"
    saved = tmp_path / "turn1.json"
    saved.write_text(out)
    code, _, err = run(["adjudicate", str(scenario), "--orders", str(orders),
                        "--state", str(saved)], capsys)
    assert code != 0 and "was played under ruleset 2, and this game plays ruleset 1" in err
    code, _, err = run(["adjudicate", str(scenario), "--orders", str(orders),
                        "--set", "ruleset=3"], capsys)
    assert code != 0 and "Traceback" not in err
    assert "--set: unknown ruleset 3: this version plays ruleset 1 or 2" in err
