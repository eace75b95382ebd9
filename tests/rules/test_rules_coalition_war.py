"""Ruleset 2, wars fought together (RULES.md §11.7): a war begun by invoking an offensive pact,
or declared on an enemy a partner of an engaged pact already fights, costs the aggressor
``coalition_aggression_cost`` (5) instead of ``aggression_cost`` (10), and a war fought beside
a partner costs it L −1 a turn (``war_cost``) instead of −2 (``aggressor_war_cost``) in step 7.
Hand arithmetic on a three-power board (every power starts at L 70, no battle is fought, so no
casualties); ruleset 1 beside each case, unchanged."""

from __future__ import annotations

import pytest

from rules_helpers import at_war, events, leg, legitimacy_changes, run, start, with_pact_fields, \
    with_wars
from game.engine import ParamError, Rules, rules_with
from game.engine.params import recorded_rules, rules_to_dict

IDS = ["R", "B", "G"]
EDGES = ["R-B", "B-G", "R-G"]
POWERS = {"RED": {"territories": "R", "forces": {"R": 4}, "treasury": 10},
          "BLU": {"territories": "B", "forces": {"B": 4}, "treasury": 10},
          "GRN": {"territories": "G", "forces": {"G": 4}, "treasury": 10}}


def board(kind="offensive", ruleset=2, **rules):
    pact = {"kind": kind, "members": ["RED", "BLU"]}
    if kind == "offensive":
        pact["target"] = "GRN"
    return start(IDS, EDGES, POWERS, rules={"ruleset": 2, **rules} if ruleset == 2 else {},
                 pacts=[pact])


def aggression(report, pid):
    return [e["change"] for e in events(report, "legitimacy")
            if e["power"] == pid and e["reason"] == "aggression"]


def test_an_invoked_war_costs_each_member_the_coalition_aggression_cost():
    s1, report = run(board(), {"RED": [{"op": "invoke", "pact": "P1"}]})
    assert at_war(s1, "RED", "GRN") and at_war(s1, "BLU", "GRN")
    # RED and BLU: 70 - 5 (a coalition's aggression) - 1 (at war beside a partner) = 64.
    assert aggression(report, "RED") == aggression(report, "BLU") == [-5]
    assert leg(s1, "RED") == leg(s1, "BLU") == 64
    # GRN: 70 + 5 (rally) - 1 (at war, not the aggressor) = 74.
    assert leg(s1, "GRN") == 74


def test_ruleset_1_charges_an_invoked_war_in_full():
    s1, report = run(board(ruleset=1), {"RED": [{"op": "invoke", "pact": "P1"}]})
    # 70 - 10 - 2 = 58 for each member.
    assert aggression(report, "RED") == aggression(report, "BLU") == [-10]
    assert leg(s1, "RED") == leg(s1, "BLU") == 58
    assert leg(s1, "GRN") == 74


def test_a_war_declared_alone_costs_in_full():
    s1, report = run(board(), {"RED": [{"op": "declare_war", "target": "GRN"}]})
    # No pact is engaged against GRN: 70 - 10 - 2 = 58.
    assert aggression(report, "RED") == [-10]
    assert legitimacy_changes(report, "RED") == [-10, -2]
    assert leg(s1, "RED") == 58


def test_joining_a_partners_engaged_war_is_a_war_fought_together():
    # BLU already fights GRN under the defensive pact P1 (GRN attacked it): RED joins.
    s0 = with_pact_fields(with_wars(board("defensive"), ("BLU", "GRN", "GRN")),
                          "P1", engaged_against=["GRN"])
    s1, report = run(s0, {"RED": [{"op": "declare_war", "target": "GRN"}]})
    # RED: 70 - 5 - 1 = 64.
    assert aggression(report, "RED") == [-5]
    assert leg(s1, "RED") == 64


