"""What each seat may see (RULES.md §7): the only way information leaves the engine for a
player.

A seat is a power id, ``SPECTATOR`` (the public view) or ``UMPIRE`` (everything). With fog
on, a power sees unit counts only in territories it or its allies own and in their
neighbours, and treasuries only of itself and its allies. Secret pacts are seen only by their
members until revealed. The match seed is never shown to a player: with it, the luck of every
battle could be computed in advance.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .state import State

SPECTATOR = "spectator"
UMPIRE = "umpire"

# Events tied to places: shown when one of their territories is visible to the seat.
_PLACED = {"moved", "battle", "retreated", "returned", "destroyed", "built", "went_home",
           "disbanded", "neutrality_violated"}
# Events about money: shown to the powers concerned and their allies.
_MONEY = {"transfer", "income"}


def _power_index(state: State, seat: str) -> int | None:
    return state.scenario.power_index.get(seat)


def fogged(state: State, seat: str) -> bool:
    return seat != UMPIRE and bool(state.scenario.rules.fog)


def visible_territories(state: State, seat: str) -> np.ndarray:
    """Boolean mask over territories whose unit counts the seat may see."""
    n_t = len(state.scenario.map)
    if not fogged(state, seat):
        return np.ones(n_t, dtype=bool)
    p = _power_index(state, seat)
    if p is None:
        return np.zeros(n_t, dtype=bool)
    friends = [p] + sorted(state.allies(p))
    return state.scenario.map.near(np.isin(state.owner, friends))


def friends_of(state: State, seat: str) -> set[str] | None:
    """The powers whose treasuries the seat may see (None: all of them)."""
    if not fogged(state, seat):
        return None
    p = _power_index(state, seat)
    if p is None:
        return set()
    ids = state.scenario.power_ids
    return {ids[q] for q in {p} | state.allies(p)}


def pact_visible(pact_doc: dict[str, Any], seat: str) -> bool:
    if seat == UMPIRE or not pact_doc.get("secret") or pact_doc.get("revealed"):
        return True
    return seat in pact_doc.get("members", [])


def view(state: State, seat: str) -> dict[str, Any]:
    """The state as ``seat`` may see it: the canonical JSON with hidden parts removed.

    Fogged unit counts and treasuries are ``null``; invisible pacts are left out; the seed
    is left out for everyone but the umpire. The view shares unchanged parts with the state's
    cached JSON: read it (or send it), never change it in place.
    """
    # Cut from the state's shared canonical JSON: only what differs for this seat is new, so
    # serving many seats costs one serialisation (the shared parts are never changed).
    shared = state.shared_json()
    doc = dict(shared)
    doc["seat"] = seat
    doc["fog"] = fogged(state, seat)
    if seat != UMPIRE:
        del doc["seed"]
    visible = visible_territories(state, seat)
    doc["territories"] = {
        tid: terr if seen else {"owner": terr["owner"], "forces": None}
        for (tid, terr), seen in zip(shared["territories"].items(), visible.tolist())}
    friends = friends_of(state, seat)
    if friends is not None:
        doc["powers"] = {pid: power if pid in friends else {**power, "treasury": None}
                         for pid, power in shared["powers"].items()}
    doc["pacts"] = [p for p in doc["pacts"] if pact_visible(p, seat)]
    return doc


def view_report(report: dict[str, Any], before: State, after: State, seat: str) -> dict[str, Any]:
    """The turn report as ``seat`` may see it, filtered by the same fog as the view.

    An event tied to places is shown when any of its territories was visible to the seat at
    the start or at the end of the turn; events of a secret pact not yet revealed only to its
    members; money only to the powers concerned and their allies; rejected orders only to the
    power that gave them.
    """
    if seat == UMPIRE:
        return report
    graph = before.scenario.map
    seen = visible_territories(before, seat) | visible_territories(after, seat)
    friends_before = friends_of(before, seat)
    friends_after = friends_of(after, seat)

    def money_visible(event: dict[str, Any]) -> bool:
        if friends_before is None:
            return True
        concerned = {event.get("power"), event.get("to")}
        return bool(concerned & (friends_before | (friends_after or set())))

    def place_visible(event: dict[str, Any]) -> bool:
        places = [event.get(k) for k in ("territory", "from", "to")]
        return any(seen[graph.index[t]] for t in places if isinstance(t, str) and t in graph.index)

    events = []
    for event in report["events"]:
        kind = event["type"]
        if event.get("secret") and seat not in event.get("members", []):
            continue
        if kind in _PLACED and not place_visible(event):
            continue
        if kind in _MONEY and not money_visible(event):
            continue
        events.append(event)
    return {
        "turn": report["turn"],
        "label": report["label"],
        "events": events,
        "rejected": [r for r in report["rejected"] if r["power"] == seat],
    }

