"""What a facilitator running a workshop day met: each test is a step of the day that did
not work as docs/WORKSHOP.md and docs/CONSOLE.md describe."""

from __future__ import annotations

import pytest

from game.match import NEGOTIATION, ORDERS, SPECTATOR, UMPIRE
from console_support import (FakeClock, choose, drain, of_type, open_console, panel,
                             press_label, shown_text, write)
from console_support import workshop as console_workshop
from workshop_support import workshop


def test_every_seat_hears_that_the_next_turn_opens_in_talks():
    """A match that opens each turn in talks, whose umpire opened orders by hand: the next
    turn is back in negotiation, and every seat (the projector's spectator too) is told,
    or the clients go on showing Orders and offering a Done the host refuses."""
    match = workshop(opening_stage=NEGOTIATION, talks_deadline=600.0, deadline=1800.0)
    match.set_stage(UMPIRE, ORDERS, 1.0)
    outcome = None
    for power in match.powers:
        outcome = match.set_ready(power, True, 2.0)
    assert outcome is not None and match.turn == 2 and match.stage == NEGOTIATION
    clocks = [p for p in outcome.pushes if p.message["type"] == "clock"]
    assert clocks, "nobody was told the new turn opens in negotiation"
    clock = clocks[-1]
    assert clock.message["stage"] == NEGOTIATION
    assert clock.message["deadline_at"] == 2.0 + 600.0     # the talks' clock, not the turn's
    assert {SPECTATOR, UMPIRE, *match.powers} <= clock.seats
    kinds = [p.message["type"] for p in outcome.pushes]
    assert kinds.index("clock") > kinds.index("turn_result")   # after the new turn


def test_a_turn_that_opens_in_the_stage_it_ended_in_sends_no_extra_clock():
    match = workshop()
    outcome = None
    for power in match.powers:
        outcome = match.set_ready(power, True, 2.0)
    assert outcome is not None and match.turn == 2 and match.stage == ORDERS
    assert "clock" not in [p.message["type"] for p in outcome.pushes]


@pytest.mark.usefixtures("pygame_ready")
def test_the_numbers_the_clock_tab_shows_are_the_ones_set_and_buttons_use_them():
    """The Clock tab shows 10 (minutes) and 60 (seconds) beside Set deadline and Set: they
    were placeholders, so pressing the button said to type a number the umpire could see."""
    clock = FakeClock(1000.0)
    host, conns = console_workshop(deadline=600.0, clock=clock)
    app, screen = open_console(host, conns["umpire"], tab="Clock")
    tab = panel(screen, "Clock")
    assert tab.entries["warning"].get_text() == "60"
    press_label(app, tab, "Set")
    assert host.match.warning == 60.0
    assert tab.entries["deadline_min"].get_text() == "10"
    press_label(app, tab, "Set deadline")
    assert host.match.deadline_at == 1000.0 + 600.0


@pytest.mark.usefixtures("pygame_ready")
def test_the_amount_an_inject_form_shows_is_the_amount_it_fires():
    host, conns = console_workshop()
    drain(conns["RED"])
    app, screen = open_console(host, tab="Injects")
    injects = panel(screen, "Injects")
    choose(app, injects, "kind", "economic_crisis")
    injects = panel(screen, "Injects")
    choose(app, injects, "targets", "RED")
    assert injects.entries["amount"].get_text() == "3"
    press_label(app, injects, "Fire the inject")
    told = of_type(drain(conns["RED"]), "inject")
    assert [(m["kind"], m["amount"]) for m in told] == [("economic_crisis", 3)]


@pytest.mark.usefixtures("pygame_ready")
def test_the_injects_fired_are_listed_in_words():
    """The Fired list showed the kind's id and an arrow the text font draws as a box."""
    host, conns = console_workshop()
    app, screen = open_console(host, tab="Injects")
    injects = panel(screen, "Injects")
    choose(app, injects, "kind", "economic_crisis")
    injects = panel(screen, "Injects")
    choose(app, injects, "targets", "RED")
    write(app, injects, "title", "Harvest fails")
    write(app, injects, "amount", "2")
    press_label(app, injects, "Fire the inject")
    app.run(frames=3)
    shown = shown_text(panel(screen, "Injects"))
    assert "Economic crisis for Redland: <b>Harvest fails</b> — " in shown
    assert "economic_crisis" not in shown and "→" not in shown


@pytest.mark.usefixtures("pygame_ready")
def test_the_lobby_says_who_can_join_and_gives_the_match_id(tmp_path, monkeypatch):
    """The lobby showed no match id, which --projector and --seat umpire need; and it gave
    a room address for a host that only this machine can reach."""
    from client_helpers import run
    from game import discovery
    from lobby_helpers import flow_for, make_match, open_lobby, step
    from online_helpers import host_thread, until

    monkeypatch.setattr(discovery, "lan_address", lambda: "127.0.0.2")
    with host_thread() as host:          # on 127.0.0.1 only
        created = make_match(host.url, name="Seminar")
        app, flow = flow_for(host.url, tmp_path)
        try:
            lobby = open_lobby(app, flow)
            until(lambda: lobby.match is not None, step=step(app))
            run(app, 2)
            assert f"match id <b>{created['match']}</b>" in lobby._details()
            assert lobby.give is None
        finally:
            flow.close()


