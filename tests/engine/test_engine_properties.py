"""Properties every adjudication must have, over random boards, states and order sets."""

from __future__ import annotations

import copy
import json

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builders import board
from game.engine import adjudicate, initial_state, state_from_json
from game.bots.random_orders import random_orders, random_pact_terms

SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def ring_board(n_territories: int, n_powers: int, sigma: float, fog: bool):
    """A ring with chords and one sea edge: every power owns a run of territories."""
    tids = [f"T{i}" for i in range(n_territories)]
    terrains = ["plains", "forest", "hills", "mountains", "urban", "marsh"]
    territories = [{"id": t, "terrain": terrains[i % 6], "value": i % 4} for i, t in enumerate(tids)]
    edges = [[tids[i], tids[(i + 1) % n_territories], "land"] for i in range(n_territories)]
    edges += [[tids[i], tids[(i + 3) % n_territories], "sea"]
              for i in range(0, n_territories - 3, 4)]
    powers = {}
    per = n_territories // (n_powers + 1)
    for p in range(n_powers):
        own = tids[p * per:(p + 1) * per]
        territories[p * per]["capital_of"] = f"P{p}"
        powers[f"P{p}"] = {"territories": own, "forces": {t: 3 + (i * 7) % 9 for i, t in enumerate(own)},
                           "treasury": 6}
    neutral = {t: 2 for t in tids[n_powers * per:]}
    pacts = [{"kind": "defensive", "members": ["P0", "P1"]}]
    if n_powers >= 3:
        pacts.append({"kind": "offensive", "members": ["P1", "P2"], "target": "P0",
                      "secret": True})
    return board(territories, edges, powers, pacts=pacts, neutral=neutral,
                 rules={"sigma": sigma, "fog": fog})


boards = st.builds(ring_board, st.integers(8, 24), st.integers(2, 5),
                   st.sampled_from([0.0, 0.5]), st.booleans())


def play(state, rng, turns):
    """Play ``turns`` random turns, yielding (before, orders, after, report)."""
    for _ in range(turns):
        if state.over:
            return
        orders = random_orders(state, rng)
        signed = [random_pact_terms(state, rng)] if rng.random() < 0.3 else []
        after, report = adjudicate(state, orders, signed)
        yield state, orders, signed, after, report
        state = after


def total_units(state) -> tuple[int, int]:
    return int(state.forces.sum()), int(state.garrison.sum())


def accounted_change(report) -> tuple[int, int]:
    """Units gained minus units lost according to the report's events (powers, neutrals)."""
    powers = neutral = 0
    for e in report["events"]:
        if e["type"] == "built":
            powers += e["n"]
        elif e["type"] == "battle":
            for side in ("attackers", "defenders"):
                for pid, n in e[side].items():
                    lost = n - e[f"{side}_after"].get(pid, 0)
                    if pid == "neutral":
                        neutral -= lost
                    else:
                        powers -= lost
        elif e["type"] in ("destroyed", "disbanded"):
            if e["power"] == "neutral":
                neutral -= e["n"]
            else:
                powers -= e["n"]
    return powers, neutral


@SETTINGS
@given(boards, st.integers(0, 2**32 - 1))
def test_adjudication_is_deterministic(scenario, seed):
    state = initial_state(scenario, seed=seed % 1000)
    rng = np.random.default_rng(seed)
    for before, orders, signed, after, report in play(state, rng, 3):
        again, again_report = adjudicate(before, copy.deepcopy(orders), copy.deepcopy(signed))
        assert again.hash() == after.hash()
        assert again_report == report


@SETTINGS
@given(boards, st.integers(0, 2**32 - 1))
def test_adjudication_never_mutates_its_inputs(scenario, seed):
    state = initial_state(scenario, seed=seed % 1000)
    rng = np.random.default_rng(seed)
    for before, orders, signed, after, report in play(state, rng, 3):
        snapshot = before.to_json()
        orders_copy, signed_copy = copy.deepcopy(orders), copy.deepcopy(signed)
        adjudicate(before, orders, signed)
        assert before.to_json() == snapshot
        assert orders == orders_copy and signed == signed_copy


