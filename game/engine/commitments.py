"""What a power owes a pact engaged in a war, and what it commits (RULES.md §5, step 6).

One place for the figures of the obligations audit: the audit judges each member with them
after movement, and a seat's commitments meter foresees them while the orders are written
(``planned``), so the meter says what the audit will say about the same units.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Sequence

import numpy as np

from .foresight import wars_after
from .world import MapGraph

View = Mapping[str, Any]
Order = Mapping[str, Any]


@dataclass(frozen=True)
class Commitment:
    """One member's debt to one pact against one enemy."""

    pact: str
    power: str
    against: str
    required: float
    committed: int

    @property
    def kept(self) -> bool:
        return self.committed >= self.required


def owed(pledges: Mapping[str, int], burden_share: float, member: str,
         start_units: int) -> float:
    """What ``member`` owes a pact engaged against an enemy: its pledge, or else the pact's
    burden share of its units at the start of the turn."""
    if member in pledges:
        return pledges[member]
    return burden_share * start_units


def committed(units: np.ndarray, near: np.ndarray, lost: int) -> int:
    """A member's commitment against an enemy: its units (``units``, by territory) in or next
    to the enemy's territories (``near``), plus its units lost this turn fighting it."""
    return int(units[near].sum()) + lost


def planned(graph: MapGraph, view: View, power: str, orders: Sequence[Order],
            allied_orders: Mapping[str, Sequence[Order]] | None = None) -> list[Commitment]:
    """The commitments ``power`` will be judged on if these orders stand, as its view shows
    them: every active pact of its engaged against an enemy it is (or its orders, or its
    partners' shared orders, put it) at war with; its units where the orders leave them. No
    battle is foreseen, so no losses count."""
    terrs = view.get("territories", {})
    ids = [t.id for t in graph.territories]
    owners = np.array([terrs.get(t, {}).get("owner") or "" for t in ids], dtype=object)
    units = np.array([int((terrs.get(t, {}).get("forces") or {}).get(power, 0) or 0)
                      for t in ids], dtype=np.int64)
    start_units = int(units.sum())
    for order in orders:
        if order.get("op") == "move" and order.get("from") in graph.index \
                and order.get("to") in graph.index:
            n = int(order.get("n", 0))
            units[graph.index[order["from"]]] -= n
            units[graph.index[order["to"]]] += n
    every = {power: list(orders), **{q: list(o) for q, o in (allied_orders or {}).items()
                                     if q != power}}
    wars = wars_after(view, every)
    invoked = {o.get("pact") for plan in every.values() for o in plan if o.get("op") == "invoke"}
    out: list[Commitment] = []
    for pact in view.get("pacts", []):
        if pact.get("status") != "active" or power not in pact.get("members", []):
            continue
        engaged = list(pact.get("engaged_against", []))
        if pact.get("id") in invoked and pact.get("target") and pact["target"] not in engaged:
            engaged.append(pact["target"])
        for enemy in engaged:
            if frozenset((power, enemy)) not in wars:
                continue
            near = graph.near(owners == enemy)
            out.append(Commitment(
                pact=str(pact.get("id")), power=power, against=enemy,
                required=owed(pact.get("pledges", {}), float(pact.get("burden_share", 0.0)),
                              power, start_units),
                committed=committed(units, near, 0)))
    return out