@pytest.mark.usefixtures("pygame_ready")
def test_the_projector_shows_no_qr_code_for_a_host_nobody_else_can_reach(monkeypatch):
    from game import discovery
    from game.client.app import App
    from game.client.model import MatchModel
    from game.client.screens.projector import ProjectorScreen

    monkeypatch.setattr(discovery, "lan_address", lambda: "127.0.0.2")
    host, _ = console_workshop()
    spec = host.connect("spectator")
    model = MatchModel.from_snapshot(spec.poll()[0]["snapshot"])
    spec.url = "ws://127.0.0.1:18852"        # a host on loopback only: nothing on 127.0.0.2
    app = App((1280, 720))
    screen = ProjectorScreen(app, spec, model, map_doc=host.match.scenario.map_doc)
    app.push(screen)
    app.run(frames=2)
    assert screen._qr is None and screen._give == ("ws://127.0.0.1:18852", None)


@pytest.mark.usefixtures("pygame_ready")
def test_the_team_leads_done_button_says_all_of_the_negotiation_stage():
    """Beside Sign off, 'Negotiation: talk now, orders later' was cut to '…orders l'."""
    from teams_helpers import make_host, screen_of, take

    host = make_host(stage=NEGOTIATION)
    lead = take(host, "RED", "Ada", "head of government")
    take(host, "RED", "Bo", "foreign minister")
    app, screen = screen_of(lead, size=(1280, 720))
    done = screen.widgets["done"]
    assert "sign" in screen.widgets and not done.is_enabled
    assert done.text.startswith("Negotiation")
    assert done.font.size(done.text)[0] <= done.rect.width - 8


@pytest.mark.usefixtures("pygame_ready")
def test_the_notes_tab_says_who_reads_an_intent_as_the_match_sends_it():
    """It said 'Only the umpire reads it' while every member of the team receives it."""
    from teams_helpers import make_host, screen_of, take

    host = make_host()
    lead = take(host, "RED", "Ada", "head of government")
    member = take(host, "RED", "Bo", "foreign minister")
    app, screen = screen_of(lead)
    notes = next(p for p in screen.sidebar.panels if p.title == "Notes")
    shown = shown_text(notes)
    member.poll()
    lead.send({"type": "intent", "text": "Hold the passes"})
    heard = [m for m in member.poll() if m["type"] == "intent"]
    assert [m["text"] for m in heard] == ["Hold the passes"]      # the team reads it
    assert "Only the umpire reads it" not in shown and "Your team, the umpire" in shown


def test_a_handout_does_not_call_other_powers_pacts_its_own(tmp_path, monkeypatch):
    """Germany's page listed the Anglo-French guarantees of Poland and Romania under 'Your
    pacts at the start'."""
    from game.handouts import write as handouts_write
    from game.handouts.write import write_handouts
    from game.maps import load_scenario

    monkeypatch.setattr(handouts_write.MapPainter, "png",
                        lambda self, seat_view: b"\x89PNG")     # the map is not the point
    page = write_handouts(load_scenario("europe-1939"), tmp_path, pdf=False
                          ).pages["GER"].read_text(encoding="utf-8")
    assert "<td>Guarantee of Poland</td>" in page
    assert "Your pacts" not in page and "Pacts you know of at the start" in page
    assert "<th></th>" not in page


def test_an_inject_without_text_names_the_powers_as_players_know_them():
    """'An economic crisis strikes RED': players read their power's id, never shown them."""
    from teams_helpers import make_host

    host = make_host()
    match = host.match
    outcome = match.inject(UMPIRE, {"kind": "economic_crisis", "targets": ["RED"],
                                    "amount": 2}, host.clock())
    told = [p.message for p in outcome.pushes if p.message["type"] == "inject"]
    assert told and {m["text"] for m in told} == {"An economic crisis strikes Redland: "
                                                  "treasury −2."}
    outcome = match.inject(UMPIRE, {"kind": "border_incident", "targets": "all",
                                    "powers": ["RED", "GRN"]}, host.clock())
    told = [p.message for p in outcome.pushes if p.message["type"] == "inject"]
    assert {m["text"] for m in told} == {"A border incident between Redland and Greenmark."}


def test_an_audit_told_without_its_figures_says_no_made_up_numbers():
    """The projector (and every seat outside the pact) read 'Redland fell short of its
    commitment to the Entente against Yellowmark: 0 units committed, 0 required.': the
    figures are hidden from them, and the sentence filled in zeros."""
    from game.words.narrate import Names, narrate

    names = Names(powers={"RED": "Redland", "YEL": "Yellowmark"},
                  pacts={"P1": {"kind": "defensive", "members": ["RED", "GRN"],
                                "name": "Entente"}})
    hidden = {"type": "shortfall", "power": "RED", "pact": "P1", "against": "YEL"}
    told = narrate(hidden, names)
    assert "0 units" not in told and "0 required" not in told
    assert told.startswith("Redland fell short of its commitment to")
    assert told.endswith("against Yellowmark.")
    kept = narrate({**hidden, "type": "honoured"}, names)
    assert "Redland kept its commitment to" in kept and "units" not in kept
    seen = narrate({**hidden, "committed": 1, "required": 1.6}, names)
    assert seen.endswith(": 1 units committed, 1.6 required.")
