"""A spectator's order list does not tell it to drag its units: it has none and gives no
orders. A player's empty list still says how to give them."""

from __future__ import annotations

from game.client.screens.game import GameScreen
from game.client.screens.order_list import HOW_TO_ORDER, WATCHING
from client_helpers import press_button, quit_to_title
from lobby_helpers import flow_for, make_match, open_lobby, step
from online_helpers import host_thread, until


def test_the_spectators_order_list_says_it_only_watches(tmp_path):
    with host_thread() as host:
        make_match(host.url, name="Friday")
        app, flow = flow_for(host.url, tmp_path)
        try:
            lobby = open_lobby(app, flow)
            press_button(app, lobby.widgets["spectate"])
            until(lambda: isinstance(app.top, GameScreen), step=step(app))
            assert app.top.order_list.empty_note == WATCHING
            assert "drag" not in WATCHING.lower()
            quit_to_title(app)
            lobby = app.top
            until(lambda: lobby.loaded, step=step(app))
            lobby.widgets["name"].set_text("Ada")
            press_button(app, lobby.widgets["join"])
            until(lambda: isinstance(app.top, GameScreen), step=step(app))
            assert app.top.order_list.empty_note == HOW_TO_ORDER
        finally:
            flow.close()
