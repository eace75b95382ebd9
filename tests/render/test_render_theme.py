"""The pygame_gui theme (game/data/assets/theme.json) loads, and agrees with the palette module."""

from __future__ import annotations

import json
from pathlib import Path

import pygame
import pygame_gui

from game.words import palette

from game.data import THEME_PATH as THEME


def test_the_theme_loads_into_pygame_gui_and_styles_a_button():
    pygame.init()
    pygame.display.set_mode((320, 200))
    manager = pygame_gui.UIManager((320, 200), str(THEME))
    button = pygame_gui.elements.UIButton(pygame.Rect(10, 10, 140, 36), "Done",
                                          manager=manager)
    manager.update(0.016)
    surf = pygame.display.get_surface()
    surf.fill((0, 0, 0))
    manager.draw_ui(surf)
    assert button.colours["normal_bg"] == pygame.Color("#e9dec4")
    pygame.image.save(surf, "/tmp/render_theme_button.png")


def test_the_theme_uses_the_palettes_paper_and_ink():
    doc = json.loads(THEME.read_text())
    colours = doc["defaults"]["colours"]
    assert pygame.Color(colours["normal_bg"])[:3] == palette.PARCHMENT
    assert pygame.Color(colours["normal_text"])[:3] == palette.INK
