"""A balancer does not balance against a power that has promised it peace (docs/BOTS.md,
"Checking the leader"): a non-aggression partner can attack only by a breach, so the
greatest threat is the strongest power free to attack, and two neighbours bound by such a
pact shield each other against the bloc beyond them. Constructed positions."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from builders import board
from bot_scenes import position, proposal, seen

from game.engine import state_from_json

from game.bots.appraisal import greatest_threat
from game.bots.decide import answers, board_of, decide


def _two_against_a_bloc(promised: bool = True, truce: bool = False) -> Any:
    # BLU and YEL border each other along two edges, with units on the border; beyond a
    # neutral land stand RED and its ally GRN (the Entente), stronger together than either
    # and bordering neither. BLU and YEL have promised each other peace when ``promised``;
    # with ``truce`` they have instead just made peace after a war (a truce binds them).
    scenario = board("B1 B2 Y1 Y2 N R G",
                     ["B1-Y1", "B2-Y2", "B1-N", "Y1-N", "N-R", "R-G"], {
                         "BLU": {"territories": "B1 B2", "forces": {"B1": 6, "B2": 6},
                                 "treasury": 0},
                         "YEL": {"territories": "Y1 Y2", "forces": {"Y1": 6, "Y2": 6},
                                 "treasury": 0},
                         "RED": {"territories": "R", "forces": {"R": 14}, "treasury": 0},
                         "GRN": {"territories": "G", "forces": {"G": 10}, "treasury": 0}},
                     neutral={"N": 1},
                     pacts=[{"kind": "defensive", "members": ["RED", "GRN"], "name": "Entente"}]
                     + ([{"kind": "non_aggression", "members": ["BLU", "YEL"],
                          "name": "Accord"}] if promised else []),
                     rules={"ruleset": 2})
    state = position(scenario)
    if not truce:
        return state
    doc = state.to_json()
    doc["pacts"].append({**doc["pacts"][0], "id": "P9", "kind": "peace", "name": None,
                         "members": ["BLU", "YEL"], "sides": [["BLU"], ["YEL"]],
                         "transfers": [], "truce": 4, "since": 1})
    return state_from_json(doc, scenario)


def test_a_neighbour_that_promised_peace_is_not_the_greatest_threat():
    state = _two_against_a_bloc()
    for me in ("BLU", "YEL"):
        b = board_of(seen(state, me))
        assert b.ids[greatest_threat(b)] == "RED"


def test_without_the_promise_the_neighbour_on_the_border_is_the_threat():
    # The same board with no pact: the neighbour with its units on the border is feared
    # more than a stronger power two steps away (so the test above is the promise's doing).
    state = _two_against_a_bloc(promised=False)
    b = board_of(seen(state, "BLU"))
    assert b.ids[greatest_threat(b)] == "YEL"


def test_a_truce_after_a_war_is_no_such_promise():
    # Bound by a truce, BLU may not attack YEL without a breach either, but YEL has just
    # shown what it intends: it stays the threat BLU fears most.
    state = _two_against_a_bloc(promised=False, truce=True)
    b = board_of(seen(state, "BLU"))
    assert b.index["YEL"] in b.bound(b.me) and b.ids[greatest_threat(b)] == "YEL"


def test_partners_in_a_promise_of_peace_shield_each_other_against_the_bloc():
    state = _two_against_a_bloc()
    # A bot does not propose every turn: look across a few bot seeds.
    offers = [o for seed in range(8)
              for o in decide(replace(seen(state, "BLU"), seed=seed), "balancer").offers]
    shields = [o.terms for o in offers if o.terms["kind"] == "defensive"]
    assert shields and all(t["members"] == ["BLU", "YEL"] and t["against"] == ["RED"]
                           for t in shields)
    got = answers(seen(state, "YEL", [proposal(shields[0], proposer="BLU")]), "balancer")
    assert [a.accept for a in got] == [True]

