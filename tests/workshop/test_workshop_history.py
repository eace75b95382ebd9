"""Rollback to the start of an earlier turn and fork a new match from any turn: both are
events, and the log replays to the same state hashes."""

from __future__ import annotations

import json

from game.match import UMPIRE, Match
from workshop_support import refused, workshop

WAR = {"op": "declare_war", "target": "BLU"}
ATTACK = {"op": "move", "from": "R", "to": "B", "n": 10}
BUILD = {"op": "build", "territory": "R", "n": 1}


def three_turns() -> Match:
    """Turn 1: RED builds; turn 2: RED attacks BLU; turn 3 under way."""
    match = workshop(deadline=100, injects=[{"turn": 2, "text": "Turn two begins."}])
    match.submit_orders("RED", [BUILD], 1.0)
    match.force_adjudicate(UMPIRE, 2.0)
    match.submit_orders("RED", [WAR, ATTACK], 3.0)
    match.send_chat("BLU", "public", "help!", 3.5)
    match.force_adjudicate(UMPIRE, 4.0)
    return match


def test_rollback_returns_to_the_start_of_the_turn_and_keeps_people_and_words():
    match = three_turns()
    hashes = [s.hash() for s in match.states]
    outcome = match.rollback(UMPIRE, 2, 10.0)
    assert outcome.reply == {"turn": 2, "hash": hashes[1]}
    assert match.turn == 2 and match.state.hash() == hashes[1]
    assert [s.hash() for s in match.states] == hashes[:2]
    assert len(match.reports) == 1
    assert match.orders == {} and match.proposals == {} and match.pending is None
    assert match.deadline_at == 110.0
    assert [m.text for m in match.chat] == ["help!"]      # what was said stays said
    assert all(s.occupied for s in match.seats.values())
    # The turn's scripted injects fire again, as when the turn first began.
    assert [e["type"] for e in match.log[-2:]] == ["rolled_back", "inject"]


def test_replaying_the_turn_after_a_rollback_reproduces_the_same_states():
    match = three_turns()
    original = [s.hash() for s in match.states]
    match.rollback(UMPIRE, 2, 10.0)
    match.submit_orders("RED", [WAR, ATTACK], 11.0)
    match.force_adjudicate(UMPIRE, 12.0)
    assert [s.hash() for s in match.states] == original
    again = Match.replay(json.loads(json.dumps(match.log)))
    assert [s.hash() for s in again.states] == original
    assert again.state.hash() == match.state.hash()


def test_a_different_choice_after_a_rollback_gives_a_different_history():
    match = three_turns()
    original = match.state.hash()
    match.rollback(UMPIRE, 2, 10.0)
    match.force_adjudicate(UMPIRE, 11.0)                 # this time RED holds
    assert match.state.hash() != original
    assert match.state.to_json()["territories"]["B"]["owner"] == "BLU"


def test_rollback_undoes_edits_made_during_the_turn_and_reopens_a_finished_review():
    match = workshop(review=True)
    match.edit_world(UMPIRE, {"kind": "set_treasury", "power": "RED", "value": 0}, "x", 1.0)
    match.force_adjudicate(UMPIRE, 2.0)
    assert match.phase == "review"
    match.rollback(UMPIRE, 1, 3.0)
    assert match.phase == "planning" and match.state.power("RED").treasury == 5


def test_rollback_needs_a_turn_that_was_played_and_the_umpire():
    match = three_turns()
    for turn in (0, 4, -1, "2", True, None):
        refused("bad_turn", match.rollback, UMPIRE, turn, 10.0)
    refused("not_allowed", match.rollback, "RED", 1, 10.0)
    assert match.turn == 3


def test_a_fork_starts_from_the_turn_and_replays_to_the_same_hash():
    match = three_turns()
    journal: list[dict] = []
    fork, token = match.fork(UMPIRE, 2, "w2", 20.0, name="What if RED held?",
                             journal=journal.append)
    created = fork.log[0]
    assert created["type"] == "created" and created["match"] == "w2"
    assert created["forked_from"] == {"match": "w1", "turn": 2,
                                      "hash": match.states[1].hash()}
    assert fork.state.hash() == match.states[1].hash() and fork.turn == 2
    assert fork.first_turn == 2 and fork.state_at(2).hash() == match.states[1].hash()
    assert fork.seat_for_token(token) == UMPIRE and match.seat_for_token(token) is None
    assert not any(s.occupied for s in fork.seats.values())
    assert journal == fork.log
    assert Match.replay(json.loads(json.dumps(fork.log))).state.hash() == fork.state.hash()
    # The fork fires the turn's scripted injects, and the parent logs the fork.
    assert [e["type"] for e in fork.log] == ["created", "inject"]
    assert match.log[-1]["type"] == "forked" and match.log[-1]["match"] == "w2"
    assert fork.summary()["forked_from"]["match"] == "w1"


def test_a_fork_plays_on_like_any_match_and_can_be_rolled_back_itself():
    match = three_turns()
    fork, _ = match.fork(UMPIRE, 2, "w2", 20.0)
    for power in fork.powers:
        fork.join(power, 21.0)
    fork.submit_orders("RED", [WAR, ATTACK], 22.0)
    for power in fork.powers:
        fork.set_ready(power, True, 23.0)
    assert fork.turn == 3 and fork.state.hash() == match.state.hash()
    fork.rollback(UMPIRE, 2, 24.0)
    assert fork.state.hash() == match.states[1].hash()
    refused("bad_turn", fork.rollback, UMPIRE, 1, 25.0)   # before the fork


def test_a_fork_of_the_first_turn_equals_a_fresh_start():
    match = three_turns()
    fork, _ = match.fork(UMPIRE, 1, "w0", 20.0)
    assert fork.state.hash() == match.states[0].hash()
    refused("bad_turn", match.fork, UMPIRE, 9, "w9", 20.0)
    refused("not_allowed", match.fork, "RED", 1, "w9", 20.0)
