"""RULES.md §5 step 7: domestic politics (war weariness, peace dividend, casualties, clamp,
collapse)."""

from __future__ import annotations

from rules_helpers import (events, leg, legitimacy_changes, move, pact, run, start, wars,
                           with_pact_fields, with_powers,
                           with_wars)

# A (RED) - B (BLU) - G (GRN); C (BLU) touches only G.
TERRITORIES = ["A", "B", "G", {"id": "C", "value": 2}]
EDGES = ["A-B", "B-G", "G-C"]


def board(red=None, blu=None, **kwargs):
    powers = {"RED": {"territories": "A", "forces": {"A": 8}, **(red or {})},
              "BLU": {"territories": "B C", "forces": {"B": 4, "C": 6}, **(blu or {})},
              "GRN": {"territories": "G", "forces": {"G": 5}}}
    return start(TERRITORIES, EDGES, powers, **kwargs)


def test_a_power_at_peace_gains_2():
    s1, report = run(board(), {})
    assert leg(s1, "RED") == 72
    assert legitimacy_changes(report, "RED") == [2]


def test_a_power_at_war_loses_1():
    s1, _ = run(with_wars(board(), ("BLU", "RED", "BLU")), {})
    assert leg(s1, "RED") == 69


def test_the_aggressor_loses_2():
    s1, _ = run(with_wars(board(), ("RED", "BLU", "RED")), {})
    assert leg(s1, "RED") == 68 and leg(s1, "BLU") == 69


def test_the_aggressor_in_any_of_its_wars_loses_2_once():
    s1, report = run(with_wars(board(), ("RED", "BLU", "RED"), ("GRN", "RED", "GRN")), {})
    assert leg(s1, "RED") == 68                     # not -2 -1
    assert legitimacy_changes(report, "RED") == [-2]


def test_war_weariness_and_peace_dividend_are_parameters():
    s0 = with_wars(board(rules={"aggressor_war_cost": 4, "war_cost": 3, "peace_gain": 1}),
                   ("RED", "BLU", "RED"))
    s1, _ = run(s0, {})
    assert (leg(s1, "RED"), leg(s1, "BLU"), leg(s1, "GRN")) == (66, 67, 71)


def test_casualties_cost_legitimacy_rounded_half_up_of_units_at_turn_start():
    # RED had 8 units at the start and builds 1 more (the base stays 8, not 9). It attacks B
    # with 2: 2 vs 4, it loses and keeps 1. Casualties: round(20 x 1/8 = 2.5) = 3 (not banker's
    # 2; with a base of 9 it would be round(2.2) = 2).
    s0 = with_wars(board(red={"treasury": 5}), ("RED", "BLU", "RED"))
    s1, report = run(s0, {"RED": [move("A", "B", 2), {"op": "build", "territory": "A", "n": 1}]})
    assert leg(s1, "RED") == 65                     # 70 - 2 aggressor - 3 casualties
    assert legitimacy_changes(report, "RED") == [-2, -3]
    assert leg(s1, "BLU") == 69                     # BLU keeps 4 x .9014 = 3.6 -> 4: no loss


def test_casualties_include_units_destroyed_for_want_of_a_retreat():
    # RED's 8 take B; BLU's 4 -> 2 survivors have no BLU or allied territory next to B
    # (C touches only G) and are destroyed. BLU lost 2 + 2 = 4 of 10: round(20 x 4/10) = 8.
    s0 = with_wars(board(), ("RED", "BLU", "RED"))
    s1, report = run(s0, {"RED": [move("A", "B", 8)]})
    assert [(e["power"], e["n"]) for e in events(report, "destroyed")] == [("BLU", 2)]
    assert leg(s1, "BLU") == 61                     # 70 - 1 at war - 8


def test_casualty_cost_is_a_parameter():
    s0 = with_wars(board(rules={"casualty_cost": 40}), ("RED", "BLU", "RED"))
    s1, _ = run(s0, {"RED": [move("A", "B", 2)]})
    assert leg(s1, "RED") == 63                     # 70 - 2 - round(40 x 1/8 = 5)


def test_legitimacy_is_clamped_to_100():
    s1, _ = run(board(red={"legitimacy": 99}), {})
    assert leg(s1, "RED") == 100                    # 99 + 2 -> 100


def test_legitimacy_is_clamped_in_step_7_not_at_each_change():
    # Ambiguity: §2 says L is "clamped to 0-100", step 7 says "Clamp to 0-100". Read literally
    # as a step-7 action: 98 + 5 rally = 103, - 1 at war = 102 -> 100. (Clamping at each change
    # would give 98 + 5 -> 100, - 1 = 99.)
    s1, _ = run(board(red={"legitimacy": 98}), {"BLU": [{"op": "declare_war", "target": "RED"}]})
    assert leg(s1, "RED") == 100


def test_a_power_at_legitimacy_0_collapses():
    # RED at 2 is the aggressor at war: 2 - 2 = 0: it collapses, its wars end, L = crisis 25.
    s0 = with_wars(board(red={"legitimacy": 2}), ("RED", "BLU", "RED"), ("GRN", "RED", "GRN"))
    s1, report = run(s0, {})
    (collapse,) = events(report, "collapse")
    assert collapse["power"] == "RED"
    assert wars(s1) == {}
    assert leg(s1, "RED") == 25


def test_legitimacy_below_0_is_clamped_to_0_and_collapses():
    s0 = with_wars(board(red={"legitimacy": 1}), ("RED", "BLU", "RED"))
    s1, report = run(s0, {})                        # 1 - 2 = -1 -> 0
    assert [e["power"] for e in events(report, "collapse")] == ["RED"]
    assert leg(s1, "RED") == 25 and wars(s1) == {}


def test_collapse_ends_only_the_collapsing_powers_wars():
    s0 = with_wars(board(red={"legitimacy": 2}), ("RED", "BLU", "RED"), ("GRN", "BLU", "GRN"))
    s1, _ = run(s0, {})
    assert wars(s1) == {frozenset({"GRN", "BLU"}): "GRN"}


def test_collapse_resets_legitimacy_to_the_crisis_parameter():
    s0 = with_wars(board(red={"legitimacy": 2}, rules={"crisis": 30}), ("RED", "BLU", "RED"))
    s1, _ = run(s0, {})
    assert leg(s1, "RED") == 30


def test_a_power_just_above_0_does_not_collapse():
    s0 = with_wars(board(red={"legitimacy": 2}), ("BLU", "RED", "BLU"))
    s1, report = run(s0, {})
    assert leg(s1, "RED") == 1 and events(report, "collapse") == []


def test_power_in_crisis_is_not_otherwise_penalised():
    s1, _ = run(with_powers(board(), RED={"legitimacy": 10}), {})
    assert leg(s1, "RED") == 12


def test_collapse_is_not_a_separate_peace():
    # RED and BLU (P1) fight GRN; RED collapses: its war with GRN ends, but only step 2 peace
    # counts as a separate peace, so RED is not in breach and stays in P1.
    s0 = board(red={"legitimacy": 1}, pacts=[{"kind": "defensive", "members": ["RED", "BLU"]}])
    s0 = with_wars(s0, ("GRN", "RED", "GRN"), ("BLU", "GRN", None))
    s0 = with_pact_fields(s0, "P1", engaged_against=["GRN"])
    s1, report = run(s0, {})
    assert [e["power"] for e in events(report, "collapse")] == ["RED"]
    assert events(report, "pact_broken") == []
    assert pact(s1, "P1")["members"] == ["RED", "BLU"]
    assert wars(s1) == {frozenset({"BLU", "GRN"}): None}
