"""The sidebar: a row of tabs, one panel per tab, only the current one shown.

The panels are ``game.client.panels.SIDEBAR_PANELS``, in tab order. The game screen
forwards ``refresh``, ``process_event``, ``update`` and ``set_rect`` here, and this forwards
them to the panels, as the client contract (docs/CLIENT.md) describes. A panel that fails
is reported in a toast and the game goes on.
"""

from __future__ import annotations

from typing import Any, Callable

import pygame
import pygame_gui
from pygame_gui.elements import UIButton

from game.client.panels import SIDEBAR_PANELS, HelpOverlay, PanelContext
from game.render import fonts

TAB_HEIGHT = 30
BADGE_SECONDS = 0.25    # how often the tabs' unread badges are counted again
TAB_FONT = 14           # the theme's button type (defaults: noto_sans 14)
TAB_PAD = 12            # room a tab's label needs beside it, border and padding
BADGE_ROOM = " 99"      # what a two-digit unread count adds to a tab's label


def sidebar_panels() -> tuple[list[type], type | None, type]:
    """(panel classes in tab order, the help page, the PanelContext class)."""
    return list(SIDEBAR_PANELS), HelpOverlay, PanelContext


class Sidebar:
    """Tabs and panels in ``rect``."""

    def __init__(self, manager: pygame_gui.UIManager, rect: pygame.Rect, ctx: Any,
                 classes: list[type], current: int = 0,
                 on_error: Callable[[str], None] | None = None) -> None:
        self.manager = manager
        self.rect = pygame.Rect(rect)
        self.ctx = ctx
        self.badge_clock = 0.0
        self.on_error = on_error or (lambda message: None)
        self.panels: list[Any] = []
        self.tabs: list[UIButton] = []
        self.current = min(current, max(0, len(classes) - 1))
        body = self.body_rect()
        for cls in classes:
            try:
                self.panels.append(cls(manager, body, ctx))
            except Exception as err:   # one broken panel must not take the game down
                self.on_error(f"the {getattr(cls, 'title', cls.__name__)} tab failed to open: "
                              f"{err}")
        self._build_tabs()
        self.select(self.current)

    def body_rect(self) -> pygame.Rect:
        return pygame.Rect(self.rect.x, self.rect.y + TAB_HEIGHT + 4, self.rect.width,
                           self.rect.height - TAB_HEIGHT - 4)

    def _build_tabs(self) -> None:
        for tab in self.tabs:
            tab.kill()
        self.tabs = []
        x = self.rect.x
        for panel, w in zip(self.panels, self.tab_widths()):
            rect = pygame.Rect(x, self.rect.y, w, TAB_HEIGHT)
            self.tabs.append(UIButton(rect, self.tab_label(panel), self.manager,
                                      object_id="#tab"))
            x += w

    def tab_widths(self) -> list[int]:
        """Each tab as wide as its title needs (with room for a two-digit badge where the
        panel counts one: "Chat 14" was cut short in equal tabs), the spare shared out; equal
        tabs when even that does not fit. Widths do not follow the counts, so tabs never jump."""
        n = max(1, len(self.panels))
        font = fonts.font(TAB_FONT)
        need = [font.size(str(getattr(p, "title", "?"))
                          + (BADGE_ROOM if callable(getattr(p, "badge", None)) else ""))[0]
                + TAB_PAD for p in self.panels]
        spare = self.rect.width - sum(need)
        if spare < 0:
            need = [self.rect.width // n] * n
            spare = self.rect.width - sum(need)
        widths = [w + spare // n for w in need]
        if widths:
            widths[-1] += self.rect.width - sum(widths)   # the last tab reaches the edge
        return widths

    def tab_label(self, panel: Any) -> str:
        """The tab's title, with the panel's unread count ("Chat 3") when it has one."""
        title = str(getattr(panel, "title", "?"))
        badge = getattr(panel, "badge", None)
        n = self._guard(panel, "badge") if callable(badge) else 0
        return f"{title} {n}" if isinstance(n, int) and n > 0 else title

    def select(self, index: int) -> None:
        if not self.panels:
            return
        self.current = index % len(self.panels)
        for i, panel in enumerate(self.panels):
            panel.set_visible(i == self.current)
        for i, tab in enumerate(self.tabs):
            if i == self.current:
                tab.select()
            else:
                tab.unselect()

    def select_title(self, title: str) -> bool:
        for i, panel in enumerate(self.panels):
            if getattr(panel, "title", None) == title:
                self.select(i)
                return True
        return False

    @property
    def titles(self) -> list[str]:
        return [str(getattr(p, "title", "?")) for p in self.panels]

    def refresh(self, changed: frozenset[str]) -> None:
        for panel in self.panels:
            self._guard(panel, "refresh", changed)

    def process_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element in self.tabs:
            self.select(self.tabs.index(event.ui_element))
            return True
        if event.type == pygame.KEYDOWN and not event.mod & pygame.KMOD_CTRL:
            for i, panel in enumerate(self.panels):
                if getattr(panel, "shortcut", None) == event.key:
                    self.select(i)
                    return True
        if not self.panels:
            return False
        # Every panel hears the widget events (a hidden panel's widgets send none); the
        # current one alone hears keys and the mouse.
        if event.type in (pygame.KEYDOWN, pygame.KEYUP, pygame.MOUSEBUTTONDOWN,
                          pygame.MOUSEBUTTONUP, pygame.MOUSEMOTION, pygame.MOUSEWHEEL,
                          pygame.TEXTINPUT):
            return bool(self._guard(self.panels[self.current], "process_event", event))
        return any(self._guard(p, "process_event", event) for p in self.panels)

    def update(self, dt: float) -> None:
        for panel in self.panels:
            self._guard(panel, "update", dt)
        # Unread badges follow what arrives (and what the player reads), a few times a
        # second: counting unread chat every frame would cost a long match its frame rate.
        self.badge_clock -= dt
        if self.badge_clock > 0:
            return
        self.badge_clock = BADGE_SECONDS
        for tab, panel in zip(self.tabs, self.panels):
            label = self.tab_label(panel)
            if tab.text != label:
                tab.set_text(label)

    def set_rect(self, rect: pygame.Rect) -> None:
        self.rect = pygame.Rect(rect)
        for panel in self.panels:
            self._guard(panel, "set_rect", self.body_rect())
        self._build_tabs()
        self.select(self.current)

    def kill(self) -> None:
        for panel in self.panels:
            self._guard(panel, "kill")
        for tab in self.tabs:
            tab.kill()
        self.panels, self.tabs = [], []

    def _guard(self, panel: Any, method: str, *args: Any) -> Any:
        try:
            return getattr(panel, method)(*args)
        except Exception as err:   # say so, keep the game running
            self.on_error(f"{getattr(panel, 'title', '?')}: {err}")
            return None
