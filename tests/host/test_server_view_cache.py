"""The host's per-seat views are cut from shared, cached work (game/engine/view.py): they
must be exactly what the plain definition of RULES.md §7 gives, seat by seat, turn by turn.

``reference_view``/``reference_report`` are that plain definition (the straightforward code
the cached one replaced), kept here as the oracle.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from game import protocol
from game.bots.random_orders import random_orders, random_pact_terms
from game.engine import adjudicate, initial_state
from game.engine.view import SPECTATOR, UMPIRE, view, view_report, visible_territories
from server.scenarios import ScenarioShelf

_PLACED = {"moved", "battle", "retreated", "returned", "destroyed", "built", "went_home",
           "disbanded", "neutrality_violated"}
_MONEY = {"transfer", "income", "upkeep"}   # upkeep: ruleset 2
_AUDIT = {"honoured", "shortfall", "out_of_reach"}   # out_of_reach: ruleset 2


def _fogged(state, seat: str) -> bool:
    return seat != UMPIRE and bool(state.scenario.rules.fog)


def _visible(state, seat: str) -> np.ndarray:
    n_t = len(state.scenario.map)
    if not _fogged(state, seat):
        return np.ones(n_t, dtype=bool)
    p = state.scenario.power_index.get(seat)
    if p is None:
        return np.zeros(n_t, dtype=bool)
    friends = [p] + sorted(state.allies(p))
    return state.scenario.map.near(np.isin(state.owner, friends))


def _friends(state, seat: str) -> set[str] | None:
    if not _fogged(state, seat):
        return None
    p = state.scenario.power_index.get(seat)
    if p is None:
        return set()
    ids = state.scenario.power_ids
    return {ids[q] for q in {p} | state.allies(p)}


def _pact_visible(pact_doc: dict[str, Any], seat: str) -> bool:
    if seat == UMPIRE or not pact_doc.get("secret") or pact_doc.get("revealed"):
        return True
    return seat in pact_doc.get("members", [])


def reference_view(state, seat: str) -> dict[str, Any]:
    doc = state.to_json()
    doc["seat"] = seat
    doc["fog"] = _fogged(state, seat)
    if seat != UMPIRE:
        del doc["seed"]
    visible = _visible(state, seat)
    for (tid, terr), seen in zip(doc["territories"].items(), visible.tolist()):
        if not seen:
            doc["territories"][tid] = {"owner": terr["owner"], "forces": None}
    friends = _friends(state, seat)
    if friends is not None:
        for pid, power in doc["powers"].items():
            if pid not in friends:
                power["treasury"] = None
    doc["pacts"] = [p for p in doc["pacts"] if _pact_visible(p, seat)]
    if state.scenario.rules.ruleset == 2:   # every power's total units, public (RULES.md §11.4)
        totals = {pid: 0 for pid in state.scenario.power_ids}
        for terr in state.to_json()["territories"].values():
            for pid, n in terr["forces"].items():
                if pid in totals:
                    totals[pid] += n
        doc["strength"] = totals
    return doc


def reference_report(report, before, after, seat: str) -> dict[str, Any]:
    if seat == UMPIRE:
        return report
    graph = before.scenario.map
    seen = _visible(before, seat) | _visible(after, seat)
    friends = _friends(after, seat)
    events = []
    for event in report["events"]:
        kind = event["type"]
        if event.get("secret") and seat not in event.get("members", []):
            continue
        if friends is None:
            events.append(event)
            continue
        if kind in _PLACED and not any(
                seen[graph.index[t]] for t in (event.get(k) for k in ("territory", "from", "to"))
                if isinstance(t, str) and t in graph.index):
            continue
        if kind in _MONEY and not {event.get("power"), event.get("to")} & friends:
            continue
        if kind in _AUDIT and seat != event["power"] \
                and seat not in after.pact(event["pact"]).members:
            event = {k: v for k, v in event.items()
                     if k not in ("committed", "required", "within_reach")}
        if kind == "legitimacy" and "units" in event and event["power"] not in friends:
            event = {k: v for k, v in event.items() if k != "units"}
        events.append(event)
    return {"turn": report["turn"], "label": report["label"], "events": events,
            "rejected": [r for r in report["rejected"] if r["power"] == seat]}


def played(name: str, turns: int, seed: int):
    """(before, after, report) for each turn of a fogged match of random orders and pacts."""
    from dataclasses import replace

    scenario = ScenarioShelf().get(name)
    scenario = replace(scenario, rules=replace(scenario.rules, fog=True))
    state = initial_state(scenario, seed=seed).freeze()
    rng = np.random.default_rng(seed)
    for _ in range(turns):
        if state.over:
            return
        signed = [random_pact_terms(state, rng) for _ in range(int(rng.integers(0, 3)))]
        after, report = adjudicate(state, random_orders(state, rng), signed)
        yield state, after, report
        state = after


@pytest.mark.parametrize("name,seed", [("europe-1939", 3), ("cold-war", 5), ("tutorial", 7)])
def test_every_seat_gets_exactly_the_plain_definition_of_its_view_and_report(name, seed):
    checked = 0
    for before, after, report in played(name, 6, seed):
        assert after.frozen   # the cache is in play, not the unfrozen fallback
        seats = list(after.scenario.power_ids) + [SPECTATOR, UMPIRE, "nobody"]
        for seat in seats:
            for _ in range(2):   # the second time from the cache
                assert protocol.encode(view(after, seat)) == \
                    protocol.encode(reference_view(after, seat))
                assert protocol.encode(view_report(report, before, after, seat)) == \
                    protocol.encode(reference_report(report, before, after, seat))
            checked += 1
    assert checked >= 3 * 2


def test_the_cached_mask_cannot_be_changed_through_what_is_handed_out():
    before, after, _ = next(played("tutorial", 1, 1))
    seat = after.scenario.power_ids[0]
    mask = visible_territories(after, seat)
    mask[:] = True
    assert visible_territories(after, seat).tolist() == _visible(after, seat).tolist()


def test_an_unfrozen_state_is_never_cached():
    state = initial_state(ScenarioShelf().get("tutorial"), seed=1).copy()   # writable
    assert not state.frozen
    seat = state.scenario.power_ids[0]
    before = view(state, seat)
    state.owner[:] = -1   # a writable state may change: nothing about it may be remembered
    assert view(state, seat) == reference_view(state, seat) != before
    assert "_sights" not in state.__dict__
