"""Joining a power's team from the online lobby, against a real host on 127.0.0.1: the
form asks for a name and a role, sends ``join_team``, and opens the member's game screen."""

from __future__ import annotations

import pytest

from game.client.net import WebSocketConnection
from game.client.screens.game import GameScreen
from game.client.screens.lobby_team import TeamJoinScreen
from game.client.screens.team_play import team_mode
from online_helpers import host_thread, reply_to, until
from client_helpers import SHOTS, press_button, run
from lobby_helpers import flow_for, make_match, open_lobby, step
from client_helpers import type_text

pytestmark = pytest.mark.usefixtures("pygame_ready")


def test_join_the_team_of_a_taken_seat_with_a_role(tmp_path):
    with host_thread() as host:
        made = make_match(host.url, name="Workshop")
        lead = WebSocketConnection.open(host.url)
        try:
            joined = reply_to(lead, lead.send({"type": "join_team", "match": made["match"],
                                               "seat": "RED", "name": "Ada",
                                               "role": "head of government"}))
            assert joined["type"] == "joined" and joined["lead"] is True
            app, flow = flow_for(host.url, tmp_path)
            lobby = open_lobby(app, flow)
            assert lobby.widgets["team"].is_enabled
            lobby.widgets["name"].set_text("Bo")
            press_button(app, lobby.widgets["team"])
            form = app.top
            assert isinstance(form, TeamJoinScreen) and form.power == "RED"
            assert list(form.items) == ["RED — Ada"]
            # A role is asked for before anything is sent.
            press_button(app, form.widgets["join"])
            assert form.error.startswith("Write your role in the team")
            type_text(app, form.widgets["role"], "foreign minister")
            assert form.error == ""           # typing what was asked for clears the reproach
            run(app, 2)
            app.screenshot(f"{SHOTS}/lobby_join_team.png")
            press_button(app, form.widgets["join"])
            until(lambda: isinstance(app.top, GameScreen), step=step(app))
            screen = app.top
            assert (screen.model.seat, screen.model.member) == ("RED", "RED.2")
            assert team_mode(screen.model) == "member" and "done" not in screen.widgets
            (held,) = flow.book.all()
            assert (held.match, held.seat) == (made["match"], "RED.2")
            run(app, 2)
            app.screenshot(f"{SHOTS}/lobby_team_member_screen.png")
        finally:
            lead.close()
            flow.close()


def test_the_team_button_waits_for_a_taken_seat(tmp_path):
    with host_thread() as host:
        make_match(host.url, name="Empty")
        app, flow = flow_for(host.url, tmp_path)
        try:
            lobby = open_lobby(app, flow)
            assert not lobby.widgets["team"].is_enabled
        finally:
            flow.close()
