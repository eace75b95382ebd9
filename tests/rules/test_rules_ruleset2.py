"""Ruleset 2 (RULES.md, "Ruleset 2"): the ruleset parameter, and each change with its hand
arithmetic. Every board here is small enough to follow on paper; the ruleset-1 behaviour of the
same board is checked beside each change where it differs."""

from __future__ import annotations

import itertools

import pytest

from builders import board as make_board
from rules_helpers import (at_war, events, forces, leg, move, power, record, rejected, run,
                           start)
from game.engine import ParamError, Rules, rules_with
from game.engine.params import rules_to_dict
from game.engine.view import view


# --- the ruleset parameter ----------------------------------------------------------------


def test_a_game_without_a_ruleset_plays_ruleset_1():
    assert Rules().ruleset == 1
    assert start("A", [], {"RED": {"territories": "A"}}).scenario.rules.ruleset == 1


def test_the_ruleset_can_be_set_at_the_top_level_or_in_rules():
    top = make_board("A", [], {"RED": {"territories": "A"}}, ruleset=2)
    table = make_board("A", [], {"RED": {"territories": "A"}}, rules={"ruleset": 2})
    assert top.rules.ruleset == table.rules.ruleset == 2


def test_an_unknown_ruleset_is_one_sentence():
    with pytest.raises(ParamError, match="unknown ruleset 3"):
        rules_with(Rules(), {"ruleset": 3})


def test_a_ruleset_2_parameter_in_a_ruleset_1_game_is_refused():
    with pytest.raises(ParamError, match="'upkeep' belongs to ruleset 2"):
        rules_with(Rules(), {"upkeep": 0.5})
    assert rules_with(Rules(), {"ruleset": 2, "upkeep": 0.5}).upkeep == 0.5


def test_a_ruleset_1_game_records_its_ruleset_and_no_ruleset_2_parameter():
    one = rules_to_dict(Rules())
    assert one["ruleset"] == 1 and "upkeep" not in one and "reach" not in one
    two = rules_to_dict(rules_with(Rules(), {"ruleset": 2}))
    assert two["ruleset"] == 2 and two["upkeep"] == 0.25
    # What a match records reads back as the same rules.
    assert rules_with(Rules(), two) == rules_with(Rules(), {"ruleset": 2})
    assert rules_with(Rules(), one) == Rules()


def test_a_ruleset_1_state_has_no_new_field():
    s0 = start("A", [], {"RED": {"territories": "A", "forces": {"A": 4}}})
    assert "strength" not in view(s0, "RED")
    assert set(s0.to_json()) == {"turn", "seed", "label", "powers", "territories", "wars",
                                 "pacts", "winner"}


# --- upkeep ----------------------------------------------------------------------------------

# A (RED, value 3) - B (RED, value 2) - C (BLU, value 4)
TERRITORIES = [{"id": "A", "value": 3}, {"id": "B", "value": 2}, {"id": "C", "value": 4}]


def economy_board(red, ruleset=2, **rules):
    r = {"ruleset": ruleset, **rules} if ruleset == 2 else {}
    return start(TERRITORIES, ["A-B", "B-C"],
                 {"RED": {"territories": "A B", "treasury": 0, **red},
                  "BLU": {"territories": "C", "forces": {"C": 1}, "treasury": 0}}, rules=r)


def test_upkeep_is_paid_after_income():
    s1, report = run(economy_board({"forces": {"A": 10, "B": 7}, "treasury": 4}))
    # RED: 17 units × 0.25 = 4.25 -> round 4 IP; treasury 4 + income 5 - 4 = 5.
    assert power(s1, "RED")["treasury"] == 5
    assert [(e["units"], e["cost"], e["paid"]) for e in events(report, "upkeep")
            if e["power"] == "RED"] == [(17, 4, 4)]
    # BLU: 1 unit × 0.25 = 0.25 -> round 0: no IP, but the event is still written.
    assert power(s1, "BLU")["treasury"] == 4


