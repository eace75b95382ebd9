"""The in-process transport (hot-seat) and the seat's model of its match."""

from __future__ import annotations

import json

import pytest

from builders import board
from game.client.connection import LocalHost, SaveError, read_save, write_save
from game.client.model import CHAT, ORDERS, PROPOSALS, READY, REPORT, VIEW, MatchModel
from game.match import MatchSettings

# Two powers with a neutral between them; sigma = 0, so the battle is exact.
SCENARIO = board("R N B", ["R-N", "N-B"],
                 {"RED": {"territories": "R", "forces": {"R": 4}},
                  "BLU": {"territories": "B", "forces": {"B": 2}}},
                 neutral={"N": 1})


def table(tmp_path=None) -> tuple[LocalHost, dict]:
    clock = iter(range(1, 10_000))
    host = LocalHost.new(SCENARIO, MatchSettings(seed=3, fog=False),
                         save_path=tmp_path / "game.json" if tmp_path else None,
                         clock=lambda: float(next(clock)), match_id="hot")
    conns = {"RED": host.join("RED", "Ada"), "BLU": host.join("BLU", "Ben")}
    return host, conns


def models(conns) -> dict[str, MatchModel]:
    out = {}
    for power, conn in conns.items():
        (joined, *rest) = [m for m in conn.poll() if m["type"] != "seat" or "snapshot" in m]
        assert joined["type"] == "joined"
        out[power] = MatchModel.from_snapshot(joined["snapshot"])
    return out


def pump(conn, model) -> list[dict]:
    messages = conn.poll()
    for message in messages:
        model.apply(message)
    return messages


def test_a_reply_carries_the_rid_and_the_accepted_orders_reach_the_model():
    host, conns = table()
    m = models(conns)
    rid = conns["RED"].send({"type": "orders", "orders": [
        {"op": "move", "from": "R", "to": "N", "n": 3},
        {"op": "move", "from": "R", "to": "B", "n": 1}]})
    (reply,) = [x for x in pump(conns["RED"], m["RED"]) if x.get("rid") == rid]
    assert reply["type"] == "ok" and reply["of"] == "orders"
    assert reply["accepted"] == [{"op": "move", "from": "R", "to": "N", "n": 3}]
    assert [r["order"]["to"] for r in reply["rejected"]] == ["B"]
    assert m["RED"].my_orders() == [{"op": "move", "from": "R", "to": "N", "n": 3}]


def test_a_refused_command_comes_back_as_an_error_with_its_code():
    host, conns = table()
    rid = conns["BLU"].send({"type": "accept", "proposal": "X9"})
    (reply,) = [x for x in conns["BLU"].poll() if x.get("rid") == rid]
    assert reply["type"] == "error" and reply["code"] == "no_proposal"
    rid = conns["BLU"].send({"type": "orders", "orders": [], "extra": 1})
    (reply,) = [x for x in conns["BLU"].poll() if x.get("rid") == rid]
    assert reply["code"] == "bad_message"


def test_private_things_reach_only_their_seats():
    host, conns = table()
    spectator = host.connect("spectator")
    spectator.poll()
    m = models(conns)
    conns["RED"].send({"type": "orders", "orders": [{"op": "move", "from": "R", "to": "N",
                                                     "n": 3}]})
    conns["RED"].send({"type": "propose", "terms": {"kind": "non_aggression",
                                                    "members": ["RED", "BLU"]}})
    blue = pump(conns["BLU"], m["BLU"])
    assert not [x for x in blue if x["type"] == "orders"]
    assert [x["type"] for x in blue] == ["proposal"]
    assert [x["type"] for x in spectator.poll()] == []
    assert m["BLU"].awaiting_me()[0]["proposer"] == "RED"


