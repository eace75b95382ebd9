"""A seat's draft of orders, and what the map needs to know to help write it.

The game screen keeps one ``OrderDraft`` per seat and turn. Every change sends the whole
draft (``{"type": "orders"}`` replaces the seat's set, docs/PROTOCOL.md §6), so the
server's reply, which says which orders it accepted and why it rejected the others, always
describes the draft on screen. Rejected orders stay in the draft, marked with the reason,
until the player fixes or removes them.

``MapFacts`` answers the questions the mouse asks (is this a neighbour, by land or sea; how
many units may still leave; how many may be built here), and ``attack_preview`` the one an
arrow asks: what are the odds? It uses the engine's ``foresight.attack_odds`` with the seat's view
(and the partners' shared orders), so what the arrow promises is what adjudication computes
from the same units (RULES.md §5, step 4).

Pure Python: no pygame, so it is tested directly.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping

from game.engine.combat import Odds
from game.engine.commitments import Commitment
from game.engine.foresight import ATTACK, INVADE, NEEDS_WAR, REINFORCE, UNKNOWN, attack_odds
from game.engine.params import Rules
from game.words.pacts import PACT_ORDER_VERBS, POWER_ORDER_VERBS

Order = dict[str, Any]
View = Mapping[str, Any]

MOVE = "move"
BUILD = "build"

# Draft entry states.
PENDING = "pending"      # sent, no reply yet
ACCEPTED = "accepted"
REJECTED = "rejected"


@dataclass(frozen=True)
class MapFacts:
    """The parts of a map document the order tools read, indexed for quick answers."""

    names: Mapping[str, str]
    terrain: Mapping[str, str]
    value: Mapping[str, int]
    capital_of: Mapping[str, str | None]
    neighbours: Mapping[str, Mapping[str, str]]   # territory -> neighbour -> land | sea
    order: tuple[str, ...]                        # territories in map order

    @classmethod
    def from_doc(cls, map_doc: Mapping[str, Any]) -> "MapFacts":
        terrs = map_doc.get("territories", [])
        neighbours: dict[str, dict[str, str]] = {t["id"]: {} for t in terrs}
        for a, b, kind in map_doc.get("edges", []):
            neighbours.setdefault(a, {})[b] = kind
            neighbours.setdefault(b, {})[a] = kind
        return cls(names={t["id"]: t.get("name", t["id"]) for t in terrs},
                   terrain={t["id"]: t.get("terrain", "plains") for t in terrs},
                   value={t["id"]: int(t.get("value", 0)) for t in terrs},
                   capital_of={t["id"]: t.get("capital_of") for t in terrs},
                   neighbours=neighbours, order=tuple(t["id"] for t in terrs))

    def name(self, tid: str) -> str:
        return self.names.get(tid, tid)

    def adjacent(self, a: str, b: str) -> bool:
        return b in self.neighbours.get(a, {})

    def edge(self, a: str, b: str) -> str | None:
        return self.neighbours.get(a, {}).get(b)


@dataclass
class DraftEntry:
    order: Order
    status: str = PENDING
    reason: str = ""


@dataclass
class OrderDraft:
    """The orders a seat is writing this turn, in the order they were given."""

    entries: list[DraftEntry] = field(default_factory=list)
    last_rid: Any = None   # the rid of the last orders request sent; older replies are stale

    @classmethod
    def from_orders(cls, orders: Iterable[Order]) -> "OrderDraft":
        """A draft holding orders the server already accepted (a resumed or rejoined seat)."""
        return cls([DraftEntry(dict(o), ACCEPTED) for o in orders])

    def __len__(self) -> int:
        return len(self.entries)

    @property
    def orders(self) -> list[Order]:
        return [dict(e.order) for e in self.entries]

    def message(self) -> dict[str, Any]:
        """The request that replaces the seat's set with this draft."""
        return {"type": "orders", "orders": self.orders}

    def find(self, order: Order) -> int | None:
        """The entry this order replaces: the same move, the same build site, the same
        diplomatic act. Giving it again changes the amount instead of adding a second."""
        op = order.get("op")
        for i, e in enumerate(self.entries):
            o = e.order
            if o.get("op") != op:
                continue
            if op == MOVE and (o.get("from"), o.get("to")) == (order.get("from"), order.get("to")):
                return i
            if op == BUILD and o.get("territory") == order.get("territory"):
                return i
            if op not in (MOVE, BUILD) and o == order:
                return i
        return None

    def add(self, order: Order) -> int:
        """Put an order in the draft (replacing its twin, see ``find``); its index."""
        i = self.find(order)
        if i is None:
            self.entries.append(DraftEntry(dict(order)))
            return len(self.entries) - 1
        self.entries[i] = DraftEntry(dict(order))
        return i

    def remove(self, index: int) -> Order:
        return self.entries.pop(index).order

    def set_amount(self, index: int, n: int) -> None:
        """Change how many units a move or build is for (at least one)."""
        entry = self.entries[index]
        key = "amount" if entry.order.get("op") == "transfer" else "n"
        entry.order = {**entry.order, key: max(1, int(n))}
        entry.status, entry.reason = PENDING, ""

    def mark_sent(self, rid: Any) -> None:
        self.last_rid = rid
        for e in self.entries:
            if e.status != REJECTED:
                e.status = PENDING

    def apply_reply(self, reply: Mapping[str, Any]) -> bool:
        """Mark entries accepted or rejected from the server's ``ok`` (or ``error``) reply to
        the last orders request; False for a stale reply to an earlier one."""
        if reply.get("rid") != self.last_rid:
            return False
        if reply.get("type") == "error":
            for e in self.entries:
                e.status, e.reason = REJECTED, str(reply.get("message", "refused"))
            return True
        reasons: list[tuple[Order, str]] = [(r.get("order"), str(r.get("reason", "")))
                                            for r in reply.get("rejected", [])]
        for e in self.entries:
            match = next((k for k, (o, _) in enumerate(reasons) if o == e.order), None)
            if match is None:
                e.status, e.reason = ACCEPTED, ""
            else:
                e.status, e.reason = REJECTED, reasons.pop(match)[1]
        return True

    def moved_out(self, territory: str, *, skip: int | None = None) -> int:
        """Units the draft already sends out of ``territory`` (except entry ``skip``)."""
        return sum(int(e.order.get("n", 0)) for i, e in enumerate(self.entries)
                   if i != skip and e.order.get("op") == MOVE
                   and e.order.get("from") == territory)

    def spent(self, rules: Rules, crisis: bool = False, *, skip: int | None = None) -> int:
        """IP the draft's builds and transfers cost (builds cost double in crisis)."""
        cost = rules.build_cost * (2 if crisis else 1)
        total = 0
        for i, e in enumerate(self.entries):
            if i == skip:
                continue
            if e.order.get("op") == BUILD:
                total += int(e.order.get("n", 0)) * cost
            elif e.order.get("op") == "transfer":
                total += int(e.order.get("amount", 0))
        return total


