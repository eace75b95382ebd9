"""RULES.md §5 step 4: movement and combat, with sigma = 0 (exact: A wins iff a > d).

Battle arithmetic used throughout (β = 0.5): the loser keeps 0.5 of its units, the winner
keeps k = sqrt(1 - 0.75 (l/w)^2); a side keeps floor(total x k + 0.5) units, shared by
largest remainder of units x k, ties by power order, then origin order.
"""

from __future__ import annotations

import pytest

from rules_helpers import (battles, edit, events, forces, leg, move, owner, rejected, run, start,
                           with_wars)


def declare(target):
    return {"op": "declare_war", "target": target}


def at(state, tid):
    return forces(state, tid)


# --- legality -------------------------------------------------------------------------------

# R1 R2 belong to RED, B to BLU, G to GRN, N is neutral and empty, M neutral and empty.
LEGAL_T = ["R1", "R2", "B", "G", "N", "M"]
LEGAL_E = ["R1-R2", "R1-B", "R1-G", "R1-N", "R2-N", "R1-M", "B-G"]


def legal_board(pacts=None, **kwargs):
    return start(LEGAL_T, LEGAL_E,
                 {"RED": {"territories": "R1 R2", "forces": {"R1": 10, "R2": 2}},
                  "BLU": {"territories": "B", "forces": {"B": 5}},
                  "GRN": {"territories": "G", "forces": {"G": 5}}}, pacts=pacts, **kwargs)


def test_move_into_own_territory_is_legal():
    s1, report = run(legal_board(), {"RED": [move("R1", "R2", 4)]})
    assert report["rejected"] == []
    assert at(s1, "R1") == {"RED": 6} and at(s1, "R2") == {"RED": 6}


@pytest.mark.parametrize("kind, extra", [("defensive", {}), ("offensive", {"target": "GRN"})])
def test_move_into_an_ally_territory_is_legal_basing_rights(kind, extra):
    s0 = legal_board([{"kind": kind, "members": ["RED", "BLU"], **extra}])
    s1, report = run(s0, {"RED": [move("R1", "B", 4)]})
    assert report["rejected"] == [] and battles(report) == []
    assert at(s1, "B") == {"RED": 4, "BLU": 5} and owner(s1, "B") == "BLU"


def test_move_into_a_territory_of_a_power_neither_ally_nor_enemy_is_rejected():
    order = move("R1", "B", 4)
    s1, report = run(legal_board(), {"RED": [order]})
    assert [r["order"] for r in rejected(report, "RED")] == [order]
    assert at(s1, "R1") == {"RED": 10} and at(s1, "B") == {"BLU": 5}


def test_move_into_a_non_aggression_partner_territory_is_rejected():
    order = move("R1", "B", 4)
    s0 = legal_board([{"kind": "non_aggression", "members": ["RED", "BLU"]}])
    s1, report = run(s0, {"RED": [order]})
    assert [r["order"] for r in rejected(report, "RED")] == [order]
    assert at(s1, "R1") == {"RED": 10}


def test_move_legality_uses_the_wars_after_step_3():
    # RED declares war this turn and attacks at once: 10 vs 5, RED takes B.
    s1, report = run(legal_board(), {"RED": [declare("BLU"), move("R1", "B", 10)]})
    assert report["rejected"] == []
    assert owner(s1, "B") == "RED"
    assert at(s1, "B") == {"RED": 9}                # k = sqrt(1 - .75 * .25) = .9014 -> 9.01 -> 9


def test_a_member_dragged_in_this_turn_may_attack_at_once():
    # GRN attacks BLU; RED (RED+BLU defensive) is at war with GRN after step 3 and may enter G.
    s0 = legal_board([{"kind": "defensive", "members": ["RED", "BLU"]}])
    s1, report = run(s0, {"GRN": [declare("BLU")], "RED": [move("R1", "G", 10)]})
    assert report["rejected"] == []
    assert owner(s1, "G") == "RED"


def test_move_into_a_former_enemy_after_peace_this_turn_is_rejected():
    order = move("R1", "B", 4)
    s0 = with_wars(legal_board(), ("RED", "BLU", "RED"))
    s1, report = run(s0, {"RED": [{"op": "offer_peace", "target": "BLU"}, order],
                          "BLU": [{"op": "offer_peace", "target": "RED"}]})
    assert [r["order"] for r in rejected(report, "RED")] == [order]
    assert at(s1, "B") == {"BLU": 5}


def test_entering_neutral_territory_costs_legitimacy_per_territory_per_turn():
    # Two groups into N cost once; a third group into M costs again: -5 -5.
    s1, report = run(legal_board(), {"RED": [move("R1", "N", 1), move("R2", "N", 1),
                                             move("R1", "M", 1)]})
    assert report["rejected"] == []
    assert owner(s1, "N") == "RED" and owner(s1, "M") == "RED"   # no garrison: no fight
    assert at(s1, "N") == {"RED": 2}
    assert leg(s1, "RED") == 62                     # 70 - 5 - 5 + 2 at peace
    assert battles(report) == []


def test_neutrality_cost_is_a_parameter():
    s1, _ = run(legal_board(rules={"neutrality_cost": 3}), {"RED": [move("R1", "N", 1)]})
    assert leg(s1, "RED") == 69                     # 70 - 3 + 2


# --- sea edges --------------------------------------------------------------------------------


def sea_board(**kwargs):
    # S (RED) ~ B (BLU) by sea; L (RED) - B by land.
    s = start(["S", "L", "B", "C"], ["S~B", "L-B", "B-C"],
              {"RED": {"territories": "S L", "forces": {"S": 10, "L": 10}},
               "BLU": {"territories": "B C", "forces": {"B": 6}}}, **kwargs)
    return with_wars(s, ("RED", "BLU", "RED"))


