"""Stand-in sidebar tabs for when the panels package (branch ``panels``) is not installed.

They follow the panel interface of docs/CLIENT.md (``game/client/panels/base.py``) so the
game screen hosts them the same way, and they keep a game playable without the real
panels: the last turn's report in words, the proposals awaiting this seat with Accept and
Decline, the seat's pacts and wars with the diplomatic orders (declare war, offer peace,
withdraw, break). The real panels replace them tab for tab once merged.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any, Callable, ClassVar

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UILabel, UIPanel, UITextBox

from ..narrate import narrate_report
from ..orders_ui import allied, at_war


@dataclass
class PanelContext:
    """The same fields as ``game.client.panels.base.PanelContext`` (used when it is absent)."""

    conn: Any
    model: Any
    names: Any
    add_order: Callable[[dict], None]
    show_on_map: Callable[[dict], None]
    replay_turn: Callable[[int], None]
    toast: Callable[[str], None]


class BasicPanel:
    """A tab: one pygame_gui panel whose contents are rebuilt when the model changes."""

    title: ClassVar[str] = ""
    shortcut: ClassVar[int | None] = None
    watches: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, manager: pygame_gui.UIManager, rect: pygame.Rect, ctx: Any) -> None:
        self.manager = manager
        self.ctx = ctx
        self.rect = pygame.Rect(rect)
        self.panel = UIPanel(self.rect, manager=manager, starting_height=1)
        self.actions: dict[Any, Callable[[], None]] = {}
        self.visible = True
        self.build()

    # --- the panel interface ------------------------------------------------------------------

    def refresh(self, changed: frozenset[str]) -> None:
        if not self.watches or changed & self.watches:
            self.rebuild()

    def process_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element in self.actions:
            self.actions[event.ui_element]()
            return True
        return False

    def update(self, dt: float) -> None:
        pass

    def set_visible(self, visible: bool) -> None:
        self.visible = visible
        if visible:
            self.panel.show()
        else:
            self.panel.hide()

    def set_rect(self, rect: pygame.Rect) -> None:
        self.rect = pygame.Rect(rect)
        self.panel.set_relative_position(self.rect.topleft)
        self.panel.set_dimensions(self.rect.size)
        self.rebuild()

    def kill(self) -> None:
        self.panel.kill()

    # --- building -----------------------------------------------------------------------------

    def rebuild(self) -> None:
        for element in list(self.panel.get_container().elements):
            element.kill()
        self.actions = {}
        self.build()
        if not self.visible:
            self.panel.hide()

    def build(self) -> None:
        raise NotImplementedError

    def text(self, markup: str, top: int, height: int) -> UITextBox:
        return UITextBox(markup, pygame.Rect(6, top, self.rect.width - 16, height),
                         manager=self.manager, container=self.panel)

    def button(self, label: str, rect: pygame.Rect, action: Callable[[], None]) -> UIButton:
        b = UIButton(rect, label, manager=self.manager, container=self.panel)
        self.actions[b] = action
        return b

    def heading(self, label: str, top: int) -> None:
        UILabel(pygame.Rect(8, top, self.rect.width - 20, 24), label, manager=self.manager,
                container=self.panel)


class ReportTab(BasicPanel):
    """The last turn's report in words, with a button to watch it again."""

    title = "Report"
    shortcut = pygame.K_F2
    watches = frozenset({"report", "view"})

    def build(self) -> None:
        model = self.ctx.model
        report = model.report
        if not report:
            markup = "<i>The first turn: nothing has happened yet.</i>"
        else:
            lines = narrate_report(report, self.ctx.names) or ["A quiet turn."]
            markup = f"<b>{html.escape(report.get('label', ''))}</b><br>" + "<br>".join(
                "• " + html.escape(line) for line in lines)
        bottom = 44 if model.history else 8
        self.text(markup, 6, self.rect.height - 12 - bottom)
        if model.history:
            turn = model.history[-1].turn
            self.button("Watch the war outcomes again",
                        pygame.Rect(8, self.rect.height - 46, self.rect.width - 24, 32),
                        lambda: self.ctx.replay_turn(turn))


class DiplomacyTab(BasicPanel):
    """Proposals awaiting this seat (accept, decline), and one line per other power: the
    relation and the diplomatic order that fits it."""

    title = "Diplomacy"
    shortcut = pygame.K_F3
    watches = frozenset({"proposals", "view", "orders"})

    def build(self) -> None:
        model, names, conn = self.ctx.model, self.ctx.names, self.ctx.conn
        w = self.rect.width
        y = 6
        awaiting = model.awaiting_me() if model.is_power else []
        self.heading(f"Proposals awaiting you ({len(awaiting)})", y)
        y += 26
        for p in awaiting[:4]:
            terms = p.get("terms", {})
            who = ", ".join(names.power(m) for m in p.get("members", []))
            desc = f"{terms.get('kind', '?').replace('_', '-')} pact: {who}"
            if terms.get("target"):
                desc += f" against {names.power(terms['target'])}"
            UILabel(pygame.Rect(8, y, w - 20, 22), desc, manager=self.manager,
                    container=self.panel)
            y += 24
            pid = p["id"]
            self.button("Accept", pygame.Rect(8, y, 110, 28),
                        lambda pid=pid: conn.send({"type": "accept", "proposal": pid}))
            self.button("Decline", pygame.Rect(124, y, 110, 28),
                        lambda pid=pid: conn.send({"type": "decline", "proposal": pid}))
            y += 36
        if not awaiting:
            UILabel(pygame.Rect(8, y, w - 20, 22), "None.", manager=self.manager,
                    container=self.panel)
            y += 28
        if not model.is_power:
            return
        self.heading("Powers", y + 4)
        y += 32
        me = model.seat
        for entry in model.powers:
            other = entry["id"]
            if other == me or model.view.get("powers", {}).get(other, {}).get("eliminated"):
                continue
            if y > self.rect.height - 40:
                break
            if at_war(model.view, me, other):
                relation, label, order = "at war", "Offer peace", {"op": "offer_peace",
                                                                    "target": other}
            else:
                relation = "ally" if allied(model.view, me, other) else "at peace"
                label, order = "Declare war", {"op": "declare_war", "target": other}
            UILabel(pygame.Rect(8, y + 3, w - 150, 24), f"{names.power(other)} — {relation}",
                    manager=self.manager, container=self.panel)
            self.button(label, pygame.Rect(w - 138, y, 120, 28),
                        lambda order=order: self.ctx.add_order(order))
            y += 34


PLACEHOLDER_PANELS: list[type[BasicPanel]] = [ReportTab, DiplomacyTab]
