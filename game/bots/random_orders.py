"""Random order sets: the baseline "random player", and load for property tests and
benchmarks. Mostly plausible orders, some illegal, some garbage, so that validation and
adjudication are both exercised."""

from __future__ import annotations

from typing import Any

import numpy as np

from game.engine import State

GARBAGE: list[Any] = [
    None, 3, "BER -> WAR", [], {}, {"op": "fly"}, {"op": "move"},
    {"op": "move", "from": 1, "to": 2, "n": 3}, {"op": "build", "territory": "X", "n": -2},
    {"op": "transfer", "to": "NOPE", "amount": 1.5}, {"op": "declare_war", "target": None},
    {"op": "move", "from": "A", "to": "B", "n": True}, {"op": "invoke", "pact": "P999"},
]


def random_orders(state: State, rng: np.random.Generator, *, busy: float = 0.8,
                  garbage: float = 0.02) -> dict[str, list[Any]]:
    """Orders for every power: each stack moves with probability ``busy`` (sometimes more
    units than it has, sometimes to a non-neighbour), plus diplomacy and economy now and then."""
    scenario = state.scenario
    graph = scenario.map
    ids = scenario.power_ids
    tids = graph.ids
    pacts = [p.id for p in state.pacts] + ["P0"]
    orders: dict[str, list[Any]] = {pid: [] for pid in ids}
    ts, ps = np.nonzero(state.forces)
    choices = rng.random(len(ts))
    for t, p, roll in zip(ts.tolist(), ps.tolist(), choices.tolist()):
        if roll > busy:
            continue
        near = graph.neighbours[t]
        dest = near[int(rng.integers(len(near)))] if near and rng.random() > 0.02 \
            else int(rng.integers(len(tids)))
        have = int(state.forces[t, p])
        n = int(rng.integers(1, have + 2)) if rng.random() < 0.1 else max(1, have - int(rng.integers(0, 2)))
        orders[ids[p]].append({"op": "move", "from": tids[t], "to": tids[dest], "n": n})
    for p, pid in enumerate(ids):
        roll = rng.random()
        other = ids[int(rng.integers(len(ids)))]
        if roll < 0.08:
            orders[pid].append({"op": "declare_war", "target": other})
        elif roll < 0.12:
            orders[pid].append({"op": "offer_peace", "target": other})
        elif roll < 0.15:
            orders[pid].append({"op": "invoke", "pact": pacts[int(rng.integers(len(pacts)))]})
        elif roll < 0.17:
            orders[pid].append({"op": "withdraw", "pact": pacts[int(rng.integers(len(pacts)))]})
        elif roll < 0.19:
            orders[pid].append({"op": "break", "pact": pacts[int(rng.integers(len(pacts)))]})
        if rng.random() < 0.3:
            orders[pid].append({"op": "build", "territory": tids[int(rng.integers(len(tids)))],
                                "n": int(rng.integers(1, 4))})
        if rng.random() < 0.05:
            orders[pid].append({"op": "transfer", "to": other, "amount": int(rng.integers(1, 6))})
        if rng.random() < garbage:
            orders[pid].append(GARBAGE[int(rng.integers(len(GARBAGE)))])
    return orders


def random_pact_terms(state: State, rng: np.random.Generator) -> dict[str, Any]:
    """A random (usually sound) pact proposal among living powers."""
    ids = [pid for pid, ps in zip(state.scenario.power_ids, state.powers) if not ps.eliminated]
    kind = ["defensive", "offensive", "non_aggression", "peace"][int(rng.integers(4))]
    k = min(len(ids), int(rng.integers(2, 4)))
    members = [ids[i] for i in rng.choice(len(ids), size=k, replace=False)]
    terms: dict[str, Any] = {"kind": kind, "members": members}
    if kind == "offensive":
        others = [p for p in ids if p not in members]
        if not others:
            terms["kind"] = "defensive"
        else:
            terms["target"] = others[int(rng.integers(len(others)))]
    if kind == "peace":
        del terms["members"]
        terms["sides"] = [members[:1], members[1:]]
    if rng.random() < 0.3:
        terms["notice"] = int(rng.integers(0, 3))
    if rng.random() < 0.3:
        terms["secret"] = True
    if rng.random() < 0.2:
        terms["integrated_command"] = True
    return terms