def test_units_crossing_a_sea_edge_fight_at_half_strength():
    s1, report = run(sea_board(), {"RED": [move("S", "B", 10)]})
    # a = 10 * 0.5 = 5 < d = 6: BLU holds, k = sqrt(1 - .75 (5/6)^2) = .6922 -> 6 * .6922 = 4.15 -> 4
    assert owner(s1, "B") == "BLU" and at(s1, "B") == {"BLU": 4}
    assert at(s1, "S") == {"RED": 5}                # 10 * .5 go back to S
    (b,) = battles(report)
    assert (b["attackers"], b["defenders"], b["attackers_after"], b["defenders_after"]) == (
        {"RED": 10}, {"BLU": 6}, {"RED": 5}, {"BLU": 4})


def test_the_same_attack_over_land_succeeds():
    s1, _ = run(sea_board(), {"RED": [move("L", "B", 10)]})
    assert owner(s1, "B") == "RED"                  # a = 10 > 6


def test_amphibious_factor_is_a_parameter():
    s1, _ = run(sea_board(rules={"amphibious": 0.7}), {"RED": [move("S", "B", 10)]})
    assert owner(s1, "B") == "RED"                  # a = 7 > 6


# --- border clashes -------------------------------------------------------------------------


def clash_board(order="A B C"):
    # A (RED, plains) - B (BLU's capital, hills) - C (BLU)
    territories = {"A": {"id": "A"}, "B": {"id": "B", "terrain": "hills", "capital_of": "BLU"},
                   "C": {"id": "C"}}
    s = start([territories[t] for t in order.split()], ["A-B", "B-C"],
              {"RED": {"territories": "A", "forces": {"A": 10}},
               "BLU": {"territories": "B C", "forces": {"B": 10, "C": 1}}})
    return with_wars(s, ("RED", "BLU", "RED"))


def test_border_clash_is_fought_in_the_open_before_anything_arrives():
    s1, report = run(clash_board(), {"RED": [move("A", "B", 10)], "BLU": [move("B", "A", 8)]})
    border, territory = battles(report)
    # Border: a = 10 (from A, earlier in map order), d = 8 (no hills, no capital: else 15).
    # RED wins, k = sqrt(1 - .75 * .64) = .7211 -> 7.21 -> 7; BLU 8 -> 4.
    assert border["kind"] == "border"
    assert (border["attackers"], border["defenders"]) == ({"RED": 10}, {"BLU": 8})
    assert (border["attackers_after"], border["defenders_after"]) == ({"RED": 7}, {"BLU": 4})
    # The 7 go on to B: a = 7 vs d = 2 * 1.5 hills * 1.25 capital = 3.75;
    # k = sqrt(1 - .75 (3.75/7)^2) = .8859 -> 6.2 -> 6; BLU 2 -> 1.
    assert territory["kind"] == "territory" and territory["territory"] == "B"
    assert (territory["attackers"], territory["defenders"]) == ({"RED": 7}, {"BLU": 2})
    assert (territory["attackers_after"], territory["defenders_after"]) == ({"RED": 6}, {"BLU": 1})
    assert owner(s1, "B") == "RED" and at(s1, "B") == {"RED": 6}
    # BLU's 4 from the clash go back to B, now RED's: they retreat from B to C, as does the 1
    # defeated defender: C = 1 + 4 + 1.
    assert at(s1, "C") == {"BLU": 6}
    assert at(s1, "A") == {}


def test_border_clash_losers_go_back_to_their_origin():
    s0 = start(["A", "B"], ["A-B"], {"RED": {"territories": "A", "forces": {"A": 14}},
                                     "BLU": {"territories": "B", "forces": {"B": 8}}})
    s0 = with_wars(s0, ("RED", "BLU", "RED"))
    s1, report = run(s0, {"RED": [move("A", "B", 4)], "BLU": [move("B", "A", 8)]})
    # Border: a = 4 (RED, from A) < d = 8: BLU wins, k = .9014 -> 7; RED 4 -> 2 go back to A.
    # BLU's 7 attack A: a = 7 < d = 10 RED stayers: k = sqrt(1 - .75 * .49) = .7953 -> 8;
    # BLU 7 -> 4 go back to B.
    assert [b["kind"] for b in battles(report)] == ["border", "territory"]
    assert at(s1, "A") == {"RED": 10}               # 8 + 2 returned
    assert at(s1, "B") == {"BLU": 4}
    returned = {(e["power"], e["to"], e["n"]) for e in events(report, "returned")}
    assert returned == {("RED", "A", 2), ("BLU", "B", 4)}


def test_no_border_clash_between_powers_not_at_war():
    s0 = start(["A", "B"], ["A-B"], {"RED": {"territories": "A", "forces": {"A": 5}},
                                     "BLU": {"territories": "B", "forces": {"B": 5}}},
               pacts=[{"kind": "defensive", "members": ["RED", "BLU"]}])
    s1, report = run(s0, {"RED": [move("A", "B", 3)], "BLU": [move("B", "A", 3)]})
    assert battles(report) == []
    assert at(s1, "A") == {"RED": 2, "BLU": 3} and at(s1, "B") == {"RED": 3, "BLU": 2}


@pytest.mark.parametrize("order, winner", [("A B C", "BLU"), ("B A C", "RED")])
def test_in_a_border_clash_side_a_is_the_group_from_the_earlier_territory(order, winner):
    # 8 against 8: a tie, which goes to D, the group coming from the later territory.
    s0 = clash_board(order)
    s1, report = run(s0, {"RED": [move("A", "B", 8)], "BLU": [move("B", "A", 8)]})
    (border,) = [b for b in battles(report) if b["kind"] == "border"]
    if winner == "BLU":
        assert (border["attackers"], border["defenders_after"]) == ({"RED": 8}, {"BLU": 4})
    else:
        assert (border["attackers"], border["attackers_after"]) == ({"BLU": 8}, {"BLU": 4})
    # The tie: the winner keeps k = sqrt(1 - .75) = .5 -> 4; the loser 8 * .5 = 4.


