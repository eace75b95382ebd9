"""The create form for facilitators: review before release, bot takeover, the opening
stage, the team size and the named channels are set when the match is created, on a real
host, as the umpire's console would set them afterwards."""

from __future__ import annotations

import pygame
import pygame_gui
import pytest

from game.client.screens.create_match import (CHANNEL_PRESETS, MatchForm, TEAM_SIZES,
                                              preset_channels)
from game.match import MatchError, MatchSettings, Match
from game.match.match import workshop_settings
from match_helpers import triangle
from online_helpers import host_thread, reply_to
from client_helpers import SHOTS, press_button, run
from lobby_helpers import flow_for, open_lobby, step
from online_helpers import until

TRIANGLE_SC = {"name": "triangle", "title": "Triangle", "description": "",
               "powers": [{"id": p, "name": p.title(), "color": "#888888"}
                          for p in ("RED", "BLU", "GRN")]}


def test_an_ordinary_form_asks_for_no_workshop_option():
    form = MatchForm([TRIANGLE_SC], None)
    assert form.workshop_options() == {}
    assert set(form.request()) == {"type", "scenario", "fog"}


def test_every_workshop_option_goes_into_the_request():
    form = MatchForm([TRIANGLE_SC], None)
    form.review = form.bot_takeover = True
    form.opening = "Opens: talks"
    form.team_size = "Up to 4 a team"
    form.channels = set(CHANNEL_PRESETS)
    form.talks = "Talks: 10 minutes"
    options = form.workshop_options()
    assert {k: v for k, v in options.items() if k != "channels"} == {
        "review": True, "bot_takeover": True, "opening_stage": "negotiation", "team_size": 4,
        "talks_deadline": 600}
    assert [c["id"] for c in options["channels"]] == [
        "plenary", "press", "RED-BLU", "RED-GRN", "BLU-GRN"]
    assert options["channels"][2] == {"id": "RED-BLU", "kind": "bilateral",
                                      "members": ["RED", "BLU"], "name": "Red – Blu"}


def test_bilaterals_for_ten_powers_fit_a_match():
    powers = [f"P{i}" for i in range(10)]
    channels = preset_channels(set(CHANNEL_PRESETS), powers, {})
    match, _ = Match.create(triangle(), match_id="m", now=0.0, settings=MatchSettings())
    assert len(channels) == 47
    assert TEAM_SIZES["1 a team"] == 1


def test_the_match_opens_with_the_settings_and_refuses_bad_channels():
    settings = MatchSettings(**workshop_settings({
        "review": True, "bot_takeover": True, "opening_stage": "negotiation", "team_size": 3,
        "channels": [{"id": "plenary", "kind": "plenary", "name": "Plenary"}]}))
    match, _ = Match.create(triangle(), match_id="m", now=0.0, settings=settings)
    assert (match.review, match.stage, match.team_size) == (True, "negotiation", 3)
    assert match.takeover == {"RED": "", "BLU": "", "GRN": ""}
    assert list(match.channels) == ["plenary"]
    assert Match.replay(match.log).channels == match.channels
    for channels, words in (
            ([{"id": "x", "kind": "bilateral", "members": ["RED"]}], "opening channel 1"),
            ([{"id": "p", "kind": "plenary"}, {"id": "p", "kind": "press"}], "used twice")):
        with pytest.raises(MatchError) as err:
            Match.create(triangle(), match_id="m", now=0.0,
                         settings=MatchSettings(channels=tuple(channels)))
        assert err.value.code == "bad_channel" and words in err.value.message


def test_a_match_created_without_options_logs_what_it_always_did():
    match, _ = Match.create(triangle(), match_id="m", now=0.0, settings=MatchSettings())
    assert "channels" not in match.log[0]


def test_the_form_creates_a_workshop_match_on_a_real_host(tmp_path):
    with host_thread() as host:
        for size in ((1280, 720), (1920, 1080)):
            app, flow = flow_for(host.url, tmp_path, size=size)
            try:
                lobby = open_lobby(app, flow)
                press_button(app, lobby.widgets["create"])
                form = app.top
                until(lambda: form.loaded, step=step(app))
                form.form.choose([s["name"] for s in form.form.scenarios].index("triangle"))
                form.leave()
                form.enter()
                for widget in ("review", "takeover", "channel:plenary", "channel:press"):
                    press_button(app, form.widgets[widget])
                for widget, text in (("opening", "Opens: talks"),
                                     ("team_size", "Up to 3 a team"),
                                     ("talks", "Talks: 5 minutes")):
                    pygame.event.post(pygame.event.Event(
                        pygame_gui.UI_DROP_DOWN_MENU_CHANGED, text=text,
                        ui_element=form.widgets[widget]))
                run(app, 2)
                app.screenshot(f"{SHOTS}/create_form_workshop_{size[0]}.png")
                request = form.form.request()
                assert request["review"] and request["bot_takeover"]
                assert (request["opening_stage"], request["team_size"]) == ("negotiation", 3)
                assert request["talks_deadline"] == 300
                press_button(app, form.widgets["create"])
                until(lambda: host.server.matches and len(host.server.matches) == (
                    1 if size[0] == 1280 else 2), step=step(app))
            finally:
                flow.close()
        for match in host.server.matches.values():
            assert (match.review, match.stage, match.team_size) == (True, "negotiation", 3)
            assert match.talks_deadline == 300 and match.takeover is not None
            assert sorted(match.channels) == ["plenary", "press"]


def test_a_talks_deadline_opens_orders_by_itself_then_the_orders_clock_runs():
    settings = MatchSettings(deadline=600.0, opening_stage="negotiation", talks_deadline=300.0)
    match, _ = Match.create(triangle(), match_id="m", now=0.0, settings=settings)
    assert (match.stage, match.deadline_at) == ("negotiation", 300.0)
    assert match.tick(299.0).pushes == []
    pushes = match.tick(300.0).pushes
    assert match.log[-1]["type"] == "stage" and match.log[-1]["timed"] is True
    assert (match.stage, match.deadline_at, match.turn) == ("orders", 900.0, 1)
    assert [m.message["stage"] for m in pushes if m.message["type"] == "clock"] == ["orders"]
    match.tick(900.0)                                  # the orders' deadline adjudicates
    assert match.turn == 2 and (match.stage, match.deadline_at) == ("negotiation", 1200.0)
    # The umpire opening orders early starts the orders' clock from then.
    from game.match import UMPIRE
    match.set_stage(UMPIRE, "orders", 1000.0)
    assert match.deadline_at == 1600.0
    assert Match.replay(match.log).deadline_at == match.deadline_at


def test_without_a_talks_deadline_the_turn_keeps_one_clock():
    settings = MatchSettings(deadline=600.0, opening_stage="negotiation")
    match, _ = Match.create(triangle(), match_id="m", now=0.0, settings=settings)
    assert match.deadline_at == 600.0 and "talks_deadline" not in match.log[0]
    from game.match import UMPIRE
    match.set_stage(UMPIRE, "orders", 100.0)
    assert match.deadline_at == 600.0
    with pytest.raises(MatchError):
        Match.create(triangle(), match_id="m", now=0.0,
                     settings=MatchSettings(talks_deadline=-5))