@SETTINGS
@given(boards, st.integers(0, 2**32 - 1))
def test_state_round_trips_canonical_json(scenario, seed):
    state = initial_state(scenario, seed=seed % 1000)
    rng = np.random.default_rng(seed)
    for _before, _orders, _signed, after, _report in play(state, rng, 4):
        text = json.dumps(after.to_json())
        back = state_from_json(json.loads(text), scenario)
        assert back.to_json() == after.to_json()
        assert back.hash() == after.hash()
        assert back.canonical_bytes() == after.canonical_bytes()


@SETTINGS
@given(boards, st.integers(0, 2**32 - 1))
def test_every_unit_change_is_accounted_for_by_an_event(scenario, seed):
    state = initial_state(scenario, seed=seed % 1000)
    rng = np.random.default_rng(seed)
    for before, _orders, _signed, after, report in play(state, rng, 4):
        units_before, garrison_before = total_units(before)
        units_after, garrison_after = total_units(after)
        gained_powers, gained_neutral = accounted_change(report)
        assert units_after == units_before + gained_powers
        assert garrison_after == garrison_before + gained_neutral
        assert (after.forces >= 0).all() and (after.garrison >= 0).all()


@SETTINGS
@given(boards, st.integers(0, 2**32 - 1))
def test_state_invariants_hold_after_every_turn(scenario, seed):
    state = initial_state(scenario, seed=seed % 1000)
    rng = np.random.default_rng(seed)
    for _before, _orders, _signed, after, _report in play(state, rng, 5):
        doc = after.to_json()
        allied = after.alliance_matrix()
        for t in range(len(scenario.map)):
            o = int(after.owner[t])
            for p in np.flatnonzero(after.forces[t]).tolist():
                # Units stand only where their power may keep them (own, ally's, enemy's).
                assert o >= 0 and (o == p or allied[p, o] or after.at_war(p, o))
            if o >= 0:
                assert after.garrison[t] == 0
        for pid, power in doc["powers"].items():
            assert 0 <= power["legitimacy"] <= 100
            assert 0 <= power["kept"] <= power["owed"]
            assert power["treasury"] >= 0
            if power["eliminated"]:
                assert not (after.owner == scenario.power_index[pid]).any()
        for pact in doc["pacts"]:
            if pact["status"] == "active":
                assert len(pact["members"]) >= 2
            else:
                assert pact["engaged_against"] == []


@settings(max_examples=30, deadline=None)
@given(boards, st.integers(0, 2**32 - 1),
       st.lists(st.one_of(st.none(), st.integers(), st.text(max_size=5),
                          st.dictionaries(st.sampled_from(["op", "from", "to", "n", "target",
                                                           "pact", "territory", "amount"]),
                                          st.one_of(st.none(), st.integers(-3, 30),
                                                    st.sampled_from(["move", "build", "T1",
                                                                     "T2", "P0", "P1", "P1 "]),
                                                    st.floats(allow_nan=True)))),
                max_size=12))
def test_garbage_orders_are_rejected_not_raised(scenario, seed, garbage):
    state = initial_state(scenario, seed=seed % 1000)
    after, report = adjudicate(state, {"P0": garbage, "NOBODY": garbage, "P1": "not a list"})
    assert after.turn == state.turn + 1
    for rejection in report["rejected"]:
        assert isinstance(rejection["reason"], str) and rejection["reason"]


def test_a_copied_pact_or_power_shares_nothing_mutable_with_its_original():
    from dataclasses import fields

    from game.engine.state import Pact, PowerState
    pact = Pact(id="P1", kind="offensive", members=["A", "B"], since=1, target="C",
                engaged_against=["C"], withdrawing={"A": 2}, pledges={"B": 3},
                against=["C"], sides=[["A"], ["C"]], transfers=[{"territory": "X"}])
    power = PowerState(treasury=3, legitimacy=60)
    for original in (pact, power):
        copied = original.copy()
        assert copied == original
        for f in fields(original):
            value = getattr(original, f.name)
            if isinstance(value, (list, dict)):
                assert getattr(copied, f.name) is not value, f.name
                if value and isinstance(value, list) and isinstance(value[0], (list, dict)):
                    assert getattr(copied, f.name)[0] is not value[0], f.name