# --- territory battles: strengths ------------------------------------------------------------


def duel(defender_terrain="plains", attackers=10, defenders=8, capital=False, rules=None,
         value=1):
    """RED in A attacks BLU in B (terrain given); BLU also owns C, next to B."""
    b = {"id": "B", "terrain": defender_terrain, "value": value}
    if capital:
        b["capital_of"] = "BLU"
    s = start([{"id": "A"}, b, {"id": "C"}], ["A-B", "B-C"],
              {"RED": {"territories": "A", "forces": {"A": attackers}},
               "BLU": {"territories": "B C", "forces": {"B": defenders}}}, rules=rules)
    s = with_wars(s, ("RED", "BLU", "RED"))
    return run(s, {"RED": [move("A", "B", attackers)]})


def test_tie_goes_to_the_defender():
    s1, report = duel("hills", attackers=12, defenders=8)
    # a = 12, d = 8 * 1.5 = 12: a tie goes to D. D keeps k = sqrt(1 - .75 * 1) = .5 -> 4.
    assert owner(s1, "B") == "BLU" and at(s1, "B") == {"BLU": 4}
    assert at(s1, "A") == {"RED": 6}                # 12 * .5 go back to A
    assert battles(report)[0]["winner"] == "defenders"


def test_attacker_wins_when_stronger():
    s1, _ = duel("hills", attackers=13, defenders=8)
    # a = 13 > d = 12: k = sqrt(1 - .75 (12/13)^2) = .6008 -> 7.81 -> 8; BLU 8 -> 4 retreat to C.
    assert owner(s1, "B") == "RED" and at(s1, "B") == {"RED": 8}
    assert at(s1, "C") == {"BLU": 4}


@pytest.mark.parametrize("terrain, tie", [("plains", 8), ("forest", 10), ("marsh", 10),
                                          ("hills", 12), ("urban", 12), ("mountains", 16)])
def test_terrain_multiplies_the_defence(terrain, tie):
    # d = 8 x terrain: an attack of exactly d fails (tie), one unit more succeeds.
    s_tie, _ = duel(terrain, attackers=tie, defenders=8)
    s_win, _ = duel(terrain, attackers=tie + 1, defenders=8)
    assert owner(s_tie, "B") == "BLU" and owner(s_win, "B") == "RED"


def test_terrain_multiplier_is_a_parameter():
    s_tie, _ = duel("hills", attackers=16, defenders=8, rules={"terrain_hills": 2.0})
    s_win, _ = duel("hills", attackers=17, defenders=8, rules={"terrain_hills": 2.0})
    assert owner(s_tie, "B") == "BLU" and owner(s_win, "B") == "RED"


def test_capital_defense_in_the_owners_own_capital():
    # d = 8 x 1.25 = 10: 10 fails, 11 succeeds.
    s_tie, _ = duel("plains", attackers=10, defenders=8, capital=True)
    s_win, _ = duel("plains", attackers=11, defenders=8, capital=True)
    assert owner(s_tie, "B") == "BLU" and owner(s_win, "B") == "RED"


def test_capital_defense_multiplies_with_terrain():
    # d = 8 x 1.5 x 1.25 = 15.
    s_tie, _ = duel("hills", attackers=15, defenders=8, capital=True)
    s_win, _ = duel("hills", attackers=16, defenders=8, capital=True)
    assert owner(s_tie, "B") == "BLU" and owner(s_win, "B") == "RED"


def test_capital_defense_is_a_parameter():
    s_tie, _ = duel("plains", attackers=12, defenders=8, capital=True, rules={"capital_defense": 1.5})
    assert owner(s_tie, "B") == "BLU"               # d = 8 x 1.5 = 12


def test_no_capital_bonus_in_a_capital_held_by_another_power():
    # RED holds BLU's capital B with 8; BLU attacks with 9: d = 8 (no bonus for RED) < 9.
    def red_holds_b(doc):
        doc["territories"]["B"] = {"owner": "RED", "forces": {"RED": 8}}
        doc["territories"]["C"]["forces"] = {"BLU": 9}
    s0 = start([{"id": "A"}, {"id": "B", "capital_of": "BLU"}, {"id": "C"}], ["A-B", "B-C"],
               {"RED": {"territories": "A", "forces": {"A": 1}},
                "BLU": {"territories": "B C", "forces": {}}})
    s0 = with_wars(edit(s0, red_holds_b), ("RED", "BLU", "RED"))
    s1, _ = run(s0, {"BLU": [move("C", "B", 9)]})
    assert owner(s1, "B") == "BLU"


# --- coalitions -----------------------------------------------------------------------------


def coalition_board(integrated=False):
    # R (RED) - B (BLU); B - C (BLU); B - G (GRN). GRN's 4 units are guests in B.
    pact = {"kind": "defensive", "members": ["BLU", "GRN"]}
    if integrated:
        pact["integrated_command"] = True
    s = start(["R", "B", "C", "G"], ["R-B", "B-C", "B-G"],
              {"RED": {"territories": "R", "forces": {"R": 9}},
               "BLU": {"territories": "B C", "forces": {"B": 6}},
               "GRN": {"territories": "G", "forces": {"B": 4}}}, pacts=[pact])
    return with_wars(s, ("RED", "BLU", "RED"), ("RED", "GRN", "RED"))


def test_defenders_of_several_powers_fight_with_coalition_friction():
    s1, report = run(coalition_board(), {"RED": [move("R", "B", 9)]})
    # d = (6 + 4) x 0.85 = 8.5 < a = 9: RED wins, k = sqrt(1 - .75 (8.5/9)^2) = .5753 -> 5.18 -> 5.
    # Defenders keep 10 x .5 = 5: BLU 3, GRN 2; each retreats to its own territory next to B.
    (b,) = battles(report)
    assert b["defenders"] == {"BLU": 6, "GRN": 4}
    assert b["defenders_after"] == {"BLU": 3, "GRN": 2}
    assert owner(s1, "B") == "RED" and at(s1, "B") == {"RED": 5}
    assert at(s1, "C") == {"BLU": 3} and at(s1, "G") == {"GRN": 2}


