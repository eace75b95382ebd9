"""Players' intents and insights for the umpire and the debrief, and the umpire's
dashboard."""

from __future__ import annotations

from game.match import ANALYST, OBSERVER, SPECTATOR, UMPIRE, Match
from workshop_support import refused, text_of, workshop


def test_an_intent_is_a_logged_event_for_the_team_the_umpire_and_analysts():
    match = workshop()
    match.join_team("RED", 0.5, role="head of government")
    outcome = match.state_intent("RED.2", "Hold the line; sign nothing.", 3.0)
    assert outcome.reply == {"turn": 1}
    event = match.log[-1]
    assert event == {"seq": event["seq"], "at": 3.0, "type": "intent", "seat": "RED",
                     "turn": 1, "text": "Hold the line; sign nothing.", "member": "RED.2"}
    (push,) = outcome.pushes
    assert push.seats == {"RED", "RED.2", UMPIRE, ANALYST}
    assert push.message == {"type": "intent", "seq": event["seq"], "at": 3.0, "seat": "RED",
                            "member": "RED.2", "turn": 1,
                            "text": "Hold the line; sign nothing."}
    for seat in ("BLU", SPECTATOR, OBSERVER):
        assert "Hold the line" not in text_of(match.snapshot(seat))
    assert [n["text"] for n in match.snapshot(UMPIRE)["intents"]] == [
        "Hold the line; sign nothing."]
    assert match.snapshot("RED")["intents"] == match.snapshot(ANALYST)["intents"]
    assert match.snapshot("BLU")["intents"] == []


def test_insights_may_be_noted_at_any_time_even_after_the_match():
    match = workshop()
    match.note_insight("GRN", "Credibility matters more than units.", 1.0)
    match.force_adjudicate(UMPIRE, 2.0)
    match.note_insight("BLU", "RED keeps its word.", 3.0)
    assert [(n["seat"], n["turn"]) for n in match.insights] == [("GRN", 1), ("BLU", 2)]
    assert Match.replay(match.log).insights == match.insights
    refused("not_allowed", match.note_insight, "GRN", "", 4.0)
    refused("not_allowed", match.note_insight, "GRN", "x" * 2001, 4.0)
    refused("not_allowed", match.state_intent, UMPIRE, "I intend", 4.0)


def test_the_dashboard_shows_submissions_idleness_proposals_and_pacts():
    match = workshop(pacts=[{"kind": "defensive", "members": ["BLU", "GRN"]}])
    match.join_team("RED", 1.0, name="Bo", role="fm")
    match.submit_orders("RED", [], 10.0)
    match.submit_orders("GRN", [], 20.0)
    match.set_ready("GRN", True, 25.0)
    pid = match.propose("BLU", {"kind": "non_aggression", "members": ["BLU", "RED"]},
                        30.0).reply["proposal"]
    board = match.dashboard(UMPIRE, 100.0)
    rows = {row["power"]: row for row in board["powers"]}
    assert [rows[p]["submitted"] for p in ("RED", "BLU", "GRN")] == [True, False, True]
    assert [rows[p]["ready"] for p in ("RED", "BLU", "GRN")] == [False, False, True]
    assert [rows[p]["idle"] for p in ("RED", "BLU", "GRN")] == [90.0, 70.0, 75.0]
    assert rows["RED"]["members"] == [{"id": "RED.2", "power": "RED", "role": "fm",
                                       "name": "Bo", "last_action": 1.0, "idle": 99.0}]
    assert [p["id"] for p in board["proposals"]] == [pid]
    assert board["pact_matrix"] == {"RED": {}, "BLU": {"GRN": ["P1"]},
                                    "GRN": {"BLU": ["P1"]}}
    assert board["wars"] == []
    assert board["clock"]["type"] == "clock"
    assert match.dashboard(ANALYST, 100.0) == board
    for seat in ("RED", SPECTATOR, OBSERVER):
        refused("not_allowed", match.dashboard, seat, 100.0)


def test_idle_time_is_none_for_a_seat_that_never_acted():
    match, _ = Match.create(workshop().scenario, match_id="m", now=0.0)
    board = match.dashboard(UMPIRE, 50.0)
    assert [row["idle"] for row in board["powers"]] == [None, None, None]