def test_unpaid_upkeep_disbands_from_the_largest_stack():
    s1, report = run(economy_board({"forces": {"A": 30, "B": 14}, "treasury": 0}))
    # 44 units × 0.25 = 11 IP; treasury 0 + income 5 = 5: pays 5, keeps floor(5 / 0.25) = 20
    # units, so 24 go, one at a time from the largest stack: A 30 -> 14 (16 go, A and B are
    # then level at 14), then alternately A, B (A first, map order): 8 more, 4 each -> 10, 10.
    assert power(s1, "RED")["treasury"] == 0
    assert forces(s1, "A") == {"RED": 10} and forces(s1, "B") == {"RED": 10}
    assert [(e["territory"], e["n"]) for e in events(report, "disbanded")] == [("A", 20), ("B", 4)]


def test_ruleset_1_has_no_upkeep():
    s1, report = run(economy_board({"forces": {"A": 30, "B": 14}, "treasury": 0}, ruleset=1))
    assert power(s1, "RED")["treasury"] == 5 and not events(report, "upkeep")


# --- visible strength ------------------------------------------------------------------------


def test_total_forces_are_public_under_fog_in_ruleset_2():
    def board_(ruleset):
        rules = {"fog": True, **({"ruleset": 2} if ruleset == 2 else {})}
        return start("A B C D", ["A-B", "B-C", "C-D"],
                     {"RED": {"territories": "A", "forces": {"A": 3}},
                      "BLU": {"territories": "D", "forces": {"D": 9}},
                      "GRN": {"territories": "B C", "forces": {"B": 1, "C": 2}}}, rules=rules)
    seen = view(board_(2), "RED")
    assert seen["territories"]["D"]["forces"] is None       # D is out of RED's sight ...
    assert seen["strength"] == {"RED": 3, "BLU": 9, "GRN": 3}   # ... but BLU's 9 are known
    assert "strength" not in view(board_(1), "RED")


# --- scoring against par ---------------------------------------------------------------------


def test_turn_limit_scores_against_par():
    # BIG owns A B C D (value 1 each, par 4) and takes nothing; SML owns E (par 1) and takes F.
    # G to J are neutral, so that no one owns half the map's value of 10 (no solo victory).
    s0 = start("A B C D E F G H I J", ["D-E", "E-F"],
               {"BIG": {"territories": "A B C D", "forces": {"A": 5}},
                "SML": {"territories": "E", "forces": {"E": 5}}},
               neutral={}, rules={"ruleset": 2, "max_turns": 1})
    s1, report = run(s0, {"SML": [move("E", "F", 2)]})
    # F is neutral and empty: SML takes it (L -5 for the violation, no commitment).
    # BIG: 100 × (4 - 4) / 4 + (C 50 - 50) / 5 = 0. SML: 100 × (2 - 1) / 1 + 0 = 100.
    # In ruleset 1 BIG would win: 10 × 4 + 10 = 50 against 10 × 2 + 10 = 30.
    assert s1.winner == {"kind": "turn_limit", "powers": ["SML"],
                         "scores": {"BIG": 0, "SML": 100}}


def test_par_and_objectives_come_from_the_scenario():
    s0 = start("A B C", ["A-B", "B-C"],
               {"RED": {"territories": "A B", "par": 4, "objectives": {"B": 3}},
                "BLU": {"territories": "C"}},
               rules={"ruleset": 2, "max_turns": 1})
    s1, _ = run(s0)
    # RED: 100 × (2 - 4) / 4 + 0 + 3 = -47; BLU: 100 × (1 - 1) / 1 = 0.
    assert s1.winner["scores"] == {"RED": -47, "BLU": 0}