# --- reading the seat's view --------------------------------------------------------------

def units_of(view: View, seat: str, tid: str) -> int | None:
    """The seat's own units in a territory (None where the view hides them)."""
    forces = view.get("territories", {}).get(tid, {}).get("forces")
    if forces is None:
        return None
    return int(forces.get(seat, 0))


def owner_of(view: View, tid: str) -> str | None:
    return view.get("territories", {}).get(tid, {}).get("owner")


def in_crisis(view: View, seat: str, rules: Rules) -> bool:
    legitimacy = view.get("powers", {}).get(seat, {}).get("legitimacy")
    return legitimacy is not None and legitimacy < rules.crisis


def available(view: View, draft: OrderDraft, seat: str, tid: str, *,
              skip: int | None = None) -> int:
    """Units of the seat in ``tid`` that no other move of the draft sends away yet."""
    return max(0, (units_of(view, seat, tid) or 0) - draft.moved_out(tid, skip=skip))


def build_room(view: View, facts: MapFacts, rules: Rules, draft: OrderDraft, seat: str,
               tid: str, *, skip: int | None = None) -> int:
    """How many units the seat may still order built in ``tid`` (0 where it may not build):
    the territory's cap (its value, more in the seat's capital) and the treasury left."""
    if owner_of(view, tid) != seat:
        return 0
    cap = facts.value.get(tid, 0) + (rules.capital_build_bonus
                                     if facts.capital_of.get(tid) == seat else 0)
    treasury = view.get("powers", {}).get(seat, {}).get("treasury")
    crisis = in_crisis(view, seat, rules)
    cost = rules.build_cost * (2 if crisis else 1)
    if treasury is None or cost <= 0:
        return cap
    money = max(0, int(treasury) - draft.spent(rules, crisis, skip=skip))
    return max(0, min(cap, money // cost))


# --- what an arrow says ----------------------------------------------------------------------

@dataclass(frozen=True)
class ArrowPreview:
    """What a move arrow tells the player before the turn is adjudicated."""

    kind: str
    attackers: int                  # all the seat's units the draft sends into the target
    defenders: int | None           # None where fog hides them
    odds: Odds | None               # the engine's odds; None when there is no battle to judge
    note: str                       # one line for the map and the order list

    @property
    def percent(self) -> int | None:
        return None if self.odds is None else round(self.odds.p_win * 100)


def attack_preview(view: View, facts: MapFacts, rules: Rules, draft: OrderDraft, seat: str,
                   frm: str, to: str, n: int, *, entry: int | None = None,
                   power_name: Callable[[str], str] = str,
                   allied_orders: Mapping[str, list[Order]] | None = None) -> ArrowPreview:
    """The odds of the seat's units arriving in ``to`` (this move of ``n`` from ``frm``,
    with the draft's other moves into ``to``; ``entry`` is this move's index in the draft,
    if it is in it) and of the partners' shared moves into it: the engine's
    ``attack_odds``, so what the arrow promises is what adjudication computes."""
    orders = [e.order for i, e in enumerate(draft.entries)
              if i != entry and not (e.order.get("op") == MOVE and e.order.get("from") == frm
                                     and e.order.get("to") == to)]
    orders.append({"op": MOVE, "from": frm, "to": to, "n": n})
    seen = attack_odds(rules, view, seat, orders, to, terrain=facts.terrain.get(to, "plains"),
                       capital_of=facts.capital_of.get(to),
                       sea=lambda a, b: facts.edge(a, b) == "sea",
                       allied_orders=allied_orders)
    total = seen.attackers
    if seen.kind == REINFORCE:
        return ArrowPreview(REINFORCE, total, None, None, "reinforce")
    if seen.kind == NEEDS_WAR:
        return ArrowPreview(NEEDS_WAR, total, None, None,
                            f"not at war with {power_name(seen.owner or '')}: declare war first")
    if seen.kind == UNKNOWN:
        return ArrowPreview(UNKNOWN, total, None, None, "defenders unknown (fog)")
    assert seen.odds is not None and seen.defenders is not None
    pct = round(seen.odds.p_win * 100)
    helpers = " and ".join(f"{power_name(q)}'s {k}" for q, k in seen.allied.items())
    if seen.defenders == 0:
        note = "walks in unopposed"
    elif helpers:
        note = f"with {helpers}: {pct}% to win · {total} vs {seen.defenders}"
    else:
        note = f"{pct}% to win · {total} vs {seen.defenders}"
    if seen.kind == INVADE:
        note += f" · neutral: −{rules.neutrality_cost} legitimacy"
    return ArrowPreview(seen.kind, total, seen.defenders, seen.odds, note)


def commitment_line(c: Commitment, partners: str, power_name: Callable[[str], str] = str) -> str:
    """One line of the commitments meter: "You owe Greenland 5 units against Blueland; your
    orders commit 3" (``partners``: the pact's other members in words)."""
    owed = f"{round(c.required, 1):g}"
    # The audit's figure may be a share (7.4 units): a player moves whole units, so the
    # line also says how many keep it (the audit keeps a commitment at committed >= owed).
    whole = math.ceil(c.required)
    keep = f" ({whole} to keep it)" if whole != c.required else ""
    return (f"You owe {partners or 'your pact'} {owed} unit{'s' if owed != '1' else ''}{keep} "
            f"against {power_name(c.against)}; your orders commit {c.committed}")


def order_label(order: Order, facts: MapFacts, power_name: Callable[[str], str] = str,
                pact_name: Callable[[str], str] | None = None) -> str:
    """An order in words for the order list ("Berlin → Warsaw, 10 units"); ``pact_name``
    tells a pact by its title ("the defensive pact France–Britain") rather than its id."""
    op = order.get("op")
    if op == MOVE:
        n = order.get("n")
        return f"{facts.name(order.get('from'))} → {facts.name(order.get('to'))}, " \
               f"{n} unit{'s' if n != 1 else ''}"
    if op == BUILD:
        n = order.get("n")
        return f"Build {n} in {facts.name(order.get('territory'))}"
    if op == "transfer":
        return f"Give {order.get('amount')} IP to {power_name(order.get('to'))}"
    if op in POWER_ORDER_VERBS:
        return f"{POWER_ORDER_VERBS[op]} {power_name(order.get('target'))}"
    if op in PACT_ORDER_VERBS:
        verb = PACT_ORDER_VERBS[op]
        if pact_name is not None:
            return f"{verb} {pact_name(str(order.get('pact')))}"
        return f"{verb} pact {order.get('pact')}"
    return str(op)
