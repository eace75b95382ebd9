"""The online lobby driven through its screens with posted events, against a real host on
127.0.0.1: list, create with options, join, spectate, rejoin after a restart of the client,
the umpire's console, and the reconnect banner on the game screen."""

from __future__ import annotations

import pygame
import pytest

from game.client.app import App
from game.client.connection import OPEN, RECONNECTING
from game.client.net import Backoff, WebSocketConnection
from game.client.screens.create_match import CreateMatchScreen
from game.client.screens.game import GameScreen
from game.client.screens.lobby import LobbyScreen, match_items
from game.client.screens.start import BOT, EMPTY
from game.client.workshop.console import ConsoleScreen
from online_helpers import host_thread, reply_to, until
from client_helpers import SHOTS, press_button, quit_to_title, run
from lobby_helpers import flow_for, make_match, open_lobby, step

pytestmark = pytest.mark.usefixtures("pygame_ready")


def test_list_choose_and_join_a_free_seat(tmp_path):
    with host_thread() as host:
        made = make_match(host.url, name="Friday", deadline=600, bots=["GRN"])
        app, flow = flow_for(host.url, tmp_path)
        try:
            lobby = open_lobby(app, flow)
            assert [m["match"] for m in lobby.matches] == [made["match"]]
            assert lobby.chosen == made["match"]          # the only match is chosen
            assert lobby.widgets["matches"].item_list[0]["text"] == (
                "Friday — test · turn 1, 2 of 2 seats free")
            assert lobby.seat_choice == "RED"
            run(app, 2)
            app.screenshot(f"{SHOTS}/lobby.png")
            # Joining without a name is refused with the reason.
            press_button(app, lobby.widgets["join"])
            assert lobby.error == "Write your name first: the other players see it."
            lobby.widgets["name"].set_text("Ada")
            press_button(app, lobby.widgets["join"])
            until(lambda: isinstance(app.top, GameScreen), step=step(app))
            screen = app.top
            assert screen.model.seat == "RED" and screen.player == "Ada"
            assert screen.model.deadline is not None and screen.conn.status == OPEN
            (held,) = flow.book.all()
            assert (held.server, held.match, held.seat, held.player, held.name) == (
                host.url, made["match"], "RED", "Ada", "Friday")
            assert held.token == screen.conn.token
            run(app, 3)
            app.screenshot(f"{SHOTS}/online_game.png")
            # The seat is taken now: the lobby of a second player offers BLU only.
            app2, flow2 = flow_for(host.url, tmp_path / "other")
            lobby2 = open_lobby(app2, flow2)
            assert lobby2.seat_choice == "BLU"
            assert lobby2.widgets["seat"].options_list == [("BLU", "BLU")]
            flow2.close()
        finally:
            flow.close()


def test_create_a_match_with_bots_empty_seats_and_options(tmp_path):
    with host_thread() as host:
        app, flow = flow_for(host.url, tmp_path)
        try:
            lobby = open_lobby(app, flow)
            assert lobby.matches == []
            press_button(app, lobby.widgets["create"])
            form = app.top
            assert isinstance(form, CreateMatchScreen)
            until(lambda: form.loaded, step=step(app))
            names = [s["name"] for s in form.form.scenarios]
            assert {"triangle", "triangle-luck", "tutorial"} <= set(names)
            assert form.form.scenario == {
                "name": names[0], **{k: form.form.scenarios[0][k]
                                     for k in ("title", "description", "powers")}}
            triangle = [s["name"] for s in form.form.scenarios].index("triangle")
            form.form.choose(triangle)
            form.leave()
            form.enter()
            assert [s.power for s in form.form.seats] == ["RED", "BLU", "GRN"]
            # GRN a bot, BLU empty: chosen through the seat menus' events.
            for power, kind in (("GRN", BOT), ("BLU", EMPTY)):
                i = [s.power for s in form.form.seats].index(power)
                pygame.event.post(pygame.event.Event(
                    pygame_gui_changed(), text=kind, ui_element=form.seat_widgets[i]["kind"]))
                run(app, 2)
            form.widgets["name"].set_text("Friday")
            form.widgets["password"].set_text("pw")
            press_button(app, form.widgets["fog"])
            pygame.event.post(pygame.event.Event(pygame_gui_changed(), text="10 minutes",
                                                 ui_element=form.widgets["deadline"]))
            run(app, 2)
            app.screenshot(f"{SHOTS}/create_form.png")
            form._read_text()
            request = form.form.request()
            personality = form.form.seats[2].personality
            expected = {"type": "create_match", "scenario": "triangle", "fog": False,
                        "name": "Friday", "password": "pw", "deadline": 600, "bots": ["GRN"],
                        "empty": ["BLU"]}
            if personality != "default":
                expected["personalities"] = {"GRN": personality}
            assert request == expected
            press_button(app, form.widgets["create"])
            until(lambda: isinstance(app.top, LobbyScreen) and app.top.loaded
                  and app.top.matches, step=step(app))
            lobby = app.top
            (summary,) = lobby.matches
            assert lobby.chosen == summary["match"] and summary["name"] == "Friday"
            assert [(s["power"], s["kind"]) for s in summary["seats"]] == [
                ("RED", "human"), ("BLU", "empty"), ("GRN", "bot")]
            assert (summary["fog"], summary["deadline"], summary["password"]) == (
                False, 600, True)
            (umpire,) = flow.book.all()
            assert (umpire.match, umpire.seat) == (summary["match"], "umpire")
            # The password is needed to join.
            lobby.widgets["name"].set_text("Ada")
            press_button(app, lobby.widgets["join"])
            until(lambda: lobby.error != "" and lobby.opener is None, step=step(app))
            assert lobby.error == "The match password is wrong."
            lobby.widgets["password"].set_text("pw")
            press_button(app, lobby.widgets["join"])
            until(lambda: isinstance(app.top, GameScreen), step=step(app))
            assert app.top.model.seat == "RED" and app.top.model.fog is False
        finally:
            flow.close()


