"""Ruleset 2: how a bot shares the burden of its alliance's war (game/bots/orders.py,
``burden_shares``): a member smaller than its part rides on its partners, one at least its
part carries the war, and a member attacked fights its own war."""

from __future__ import annotations

from typing import Any

from builders import board
from game.bots.board import Board, board_from_view
from game.bots.decide import Seen, decide
from game.bots.orders import burden_shares
from game.bots.personality import personality
from game.engine import State, initial_state, state_from_json
from game.engine.view import view

# ENE attacked VIC; the Guarantee (VIC, BIG, SML) was triggered, so BIG and SML joined the
# war (no aggressor: a trigger). SML's land S lies behind VIC's V, two moves from ENE's E.
POWERS = {"ENE": {"territories": "E", "forces": {"E": 8}, "treasury": 0},
          "VIC": {"territories": "V", "forces": {"V": 4}, "treasury": 0},
          "BIG": {"territories": "G", "forces": {"G": 30}, "treasury": 0},
          "SML": {"territories": "S", "forces": {"S": 3}, "treasury": 0}}


def war(ruleset: int = 2) -> State:
    rules = {"ruleset": 2} if ruleset == 2 else {}
    scenario = board("E V G S", ["E-V", "V-G", "V-S"], POWERS, rules=rules,
                     pacts=[{"kind": "defensive", "members": ["VIC", "BIG", "SML"],
                             "name": "Guarantee"}])
    doc = initial_state(scenario, seed=1).to_json()
    doc["wars"] = [{"between": ["ENE", "VIC"], "aggressor": "ENE"},
                   {"between": ["BIG", "ENE"], "aggressor": None},
                   {"between": ["ENE", "SML"], "aggressor": None}]
    doc["pacts"][0]["engaged_against"] = ["ENE"]
    return state_from_json(doc, scenario)


def board_of(state: State, power: str) -> Board:
    return board_from_view(view(state, power), power, state.scenario.map,
                           state.scenario.rules, state.scenario.power_ids)


def shares(power: str, style: str = "balancer", ruleset: int = 2) -> tuple[dict[str, float],
                                                                             set[str]]:
    b = board_of(war(ruleset), power)
    got = burden_shares(b, personality(style))
    return {b.ids[e]: w for e, w in got.carried.items()}, {b.ids[e] for e in got.riding}


def test_the_small_ride_and_the_large_carry_by_their_part_of_the_pact():
    # The members' mean army is (4 + 30 + 3) / 3 = 37/3. SML's 3 is under it: it rides.
    assert shares("SML") == ({}, {"ENE"})
    # BIG's 30 is 90/37 of its part: it carries, meaning to commit that many times its
    # burden share (at most three times).
    carried, riding = shares("BIG")
    assert carried == {"ENE": 90 / 37} and riding == set()


def test_the_attacked_member_fights_its_own_war():
    assert shares("VIC") == ({}, set())


def test_the_loyal_ally_carries_its_part_whatever_its_size():
    assert shares("SML", "loyal") == ({"ENE": 1.0}, set())


def test_no_free_riding_in_ruleset_1():
    assert shares("SML", ruleset=1) == ({}, set())
    assert shares("BIG", ruleset=1) == ({}, set())


def _moves(state: State, power: str) -> list[dict[str, Any]]:
    seen = Seen(power=power, view=view(state, power), graph=state.scenario.map,
                rules=state.scenario.rules, power_ids=state.scenario.power_ids, seed=0)
    return [o for o in decide(seen, "balancer").orders if o["op"] == "move"]


def test_a_rider_sends_what_it_owes_and_keeps_the_rest_home():
    # SML owes 20% of its 3 units within reach of ENE: 0.6, so one unit goes to V, next to
    # ENE; nothing threatens S, but the other two stay home.
    assert _moves(war(2), "SML") == [{"op": "move", "from": "S", "to": "V", "n": 1}]
    # Under ruleset 1 the same bot marches them all to the front.
    assert _moves(war(1), "SML") == [{"op": "move", "from": "S", "to": "V", "n": 3}]