def test_a_turn_fans_out_each_seats_result_and_the_model_keeps_the_replay_record():
    host, conns = table()
    m = models(conns)
    conns["RED"].send({"type": "orders", "orders": [{"op": "move", "from": "R", "to": "N",
                                                     "n": 3}]})
    conns["RED"].send({"type": "ready", "ready": True})
    conns["BLU"].send({"type": "ready", "ready": True})
    changed = set()
    for message in conns["RED"].poll():
        changed |= m["RED"].apply(message)
    assert {VIEW, REPORT, ORDERS, READY} <= changed
    assert m["RED"].turn == 2 and m["RED"].orders == {}
    assert m["RED"].view["territories"]["N"]["owner"] == "RED"
    (record,) = m["RED"].history
    assert record.turn == 1
    assert record.before["territories"]["N"]["owner"] is None
    assert record.after["territories"]["N"]["owner"] == "RED"


def test_chat_on_a_private_channel_is_heard_by_its_members_only():
    host, conns = table()
    m = models(conns)
    spectator = host.connect("spectator")
    spectator.poll()
    conns["BLU"].send({"type": "chat", "channel": ["RED", "BLU"], "text": "truce?"})
    assert CHAT in m["RED"].apply(conns["RED"].poll()[0])
    assert m["RED"].chat[-1]["text"] == "truce?"
    assert m["RED"].channels() == ["public", ["RED", "BLU"]]
    assert spectator.poll() == []


def test_every_command_is_saved_and_a_saved_game_resumes_where_it_stopped(tmp_path):
    host, conns = table(tmp_path)
    conns["RED"].send({"type": "propose", "terms": {"kind": "non_aggression",
                                                    "members": ["RED", "BLU"]}})
    conns["RED"].send({"type": "ready", "ready": True})
    saved = read_save(tmp_path / "game.json")
    assert saved == host.match.log
    again = LocalHost.load(tmp_path / "game.json")
    assert again.match.state.hash() == host.match.state.hash()
    assert again.match.ready == {"RED": True, "BLU": False}
    assert list(again.match.proposals) == list(host.match.proposals)
    assert len(again.match.proposals) == 1


def test_a_damaged_save_is_refused_with_the_file_named(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(SaveError, match="bad.json is not a saved game"):
        LocalHost.load(bad)
    bad.write_text(json.dumps({"events": [{"seq": 5, "type": "created"}]}))
    with pytest.raises(SaveError, match="cannot be replayed"):
        LocalHost.load(bad)


def test_the_model_answers_proposal_changes_in_place():
    host, conns = table()
    m = models(conns)
    conns["RED"].send({"type": "propose", "terms": {"kind": "defensive",
                                                    "members": ["RED", "BLU"]}})
    pump(conns["BLU"], m["BLU"])
    (pid,) = m["BLU"].proposals
    conns["BLU"].send({"type": "accept", "proposal": pid})
    changed = set()
    for message in conns["BLU"].poll():
        changed |= m["BLU"].apply(message)
    assert PROPOSALS in changed
    assert m["BLU"].proposals[pid]["status"] == "signed"
    assert m["BLU"].awaiting_me() == []


def test_the_tables_notes_are_kept_beside_the_log_and_come_back_on_load(tmp_path):
    from game.client.connection import read_save_meta, write_save

    host, conns = table(tmp_path)
    assert read_save_meta(tmp_path / "game.json") == {}
    host.save_meta(queue=["BLU"], round=2)
    conns["RED"].send({"type": "orders", "orders": []})   # the journal keeps the notes too
    again = LocalHost.load(tmp_path / "game.json")
    assert again.meta == {"queue": ["BLU"], "round": 2}
    assert len(read_save(tmp_path / "game.json")) == len(host.match.log)
    write_save(tmp_path / "plain.json", host.match.log)
    assert read_save_meta(tmp_path / "plain.json") == {}


def test_a_save_whose_event_does_not_apply_names_the_event_and_what_failed(tmp_path):
    host, conns = table(tmp_path)
    conns["RED"].send({"type": "chat", "channel": "public", "text": "hello"})
    events = read_save(tmp_path / "game.json")
    n = next(i for i, e in enumerate(events) if e["type"] == "chat")
    del events[n]["seat"]          # a hand-edited save: the message names no seat
    write_save(tmp_path / "game.json", events[:n + 1])
    with pytest.raises(SaveError) as caught:
        LocalHost.load(tmp_path / "game.json")
    assert str(caught.value) == (f"{tmp_path / 'game.json'} cannot be replayed: event {n} "
                                 f"(chat) is not valid (KeyError: 'seat')")
