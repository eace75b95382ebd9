"""Bad input to the debrief commands (a missing match, a corrupt log) gets one sentence
naming what is wrong and where, and exit code 2: never a traceback."""

from __future__ import annotations

import json
import sqlite3

import pytest

from game.cli.main import main
from debrief_scripted import scripted_match

COMMANDS = [
    ["report", "--out", "{tmp}/out"],
    ["export", "--format", "json", "--out", "{tmp}/out.json"],
    ["replay", "--frames", "1"],
]


@pytest.fixture(scope="module")
def log():
    return scripted_match().log


def run(capsys, tmp_path, command: list[str], match: str, *extra: str) -> str:
    args = [a.replace("{tmp}", str(tmp_path)) for a in command]
    code = main([args[0], match, *args[1:], *extra])
    captured = capsys.readouterr()
    assert code == 2, captured
    err = captured.err.strip()
    assert len(err.splitlines()) == 1, err
    assert "Traceback" not in err
    assert err.startswith(f"casus {args[0]}: ")
    return err


def write(tmp_path, doc, name="log.json") -> str:
    path = tmp_path / name
    path.write_text(doc if isinstance(doc, str) else json.dumps(doc), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_a_missing_match_id_without_a_database(tmp_path, capsys, command):
    err = run(capsys, tmp_path, command, "m42", "--data", str(tmp_path / "nowhere"))
    assert "there is no file m42 and no match database in" in err


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_a_missing_match_id_in_a_database(tmp_path, capsys, command, log):
    from server.storage import SQLiteStorage

    storage = SQLiteStorage(tmp_path / "data")
    for event in log:
        storage.append("script", event)
    storage.close()
    err = run(capsys, tmp_path, command, "m42", "--data", str(tmp_path / "data"))
    assert "there is no match 'm42' in" in err and "(it holds script)" in err


def test_a_missing_log_file(tmp_path, capsys):
    err = run(capsys, tmp_path, COMMANDS[0], str(tmp_path / "gone.json"))
    assert err.endswith(f"there is no file {tmp_path / 'gone.json'}")


@pytest.mark.parametrize("doc, message", [
    ('[{"seq": 0,', "is not valid JSON (line 1, column 12"),
    ({"turns": []}, "holds neither a list of events nor an object with an \"events\" list"),
    ([], "is empty"),
    (["hello"], "event 0 of"),
    ([{"seq": 0, "at": 0.0}], "has no type"),
    ([{"seq": 0, "at": 0.0, "type": "chat"}], "does not begin with the match's creation"),
    ([{"seq": 3, "at": 0.0, "type": "created"}], "is out of order (its seq is 3)"),
    ([{"seq": 0, "type": "created"}], "has no time"),
])
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_a_corrupt_log_file(tmp_path, capsys, command, doc, message):
    path = write(tmp_path, doc)
    err = run(capsys, tmp_path, command, path)
    assert message in err and path in err


def test_a_log_whose_events_cannot_be_replayed(tmp_path, capsys, log):
    broken = [dict(e) for e in log]
    del broken[5]["seat"]                 # a chat message with no sender
    err = run(capsys, tmp_path, COMMANDS[0], write(tmp_path, broken))
    assert "cannot be replayed: event 5 (chat) is not valid (KeyError: 'seat')" in err


def test_a_log_whose_scenario_is_broken(tmp_path, capsys, log):
    broken = [dict(e) for e in log]
    broken[0] = {**broken[0], "scenario": {"map": {}, "scenario": {}}}
    err = run(capsys, tmp_path, COMMANDS[0], write(tmp_path, broken))
    assert "cannot be replayed: event 0 (created) is not valid" in err


def test_a_database_that_is_not_one(tmp_path, capsys):
    data = tmp_path / "data"
    data.mkdir()
    (data / "matches.sqlite3").write_bytes(b"this is not a database" * 100)
    err = run(capsys, tmp_path, COMMANDS[0], "m1", "--data", str(data))
    assert "cannot read the match database" in err


def test_a_stored_event_that_is_not_json(tmp_path, capsys, log):
    from server.storage import SQLiteStorage

    storage = SQLiteStorage(tmp_path / "data")
    storage.append("m1", log[0])
    storage.close()
    db = sqlite3.connect(tmp_path / "data" / "matches.sqlite3")
    db.execute("INSERT INTO events VALUES ('m1', 1, '{oops')")
    db.commit()
    db.close()
    err = run(capsys, tmp_path, COMMANDS[0], "m1", "--data", str(tmp_path / "data"))
    assert "event 1 of match 'm1'" in err and "is not valid JSON" in err


def test_the_debrief_never_changes_the_database(tmp_path, capsys, log):
    from server.storage import SQLiteStorage

    storage = SQLiteStorage(tmp_path / "data")
    for event in log:
        storage.append("script", event)
    storage.close()
    db_file = tmp_path / "data" / "matches.sqlite3"
    before = db_file.read_bytes()
    assert main(["export", "script", "--data", str(tmp_path / "data"), "--format", "csv",
                 "--out", str(tmp_path / "e.csv")]) == 0
    assert db_file.read_bytes() == before


def test_an_out_folder_that_is_a_file(tmp_path, capsys, log):
    (tmp_path / "out").write_text("x")
    err = run(capsys, tmp_path, ["report", "--out", "{tmp}/out"], write(tmp_path, log))
    assert "--out must be a folder" in err
