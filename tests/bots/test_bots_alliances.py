"""Alliances decide outcomes the way the research says (docs/BOTS.md): a guarantor deters
only when it can reach the fight, a balancer keeps seeking cover against its greatest
threat, partners in a strike are called in together, and a member owes what the audit
reckons. Constructed positions, sigma = 0."""

from __future__ import annotations

from typing import Any

from builders import board
from test_bots_conduct import _offers
from bot_scenes import position, proposal, seen

from game.bots.appraisal import defenders_of
from game.bots.decide import board_of, decide
from game.bots.orders import owed_to


def _guarded(ally_at: str) -> Any:
    # A line R-B-C-D-E-F: RED beside BLU, BLU's defensive partner YEL at ``ally_at``.
    spots = "R B C D E F".split()
    powers: dict[str, dict[str, Any]] = {
        "RED": {"territories": "R", "forces": {"R": 10}, "treasury": 0},
        "BLU": {"territories": "B", "forces": {"B": 2}, "treasury": 0},
        "YEL": {"territories": ally_at, "forces": {ally_at: 6}, "treasury": 0}}
    return position(board(spots, ["R-B", "B-C", "C-D", "D-E", "E-F"], powers,
                          pacts=[{"kind": "defensive", "members": ["BLU", "YEL"]}]))


def test_a_guarantor_deters_only_when_it_can_reach_the_fight():
    near = board_of(seen(_guarded("C"), "RED"))
    far = board_of(seen(_guarded("F"), "RED"))
    red, blu, yel = (near.ids.index(p) for p in ("RED", "BLU", "YEL"))
    assert defenders_of(near, blu, red) == {blu, yel}
    assert defenders_of(far, blu, red) == {blu}


def test_a_balancer_offers_its_shield_to_the_next_partner_when_the_best_declined():
    # GRN, the strongest, borders everyone; BLU and YEL could both stand with RED.
    scenario = board("R B G Y", ["R-B", "R-G", "B-G", "G-Y", "R-Y"], {
        "RED": {"territories": "R", "forces": {"R": 5}, "treasury": 0},
        "BLU": {"territories": "B", "forces": {"B": 5}, "treasury": 0},
        "GRN": {"territories": "G", "forces": {"G": 20}, "treasury": 0},
        "YEL": {"territories": "Y", "forces": {"Y": 4}, "treasury": 0}})
    calm = position(scenario)
    shields = [o for o in _offers(calm, "RED", "balancer", []) if o["kind"] == "defensive"]
    assert shields and {tuple(o["members"]) for o in shields} == {("RED", "BLU")}
    refused = {**proposal(shields[0], proposer="RED"), "status": "declined", "turn": 0}
    after = [o for o in _offers(calm, "RED", "balancer", [refused]) if o["kind"] == "defensive"]
    assert after and {tuple(o["members"]) for o in after} == {("RED", "YEL")}
    assert all(o["against"] == ["GRN"] for o in after)


def _strike(yel_at_war: bool) -> Any:
    scenario = board("R G Y", ["R-G", "G-Y"], {
        "RED": {"territories": "R", "forces": {"R": 8}, "treasury": 0},
        "GRN": {"territories": "G", "forces": {"G": 6}, "treasury": 0},
        "YEL": {"territories": "Y", "forces": {"Y": 8}, "treasury": 0}},
        pacts=[{"kind": "offensive", "members": ["RED", "YEL"], "target": "GRN"}])
    wars = [("RED", "GRN")] + ([("YEL", "GRN")] if yel_at_war else [])
    return position(scenario, wars=wars)


def test_a_member_at_war_with_the_target_calls_its_partner_in():
    invokes = [o for o in decide(seen(_strike(False), "RED"), "balancer").orders
               if o["op"] == "invoke"]
    assert invokes == [{"op": "invoke", "pact": "P1"}]
    # Once the partner fights too there is no one left to call.
    assert not [o for o in decide(seen(_strike(True), "RED"), "balancer").orders
                if o["op"] == "invoke"]


def test_in_ruleset_2_a_member_owes_a_share_of_its_units_within_reach_only():
    # RED's 10 units beside GRN and 10 more four steps away; burden share 0.5.
    def owed(ruleset: int) -> float:
        scenario = board("A B C D G Y", ["A-B", "B-C", "C-D", "D-G", "G-Y"], {
            "RED": {"territories": "A B C D", "forces": {"A": 10, "D": 10}, "treasury": 0},
            "GRN": {"territories": "G", "forces": {"G": 5}, "treasury": 0},
            "YEL": {"territories": "Y", "forces": {"Y": 5}, "treasury": 0}},
            pacts=[{"kind": "defensive", "members": ["RED", "YEL"], "burden_share": 0.5}],
            rules={"ruleset": ruleset})
        state = position(scenario, wars=[("GRN", "YEL"), ("RED", "GRN")],
                         engaged={"P1": ["GRN"]})
        b = board_of(seen(state, "RED"))
        return owed_to(b, b.pacts[0], b.ids.index("GRN"))

    assert owed(1) == 10.0      # half of all 20 units
    assert owed(2) == 5.0       # half of the 10 within reach of GRN's land
