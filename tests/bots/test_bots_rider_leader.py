"""Ruleset 2: a member that rides on its alliance's war (game/bots/orders.py,
``burden_shares``) still takes the land of the power heading for the win where its spare
units can (docs/BOTS.md, step 5): free riding is not paying more than its share of the
common war, not leaving the leader's open land untaken. Constructed positions."""

from __future__ import annotations

from typing import Any

from builders import board
from bot_scenes import position, seen

from game.bots.appraisal import front_runner
from game.bots.decide import board_of, decide
from game.bots.orders import burden_shares
from game.bots.personality import personality

# ENE attacked VIC; the Guarantee (VIC, BIG, SML) was triggered, so BIG and SML joined the
# war (no aggressor: a trigger). ENE's army stands in E against VIC and BIG; E2, next to
# SML's S, is held by 1. SML (8 units) is under the members' mean army ((4 + 30 + 8) / 3):
# it rides. ENE's par is ``ene_par``: at 1 its two territories put it far ahead (standing
# +100), at 4 behind every other power.
def _rider(ene_par: int) -> Any:
    scenario = board("E E2 V G S T", ["E-V", "E-G", "E-E2", "E2-S", "S-T"], {
        "ENE": {"territories": "E E2", "forces": {"E": 12, "E2": 1}, "treasury": 0,
                "par": ene_par},
        "VIC": {"territories": "V", "forces": {"V": 4}, "treasury": 0},
        "BIG": {"territories": "G", "forces": {"G": 30}, "treasury": 0},
        "SML": {"territories": "S T", "forces": {"S": 8}, "treasury": 0}},
        pacts=[{"kind": "defensive", "members": ["VIC", "BIG", "SML"], "name": "Guarantee"}],
        rules={"ruleset": 2})
    return position(scenario, wars=[("ENE", "VIC"), ("BIG", "ENE"), ("SML", "ENE")],
                    engaged={"P1": ["ENE"]})


def _attacks(state: Any) -> list[str]:
    orders = decide(seen(state, "SML", pars=True), "balancer").orders
    return [o["to"] for o in orders if o["op"] == "move" and o["to"] in ("E", "E2")]


def test_the_scene_has_a_rider_and_a_leader_or_not():
    for par, leads in ((1, True), (4, False)):
        b = board_of(seen(_rider(par), "SML", pars=True))
        ene = b.ids.index("ENE")
        assert burden_shares(b, personality("balancer")).riding == {ene}
        assert (front_runner(b) == ene) is leads


def test_a_rider_takes_the_leaders_open_land():
    assert _attacks(_rider(ene_par=1)) == ["E2"]


def test_a_rider_leaves_a_trailing_enemys_land_to_its_partners():
    assert _attacks(_rider(ene_par=4)) == []
