"""RULES.md §5 step 6: the obligations audit (burden sharing) and the commitment record.

Board: GRN owns G. RED owns R1 (next to G) and R2 (not next to G, next to YEL's Y); BLU owns
B1 (next to G) and B2 (not). P1 = defensive RED + BLU, engaged against GRN, who attacked RED
(RED-GRN aggressor GRN, BLU-GRN by trigger).
"""

from __future__ import annotations

import pytest

from rules_helpers import (events, move, pact, record, run, start, with_pact_fields,
                           with_powers, with_wars)

TERRITORIES = ["G", {"id": "R1", "value": 2}, {"id": "R2", "value": 5}, "B1", "B2", "Y"]
EDGES = ["G-R1", "R1-R2", "G-B1", "B1-B2", "R2-Y"]


def board(red_forces, blu_forces=None, pact_terms=None, yel=False, treasury=0):
    powers = {"RED": {"territories": "R1 R2", "forces": red_forces, "treasury": treasury},
              "BLU": {"territories": "B1 B2", "forces": blu_forces or {"B1": 5}},
              "GRN": {"territories": "G", "forces": {"G": 10}},
              "YEL": {"territories": "Y", "forces": {"Y": 10}}}
    s = start(TERRITORIES, EDGES, powers,
              pacts=[{"kind": "defensive", "members": ["RED", "BLU"], **(pact_terms or {})}])
    s = with_wars(s, ("GRN", "RED", "GRN"), ("BLU", "GRN", None))
    if yel:
        s = with_wars(s, ("RED", "YEL", "RED"))
    return with_pact_fields(s, "P1", engaged_against=["GRN"])


def audit(report, pid):
    return [(e["type"], e["pact"], e["against"]) for e in report["events"]
            if e["type"] in ("honoured", "shortfall") and e["power"] == pid]


def test_member_with_its_burden_share_next_to_the_enemy_keeps_its_commitment():
    s1, report = run(board({"R1": 2, "R2": 8}), {})
    # commitment: 2 units in R1, next to G; required 0.2 x 10 units at the start = 2.
    assert audit(report, "RED") == [("honoured", "P1", "GRN")]
    assert record(s1, "RED") == (1, 1, 67)          # round(100 x 2/3)
    assert record(s1, "BLU") == (1, 1, 67)          # 5 >= 0.2 x 5


def test_member_below_its_burden_share_records_a_shortfall():
    s1, report = run(board({"R1": 1, "R2": 9}), {})
    # 1 unit next to G < 0.2 x 10 = 2; the 9 in R2 are not next to any GRN territory.
    assert audit(report, "RED") == [("shortfall", "P1", "GRN")]
    assert record(s1, "RED") == (1, 0, 33)


def test_custom_burden_share():
    s1, report = run(board({"R1": 4, "R2": 6}, pact_terms={"burden_share": 0.5}), {})
    assert audit(report, "RED") == [("shortfall", "P1", "GRN")]   # 4 < 0.5 x 10


def test_pledge_replaces_the_burden_share():
    s1, report = run(board({"R1": 4, "R2": 6}, pact_terms={"pledges": {"RED": 5}}), {})
    # 4 >= 0.2 x 10 but 4 < the pledge of 5.
    assert audit(report, "RED") == [("shortfall", "P1", "GRN")]
    assert audit(report, "BLU") == [("honoured", "P1", "GRN")]    # no pledge: 5 >= 0.2 x 5


def test_pledge_met_is_kept():
    s1, report = run(board({"R1": 5, "R2": 5}, pact_terms={"pledges": {"RED": 5}}), {})
    assert audit(report, "RED") == [("honoured", "P1", "GRN")]
    assert record(s1, "RED") == (1, 1, 67)


def test_units_lost_fighting_the_enemy_count_toward_the_commitment():
    s1, report = run(board({"R1": 2, "R2": 8}), {"RED": [move("R1", "G", 2)]})
    # 2 vs 10: RED loses, 2 -> 1 go back to R1. Commitment 1 (in R1) + 1 lost vs GRN = 2 >= 2.
    assert audit(report, "RED") == [("honoured", "P1", "GRN")]
    assert record(s1, "RED") == (1, 1, 67)


def test_units_lost_fighting_another_enemy_do_not_count():
    s1, report = run(board({"R1": 1, "R2": 9}, yel=True), {"RED": [move("R2", "Y", 4)]})
    # 4 vs YEL's 10: 2 lost, against YEL not GRN. Commitment vs GRN: 1 < 2.
    assert audit(report, "RED") == [("shortfall", "P1", "GRN")]


def test_units_built_next_to_the_enemy_this_turn_count():
    # "its units now": after step 5. RED builds 2 in R1 (value 2) and had none there.
    s1, report = run(board({"R2": 10}, treasury=5), {"RED": [{"op": "build", "territory": "R1", "n": 2}]})
    assert audit(report, "RED") == [("honoured", "P1", "GRN")]    # 2 >= 0.2 x 10


def test_burden_share_is_of_the_units_at_the_start_of_the_turn():
    # RED builds 5 far away (R2, value 5): the requirement stays 0.2 x 10 = 2, not 0.2 x 15 = 3.
    s1, report = run(board({"R1": 2, "R2": 8}, treasury=5), {"RED": [{"op": "build", "territory": "R2", "n": 5}]})
    assert audit(report, "RED") == [("honoured", "P1", "GRN")]


