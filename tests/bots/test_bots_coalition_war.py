"""Bots reckon the cost of a war fought together (RULES.md §11.7, docs/BOTS.md "What a bot
does in a turn", step 3): in ruleset 2 a balancer whose legitimacy no longer allows a war of
its own may still strike with its coalition, and one already at war may still join its
coalition's strike; in ruleset 1 neither, as before. Constructed positions."""

from __future__ import annotations

from typing import Any

from builders import board
from bot_scenes import position, seen

from game.bots.decide import decide
from game.bots.diplomacy import LEGITIMACY_MARGIN


def _strike(ruleset: int, legitimacy: int, at_war_with_blu: bool = False) -> Any:
    # RED (20 units) and YEL have an offensive pact against weak GRN, between them; BLU is
    # a fourth power beside RED only.
    scenario = board("R G Y B", ["R-G", "G-Y", "R-B"], {
        "RED": {"territories": "R", "forces": {"R": 20}, "treasury": 0},
        "GRN": {"territories": "G", "forces": {"G": 3}, "treasury": 0},
        "YEL": {"territories": "Y", "forces": {"Y": 8}, "treasury": 0},
        "BLU": {"territories": "B", "forces": {"B": 20}, "treasury": 0}},
        pacts=[{"kind": "offensive", "members": ["RED", "YEL"], "target": "GRN"}],
        rules={"ruleset": 2} if ruleset == 2 else {})
    wars = [("BLU", "RED")] if at_war_with_blu else []
    return position(scenario, wars=wars, powers={"RED": {"legitimacy": legitimacy}})


def _wars(state: Any) -> list[dict[str, Any]]:
    return [o for o in decide(seen(state, "RED"), "balancer").orders
            if o["op"] in ("invoke", "declare_war")]


# L 44: 44 - 10 = 34 is under crisis 25 + the margin 12 = 37, 44 - 5 = 39 is not.
LOW = 25 + LEGITIMACY_MARGIN + 7


def test_a_strike_is_affordable_where_a_war_alone_is_not():
    assert _wars(_strike(2, LOW)) == [{"op": "invoke", "pact": "P1"}]
    assert _wars(_strike(1, LOW)) == []


def test_with_legitimacy_to_spare_the_strike_is_made_under_either_ruleset():
    assert _wars(_strike(1, 70)) == _wars(_strike(2, 70)) == [{"op": "invoke", "pact": "P1"}]


def test_a_cautious_bot_at_war_still_joins_its_coalitions_strike_in_ruleset_2():
    # RED already fights BLU: a balancer (appetite 0.35) opens no second war of its own,
    # but in ruleset 2 a strike with its partner is a war fought together.
    assert _wars(_strike(2, 70, at_war_with_blu=True)) == [{"op": "invoke", "pact": "P1"}]
    assert _wars(_strike(1, 70, at_war_with_blu=True)) == []
