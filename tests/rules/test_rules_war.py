"""RULES.md §5 step 3: declarations, invocations and the cascade of obligations.

The board is a complete graph of five plains territories (value 1), one per power, 10 units
each: every member's units touch every enemy, so every step-6 audit is kept (commitment 10 >=
0.2 x 10 = 2). Commitment counts in the tests are therefore: calls to war (step 3) + audits
(step 6, one per engaged pact and enemy per member at war with it) + breaches.
"""

from __future__ import annotations

import itertools

from rules_helpers import (at_war, edit, events, leg, pact, record, rejected, run, start, wars,
                           with_powers, with_wars)

IDS = ["R", "B", "G", "Y", "W"]
EDGES = [f"{a}-{b}" for a, b in itertools.combinations(IDS, 2)]
POWERS = {"RED": {"territories": "R", "forces": {"R": 10}},
          "BLU": {"territories": "B", "forces": {"B": 10}},
          "GRN": {"territories": "G", "forces": {"G": 10}},
          "YEL": {"territories": "Y", "forces": {"Y": 10}},
          "WHT": {"territories": "W", "forces": {"W": 10}}}


def board(pacts=None, **kwargs):
    return start(IDS, EDGES, POWERS, pacts=pacts, **kwargs)


def declare(target):
    return {"op": "declare_war", "target": target}


def invoke(pact_id):
    return {"op": "invoke", "pact": pact_id}


def defensive(*members, **terms):
    return {"kind": "defensive", "members": list(members), **terms}


def offensive(members, target, **terms):
    return {"kind": "offensive", "members": list(members), "target": target, **terms}


def declared(report):
    return [(e["power"], e["target"], e["cause"]) for e in events(report, "war_declared")]


def test_declaration_starts_a_war_with_the_declarer_as_aggressor():
    s1, report = run(board(), {"RED": [declare("BLU")]})
    assert wars(s1) == {frozenset({"RED", "BLU"}): "RED"}
    assert declared(report) == [("RED", "BLU", "declaration")]
    assert events(report, "war_declared")[0]["aggressor"] == "RED"
    assert leg(s1, "RED") == 58                     # 70 - 10 aggression - 2 aggressor at war
    assert leg(s1, "BLU") == 74                     # 70 + 5 rally - 1 at war
    assert record(s1, "RED") == (0, 0, 50) and record(s1, "BLU") == (0, 0, 50)


def test_aggression_and_rally_are_parameters():
    s0 = board(rules={"aggression_cost": 7, "rally_gain": 3})
    s1, _ = run(s0, {"RED": [declare("BLU")]})
    assert leg(s1, "RED") == 61 and leg(s1, "BLU") == 72   # 70 - 7 - 2; 70 + 3 - 1


def test_defensive_pact_drags_member_into_war():
    s1, report = run(board([defensive("RED", "BLU")]), {"GRN": [declare("RED")]})
    assert wars(s1) == {frozenset({"GRN", "RED"}): "GRN", frozenset({"BLU", "GRN"}): None}
    assert declared(report) == [("GRN", "RED", "declaration"), ("BLU", "GRN", "trigger")]
    triggered = events(report, "pact_triggered")
    assert [(e["pact"], e["attacked"], e["by"]) for e in triggered] == [("P1", "RED", "GRN")]
    called = events(report, "called_to_war")
    assert [(e["power"], e["against"], e["pact"], e["kept"]) for e in called] == [
        ("BLU", "GRN", "P1", True)]
    assert pact(s1, "P1")["engaged_against"] == ["GRN"] and pact(s1, "P1")["revealed"] is True
    assert record(s1, "BLU") == (2, 2, 75)          # called + audit: round(100*3/4)
    assert record(s1, "RED") == (1, 1, 67)          # audit only: round(100*2/3)
    assert leg(s1, "GRN") == 58                     # 70 - 10 - 2
    assert leg(s1, "RED") == 74                     # 70 + 5 - 1
    assert leg(s1, "BLU") == 69                     # 70 - 1: joining by trigger is no aggression


def test_joining_through_a_trigger_is_not_aggression_and_triggers_nothing_further():
    # BLU joins against GRN by trigger; GRN's own defensive pact with YEL is not set off by
    # that, and GRN gets no rally from it.
    s0 = board([defensive("RED", "BLU"), defensive("GRN", "YEL")])
    s1, report = run(s0, {"GRN": [declare("RED")]})
    assert set(wars(s1)) == {frozenset({"GRN", "RED"}), frozenset({"BLU", "GRN"})}
    assert not at_war(s1, "YEL", "BLU") and not at_war(s1, "YEL", "RED")
    assert pact(s1, "P2")["engaged_against"] == []
    assert leg(s1, "GRN") == 58 and leg(s1, "BLU") == 69 and leg(s1, "YEL") == 72
    assert record(s1, "YEL") == (0, 0, 50)


