"""What each seat may see (RULES.md §7): the only way information leaves the engine for a
player.

A seat is a power id, ``SPECTATOR`` (the public view) or ``UMPIRE`` (everything). With fog
on, a power sees unit counts only in territories it or its allies own and in their
neighbours, and treasuries only of itself and its allies. Secret pacts are seen only by their
members until revealed. The match seed is never shown to a player: with it, the luck of every
battle could be computed in advance.

A server sends every seat its view and report at the end of each turn, so the work that does
not depend on the seat (the state's canonical JSON, the places each report event touches) is
done once per state or report, and what a seat may see of a frozen state (its ``Sight``) is
worked out once per seat and kept with the state.
"""

from __future__ import annotations

from dataclasses import dataclass
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
# Where a frozen state keeps what its seats may see (like State.shared_json's cache).
_SIGHTS = "_sights"
_REPORT_PLACES = "_report_places"


@dataclass(frozen=True)
class Sight:
    """What one seat may see of one state: the territories whose unit counts it sees
    (``visible``, read-only; ``visible_list`` the same as Python bools) and the powers whose
    treasuries it sees (``friends``; None means all of them)."""

    visible: np.ndarray
    visible_list: list[bool]
    friends: frozenset[str] | None


def _power_index(state: State, seat: str) -> int | None:
    return state.scenario.power_index.get(seat)


def fogged(state: State, seat: str) -> bool:
    return seat != UMPIRE and bool(state.scenario.rules.fog)


def _work_out_sight(state: State, seat: str) -> Sight:
    n_t = len(state.scenario.map)
    if not fogged(state, seat):
        visible = np.ones(n_t, dtype=bool)
        friends = None
    else:
        p = _power_index(state, seat)
        if p is None:
            visible = np.zeros(n_t, dtype=bool)
            friends = frozenset()
        else:
            circle = {p} | state.allies(p)
            # A lookup table by owner is far cheaper than np.isin on small arrays; owner -1
            # (neutral) reads the extra last entry, which is never a friend.
            is_friend = np.zeros(len(state.powers) + 1, dtype=bool)
            is_friend[sorted(circle)] = True
            visible = state.scenario.map.near(is_friend[state.owner])
            ids = state.scenario.power_ids
            friends = frozenset(ids[q] for q in circle)
    visible.flags.writeable = False
    return Sight(visible, visible.tolist(), friends)


def sight(state: State, seat: str) -> Sight:
    """What ``seat`` may see of ``state``; worked out once per seat for a frozen state."""
    if not state.frozen:
        return _work_out_sight(state, seat)
    sights = state.__dict__.setdefault(_SIGHTS, {})
    found = sights.get(seat)
    if found is None:
        found = sights[seat] = _work_out_sight(state, seat)
    return found


def visible_territories(state: State, seat: str) -> np.ndarray:
    """Boolean mask over territories whose unit counts the seat may see."""
    return sight(state, seat).visible.copy()


def friends_of(state: State, seat: str) -> set[str] | None:
    """The powers whose treasuries the seat may see (None: all of them)."""
    friends = sight(state, seat).friends
    return None if friends is None else set(friends)


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
    seen = sight(state, seat)
    doc = dict(shared)
    doc["seat"] = seat
    doc["fog"] = fogged(state, seat)
    if seat != UMPIRE:
        del doc["seed"]
    doc["territories"] = {
        tid: terr if visible else {"owner": terr["owner"], "forces": None}
        for (tid, terr), visible in zip(shared["territories"].items(), seen.visible_list)}
    friends = seen.friends
    if friends is not None:
        doc["powers"] = {pid: power if pid in friends else {**power, "treasury": None}
                         for pid, power in shared["powers"].items()}
    doc["pacts"] = [p for p in doc["pacts"] if pact_visible(p, seat)]
    return doc


def _places(report: dict[str, Any], state: State) -> list[tuple[int, ...]]:
    """For each event of the report, the map indices of the territories it names; the same
    for every seat, so worked out once per report (kept with the state after the turn)."""
    index = state.scenario.map.index

    def work_out() -> list[tuple[int, ...]]:
        return [tuple(index[t] for t in (event.get(k) for k in ("territory", "from", "to"))
                      if isinstance(t, str) and t in index)
                for event in report["events"]]

    if not state.frozen:
        return work_out()
    kept = state.__dict__.get(_REPORT_PLACES)
    if kept is None or kept[0] is not report:
        kept = state.__dict__[_REPORT_PLACES] = (report, work_out())
    return kept[1]


def view_report(report: dict[str, Any], before: State, after: State, seat: str) -> dict[str, Any]:
    """The turn report as ``seat`` may see it, filtered by the same fog as the view.

    An event tied to places is shown when any of its territories was visible to the seat at
    the start or at the end of the turn; events of a secret pact not yet revealed only to its
    members; money only to the powers concerned and their allies; rejected orders only to the
    power that gave them.
    """
    if seat == UMPIRE:
        return report
    seen_before, seen_after = sight(before, seat), sight(after, seat)
    friends_before, friends_after = seen_before.friends, seen_after.friends
    either = (None if friends_before is None
              else friends_before | (friends_after or frozenset()))
    seen = [a or b for a, b in zip(seen_before.visible_list, seen_after.visible_list)]

    events = []
    for event, places in zip(report["events"], _places(report, after)):
        kind = event["type"]
        if event.get("secret") and seat not in event.get("members", []):
            continue
        if kind in _PLACED and not any(seen[i] for i in places):
            continue
        if (kind in _MONEY and either is not None
                and event.get("power") not in either and event.get("to") not in either):
            continue
        events.append(event)
    return {
        "turn": report["turn"],
        "label": report["label"],
        "events": events,
        "rejected": [r for r in report["rejected"] if r["power"] == seat],
    }
