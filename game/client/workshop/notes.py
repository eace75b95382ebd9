"""The players' workshop tab: this turn's intent for the umpire, and insights at any time.

The intent is a short private statement of what the team means to do this turn (the
debrief compares it with what happened); a later one in the same turn supersedes it. An
insight is a thought noted whenever it comes. Both go to the power's team, the umpire and
analysts only, and the tab lists the team's own.
"""

from __future__ import annotations

from typing import Any, ClassVar

import pygame

from game.client.panels.frame import Flow, esc

from . import feed as F
from .base import WorkshopPanel


def power_of(seat: str) -> str:
    """The power a seat speaks for (``RED.2`` → ``RED``)."""
    return seat.split(".", 1)[0]


class NotesPanel(WorkshopPanel):
    """The intent and insight tab of a power's team."""

    title: ClassVar[str] = "Notes"
    shortcut: ClassVar[int | None] = pygame.K_F7
    parts = frozenset({F.NOTES, F.HISTORY, F.CLOCK, F.INJECTS})

    def build(self, flow: Flow) -> None:
        power = power_of(self.ctx.model.seat)
        turn = self.feed.turn or self.ctx.model.turn
        intents = self.feed.my_notes("intent", power)
        now = [n for n in intents if n.get("turn") == turn]
        flow.heading(f"Intent for turn {turn}")
        # Who reads it is Visibility.note_audience: the team, the umpire and analysts.
        flow.text("What do you mean to do this turn, and why? Your team, the umpire and "
                  "analysts read it, no other team; the debrief compares it with what "
                  "happened.")
        planning = self.feed.phase == "planning"
        self.field(flow, "intent", "Keep our neighbours close; test the south.")
        flow.buttons([("Update intent" if now else "Send intent",
                       self.send_intent if planning else None, "#primary_button")],
                     tooltips=["A later intent this turn replaces this one for the debrief"])
        if now:
            flow.text(f"Sent: <i>{esc(now[-1]['text'])}</i>")
        if self.feed.injects:
            flow.heading("News from the umpire")
            for m in reversed(self.feed.injects[-5:]):
                flow.text(f"Turn {m.get('turn')}: <b>{esc(m.get('title') or '')}</b> "
                          f"{esc(m.get('text') or '')}")
        said = self.feed.feedback.get(power)
        if said:
            flow.heading("The umpire on the last turn")
            flow.text(f"<i>{esc(said)}</i>")
        flow.heading("Insight")
        flow.text("Note a thought at any time, for the debrief.")
        self.field(flow, "insight", "They blinked first…")
        flow.buttons([("Note insight", self.note_insight, None)])
        insights = self.feed.my_notes("insight", power)
        earlier = [n for n in intents if n.get("turn") != turn]
        if insights or earlier:
            flow.heading("Your notes")
        for note in sorted(insights + earlier, key=lambda n: n.get("seq", 0), reverse=True):
            kind = "insight" if note in insights else "intent"
            who = f" ({esc(note['member'])})" if note.get("member") else ""
            flow.text(f"<b>Turn {note.get('turn')} {kind}</b>{who}: {esc(note['text'])}")

    told = 0        # injects already announced in a toast

    def update(self, dt: float) -> None:
        # News from the umpire is announced wherever the player is looking.
        fresh = min(self.feed.inject_count - self.told, len(self.feed.injects))
        for m in self.feed.injects[len(self.feed.injects) - fresh:]:
            self.ctx.toast(f"News: {m.get('title') or m.get('text') or m.get('kind')}")
        self.told = self.feed.inject_count
        super().update(dt)

    def send_intent(self) -> None:
        self._note("intent", "Your intent is with the umpire.")

    def note_insight(self) -> None:
        self._note("insight", "Insight noted.")

    def _note(self, kind: str, done: str) -> None:
        text = self.text_of(kind)
        if not text:
            self.ctx.toast(f"Write your {kind} first.")
            return

        def sent(reply: dict[str, Any]) -> None:
            self.clear(kind)
        self.request({"type": kind, "text": text}, done, then=sent)
