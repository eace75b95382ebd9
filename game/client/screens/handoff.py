"""The hand-off screen: "Pass to France — click when ready".

It shows nothing of the match but whose turn it is to plan, so the screen can be handed
across the table without the previous player's orders, chat or proposals on it: the game
screen of the previous player has left (and killed its widgets) before this one enters.
"""

from __future__ import annotations

from typing import Callable

import pygame
import pygame_gui
from pygame_gui.elements import UIButton

from game.words import palette
from ..app import App, Scene
from .common import FAINT, blit_text, card, paper_background

Colour = tuple[int, int, int]

# Input is ignored this long after the card appears: a double-click on the previous
# player's Done must not open the next player's screen before it changes hands.
ARM_SECONDS = 0.6


class HandoffScreen(Scene):
    """A blank card naming the next player; a click, Enter or Space shows their screen."""

    def __init__(self, app: App, *, power_name: str, colour: Colour, player: str,
                 notes: list[str], on_ready: Callable[[], None]) -> None:
        super().__init__(app)
        self.power_name = power_name
        self.colour = colour
        self.player = player
        self.notes = notes
        self.on_ready = on_ready
        self.button: UIButton | None = None
        self.shown = 0.0

    def card_rect(self) -> pygame.Rect:
        w, h = self.app.size
        rect = pygame.Rect(0, 0, 640, 360)
        rect.center = (w // 2, h // 2)
        return rect

    def enter(self) -> None:
        rect = self.card_rect()
        self.button = UIButton(pygame.Rect(rect.centerx - 150, rect.bottom - 74, 300, 48),
                               f"I am {self.player}: show my screen", self.manager,
                               object_id="#primary_button")

    def leave(self) -> None:
        if self.button is not None:
            self.button.kill()
            self.button = None

    @property
    def armed(self) -> bool:
        return self.shown >= ARM_SECONDS

    def update(self, dt: float) -> None:
        self.shown += dt

    def handle(self, event: pygame.event.Event) -> bool:
        if not self.armed:
            return event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONUP,
                                  pygame_gui.UI_BUTTON_PRESSED)
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.button:
            self.on_ready()
            return True
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_SPACE,
                                                          pygame.K_KP_ENTER):
            self.on_ready()
            return True
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1 \
                and self.card_rect().collidepoint(event.pos):
            self.on_ready()
            return True
        return False

    def draw(self, surface: pygame.Surface) -> None:
        paper_background(surface)
        rect = self.card_rect()
        card(surface, rect, radius=14)
        pygame.draw.rect(surface, self.colour, (rect.x, rect.y, rect.width, 14),
                         border_top_left_radius=14, border_top_right_radius=14)
        y = blit_text(surface, f"Pass to {self.power_name}", (rect.centerx, rect.y + 44),
                      size=38, bold=True, style="serif", centre=True)
        y = blit_text(surface, f"{self.player}, click when you are ready.",
                      (rect.centerx, y + 6), size=18, colour=palette.INK_SOFT, centre=True)
        y += 14
        for note in self.notes:
            y = blit_text(surface, note, (rect.centerx, y), size=15, centre=True,
                          colour=palette.INK)
        blit_text(surface, "Everyone else: please look away while they plan.",
                  (rect.centerx, rect.bottom - 110), size=13, colour=FAINT, centre=True)