def test_integrated_command_removes_coalition_friction():
    s1, report = run(coalition_board(integrated=True), {"RED": [move("R", "B", 9)]})
    # d = 10 >= 9: BLU and GRN hold. k = sqrt(1 - .75 * .81) = .6265: 10 x .6265 = 6.27 -> 6,
    # BLU 6 x .6265 = 3.76, GRN 4 x .6265 = 2.51 -> 3 + 2 + the remainder to BLU (.76) = 4, 2.
    assert owner(s1, "B") == "BLU" and at(s1, "B") == {"BLU": 4, "GRN": 2}
    assert at(s1, "R") == {"RED": 5}                # 9 -> floor(4.5 + .5) = 5 go back


def test_coalition_friction_is_a_parameter():
    s0 = start(["R", "B", "C", "G"], ["R-B", "B-C", "B-G"],
               {"RED": {"territories": "R", "forces": {"R": 9}},
                "BLU": {"territories": "B C", "forces": {"B": 6}},
                "GRN": {"territories": "G", "forces": {"B": 4}}},
               pacts=[{"kind": "defensive", "members": ["BLU", "GRN"]}],
               rules={"coalition_friction": 0.95})
    s0 = with_wars(s0, ("RED", "BLU", "RED"), ("RED", "GRN", "RED"))
    s1, _ = run(s0, {"RED": [move("R", "B", 9)]})
    assert owner(s1, "B") == "BLU"                  # d = 10 x .95 = 9.5 > 9


def test_attacking_coalition_fights_with_friction_and_capture_ties_go_to_power_order():
    s0 = start(["R", "G", "B"], ["R-B", "G-B"],
               {"RED": {"territories": "R", "forces": {"R": 6}},
                "GRN": {"territories": "G", "forces": {"G": 6}},
                "BLU": {"territories": "B", "forces": {"B": 10}}},
               pacts=[{"kind": "defensive", "members": ["RED", "GRN"]}])
    s0 = with_wars(s0, ("RED", "BLU", "RED"), ("GRN", "BLU", "GRN"))
    s1, report = run(s0, {"RED": [move("R", "B", 6)], "GRN": [move("G", "B", 6)]})
    # a = 12 x .85 = 10.2 > d = 10: k = sqrt(1 - .75 (10/10.2)^2) = .5283: 12 x .5283 = 6.34 -> 6,
    # 3.17 each -> 3 + 3. Tie in survivors (3, 3) and units sent (6, 6): power order, RED.
    (b,) = battles(report)
    assert b["attackers_after"] == {"RED": 3, "GRN": 3}
    assert owner(s1, "B") == "RED"
    assert at(s1, "B") == {"RED": 3, "GRN": 3}      # GRN's survivors stay as guests (allies)
    assert [(e["territory"], e["power"]) for e in events(report, "captured")] == [("B", "RED")]


def test_capture_goes_to_the_attacker_with_most_survivors_and_co_attackers_stay_as_guests():
    s0 = start(["R", "G", "B", "C"], ["R-B", "G-B", "B-C"],
               {"RED": {"territories": "R", "forces": {"R": 3}},
                "GRN": {"territories": "G", "forces": {"G": 8}},
                "BLU": {"territories": "B C", "forces": {"B": 2}}},
               pacts=[{"kind": "defensive", "members": ["RED", "GRN"]}])
    s0 = with_wars(s0, ("RED", "BLU", "RED"), ("GRN", "BLU", "GRN"))
    s1, _ = run(s0, {"RED": [move("R", "B", 3)], "GRN": [move("G", "B", 8)]})
    # a = 11 x .85 = 9.35 vs d = 2: k = .9827 -> 10.81 -> 11: GRN 7.86, RED 2.95 -> 7 + 2 + 2 extra
    # -> GRN 8, RED 3. GRN has the most survivors and takes B; RED stays as a guest.
    assert owner(s1, "B") == "GRN" and at(s1, "B") == {"RED": 3, "GRN": 8}
    assert at(s1, "C") == {"BLU": 1}                # 2 -> 1 retreats


def test_capture_tie_goes_to_the_power_that_sent_more_units():
    s0 = start(["R", "B", {"id": "G", "terrain": "forest"}, "H"], ["R-G", "B-G", "G-H"],
               {"RED": {"territories": "R", "forces": {"R": 3}},
                "BLU": {"territories": "B", "forces": {"B": 4}},
                "GRN": {"territories": "G H", "forces": {"G": 5}}},
               pacts=[{"kind": "defensive", "members": ["RED", "BLU"], "integrated_command": True}])
    s0 = with_wars(s0, ("RED", "GRN", "RED"), ("BLU", "GRN", "BLU"))
    s1, report = run(s0, {"RED": [move("R", "G", 3)], "BLU": [move("B", "G", 4)]})
    # a = 7 (integrated: no friction) > d = 5 x 1.25 = 6.25: k = sqrt(1 - .75 (6.25/7)^2) = .6341;
    # 7 x .6341 = 4.44 -> 4; RED 1.90, BLU 2.54 -> 1 + 2, extra to RED (.90): 2 and 2.
    # Tie in survivors: BLU sent 4 > 3 and takes G (power order alone would give RED).
    (b,) = battles(report)
    assert b["attackers_after"] == {"RED": 2, "BLU": 2}
    assert owner(s1, "G") == "BLU"
    assert at(s1, "H") == {"GRN": 3}                # 5 -> floor(2.5 + .5) = 3 retreat


