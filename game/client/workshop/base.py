"""What every workshop panel shares: the feed, requests that report their answer, picks from
the map, and a confirmation dialog for what cannot be undone.

A ``WorkshopPanel`` is a ``PanelFrame`` (game/client/panels/frame.py): it lays its content
out in ``build`` and draws itself again whenever the workshop feed or the model changes.
Requests go through ``request``: the panel remembers each one's rid and, when the match
answers, says so in a toast (the error's own sentence when it refused), so the umpire is
never left wondering whether a click did anything.
"""

from __future__ import annotations

import time
import warnings
from typing import Any, Callable, Sequence

import pygame
import pygame_gui
from pygame_gui.elements import UITextEntryLine
from pygame_gui.windows import UIConfirmationDialog

from game.client.panels.base import PanelContext
from game.client.panels.frame import ChipGroup, Flow, PanelFrame
from game.client.screens.common import close_tooltips

from .feed import WorkshopFeed, feed_of, send_and_note

# Where a panel learns which territories the umpire clicked on the map: the console screen
# sets ``ctx.picks`` (a list, newest last); elsewhere the forms take typed ids. A panel's
# ``marked()`` names the territories its form holds, which the console lights up.


def clock_of(conn: Any) -> Callable[[], float]:
    """The clock the match runs on: a hot-seat host's own (tests use a fake one), else the
    wall clock, as the server's deadlines are Unix times."""
    host = getattr(conn, "host", None)
    clock = getattr(host, "clock", None)
    return clock if callable(clock) else time.time


def preload_big_fonts(manager: pygame_gui.UIManager) -> None:
    """Load the large bold faces of the countdown once per manager (pygame_gui stalls a
    frame and warns when it meets a face it has not loaded)."""
    if getattr(manager, "_workshop_fonts_loaded", False):
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        manager.preload_fonts([{"name": "noto_sans", "point_size": size, "style": "bold"}
                               for size in (18, 24)])
    setattr(manager, "_workshop_fonts_loaded", True)


