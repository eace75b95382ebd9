"""Thousands of random legal and illegal order sets, on every shipped scenario and on
generated maps, adjudicate without an exception and keep the state sound."""

from __future__ import annotations

import numpy as np
import pytest

from game.bots.random_orders import random_orders, random_pact_terms
from game.engine import adjudicate, build_scenario, initial_state
from game.maps import load_scenario, resolve_scenario
from game.maps.generate import generate

SHIPPED = ["tutorial", "europe-1939", "cold-war"]
ORDER_SETS = 500


def scenarios():
    for name in SHIPPED:
        yield name, lambda name=name: load_scenario(resolve_scenario(name))
    for size, powers in ((40, 4), (300, 8)):
        yield f"generated-{size}", lambda size=size, powers=powers: build_scenario(
            *generate(size, powers, 11, shapes=False))


@pytest.mark.parametrize("name, make", list(scenarios()), ids=[n for n, _ in scenarios()])
def test_random_order_sets_adjudicate_without_exceptions(name, make):
    scenario = make()
    rng = np.random.default_rng(2024)
    state = initial_state(scenario, seed=5)
    start = state
    played = 0
    while played < ORDER_SETS:
        if state.over or rng.random() < 0.1:
            state = start  # start over now and then, so early and late game both get load
        orders = random_orders(state, rng, busy=float(rng.random()), garbage=0.05)
        signed = [random_pact_terms(state, rng)] if rng.random() < 0.2 else []
        after, report = adjudicate(state, orders, signed)
        assert after.turn == state.turn + 1
        assert (after.forces >= 0).all()
        assert all(0 <= ps.legitimacy <= 100 for ps in after.powers)
        assert all(isinstance(r["reason"], str) for r in report["rejected"])
        state = after
        played += 1