def test_several_attacking_sides_fight_among_themselves_first():
    # RED and BLU both attack GRN's G and are at war with each other: two sides.
    s0 = start(["R", "B", {"id": "G", "terrain": "hills"}, "H"], ["R-G", "B-G", "G-H"],
               {"RED": {"territories": "R", "forces": {"R": 10}},
                "BLU": {"territories": "B", "forces": {"B": 6}},
                "GRN": {"territories": "G H", "forces": {"G": 4}}})
    s0 = with_wars(s0, ("RED", "BLU", "RED"), ("RED", "GRN", "RED"), ("BLU", "GRN", "BLU"))
    s1, report = run(s0, {"RED": [move("R", "G", 10)], "BLU": [move("B", "G", 6)]})
    first, second = battles(report)
    # In the open, A = the stronger side: RED 10 vs BLU 6: k = sqrt(1 - .75 * .36) = .8544 -> 9;
    # BLU 6 -> 3 go back to B.
    assert first["kind"] == "attackers"
    assert (first["attackers"], first["defenders"]) == ({"RED": 10}, {"BLU": 6})
    assert (first["attackers_after"], first["defenders_after"]) == ({"RED": 9}, {"BLU": 3})
    # Then RED 9 vs GRN 4 x 1.5 hills = 6: k = sqrt(1 - .75 (6/9)^2) = .8165 -> 7.35 -> 7; GRN 2.
    assert second["kind"] == "territory"
    assert (second["attackers_after"], second["defenders_after"]) == ({"RED": 7}, {"GRN": 2})
    assert owner(s1, "G") == "RED" and at(s1, "G") == {"RED": 7}
    assert at(s1, "B") == {"BLU": 3} and at(s1, "H") == {"GRN": 2}


def test_attacking_power_joins_the_first_side_it_is_not_at_war_with():
    # RED 10, BLU 6, YEL 3 attack GRN's G. RED and BLU are at war; YEL is at war with neither,
    # so it joins RED's side (the first one): sides {RED, YEL} and {BLU}.
    s0 = start(["R", "B", "Y", "G", "H"], ["R-G", "B-G", "Y-G", "G-H"],
               {"RED": {"territories": "R", "forces": {"R": 10}},
                "BLU": {"territories": "B", "forces": {"B": 6}},
                "YEL": {"territories": "Y", "forces": {"Y": 3}},
                "GRN": {"territories": "G H", "forces": {"G": 4}}},
               pacts=[{"kind": "defensive", "members": ["RED", "YEL"]}])
    s0 = with_wars(s0, ("RED", "BLU", "RED"), ("RED", "GRN", "RED"), ("BLU", "GRN", "BLU"),
                   ("YEL", "GRN", "YEL"))
    s1, report = run(s0, {"RED": [move("R", "G", 10)], "BLU": [move("B", "G", 6)],
                          "YEL": [move("Y", "G", 3)]})
    first, second = battles(report)
    # {RED, YEL}: 13 x .85 = 11.05 vs BLU 6: k = .8825: 13 x .8825 = 11.47 -> 11;
    # RED 8.83, YEL 2.65 -> 8 + 2, extra to RED (.83): RED 9, YEL 2. BLU 6 -> 3.
    assert (first["attackers"], first["defenders"]) == ({"RED": 10, "YEL": 3}, {"BLU": 6})
    assert (first["attackers_after"], first["defenders_after"]) == ({"RED": 9, "YEL": 2}, {"BLU": 3})
    # Then 11 x .85 = 9.35 vs GRN 4: k = .9288: 11 x .9288 = 10.22 -> 10; RED 8.36, YEL 1.86
    # -> 8 + 1, extra to YEL (.86): RED 8, YEL 2. GRN 4 -> 2.
    assert (second["attackers_after"], second["defenders_after"]) == ({"RED": 8, "YEL": 2}, {"GRN": 2})
    assert owner(s1, "G") == "RED" and at(s1, "G") == {"RED": 8, "YEL": 2}


def test_no_defenders_means_the_attackers_take_the_territory_without_a_fight():
    s0 = with_wars(start(["A", "B"], ["A-B"], {"RED": {"territories": "A", "forces": {"A": 5}},
                                               "BLU": {"territories": "B"}}), ("RED", "BLU", "RED"))
    s1, report = run(s0, {"RED": [move("A", "B", 5)]})
    assert battles(report) == []
    assert owner(s1, "B") == "RED" and at(s1, "B") == {"RED": 5}
    assert [(e["territory"], e["power"]) for e in events(report, "captured")] == [("B", "RED")]


def test_units_of_a_power_at_war_with_the_owner_attack_from_inside():
    # RED's 5 units were based in B; now RED and BLU are at war, so they attack BLU's 3 there.
    s0 = start(["A", "B", "C"], ["A-B", "B-C"],
               {"RED": {"territories": "A", "forces": {"B": 5}},
                "BLU": {"territories": "B C", "forces": {"B": 3}}})
    s1, _ = run(with_wars(s0, ("BLU", "RED", "BLU")), {})
    # a = 5 > d = 3: k = .8544 -> 4.27 -> 4; BLU 3 -> 2 retreat to C.
    assert owner(s1, "B") == "RED" and at(s1, "B") == {"RED": 4} and at(s1, "C") == {"BLU": 2}


def test_beaten_attackers_that_were_already_there_retreat():
    s0 = start(["A", "B", "C"], ["A-B", "B-C"],
               {"RED": {"territories": "A", "forces": {"B": 3, "A": 1}},
                "BLU": {"territories": "B C", "forces": {"B": 5}}})
    s1, report = run(with_wars(s0, ("BLU", "RED", "BLU")), {})
    # a = 3 < d = 5: RED's 3 were already in B, so the 2 survivors retreat (to A, RED's);
    # BLU keeps 5 x sqrt(1 - .75 (3/5)^2) = 5 x .8544 = 4.27 -> 4.
    assert owner(s1, "B") == "BLU" and at(s1, "B") == {"BLU": 4}
    assert at(s1, "A") == {"RED": 3}                # 1 + 2
    assert [(e["power"], e["from"], e["to"], e["n"]) for e in events(report, "retreated")] == [
        ("RED", "B", "A", 2)]


