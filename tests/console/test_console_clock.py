"""The umpire's clock in the console: pause stops it, resume restarts it with the time that
was left, the deadline moves, the warning shows red, and "adjudicate now" adjudicates."""

from __future__ import annotations

import pytest

from game.client.workshop.clock import WARNING_INK, mm_ss
from console_support import (SHOTS, FakeClock, drain, of_type, open_console, panel,
                                  press_label, workshop, write)
from client_helpers import press_button

pytestmark = pytest.mark.usefixtures("pygame_ready")


def test_pause_stops_the_clock_and_resume_restarts_it_with_the_time_left():
    clock = FakeClock(1000.0)
    host, conns = workshop(deadline=600.0, clock=clock)
    app, screen = open_console(host, conns["umpire"], tab="Clock")
    clock_tab = panel(screen, "Clock")
    assert host.match.deadline_at == 1600.0
    clock.now = 1100.0
    press_button(app, clock_tab.button_labelled("Pause"))      # a real click: it is in view
    assert host.match.paused and host.match.deadline_at is None
    assert host.match.remaining == 500.0
    assert of_type(drain(conns["RED"]), "clock")[-1]["paused"] is True
    assert "paused" in clock_tab.countdown_markup() and mm_ss(500) in clock_tab.countdown_markup()
    app.screenshot(f"{SHOTS}/clock_paused.png")
    clock.now = 5000.0                 # long past the old deadline: nothing happens
    host.tick()
    app.run(frames=2)
    assert host.match.turn == 1 and not of_type(drain(conns["RED"]), "turn_result")
    press_label(app, clock_tab, "Resume")
    assert not host.match.paused and host.match.deadline_at == 5500.0
    assert screen.feed.seconds_left(5000.0) == 500.0


def test_the_deadline_moves_by_exactly_the_nudge_and_a_new_one_can_be_set():
    clock = FakeClock(1000.0)
    host, conns = workshop(deadline=600.0, clock=clock)
    app, screen = open_console(host, conns["umpire"])
    tab = panel(screen, "Clock")
    press_label(app, tab, "+5 min")
    assert host.match.deadline_at == 1900.0
    press_label(app, tab, "−1 min")
    assert host.match.deadline_at == 1840.0
    write(app, tab, "deadline_min", "2")
    press_label(app, tab, "Set deadline")
    assert host.match.deadline_at == 1120.0
    press_label(app, tab, "−5 min")             # would pass: refused, said, unchanged
    assert host.match.deadline_at == 1120.0
    assert any("Refused" in text for text, _ in screen.toasts)


def test_the_countdown_turns_red_inside_the_warning_threshold():
    clock = FakeClock(1000.0)
    host, conns = workshop(deadline=600.0, clock=clock)
    app, screen = open_console(host, conns["umpire"])
    tab = panel(screen, "Clock")
    write(app, tab, "warning", "120")
    press_label(app, tab, "Set")
    assert host.match.warning == 120.0
    assert WARNING_INK not in tab.countdown_markup()
    clock.now = 1500.0
    app.run(frames=2)
    assert WARNING_INK in tab.countdown_markup() and mm_ss(100) in tab.countdown_markup()
    app.screenshot(f"{SHOTS}/clock_warning.png")


def test_adjudicate_now_and_the_stage_and_review_switches():
    host, conns = workshop()
    app, screen = open_console(host, conns["umpire"])
    tab = panel(screen, "Clock")
    press_label(app, tab, "Negotiation")
    assert host.match.stage == "negotiation" and host.match.opening_stage == "orders"
    press_label(app, tab, "Turn review on")
    assert host.match.review is True and screen.feed.review_on
    press_label(app, tab, "Turn review off")
    assert host.match.review is False
    press_label(app, tab, "Orders")
    press_label(app, tab, "Adjudicate now")
    assert host.match.turn == 2
    assert of_type(drain(conns["RED"]), "turn_result")[0]["reason"] == "umpire"


def test_bot_takeover_of_idle_seats_is_switched_on_and_off():
    host, conns = workshop()
    app, screen = open_console(host, tab="Clock")
    tab = panel(screen, "Clock")
    press_label(app, tab, "Hand idle seats to bots")
    assert host.match.takeover == {"RED": "", "GRN": "", "BLU": "", "YEL": ""}
    tab = panel(screen, "Clock")
    press_label(app, tab, "Stop bot takeover")
    assert host.match.takeover is None and screen.feed.takeover is None


def test_the_warning_reaches_every_seat_in_a_hot_seat_workshop_once():
    clock = FakeClock(1000.0)
    host, conns = workshop(deadline=600.0, clock=clock)
    app, screen = open_console(host)
    screen.conn.send({"type": "set_warning", "seconds": 60})
    clock.now = 1539.0
    host.tick()
    assert not of_type(drain(conns["RED"]), "deadline_warning")
    clock.now = 1541.0
    host.tick()
    host.tick()
    warned = of_type(drain(conns["RED"]), "deadline_warning")
    assert [(w["deadline_at"], w["seconds_left"]) for w in warned] == [(1600.0, 59.0)]
    app.run(frames=2)
    assert any("0:59 left" in t for t, _ in screen.toasts)
    clock.now = 1600.0
    host.tick()
    assert host.match.turn == 2
