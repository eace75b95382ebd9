"""Step 5 of adjudication (RULES.md §5): builds, transfers, income, and in ruleset 2 upkeep."""

from __future__ import annotations

import math

import numpy as np

from .turn import Turn


def run_economy(turn: Turn) -> None:
    state = turn.state
    graph = turn.scenario.map
    for order in turn.orders["build"]:
        p = order.power
        t = graph.index[order.doc["territory"]]
        if state.owner[t] != p:
            turn.reject(order, f"{turn.ids[p]} no longer owns {order.doc['territory']}")
            continue
        n = order.doc["n"]
        # Crisis is judged at the start of the turn, as validation judged the treasury.
        cost = n * turn.rules.build_cost * (2 if turn.start_crisis[p] else 1)
        state.forces[t, p] += n
        state.powers[p].treasury -= cost
        turn.emit("built", power=turn.ids[p], territory=order.doc["territory"], n=n, cost=cost)
    for order in turn.orders["transfer"]:
        p, q = order.power, turn.index[order.doc["to"]]
        amount = order.doc["amount"]
        state.powers[p].treasury -= amount
        state.powers[q].treasury += amount
        turn.emit("transfer", power=turn.ids[p], to=order.doc["to"], amount=amount)
    incomes = state.owned_values()   # builds and transfers change no owner
    for p, ps in enumerate(state.powers):
        if ps.eliminated:
            continue
        income = incomes[p]
        ps.treasury += income
        if income:
            turn.emit("income", power=turn.ids[p], amount=income)
    if turn.rules.ruleset == 2:
        pay_upkeep(turn)


def upkeep_cost(units: int, rate: float) -> int:
    """The IP a power owes for keeping ``units`` units a turn: round(rate × units)."""
    return int(math.floor(rate * units + 0.5))


def pay_upkeep(turn: Turn) -> None:
    """Ruleset 2, step 5(d): every power pays upkeep for all its units, after income. What
    it cannot pay disbands units: it keeps only the units its treasury covers,
    floor(treasury / upkeep), the others leaving its largest stacks first (ties map order)."""
    state = turn.state
    rate = turn.rules.upkeep
    if rate <= 0:
        return
    graph = turn.scenario.map
    units = state.forces.sum(axis=0)
    for p, ps in enumerate(state.powers):
        n = int(units[p])
        if ps.eliminated or n == 0:
            continue
        cost = upkeep_cost(n, rate)
        paid = min(cost, ps.treasury)
        ps.treasury -= paid
        excess = 0 if paid == cost else n - int((paid + 1e-9) // rate)
        turn.emit("upkeep", power=turn.ids[p], units=n, cost=cost, paid=paid)
        if excess > 0:
            for t, k in _disband_order(state.forces[:, p], excess):
                state.forces[t, p] -= k
                turn.emit("disbanded", power=turn.ids[p], territory=graph.territories[t].id,
                          n=k, reason="upkeep")


def _disband_order(stacks: np.ndarray, excess: int) -> list[tuple[int, int]]:
    """Which units go when ``excess`` cannot be paid for: one at a time from the largest
    stack (ties: map order), as (territory, units) in map order."""
    left = stacks.astype(np.int64).copy()
    taken = np.zeros_like(left)
    for _ in range(min(excess, int(left.sum()))):
        t = int(np.argmax(left))        # argmax returns the first of equal stacks
        left[t] -= 1
        taken[t] += 1
    return [(int(t), int(taken[t])) for t in np.flatnonzero(taken)]