def choose_held(app: App, lobby: LobbyScreen, i: int) -> None:
    """Pick the i-th remembered seat in its list, as a click would."""
    import pygame_gui
    pygame.event.post(pygame.event.Event(pygame_gui.UI_SELECTION_LIST_NEW_SELECTION,
                                         text=lobby.held[i].describe(),
                                         ui_element=lobby.widgets["held"]))
    run(app, 2)
    assert lobby.held_choice == i and lobby.widgets["rejoin"].is_enabled


def pygame_gui_changed() -> int:
    import pygame_gui
    return pygame_gui.UI_DROP_DOWN_MENU_CHANGED


def test_spectate_then_the_umpire_console_from_the_remembered_token(tmp_path):
    with host_thread() as host:
        made = make_match(host.url, name="Tuesday")
        app, flow = flow_for(host.url, tmp_path)
        try:
            lobby = open_lobby(app, flow)
            press_button(app, lobby.widgets["spectate"])
            until(lambda: isinstance(app.top, GameScreen), step=step(app))
            assert app.top.model.seat == "spectator" and flow.book.all() == []
            # Menu: back to the lobby, on a fresh connection.
            quit_to_title(app)
            lobby = app.top
            assert isinstance(lobby, LobbyScreen)
            assert lobby.message == "You stopped watching; Spectate watches again."
            until(lambda: lobby.loaded, step=step(app))
            from game.client.online.seats import HeldSeat
            flow.book.remember(HeldSeat(host.url, made["match"], "umpire",
                                        made["umpire_token"], name="Tuesday"))
            lobby.leave()
            lobby.enter()
            assert [h.describe() for h in lobby.held] == ["Tuesday · umpire"]
            choose_held(app, lobby, 0)
            press_button(app, lobby.widgets["rejoin"])
            until(lambda: isinstance(app.top, ConsoleScreen), step=step(app))
            assert app.top.model.seat == "umpire"
            # casus join --seat umpire --token T: the same console, without the lobby.
            flow.close()
            flow.go_straight(made["match"], "umpire", made["umpire_token"])
            until(lambda: isinstance(app.top, ConsoleScreen), step=step(app))
            run(app, 2)
            app.screenshot(f"{SHOTS}/online_console.png")
            # The projector (when that screen is missing: the game screen, spectating).
            flow.close()
            flow.projector = True
            flow.go_straight(made["match"], None, None)
            until(lambda: app.top.__class__.__name__ in ("ProjectorScreen", "GameScreen")
                  and not isinstance(app.top, LobbyScreen), step=step(app))
            assert app.top.model.seat == "spectator"
        finally:
            flow.close()


def test_rejoin_after_a_restart_of_the_client_and_a_stale_token(tmp_path):
    with host_thread() as host:
        made = make_match(host.url, name="Saturday")
        app, flow = flow_for(host.url, tmp_path)
        try:
            lobby = open_lobby(app, flow)
            lobby.widgets["name"].set_text("Ada")
            press_button(app, lobby.widgets["join"])
            until(lambda: isinstance(app.top, GameScreen), step=step(app))
            conn = app.top.conn
            reply_to(conn, conn.send({"type": "orders", "orders": [
                {"op": "build", "territory": "R", "n": 1}]}))
        finally:
            flow.close()
        # A new client with the same seat file: Rejoin restores the seat and its orders.
        app, flow = flow_for(host.url, tmp_path)
        try:
            lobby = open_lobby(app, flow)
            assert [h.describe() for h in lobby.held] == ["Saturday · RED (Ada)"]
            choose_held(app, lobby, 0)
            press_button(app, lobby.widgets["rejoin"])
            until(lambda: isinstance(app.top, GameScreen), step=step(app))
            screen = app.top
            assert screen.model.seat == "RED" and screen.player == "Ada"
            assert screen.draft.orders == [{"op": "build", "territory": "R", "n": 1}]
            # The straight path (casus join --match --seat) finds the token in the file too.
            flow.close()
            flow.go_straight(made["match"], "RED", None)
            until(lambda: isinstance(app.top, GameScreen), step=step(app))
            assert app.top.model.seat == "RED"
            # A token that opens nothing: back in the lobby, with the reason.
            flow.close()
            flow.go_straight(made["match"], None, "not-a-token")
            until(lambda: isinstance(app.top, LobbyScreen), step=step(app))
            assert app.top.message.startswith("That seat token no longer opens a seat")
        finally:
            flow.close()


