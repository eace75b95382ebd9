"""``casus export``: every event and the per-turn states as CSV or JSON; the JSON export
imports back into the same match (the same final state hash)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from game.cli.main import main
from game.debrief import load_record, rebuild
from game.debrief.export import COLUMNS, ExportError, STATE_COLUMNS, log_from_export
from game.match import Match
from debrief_scripted import scripted_match


@pytest.fixture(scope="module")
def match():
    return scripted_match()


@pytest.fixture()
def log_file(tmp_path, match):
    path = tmp_path / "match.json"
    path.write_text(json.dumps(match.log), encoding="utf-8")
    return path


def export(args: list[str]) -> None:
    assert main(["export", *args]) == 0


def read_csv(path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_json_export_then_import_rebuilds_the_same_final_state(tmp_path, log_file, match):
    out = tmp_path / "export.json"
    export([str(log_file), "--format", "json", "--out", str(out)])
    doc = json.loads(out.read_text(encoding="utf-8"))
    log = log_from_export(doc)
    again = Match.replay(log)
    assert again.state.hash() == match.state.hash() == doc["match"]["final_hash"]
    assert [s.hash() for s in again.states] == [s.hash() for s in match.states]
    assert again.reports == match.reports
    assert again.chat == match.chat
    # The export itself is a MATCH the other commands read.
    assert load_record(str(out)).final.hash() == match.state.hash()


def test_the_export_holds_every_log_event_and_every_report_event(tmp_path, log_file, match):
    out = tmp_path / "export.json"
    export([str(log_file), "--format", "json", "--out", str(out)])
    rows = json.loads(out.read_text(encoding="utf-8"))["events"]
    assert [r["seq"] for r in rows if r["source"] == "log"] == list(range(len(match.log)))
    report_rows = [r for r in rows if r["source"] == "report"]
    assert len(report_rows) == sum(len(r["events"]) for r in match.reports)
    assert set(rows[0]) == set(COLUMNS)
    capture = next(r for r in report_rows if r["kind"] == "captured")
    assert (capture["turn"], capture["phase"], capture["seat"], capture["role"]) == \
        (2, "adjudication", "RED", "adjudicator")
    assert capture["content"] == {"territory": "B", "power": "RED", "from": "BLU"}
    assert capture["text"] == "Redland captured B from Bluria."
    chat = next(r for r in rows if r["kind"] == "chat")
    assert (chat["turn"], chat["phase"], chat["seat"], chat["role"]) == \
        (1, "planning", "RED", "power")
    assert chat["time"] == "2023-11-14 22:13:30" and chat["elapsed"] == 10.0


def test_seat_tokens_and_passwords_never_leave(tmp_path, log_file, match):
    for fmt in ("json", "csv"):
        out = tmp_path / f"export.{fmt}"
        export([str(log_file), "--format", fmt, "--out", str(out)])
        text = out.read_text(encoding="utf-8")
        for event in match.log:
            for key in ("token", "umpire"):
                if event.get(key):
                    assert event[key] not in text


def test_csv_has_one_header_and_a_row_per_event(tmp_path, log_file, match):
    out = tmp_path / "events.csv"
    export([str(log_file), "--format", "csv", "--out", str(out)])
    rows = read_csv(out)
    assert list(rows[0]) == list(COLUMNS)
    assert len(rows) == len(match.log) + sum(len(r["events"]) for r in match.reports)
    declined = next(r for r in rows if r["kind"] == "declined")
    (second,) = [e["proposal"] for e in match.log if e["type"] == "declined"]
    assert (declined["turn"], declined["seat"], declined["text"]) == \
        ("1", "YEL", "Yellowvale declined the proposal “Non-aggression pact Redland–Yellowvale”.")
    assert json.loads(declined["content"]) == {"seat": "YEL", "proposal": second}
    states = read_csv(tmp_path / "events.states.csv")
    assert list(states[0]) == list(STATE_COLUMNS)
    # The start and the end of each of the three turns, for four powers.
    assert len(states) == 4 * 4
    final = match.state.to_json()["powers"]
    last_grn = next(r for r in states if r["turn"] == "3" and r["power"] == "GRN")
    assert (int(last_grn["owed"]), int(last_grn["kept"]), int(last_grn["credibility"])) == \
        (final["GRN"]["owed"], final["GRN"]["kept"], final["GRN"]["credibility"])


def test_csv_loads_straight_into_pandas(tmp_path, log_file, match):
    pandas = pytest.importorskip("pandas")
    out = tmp_path / "events.csv"
    export([str(log_file), "--format", "csv", "--out", str(out)])
    events = pandas.read_csv(out)
    assert list(events.columns) == list(COLUMNS)
    assert events.groupby("kind").size()["chat"] == 5
    assert events["turn"].dtype.kind == "i"
    states = pandas.read_csv(tmp_path / "events.states.csv")
    pivot = states.pivot(index="turn", columns="power", values="value")
    assert pivot["RED"].tolist() == [4, 4, 7, 7]


def test_filters_by_turn_power_and_channel(tmp_path, log_file):
    out = tmp_path / "f.csv"
    export([str(log_file), "--format", "csv", "--turn", "2", "--out", str(out)])
    rows = read_csv(out)
    assert rows and {r["turn"] for r in rows} == {"2"}
    assert {r["turn"] for r in read_csv(tmp_path / "f.states.csv")} == {"2"}

    export([str(log_file), "--format", "csv", "--power", "YEL", "--out", str(out)])
    rows = read_csv(out)
    assert {r["kind"] for r in rows if r["source"] == "log"} == {
        "joined", "chat", "proposed", "accepted", "declined", "ready"}
    assert all("YEL" in r["seat"] + r["content"] for r in rows)
    assert {r["power"] for r in read_csv(tmp_path / "f.states.csv")} == {"YEL"}

    export([str(log_file), "--format", "csv", "--channel", "GRN+BLU", "--out", str(out)])
    rows = read_csv(out)
    assert [json.loads(r["content"])["text"] for r in rows] == [
        "Shall we stand together?", "Yes.", "Good."]


def test_a_filtered_export_is_not_taken_for_the_whole_match(tmp_path, log_file, capsys):
    out = tmp_path / "part.json"
    export([str(log_file), "--format", "json", "--turn", "2", "--out", str(out)])
    with pytest.raises(ExportError, match="filtered"):
        log_from_export(json.loads(out.read_text(encoding="utf-8")))
    assert main(["report", str(out), "--out", str(tmp_path / "r")]) == 2
    err = capsys.readouterr().err
    assert "was filtered (turn 2)" in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("args, message", [
    (["--turn", "9"], "--turn must be from 1 to 4 in this match, not 9"),
    (["--power", "PUR"], "--power must be one of RED, BLU, GRN, YEL, not 'PUR'"),
    (["--channel", "RED"], "--channel is 'public' or two or more different powers"),
    (["--channel", "RED+XYZ"], "--channel is 'public' or two or more different powers"),
])
def test_bad_filters_are_one_sentence(tmp_path, log_file, capsys, args, message):
    code = main(["export", str(log_file), "--format", "csv", "--out",
                 str(tmp_path / "x.csv"), *args])
    err = capsys.readouterr().err
    assert code == 2
    assert message in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "x.csv").exists()


def test_import_refuses_what_is_not_an_export():
    with pytest.raises(ExportError, match="not a casus export"):
        log_from_export({"events": []})
    with pytest.raises(ExportError, match="version 99"):
        log_from_export({"format": "casus-export", "version": 99})
    doc = {"format": "casus-export", "version": 1, "filters": {}, "events": [
        {"source": "log", "seq": 1, "at": 0.0, "kind": "chat", "content": {}}]}
    with pytest.raises(ExportError, match="out of order"):
        log_from_export(doc)


def test_a_spreadsheet_formula_in_a_name_stays_text(match):
    from game.debrief.export import write_csv

    text = write_csv([{"seq": 1, "text": "=HYPERLINK(\"x\")"}], ("seq", "text"))
    assert next(csv.DictReader(io.StringIO(text)))["text"] == "'=HYPERLINK(\"x\")"


def test_export_of_the_match_at_a_data_folder(tmp_path, match):
    from server.storage import SQLiteStorage

    storage = SQLiteStorage(tmp_path / "data")
    for event in match.log:
        storage.append("script", event)
    storage.close()
    out = tmp_path / "e.json"
    export(["script", "--data", str(tmp_path / "data"), "--format", "json", "--out", str(out)])
    record = rebuild(log_from_export(json.loads(out.read_text(encoding="utf-8"))))
    assert record.final.hash() == match.state.hash()


def test_export_while_the_host_is_writing_the_same_database(tmp_path, match):
    """The host keeps its database open (WAL) and goes on appending; a debrief reads the
    events committed so far and neither blocks nor disturbs it."""
    from server.storage import SQLiteStorage

    storage = SQLiteStorage(tmp_path / "data")     # the running host's connection
    cut = 20
    for event in match.log[:cut]:
        storage.append("script", event)
    storage.commit()                               # the host's group commit
    for event in match.log[cut:cut + 5]:           # staged in its open transaction
        storage.append("script", event)
    out = tmp_path / "now.json"
    export(["script", "--data", str(tmp_path / "data"), "--format", "json", "--out", str(out)])
    rows = json.loads(out.read_text(encoding="utf-8"))["events"]
    assert [r["seq"] for r in rows if r["source"] == "log"] == list(range(cut))
    for event in match.log[cut + 5:]:              # the host carries on
        storage.append("script", event)
    storage.commit()
    assert storage.logs()["script"] == json.loads(json.dumps(match.log))
    storage.close()


def test_a_hot_seat_save_is_a_match_too(tmp_path, match):
    # The client's save format (game/client/connection.py): the log under "events".
    save = tmp_path / "game.json"
    save.write_text(json.dumps({"format": "casus-foederis/match-log", "version": 1,
                                "events": match.log}), encoding="utf-8")
    assert load_record(str(save)).final.hash() == match.state.hash()
