"""The seat's draft of orders as the game screen edits it, and its sending.

Every edit goes through here: adding a move (all the units not yet ordered elsewhere), a
build (within the territory's cap and the treasury), a diplomatic order from a panel,
changing an amount, removing. After each change the arrows' previews are recomputed and
the whole draft is sent (``{"type": "orders"}`` replaces the seat's set): at once for an
order added or removed, ``SEND_DELAY`` seconds after an amount last changed, so a slider
drag sends once. The screen reads ``draft``, ``selected`` and ``previews`` to draw.
"""

from __future__ import annotations

from typing import Any, Callable

from game.engine.orders import order_text
from game.engine.params import Rules

from ..connection import Connection
from ..model import MatchModel
from game.words.narrate import Names
from ..orders_ui import (BUILD, MOVE, REJECTED, ArrowPreview, MapFacts, OrderDraft,
                         attack_preview, available, build_room, order_label)

SEND_DELAY = 0.3        # seconds an amount must rest before the draft is sent again


class DraftEditor:
    """One seat's draft, its selected entry, its arrow previews and its sending."""

    def __init__(self, conn: Connection, model: Callable[[], MatchModel], facts: MapFacts,
                 rules: Rules, names: Callable[[], Names], toast: Callable[[str], None],
                 draft: OrderDraft | None = None) -> None:
        self.conn = conn
        self._model = model            # the screen's current model (a rejoin replaces it)
        self._names = names
        self.facts = facts
        self.rules = rules
        self.toast = toast
        # A team's seat starts from the shared draft (the signed orders when there is none).
        self.draft = draft if draft is not None else OrderDraft.from_orders(model().my_draft())
        self.selected: int | None = None
        self.previews: dict[int, ArrowPreview] = {}
        self.send_due: float | None = None
        self.clock = 0.0
        self.refresh()

    @property
    def model(self) -> MatchModel:
        return self._model()

    @property
    def names(self) -> Names:
        return self._names()

    def can_order(self) -> bool:
        return self.model.is_power and not self.model.over

    # --- sending ------------------------------------------------------------------------

    def changed(self, *, send_now: bool = False) -> None:
        self.refresh()
        if send_now:
            self.send()
        else:
            self.send_due = self.clock + SEND_DELAY

    def send(self) -> None:
        self.send_due = None
        if not self.can_order():
            return
        message = self.draft.message()
        base = self.base()
        if base is not None:
            message["base"] = base
        try:
            rid = self.conn.send(message)
        except Exception as err:   # a closed connection: keep the draft, say so
            self.toast(f"Orders not sent: {err}")
            return
        self.draft.mark_sent(rid)

    def flush(self) -> None:
        """Send now if a change is waiting (leaving, closing, Done)."""
        if self.send_due is not None:
            self.send()

    def tick(self, dt: float) -> None:
        self.clock += dt
        if self.send_due is not None and self.clock >= self.send_due:
            self.send()

    def base(self) -> int | None:
        """The revision of the team's draft this edit starts from, so the match merges it
        order by order with what teammates did meanwhile; None for a player alone (whose
        set simply replaces the draft)."""
        model = self.model
        if not model.team():
            return None
        return model.extra.get("draft_rev", {}).get(model.seat)

    def reply(self, message: dict[str, Any]) -> bool:
        """Take the server's answer to the last orders request; False if it is not one."""
        if message.get("rid") is None or message.get("rid") != self.draft.last_rid:
            return False
        self.draft.apply_reply(message)
        if "rev" in message:
            self.merged(message)
        return True

    def merged(self, message: dict[str, Any]) -> None:
        """A team edit came back merged: show the team's draft as it now is, and say which
        of this seat's changes were not kept because a teammate changed the order first."""
        for clash in message.get("conflicts", []):
            order = clash.get("kept") or clash.get("order") or {}
            what = order_text(order) if order else "an order"
            self.toast(f"{clash.get('name') or clash.get('by')} changed {what} first; "
                       "your change to it was not kept.")
        accepted = message.get("accepted", [])
        mine = [e.order for e in self.draft.entries if e.status != REJECTED]
        if accepted != mine:
            self.replace(OrderDraft.from_orders(accepted))

    def replace(self, draft: OrderDraft) -> None:
        """A new draft (a new turn, a teammate's change, or the orders of a fresh
        snapshot). A request still in flight stays the one whose answer counts: a team's
        merged answer then brings this seat's own change back."""
        draft.last_rid = self.draft.last_rid
        self.draft = draft
        self.selected = None
        # Nothing of the old draft is waiting to go: sending the new one back would, from
        # a team's lead, sign a member's draft without the lead meaning to.
        self.send_due = None
        self.refresh()

    # --- reading ------------------------------------------------------------------------

    def refresh(self) -> None:
        """Recompute every move's arrow preview (the draft or the view changed)."""
        self.previews = {}
        seat = self.model.seat
        for i, e in enumerate(self.draft.entries):
            o = e.order
            if o.get("op") == MOVE and o.get("from") in self.facts.names \
                    and o.get("to") in self.facts.names:
                self.previews[i] = attack_preview(
                    self.model.view, self.facts, self.rules, self.draft, seat, o["from"],
                    o["to"], int(o.get("n", 0)), entry=i, power_name=self.names.power,
                    allied_orders=self.model.shared_orders)

    def describe(self, i: int) -> tuple[str, str]:
        """An order's line in the list and its note (the odds, or why it was rejected)."""
        entry = self.draft.entries[i]
        label = order_label(entry.order, self.facts, self.names.power, self.names.pact)
        if entry.status == REJECTED:
            return label, entry.reason or "rejected"
        preview = self.previews.get(i)
        return label, preview.note if preview is not None and preview.kind != "reinforce" else ""

    def amount_limit(self, i: int) -> int:
        """The most units entry i may be for, given the rest of the draft."""
        o = self.draft.entries[i].order
        seat = self.model.seat
        if o.get("op") == MOVE:
            return available(self.model.view, self.draft, seat, o["from"], skip=i)
        if o.get("op") == BUILD:
            return build_room(self.model.view, self.facts, self.rules, self.draft, seat,
                              o["territory"], skip=i)
        return 1

    def amount(self, i: int) -> int:
        return int(self.draft.entries[i].order.get("n", 1))

    # --- editing ------------------------------------------------------------------------

    def add(self, order: dict[str, Any], *, announce: bool = True) -> None:
        """Put an order in the draft and send the draft (the panels' ``add_order``; a panel
        that says what it added in its own words passes ``announce=False``)."""
        if not self.can_order():
            self.toast("Only a power still in the game gives orders.")
            return
        self.selected = self.draft.add(order)
        self.changed(send_now=True)
        if announce:
            self.toast(f"Order added: {order_label(order, self.facts, self.names.power, self.names.pact)}")

    def set_amount(self, n: int, *, send_now: bool = False) -> None:
        """Set the selected move's or build's amount, within what is possible."""
        if self.selected is None or self.selected >= len(self.draft):
            return
        n = max(1, min(n, max(1, self.amount_limit(self.selected))))
        if self.draft.entries[self.selected].order.get("n") != n:
            self.draft.set_amount(self.selected, n)
            self.changed(send_now=send_now)

    def remove(self, i: int) -> None:
        if 0 <= i < len(self.draft):
            self.draft.remove(i)
            if self.selected == i:
                self.selected = None
            elif self.selected is not None and self.selected > i:
                self.selected -= 1
            self.changed(send_now=True)

    def add_move(self, frm: str, to: str) -> bool:
        """Move every unit of ``frm`` not yet ordered elsewhere to ``to``; False (with a
        toast saying why) when there is no such move to make."""
        if not self.can_order():
            return False
        if not self.facts.adjacent(frm, to):
            self.toast(f"{self.facts.name(to)} is not next to {self.facts.name(frm)}.")
            return False
        existing = self.draft.find({"op": MOVE, "from": frm, "to": to})
        room = available(self.model.view, self.draft, self.model.seat, frm, skip=existing)
        if room <= 0:
            self.toast(f"No units left to move from {self.facts.name(frm)}.")
            return False
        self.selected = self.draft.add({"op": MOVE, "from": frm, "to": to, "n": room})
        self.changed(send_now=True)
        return True

    def add_build(self, tid: str, delta: int) -> None:
        """Build ``delta`` more (or fewer) units in ``tid``, within the cap and treasury."""
        if not self.can_order():
            return
        seat = self.model.seat
        if self.model.view.get("territories", {}).get(tid, {}).get("owner") != seat:
            self.toast(f"You can only build in your own territory, not in "
                       f"{self.facts.name(tid)}.")
            return
        i = self.draft.find({"op": BUILD, "territory": tid})
        current = 0 if i is None else self.amount(i)
        room = build_room(self.model.view, self.facts, self.rules, self.draft, seat, tid,
                          skip=i)
        n = current + delta
        if i is not None and n <= 0:
            self.remove(i)
            return
        if n > room:
            self.toast(f"{self.facts.name(tid)}: at most {room} unit{'s' if room != 1 else ''} "
                       "(the territory's cap and your treasury).")
            if room <= current:
                return
            n = room
        if n <= 0:
            return
        self.selected = self.draft.add({"op": BUILD, "territory": tid, "n": n})
        self.changed(send_now=True)
