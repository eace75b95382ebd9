"""RULES.md §3 and §5 step 1: signing, break, withdraw (notice 0/1/2), abandonment, duration,
secret pacts.

The board is a complete graph of four plains territories (value 1), one per power with 10
units, so every member's units are next to every enemy and each step-6 audit is kept: the
commitment record then only moves where a test means it to.
"""

from __future__ import annotations

import pytest

from rules_helpers import (at_war, events, leg, move, pact, record, rejected, run, start,
                           with_pact_fields, with_powers, with_wars)

TERRITORIES = "R B G Y"
EDGES = ["R-B", "R-G", "R-Y", "B-G", "B-Y", "G-Y"]
POWERS = {"RED": {"territories": "R", "forces": {"R": 10}},
          "BLU": {"territories": "B", "forces": {"B": 10}},
          "GRN": {"territories": "G", "forces": {"G": 10}},
          "YEL": {"territories": "Y", "forces": {"Y": 10}}}


def board(pacts=None, **kwargs):
    return start(TERRITORIES, EDGES, POWERS, pacts=pacts, **kwargs)


def defensive(*members, **terms):
    return {"kind": "defensive", "members": list(members), **terms}


def declare(target):
    return {"op": "declare_war", "target": target}


def test_signed_pact_takes_effect_at_step_1_of_the_same_turn():
    # Signed during this turn's planning, the pact is in force when GRN's declaration is
    # adjudicated in step 3 of the same turn, so BLU is dragged in at once.
    s1, report = run(board(), {"GRN": [declare("RED")]}, signed=[defensive("RED", "BLU")])
    signed = events(report, "pact_signed")
    assert len(signed) == 1 and signed[0]["pact"] == "P1" and signed[0]["members"] == ["RED", "BLU"]
    p1 = pact(s1, "P1")
    assert p1["status"] == "active" and p1["since"] == 1
    assert p1["engaged_against"] == ["GRN"]
    assert at_war(s1, "BLU", "GRN")


def test_pacts_are_numbered_in_order_of_signing():
    s0 = board([{"kind": "non_aggression", "members": ["RED", "YEL"]}])   # P1, in force at start
    s1, _ = run(s0, {}, signed=[defensive("GRN", "BLU"),
                                {"kind": "offensive", "members": ["YEL", "RED"], "target": "BLU"}])
    ids = [(p["id"], p["kind"], p["members"]) for p in s1.to_json()["pacts"]]
    assert ids == [("P1", "non_aggression", ["RED", "YEL"]), ("P2", "defensive", ["GRN", "BLU"]),
                   ("P3", "offensive", ["YEL", "RED"])]
    assert pact(s1, "P3")["target"] == "BLU" and pact(s1, "P2")["target"] is None


def test_pact_terms_have_the_defaults_of_section_3():
    s1, _ = run(board(), {}, signed=[defensive("RED", "BLU")])
    p1 = pact(s1, "P1")
    assert (p1["burden_share"], p1["notice"], p1["duration"], p1["secret"]) == (0.2, 1, 0, False)
    assert p1["revealed"] is True and p1["withdrawing"] == {} and p1["engaged_against"] == []
    assert "integrated_command" not in p1 or p1["integrated_command"] is False


def test_default_burden_share_is_a_parameter():
    s1, _ = run(board(rules={"burden_share": 0.35}), {}, signed=[defensive("RED", "BLU")])
    assert pact(s1, "P1")["burden_share"] == 0.35


def test_pact_json_carries_the_optional_terms_it_has():
    terms = defensive("RED", "BLU", pledges={"RED": 3}, against=["GRN"], integrated_command=True,
                      name="Entente", notice=2, duration=5, burden_share=0.1)
    s1, _ = run(board(), {}, signed=[terms])
    p1 = pact(s1, "P1")
    assert (p1["pledges"], p1["against"], p1["integrated_command"], p1["name"]) == (
        {"RED": 3}, ["GRN"], True, "Entente")
    assert (p1["notice"], p1["duration"], p1["burden_share"]) == (2, 5, 0.1)


