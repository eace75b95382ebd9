"""A workshop day, walked as docs/WORKSHOP.md "From a laptop to a seated room" lists it, on
a real host on 127.0.0.1: the facilitator creates a europe-1939 match with the create form
(review, talks first, teams of three, plenary and press), the projector joins, twenty
participants join the eight teams, each reads its own brief and nothing of the others', and
the umpire opens the console. Screenshots of each screen go to /tmp/workshop-day/."""

from __future__ import annotations

import os

import pygame
import pygame_gui
import pytest

from game.client.net import WebSocketConnection
from game.client.screens.create_match import CreateMatchScreen
from game.client.screens.lobby import LobbyScreen
from game.client.workshop.console import ConsoleScreen
from game.maps import load_scenario
from online_helpers import host_thread, reply_to, until
from server.scenarios import ScenarioShelf
from client_helpers import press_button, run
from lobby_helpers import flow_for, open_lobby, step

pytestmark = pytest.mark.usefixtures("pygame_ready")
SHOTS = "/tmp/workshop-day"
PEOPLE = 20


def shot(app, name: str) -> None:
    os.makedirs(SHOTS, exist_ok=True)
    app.screenshot(f"{SHOTS}/{name}.png")


def test_from_a_laptop_to_twenty_people_seated_in_a_match(tmp_path):
    europe = load_scenario("europe-1939")
    briefs = europe.scenario_doc["briefs"]
    with host_thread(scenarios=ScenarioShelf()) as host:
        # 1-2. The facilitator opens the lobby on the laptop and creates the match.
        app, flow = flow_for(host.url, tmp_path / "facilitator", size=(1920, 1080))
        conns = []
        try:
            lobby = open_lobby(app, flow)
            shot(app, "1-lobby")
            press_button(app, lobby.widgets["create"])
            form = app.top
            assert isinstance(form, CreateMatchScreen)
            until(lambda: form.loaded, step=step(app))
            form.form.choose([s["name"] for s in form.form.scenarios].index("europe-1939"))
            form.leave()
            form.enter()
            form.widgets["name"].set_text("Seminar")
            for widget in ("review", "channel:plenary", "channel:press"):
                press_button(app, form.widgets[widget])
            for widget, text in (("opening", "Opens: talks"), ("team_size", "Up to 3 a team")):
                pygame.event.post(pygame.event.Event(pygame_gui.UI_DROP_DOWN_MENU_CHANGED,
                                                     text=text, ui_element=form.widgets[widget]))
            run(app, 2)
            shot(app, "2-create-form")
            press_button(app, form.widgets["create"])
            until(lambda: isinstance(app.top, LobbyScreen) and app.top.matches, step=step(app))
            (summary,) = app.top.matches
            match_id = summary["match"]
            (umpire,) = flow.book.all()
            assert umpire.seat == "umpire"
            match = host.server.matches[match_id]
            assert (match.review, match.stage, match.team_size) == (True, "negotiation", 3)
            assert sorted(match.channels) == ["plenary", "press"]
            run(app, 2)
            shot(app, "3-lobby-with-match")

            # 3. The projector joins as a spectator: the public brief only.
            projector = WebSocketConnection.open(host.url)
            conns.append(projector)
            joined = reply_to(projector, projector.send({"type": "spectate",
                                                         "match": match_id}))
            assert joined["snapshot"]["briefs"] == {"public": briefs["public"]}

            # 4. Twenty participants join the eight teams, three at most a team.
            powers = europe.power_ids
            seated: dict[str, list[str]] = {p: [] for p in powers}
            for k in range(PEOPLE):
                power = powers[k % len(powers)]
                conn = WebSocketConnection.open(host.url)
                conns.append(conn)
                reply = reply_to(conn, conn.send({
                    "type": "join_team", "match": match_id, "seat": power,
                    "name": f"P{k + 1}", "role": "head of government"
                    if not seated[power] else "minister"}))
                assert reply["type"] == "joined", reply
                seated[power].append(reply["seat"])
                # 5. Each reads its own brief and the public one, nothing of the others'.
                assert reply["snapshot"]["briefs"] == {"public": briefs["public"],
                                                      power: briefs[power]}
            assert sum(len(s) for s in seated.values()) == PEOPLE
            assert max(len(s) for s in seated.values()) == 3
            full = WebSocketConnection.open(host.url)
            conns.append(full)
            refused = reply_to(full, full.send({"type": "join_team", "match": match_id,
                                                "seat": powers[0], "name": "Late"}))
            assert refused["type"] == "error" and refused["code"] == "seat_taken"

            # 6. The umpire opens the console from the seat the lobby remembers.
            flow.go_straight(match_id, "umpire", umpire.token)
            until(lambda: isinstance(app.top, ConsoleScreen), step=step(app))
            console = app.top
            run(app, 3)
            assert set(console.model.extra["briefs"]) == {"public", *powers}
            shot(app, "6-console")
        finally:
            flow.close()
            for conn in conns:
                conn.close()