def test_defensive_pact_triggers_on_an_invocation_against_a_member():
    s0 = board([offensive(["RED", "YEL"], "BLU"), defensive("BLU", "GRN")])
    s1, report = run(s0, {"RED": [invoke("P1")]})
    assert wars(s1) == {frozenset({"RED", "BLU"}): "RED", frozenset({"YEL", "BLU"}): "YEL",
                        frozenset({"GRN", "RED"}): None, frozenset({"GRN", "YEL"}): None}
    # FIFO: the two invocation entries, then the triggers they queued, in that order.
    assert declared(report) == [("RED", "BLU", "invocation"), ("YEL", "BLU", "invocation"),
                                ("GRN", "RED", "trigger"), ("GRN", "YEL", "trigger")]
    assert pact(s1, "P1")["engaged_against"] == ["BLU"]
    assert set(pact(s1, "P2")["engaged_against"]) == {"RED", "YEL"}
    assert record(s1, "RED") == (1, 1, 67)          # audit P1 vs BLU
    assert record(s1, "YEL") == (2, 2, 75)          # called by RED + audit P1 vs BLU
    assert record(s1, "BLU") == (2, 2, 75)          # audits P2 vs RED and P2 vs YEL
    assert record(s1, "GRN") == (4, 4, 83)          # called twice + two audits: round(500/6)
    assert leg(s1, "RED") == 58 and leg(s1, "YEL") == 58    # both aggressors: -10 - 2
    assert leg(s1, "BLU") == 74                     # rallies once: +5 - 1
    assert leg(s1, "GRN") == 69


def test_invocation_calls_every_member_invoker_first_then_in_listed_order():
    s0 = board([offensive(["BLU", "RED", "YEL"], "GRN")])
    s1, report = run(s0, {"RED": [invoke("P1")]})
    assert declared(report) == [("RED", "GRN", "invocation"), ("BLU", "GRN", "invocation"),
                                ("YEL", "GRN", "invocation")]
    assert [e["power"] for e in events(report, "called_to_war")] == ["BLU", "YEL"]
    assert all(wars(s1)[frozenset({p, "GRN"})] == p for p in ("RED", "BLU", "YEL"))
    assert record(s1, "RED") == (1, 1, 67)          # the invoker is not called: audit only
    assert record(s1, "BLU") == (2, 2, 75) and record(s1, "YEL") == (2, 2, 75)
    assert [leg(s1, p) for p in ("RED", "BLU", "YEL")] == [58, 58, 58]
    assert leg(s1, "GRN") == 74                     # one rally: 70 + 5 - 1


def test_invoked_pact_becomes_engaged_against_its_target():
    s1, report = run(board([offensive(["RED", "BLU"], "GRN")]), {"BLU": [invoke("P1")]})
    assert pact(s1, "P1")["engaged_against"] == ["GRN"]
    invoked = events(report, "pact_invoked")
    assert [(e["pact"], e["power"], e["target"]) for e in invoked] == [("P1", "BLU", "GRN")]


def test_target_rallies_at_most_once_per_turn():
    s1, _ = run(board(), {"RED": [declare("BLU")], "YEL": [declare("BLU")]})
    assert leg(s1, "BLU") == 74                     # 70 + 5 (once) - 1
    assert leg(s1, "RED") == 58 and leg(s1, "YEL") == 58


def test_aggressor_pays_for_each_war_it_starts():
    # Ambiguity: "(at most once per turn)" follows "v rallies: L +5"; we read it as limiting
    # the rally only, so the aggression cost is paid per war started.
    s1, _ = run(board(), {"RED": [declare("BLU"), declare("GRN")]})
    assert leg(s1, "RED") == 48                     # 70 - 10 - 10 - 2
    assert leg(s1, "BLU") == 74 and leg(s1, "GRN") == 74


def test_declaring_war_on_a_power_already_at_war_does_nothing():
    s0 = with_wars(board(), ("BLU", "RED", "BLU"))
    s1, report = run(s0, {"RED": [declare("BLU")]})
    assert wars(s1) == {frozenset({"RED", "BLU"}): "BLU"}   # the aggressor is still BLU
    assert events(report, "war_declared") == []
    assert leg(s1, "RED") == 69                     # no aggression cost: 70 - 1 at war
    assert leg(s1, "BLU") == 68                     # no rally: 70 - 2 as the aggressor