def test_break_leaves_the_pact_at_once_as_a_breach():
    s0 = board([defensive("RED", "BLU", "GRN")])
    s1, report = run(s0, {"RED": [{"op": "break", "pact": "P1"}]})
    p1 = pact(s1, "P1")
    assert p1["members"] == ["BLU", "GRN"] and p1["status"] == "active"
    broken = events(report, "pact_broken")
    assert [(e["pact"], e["power"], e["reason"]) for e in broken] == [("P1", "RED", "break")]
    assert record(s1, "RED") == (1, 0, 33)          # one breach, never kept: round(100*1/3)
    assert leg(s1, "RED") == 67                     # 70 - 5 breach + 2 at peace


def test_break_of_a_two_member_pact_ends_it():
    s1, report = run(board([defensive("RED", "BLU")]), {"BLU": [{"op": "break", "pact": "P1"}]})
    assert pact(s1, "P1")["status"] == "ended"
    assert [e["pact"] for e in events(report, "pact_ended")] == ["P1"]
    assert record(s1, "BLU") == (1, 0, 33) and record(s1, "RED") == (0, 0, 50)


def test_the_partner_of_a_breaker_pays_nothing():
    s1, _ = run(board([defensive("RED", "BLU")]), {"RED": [{"op": "break", "pact": "P1"}]})
    assert leg(s1, "RED") == 67 and leg(s1, "BLU") == 72   # 70 - 5 + 2; 70 + 2
    assert record(s1, "BLU") == (0, 0, 50)


def test_breaker_is_no_longer_dragged_into_its_former_partners_wars():
    # RED breaks at step 1; GRN's declaration on BLU at step 3 calls only YEL.
    s0 = board([defensive("RED", "BLU", "YEL")])
    s1, _ = run(s0, {"RED": [{"op": "break", "pact": "P1"}], "GRN": [declare("BLU")]})
    assert not at_war(s1, "RED", "GRN")
    assert at_war(s1, "YEL", "GRN") and at_war(s1, "BLU", "GRN")


def test_withdraw_with_notice_0_takes_effect_at_once_and_costs_nothing():
    s0 = board([defensive("RED", "BLU", "YEL", notice=0)])
    s1, report = run(s0, {"RED": [{"op": "withdraw", "pact": "P1"}]})
    assert pact(s1, "P1")["members"] == ["BLU", "YEL"]
    assert [(e["pact"], e["power"]) for e in events(report, "pact_withdrawn")] == [("P1", "RED")]
    assert events(report, "pact_broken") == []
    assert record(s1, "RED") == (0, 0, 50) and leg(s1, "RED") == 72   # 70 + 2 at peace


def test_withdraw_with_notice_1_takes_effect_at_step_1_of_the_next_turn():
    s0 = board([defensive("RED", "BLU", "YEL")])    # notice defaults to 1
    s1, report = run(s0, {"RED": [{"op": "withdraw", "pact": "P1"}]})
    assert pact(s1, "P1")["members"] == ["RED", "BLU", "YEL"]
    assert pact(s1, "P1")["withdrawing"] == {"RED": 2}     # turn 1 + notice 1
    assert events(report, "pact_withdrawn") == []
    s2, report = run(s1, {})
    assert pact(s2, "P1")["members"] == ["BLU", "YEL"] and pact(s2, "P1")["withdrawing"] == {}
    assert [e["power"] for e in events(report, "pact_withdrawn")] == ["RED"]
    assert record(s2, "RED") == (0, 0, 50) and leg(s2, "RED") == 74   # 70 + 2 + 2


def test_withdraw_with_notice_2_takes_effect_two_turns_later():
    s0 = board([defensive("RED", "BLU", "YEL", notice=2)])
    s1, _ = run(s0, {"RED": [{"op": "withdraw", "pact": "P1"}]})
    assert pact(s1, "P1")["withdrawing"] == {"RED": 3}     # turn 1 + notice 2
    s2, _ = run(s1, {})
    assert "RED" in pact(s2, "P1")["members"]
    s3, report = run(s2, {})
    assert pact(s3, "P1")["members"] == ["BLU", "YEL"]
    assert [e["power"] for e in events(report, "pact_withdrawn")] == ["RED"]


