"""Ruleset 2: at war, an army's surplus goes where it is wanted. A stack at a goal where
nothing can be taken moves on towards the war's front, and units are raised within reach
of the front they would be sent to, not in a far hinterland (game/bots/orders.py,
``deploy``, ``wanted_at`` and ``builds``; docs/BOTS.md, step 5)."""

from __future__ import annotations

from typing import Any

from bot_scenes import seen
from builders import board
from game.bots.decide import decide
from game.engine import State, initial_state, state_from_json


def scene(territories: Any, edges: list[str], powers: dict[str, dict[str, Any]],
          neutral: dict[str, int] | None = None, ruleset: int = 2,
          war: bool = True) -> State:
    """The board, with RIV at war on BIG (RIV the aggressor) unless ``war`` is off."""
    rules = {"ruleset": 2} if ruleset == 2 else {}
    scenario = board(territories, edges, powers, neutral=neutral, rules=rules)
    doc = initial_state(scenario, seed=1).to_json()
    doc["wars"] = [{"between": ["BIG", "RIV"], "aggressor": "RIV"}] if war else []
    return state_from_json(doc, scenario)


def orders(state: State, power: str, op: str) -> list[dict[str, Any]]:
    return [o for o in decide(seen(state, power), "balancer").orders if o["op"] == op]


# BIG's L lies on a coast, across the sea from the neutral island N, whose garrison of 30
# no landing of BIG's can beat; its M lies between L and F, and F borders RIV's R. RIV is
# at war with BIG; the balancer means to take neutral land where it can (its appetite is
# whole).
DEAD_END_TERRITORIES = [{"id": t, "value": 2} for t in "L M F R N".split()]
DEAD_END_EDGES = ["L~N", "L-M", "M-F", "F-R"]
DEAD_END = {"BIG": {"territories": "L M F", "forces": {"L": 20, "F": 8}, "treasury": 0},
            "RIV": {"territories": "R", "forces": {"R": 8}, "treasury": 0}}


def test_a_stack_at_a_coast_where_nothing_can_be_taken_moves_on_towards_the_war():
    # L is next to neutral land, a goal for a bot that takes neutral land, and used to be
    # as near as the front; but the island cannot be taken with the whole army, and the war
    # comes first: L's 20 spare units march one step towards F, the front with RIV.
    state = scene(DEAD_END_TERRITORIES, DEAD_END_EDGES, DEAD_END, neutral={"N": 30})
    assert orders(state, "BIG", "move") == [{"op": "move", "from": "L", "to": "M", "n": 20}]


def test_a_stack_beside_neutral_land_it_can_take_keeps_what_the_landing_needs():
    # With a garrison of 2 on the island BIG takes it this turn from L, and nothing more is
    # wanted there: what the landing does not take marches on towards the front.
    state = scene(DEAD_END_TERRITORIES, DEAD_END_EDGES, DEAD_END, neutral={"N": 2})
    moves = orders(state, "BIG", "move")
    landing = [o for o in moves if o["to"] == "N"]
    assert landing and landing[0]["from"] == "L"
    assert {"op": "move", "from": "L", "to": "M", "n": 20 - landing[0]["n"]} in moves


def test_in_ruleset_1_the_stack_stays_at_the_coast():
    state = scene(DEAD_END_TERRITORIES, DEAD_END_EDGES, DEAD_END, neutral={"N": 30},
                  ruleset=1)
    assert not [o for o in orders(state, "BIG", "move") if o["from"] == "L"]


def test_at_peace_the_stack_holds_the_coast_as_before():
    # Without a war the nearest front of any kind is a goal, as it was: the peacetime
    # posture is left alone (facing the rivals cost the balancer its edge, docs/BOTS.md).
    state = scene(DEAD_END_TERRITORIES, DEAD_END_EDGES, DEAD_END, neutral={"N": 30}, war=False)
    assert not [o for o in orders(state, "BIG", "move") if o["from"] == "L"]


# BIG's capital C lies three steps behind its front F (C-B-A-F), which borders RIV's R;
# they are at war. Every territory is worth 2 IP, so each may raise 2 units a turn (the
# capital more).
DEPTH_TERRITORIES = [{"id": "C", "value": 2, "capital_of": "BIG"},
                     *({"id": t, "value": 2} for t in "B A F R".split())]
DEPTH_EDGES = ["C-B", "B-A", "A-F", "F-R"]
DEPTH = {"BIG": {"territories": "C B A F", "forces": {"C": 2, "F": 12}, "treasury": 40},
         "RIV": {"territories": "R", "forces": {"R": 2}, "treasury": 0}}


def test_units_are_raised_within_reach_of_the_front_and_not_in_the_far_capital():
    # F, A and B are at most two steps from the front (the reach a unit counts at): 2 units
    # each. The capital, three steps behind, raises none: the rest of the money waits.
    built = orders(scene(DEPTH_TERRITORIES, DEPTH_EDGES, DEPTH), "BIG", "build")
    assert built == [{"op": "build", "territory": t, "n": 2} for t in "F A B".split()]


def test_in_ruleset_1_the_capital_raises_units_too():
    built = orders(scene(DEPTH_TERRITORIES, DEPTH_EDGES, DEPTH, ruleset=1), "BIG", "build")
    assert "C" in {o["territory"] for o in built}
