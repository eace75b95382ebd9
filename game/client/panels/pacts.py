"""The pacts panel: every pact the seat may see, its terms, and the seat's pact orders.

It lists ``view["pacts"]`` only, which the match has already cut to what the seat may see
(a secret pact reaches its members alone), so nothing here is derived from other seats.
For a pact the seat belongs to, Invoke, Withdraw and Break put the order in the seat's
draft; "Propose a pact…" swaps the list for the proposal form.
"""

from __future__ import annotations

from typing import Any, ClassVar

import pygame

from game.client import model as parts
from game.client.orders_ui import commitment_line
from game.client.panels.frame import Flow, PanelFrame, esc, power_list
from game.client.panels.proposal_form import ProposalForm
from game.words.pacts import call_answer_words, decline_cost_words, kind_words, pact_state, \
    pact_title, terms_brief
from game.render.links import KIND_COLOURS

CRISIS = 25     # RULES.md §4: below this legitimacy a power cannot declare war or invoke


class PactsPanel(PanelFrame):
    """Visible pacts with their terms and state; the seat's own pacts get order buttons."""

    title: ClassVar[str] = "Pacts"
    shortcut: ClassVar[int | None] = pygame.K_F4

    def __init__(self, manager: Any, rect: pygame.Rect, ctx: Any) -> None:
        self.form: ProposalForm | None = None
        self.last_form: ProposalForm | None = None     # the form last sent, until answered
        super().__init__(manager, rect, ctx)

    # --- the Panel interface -------------------------------------------------------------

    def refresh(self, changed: frozenset[str]) -> None:
        if self.form is not None:
            if parts.OVER in changed:      # no more proposals once the game is over
                self.form = None
                self.rebuild()
            elif parts.VIEW in changed:
                self.rebuild()     # powers may have been eliminated: the choices change
            return
        if changed & {parts.VIEW, parts.ORDERS, parts.OVER, parts.SEATS, parts.DRAFT}:
            self.rebuild()

    def receive(self, message: dict[str, Any]) -> None:
        """A reply from the match: a refused proposal reopens the form with the reason."""
        form = self.last_form
        if (message.get("type") == "error" and form is not None and self.form is None
                and message.get("rid") is not None and message.get("rid") == form.pending_rid):
            form.refused(str(message.get("message", "")))
            form.pending_rid = None
            self.form = form
            self.ctx.wide(True)
            self.rebuild()
            return
        super().receive(message)

    def open_form(self) -> None:
        """Show the proposal form (also bound to the panel's button)."""
        self.form = ProposalForm(self.ctx, on_close=self._close_form, relayout=self.rebuild)
        self.ctx.wide(True)
        self.rebuild()

    def _close_form(self) -> None:
        self.last_form, self.form = self.form, None
        self.ctx.wide(False)
        self.rebuild()

    # --- layout ---------------------------------------------------------------------------

    def build(self, flow: Flow) -> None:
        if self.form is not None:
            self.form.build(flow)
            return
        model = self.ctx.model
        if model.is_power and not model.over:
            flow.buttons([("Propose a pact…", self.open_form, "#primary_button")])
        if model.is_power and not model.over and self._allies():
            on = getattr(model, "sharing", False)
            flow.buttons([(f"Share my planned orders with allies: {'on' if on else 'off'}",
                           lambda: self.ctx.conn.send({"type": "share_orders", "share": not on}),
                           None)],
                         tooltips=["Allies see your moves in their odds and commitments "
                                   "(always under integrated command)"], height=28)
        pacts = list(model.view.get("pacts", []))
        active = [p for p in pacts if p.get("status") != "ended"]
        ended = [p for p in pacts if p.get("status") == "ended"]
        if not active:
            flow.text("<i>No pacts in force that you can see.</i>", object_id="#muted_text")
        mine = [p for p in active if model.seat in p.get("members", [])]
        others = [p for p in active if model.seat not in p.get("members", [])]
        if mine:
            flow.heading("Your pacts")
            for pact in mine:
                self._card(flow, pact, own=True)
        if others:
            flow.heading("Other pacts")
            for pact in others:
                self._card(flow, pact, own=False)
        if ended:
            flow.heading("Ended")
            for pact in ended:
                self._card(flow, pact, own=False)

    def _allies(self) -> list[str]:
        """The seat's allies (members of its active defensive or offensive pacts)."""
        seat = self.ctx.model.seat
        return sorted({m for p in self.ctx.model.view.get("pacts", [])
                       if p.get("status") == "active" and p.get("kind") in ("defensive",
                                                                           "offensive")
                       and seat in p.get("members", []) for m in p.get("members", [])
                       if m != seat})

    def _card(self, flow: Flow, pact: dict[str, Any], *, own: bool) -> None:
        names = self.ctx.names
        # The kind in its alliance-link colour, so the card and the map's lines agree.
        kind = kind_words(pact.get("kind"))
        colour = "#%02x%02x%02x" % KIND_COLOURS.get(str(pact.get("kind")), (92, 80, 66))
        # Titled, never by id: a seat's pact ids are opaque aliases.
        if pact.get("name"):
            title = f"<b>{esc(pact['name'])}</b> <font color='{colour}'>{esc(kind)}</font>"
        else:
            title = f"<b><font color='{colour}'>{esc(pact_title(pact, names))}</font></b>"
        if pact.get("secret"):
            title += " <font color='#5c3478'><b>SECRET</b></font>"
            if not pact.get("revealed"):
                title += "<font color='#5c3478'> (only members know)</font>"
        if pact.get("engaged_against"):
            title += " <font color='#b22222'><b>ENGAGED</b></font>"
        lines = [title, f"Members: {power_list(self.ctx, pact.get('members', []))}"]
        if pact.get("target"):
            lines.append(f"Target: {power_list(self.ctx, [pact['target']])}")
        if pact.get("against"):
            lines.append(f"Only against {power_list(self.ctx, pact['against'])}")
        lines.append(f"<font color='#5c5042'>{esc(terms_brief(pact, names))}</font>")
        lines.append(f"<i>{esc(pact_state(pact, names))}</i>")
        if own:     # the commitments meter: what the seat owes, what its orders commit
            partners = " and ".join(names.power(m) for m in pact.get("members", [])
                                    if m != self.ctx.model.seat)
            for c in self.ctx.commitments():
                if c.pact == pact.get("id"):
                    colour = "#2e7d32" if c.kept else "#b22222"
                    lines.append(f"<font color='{colour}'><b>"
                                 f"{esc(commitment_line(c, partners, names.power))}</b></font>")
        flow.clickable("<br>".join(lines), lambda p=pact: self._show(p),
                       tooltip="Show on the map")
        if own and pact.get("status") != "ended" and not self.ctx.model.over:
            flow.buttons(self._actions_for(pact), tooltips=self._tips_for(pact), height=28)
            if self._answers_calls(pact):
                self._call_answer(flow, pact)
        flow.rule()

    def _answers_calls(self, pact: dict[str, Any]) -> bool:
        """Ruleset 2: a member of an active defensive or offensive pact may stand ready to
        decline a call to arms under it (RULES.md §11.2)."""
        return (self.ctx.rules.ruleset == 2 and pact.get("status") == "active"
                and pact.get("kind") in ("defensive", "offensive"))

    def _call_answer(self, flow: Flow, pact: dict[str, Any]) -> None:
        """The standing choice "Honour / Decline": Decline puts the ``decline`` order in the
        draft, Honour takes it out; the current choice is the disabled button."""
        order = {"op": "decline", "pact": pact["id"]}
        declining = order in [{"op": o.get("op"), "pact": o.get("pact")}
                              for o in self.ctx.model.my_orders()]
        flow.text(f"<b>If called to arms under this pact this turn:</b> "
                  f"<i>{esc(call_answer_words(declining))}</i><br>"
                  f"<font color='#5c5042'>{esc(decline_cost_words(self.ctx.rules.decline_cost))}"
                  f"</font>")
        flow.buttons([("Honour", None if not declining else
                       (lambda: self._answer(pact, decline=False)), None),
                      ("Decline", None if declining else
                       (lambda: self._answer(pact, decline=True)), None)],
                     tooltips=["Go to war beside your partners if called",
                               "Stay out if called: a breach, and legitimacy lost"], height=28)

    def _answer(self, pact: dict[str, Any], *, decline: bool) -> None:
        order = {"op": "decline", "pact": pact["id"]}
        title = pact_title(pact, self.ctx.names)
        if decline:
            self.ctx.add_order(order)
            self.ctx.toast(f"Order added: decline a call to arms under {title}.")
        else:
            self.ctx.remove_order(order)
            self.ctx.toast(f"Order removed: you will honour a call to arms under {title}.")

    def _actions_for(self, pact: dict[str, Any]) -> list[tuple[str, Any, str | None]]:
        seat, pid = self.ctx.model.seat, pact["id"]
        ordered = {(o.get("op"), o.get("pact")) for o in self.ctx.model.my_orders()}
        items: list[tuple[str, Any, str | None]] = []
        if pact.get("kind") == "offensive":
            can = (self._legitimacy() >= CRISIS and pact.get("target")
                   not in (pact.get("engaged_against") or [])
                   and ("invoke", pid) not in ordered)
            items.append(("Invoke", (lambda: self._order("invoke", pact)) if can else None,
                          "#primary_button" if can else None))
        leaving = (pact.get("withdrawing") or {}).get(seat)
        can_withdraw = leaving is None and ("withdraw", pid) not in ordered
        items.append((f"Leaving on turn {leaving}" if leaving is not None else "Withdraw",
                      (lambda: self._order("withdraw", pact)) if can_withdraw else None, None))
        can_break = ("break", pid) not in ordered
        items.append(("Break", (lambda: self._order("break", pact)) if can_break else None,
                      "#danger_button" if can_break else None))
        return items

    def _tips_for(self, pact: dict[str, Any]) -> list[str | None]:
        notice = int(pact.get("notice", 1))
        tips: list[str | None] = []
        if pact.get("kind") == "offensive":
            tips.append("Call every member to war against the target")
        tips.append("Leave cleanly after the notice period" if notice
                    else "Leave cleanly at once")
        tips.append("Leave at once: a breach that costs credibility and legitimacy")
        return tips

    def _legitimacy(self) -> int:
        power = self.ctx.model.view.get("powers", {}).get(self.ctx.model.seat) or {}
        return int(power.get("legitimacy", 100))

    def _order(self, op: str, pact: dict[str, Any]) -> None:
        self.ctx.add_order({"op": op, "pact": pact["id"]})
        title = pact_title(pact, self.ctx.names)
        verb = {"invoke": "Invoke", "withdraw": "Withdraw from", "break": "Break"}[op]
        self.ctx.toast(f"Order added: {verb} {title}.")

    def _show(self, pact: dict[str, Any]) -> None:
        powers = list(pact.get("members", []))
        if pact.get("target"):
            powers.append(pact["target"])
        self.ctx.show_on_map({"powers": powers, "pact": pact["id"]})
