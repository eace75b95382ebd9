"""MatchModel keeps up with every push a seat gets online: the umpire's edits, injects and
rollbacks (a full ``view``), the clock and its warning, the stage, ready flags of all seats
and chat on channels. The pushes are real ones, made by a match in this process."""

from __future__ import annotations

from game.client.connection import LocalHost
from game.client.model import (CHAT, CLOCK, DEADLINE, NEWS, ORDERS, OVER, PROPOSALS, READY,
                               REPORT, VIEW, MatchModel)
from game.match import MatchSettings
from match_helpers import triangle

NOW = 1_700_000_000.0


def table(**settings):
    clock = [NOW]
    host = LocalHost.new(triangle(), MatchSettings(seed=3, **settings), clock=lambda: clock[0],
                         match_id="m1")
    red, blu = host.join("RED", "Ada"), host.join("BLU", "Bo")
    umpire = host.connect("umpire")
    model = MatchModel.from_snapshot(red.poll()[0]["snapshot"])
    return host, clock, model, red, blu, umpire


def feed(model: MatchModel, conn) -> tuple[frozenset[str], list[dict]]:
    changed: set[str] = set()
    messages = conn.poll()
    for message in messages:
        changed |= model.apply(message)
    return frozenset(changed), messages


def ok(conn, message):
    rid = conn.send(message)
    # A look, not a poll: the reply and the pushes stay for ``feed``.
    reply = next(m for m in conn._inbox if m.get("rid") == rid)
    assert reply["type"] != "error", reply
    return reply


def test_an_edit_of_the_world_replaces_the_view():
    _, _, model, red, _, umpire = table(fog=False)
    ok(umpire, {"type": "edit_world", "rationale": "reinforcements",
                "edit": {"kind": "add_units", "power": "RED", "territory": "R", "n": 5}})
    changed, messages = feed(model, red)
    assert [m["type"] for m in messages] == ["view"]
    assert changed == {VIEW}
    assert model.view["territories"]["R"]["forces"] == {"RED": 15}
    assert model.turn == 1


def test_an_inject_is_news_for_its_targets_only():
    _, _, model, red, blu, umpire = table()
    ok(umpire, {"type": "inject", "inject": {"kind": "announcement", "targets": ["RED"],
                                             "title": "Bank holiday", "text": "Markets shut."}})
    changed, messages = feed(model, red)
    assert NEWS in changed
    (news,) = model.news()
    assert (news["title"], news["text"], news["source"], news["turn"]) == (
        "Bank holiday", "Markets shut.", "umpire", 1)
    assert model.injects == [news]
    assert [m for m in blu.poll() if m["type"] == "inject"] == []


def test_an_economic_crisis_changes_the_view_and_is_news():
    _, _, model, red, _, umpire = table(fog=False)
    ok(umpire, {"type": "inject", "inject": {"kind": "economic_crisis", "targets": ["RED"],
                                             "amount": 3, "title": "Bank run"}})
    changed, _ = feed(model, red)
    assert {VIEW, NEWS} <= changed
    assert model.view["powers"]["RED"]["treasury"] == 2
    assert [n["title"] for n in model.news()] == ["Bank run"]


def test_the_clock_pause_warning_and_stage():
    _, clock, model, red, _, umpire = table(deadline=600)
    assert model.deadline_at == NOW + 600 and not model.paused and model.stage == "orders"
    clock[0] = NOW + 100
    ok(umpire, {"type": "pause"})
    changed, _ = feed(model, red)
    assert {CLOCK, DEADLINE} <= changed
    assert model.paused and model.deadline_at is None and model.remaining == 500
    ok(umpire, {"type": "resume"})
    feed(model, red)
    assert not model.paused and model.deadline_at == NOW + 600
    ok(umpire, {"type": "set_stage", "stage": "negotiation"})
    feed(model, red)
    assert model.stage == "negotiation"
    ok(umpire, {"type": "adjust_deadline", "seconds": 60})
    feed(model, red)
    assert model.deadline_at == NOW + 660


def test_a_deadline_warning_reaches_the_seat():
    host, clock, model, red, _, umpire = table(deadline=600)
    ok(umpire, {"type": "set_warning", "seconds": 60})
    feed(model, red)
    clock[0] = NOW + 541
    host.tick()
    changed, messages = feed(model, red)
    warning = next(m for m in messages if m["type"] == "deadline_warning")
    assert warning["seconds_left"] == 59 and CLOCK in changed
    assert model.extra["warned"] == 59


def test_a_rollback_restarts_the_turn_everywhere():
    _, _, model, red, blu, umpire = table(fog=False, seats={"GRN": "empty"})
    ok(red, {"type": "orders", "orders": [{"op": "build", "territory": "R", "n": 1}]})
    ok(red, {"type": "ready", "ready": True})
    ok(blu, {"type": "ready", "ready": True})
    changed, _ = feed(model, red)
    assert model.turn == 2 and model.report is not None and len(model.history) == 1
    ok(red, {"type": "ready", "ready": True})
    ok(red, {"type": "chat", "channel": ["RED", "BLU"], "text": "Shall we talk?"})
    feed(model, red)
    assert model.ready["RED"] is True
    ok(umpire, {"type": "rollback", "turn": 1})
    changed, messages = feed(model, red)
    assert "view" in [m["type"] for m in messages]
    assert {VIEW, ORDERS, READY, PROPOSALS, REPORT, OVER} <= changed
    assert (model.turn, model.history, model.report, model.orders) == (1, [], None, {})
    assert model.ready == {"RED": False, "BLU": False, "GRN": False}
    assert model.view["territories"]["R"]["forces"] == {"RED": 10}
    # Chat stays, as the protocol says.
    assert [m["text"] for m in model.chat] == ["Shall we talk?"]


def test_ready_flags_of_every_seat_and_chat_on_channels():
    _, _, model, red, blu, _ = table()
    ok(blu, {"type": "ready", "ready": True})
    ok(blu, {"type": "chat", "channel": ["BLU", "RED"], "text": "A pact?"})
    ok(blu, {"type": "chat", "channel": "public", "text": "Hello all"})
    changed, _ = feed(model, red)
    assert {READY, CHAT} <= changed
    assert model.ready == {"RED": False, "BLU": True, "GRN": False}
    assert [(m["channel"], m["text"]) for m in model.chat] == [
        (["RED", "BLU"], "A pact?"), ("public", "Hello all")]
    assert model.channels() == ["public", ["RED", "BLU"]]


def test_a_configured_channel_is_kept_for_the_chat():
    _, _, model, red, _, umpire = table()
    ok(umpire, {"type": "set_channel", "channel": {"id": "herald", "kind": "press",
                                                   "name": "The Herald"}})
    changed, _ = feed(model, red)
    assert CHAT in changed
    assert [(c["id"], c["kind"]) for c in model.extra["channels"]] == [("herald", "press")]


def test_an_observer_snapshot_replaces_the_model():
    host, _, model, red, _, _ = table()
    snap = host.match.snapshot("RED")
    snap["turn"], snap["label"] = 1, "Replaced"
    changed = model.apply({"type": "snapshot", "snapshot": snap})
    assert VIEW in changed and model.label == "Replaced" and model.seat == "RED"
