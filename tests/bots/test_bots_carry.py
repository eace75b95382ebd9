"""Ruleset 2: the large member that carries its alliance's war raises its units on that
front, and the small one that rides on it shelters under its partners' units and keeps home
what it does not owe (game/bots/orders.py; docs/BOTS.md, step 5)."""

from __future__ import annotations

from typing import Any

from builders import board
from game.bots.decide import Seen, decide
from game.engine import State, initial_state, state_from_json
from game.engine.view import view

# ENE attacked VIC; the Guarantee (VIC, BIG, SML) was triggered, so BIG and SML joined the
# war (no aggressor: a trigger), and neither fights its own war.
PACT = [{"kind": "defensive", "members": ["VIC", "BIG", "SML"], "name": "Guarantee"}]
WARS = [{"between": ["ENE", "VIC"], "aggressor": "ENE"},
        {"between": ["BIG", "ENE"], "aggressor": None},
        {"between": ["ENE", "SML"], "aggressor": None}]


def at_war(territories: Any, edges: list[str], powers: dict[str, dict[str, Any]],
           ruleset: int = 2) -> State:
    rules = {"ruleset": 2} if ruleset == 2 else {}
    scenario = board(territories, edges, powers, rules=rules, pacts=PACT)
    doc = initial_state(scenario, seed=1).to_json()
    doc["wars"] = WARS
    doc["pacts"][0]["engaged_against"] = ["ENE"]
    return state_from_json(doc, scenario)


def orders(state: State, power: str, op: str) -> list[dict[str, Any]]:
    seen = Seen(power=power, view=view(state, power), graph=state.scenario.map,
                rules=state.scenario.rules, power_ids=state.scenario.power_ids, seed=0)
    return [o for o in decide(seen, "balancer").orders if o["op"] == op]


# BIG's F borders ENE's E; its G and H lie behind, G next to F, H next to G. Every territory
# is worth 2 IP, so each may raise 2 units a turn (RULES.md §4, the cap).
CARRIER_TERRITORIES = [{"id": t, "value": 2} for t in "E V F G H S".split()]
CARRIER = {"ENE": {"territories": "E", "forces": {"E": 8}, "treasury": 0},
           "VIC": {"territories": "V", "forces": {"V": 4}, "treasury": 0},
           "BIG": {"territories": "F G H", "forces": {"F": 20, "G": 10}, "treasury": 12},
           "SML": {"territories": "S", "forces": {"S": 3}, "treasury": 0}}
CARRIER_EDGES = ["E-V", "E-F", "F-G", "G-H", "V-S"]


def test_a_carrier_raises_its_units_on_the_front_it_carries_and_nowhere_else():
    # BIG's army, 30, is far over the members' mean (37 / 3): it carries the war on ENE.
    # Its front is F, the one territory it owns next to ENE: 2 units there (the cap), and
    # nothing in G or H, where a new unit would take turns to reach the war.
    assert orders(at_war(CARRIER_TERRITORIES, CARRIER_EDGES, CARRIER), "BIG", "build") == [
        {"op": "build", "territory": "F", "n": 2}]


def test_in_ruleset_1_it_builds_behind_the_front_as_well():
    built = orders(at_war(CARRIER_TERRITORIES, CARRIER_EDGES, CARRIER, ruleset=1), "BIG", "build")
    assert {o["territory"] for o in built} > {"F"}


# SML's S borders ENE's E, with 10 of BIG's units standing in it; its T lies behind, next
# to S only. ENE's 8 units in E are the attack S fears.
RIDER = {"ENE": {"territories": "E", "forces": {"E": 8}, "treasury": 0},
         "VIC": {"territories": "V", "forces": {"V": 4}, "treasury": 0},
         "BIG": {"territories": "G", "forces": {"G": 30, "S": 10}, "treasury": 0},
         "SML": {"territories": "S T", "forces": {"S": 6}, "treasury": 0}}
RIDER_EDGES = ["E-V", "E-S", "V-G", "S-T"]
RIDER_TERRITORIES = [{"id": t, "value": 2} for t in "E V G S T".split()]


def test_a_rider_shelters_under_its_partners_units_and_keeps_the_rest_home():
    # S fears ENE's 8 plus a quarter of every hostile stack next to it, 10, so it would keep
    # ceil(10 × 1.3) = 13 units (plains): all 6 of SML's stay. BIG's 10 there count toward
    # that guard, so SML keeps 3 of its own there; it owes only 20% of its 6 units within
    # reach of ENE (1.2, so 2), and the other 3 go home to T.
    assert orders(at_war(RIDER_TERRITORIES, RIDER_EDGES, RIDER),
                  "SML", "move") == [{"op": "move", "from": "S", "to": "T", "n": 3}]


def test_in_ruleset_1_the_same_member_holds_its_ground():
    state = at_war(RIDER_TERRITORIES, RIDER_EDGES, RIDER, ruleset=1)
    assert orders(state, "SML", "move") == []
