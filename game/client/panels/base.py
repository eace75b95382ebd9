"""The interface every sidebar panel implements (docs/PANELS.md, the client contract).

The game screen (branch ``client``) builds one instance of each class in
``SIDEBAR_PANELS`` with a ``PanelContext``, shows the current tab and forwards the model's
changes, events, frame updates and resizes. A panel reads the ``MatchModel`` but never
writes it: it acts through ``ctx.conn`` (requests to the match) and ``ctx.add_order``
(orders into the seat's draft), so hot-seat and online play behave the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, ClassVar, Mapping

import pygame
import pygame_gui

from game.client.connection import Connection
from game.client.model import MatchModel
from game.engine.params import Rules
from game.words.narrate import Names


@dataclass
class PanelContext:
    """What a panel may use: the seat's connection and model, and the screen's callbacks."""

    conn: Connection                      # send requests (propose, accept, chat, ...)
    model: MatchModel                     # read-only for panels
    names: Names                          # game.words.narrate.Names for this match
    add_order: Callable[[dict], None]     # put an order (declare_war, peace, invoke, withdraw,
                                          # break, build, transfer, ...) into the seat's draft
    show_on_map: Callable[[dict], None]   # highlight/centre the map on a report event or
                                          # {"territories": [...]} / {"powers": [...]}
    replay_turn: Callable[[int], None]    # reopen the war-outcome replay of an earlier turn
    toast: Callable[[str], None]          # a short message to the player
    # What the seat owes its engaged pacts against what its draft commits (the commitments
    # meter: game.engine.commitments.planned), for the Pacts tab.
    commitments: Callable[[], list] = lambda: []
    # A bot member's likely answer to proposed terms, judged on the seat's own view
    # (game.bots.foresee): an Answer, or None for a person or when it cannot be judged.
    likely_answer: Callable[[str, dict], Any] = lambda bot, terms: None
    # Widen the current panel over the map (True) or put it back in the sidebar (False):
    # the proposal sheet lays its two columns out on one screen.
    wide: Callable[[bool], None] = lambda on: None
    # Take an order out of the seat's draft again (the Pacts tab's Honour, which withdraws a
    # standing ``decline``); a no-op when the draft does not hold it.
    remove_order: Callable[[dict], None] = lambda order: None
    # The match's rule parameters (the ruleset, upkeep, decline_cost): what the panels say
    # an act costs comes from here, never from a copy of the defaults.
    rules: Rules = field(default_factory=Rules)
    # The map's territory values (a power's income is the value of what it owns).
    values: Mapping[str, int] = field(default_factory=dict)
    # The Chat tab's read marks (messages read per channel), when someone keeps them across
    # the seat's screens (hot-seat: the table, so what others wrote while the player was
    # away counts as unread); None: a screen of its own, where what is held counts as read.
    chat_read: dict | None = None


class Panel:
    """One sidebar tab. Subclasses build their widgets in ``__init__`` inside ``rect``."""

    title: ClassVar[str] = ""             # its tab label
    shortcut: ClassVar[int | None] = None  # pygame key that opens its tab, or None

    def __init__(self, manager: pygame_gui.UIManager, rect: pygame.Rect,
                 ctx: PanelContext) -> None:
        self.manager = manager
        self.rect = pygame.Rect(rect)
        self.ctx = ctx

    def refresh(self, changed: frozenset[str]) -> None:
        """The model changed; ``changed`` holds the parts (model.VIEW, model.CHAT, ...)."""

    def process_event(self, event: pygame.event.Event) -> bool:
        """Handle one pygame or pygame_gui event; True if the panel consumed it."""
        return False

    def update(self, dt: float) -> None:
        """Called once a frame with the seconds since the last one."""

    def set_visible(self, visible: bool) -> None:
        """Show or hide the panel (only the current tab is visible)."""

    def set_rect(self, rect: pygame.Rect) -> None:
        """The window was resized: lay the panel out again inside ``rect``."""
        self.rect = pygame.Rect(rect)

    def kill(self) -> None:
        """Remove every widget of the panel from the manager."""

    # Beyond the contract, optional: a game screen that passes every message it polls to
    # ``receive`` lets panels explain a refused request (a ``bad_terms`` proposal, a chat to
    # a closed channel) where it was made. Screens that do not call it lose only that.
    def receive(self, message: dict) -> None:
        """A reply or push the connection delivered (after the model has applied it)."""
