"""Step 5 of adjudication (RULES.md §5): builds, transfers, income."""

from __future__ import annotations

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