# --- capitals -------------------------------------------------------------------------------


def test_losing_own_capital_costs_20_legitimacy():
    s0 = start(["A", {"id": "B", "capital_of": "BLU"}, "C"], ["A-B", "B-C"],
               {"RED": {"territories": "A", "forces": {"A": 5}},
                "BLU": {"territories": "B C", "forces": {"C": 5}}})
    s1, _ = run(with_wars(s0, ("RED", "BLU", "RED")), {"RED": [move("A", "B", 5)]})
    assert owner(s1, "B") == "RED"
    assert leg(s1, "BLU") == 49                     # 70 - 20 - 1 at war
    assert leg(s1, "RED") == 68                     # 70 - 2 aggressor at war


def test_retaking_own_capital_gives_10_legitimacy():
    def red_holds_b(doc):
        doc["territories"]["B"] = {"owner": "RED", "forces": {}}
    s0 = start(["A", {"id": "B", "capital_of": "BLU"}, "C"], ["A-B", "B-C"],
               {"RED": {"territories": "A", "forces": {"A": 5}},
                "BLU": {"territories": "B C", "forces": {"C": 5}}})
    s0 = with_wars(edit(s0, red_holds_b), ("RED", "BLU", "RED"))
    s1, _ = run(s0, {"BLU": [move("C", "B", 5)]})
    assert owner(s1, "B") == "BLU"
    assert leg(s1, "BLU") == 79                     # 70 + 10 - 1
    assert leg(s1, "RED") == 68                     # losing another's capital costs nothing


# --- survivors ------------------------------------------------------------------------------


def test_winner_keeps_the_lanchester_fraction_and_the_loser_half():
    s1, report = duel("plains", attackers=20, defenders=10)
    # k = sqrt(1 - .75 (10/20)^2) = .9014: 20 x .9014 = 18.03 -> 18; loser 10 x .5 = 5.
    (b,) = battles(report)
    assert (b["attackers_after"], b["defenders_after"]) == ({"RED": 18}, {"BLU": 5})


def test_break_loss_is_a_parameter():
    s1, report = duel("plains", attackers=20, defenders=10, rules={"break_loss": 0.2})
    # loser keeps .8 -> 8; winner k = sqrt(1 - (1 - .64) x .25) = .9539 -> 19.08 -> 19.
    (b,) = battles(report)
    assert (b["attackers_after"], b["defenders_after"]) == ({"RED": 19}, {"BLU": 8})


def test_survivors_round_half_up():
    s1, report = duel("plains", attackers=7, defenders=5)
    # loser 5 x .5 = 2.5 -> floor(3.0) = 3 (not banker's 2); winner k = .8457 -> 5.92 -> 6.
    (b,) = battles(report)
    assert (b["attackers_after"], b["defenders_after"]) == ({"RED": 6}, {"BLU": 3})


def stacks_board(break_loss=0.5):
    # RED attacks BLU's B (hills, 8 units: d = 12) from A and from C; GRN (RED's ally) from G.
    s = start(["A", "G", "C", {"id": "B", "terrain": "hills"}],
              ["A-B", "C-B", "G-B"],
              {"RED": {"territories": "A C", "forces": {"A": 5, "C": 5}},
               "GRN": {"territories": "G", "forces": {"G": 5}},
               "BLU": {"territories": "B", "forces": {"B": 8}}},
              pacts=[{"kind": "defensive", "members": ["RED", "GRN"]}],
              rules={"break_loss": break_loss})
    return with_wars(s, ("RED", "BLU", "RED"), ("GRN", "BLU", "GRN"))


def test_survivors_are_shared_by_largest_remainder():
    s0 = stacks_board(break_loss=0.3)
    s1, _ = run(s0, {"RED": [move("A", "B", 2), move("C", "B", 5)]})
    # a = 7 < 12: loser keeps .7: stacks 2 x .7 = 1.4 (from A), 5 x .7 = 3.5 (from C);
    # floor(7 x .7 + .5) = 5: floors 1 + 3, the extra unit to the larger remainder (C, .5).
    assert at(s1, "A") == {"RED": 4} and at(s1, "C") == {"RED": 4}   # 3 + 1; 0 + 4


def test_survivor_remainder_ties_go_by_origin_order_within_a_power():
    s1, _ = run(stacks_board(), {"RED": [move("A", "B", 5), move("C", "B", 3)]})
    # a = 8 < 12: 2.5 (from A) and 1.5 (from C), floor(4 + .5) = 4: floors 2 + 1, tie on .5
    # -> A comes first in map order: A 3, C 1.
    assert at(s1, "A") == {"RED": 3} and at(s1, "C") == {"RED": 3}   # 0 + 3; 2 + 1


def test_survivor_remainder_ties_go_by_power_order_before_origin_order():
    s1, _ = run(stacks_board(), {"RED": [move("C", "B", 3)], "GRN": [move("G", "B", 3)]})
    # a = 6 x .85 = 5.1 < 12: 1.5 each, floor(3 + .5) = 3: floors 1 + 1, the tie goes to RED
    # (first in power order) although its origin C comes after GRN's G in map order: RED 2, GRN 1.
    assert at(s1, "C") == {"RED": 4} and at(s1, "G") == {"GRN": 3}   # 2 + 2; 2 + 1


# --- retreats -------------------------------------------------------------------------------