def test_score_rounds_to_tenths_half_up():
    s0 = start("A B C D", ["A-B", "B-C", "C-D"],
               {"RED": {"territories": "A B", "par": 3}, "BLU": {"territories": "C D"}},
               rules={"ruleset": 2, "max_turns": 1})
    s1, _ = run(s0)
    # RED: 100 × (2 - 3) / 3 = -33.33… -> -33.3
    assert s1.winner["scores"]["RED"] == -33.3


# --- a call to arms is answered --------------------------------------------------------------

IDS = ["R", "B", "G"]
FULL = [f"{a}-{b}" for a, b in itertools.combinations(IDS, 2)]
THREE = {"RED": {"territories": "R", "forces": {"R": 10}},
         "BLU": {"territories": "B", "forces": {"B": 10}},
         "GRN": {"territories": "G", "forces": {"G": 10}}}


def three(ruleset=2, **terms):
    rules = {"ruleset": 2} if ruleset == 2 else {}
    return start(IDS, FULL, THREE, rules=rules,
                 pacts=[{"kind": "defensive", "members": ["BLU", "GRN"], **terms}])


def test_a_called_member_honours_by_default():
    s1, report = run(three(), {"RED": [{"op": "declare_war", "target": "BLU"}]})
    call = events(report, "called_to_war")
    assert [(e["power"], e["answer"], e["kept"]) for e in call] == [("GRN", "honoured", True)]
    assert at_war(s1, "GRN", "RED")


def test_a_declining_member_stays_at_peace_with_a_breach_on_its_record():
    s1, report = run(three(), {"RED": [{"op": "declare_war", "target": "BLU"}],
                               "GRN": [{"op": "decline", "pact": "P1"}]})
    assert not at_war(s1, "GRN", "RED")
    assert [(e["power"], e["answer"], e["kept"]) for e in events(report, "called_to_war")] \
        == [("GRN", "declined", False)]
    assert [(e["power"], e["against"]) for e in events(report, "declined")] == [("GRN", "RED")]
    # GRN: owed 1, kept 0 -> C = round(100 × 1 / 3) = 33. L: 70 - 5 (declined) + 2 (peace) = 67.
    assert record(s1, "GRN") == (1, 0, 33)
    assert leg(s1, "GRN") == 67
    # It is still a member: a decline is not a break.
    assert "GRN" in s1.pact("P1").members


def test_a_decline_without_a_call_changes_nothing():
    s1, report = run(three(), {"GRN": [{"op": "decline", "pact": "P1"}]})
    assert record(s1, "GRN") == (0, 0, 50) and not events(report, "declined")


def test_decline_is_rejected_in_ruleset_1():
    s1, report = run(three(ruleset=1), {"RED": [{"op": "declare_war", "target": "BLU"}],
                                        "GRN": [{"op": "decline", "pact": "P1"}]})
    assert [r["reason"] for r in rejected(report, "GRN")] == [
        "decline belongs to ruleset 2, and this game plays ruleset 1"]
    assert at_war(s1, "GRN", "RED")
    assert "answer" not in events(report, "called_to_war")[0]


def test_decline_of_a_non_aggression_pact_is_rejected():
    s0 = start(IDS, FULL, THREE, rules={"ruleset": 2},
               pacts=[{"kind": "non_aggression", "members": ["BLU", "GRN"]}])
    _, report = run(s0, {"GRN": [{"op": "decline", "pact": "P1"}]})
    assert "only a defensive or offensive pact" in rejected(report, "GRN")[0]["reason"]


# --- reach -----------------------------------------------------------------------------------

# A line A - B - C - D - E - F. RED owns A (and F where a test says), BLU owns B, GRN owns E.
LINE = ["A-B", "B-C", "C-D", "D-E", "E-F"]


def line(ruleset=2, grn=None, red="A", **terms):
    rules = {"ruleset": 2, "upkeep": 0} if ruleset == 2 else {}   # no upkeep to follow here
    return start("A B C D E F", LINE,
                 {"RED": {"territories": red, "forces": {"A": 10}},
                  "BLU": {"territories": "B", "forces": {"B": 10}},
                  "GRN": {"territories": "E", "forces": grn or {"E": 10}}},
                 rules=rules, pacts=[{"kind": "defensive", "members": ["BLU", "GRN"], **terms}])


