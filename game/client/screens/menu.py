"""The in-game menu (Esc, or the Menu button): resume, save, load, settings, help, and quit
to the title screen (online: back to the lobby) after a confirmation.

It is a scene over the game screen: the game screen leaves (its widgets go) and the menu
draws the last frame of the game, dimmed, under its card; Resume (or Esc) pops it and the
game screen comes back as it was. Settings live on the app (``app.settings``): sound (also
Ctrl+M in the game), the colour-blind palette, the speed of the turn replays, and the UI
scale (the panels' text size). Each change takes effect at once and is saved for the next
start (game/client/settings.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import pygame
import pygame_gui
from pygame_gui.elements import UIButton

from game.render import fonts
from game.words import palette
from ..app import App, Scene
from ..settings import SCALES, SPEEDS, Settings
from .common import FAINT, blit_text, card

BUTTON_W, BUTTON_H, GAP = 320, 40, 10
TITLE_SIZE = 28
TITLE_MARGIN = 32      # the least room either side of a page's title inside the card
TITLES = {"main": "Menu", "settings": "Settings", "load": "Load another game?"}
# Which setting each menu button changes (the key app.apply_settings knows it by).
CHANGES = {"sound": "sound", "colour_blind": "colour_blind", "speed": "animation_speed",
           "scale": "ui_scale"}


def _next(values: tuple[float, ...], value: float) -> float:
    return values[(values.index(value) + 1) % len(values)] if value in values else values[0]


@dataclass(frozen=True)
class Leaving:
    """Where Quit goes and what is kept, in the words of the button, of the confirmation's
    title, of the line under it, of its Yes, and of the game screen's Menu tooltip."""

    button: str
    title: str
    kept: str
    confirm: str
    hint: str


# A hot-seat game is saved after every action and resumed from the title screen; an
# online match stays on the host and is taken up again from the lobby.
TO_TITLE = Leaving("Quit to the title screen", "Quit to the title screen?",
                   "This game is saved; resume it from the title screen.",
                   "Yes, to the title screen", "Back to the start screen (the game is saved)")
TO_LOBBY = Leaving("Back to the lobby", "Back to the lobby?",
                   "The host keeps the match; Rejoin takes you back.",
                   "Yes, to the lobby",
                   "Back to the lobby (the seat stays yours: Rejoin takes you back)")
TO_LOBBY_WATCHING = Leaving("Back to the lobby", "Back to the lobby?",
                            "The host keeps the match; Spectate watches it again.",
                            "Yes, to the lobby", "Back to the lobby (Spectate watches again)")


