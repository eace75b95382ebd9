"""Storage of event logs (SQLite and PostgreSQL) and the scenario shelf of a host."""

from __future__ import annotations

import sqlite3

import pytest

from game.match import Match
from match_helpers import triangle
from server.scenarios import ScenarioShelf
from server.storage import MemoryStorage, open_store


def test_logs_survive_closing_and_reopening_the_database(store_at):
    storage = open_store(store_at)
    match, _ = Match.create(triangle(), match_id="m1", now=0.0,
                            journal=lambda e: storage.append("m1", e))
    match.join("RED", 1.0)
    match.send_chat("RED", "public", "héllo", 2.0)
    storage.close()
    again = open_store(store_at)
    (log,) = again.logs().values()
    assert log == match.log
    assert Match.replay(log).chat == match.chat
    again.close()


@pytest.mark.parametrize("kind", ["store", "memory"])
def test_an_event_out_of_turn_is_refused_so_a_log_cannot_fork(store_at, kind):
    storage = open_store(store_at) if kind == "store" else MemoryStorage()
    storage.append("m1", {"seq": 0, "type": "created"})
    storage.commit()
    # SQLite refuses at once; PostgreSQL sends staged events at the commit, which fails
    # whole: either way the duplicate is never stored.
    with pytest.raises(Exception) as refused:
        storage.append("m1", {"seq": 0, "type": "chat"})
        storage.commit()
    assert isinstance(refused.value, (sqlite3.IntegrityError, ValueError)) or \
        type(refused.value).__name__ == "UniqueViolation"
    storage.rollback()
    assert storage.logs() == {"m1": [{"seq": 0, "type": "created"}]}
    storage.close()


def test_nothing_staged_is_stored_before_the_commit(store_at):
    storage, reader = open_store(store_at), open_store(store_at)
    storage.append("m1", {"seq": 0, "type": "created"})
    storage.set_unloaded("m1", {"title": "x"})
    assert reader.logs() == {} and reader.unloaded() == {}
    storage.commit()
    assert reader.logs() == {"m1": [{"seq": 0, "type": "created"}]}
    assert reader.unloaded() == {"m1": {"title": "x"}}
    assert reader.logs(unloaded=False) == {}
    storage.set_unloaded("m1", None)
    storage.commit()
    assert reader.unloaded() == {} and list(reader.logs(unloaded=False)) == ["m1"]
    storage.close()
    reader.close()


def test_a_read_after_the_database_connection_broke_opens_it_again(pg_url):
    """A host's lobby and joins read between commits; a connection lost since the last
    commit (a database restarted) must not leave them failing until the next one."""
    storage = open_store(pg_url)
    storage.append("m1", {"seq": 0, "type": "created"})
    storage.commit()
    storage.db.close()
    assert storage.log("m1") == [{"seq": 0, "type": "created"}]
    storage.db.close()
    assert storage.unloaded() == {} and list(storage.logs()) == ["m1"]
    storage.close()


def test_the_shelf_never_turns_a_name_into_a_path(tmp_path):
    (tmp_path / "evil.scenario.toml").write_text("not toml at all [[[")
    shelf = ScenarioShelf({"triangle": triangle()}, folder=tmp_path)
    assert shelf.names() == ["evil", "triangle"]
    assert shelf.get("triangle") is not None
    assert shelf.get("../evil") is None
    assert shelf.get("/etc/passwd") is None
    assert shelf.get("evil") is None          # a broken file does not take the host down


@pytest.mark.parametrize("name", ScenarioShelf().names())
def test_every_shipped_scenario_hosts_a_match_whose_log_round_trips(name):
    import json

    from game.match import MatchSettings

    scenario = ScenarioShelf().get(name)
    assert scenario is not None
    match, _ = Match.create(scenario, match_id="m", now=0.0, settings=MatchSettings(fog=True))
    match.force_adjudicate("umpire", 1.0)
    stored = json.loads(json.dumps(match.log))
    assert Match.replay(stored).state.hash() == match.state.hash()
