"""Back from the in-game menu, the player finds the tab they were reading."""

from __future__ import annotations

import pygame
import pytest

from game.client.app import App
from game.client.hotseat import HotseatGame, SeatChoice
from game.client.screens.game import GameScreen
from game.client.screens.menu import MenuScreen
from game.maps import load_scenario, resolve_scenario
from client_helpers import key, press_button, run

pytestmark = pytest.mark.usefixtures("pygame_ready")


def test_resuming_from_the_menu_keeps_the_powers_tab_open():
    scenario = load_scenario(resolve_scenario("tutorial"))
    seats = {"RED": SeatChoice("human", "Ada"), "GRN": SeatChoice("human", "Gus"),
             "BLU": SeatChoice("empty"), "YEL": SeatChoice("empty")}
    game = HotseatGame.new(scenario, seats, fog=False, seed=7)
    try:
        app = App((1280, 720))
        shown = GameScreen(app, game.conns["RED"], game.models["RED"],
                           map_doc=scenario.map_doc, rules=scenario.rules,
                           draft=game.draft("RED"), player="Ada", on_done=lambda: None,
                           on_leave=lambda: None)
        app.push(shown)
        run(app, 2)
        key(app, pygame.K_F5)                       # the Powers tab
        assert shown.sidebar.titles[shown.sidebar.current] == "Powers"
        key(app, pygame.K_ESCAPE)                   # the menu
        menu = app.top
        assert isinstance(menu, MenuScreen)
        press_button(app, menu.buttons["resume"])
        assert app.top is shown
        assert shown.sidebar.titles[shown.sidebar.current] == "Powers"
        assert shown.sidebar.panels[shown.sidebar.current].visible
    finally:
        game.close()
