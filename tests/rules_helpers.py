"""Small helpers for the rules tests (tests/test_rules_*.py).

They only read and write the canonical JSON of RULES.md §8 and call ``adjudicate``; no rule is
computed here except the battle arithmetic of RULES.md §5 step 4 that the luck tests need
(``kept_fraction``, ``share_survivors``), written from the text, not from the engine.
"""

from __future__ import annotations

import math
from typing import Any, Callable

from builders import events, forces, move, owner, start  # noqa: F401  (re-exported)
from game.engine import State, adjudicate, state_from_json


def run(state: State, orders: dict[str, list[dict[str, Any]]] | None = None,
        signed: list[dict[str, Any]] | None = None) -> tuple[State, dict[str, Any]]:
    """Adjudicate one turn."""
    return adjudicate(state, orders or {}, signed=signed)


def power(state: State, pid: str) -> dict[str, Any]:
    return state.to_json()["powers"][pid]


def leg(state: State, pid: str) -> int:
    """Legitimacy L of a power."""
    return power(state, pid)["legitimacy"]


def record(state: State, pid: str) -> tuple[int, int, int]:
    """(owed, kept, credibility) of a power."""
    doc = power(state, pid)
    return doc["owed"], doc["kept"], doc["credibility"]


def pact(state: State, pact_id: str) -> dict[str, Any]:
    for doc in state.to_json()["pacts"]:
        if doc["id"] == pact_id:
            return doc
    raise KeyError(pact_id)


def wars(state: State) -> dict[frozenset[str], str | None]:
    """{frozenset({p, q}): aggressor or None} for every pair at war."""
    return {frozenset(w["between"]): w["aggressor"] for w in state.to_json()["wars"]}


def at_war(state: State, p: str, q: str) -> bool:
    return frozenset((p, q)) in wars(state)


def edit(state: State, change: Callable[[dict[str, Any]], None]) -> State:
    """A state changed through its canonical JSON (to set up wars, engaged pacts, ...)."""
    doc = state.to_json()
    change(doc)
    return state_from_json(doc, state.scenario)


def with_wars(state: State, *pairs: tuple[str, str, str | None]) -> State:
    """Add wars (p, q, aggressor-or-None) to a state."""
    def change(doc: dict[str, Any]) -> None:
        for p, q, aggressor in pairs:
            doc["wars"].append({"between": [p, q], "aggressor": aggressor})
    return edit(state, change)


def with_pact_fields(state: State, pact_id: str, **fields: Any) -> State:
    """Set fields of one pact (e.g. engaged_against=["GRN"], status="ended")."""
    def change(doc: dict[str, Any]) -> None:
        for p in doc["pacts"]:
            if p["id"] == pact_id:
                p.update(fields)
    return edit(state, change)


def with_powers(state: State, **changes: dict[str, Any]) -> State:
    """Set fields of powers, e.g. with_powers(s, RED={"legitimacy": 20})."""
    def change(doc: dict[str, Any]) -> None:
        for pid, fields in changes.items():
            doc["powers"][pid].update(fields)
    return edit(state, change)


def rejected(report: dict[str, Any], power_id: str | None = None) -> list[dict[str, Any]]:
    return [r for r in report["rejected"] if power_id is None or r["power"] == power_id]


def rejected_orders(report: dict[str, Any], power_id: str | None = None) -> list[Any]:
    return [r["order"] for r in rejected(report, power_id)]


def legitimacy_changes(report: dict[str, Any], pid: str) -> list[int]:
    """The signed L changes the report records for a power, in order."""
    return [e["change"] for e in events(report, "legitimacy") if e["power"] == pid]


def battles(report: dict[str, Any], kind: str | None = None) -> list[dict[str, Any]]:
    return [e for e in events(report, "battle") if kind is None or e["kind"] == kind]


# --- the battle arithmetic of RULES.md §5 step 4 (for tests whose numbers come from a draw) ---


def kept_fraction(w: float, l: float, beta: float = 0.5) -> float:
    """The winner keeps sqrt(max(0, 1 − (1 − (1 − β)²) × (l / w)²))."""
    return math.sqrt(max(0.0, 1.0 - (1.0 - (1.0 - beta) ** 2) * (l / w) ** 2))


def share_survivors(stacks: list[int], kept: float) -> list[int]:
    """A side keeps floor(total × kept + 0.5) units, shared among its stacks (given in power,
    then origin order) by largest remainder of units × kept, ties by that order."""
    target = math.floor(sum(stacks) * kept + 0.5)
    shares = [u * kept for u in stacks]
    floors = [math.floor(s) for s in shares]
    order = sorted(range(len(stacks)), key=lambda i: (-(shares[i] - floors[i]), i))
    out = list(floors)
    for rank, i in enumerate(order):
        if rank < target - sum(floors):
            out[i] += 1
    return out


# Neutral garrisons the shipped scenarios have changed since games of them were pinned (the
# tutorial's Dunmore held 4): a pinned game is played from the start it was pinned with, so
# a pin tests the engine and the bots, not the scenario's tuning.
GARRISONS_WHEN_PINNED = {"Tutorial": {"DUN": 4, "NRE": 1}}


def as_pinned(scenario: Any) -> Any:
    """``scenario`` with the neutral garrisons it had when its games were pinned."""
    from dataclasses import replace

    garrisons = GARRISONS_WHEN_PINNED.get(scenario.name)
    if garrisons is None:
        return scenario
    return replace(scenario, scenario_doc={**scenario.scenario_doc,
                                           "neutral": {"forces": garrisons}})