def test_member_not_at_war_with_the_enemy_owes_nothing():
    s0 = start(TERRITORIES, EDGES,
               {"RED": {"territories": "R1 R2", "forces": {"R1": 2, "R2": 8}},
                "BLU": {"territories": "B1 B2", "forces": {"B1": 5}},
                "GRN": {"territories": "G", "forces": {"G": 10}},
                "YEL": {"territories": "Y", "forces": {"Y": 10}}},
               pacts=[{"kind": "defensive", "members": ["RED", "BLU", "YEL"]}])
    s0 = with_wars(s0, ("GRN", "RED", "GRN"), ("BLU", "GRN", None))
    s0 = with_pact_fields(s0, "P1", engaged_against=["GRN"])
    s1, report = run(s0, {})
    assert audit(report, "YEL") == [] and record(s1, "YEL") == (0, 0, 50)
    assert audit(report, "RED") == [("honoured", "P1", "GRN")]


def test_one_commitment_per_engaged_pact_and_enemy():
    # P1 engaged against GRN and YEL; P2 (offensive vs GRN) engaged against GRN: RED owes 3.
    s0 = start(TERRITORIES, EDGES,
               {"RED": {"territories": "R1 R2", "forces": {"R1": 5, "R2": 5}},
                "BLU": {"territories": "B1 B2", "forces": {"B1": 5}},
                "GRN": {"territories": "G", "forces": {"G": 10}},
                "YEL": {"territories": "Y", "forces": {"Y": 10}}},
               pacts=[{"kind": "defensive", "members": ["RED", "BLU"]},
                      {"kind": "offensive", "members": ["RED", "BLU"], "target": "GRN"}])
    s0 = with_wars(s0, ("GRN", "RED", "GRN"), ("BLU", "GRN", None), ("YEL", "RED", "YEL"),
                   ("YEL", "BLU", None))
    s0 = with_pact_fields(s0, "P1", engaged_against=["GRN", "YEL"])
    s0 = with_pact_fields(s0, "P2", engaged_against=["GRN"])
    s1, report = run(s0, {})
    assert sorted(audit(report, "RED")) == [("honoured", "P1", "GRN"), ("honoured", "P1", "YEL"),
                                            ("honoured", "P2", "GRN")]
    # vs YEL: RED's 5 in R2 are next to Y (5 >= 2); BLU has nothing next to Y: shortfall.
    assert sorted(audit(report, "BLU")) == [("honoured", "P1", "GRN"), ("honoured", "P2", "GRN"),
                                            ("shortfall", "P1", "YEL")]
    assert record(s1, "RED") == (3, 3, 80) and record(s1, "BLU") == (3, 2, 60)


def test_pact_stops_being_engaged_when_no_member_is_at_war_with_the_enemy():
    s0 = start(TERRITORIES, EDGES,
               {"RED": {"territories": "R1 R2", "forces": {"R1": 5}},
                "BLU": {"territories": "B1 B2", "forces": {"B1": 5}},
                "GRN": {"territories": "G", "forces": {"G": 10}}},
               pacts=[{"kind": "defensive", "members": ["RED", "BLU"]}])
    s0 = with_pact_fields(s0, "P1", engaged_against=["GRN"])   # but no member is at war with GRN
    s1, report = run(s0, {})
    assert pact(s1, "P1")["engaged_against"] == []
    assert audit(report, "RED") == [] and audit(report, "BLU") == []


def test_pact_stays_engaged_while_any_member_is_at_war_with_the_enemy():
    s0 = start(TERRITORIES, EDGES,
               {"RED": {"territories": "R1 R2", "forces": {"R1": 5}},
                "BLU": {"territories": "B1 B2", "forces": {"B1": 5}},
                "GRN": {"territories": "G", "forces": {"G": 10}}},
               pacts=[{"kind": "defensive", "members": ["RED", "BLU"]}])
    s0 = with_pact_fields(with_wars(s0, ("GRN", "BLU", "GRN")), "P1", engaged_against=["GRN"])
    s1, report = run(s0, {})
    assert pact(s1, "P1")["engaged_against"] == ["GRN"]
    assert audit(report, "BLU") == [("honoured", "P1", "GRN")] and audit(report, "RED") == []


@pytest.mark.parametrize("owed, kept, c", [(0, 0, 50), (1, 0, 33), (1, 1, 67), (2, 1, 50),
                                           (6, 0, 13), (9, 7, 73), (2, 0, 25), (10, 10, 92)])
def test_credibility_is_round_half_up_of_kept_plus_1_over_owed_plus_2(owed, kept, c):
    # (6, 0): 100 x 1/8 = 12.5 -> 13 (round half up, not to even); (10, 10): 1100/12 -> 92.
    s0 = with_powers(board({"R1": 2}), RED={"owed": owed, "kept": kept})
    assert record(s0, "RED") == (owed, kept, c)


def test_credibility_is_recomputed_from_the_record_each_turn():
    s0 = with_powers(board({"R1": 1, "R2": 9}), RED={"owed": 5, "kept": 5})
    assert record(s0, "RED")[2] == 86               # round(600/7 = 85.7)
    s1, _ = run(s0, {})                             # a shortfall: 1 < 2
    assert record(s1, "RED") == (6, 5, 75)          # round(600/8)
    assert events(run(s0, {})[1], "shortfall")[0]["power"] == "RED"