WAR_ON_BLU = {"RED": [{"op": "declare_war", "target": "BLU"}]}


def test_an_ally_out_of_reach_owes_nothing():
    s1, report = run(line(), WAR_ON_BLU)
    # GRN's 10 units in E are 4 moves from A, beyond reach 2: no commitment is audited.
    # Owed 1 (the call) and kept 1: C = round(100 × 2 / 3) = 67.
    assert [(e["power"]) for e in events(report, "out_of_reach")] == ["GRN"]
    assert not [e for e in events(report, "shortfall") if e["power"] == "GRN"]
    assert record(s1, "GRN") == (1, 1, 67)


def test_in_ruleset_1_the_same_ally_falls_short():
    s1, report = run(line(ruleset=1), WAR_ON_BLU)
    # Required 0.2 × 10 = 2, committed 0 (nothing in or next to A): a shortfall.
    assert [(e["power"], e["required"]) for e in events(report, "shortfall")] == [("GRN", 2.0)]
    assert record(s1, "GRN") == (2, 1, 50)


def test_only_units_within_reach_are_owed():
    s0 = line(grn={"E": 10, "C": 5})
    s1, report = run(s0, WAR_ON_BLU)
    # C is 2 moves from A: 5 units within reach, required 0.2 × 5 = 1; committed 0 (C is not
    # next to A): a shortfall of 1, not of 0.2 × 15 = 3.
    assert [(e["power"], e["required"], e["within_reach"], e["committed"])
            for e in events(report, "shortfall")] == [("GRN", 1.0, 5, 0)]
    s1, report = run(s0, {**WAR_ON_BLU, "GRN": [move("C", "B", 5)]})
    # Moved into B, next to A: committed 5 >= 1.
    assert [(e["power"], e["committed"]) for e in events(report, "honoured")
            if e["power"] == "GRN"] == [("GRN", 5)]


def test_a_theatre_narrows_the_front():
    # RED owns A and F; GRN's units in E are next to F.
    wide = line(red="A F")
    narrow = line(red="A F", theatre=["A", "B"])
    _, report = run(wide, WAR_ON_BLU)
    assert [(e["power"], e["committed"]) for e in events(report, "honoured")
            if e["power"] == "GRN"] == [("GRN", 10)]
    _, report = run(narrow, WAR_ON_BLU)
    # The front is A alone (RED's part of the theatre): E is 4 moves away, out of reach.
    assert [e["power"] for e in events(report, "out_of_reach")] == ["GRN"]


def test_theatre_is_a_ruleset_2_term():
    from game.engine import pact_problems
    terms = {"kind": "defensive", "members": ["BLU", "GRN"], "theatre": ["A"]}
    assert pact_problems(terms, ["BLU", "GRN"], ["A"]) == [
        "'theatre' is a term of ruleset 2, and this game plays ruleset 1"]
    assert pact_problems(terms, ["BLU", "GRN"], ["A"], ruleset=2) == []
    assert pact_problems({**terms, "theatre": ["Z"]}, ["BLU", "GRN"], ["A"], ruleset=2) == [
        "'theatre' names unknown territory 'Z'"]


def test_owed_is_what_the_audit_owes():
    from game.engine.commitments import obligations
    s1, report = run(line(grn={"E": 10, "C": 5}), WAR_ON_BLU)
    # After the turn: GRN still at war with RED through engaged P1; its 5 in C are within
    # reach of A, required 0.2 × 5 = 1, committed now 0.
    assert [(o.pact, o.enemy, o.required, o.within_reach, o.committed)
            for o in obligations(s1, "GRN")] == [("P1", "RED", 1.0, 5, 0)]
