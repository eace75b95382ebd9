"""The in-game menu, seen from a hot-seat game: back from it the player finds the tab they
were reading, and its confirmation pages keep their title clear of the card's edges."""

from __future__ import annotations

from typing import Iterator

import pygame
import pytest

from game.client.app import App
from game.client.hotseat import HotseatGame, SeatChoice
from game.client.screens.game import GameScreen
from game.client.screens.menu import MenuScreen
from game.maps import load_scenario, resolve_scenario
from game.words import palette
from client_helpers import key, press_button, run

pytestmark = pytest.mark.usefixtures("pygame_ready")


@pytest.fixture
def table() -> Iterator[tuple[App, GameScreen]]:
    """Ada's game screen at a tutorial table of two players, at 1280x720."""
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
        yield app, shown
    finally:
        game.close()


def test_resuming_from_the_menu_keeps_the_powers_tab_open(table):
    app, shown = table
    key(app, pygame.K_F5)                       # the Powers tab
    assert shown.sidebar.titles[shown.sidebar.current] == "Powers"
    key(app, pygame.K_ESCAPE)                   # the menu
    menu = app.top
    assert isinstance(menu, MenuScreen)
    press_button(app, menu.buttons["resume"])
    assert app.top is shown
    assert shown.sidebar.titles[shown.sidebar.current] == "Powers"
    assert shown.sidebar.panels[shown.sidebar.current].visible


def test_the_quit_question_stands_well_inside_its_card(table):
    app, shown = table
    press_button(app, shown.widgets["leave"])
    menu = app.top
    assert isinstance(menu, MenuScreen)
    press_button(app, menu.buttons["quit"])
    run(app, 2)
    app.screenshot("/tmp/client/menu_quit.png")
    rect = menu.card_rect()
    ink = [x for x in range(rect.x, rect.right) for y in range(rect.y + 22, rect.y + 58)
           if tuple(app.screen.get_at((x, y)))[:3] == palette.INK]
    assert ink, "the title is drawn"
    assert min(ink) - rect.x >= 24 and rect.right - max(ink) >= 24
    # The buttons still sit inside the card.
    assert all(rect.contains(b.rect) for b in menu.buttons.values())
