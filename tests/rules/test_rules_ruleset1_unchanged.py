"""Ruleset 1 stays exactly as it was: seeded games of random orders and pacts on the shipped
scenarios, played under ruleset 1, reach the same state hashes and the same reports as they
did before ruleset 2 existed (the figures below were printed by the engine of that time)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace

import numpy as np
import pytest

from game.bots.random_orders import random_orders, random_pact_terms
from game.engine import adjudicate, initial_state
from game.maps import load_scenario, resolve_scenario
from rules_helpers import as_pinned

# name, seed -> (hash of the state after turn 8, SHA-256 of the eight reports' sorted JSON)
PINNED = {
    ("europe-1939", 3): ("3641a6363c151cdf2626c1679bd727b244b83c998484850598006e444d5153c7",
                         "6c3147d97306b8709f903f8ecf47c361b1b2b8762bce54fdb28056a4d33e586c"),
    ("cold-war", 5): ("5198a9e461691d7ee8b6eb0406d25b96311eca43c7e6991086df4a850f6f4f30",
                      "118badc7fe375f0130503ec93b16f92858311c05c62eabb6635a65d8311dab79"),
    ("tutorial", 7): ("d23272808be49866706c92450c4514ab1f0a392566873be615b0420ae4bc3cfe",
                      "2906215b08996dca18cd591d46582f61eaebb86b3c22addbb24f2f26c38abdd2"),
}


@pytest.mark.parametrize("name,seed", list(PINNED))
def test_a_ruleset_1_game_replays_to_the_same_hashes(name, seed):
    scenario = load_scenario(resolve_scenario(name))
    scenario = replace(scenario, rules=replace(scenario.rules, ruleset=1))
    scenario = as_pinned(scenario)     # the start the figures were printed from
    state = initial_state(scenario, seed=seed)
    rng = np.random.default_rng(seed)
    reports = hashlib.sha256()
    for _ in range(8):
        signed = [random_pact_terms(state, rng) for _ in range(int(rng.integers(0, 3)))]
        state, report = adjudicate(state, random_orders(state, rng), signed)
        reports.update(json.dumps(report, sort_keys=True).encode())
    assert (state.hash(), reports.hexdigest()) == PINNED[(name, seed)]
