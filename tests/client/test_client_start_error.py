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


def test_a_long_complaint_with_a_path_in_it_stays_inside_the_card_above_the_fog_button(tmp_path):
    app = App()
    flow = HotseatFlow(app, saves_dir=tmp_path, initial="tutorial")
    flow.start_menu()
    screen = app.top
    run(app, 2)
    clean = app.screen.copy()
    screen.error = ("The game could not be saved (No space left on device: '/home/someone/"
                    ".local/share/casus-foederis/saves/tutorial-2026-12-07-0415.json'), so the "
                    "turn was not played: resume it once it can be saved.")
    run(app, 2)
    _, mid, _ = screen.columns()
    fog = screen.widgets["fog"].rect
    changed = [(x, y) for x in range(0, app.screen.get_width(), 2)
               for y in range(0, app.screen.get_height(), 2)
               if app.screen.get_at((x, y)) != clean.get_at((x, y))]
    assert changed                                      # the complaint is drawn
    assert all(mid.x < x < mid.right - 10 for x, _ in changed)
    assert all(y < fog.top for _, y in changed)


def test_a_word_wider_than_the_line_is_cut_where_the_line_is_full():
    from game.render.fonts import font, wrap
    path = "/home/someone/.local/share/casus-foederis/saves/tutorial-2026-12-07-0415.json"
    lines = wrap(f"could not save {path} now", 200, 14)
    assert len(lines) >= 3 and "".join(lines).replace(" ", "") == \
        f"couldnotsave{path}now"
    assert all(font(14).size(line)[0] <= 200 for line in lines)
    assert wrap("two words", 200, 14) == ["two words"]