def test_member_serving_its_notice_is_still_dragged_into_war():
    # Entrapment: RED gave notice this turn, but is still a member when BLU is attacked.
    s1, _ = run(board([defensive("RED", "BLU")]),
                {"RED": [{"op": "withdraw", "pact": "P1"}], "GRN": [declare("BLU")]})
    assert at_war(s1, "RED", "GRN")
    assert record(s1, "RED") == (2, 2, 75)          # called (kept) + audit (kept): round(300/4)


def test_withdrawal_falling_due_while_engaged_is_abandonment():
    s1, _ = run(board([defensive("RED", "BLU")]),
                {"RED": [{"op": "withdraw", "pact": "P1"}], "GRN": [declare("BLU")]})
    assert leg(s1, "RED") == 69                     # 70 - 1 at war (not the aggressor)
    s2, report = run(s1, {})                        # the notice falls due; P1 is engaged vs GRN
    broken = events(report, "pact_broken")
    assert [(e["pact"], e["power"], e["reason"]) for e in broken] == [("P1", "RED", "abandonment")]
    assert pact(s2, "P1")["status"] == "ended"      # left with one member
    assert record(s2, "RED") == (3, 2, 60)          # + 1 breach never kept: round(100*3/5)
    assert leg(s2, "RED") == 68                     # no breach cost; 69 - 1 at war
    assert at_war(s2, "RED", "GRN")                 # leaving a pact does not end a war


def test_withdraw_while_engaged_is_abandonment_without_legitimacy_cost():
    s0 = board([defensive("RED", "BLU", "YEL", notice=0)])
    s0 = with_wars(s0, ("GRN", "RED", "GRN"), ("BLU", "GRN", None), ("YEL", "GRN", None))
    s0 = with_pact_fields(s0, "P1", engaged_against=["GRN"])
    s1, report = run(s0, {"RED": [{"op": "withdraw", "pact": "P1"}]})
    broken = events(report, "pact_broken")
    assert [(e["power"], e["reason"]) for e in broken] == [("RED", "abandonment")]
    assert events(report, "pact_withdrawn") == []
    assert pact(s1, "P1")["members"] == ["BLU", "YEL"]
    assert record(s1, "RED") == (1, 0, 33)          # RED left before the audit: only the breach
    assert leg(s1, "RED") == 69                     # 70 - 1 at war; no -5


def test_duration_ends_the_pact_when_it_has_run_out():
    # Signed in turn 1 with duration 2: in force in turns 1 and 2, ended at step 1 of turn 3.
    s1, _ = run(board(), {}, signed=[defensive("RED", "BLU", duration=2)])
    s2, report2 = run(s1, {})
    assert pact(s2, "P1")["status"] == "active" and events(report2, "pact_ended") == []
    s3, report3 = run(s2, {})
    assert pact(s3, "P1")["status"] == "ended"
    assert [e["pact"] for e in events(report3, "pact_ended")] == ["P1"]


def test_expired_pact_no_longer_drags_members_in():
    s1, _ = run(board(), {}, signed=[defensive("RED", "BLU", duration=1)])
    s2, _ = run(s1, {"GRN": [declare("RED")]})      # P1 ended at step 1 of turn 2
    assert pact(s2, "P1")["status"] == "ended"
    assert not at_war(s2, "BLU", "GRN")


def test_duration_zero_lasts_until_ended():
    s = board([defensive("RED", "BLU")])
    for _ in range(5):
        s, _ = run(s, {})
    assert pact(s, "P1")["status"] == "active"


def test_secret_pact_is_unrevealed_until_it_triggers():
    s1, _ = run(board(), {}, signed=[defensive("RED", "BLU", secret=True)])
    assert pact(s1, "P1")["secret"] is True and pact(s1, "P1")["revealed"] is False
    s2, report = run(s1, {"GRN": [declare("RED")]})
    assert pact(s2, "P1")["revealed"] is True
    assert [e["pact"] for e in events(report, "pact_triggered")] == ["P1"]
    assert at_war(s2, "BLU", "GRN")


def test_secret_offensive_pact_is_revealed_when_invoked():
    s1, _ = run(board(), {}, signed=[{"kind": "offensive", "members": ["RED", "BLU"],
                                      "target": "GRN", "secret": True}])
    assert pact(s1, "P1")["revealed"] is False
    s2, report = run(s1, {"BLU": [{"op": "invoke", "pact": "P1"}]})
    assert pact(s2, "P1")["revealed"] is True
    assert pact(s2, "P1")["engaged_against"] == ["GRN"]
    assert [(e["pact"], e["power"]) for e in events(report, "pact_invoked")] == [("P1", "BLU")]