def retreat_board(b_units=4, c=0, d=0, own_c=True, g_units=0):
    # RED attacks B (BLU) from A. B touches C, D and G. C and D are BLU's unless own_c is False
    # (then they are GRN's, BLU's ally); G is GRN's. Z (BLU's, far from B) keeps BLU alive.
    powers = {"RED": {"territories": "A", "forces": {"A": 20}},
              "BLU": {"territories": "B C D Z" if own_c else "B Z", "forces": {"B": b_units}},
              "GRN": {"territories": "G" if own_c else "C D G", "forces": {}}}
    forces_blu = powers["BLU"]["forces"]
    if c:
        forces_blu["C"] = c
    if d:
        forces_blu["D"] = d
    if g_units:
        forces_blu["G"] = g_units
    s = start(["A", "B", "C", "D", "G", "Z"], ["A-B", "B-C", "B-D", "B-G", "G-Z"], powers,
              pacts=[{"kind": "defensive", "members": ["BLU", "GRN"]}])
    return with_wars(s, ("RED", "BLU", "RED"))


def test_defeated_defenders_retreat_to_the_own_territory_holding_most_of_their_units():
    s1, report = run(retreat_board(c=1, d=3, g_units=9), {"RED": [move("A", "B", 20)]})
    # BLU 4 -> 2 retreat; own territories C (1) and D (3) first, though ally G holds 9: D.
    assert at(s1, "D") == {"BLU": 5} and at(s1, "C") == {"BLU": 1}
    assert [(e["from"], e["to"], e["n"]) for e in events(report, "retreated")] == [("B", "D", 2)]


def test_retreat_ties_go_by_map_order():
    s1, _ = run(retreat_board(c=2, d=2), {"RED": [move("A", "B", 20)]})
    assert at(s1, "C") == {"BLU": 4} and at(s1, "D") == {"BLU": 2}


def test_retreat_to_an_ally_territory_when_no_own_territory_is_adjacent():
    s1, _ = run(retreat_board(own_c=False, g_units=1), {"RED": [move("A", "B", 20)]})
    # C, D, G are GRN's; BLU has 1 unit in G, none in C or D: G holds most of BLU's units.
    assert at(s1, "G") == {"BLU": 3}


def test_units_with_nowhere_to_retreat_are_destroyed():
    s0 = start(["A", "B", "C"], ["A-B", "B-C"],
               {"RED": {"territories": "A", "forces": {"A": 20}},
                "BLU": {"territories": "B", "forces": {"B": 4}},
                "GRN": {"territories": "C"}})
    s1, report = run(with_wars(s0, ("RED", "BLU", "RED")), {"RED": [move("A", "B", 20)]})
    destroyed = events(report, "destroyed")
    assert [(e["power"], e["territory"], e["n"]) for e in destroyed] == [("BLU", "B", 2)]
    assert all(at(s1, t).get("BLU", 0) == 0 for t in "ABC")


def test_going_back_to_an_origin_lost_this_turn_means_retreating_from_it():
    s0 = start(["A", "B", "C", "E"], ["A-B", "A-C", "A-E"],
               {"RED": {"territories": "A E", "forces": {"A": 4, "E": 1}},
                "BLU": {"territories": "B C", "forces": {"B": 8, "C": 3}}})
    s0 = with_wars(s0, ("RED", "BLU", "RED"))
    s1, report = run(s0, {"RED": [move("A", "B", 4)], "BLU": [move("C", "A", 3)]})
    # RED 4 vs 8 at B: fails, 2 go back to A; BLU walked into the empty A meanwhile, so the 2
    # retreat from A to E, RED's: E = 1 + 2.
    assert owner(s1, "A") == "BLU"
    assert at(s1, "E") == {"RED": 3}
    assert [(e["power"], e["from"], e["to"], e["n"]) for e in events(report, "retreated")] == [
        ("RED", "A", "E", 2)]


# --- neutral territories --------------------------------------------------------------------


def neutral_board(terrain="plains", garrison=3):
    return start(["A", {"id": "N", "terrain": terrain}], ["A-N"],
                 {"RED": {"territories": "A", "forces": {"A": 8}}}, neutral={"N": garrison})


def test_neutral_garrison_defends_and_is_destroyed_when_beaten():
    s1, report = run(neutral_board(), {"RED": [move("A", "N", 8)]})
    # a = 8 > d = 3: k = sqrt(1 - .75 (3/8)^2) = .9458 -> 7.57 -> 8; garrison 3 -> 2, which have
    # no territory to retreat to and are destroyed.
    (b,) = battles(report)
    assert (b["attackers_after"], b["defenders_after"]) == ({"RED": 8}, {"neutral": 2})
    assert owner(s1, "N") == "RED" and at(s1, "N") == {"RED": 8}
    assert leg(s1, "RED") == 67                     # 70 - 5 neutrality + 2 at peace


def test_neutral_garrison_gets_the_terrain_bonus():
    s1, report = run(neutral_board("hills", garrison=2), {"RED": [move("A", "N", 3)]})
    # a = 3 vs d = 2 x 1.5 = 3: tie, the garrison holds and keeps 2 x .5 = 1.
    assert owner(s1, "N") is None and at(s1, "N") == {"neutral": 1}
    assert at(s1, "A") == {"RED": 7}                # 5 + 3 x .5 -> 2 back


def test_neutral_territory_without_garrison_is_taken_without_a_fight():
    s1, report = run(neutral_board(garrison=0), {"RED": [move("A", "N", 1)]})
    assert battles(report) == [] and owner(s1, "N") == "RED"


def test_defenders_arriving_by_sea_fight_at_half_strength():
    s0 = start(["A", "B", "S", "C"], ["A-B", "S~B", "B-C"],
               {"RED": {"territories": "A", "forces": {"A": 7}},
                "BLU": {"territories": "B S C", "forces": {"B": 4, "S": 4, "C": 1}}})
    s0 = with_wars(s0, ("RED", "BLU", "RED"))
    s1, report = run(s0, {"RED": [move("A", "B", 7)], "BLU": [move("S", "B", 4)]})
    # d = 4 + 4 x 0.5 = 6 < 7 (8 without the sea penalty): RED wins,
    # k = sqrt(1 - .75 (6/7)^2) = .6701 -> 4.69 -> 5; BLU 8 -> 4 (2 + 2, one stack per origin).
    (b,) = battles(report)
    assert (b["attackers_after"], b["defenders_after"]) == ({"RED": 5}, {"BLU": 4})
    assert owner(s1, "B") == "RED"


