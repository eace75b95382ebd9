"""The inbox: the proposals naming the seat, in words, with accept, decline and withdraw.

The model holds only the proposals the match sent this seat (those naming it, PROTOCOL.md
§3). Proposals awaiting the seat's answer come first and are marked, with a count on top.
"""

from __future__ import annotations

from typing import Any, ClassVar

import pygame

from game.client import model as parts
from game.client.panels.frame import Flow, PanelFrame, esc, power_tag
from game.words.pacts import proposal_status, proposal_title, term_lines

_STATUS_ORDER = {"open": 0, "signed": 1, "declined": 2, "withdrawn": 3}


class InboxPanel(PanelFrame):
    """Proposals to and from the seat this turn."""

    title: ClassVar[str] = "Inbox"
    shortcut: ClassVar[int | None] = pygame.K_F3

    def refresh(self, changed: frozenset[str]) -> None:
        # Chat too: a bot's reason for declining comes as a message after the decline.
        if changed & {parts.PROPOSALS, parts.OVER, parts.VIEW, parts.CHAT}:
            self.rebuild()

    def badge(self) -> int:
        """Proposals awaiting the seat's answer (the tab's badge)."""
        return len(self.ctx.model.awaiting_me()) if self.ctx.model.is_power else 0

    def reason(self, proposal: dict[str, Any]) -> str:
        """Why a bot declined the proposal (the model keeps the line it said right after)."""
        return str(proposal.get("reason") or "") if proposal.get("status") == "declined" else ""

    def sorted_proposals(self) -> list[dict[str, Any]]:
        """Awaiting the seat first, then the other open ones, then the closed, newest first."""
        model = self.ctx.model
        waiting = {p["id"] for p in model.awaiting_me()}
        # Newest by arrival: ids are opaque aliases, but the model keeps proposals in the
        # order it first heard of them (an update keeps its place).
        arrival = {pid: i for i, pid in enumerate(model.proposals)}

        def key(p: dict[str, Any]) -> tuple[int, int, int]:
            return (0 if p["id"] in waiting else 1, _STATUS_ORDER.get(p.get("status"), 4),
                    -arrival[p["id"]])
        return sorted(model.proposals.values(), key=key)

    def build(self, flow: Flow) -> None:
        model = self.ctx.model
        waiting = model.awaiting_me()
        if waiting:
            n = len(waiting)
            flow.text(f"<b>{n} proposal{'s' if n != 1 else ''} awaiting your answer</b>",
                      object_id="#panel_text")
        proposals = self.sorted_proposals()
        if not proposals:
            flow.text("<i>No proposals this turn. Use “Propose a pact…” in the Pacts tab "
                      "to make one.</i>", object_id="#muted_text")
            return
        for proposal in proposals:
            self._card(flow, proposal, awaiting=proposal in waiting)

    def _card(self, flow: Flow, proposal: dict[str, Any], *, awaiting: bool) -> None:
        ctx, model = self.ctx, self.ctx.model
        terms = proposal.get("terms") or {}
        mine = proposal.get("proposer") == model.seat
        head = f"<b>{esc(proposal_title(proposal, ctx.names))}</b>"
        if awaiting:
            head += " <font color='#b22222'><b>AWAITING YOUR ANSWER</b></font>"
        who = "you" if mine else power_tag(ctx, proposal.get("proposer", ""))
        lines = [head, f"Proposed by {who}"]
        sentences = term_lines(terms, ctx.names)
        lines.append(_bold_kind(sentences[0]))
        lines += [esc(s) for s in sentences[1:]]
        lines.append(f"<i>{esc(proposal_status(proposal, ctx.names, model.seat))}</i>")
        reason = self.reason(proposal)
        if reason:
            lines.append(f"{power_tag(ctx, proposal['by'])}: <i>“{esc(reason)}”</i>")
        flow.text("<br>".join(lines))
        if proposal.get("status") == "open" and model.is_power and not model.over:
            items: list[tuple[str, Any, str | None]] = []
            if awaiting:
                items.append(("Accept", lambda p=proposal: self._answer("accept", p),
                              "#primary_button"))
            if not mine:     # a member may decline even after accepting; not the proposer
                items.append(("Decline", lambda p=proposal: self._answer("decline", p), None))
            if mine:
                items.append(("Withdraw", lambda p=proposal: self._answer("withdraw", p),
                              "#danger_button"))
            flow.buttons(items, height=28)
        flow.rule()

    def _answer(self, verb: str, proposal: dict[str, Any]) -> None:
        what = f"the proposal {proposal_title(proposal, self.ctx.names)}"
        self.request({"type": verb, "proposal": proposal["id"]},
                     f"{verb.capitalize()} {what}")


def _bold_kind(sentence: str) -> str:
    """The first sentence ('Defensive pact: A, B and C.') with the kind in bold."""
    kind, _, rest = sentence.partition(": ")
    return f"<b>{esc(kind)}</b>: {esc(rest)}" if rest else esc(sentence)