def test_secret_pact_that_does_not_trigger_stays_secret():
    s0 = board([defensive("RED", "BLU", secret=True, against=["YEL"])])
    s1, _ = run(s0, {"GRN": [declare("RED")]})      # GRN is not among 'against'
    assert pact(s1, "P1")["revealed"] is False and pact(s1, "P1")["engaged_against"] == []
    assert not at_war(s1, "BLU", "GRN")


def test_breaking_a_secret_pact_does_not_reveal_it():
    s0 = board([defensive("RED", "BLU", "YEL", secret=True)])
    s1, _ = run(s0, {"RED": [{"op": "break", "pact": "P1"}]})
    assert pact(s1, "P1")["revealed"] is False


def test_former_partners_are_no_longer_allies_after_a_break():
    # Allies share an active defensive or offensive pact; after RED breaks P1 at step 1, BLU's
    # territory is neither RED's ally's nor an enemy's at step 4, so the move is rejected.
    into_b = move("R", "B", 3)
    s1, report = run(board([defensive("RED", "BLU")]),
                     {"RED": [{"op": "break", "pact": "P1"}, into_b]})
    assert [r["order"] for r in rejected(report, "RED")] == [into_b]
    assert s1.to_json()["territories"]["B"]["forces"] == {"BLU": 10}


def test_a_member_may_leave_even_in_crisis():
    s0 = with_powers(board([defensive("RED", "BLU", "YEL")]), RED={"legitimacy": 10})
    s1, report = run(s0, {"RED": [{"op": "break", "pact": "P1"}]})
    assert report["rejected"] == []
    assert pact(s1, "P1")["members"] == ["BLU", "YEL"]
    assert leg(s1, "RED") == 7                      # 10 - 5 + 2


def test_simultaneous_breaks_are_each_a_breach():
    # Ambiguity: once RED has left, the pact has ended; we read "break: the breaker leaves the
    # pact ...; this is a breach" as applying to every valid break order.
    s1, report = run(board([defensive("RED", "BLU")]),
                     {"RED": [{"op": "break", "pact": "P1"}], "BLU": [{"op": "break", "pact": "P1"}]})
    assert report["rejected"] == []
    assert {e["power"] for e in events(report, "pact_broken")} == {"RED", "BLU"}
    assert record(s1, "RED") == (1, 0, 33) and record(s1, "BLU") == (1, 0, 33)
    assert leg(s1, "RED") == 67 and leg(s1, "BLU") == 67


@pytest.mark.parametrize("bad_term", [{"burden_share": 0.6}, {"notice": 5}, {"burden_share": -0.1}])
def test_pact_terms_outside_their_ranges_are_not_signed(bad_term):
    s1, report = run(board(), {}, signed=[defensive("RED", "BLU", **bad_term)])
    assert s1.to_json()["pacts"] == []
    assert len(report["rejected"]) == 1


def test_pact_in_force_at_the_start_lasts_its_full_duration():
    # Ambiguity: RULES.md does not say from when the duration of a scenario's starting pact
    # counts; we read "in force at the start" + "duration (turns)" as: in force for turns 1..d,
    # like a pact signed in turn 1.
    s1, _ = run(board([defensive("RED", "BLU", duration=1)]), {"GRN": [declare("RED")]})
    assert at_war(s1, "BLU", "GRN")
    assert pact(s1, "P1")["status"] == "active"
    s2, report = run(s1, {})
    assert pact(s2, "P1")["status"] == "ended"


def test_withdrawal_with_notice_0_is_clean_before_a_trigger_in_the_same_turn():
    # Step 1 comes before step 3: RED is out before GRN's attack on BLU engages the pact.
    s0 = board([defensive("RED", "BLU", "YEL", notice=0)])
    s1, report = run(s0, {"RED": [{"op": "withdraw", "pact": "P1"}], "GRN": [declare("BLU")]})
    assert events(report, "pact_broken") == []
    assert not at_war(s1, "RED", "GRN") and at_war(s1, "YEL", "GRN")
    assert record(s1, "RED") == (0, 0, 50)