class MenuScreen(Scene):
    """The menu card; each action is a callback of the screen that opened it."""

    def __init__(self, app: App, *, backdrop: pygame.Surface | None,
                 on_save: Callable[[], str] | None, on_load: Callable[[], None] | None,
                 on_help: Callable[[], None], on_quit: Callable[[], None],
                 save_words: str = "Save", leaving: Leaving | None = None) -> None:
        super().__init__(app)
        self.backdrop = backdrop
        self.on_save, self.on_load = on_save, on_load
        self.on_help, self.on_quit = on_help, on_quit
        self.save_words = save_words
        self.leaving = leaving or TO_TITLE
        self.page = "main"          # main | settings | quit | load
        self.note = ""
        self.buttons: dict[str, UIButton] = {}

    @property
    def settings(self) -> Settings:
        return self.app.settings

    # --- widgets ------------------------------------------------------------------------

    def items(self) -> list[tuple[str, str]]:
        s = self.settings
        if self.page == "settings":
            return [("sound", f"Sound: {'on' if s.sound else 'off'} (Ctrl+M)"),
                    ("colour_blind", f"Colour-blind palette: {'on' if s.colour_blind else 'off'}"),
                    ("speed", f"Replay speed: {s.animation_speed:g}×"),
                    ("scale", f"UI scale: {round(s.ui_scale * 100)}%"),
                    ("back", "Back")]
        if self.page in ("quit", "load"):
            leave = self.leaving if self.page == "quit" else TO_TITLE
            return [("confirm", leave.confirm), ("back", "No, back to the game")]
        items = [("resume", "Resume"), ("save", self.save_words)]
        if self.on_load is not None:
            items.append(("load", "Load a saved game…"))
        return items + [("settings", "Settings"), ("help", "Help (F1)"),
                        ("quit", self.leaving.button)]

    def title(self) -> str:
        """The page's title; the quit page asks in the words of where Quit goes."""
        return self.leaving.title if self.page == "quit" else TITLES[self.page]

    def card_rect(self) -> pygame.Rect:
        # As wide as the buttons need, or wider when the page's title would touch the edges.
        title = fonts.text(self.title(), TITLE_SIZE, palette.INK, True, "serif")
        width = max(BUTTON_W + 80, title.get_width() + 2 * TITLE_MARGIN)
        rect = pygame.Rect(0, 0, width, 150 + len(self.items()) * (BUTTON_H + GAP))
        rect.center = (self.app.size[0] // 2, self.app.size[1] // 2)
        return rect

    def enter(self) -> None:
        self.build()

    def build(self) -> None:
        self.kill()
        rect = self.card_rect()
        y = rect.y + 100
        for key, text in self.items():
            self.buttons[key] = UIButton(
                pygame.Rect(rect.centerx - BUTTON_W // 2, y, BUTTON_W, BUTTON_H), text,
                self.manager, object_id="#primary_button" if key in ("resume", "confirm")
                else None)
            y += BUTTON_H + GAP

    def kill(self) -> None:
        for button in self.buttons.values():
            button.kill()
        self.buttons = {}

    def leave(self) -> None:
        self.kill()

    def resize(self, size: tuple[int, int]) -> None:
        self.backdrop = None        # the game's last frame no longer fits
        self.build()

    # --- input --------------------------------------------------------------------------

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.choose("back" if self.page != "main" else "resume")
            return True
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            key = next((k for k, b in self.buttons.items() if b is event.ui_element), None)
            if key is not None:
                self.choose(key)
                return True
        return False

    def choose(self, key: str) -> None:
        s = self.settings
        self.note = ""
        if key == "resume":
            self.app.pop()
            return
        if key == "help":
            self.app.pop()
            self.on_help()
            return
        if key == "save" and self.on_save is not None:
            self.note = self.on_save()
        elif key in ("quit", "load", "settings"):
            self.page = key
        elif key == "back":
            self.page = "main" if self.page != "main" else self.page
        elif key == "confirm":
            (self.on_load if self.page == "load" and self.on_load else self.on_quit)()
            return
        elif key == "sound":
            s.sound = not s.sound
        elif key == "colour_blind":
            s.colour_blind = not s.colour_blind
        elif key == "speed":
            s.animation_speed = _next(SPEEDS, s.animation_speed)
        elif key == "scale":
            s.ui_scale = _next(SCALES, s.ui_scale)
            self.note = f"The panels' text is now at {round(s.ui_scale * 100)}%."
        if key in CHANGES:
            self.app.apply_settings(frozenset({CHANGES[key]}))
            self.note = self.app.save_settings() or self.note
        self.build()

    # --- drawing ------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        if self.backdrop is not None and self.backdrop.get_size() == surface.get_size():
            surface.blit(self.backdrop, (0, 0))
            shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
            shade.fill((30, 24, 18, 140))
            surface.blit(shade, (0, 0))
        else:
            surface.fill(palette.PARCHMENT_DARK)
        rect = self.card_rect()
        card(surface, rect, radius=14)
        y = blit_text(surface, self.title(), (rect.centerx, rect.y + 22), size=TITLE_SIZE,
                      bold=True, style="serif", centre=True)
        if self.page in ("quit", "load"):
            blit_text(surface, self.leaving.kept if self.page == "quit" else TO_TITLE.kept,
                      (rect.centerx, y + 4), size=14, colour=FAINT, centre=True)
        elif self.note:
            blit_text(surface, self.note, (rect.centerx, y + 4), size=13, colour=FAINT,
                      centre=True, width=rect.width - 40)
