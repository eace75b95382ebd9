"""The help overlay (F1): the rules in plain words, the keyboard shortcuts, the link legend.

It is not a sidebar tab: the game screen builds one, calls ``toggle`` on F1 and forwards
events, updates and resizes. The rules text is the plain-words summary of RULES.md for the
match's ruleset (game/words/rules_summary.py); the legend is the map's own legend image
(game/render/links.py), so what the player reads here is exactly what the map draws.
"""

from __future__ import annotations

from typing import Any, Sequence

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UIImage, UILabel, UIPanel, UITextBox

from game.client.panels.frame import esc, preload_fonts
from game.engine.params import Rules
from game.maps.briefs import inline_html
from game.render.links import LinkToggles, legend_surface
from game.words.rules_summary import summary

DEFAULT_SHORTCUTS: tuple[tuple[str, str], ...] = (
    ("F1", "show or hide this help"),
    ("Esc", "close this help"),
)

def rules_markup(rules: Rules | None = None) -> str:
    """The rules summary of a match's rules (game/words/rules_summary.py) in pygame_gui's
    HTML subset; ruleset 1 when None. Its ``**bold**`` is read as the briefs' Markdown is
    (``inline_html``, as the Brief tab does)."""
    return "<br>".join(f"<font size=4.5><b>{esc(title)}</b></font><br>{inline_html(text)}<br>"
                       for title, text in summary(rules))


def shortcuts_markup(shortcuts: Sequence[tuple[str, str]]) -> str:
    """The keyboard shortcuts, one a line."""
    rows = [f"<b>{esc(key)}</b>  {esc(what)}" for key, what in shortcuts]
    return "<font size=4.5><b>Keyboard shortcuts</b></font><br>" + "<br>".join(rows)


class HelpOverlay:
    """A centred page over the game screen, hidden until ``show`` or ``toggle``."""

    def __init__(self, manager: pygame_gui.UIManager, rect: pygame.Rect, ctx: Any = None,
                 *, shortcuts: Sequence[tuple[str, str]] = ()) -> None:
        """``rect`` is the area to centre in (the window); ``shortcuts`` are the game
        screen's own (key, what it does), listed with the panels' tab keys."""
        from game.client.panels import SIDEBAR_PANELS
        preload_fonts(manager)
        self.manager = manager
        self.area = pygame.Rect(rect)
        tabs = [(pygame.key.name(cls.shortcut).upper(), f"open the {cls.title} tab")
                for cls in SIDEBAR_PANELS if cls.shortcut is not None]
        self.shortcuts = [*DEFAULT_SHORTCUTS, *tabs, *shortcuts]
        # The match's rules (the panels' context carries them): ruleset 2 has its own summary.
        self.rules: Rules | None = getattr(ctx, "rules", None)
        self.visible = False
        self.root: UIPanel | None = None
        self.close_button: UIButton | None = None
        self.text: UITextBox | None = None
        self._build()

    def _build(self) -> None:
        if self.root is not None:
            self.root.kill()
        w = min(880, self.area.width - 80)
        h = self.area.height - 60
        rect = pygame.Rect(0, 0, w, h)
        rect.center = self.area.center
        self.root = UIPanel(rect, starting_height=20, manager=self.manager,
                            object_id="#help_overlay",
                            visible=int(self.visible))
        UILabel(pygame.Rect(16, 8, w - 140, 34), "How to play Casus Foederis", self.manager,
                container=self.root, object_id="#panel_title")
        self.close_button = UIButton(pygame.Rect(w - 110, 10, 90, 30), "Close",
                                     self.manager, container=self.root)
        # Two columns: the rules on the left; shortcuts and the map's own legend (the same
        # image the map draws, all kinds on) on the right.
        side = 300 if w >= 760 else 0
        self.text = UITextBox(rules_markup(self.rules), pygame.Rect(10, 48, w - 24 - side, h - 62),
                              self.manager, container=self.root,
                              object_id="#help_text")
        legend = legend_surface(LinkToggles())
        if side:
            x = w - side - 6
            keys_h = max(120, h - 62 - legend.get_height() - 16)
            self.keys = UITextBox(shortcuts_markup(self.shortcuts),
                                  pygame.Rect(x, 48, side - 14, keys_h), self.manager,
                                  container=self.root,
                                  object_id="#help_text")
            UIImage(pygame.Rect(x + 6, 48 + keys_h + 8, *legend.get_size()), legend,
                    self.manager, container=self.root)
        else:     # a narrow window: everything in one scrolling column, legend in words
            self.text.set_text(rules_markup(self.rules) + "<br>" + shortcuts_markup(self.shortcuts))
        if not self.visible:
            self.root.hide()

    def show(self) -> None:
        self.visible = True
        assert self.root is not None
        self.root.show()

    def hide(self) -> None:
        self.visible = False
        assert self.root is not None
        self.root.hide()

    def toggle(self) -> None:
        """Show the page if hidden, hide it if shown (the game screen's F1)."""
        if self.visible:
            self.hide()
        else:
            self.show()

    def process_event(self, event: pygame.event.Event) -> bool:
        """Close on Esc or the Close button; True if the event was the overlay's."""
        if not self.visible:
            return False
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.hide()
            return True
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.close_button:
            self.hide()
            return True
        return False

    def update(self, dt: float) -> None:
        """Nothing moves on the page; here for the game screen's uniform loop."""

    def set_rect(self, rect: pygame.Rect) -> None:
        """The window was resized: centre the page again at the new size."""
        self.area = pygame.Rect(rect)
        self._build()

    def kill(self) -> None:
        if self.root is not None:
            self.root.kill()