def test_a_partner_at_war_outside_the_pact_is_not_a_war_fought_together():
    # BLU fights GRN, but P1 is not engaged against GRN (BLU started that war itself).
    s0 = with_wars(board("defensive"), ("BLU", "GRN", "BLU"))
    s1, report = run(s0, {"RED": [{"op": "declare_war", "target": "GRN"}]})
    assert aggression(report, "RED") == [-10]
    assert leg(s1, "RED") == 58
    # BLU: the aggressor in a war no engaged pact of its own fights beside it: 70 - 2 = 68.
    assert leg(s1, "BLU") == 68


def test_an_aggressor_fighting_one_war_alone_pays_the_full_cost_of_the_turn():
    # RED invokes P1 against GRN (together) while it is already the aggressor against a
    # fourth power, YEL, alone: step 7 charges -2, the aggressor's cost, once.
    powers = {**POWERS, "YEL": {"territories": "Y", "forces": {"Y": 4}, "treasury": 10}}
    s0 = start(IDS + ["Y"], EDGES + ["R-Y"], powers, rules={"ruleset": 2},
               pacts=[{"kind": "offensive", "members": ["RED", "BLU"], "target": "GRN"}])
    s0 = with_wars(s0, ("RED", "YEL", "RED"))
    s1, report = run(s0, {"RED": [{"op": "invoke", "pact": "P1"}]})
    # RED: 70 - 5 - 2 = 63; BLU, whose one war is fought together: 70 - 5 - 1 = 64.
    assert legitimacy_changes(report, "RED") == [-5, -2]
    assert leg(s1, "RED") == 63 and leg(s1, "BLU") == 64


def test_the_parameter_belongs_to_ruleset_2():
    with pytest.raises(ParamError, match="'coalition_aggression_cost' belongs to ruleset 2"):
        rules_with(Rules(), {"coalition_aggression_cost": 3})
    assert "coalition_aggression_cost" not in rules_to_dict(Rules())
    two = rules_with(Rules(), {"ruleset": 2})
    assert two.coalition_aggression_cost == 5
    s1, report = run(board(coalition_aggression_cost=3),
                     {"RED": [{"op": "invoke", "pact": "P1"}]})
    assert aggression(report, "RED") == [-3] and leg(s1, "RED") == 66


def test_an_invoker_whose_partners_decline_fights_alone_from_step_7():
    s1, report = run(board(), {"RED": [{"op": "invoke", "pact": "P1"}],
                               "BLU": [{"op": "decline", "pact": "P1"}]})
    assert at_war(s1, "RED", "GRN") and not at_war(s1, "BLU", "GRN")
    # RED: the invocation starts a war fought together (-5), but at step 7 no partner is at
    # war with GRN: 70 - 5 - 2 = 63. BLU: 70 - 5 (declined) + 2 (peace) = 67.
    assert legitimacy_changes(report, "RED") == [-5, -2]
    assert leg(s1, "RED") == 63 and leg(s1, "BLU") == 67


def test_with_the_rule_off_a_war_fought_together_costs_as_in_ruleset_2_before_it():
    # wars_fought_together = 0 plays ruleset 2 as it was before the rule existed: the
    # invoked war costs each member 10 to start and 2 a turn, 70 - 10 - 2 = 58.
    s1, report = run(board(wars_fought_together=0), {"RED": [{"op": "invoke", "pact": "P1"}]})
    assert aggression(report, "RED") == aggression(report, "BLU") == [-10]
    assert leg(s1, "RED") == leg(s1, "BLU") == 58


def test_rules_recorded_before_the_rule_existed_read_with_it_off():
    # A ruleset-2 match recorded its rules without the parameter: it replays as it was
    # played (tests/rules/test_rules_ruleset2_logs.py replays such logs).
    assert not recorded_rules({"ruleset": 2, "upkeep": 0.25}).wars_together
    assert recorded_rules({"ruleset": 2, "wars_fought_together": 1}).wars_together
    # A new ruleset-2 game has the rule, and records it; ruleset 1 never has it.
    two = rules_with(Rules(), {"ruleset": 2})
    assert two.wars_together and rules_to_dict(two)["wars_fought_together"] == 1
    assert not recorded_rules({"ruleset": 1}).wars_together
    assert "wars_fought_together" not in rules_to_dict(Rules())
