"""The in-game menu of an online match says where Quit goes: back to the lobby, where Rejoin
(for a seat) or Spectate (for a spectator, who holds no token) takes the player back; the
lobby then has the match just left chosen. A hot-seat game keeps its title-screen words."""

from __future__ import annotations

from game.client.screens.game import GameScreen
from game.client.screens.lobby import LobbyScreen
from game.client.screens.menu import TO_TITLE, MenuScreen
from client_helpers import press_button
from lobby_helpers import flow_for, make_match, open_lobby, step
from online_helpers import host_thread, until


def menu_words(app) -> tuple[str, str, str]:
    """Open the menu and its Quit page; the Quit button's, the title's and Yes's words."""
    press_button(app, app.top.widgets["leave"])
    menu = app.top
    assert isinstance(menu, MenuScreen)
    button = menu.buttons["quit"].text
    press_button(app, menu.buttons["quit"])
    return button, menu.leaving.title, menu.buttons["confirm"].text


def test_leaving_an_online_match_goes_back_to_the_lobby_in_those_words(tmp_path):
    with host_thread() as host:
        first = make_match(host.url, name="First")
        made = make_match(host.url, name="Second")
        app, flow = flow_for(host.url, tmp_path)
        try:
            lobby = open_lobby(app, flow)
            lobby.choose(first["match"])
            press_button(app, lobby.widgets["spectate"])
            until(lambda: isinstance(app.top, GameScreen), step=step(app))
            assert menu_words(app) == ("Back to the lobby", "Back to the lobby?",
                                       "Yes, to the lobby")
            assert "Spectate" in app.top.leaving.kept and "Rejoin" not in app.top.leaving.kept
            press_button(app, app.top.buttons["confirm"])
            lobby = app.top
            assert isinstance(lobby, LobbyScreen)
            assert lobby.message == "You stopped watching; Spectate watches again."
            until(lambda: lobby.loaded, step=step(app))
            assert lobby.chosen == first["match"] != made["match"]
            # A player's seat: Rejoin takes it back.
            lobby.widgets["name"].set_text("Ada")
            press_button(app, lobby.widgets["join"])
            until(lambda: isinstance(app.top, GameScreen), step=step(app))
            assert menu_words(app)[0] == "Back to the lobby"
            assert "Rejoin" in app.top.leaving.kept
            press_button(app, app.top.buttons["confirm"])
            lobby = app.top
            assert lobby.message == "You left the match; Rejoin takes you back."
            until(lambda: lobby.loaded, step=step(app))
            assert lobby.chosen == first["match"]
        finally:
            flow.close()


def test_the_hot_seat_menu_keeps_its_title_screen_words():
    assert (TO_TITLE.button, TO_TITLE.title, TO_TITLE.confirm) == (
        "Quit to the title screen", "Quit to the title screen?", "Yes, to the title screen")
