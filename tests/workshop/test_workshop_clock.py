"""The umpire's clock: pause and resume, extending and shortening the deadline, the warning
threshold, and handing idle human seats to bots at the deadline."""

from __future__ import annotations

from game.match import BOT, UMPIRE, Match
from workshop_support import everyone_ready, frames_for, refused, workshop


def test_pause_stops_the_clock_and_resume_gives_back_the_time_left():
    match = workshop(deadline=100)                       # deadline_at 100
    match.pause(UMPIRE, 30.0)
    assert match.paused and match.deadline_at is None and match.remaining == 70.0
    assert match.tick(500.0).pushes == [] and match.turn == 1
    refused("not_allowed", match.pause, UMPIRE, 40.0)
    outcome = match.resume(UMPIRE, 1000.0)
    assert match.deadline_at == 1070.0 and not match.paused
    (clock,) = frames_for(outcome.pushes, "RED")
    assert clock == {"type": "clock", "turn": 1, "deadline_at": 1070.0, "paused": False,
                     "remaining": None, "warning": None, "stage": "orders"}
    refused("not_allowed", match.resume, UMPIRE, 1001.0)
    refused("not_allowed", match.pause, "RED", 1001.0)


def test_ready_flags_adjudicate_nothing_while_paused_and_resume_adjudicates_then():
    match = workshop(deadline=100)
    match.pause(UMPIRE, 10.0)
    everyone_ready(match, 20.0)
    assert match.turn == 1
    match.resume(UMPIRE, 30.0)
    assert match.turn == 2
    assert match.log[-1]["type"] == "adjudicated" and match.log[-1]["reason"] == "all_ready"
    # A new turn started while paused would have waited; this one runs: 30 + 100.
    assert match.deadline_at == 130.0


def test_a_paused_match_stays_paused_across_a_forced_adjudication():
    match = workshop(deadline=100)
    match.pause(UMPIRE, 10.0)
    match.force_adjudicate(UMPIRE, 20.0)
    assert match.turn == 2 and match.paused and match.remaining == 100.0
    assert match.deadline_at is None


def test_the_umpire_extends_and_shortens_the_deadline():
    match = workshop(deadline=100)
    match.adjust_deadline(UMPIRE, 60, 10.0)
    assert match.deadline_at == 160.0
    match.adjust_deadline(UMPIRE, -100, 20.0)
    assert match.deadline_at == 60.0
    assert "past" in refused("not_allowed", match.adjust_deadline, UMPIRE, -50, 20.0)
    match.pause(UMPIRE, 30.0)
    match.adjust_deadline(UMPIRE, 15, 31.0)
    assert match.remaining == 45.0
    refused("not_allowed", match.adjust_deadline, UMPIRE, -45, 32.0)
    refused("not_allowed", match.adjust_deadline, UMPIRE, float("nan"), 32.0)
    no_deadline = workshop()
    refused("not_allowed", no_deadline.adjust_deadline, UMPIRE, 10, 1.0)


def test_the_warning_fires_once_before_the_deadline():
    match = workshop(deadline=100)
    match.set_warning(UMPIRE, 30, 1.0)
    assert match.next_alarm == 70.0
    assert match.tick(69.0).pushes == []
    (warning,) = frames_for(match.tick(70.0).pushes, "GRN")
    assert warning == {"type": "deadline_warning", "turn": 1, "deadline_at": 100.0,
                       "seconds_left": 30.0}
    assert match.tick(80.0).pushes == []                  # once per turn
    assert match.next_alarm == 100.0
    match.tick(100.0)
    assert match.turn == 2 and match.next_alarm == 170.0   # a new turn warns again
    refused("not_allowed", match.set_warning, UMPIRE, -5, 101.0)


def test_a_human_seat_without_orders_goes_to_a_bot_at_the_deadline():
    match = workshop(deadline=100, bot_takeover=True, personalities={"BLU": "hawk"})
    match.submit_orders("RED", [], 10.0)                  # RED gave orders (to hold)
    outcome = match.tick(100.0)
    handed = [e for e in match.log if e["type"] == "seat_to_bot"]
    assert [(e["seat"], e["personality"]) for e in handed] == [("BLU", "hawk"), ("GRN", "")]
    assert match.seats["BLU"].kind == BOT and match.seats["BLU"].personality == "hawk"
    assert match.seats["RED"].kind == "human"
    seat_pushes = [m for m in frames_for(outcome.pushes, "RED") if m["type"] == "seat"]
    assert [m["power"] for m in seat_pushes] == ["BLU", "GRN"]
    assert match.turn == 2
    assert Match.replay(match.log).seats["BLU"].kind == BOT


def test_the_umpire_switches_bot_takeover_on_and_off_during_the_match():
    match = workshop(deadline=100)
    outcome = match.set_bot_takeover(UMPIRE, {"GRN": "dove"}, 10.0)
    assert outcome.reply == {"takeover": {"RED": "", "BLU": "", "GRN": "dove"}}
    (push,) = outcome.pushes
    assert push.seats == {UMPIRE}
    match.submit_orders("RED", [], 11.0)
    match.submit_orders("BLU", [], 11.0)
    match.tick(100.0)
    assert [s.kind for s in match.seats.values()] == ["human", "human", BOT]
    assert match.seats["GRN"].personality == "dove"
    match.set_bot_takeover(UMPIRE, None, 101.0)
    match.tick(200.0)
    assert [s.kind for s in match.seats.values()] == ["human", "human", BOT]
    refused("not_allowed", match.set_bot_takeover, UMPIRE, {"NOPE": "x"}, 201.0)
    refused("not_allowed", match.set_bot_takeover, "RED", {}, 201.0)
    assert Match.replay(match.log).takeover is None


def test_without_takeover_no_seat_changes_hands():
    match = workshop(deadline=100)
    match.tick(100.0)
    assert all(s.kind == "human" for s in match.seats.values())
    assert not any(e["type"] == "seat_to_bot" for e in match.log)