def test_retreat_choice_counts_units_after_the_battles():
    # BLU's C held 3 at the start but sent them away to E; D holds 1. After the battles C holds
    # none, so the survivors from B retreat to D.
    s0 = start(["A", "B", "C", "D", "E"], ["A-B", "B-C", "B-D", "C-E"],
               {"RED": {"territories": "A", "forces": {"A": 20}},
                "BLU": {"territories": "B C D E", "forces": {"B": 4, "C": 3, "D": 1}}})
    s0 = with_wars(s0, ("RED", "BLU", "RED"))
    s1, _ = run(s0, {"RED": [move("A", "B", 20)], "BLU": [move("C", "E", 3)]})
    assert at(s1, "D") == {"BLU": 3} and at(s1, "C") == {} and at(s1, "E") == {"BLU": 3}


def test_beaten_attackers_go_back_to_an_allys_territory():
    s0 = start(["R", "G", "B"], ["R-G", "G-B"],
               {"RED": {"territories": "R", "forces": {"G": 5}},
                "GRN": {"territories": "G", "forces": {"G": 1}},
                "BLU": {"territories": "B", "forces": {"B": 8}}},
               pacts=[{"kind": "defensive", "members": ["RED", "GRN"]}])
    s1, report = run(with_wars(s0, ("RED", "BLU", "RED")), {"RED": [move("G", "B", 5)]})
    # 5 < 8: RED keeps floor(2.5 + .5) = 3, who go back to G, GRN's (an ally).
    assert at(s1, "G") == {"RED": 3, "GRN": 1}
    assert [(e["power"], e["to"], e["n"]) for e in events(report, "returned")] == [("RED", "G", 3)]


def test_three_attacking_sides_fight_strongest_first_then_the_survivor_against_the_next():
    s0 = start(["R", "B", "Y", "G", "H"], ["R-G", "B-G", "Y-G", "G-H"],
               {"RED": {"territories": "R", "forces": {"R": 10}},
                "BLU": {"territories": "B", "forces": {"B": 6}},
                "YEL": {"territories": "Y", "forces": {"Y": 3}},
                "GRN": {"territories": "G H", "forces": {"G": 4}}})
    s0 = with_wars(s0, ("RED", "BLU", "RED"), ("RED", "YEL", "RED"), ("BLU", "YEL", "BLU"),
                   ("RED", "GRN", "RED"), ("BLU", "GRN", "BLU"), ("YEL", "GRN", "YEL"))
    s1, report = run(s0, {"RED": [move("R", "G", 10)], "BLU": [move("B", "G", 6)],
                          "YEL": [move("Y", "G", 3)]})
    fought = battles(report)
    assert [b["kind"] for b in fought] == ["attackers", "attackers", "territory"]
    # RED 10 vs BLU 6: RED keeps 9 (k = .8544), BLU 3 go back.
    assert (fought[0]["attackers"], fought[0]["defenders"]) == ({"RED": 10}, {"BLU": 6})
    assert (fought[0]["attackers_after"], fought[0]["defenders_after"]) == ({"RED": 9}, {"BLU": 3})
    # RED 9 vs YEL 3: k = sqrt(1 - .75/9) = .9574 -> 8.62 -> 9; YEL 3 -> 2 go back.
    assert (fought[1]["attackers_after"], fought[1]["defenders_after"]) == ({"RED": 9}, {"YEL": 2})
    # RED 9 vs GRN 4: k = .9230 -> 8.31 -> 8; GRN 4 -> 2 retreat to H.
    assert (fought[2]["attackers_after"], fought[2]["defenders_after"]) == ({"RED": 8}, {"GRN": 2})
    assert owner(s1, "G") == "RED" and at(s1, "B") == {"BLU": 3} and at(s1, "Y") == {"YEL": 2}


@pytest.mark.parametrize("yel_in_pact, falls", [(False, False), (True, True)])
def test_integrated_command_needs_every_power_of_the_side_in_the_pact(yel_in_pact, falls):
    # RED 4 + GRN 4 share an integrated-command pact; YEL 2 attacks with them. Unless YEL is in
    # that pact too, the side fights with friction: a = 10 x .85 = 8.5 < 9; else a = 10 > 9.
    members = ["RED", "GRN", "YEL"] if yel_in_pact else ["RED", "GRN"]
    s0 = start(["R", "G", "Y", "B"], ["R-B", "G-B", "Y-B"],
               {"RED": {"territories": "R", "forces": {"R": 4}},
                "GRN": {"territories": "G", "forces": {"G": 4}},
                "YEL": {"territories": "Y", "forces": {"Y": 2}},
                "BLU": {"territories": "B", "forces": {"B": 9}}},
               pacts=[{"kind": "defensive", "members": members, "integrated_command": True}])
    s0 = with_wars(s0, ("RED", "BLU", "RED"), ("GRN", "BLU", "GRN"), ("YEL", "BLU", "YEL"))
    s1, _ = run(s0, {"RED": [move("R", "B", 4)], "GRN": [move("G", "B", 4)],
                     "YEL": [move("Y", "B", 2)]})
    assert (owner(s1, "B") != "BLU") == falls


def test_neutral_garrison_never_moves_or_grows():
    s = start(["A", "N", "M"], ["A-N", "N-M"], {"RED": {"territories": "A", "forces": {"A": 1}}},
              neutral={"N": 3})
    for _ in range(3):
        s, _ = run(s, {})
    assert at(s, "N") == {"neutral": 3} and at(s, "M") == {} and owner(s, "N") is None
