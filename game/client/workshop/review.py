"""Review before release: the pending result in full, for the umpire alone.

Every power's orders, each with Skip and Edit (the new order typed in the text notation,
``BER -> WAR 10``), a rationale that only umpires see, the full report in words, the
amendments made so far, feedback for each power, and Release. Each amendment re-runs the
engine on the server and a new ``review`` push redraws the panel.
"""

from __future__ import annotations

from typing import Any, ClassVar

import pygame

from game.words.narrate import Names, narrate_report
from game.client.panels.frame import Flow, esc
from game.words.pacts import order_words
from game.engine.orders import OrderSyntaxError, order_text, parse_order_text

from . import feed as F
from .base import WorkshopPanel

RATIONALE = "rationale"
UNFOLDED_ORDERS = 24      # a turn with more orders than this shows each power folded


class ReviewPanel(WorkshopPanel):
    """The review tab of the umpire's console."""

    title: ClassVar[str] = "Review"
    shortcut: ClassVar[int | None] = pygame.K_F3
    parts = frozenset({F.REVIEW, F.HISTORY, F.NOTES})

    editing: tuple[str, int] | None = None     # (power, index) of the order being edited

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.folded: dict[str, bool] = {}      # power -> unfolded, as the umpire chose
        super().__init__(*args, **kwargs)

    def names(self, pending: dict[str, Any]) -> Names:
        base = self.ctx.names
        return Names(base.powers, base.territories,
                     {**base.pacts, **Names.from_docs({}, [], pending.get("view")).pacts})

    def build(self, flow: Flow) -> None:
        pending = self.feed.pending
        if pending is None:
            flow.text("No result is waiting for review."
                      + (" Review is on: the next adjudicated turn will wait here."
                         if self.feed.review_on else
                         " Turn review on in the Clock tab to hold each result for you."))
            return
        names = self.names(pending)
        reason = {"all_ready": "every seat was ready", "deadline": "the deadline passed",
                  "umpire": "you adjudicated it"}.get(pending.get("reason", ""), "")
        flow.text(f"<b>Turn {pending.get('turn')}, {esc(pending.get('label', ''))}</b>"
                  + (f": adjudicated because {reason}." if reason else ".")
                  + " Players see nothing until you release it.")
        preview = getattr(self.ctx, "preview", None)
        if preview is not None:
            showing = getattr(self.ctx, "previewing", False)
            flow.buttons([("Show the turn's start on the map" if showing else
                           "Show this result on the map",
                           lambda: self.toggle_preview(pending), None)])
        flow.label_beside("Rationale", 90)
        self.field(flow, RATIONALE, "why the change (umpires only)", x=94,
                   width=flow.width - 94)
        orders: dict[str, list[dict[str, Any]]] = pending.get("orders", {})
        for power in self.powers():
            self.power_orders(flow, power, orders.get(power, []), names)
        flow.heading("The result")
        lines = narrate_report(pending.get("report", {}), names, skip=())
        flow.text("<br>".join(f"• {esc(line)}" for line in lines) or "Nothing happened.")
        amendments = pending.get("amendments", [])
        if amendments:
            flow.heading("Your amendments")
            for a in amendments:
                what = "skipped" if a.get("order") is None else \
                    f"now {esc(order_words(a['order'], names))}"
                flow.text(f"{esc(names.power(a.get('power')))} order {a.get('index', 0) + 1} "
                          f"{what}: <i>{esc(a.get('rationale', ''))}</i>")
        flow.heading("Feedback (each power sees only its own)")
        for power in self.played():
            flow.label_beside(names.power(power), 110)
            self.field(flow, f"feedback:{power}", "optional", x=114, width=flow.width - 114)
        flow.gap(4)
        flow.buttons([("Release the result", self.release, "#primary_button")],
                     tooltips=["Send every seat its result, with your feedback"])

    def is_open(self, power: str, orders: dict[str, list[dict[str, Any]]]) -> bool:
        """Whether a power's orders are unfolded: all of them on a small turn; on a big one
        only those the umpire opens (hundreds of rows would make every redraw slow)."""
        if power in self.folded:
            return self.folded[power]
        return sum(len(o) for o in orders.values()) <= UNFOLDED_ORDERS

    def fold(self, power: str, open_: bool) -> None:
        self.folded[power] = open_
        self.relayout = True

    def power_orders(self, flow: Flow, power: str, orders: list[dict[str, Any]],
                     names: Names) -> None:
        all_orders = (self.feed.pending or {}).get("orders", {})
        if not self.is_open(power, all_orders) and self.editing is not None \
                and self.editing[0] == power:
            self.folded[power] = True
        if not self.is_open(power, all_orders):
            flow.buttons([(f"{names.power(power)}: {len(orders)} "
                           f"order{'s' * (len(orders) != 1)} — show",
                           lambda p=power: self.fold(p, True), None)], height=26)
            return
        if sum(len(o) for o in all_orders.values()) > UNFOLDED_ORDERS:
            flow.button("Hide", lambda p=power: self.fold(p, False), x=flow.width - 60,
                        width=60, height=24, tooltip="Fold this power's orders away")
        flow.heading(names.power(power))
        turn = (self.feed.pending or {}).get("turn")
        intents = [n for n in self.feed.my_notes("intent", power) if n.get("turn") == turn]
        if intents:
            # What the team said it meant to do, beside what it ordered.
            flow.text(f"Intent: <i>{esc(intents[-1]['text'])}</i>")
        if not orders:
            flow.text("<i>No orders: its units hold.</i>")
        for i, order in enumerate(orders):
            # The order in words, with its Skip and Edit buttons on the same row.
            top, width = flow.y, flow.width
            if self.editing != (power, i):
                flow.button("Skip", lambda p=power, k=i: self.skip(p, k), x=width - 124,
                            width=58, height=26, tooltip="Leave this order out")
                flow.button("Edit", lambda p=power, k=i: self.start_edit(p, k),
                            x=width - 60, width=60, height=26, tooltip="Change this order")
                flow.width = width - 132
            flow.text(f"{i + 1}. <b>{esc(order_words(order, names))}</b>")
            flow.width = width
            flow.y = max(flow.y, top + 32)
            if self.editing == (power, i):
                self.edit_row(flow, power, i, order)
        if self.editing == (power, len(orders)):
            self.edit_row(flow, power, len(orders), None)
        else:
            flow.buttons([("Add an order", lambda p=power, k=len(orders):
                           self.start_edit(p, k), None)], height=26)

    def edit_row(self, flow: Flow, power: str, index: int, order: dict[str, Any] | None) -> None:
        key = f"order:{power}:{index}"
        if key not in self.texts and order is not None:
            self.texts[key] = order_text(order)
        self.field(flow, key, "BER -> WAR 10, build BER 2, war POL, give ITA 5 …")
        flow.buttons([("Apply", lambda: self.apply_edit(power, index, key), "#primary_button"),
                      ("Cancel", self.cancel_edit, None)], height=26)

    # --- actions -----------------------------------------------------------------------

    def rationale(self) -> str | None:
        text = self.text_of(RATIONALE)
        if not text:
            self.ctx.toast("Give a rationale first: it stays with the change for the debrief.")
            return None
        return text

    def skip(self, power: str, index: int) -> None:
        rationale = self.rationale()
        if rationale is not None:
            self.request({"type": "amend_order", "power": power, "index": index,
                          "order": None, "rationale": rationale},
                         f"{self.ctx.names.power(power)}'s order {index + 1} is skipped; "
                         "the result is re-run.")

    def played(self) -> list[str]:
        """The powers someone plays (feedback to an empty seat would reach nobody)."""
        seats = self.ctx.model.seats
        return [p for p in self.powers() if seats.get(p, {}).get("kind") != "empty"]

    def toggle_preview(self, pending: dict[str, Any]) -> None:
        """Show the result under review on the console's map, or the turn's start again."""
        showing = getattr(self.ctx, "previewing", False)
        self.ctx.preview(None if showing else pending.get("view"))
        self.relayout = True

    def start_edit(self, power: str, index: int) -> None:
        self.editing = (power, index)
        self.relayout = True

    def cancel_edit(self) -> None:
        self.editing = None
        self.relayout = True

    def apply_edit(self, power: str, index: int, key: str) -> None:
        rationale = self.rationale()
        if rationale is None:
            return
        try:
            order = parse_order_text(self.text_of(key))
        except OrderSyntaxError as err:
            self.ctx.toast(str(err))
            return

        def done(reply: dict[str, Any]) -> None:
            self.editing = None
            self.texts.pop(key, None)
            self.relayout = True
        self.request({"type": "amend_order", "power": power, "index": index, "order": order,
                      "rationale": rationale},
                     f"{self.ctx.names.power(power)}'s order is now {order_text(order)}; "
                     "the result is re-run.", then=done)

    def release(self) -> None:
        feedback = {p: self.text_of(f"feedback:{p}") for p in self.played()}
        feedback = {p: t for p, t in feedback.items() if t}

        def done(reply: dict[str, Any]) -> None:
            self.clear(RATIONALE, *(f"feedback:{p}" for p in self.powers()))
        self.request({"type": "release_result", "feedback": feedback},
                     "The result is released to every seat.", then=done)
