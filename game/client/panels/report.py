"""The report panel: the last turn in words, earlier turns to replay, and rejected orders.

Each event is one sentence from game/words/narrate.py, in report order; clicking it asks the
game screen to show it on the map. The report is the seat's filtered one (PROTOCOL.md §7),
so nothing here goes beyond what the seat may know.
"""

from __future__ import annotations

from typing import Any, ClassVar

import pygame

from game.client import model as parts
from game.words.narrate import headline, narrate
from game.client.panels.frame import Flow, PanelFrame, esc
from game.words.pacts import order_words

# Bookkeeping a reader rarely wants line by line (as narrate_report leaves out).
SKIPPED = frozenset({"legitimacy", "income"})
# Events that matter most to a reader: shown in bold.
HEADLINES = frozenset({"war_declared", "pact_invoked", "pact_triggered", "called_to_war",
                       "pact_broken", "peace", "captured", "collapse", "eliminated", "victory",
                       "pact_signed", "shortfall"})


class ReportPanel(PanelFrame):
    """The last turn report, its rejected orders and the replays of earlier turns."""

    title: ClassVar[str] = "Report"
    shortcut: ClassVar[int | None] = pygame.K_F2

    def refresh(self, changed: frozenset[str]) -> None:
        if changed & {parts.REPORT, parts.VIEW, parts.OVER, parts.NEWS}:
            self.rebuild()

    def events(self) -> list[dict[str, Any]]:
        """The report's events the panel lists, in order."""
        report = self.ctx.model.report or {}
        return [e for e in report.get("events", []) if e.get("type") not in SKIPPED]

    def build(self, flow: Flow) -> None:
        model = self.ctx.model
        report = model.report
        if model.winner:
            flow.text(f"<b>{esc(_winner_words(model.winner, self.ctx.names))}</b>")
        self._news(flow)
        if not report:
            flow.text("<i>No turn has been played yet. The report of each turn appears here "
                      "after it is adjudicated.</i>", object_id="#muted_text")
        else:
            label = report.get("label") or f"Turn {report.get('turn', '')}"
            flow.heading(f"{label}: what happened")
            events = self.events()
            if not events:
                flow.text("<i>A quiet turn: nothing you could see happened.</i>",
                          object_id="#muted_text")
            for event in events:
                sentence = esc(narrate(event, self.ctx.names))
                if event.get("type") in HEADLINES or headline(event, self.ctx.names):
                    sentence = f"<b>{sentence}</b>"
                flow.clickable(sentence, lambda e=event: self.ctx.show_on_map(e),
                               tooltip="Show on the map")
            self._rejected(flow, report)
        self._history(flow)

    def _news(self, flow: Flow) -> None:
        """This turn's injects (the umpire's or the scenario's news), newest first."""
        news = getattr(self.ctx.model, "news", None)
        items = news() if callable(news) else []
        if not items:
            return
        flow.heading("News this turn")
        for item in reversed(items):
            flow.text(news_words(item))
        flow.gap(4)

    def _rejected(self, flow: Flow, report: dict[str, Any]) -> None:
        rejected = [r for r in report.get("rejected", [])
                    if r.get("power") in (self.ctx.model.seat, "", None)]
        if not rejected:
            return
        flow.gap(4)
        flow.heading("Your rejected orders")
        lines = [f"<b>{esc(order_words(r.get('order'), self.ctx.names))}</b>: "
                 f"<font color='#8b1a1a'>{esc(r.get('reason', ''))}</font>"
                 for r in rejected]
        flow.text("<br>".join(lines))

    def _history(self, flow: Flow) -> None:
        history = self.ctx.model.history
        if not history:
            return
        flow.gap(4)
        flow.heading("Replay a turn")
        for record in reversed(history):
            n = len([e for e in record.report.get("events", [])
                     if e.get("type") not in SKIPPED])
            flow.label_beside(f"{record.label or 'Turn ' + str(record.turn)} · {n} events",
                              flow.width - 100)
            flow.button("Replay", lambda t=record.turn: self.ctx.replay_turn(t),
                        x=flow.width - 92, width=92,
                        tooltip="Watch this turn's war outcomes again")
            flow.y += 32


def _winner_words(winner: dict[str, Any], names: Any) -> str:
    """'The game is over. France won the game.' (narrate's own victory sentence)."""
    return f"The game is over. {narrate({'type': 'victory', **winner}, names)}"


def news_words(inject: dict[str, Any]) -> str:
    """One inject as a line of the report: the title in bold, then the text."""
    title = str(inject.get("title") or str(inject.get("kind", "news")).replace("_", " "))
    text = str(inject.get("text") or "")
    return f"<b>{esc(title.capitalize() if title.islower() else title)}</b>" + (
        f" — {esc(text)}" if text else "")
