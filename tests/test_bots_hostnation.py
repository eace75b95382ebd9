"""Ruleset 2: host-nation defence (game/bots/orders.py, ``stand_in``): a carrier stands its
spare units in a smaller partner's land on the front it carries, and the partner, sheltered
by them, steps its guard back out of reach."""

from __future__ import annotations

from typing import Any

from builders import board
from game.bots.decide import Seen, decide
from game.engine import State, initial_state, state_from_json
from game.engine.view import view

# ENE attacked VIC; the Guarantee (VIC, BIG, SML) was triggered, so BIG and SML joined the
# war. SML's capital F lies next to ENE's stack in E, its land H behind it; BIG's G is next
# to F but not to E: its spare units are off the front.


def war(big_in_f: int = 0) -> State:
    powers = {"ENE": {"territories": "E", "forces": {"E": 12}, "treasury": 0},
              "VIC": {"territories": "V", "forces": {"V": 4}, "treasury": 0},
              "BIG": {"territories": "G", "forces": {"G": 40}, "treasury": 0},
              "SML": {"territories": "F H", "forces": {"F": 12, "H": 1}, "treasury": 0}}
    scenario = board(["E", "V", "G", {"id": "F", "capital_of": "SML"}, "H"],
                     ["E-V", "E-F", "F-H", "F-G", "V-G"], powers, rules={"ruleset": 2},
                     pacts=[{"kind": "defensive", "members": ["VIC", "BIG", "SML"],
                             "name": "Guarantee"}])
    doc = initial_state(scenario, seed=1).to_json()
    doc["wars"] = [{"between": ["ENE", "VIC"], "aggressor": "ENE"},
                   {"between": ["BIG", "ENE"], "aggressor": None},
                   {"between": ["ENE", "SML"], "aggressor": None}]
    doc["pacts"][0]["engaged_against"] = ["ENE"]
    if big_in_f:
        doc["territories"]["F"]["forces"]["BIG"] = big_in_f
    return state_from_json(doc, scenario)


def moves(state: State, power: str) -> list[dict[str, Any]]:
    seen = Seen(power=power, view=view(state, power), graph=state.scenario.map,
                rules=state.scenario.rules, power_ids=state.scenario.power_ids, seed=0)
    return [o for o in decide(seen, "balancer").orders if o["op"] == "move"]


def test_the_carrier_stands_in_its_small_partners_front_line():
    got = moves(war(), "BIG")
    assert sum(o["n"] for o in got if o["from"] == "G" and o["to"] == "F") > 0


def test_the_sheltered_partner_steps_its_guard_back():
    assert sum(o["n"] for o in moves(war(20), "SML") if o["from"] == "F" and o["to"] == "H") > 0
