"""The dashboard: who has submitted, who is idle, open proposals and the pact matrix.

The dashboard is a reading, not a push (docs/PROTOCOL.md §10): the panel asks for it when
it is shown, every few seconds while it stays shown, and at once when something the
umpire did may have changed it.
"""

from __future__ import annotations

from typing import Any, ClassVar

import pygame
from pygame_gui.elements import UIImage

from game.client.panels.frame import PAD, Flow, esc

from . import feed as F
from .base import WorkshopPanel
from .feed import send_and_note
from .matrix import KIND_WORDS, draw_matrix

REFRESH_SECONDS = 5.0
IDLE_WARNING = 300.0
RECENT_INSIGHTS = 8     # seconds without an action before a seat counts as idle


def idle_words(idle: float | None) -> str:
    """How long a seat has been quiet, to the minute (finer would redraw the tab at every
    refresh for nothing)."""
    if idle is None:
        return "never acted"
    if idle < 60:
        return "active this minute"
    return f"idle {int(idle // 60)} min"


def signature(board: dict[str, Any]) -> str:
    """What the tab shows of a dashboard: equal signatures draw the same tab."""
    rows = [{**row, "idle": idle_words(row.get("idle")), "last_action": None,
             "members": [{**m, "idle": idle_words(m.get("idle")), "last_action": None}
                         for m in row.get("members", [])]}
            for row in board.get("powers", [])]
    return repr(({k: v for k, v in board.items() if k not in ("powers", "clock", "rid")},
                 rows))


class DashboardPanel(WorkshopPanel):
    """The dashboard tab of the umpire's console (umpire and analysts)."""

    title: ClassVar[str] = "Status"
    shortcut: ClassVar[int | None] = pygame.K_F7
    parts = frozenset({F.DASHBOARD, F.NOTES})

    since = REFRESH_SECONDS       # seconds since the last request
    asked: Any = None
    waits = 0             # periods the last request has gone unanswered

    def ask(self) -> None:
        """Ask for a fresh dashboard, unless one is on its way. Quietly: a connection that is
        down is the top bar's news, not a toast every few seconds."""
        self.waits += 1
        # A request lost with a dropped connection is asked again after a few periods.
        if self.asked is None or self.asked in self.feed.answers or self.waits > 3:
            self.asked = send_and_note(self.ctx.conn, {"type": "dashboard"})
            self.waits = 0
        self.since = 0.0

    shown = ""          # the signature of the dashboard last drawn

    def update(self, dt: float) -> None:
        self.since += dt
        stale = self.dirty & {F.CLOCK, F.REVIEW, F.INJECTS, F.EDITS, F.HISTORY, F.NOTES}
        if self.visible and (self.since >= REFRESH_SECONDS or stale):
            self.ask()
        board = self.feed.dashboard
        if F.DASHBOARD in self.dirty and board is not None and signature(board) == self.shown:
            self.dirty.discard(F.DASHBOARD)        # a refresh that changed nothing shown
        super().update(dt)

    def notes(self, flow: Flow, board: dict[str, Any]) -> None:
        """This turn's intents, power by power, and the latest insights."""
        names = self.ctx.names
        turn = board.get("turn")
        flow.heading("Intents this turn")
        for row in board.get("powers", []):
            if row.get("kind") == "empty":
                continue
            said = [n for n in self.feed.my_notes("intent", row["power"])
                    if n.get("turn") == turn]
            flow.text(f"<b>{esc(names.power(row['power']))}</b>: "
                      + (f"<i>{esc(said[-1]['text'])}</i>" if said else "none yet"))
        insights = self.feed.insights[-RECENT_INSIGHTS:]
        if insights:
            flow.heading("Latest insights")
        for n in reversed(insights):
            who = names.power(n.get("seat")) + (f" ({n['member']})" if n.get("member") else "")
            flow.text(f"Turn {n.get('turn')}, <b>{esc(who)}</b>: <i>{esc(n.get('text', ''))}</i>")

    def build(self, flow: Flow) -> None:
        board = self.feed.dashboard
        if board is None:
            flow.text("Asking the match…")
            return
        self.shown = signature(board)
        names = self.ctx.names
        flow.text(f"Turn {board.get('turn')}, {esc(board.get('label', ''))} · "
                  f"{esc(board.get('phase', ''))} · stage {esc(board.get('stage', ''))}")
        flow.heading("Seats")
        for row in board.get("powers", []):
            if row.get("eliminated"):
                state = "<i>eliminated</i>"
            elif row.get("kind") == "empty":
                state = "<i>nobody plays it: its units hold</i>"
            elif row.get("ready"):
                state = "<font color='#2e7d32'><b>ready</b></font>"
            elif row.get("submitted"):
                state = f"<b>submitted</b> {row.get('orders', 0)} orders"
            elif row.get("draft"):
                state = "drafting"
            else:
                state = "<font color='#b3261e'>nothing in</font>"
            idle = row.get("idle")
            idle_text = idle_words(idle)
            if row.get("kind") == "empty":
                idle_text = ""
            elif row.get("kind") == "human" and (idle is None or idle >= IDLE_WARNING):
                idle_text = f"<font color='#b3261e'>{idle_text}</font>"
            who = esc(row.get("name") or ("bot" if row.get("kind") == "bot" else
                                          "empty seat" if not row.get("occupied") else ""))
            flow.text(f"<b>{esc(names.power(row['power']))}</b> {who} · {state}"
                      + (f" · {idle_text}" if idle_text else "")
                      + "".join(f"<br>&nbsp;&nbsp;{esc(m.get('role') or 'member')} "
                                f"{esc(m.get('name', ''))}: {idle_words(m.get('idle'))}"
                                for m in row.get("members", [])))
        proposals = board.get("proposals", [])
        flow.heading(f"Open proposals ({len(proposals)})")
        for p in proposals:
            terms = p.get("terms", {})
            members = terms.get("members") or p.get("members", [])
            accepted = p.get("accepted", [])
            flow.text(f"{esc(p.get('id', ''))}: {esc(terms.get('kind', 'pact'))} of "
                      f"{esc(', '.join(names.power(m) for m in members))}; accepted by "
                      f"{esc(', '.join(names.power(m) for m in accepted) or 'nobody yet')}")
        if not proposals:
            flow.text("<i>None.</i>")
        self.notes(flow, board)
        flow.heading("Pact matrix")
        image = draw_matrix(board, self.ctx.model.powers, flow.width)
        UIImage(pygame.Rect(PAD, flow.y, image.get_width(), image.get_height()), image,
                self.manager, container=flow.container,
                object_id="#pact_matrix")
        flow.gap(image.get_height() + 4)
        for p in board.get("pacts", []):
            secret = " (secret)" if p.get("secret") and not p.get("revealed") else ""
            flow.text(f"{esc(p['id'])} {esc(p.get('name') or '')} — "
                      f"{esc(KIND_WORDS.get(p['kind'], p['kind']))}{secret}: "
                      f"{esc(', '.join(names.power(m) for m in p.get('members', [])))}")
