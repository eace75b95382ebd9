"""Ruleset 2: the bots' standing answers to calls to arms (game/bots/calls.py), by
personality, from public strength."""

from __future__ import annotations

from builders import start
from game.bots.board import board_from_view
from game.bots.calls import call_answers
from game.bots.personality import personality
from game.engine.view import view

# BIG (30 units) could attack SML (4) or MID (6); SML and MID share a defensive pact (P1).
POWERS = {"BIG": {"territories": "A", "forces": {"A": 30}},
          "SML": {"territories": "B", "forces": {"B": 4}},
          "MID": {"territories": "C", "forces": {"C": 6}}}
PACTS = [{"kind": "defensive", "members": ["SML", "MID"]}]


def answers_of(name: str, ruleset: int = 2, fog: bool = True) -> list[dict]:
    rules = {"fog": fog, **({"ruleset": 2} if ruleset == 2 else {})}
    state = start("A B C", ["A-B", "B-C"], POWERS, pacts=PACTS, rules=rules)
    seen = view(state, "MID")
    b = board_from_view(seen, "MID", state.scenario.map, state.scenario.rules,
                        state.scenario.power_ids)
    return call_answers(b, personality(name))


def test_the_opportunist_declines_a_bad_bet_and_the_loyal_honours():
    # Side: SML 4 + MID 6 = 10 against BIG's 30 (public strength, though A is out of MID's
    # sight under fog): share 10 / 40 = 0.25. The opportunist (loyalty 0.3) declines below
    # 1 - 0.3 = 0.7; the balancer (0.8) only below 0.2, so it honours; the loyal never declines.
    assert answers_of("opportunist") == [{"op": "decline", "pact": "P1"}]
    assert answers_of("balancer") == []
    assert answers_of("loyal") == []


def test_no_decline_in_ruleset_1():
    assert answers_of("opportunist", ruleset=1) == []
