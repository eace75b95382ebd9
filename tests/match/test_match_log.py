"""A match is its event log: replaying the log rebuilds the match exactly."""

from __future__ import annotations

import json

import pytest

from game.match import Match, MatchError, MatchSettings
from match_helpers import DEFENSIVE_BLU_GRN, triangle


def played_match() -> tuple[Match, dict[str, str]]:
    match, _ = Match.create(triangle(), match_id="m1", now=0.0,
                            settings=MatchSettings(seed=7, deadline=60))
    tokens = {p: match.join(p, 1.0, name=p.lower()).reply["token"] for p in match.powers}
    match.send_chat("RED", "public", "hello", 2.0)
    match.send_chat("BLU", ["GRN", "BLU"], "a word in private", 2.5)
    proposal = match.propose("BLU", DEFENSIVE_BLU_GRN, 3.0).reply["proposal"]
    match.accept("GRN", proposal, 4.0)
    match.submit_orders("RED", [{"op": "build", "territory": "R", "n": 1}], 5.0)
    for p in match.powers:
        match.set_ready(p, True, 6.0)
    match.submit_orders("RED", [{"op": "declare_war", "target": "BLU"},
                                {"op": "move", "from": "R", "to": "B", "n": 10}], 7.0)
    match.tick(200.0)   # the deadline of turn 2 (6 + 60) has passed
    return match, tokens


def test_replay_rebuilds_the_same_state_and_planning():
    match, tokens = played_match()
    again = Match.replay(match.log)
    assert match.turn == 3
    assert again.state.hash() == match.state.hash()
    assert [s.hash() for s in again.states] == [s.hash() for s in match.states]
    assert again.reports == match.reports
    assert again.chat == match.chat
    assert again.deadline_at == match.deadline_at == 260.0
    assert all(again.seat_for_token(t) == p for p, t in tokens.items())


def test_replay_of_a_prefix_is_the_match_at_that_moment():
    match, _ = played_match()
    cut = next(i for i, e in enumerate(match.log) if e["type"] == "adjudicated") + 1
    at_turn_two = Match.replay(match.log[:cut])
    assert at_turn_two.turn == 2
    assert at_turn_two.state.hash() == match.states[1].hash()


def test_the_log_is_json_and_holds_no_token():
    match, tokens = played_match()
    text = json.dumps(match.log)
    assert json.loads(text) == match.log
    assert not any(t in text for t in tokens.values())


def test_every_event_is_journalled_before_it_takes_effect():
    seen: list[tuple[int, int]] = []
    match: Match | None = None

    def journal(event):
        # At journalling time the event is not yet in the log.
        seen.append((event["seq"], len(match.log) if match else 0))

    match, _ = Match.create(triangle(), match_id="m1", now=0.0, journal=journal)
    match.join("RED", 1.0)
    match.send_chat("RED", "public", "hi", 2.0)
    assert seen == [(0, 0), (1, 1), (2, 2)]


def test_a_refused_command_records_nothing():
    journalled: list[dict] = []
    match, _ = Match.create(triangle(), match_id="m1", now=0.0, journal=journalled.append)
    with pytest.raises(MatchError) as err:
        match.send_chat("RED", ["BLU", "GRN"], "eavesdrop", 1.0)
    assert err.value.code == "bad_channel"
    assert len(match.log) == len(journalled) == 1


def test_a_failing_journal_leaves_the_match_unchanged():
    def journal(event):
        if event["type"] == "chat":
            raise OSError("disk full")

    match, _ = Match.create(triangle(), match_id="m1", now=0.0, journal=journal)
    with pytest.raises(OSError):
        match.send_chat("RED", "public", "hi", 1.0)
    assert match.chat == [] and len(match.log) == 1


def test_replay_refuses_a_log_with_a_gap():
    match, _ = played_match()
    with pytest.raises(ValueError, match="out of order"):
        Match.replay(match.log[:2] + match.log[3:])


def test_replay_keeps_journalling_later_events():
    match, _ = played_match()
    journalled: list[dict] = []
    again = Match.replay(match.log, journal=journalled.append)
    again.send_chat("GRN", "public", "still here", 300.0)
    assert [e["seq"] for e in journalled] == [len(match.log)]


def test_replay_makes_no_turn_results(monkeypatch):
    """Per-seat turn results are made only when someone reads them, so a restart that
    replays a long log does not compute every seat's view of every turn."""
    import game.match.visibility as match_module

    match, _ = played_match()
    made: list[str] = []
    real_view = match_module.view
    monkeypatch.setattr(match_module, "view", lambda state, seat: made.append(seat) or
                        real_view(state, seat))
    again = Match.replay(match.log)
    assert made == []
    outcome = again.force_adjudicate("umpire", 300.0)
    (red,) = [p for p in outcome.pushes if p.seats == {"RED"}]
    assert made == []
    assert red.message["type"] == "turn_result" and made == ["RED"]


def test_an_engine_failure_records_nothing(monkeypatch):
    import game.match.match as match_module

    journalled: list[dict] = []
    match, _ = Match.create(triangle(), match_id="m1", now=0.0, journal=journalled.append)

    def broken(*args):
        raise RuntimeError("engine bug")

    monkeypatch.setattr(match_module, "adjudicate", broken)
    with pytest.raises(RuntimeError):
        match.force_adjudicate("umpire", 1.0)
    assert [e["type"] for e in journalled] == ["created"] and match.turn == 1
    monkeypatch.undo()
    match.force_adjudicate("umpire", 2.0)
    assert match.turn == 2 and Match.replay(journalled).state.hash() == match.state.hash()
