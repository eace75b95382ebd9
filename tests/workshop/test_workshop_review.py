"""Review before release: the umpire sees the pending result in full, may skip or edit
orders with a rationale only umpires see, and players learn the result only on release."""

from __future__ import annotations

from game.match import ANALYST, OBSERVER, SPECTATOR, UMPIRE, Match
from workshop_support import everyone_ready, frames_for, refused, text_of, workshop

WAR = {"op": "declare_war", "target": "BLU"}
ATTACK = {"op": "move", "from": "R", "to": "B", "n": 10}
BUILD = {"op": "build", "territory": "G", "n": 1}
PLAYERS = ["RED", "BLU", "GRN", SPECTATOR, OBSERVER, ANALYST]


def pending_match() -> tuple[Match, list]:
    match = workshop(review=True)
    match.submit_orders("RED", [WAR, ATTACK], 1.0)
    match.submit_orders("GRN", [BUILD], 1.0)
    return match, everyone_ready(match, 2.0)


def test_adjudication_under_review_holds_the_result_for_the_umpire_alone():
    match, pushes = pending_match()
    assert match.phase == "review" and match.turn == 1 and len(match.states) == 1
    for seat in PLAYERS:
        # Told only that a result waits, and since when: nothing of the result itself.
        assert [m["type"] for m in frames_for(pushes, seat)] == ["ready"] * 3 + ["under_review"]
        assert frames_for(pushes, seat)[-1] == {"type": "under_review", "turn": 1, "since": 2.0}
    review = [m for m in frames_for(pushes, UMPIRE) if m["type"] == "review"]
    (review,) = review
    assert review["orders"] == {"RED": [WAR, ATTACK], "GRN": [BUILD]}
    assert "captured" in [e["type"] for e in review["report"]["events"]]
    assert review["view"]["territories"]["B"]["owner"] == "RED"
    assert review["amendments"] == []
    assert match.snapshot(UMPIRE)["pending"]["reason"] == "all_ready"
    assert "pending" not in match.snapshot(ANALYST)
    # Nothing moves while the umpire reviews.
    refused("not_planning", match.submit_orders, "RED", [], 3.0)
    refused("not_planning", match.force_adjudicate, UMPIRE, 3.0)
    assert match.tick(10_000.0).pushes == []


def test_skipping_an_order_reruns_the_engine_and_only_the_umpire_sees_why():
    match, _ = pending_match()
    outcome = match.amend_order(UMPIRE, "RED", 1, None, "RED's attack breaks the script", 3.0)
    assert match.orders["RED"] == [WAR]
    assert "captured" not in [e["type"] for e in match.pending.report["events"]]
    (push,) = outcome.pushes
    assert push.seats == {UMPIRE}
    assert push.message["amendments"] == [{"seq": match.log[-1]["seq"], "power": "RED",
                                           "index": 1, "order": None,
                                           "rationale": "RED's attack breaks the script"}]
    # The log's orders event is untouched: the amendment is its own event.
    assert [e for e in match.log if e["type"] == "orders"][0]["orders"] == [WAR, ATTACK]


def test_editing_and_adding_orders_is_checked_like_a_players_orders():
    match, _ = pending_match()
    match.amend_order(UMPIRE, "RED", 1, {"op": "move", "from": "R", "to": "B", "n": 4},
                      "a smaller attack", 3.0)
    assert match.orders["RED"][1]["n"] == 4
    match.amend_order(UMPIRE, "BLU", 0, {"op": "build", "territory": "B", "n": 1},
                      "BLU forgot to build", 4.0)
    assert match.orders["BLU"] == [{"op": "build", "territory": "B", "n": 1}]
    assert "refused" in refused("bad_orders", match.amend_order, UMPIRE, "RED", 0,
                                {"op": "move", "from": "R", "to": "X", "n": 1}, "why", 5.0)
    refused("bad_orders", match.amend_order, UMPIRE, "RED", 7, None, "why", 5.0)
    refused("bad_orders", match.amend_order, UMPIRE, "RED", True, None, "why", 5.0)
    refused("not_allowed", match.amend_order, UMPIRE, "RED", 0, None, " ", 5.0)
    refused("bad_seat", match.amend_order, UMPIRE, "NOPE", 0, None, "why", 5.0)
    refused("bad_seat", match.amend_order, UMPIRE, ["RED"], 0, None, "why", 5.0)
    refused("not_allowed", match.amend_order, "RED", "RED", 0, None, "why", 5.0)


def test_release_sends_each_seat_its_result_with_its_own_feedback():
    match, _ = pending_match()
    match.amend_order(UMPIRE, "RED", 1, None, "secret reason", 3.0)
    outcome = match.release_result(UMPIRE, {"RED": "Think about your allies.",
                                            "GRN": "Good build."}, 4.0)
    assert match.phase == "planning" and match.turn == 2
    red = [m for m in frames_for(outcome.pushes, "RED") if m["type"] == "turn_result"]
    assert red[0]["feedback"] == {"RED": "Think about your allies."}
    blu = [m for m in frames_for(outcome.pushes, "BLU") if m["type"] == "turn_result"]
    assert blu[0]["feedback"] == {}
    everything = text_of([m for s in PLAYERS for m in frames_for(outcome.pushes, s)])
    assert "secret reason" not in everything
    assert "Good build." not in text_of(frames_for(outcome.pushes, "RED"))
    assert match.snapshot("GRN")["feedback"] == {"GRN": "Good build."}
    assert match.reports[0] == Match.replay(match.log).reports[0]
    refused("not_planning", match.release_result, UMPIRE, None, 5.0)


def test_release_checks_its_feedback():
    match, _ = pending_match()
    refused("not_allowed", match.release_result, UMPIRE, {"NOPE": "hi"}, 3.0)
    refused("not_allowed", match.release_result, UMPIRE, ["RED"], 3.0)
    refused("not_allowed", match.release_result, "RED", None, 3.0)


def test_review_can_be_switched_on_during_a_match():
    match = workshop()
    match.set_review(UMPIRE, True, 1.0)
    everyone_ready(match, 2.0)
    assert match.phase == "review"
    match.release_result(UMPIRE, None, 3.0)
    match.set_review(UMPIRE, False, 4.0)
    everyone_ready(match, 5.0)
    assert match.phase == "planning" and match.turn == 3


def test_a_reviewed_match_replays_to_the_same_states():
    match, _ = pending_match()
    match.amend_order(UMPIRE, "RED", 1, None, "no", 3.0)
    match.release_result(UMPIRE, None, 4.0)
    again = Match.replay(match.log)
    assert [s.hash() for s in again.states] == [s.hash() for s in match.states]