def test_against_limits_the_trigger_to_the_named_powers():
    s1, report = run(board([defensive("RED", "BLU", against=["YEL"])]), {"GRN": [declare("RED")]})
    assert not at_war(s1, "BLU", "GRN")
    assert pact(s1, "P1")["engaged_against"] == [] and events(report, "pact_triggered") == []
    assert record(s1, "BLU") == (0, 0, 50) and record(s1, "RED") == (0, 0, 50)


def test_against_triggers_on_a_named_power():
    s1, _ = run(board([defensive("RED", "BLU", against=["YEL", "GRN"])]), {"GRN": [declare("RED")]})
    assert wars(s1)[frozenset({"BLU", "GRN"})] is None
    assert pact(s1, "P1")["engaged_against"] == ["GRN"]


def test_declaring_war_on_a_non_aggression_partner_is_a_breach():
    s1, report = run(board([{"kind": "non_aggression", "members": ["RED", "BLU"]}]),
                     {"RED": [declare("BLU")]})
    broken = events(report, "pact_broken")
    assert [(e["pact"], e["power"], e["reason"]) for e in broken] == [("P1", "RED", "attack_on_partner")]
    assert pact(s1, "P1")["status"] == "ended"
    assert at_war(s1, "RED", "BLU")
    assert record(s1, "RED") == (1, 0, 33)
    assert leg(s1, "RED") == 53                     # 70 - 5 breach - 10 aggression - 2


def test_attack_on_own_ally_is_a_breach_and_turns_the_pact_against_the_attacker():
    # RED leaves P1 in breach (step 3.3), so P1 (now BLU, GRN) triggers against RED (3.5).
    s1, report = run(board([defensive("RED", "BLU", "GRN")]), {"RED": [declare("BLU")]})
    assert [(e["power"], e["reason"]) for e in events(report, "pact_broken")] == [
        ("RED", "attack_on_partner")]
    assert pact(s1, "P1")["members"] == ["BLU", "GRN"]
    assert pact(s1, "P1")["engaged_against"] == ["RED"]
    assert wars(s1) == {frozenset({"RED", "BLU"}): "RED", frozenset({"GRN", "RED"}): None}
    assert record(s1, "RED") == (1, 0, 33)
    assert leg(s1, "RED") == 53                     # 70 - 5 - 10 - 2
    assert record(s1, "GRN") == (2, 2, 75) and record(s1, "BLU") == (1, 1, 67)


def test_each_shared_pact_is_breached_and_costs_legitimacy():
    s0 = board([{"kind": "non_aggression", "members": ["RED", "BLU"]},
                defensive("RED", "BLU", "YEL")])
    s1, report = run(s0, {"RED": [declare("BLU")]})
    assert {e["pact"] for e in events(report, "pact_broken") if e["power"] == "RED"} == {"P1", "P2"}
    assert record(s1, "RED") == (2, 0, 25)          # round(100*1/4)
    assert leg(s1, "RED") == 48                     # 70 - 5 - 5 - 10 - 2


def test_invocation_breaches_pacts_shared_with_the_target():
    s0 = board([offensive(["RED", "YEL"], "BLU"), {"kind": "non_aggression", "members": ["YEL", "BLU"]}])
    s1, report = run(s0, {"RED": [invoke("P1")]})
    assert [(e["pact"], e["power"], e["reason"]) for e in events(report, "pact_broken")] == [
        ("P2", "YEL", "attack_on_partner")]
    assert pact(s1, "P2")["status"] == "ended"
    assert record(s1, "YEL") == (3, 2, 60)          # called (kept) + breach + audit (kept)
    assert leg(s1, "YEL") == 53                     # 70 - 5 - 10 - 2


def test_trigger_ends_pacts_shared_with_the_attacker_without_penalty():
    s0 = board([defensive("RED", "BLU"), {"kind": "non_aggression", "members": ["BLU", "GRN"]}])
    s1, report = run(s0, {"GRN": [declare("RED")]})
    assert at_war(s1, "BLU", "GRN")
    assert pact(s1, "P2")["status"] == "ended"
    assert "P2" in [e["pact"] for e in events(report, "pact_ended")]
    assert events(report, "pact_broken") == []
    assert record(s1, "BLU") == (2, 2, 75) and leg(s1, "BLU") == 69
    assert record(s1, "GRN") == (0, 0, 50) and leg(s1, "GRN") == 58


def test_called_member_already_at_war_keeps_its_commitment():
    s0 = with_wars(board([defensive("RED", "BLU")]), ("BLU", "GRN", "BLU"))
    s1, report = run(s0, {"GRN": [declare("RED")]})
    called = events(report, "called_to_war")
    assert [(e["power"], e["kept"]) for e in called] == [("BLU", True)]
    assert wars(s1)[frozenset({"BLU", "GRN"})] == "BLU"      # unchanged
    assert record(s1, "BLU") == (2, 2, 75)          # called (kept) + audit
    assert leg(s1, "BLU") == 68                     # the aggressor of its own war: -2


