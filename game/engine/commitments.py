"""What a pact member owes and commits (RULES.md §5 step 6, and "Reach" in ruleset 2): the one
place the obligations audit and a seat's commitments meter compute it.

Ruleset 1: a member at war with an enemy E of an engaged pact owes its pledge, or
burden_share × all its units at the start of the turn, and commits its units in or next to
E's territories (plus its units lost fighting E, which only the audit knows).

Ruleset 2 adds reach: the *front* is E's territories, or only those in the pact's
``theatre`` when it names one (the theatre itself when E holds none of it); a member owes
only from its units within ``reach`` moves of the front, and commits its units in or next to
the front. A member with no unit within reach owes nothing that turn.

The audit calls ``owed`` on the state after movement; the meter calls ``planned`` on what a
seat sees while it writes its orders. Both reckon through ``_reckon``, so the meter says what
the audit will say about the same units.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, NamedTuple, Sequence

import numpy as np

from .foresight import wars_after
from .params import Rules
from .state import Pact, State
from .world import MapGraph

View = Mapping[str, Any]
Order = Mapping[str, Any]


class Owed(NamedTuple):
    """One member's obligation under one engaged pact against one enemy."""

    pact: str
    power: str
    enemy: str
    required: float        # units it must commit (its pledge or burden share)
    within_reach: int      # its units that count toward the requirement
    committed: int         # its units now in or next to the front (losses not included)


@dataclass(frozen=True)
class Commitment:
    """One member's debt to one pact against one enemy, as the meter foresees it."""

    pact: str
    power: str
    against: str
    required: float
    committed: int

    @property
    def kept(self) -> bool:
        return self.committed >= self.required


def _front(graph: MapGraph, rules: Rules, theatre: Sequence[str],
           enemy_owned: np.ndarray) -> np.ndarray:
    """The territories a pact fights an enemy for: the enemy's (``enemy_owned``), narrowed in
    ruleset 2 to the pact's theatre when it names one (the whole theatre when the enemy
    holds none of it)."""
    mask: np.ndarray = enemy_owned
    if rules.ruleset == 2 and theatre:
        named = np.zeros(len(enemy_owned), dtype=bool)
        named[[graph.index[t] for t in theatre if t in graph.index]] = True
        mask = mask & named if (mask & named).any() else named
    return mask


def within(graph: MapGraph, mask: np.ndarray, moves: int) -> np.ndarray:
    """The territories at most ``moves`` edges from one in ``mask``."""
    out = mask
    for _ in range(moves):
        grown = graph.near(out)
        if (grown == out).all():
            break
        out = grown
    return out


def _reckon(graph: MapGraph, rules: Rules, pledge: int | None, burden_share: float,
            start_units: np.ndarray, fighting: np.ndarray) -> tuple[float, int]:
    """What a member owes, and the units it is reckoned from: its pledge, or the burden
    share of its units at the start of the turn (``start_units``, by territory) — in ruleset 2
    only of those within reach of the front (``fighting``), the pledge capped at them."""
    # A pledge stays a whole number: the audit writes ``required`` into the report, and
    # ruleset 1's reports (and their hashes) have always carried a pledge as an integer.
    if rules.ruleset == 2:
        base = int(start_units[within(graph, fighting, rules.reach)].sum())
        return (min(pledge, base) if pledge is not None else burden_share * base), base
    base = int(start_units.sum())
    return (pledge if pledge is not None else burden_share * base), base


def front(state: State, pact: Pact, enemy: int) -> np.ndarray:
    """The territories ``pact`` fights ``enemy`` (a power index) for in ``state``."""
    return _front(state.scenario.map, state.scenario.rules, pact.theatre or (),
                  state.owner == enemy)


def owed(state: State, power: str, pact: Pact, enemy: str,
         start_forces: np.ndarray | None = None) -> Owed:
    """What ``power`` owes under ``pact`` against ``enemy``, reckoned from ``start_forces``
    (the units at the start of the turn; default the state's own) and committed from the
    state's forces now. The audit calls it after movement with the turn's start forces."""
    graph, rules = state.scenario.map, state.scenario.rules
    index = state.scenario.power_index
    m, e = index[power], index[enemy]
    forces = state.forces if start_forces is None else start_forces
    fighting = front(state, pact, e)
    required, base = _reckon(graph, rules, pact.pledges.get(power), pact.burden_share,
                             forces[:, m], fighting)
    return Owed(pact.id, power, enemy, required, base,
                int(state.forces[graph.near(fighting), m].sum()))


def obligations(state: State, power: str) -> list[Owed]:
    """Everything ``power`` owes now: one entry per engaged pact it belongs to and enemy it
    is at war with, in pact order then enemy order (as the audit takes them)."""
    index = state.scenario.power_index
    out = []
    for pact in state.pacts:
        if not pact.active or power not in pact.members:
            continue
        for enemy in pact.engaged_against:
            if state.at_war(index[power], index[enemy]):
                out.append(owed(state, power, pact, enemy))
    return out


def planned(graph: MapGraph, view: View, power: str, orders: Sequence[Order],
            allied_orders: Mapping[str, Sequence[Order]] | None = None,
            rules: Rules | None = None) -> list[Commitment]:
    """The commitments ``power`` will be judged on if these orders stand, as its view shows
    them: every active pact of its engaged against an enemy it is (or its orders, or its
    partners' shared orders, put it) at war with; its units where the orders leave them. No
    battle is foreseen, so no losses count. ``rules`` are the match's (ruleset 1's defaults
    when not given)."""
    rules = rules or Rules()
    terrs = view.get("territories", {})
    ids = [t.id for t in graph.territories]
    owners = np.array([terrs.get(t, {}).get("owner") or "" for t in ids], dtype=object)
    start = np.array([int((terrs.get(t, {}).get("forces") or {}).get(power, 0) or 0)
                      for t in ids], dtype=np.int64)
    units = start.copy()
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
            fighting = _front(graph, rules, pact.get("theatre") or (), owners == enemy)
            pledge = (pact.get("pledges") or {}).get(power)
            required, base = _reckon(graph, rules, pledge,
                                     float(pact.get("burden_share", 0.0)), start, fighting)
            if rules.ruleset == 2 and base == 0 and not units[graph.near(fighting)].any():
                continue            # out of reach: owes nothing this turn
            out.append(Commitment(pact=str(pact.get("id")), power=power, against=enemy,
                                  required=required,
                                  committed=int(units[graph.near(fighting)].sum())))
    return out
