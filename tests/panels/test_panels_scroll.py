"""A panel's column scrolls a useful step per wheel notch, and sliders move with their rows."""

from __future__ import annotations

import pygame
import pytest
from pygame_gui.elements import UIHorizontalSlider

from game.client.panels import PactsPanel
from panels_table import Table
from game.client.panels.frame import WHEEL_STEP
from test_panels_chat import SCENARIO


@pytest.fixture
def form(pygame_ready):
    table = Table(SCENARIO, ["RED", "BLU", "GRN"], size=(1280, 420))
    panel = table.open("RED", PactsPanel)
    panel.open_form()
    table.settle("RED")
    assert panel.bar is not None            # taller than the column: it scrolls
    return table, panel


def wheel(table, panel, notches: int) -> None:
    pygame.mouse.set_pos(panel.view_rect().center)
    for _ in range(abs(notches)):
        pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1 if notches > 0 else 1,
                                             precise_x=0.0, precise_y=0.0, flipped=False))
    table.settle("RED")


def test_one_wheel_notch_scrolls_a_step_of_rows(form):
    table, panel = form
    wheel(table, panel, 1)
    assert panel.offset == WHEEL_STEP >= 48
    wheel(table, panel, -1)
    assert panel.offset == 0


def test_sliders_move_with_their_rows_when_the_column_scrolls(form):
    _table, panel = form
    for slider in [e for e in panel.content.elements if isinstance(e, UIHorizontalSlider)]:
        before = slider.sliding_button.rect.y - slider.rect.y
        panel.scroll_to(100)
        assert slider.sliding_button.rect.y - slider.rect.y == before
        panel.scroll_to(0)