def test_call_to_war_against_an_eliminated_target_is_owed_but_not_kept():
    def yel_eliminated(doc):
        doc["powers"]["YEL"]["eliminated"] = True
        doc["territories"]["Y"] = {"owner": None, "forces": {}}
    s0 = edit(board([offensive(["RED", "BLU"], "YEL")]), yel_eliminated)
    s1, report = run(s0, {"RED": [invoke("P1")]})
    assert wars(s1) == {}
    assert record(s1, "BLU") == (1, 0, 33)          # called, not kept: the target is eliminated
    assert record(s1, "RED") == (0, 0, 50)          # the invoker is not called
    assert leg(s1, "RED") == 72 and leg(s1, "BLU") == 72    # no war started: at peace +2
    assert pact(s1, "P1")["engaged_against"] == []  # no member at war with YEL after the audit


def test_member_in_crisis_is_still_dragged_into_war():
    s0 = with_powers(board([defensive("RED", "BLU")]), BLU={"legitimacy": 20})
    s1, _ = run(s0, {"GRN": [declare("RED")]})
    assert at_war(s1, "BLU", "GRN")
    assert leg(s1, "BLU") == 19


def test_cascade_queue_is_first_in_first_out():
    # Declarations are queued before invocations whatever the power order; triggers go to the
    # back of the queue as they arise, each other member of D in listed order.
    s0 = board([offensive(["RED", "YEL"], "BLU"), defensive("BLU", "WHT")])
    s1, report = run(s0, {"RED": [invoke("P1")], "GRN": [declare("BLU")]})
    assert declared(report) == [("GRN", "BLU", "declaration"), ("RED", "BLU", "invocation"),
                                ("YEL", "BLU", "invocation"), ("WHT", "GRN", "trigger"),
                                ("WHT", "RED", "trigger"), ("WHT", "YEL", "trigger")]
    assert leg(s1, "BLU") == 74                     # attacked three times, rallies once
    assert record(s1, "WHT") == (6, 6, 88)          # 3 calls + audits vs GRN, RED, YEL: round(700/8)


def test_defensive_trigger_calls_each_other_member_in_listed_order():
    s0 = board([defensive("YEL", "RED", "BLU")])
    s1, report = run(s0, {"GRN": [declare("RED")]})
    assert [e["power"] for e in events(report, "called_to_war")] == ["YEL", "BLU"]
    assert declared(report)[1:] == [("YEL", "GRN", "trigger"), ("BLU", "GRN", "trigger")]


def test_declarations_are_queued_in_power_order():
    s1, report = run(board(), {"YEL": [declare("GRN")], "BLU": [declare("WHT"), declare("RED")]})
    assert declared(report) == [("BLU", "WHT", "declaration"), ("BLU", "RED", "declaration"),
                                ("YEL", "GRN", "declaration")]


def test_every_invoke_of_a_pact_queues_its_members():
    s0 = board([offensive(["RED", "BLU", "YEL"], "GRN")])
    s1, report = run(s0, {"RED": [invoke("P1")], "BLU": [invoke("P1")]})
    assert rejected(report) == []
    # RED's invoke: RED, BLU (called), YEL (called); BLU's: BLU, RED (called), YEL (called),
    # all already at war. Plus one audit each.
    assert record(s1, "RED") == (2, 2, 75)
    assert record(s1, "BLU") == (2, 2, 75)
    assert record(s1, "YEL") == (3, 3, 80)


def test_every_defensive_pact_of_the_victim_triggers_in_id_order():
    s0 = board([defensive("RED", "BLU"), defensive("YEL", "RED")])
    s1, report = run(s0, {"GRN": [declare("RED")]})
    assert [e["pact"] for e in events(report, "pact_triggered")] == ["P1", "P2"]
    assert [(e["power"], e["pact"]) for e in events(report, "called_to_war")] == [
        ("BLU", "P1"), ("YEL", "P2")]
    assert pact(s1, "P1")["engaged_against"] == ["GRN"] and pact(s1, "P2")["engaged_against"] == ["GRN"]
    assert record(s1, "RED") == (2, 2, 75)          # one audit per engaged pact


def test_pact_signed_this_turn_already_binds_a_declaration_this_turn():
    s1, report = run(board(), {"RED": [declare("BLU")]},
                     signed=[{"kind": "non_aggression", "members": ["RED", "BLU"]}])
    assert [(e["pact"], e["power"]) for e in events(report, "pact_broken")] == [("P1", "RED")]
    assert record(s1, "RED") == (1, 0, 33) and leg(s1, "RED") == 53    # 70 - 5 - 10 - 2
