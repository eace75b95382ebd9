"""Rollback and fork: the umpire's way back through the match (docs/PROTOCOL.md §10).

Each turn played so far has two buttons: roll the match back to the start of that turn
(later results, orders and proposals are dropped; seats, chat and notes stay), or fork a
new match from it for the debrief ("what if France had held?"). Both ask first: a rollback
cannot be undone, and a fork's umpire token is shown only once, here.
"""

from __future__ import annotations

from typing import Any, ClassVar

import pygame

from game.client.panels.frame import Flow, esc

from . import feed as F
from .base import WorkshopPanel


def first_turn(model: Any) -> int:
    """The first turn of the match: 1, or the turn a fork started from."""
    forked = model.extra.get("forked_from")
    return int(forked["turn"]) if isinstance(forked, dict) and "turn" in forked else 1


class HistoryPanel(WorkshopPanel):
    """The history tab of the umpire's console."""

    title: ClassVar[str] = "History"
    shortcut: ClassVar[int | None] = pygame.K_F6
    parts = frozenset({F.HISTORY, F.CLOCK})

    def labels(self) -> dict[int, str]:
        """Each turn's season, from what the seat has seen."""
        model = self.ctx.model
        out = {r.turn: r.label for r in model.history}
        out[self.feed.turn or model.turn] = self.feed.label or model.label
        return out

    def build(self, flow: Flow) -> None:
        model = self.ctx.model
        current = self.feed.turn or model.turn
        labels = self.labels()
        flow.text("Roll back to the <b>start</b> of a turn: later results, orders and "
                  "proposals are dropped; seats, chat and notes stay. Or fork a new match "
                  "from a turn for the debrief.")
        flow.label_beside("Fork name", 90)
        self.field(flow, "fork_name", "What if France had held?", x=94,
                   width=flow.width - 94, limit=64)
        for turn in range(current, first_turn(model) - 1, -1):
            label = labels.get(turn, "")
            flow.text(f"<b>Turn {turn}</b> {esc(label)}"
                      + (" <i>(now)</i>" if turn == current else ""))
            flow.buttons([
                ("Restart it" if turn == current else "Roll back here",
                 lambda t=turn: self.ask_rollback(t), None),
                ("Fork from here", lambda t=turn: self.ask_fork(t), None),
            ], height=26)
        if self.feed.forks:
            flow.heading("Forks made")
            for f in reversed(self.feed.forks):
                flow.text(f"<b>{esc(f.get('name') or f['match'])}</b>: match "
                          f"<b>{esc(f['match'])}</b> from turn {f['turn']}.<br>Umpire token "
                          f"<b>{esc(f['umpire_token'])}</b> (write it down: it is shown "
                          "only now).")

    def ask_rollback(self, turn: int) -> None:
        self.confirm("Roll back?", f"Go back to the start of turn {turn}? Every result, "
                     "order and proposal after that is dropped for everyone. This cannot be "
                     "undone (the log keeps a record).", "Roll back",
                     lambda: self.request({"type": "rollback", "turn": turn},
                                          f"Back at the start of turn {turn}."))

    def ask_fork(self, turn: int) -> None:
        name = self.text_of("fork_name")
        message: dict[str, Any] = {"type": "fork", "turn": turn}
        if name:
            message["name"] = name
        self.confirm("Fork?", f"Make a new match that starts at turn {turn} of this one"
                     + (f", called '{esc(name)}'" if name else "")
                     + "? Its seats start free and it gets its own umpire token.", "Fork",
                     lambda: self.request(message, f"Forked from turn {turn}.",
                                          then=lambda reply: self.clear("fork_name")))
