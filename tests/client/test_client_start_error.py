"""The start screen's complaint goes once the player changes what it complained about."""

from __future__ import annotations

import pygame
import pygame_gui
import pytest

from game.client.app import App
from game.client.hotseat.flow import HotseatFlow
from game.client.screens.start import EMPTY, PERSON, StartScreen
from client_helpers import press_button, run

pytestmark = pytest.mark.usefixtures("pygame_ready")


def test_making_a_seat_a_person_clears_somebody_has_to_play(tmp_path):
    app = App()
    flow = HotseatFlow(app, saves_dir=tmp_path, initial="tutorial")
    flow.start_menu()
    screen = app.top
    assert isinstance(screen, StartScreen)
    for row in screen.rows:
        row.kind = EMPTY
    screen._build_seats()
    run(app, 2)
    press_button(app, screen.widgets["start"])
    assert "At least one seat must be a person" in screen.error
    # The player makes Redland a person, as the dropdown tells the screen.
    pygame.event.post(pygame.event.Event(pygame_gui.UI_DROP_DOWN_MENU_CHANGED, {
        "text": PERSON, "ui_element": screen.seat_widgets[0]["kind"]}))
    run(app, 2)
    assert screen.rows[0].kind == PERSON
    assert screen.error == ""
    app.screenshot("/tmp/client/start_error_cleared.png")