def test_the_game_screen_shows_the_reconnect_banner_and_recovers(tmp_path):
    with host_thread() as host:
        made = make_match(host.url)
        app, flow = flow_for(host.url, tmp_path, size=(1280, 720))
        flow.connect = lambda u: WebSocketConnection.open(
            u, backoff=Backoff(first=0.6, cap=0.6, attempts=20))
        try:
            flow.player = "Ada"
            flow.go_straight(made["match"], "RED", None)
            until(lambda: isinstance(app.top, GameScreen), step=step(app))
            screen = app.top
            screen.conn.drop()
            until(lambda: screen.conn.status == RECONNECTING, step=step(app))
            run(app, 2)
            app.screenshot(f"{SHOTS}/online_reconnecting.png")
            at = (screen.layout.map.x + 6, screen._banner_area().y + 16)
            amber = tuple(app.screen.get_at(at))[:3]
            assert amber[0] > amber[2] + 60          # the banner's amber over the map
            until(lambda: screen.conn.status == OPEN and screen.conn.reconnects == 1,
                  step=step(app))
            run(app, 3)
            assert tuple(app.screen.get_at(at))[:3] != amber     # gone once back
            assert app.top is screen and screen.model.seat == "RED"
            assert any(t.startswith("Reconnected") for t, _ in screen.toasts)
        finally:
            flow.close()


def test_match_lines_are_unique_and_say_what_matters():
    seats = [{"power": "RED", "kind": "human", "occupied": True},
             {"power": "BLU", "kind": "human", "occupied": False},
             {"power": "GRN", "kind": "bot", "occupied": False}]
    a = {"match": "aa", "name": "Friday", "scenario": "Tutorial", "turn": 3, "seats": seats}
    b = {**a, "match": "bb"}
    c = {**a, "match": "cc", "name": "", "password": True, "phase": "over"}
    assert match_items([a, b, c]) == [
        "Friday — Tutorial · turn 3, 1 of 2 seats free  [aa]",
        "Friday — Tutorial · turn 3, 1 of 2 seats free  [bb]",
        "Unnamed match — Tutorial · finished · password"]


def test_a_lobby_whose_connection_gave_up_connects_again_on_refresh(tmp_path):
    with host_thread() as host:
        app, flow = flow_for(host.url, tmp_path)
        try:
            lobby = open_lobby(app, flow)
            lobby.conn.close()
            run(app, 2)
            press_button(app, lobby.widgets["refresh"])
            fresh = app.top
            assert isinstance(fresh, LobbyScreen) and fresh is not lobby
            assert fresh.conn.status == OPEN and fresh.message == "Connected again."
            until(lambda: fresh.loaded, step=step(app))
        finally:
            flow.close()


def test_the_lobby_pages_through_the_hosts_matches(tmp_path, monkeypatch):
    import game.client.screens.lobby as lobby_module
    monkeypatch.setattr(lobby_module, "LIST_PAGE", 2)
    with host_thread() as host:
        made = [make_match(host.url, name=f"M{i}")["match"] for i in range(5)]
        made.reverse()            # open matches, the latest created first
        app, flow = flow_for(host.url, tmp_path)
        try:
            lobby = open_lobby(app, flow)
            assert [m["match"] for m in lobby.matches] == made[:2]
            assert lobby.page_words() == "1–2 of 5"
            assert lobby.widgets["more"].visible and lobby.widgets["more"].is_enabled
            assert not lobby.widgets["earlier"].is_enabled
            for expected, words in ((made[2:4], "3–4 of 5"), (made[4:], "5 of 5")):
                rid = lobby.list_rid
                press_button(app, lobby.widgets["more"])
                until(lambda: lobby.list_rid != rid and lobby.offset > 0
                      and [m["match"] for m in lobby.matches] == expected, step=step(app))
                assert lobby.page_words() == words
            assert not lobby.widgets["more"].is_enabled        # the last page
            press_button(app, lobby.widgets["earlier"])
            until(lambda: [m["match"] for m in lobby.matches] == made[2:4], step=step(app))
            run(app, 2)
            app.screenshot(f"{SHOTS}/lobby-paged.png")
        finally:
            flow.close()


def test_the_password_box_starts_with_the_password_casus_join_was_given(tmp_path):
    with host_thread() as host:
        make_match(host.url, name="Locked", password="sesame")
        app, flow = flow_for(host.url, tmp_path, password="sesame")
        try:
            lobby = open_lobby(app, flow)
            assert lobby.widgets["password"].get_text() == "sesame"
        finally:
            flow.close()
        app, flow = flow_for(host.url, tmp_path)
        try:
            assert open_lobby(app, flow).widgets["password"].get_text() == ""
        finally:
            flow.close()