class WorkshopPanel(PanelFrame):
    """A sidebar panel of the workshop (see the module docstring)."""

    def __init__(self, manager: pygame_gui.UIManager, rect: pygame.Rect,
                 ctx: PanelContext) -> None:
        self.feed: WorkshopFeed = feed_of(ctx.conn, ctx.model)
        self.now = clock_of(ctx.conn)
        self.waiting: dict[Any, tuple[str, Callable[[dict[str, Any]], None] | None]] = {}
        self.dialog: UIConfirmationDialog | None = None
        self.on_confirm: Callable[[], None] | None = None
        # What the umpire typed and chose, kept across rebuilds (a push must not wipe a
        # half-written rationale).
        self.texts: dict[str, str] = {}
        self.entries: dict[str, UITextEntryLine] = {}     # the live entry line of each key
        self.groups: dict[str, ChipGroup] = {}            # the live chips of each key
        self.choices: dict[str, list[str]] = {}
        self.dirty: set[str] = set()
        self.relayout = False
        self.feed.listeners.append(self._heard)
        preload_big_fonts(manager)
        super().__init__(manager, rect, ctx)

    # --- requests ------------------------------------------------------------------------

    def request(self, message: dict[str, Any], done: str = "",
                then: Callable[[dict[str, Any]], None] | None = None) -> Any:
        """Send ``message``; when the answer comes, toast ``done`` (or the refusal) and call
        ``then`` with the reply."""
        rid = send_and_note(self.ctx.conn, message)
        if rid is None:
            self.ctx.toast("Not sent: the connection is closed.")
            return None
        self.waiting[rid] = (done, then)
        return rid

    def _settle(self) -> None:
        for rid in [r for r in self.waiting if r in self.feed.answers]:
            done, then = self.waiting.pop(rid)
            answer = self.feed.answers[rid]
            if not answer.ok:
                self.ctx.toast(f"Refused: {answer.message}")
                continue
            if done:
                self.ctx.toast(done)
            if then is not None:
                then(answer.reply)

    # --- confirmation ----------------------------------------------------------------------

    def confirm(self, title: str, text: str, action: str,
                on_confirm: Callable[[], None]) -> None:
        """Ask before doing something destructive (rollback, fork)."""
        if self.dialog is not None:
            self.dialog.kill()
        screen = self.manager.get_root_container().get_rect()
        w, h = min(460, screen.width - 40), 230
        rect = pygame.Rect(screen.centerx - w // 2, screen.centery - h // 2, w, h)
        close_tooltips(self.manager)
        self.dialog = UIConfirmationDialog(rect, text, self.manager, window_title=title,
                                           action_short_name=action, blocking=True)
        self.on_confirm = on_confirm

    def process_event(self, event: pygame.event.Event) -> bool:
        if self.dialog is not None:
            if event.type == pygame_gui.UI_CONFIRMATION_DIALOG_CONFIRMED \
                    and event.ui_element is self.dialog:
                action, self.on_confirm, self.dialog = self.on_confirm, None, None
                event.ui_element.kill()          # gone already after a click; not if posted
                if action is not None:
                    action()
                return True
            if event.type == pygame_gui.UI_WINDOW_CLOSE and event.ui_element is self.dialog:
                self.dialog, self.on_confirm = None, None
                return True
        return super().process_event(event)

    # --- the frame ---------------------------------------------------------------------------

    # The feed's parts (feed.CLOCK, feed.REVIEW, ...) this panel shows; a change to any of
    # them draws the panel again.
    parts: frozenset[str] = frozenset()

    def _heard(self, message: dict[str, Any], changed: frozenset[str]) -> None:
        self.dirty |= changed

    def update(self, dt: float) -> None:
        self._settle()
        if self.relayout or self.dirty & self.parts:
            self.relayout = False
            self.dirty = set()
            self.rebuild()
        else:
            self.dirty = set()
        super().update(dt)      # the frame follows its scroll bar

    def refresh(self, changed: frozenset[str]) -> None:
        self.rebuild()

    def rebuild(self) -> None:
        if self.visible:
            self.entries, self.groups = {}, {}
        super().rebuild()

    def kill(self) -> None:
        if self._heard in self.feed.listeners:
            self.feed.listeners.remove(self._heard)
        if self.dialog is not None:
            self.dialog.kill()
            self.dialog = None
        super().kill()

    # --- helpers for forms ----------------------------------------------------------------------

    def field(self, flow: Flow, key: str, placeholder: str = "", *, width: int | None = None,
              x: int = 0, advance: bool = True, numbers: bool = False,
              limit: int | None = 2000, value: str = "") -> UITextEntryLine:
        """An entry line whose text survives a rebuild (kept under ``key``). ``value`` is
        the text it starts with, a proposal the form acts on as if typed: a placeholder
        looks the same on screen, so a number shown must be one the form will use."""
        if value:
            self.texts.setdefault(key, value)
        line = flow.entry(initial=self.texts.get(key, ""), placeholder=placeholder,
                          width=width, x=x, advance=advance,
                          allowed="numbers" if numbers else None, limit=limit)

        def typed(event: pygame.event.Event) -> None:
            self.texts[key] = line.get_text()
        self.handlers[(pygame_gui.UI_TEXT_ENTRY_CHANGED, line)] = typed
        self.entries[key] = line
        return line

    def choice(self, flow: Flow, key: str, options: Sequence[tuple[str, str]], *,
               multi: bool = False, columns: int = 3, relayout: bool = False,
               default: Sequence[str] = ()) -> ChipGroup:
        """Toggle chips whose selection survives a rebuild; ``relayout`` draws the form
        again on a change (when other fields depend on it)."""
        keys = [k for k, _ in options]
        chosen = [k for k in self.choices.get(key, list(default)) if k in keys]
        group = ChipGroup(multi=multi, selected=chosen)

        def changed() -> None:
            self.choices[key] = group.value()
            if relayout:
                self.relayout = True
        group.on_change = changed
        self.choices[key] = chosen
        self.groups[key] = group
        return flow.chips(options, group, columns=columns)

    def chosen(self, key: str) -> list[str]:
        return list(self.choices.get(key, []))

    def text_of(self, key: str) -> str:
        return self.texts.get(key, "").strip()

    def int_of(self, key: str) -> int | None:
        text = self.text_of(key)
        try:
            return int(text)
        except ValueError:
            return None

    def clear(self, *keys: str) -> None:
        for key in keys:
            self.texts.pop(key, None)
        self.relayout = True

    def powers(self) -> list[str]:
        return [p["id"] for p in self.ctx.model.powers]

    def picks(self) -> list[str]:
        """Territories the umpire clicked on the map, newest last (empty elsewhere)."""
        return list(getattr(self.ctx, "picks", []) or [])

    picks_seen = 0

    def new_pick(self) -> str | None:
        """The territory clicked on the map since the last call, for the shown tab only (a
        click meant for one form must not fill a hidden one)."""
        picks = self.picks()
        fresh = picks[-1] if len(picks) > self.picks_seen and self.visible else None
        self.picks_seen = len(picks)
        return fresh

    def marked(self) -> list[str]:
        """The territories this tab's form names, for the console to light up."""
        return []

    def first(self, key: str, default: str) -> str:
        """The one chip chosen under ``key`` (``default`` when none is)."""
        chosen = self.chosen(key)
        return chosen[0] if chosen else default

    def button_labelled(self, label: str) -> Any:
        """The live button showing ``label`` (for tests and keyboard shortcuts), or None."""
        return next((b for b in self.actions if getattr(b, "text", None) == label), None)
