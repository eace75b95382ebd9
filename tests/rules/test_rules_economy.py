"""RULES.md §5 step 5: builds (cost, crisis doubling, only where still owned), transfers,
income; and the §4 limits that go with them."""

from __future__ import annotations

from rules_helpers import (events, forces, move, owner, power, rejected_orders, run, start,
                           with_wars)

# A (RED, value 3) - B (RED, value 2) - C (BLU, value 4) - D (BLU, value 1)
TERRITORIES = [{"id": "A", "value": 3}, {"id": "B", "value": 2}, {"id": "C", "value": 4},
               {"id": "D", "value": 1}]
EDGES = ["A-B", "B-C", "C-D"]


def board(red=None, blu=None, rules=None):
    powers = {"RED": {"territories": "A B", "forces": {"A": 5, "B": 2}, "treasury": 10, **(red or {})},
              "BLU": {"territories": "C D", "forces": {"C": 3}, "treasury": 0, **(blu or {})}}
    return start(TERRITORIES, EDGES, powers, rules=rules)


def build(t, n):
    return {"op": "build", "territory": t, "n": n}


def treasury(state, pid):
    return power(state, pid)["treasury"]


def test_build_appears_and_costs_one_ip_per_unit():
    s1, report = run(board(), {"RED": [build("A", 3)]})
    assert forces(s1, "A") == {"RED": 8}
    assert treasury(s1, "RED") == 12                # 10 - 3 + income 5 (A 3 + B 2)
    assert [(e["power"], e["territory"], e["n"]) for e in events(report, "built")] == [("RED", "A", 3)]


def test_build_cost_doubles_in_crisis():
    s1, report = run(board(red={"legitimacy": 20}), {"RED": [build("A", 3)]})
    assert report["rejected"] == []
    assert forces(s1, "A") == {"RED": 8}
    assert treasury(s1, "RED") == 9                 # 10 - 3 x 2 + 5


def test_crisis_doubling_counts_against_the_treasury_in_validation():
    s1, report = run(board(red={"legitimacy": 20, "treasury": 5}),
                     {"RED": [build("A", 3), build("B", 2)]})
    # 3 units cost 6 > 5: rejected; the later 2 units cost 4 <= 5 and stand.
    assert rejected_orders(report, "RED") == [build("A", 3)]
    assert forces(s1, "B") == {"RED": 4}
    assert treasury(s1, "RED") == 6                 # 5 - 4 + 5


def test_build_cost_is_a_parameter():
    s1, _ = run(board(rules={"build_cost": 2}), {"RED": [build("A", 3)]})
    assert treasury(s1, "RED") == 9                 # 10 - 3 x 2 + 5


def test_build_in_a_territory_lost_this_turn_does_not_appear_and_costs_nothing():
    s0 = with_wars(board(blu={"forces": {"C": 6}}), ("BLU", "RED", "BLU"))
    s1, report = run(s0, {"RED": [build("B", 2)], "BLU": [move("C", "B", 6)]})
    # BLU's 6 beat RED's 2 in B (the 2 new units are not there yet: they appear in step 5).
    assert owner(s1, "B") == "BLU"
    assert forces(s1, "B").get("RED", 0) == 0
    assert events(report, "built") == []
    assert treasury(s1, "RED") == 13                # 10, nothing spent, + income A 3


def test_units_built_this_turn_do_not_fight_this_turn():
    # RED has 2 in B and builds 2 there; BLU attacks with 3. Built units appear only in step 5,
    # after combat: 3 > 2 and BLU takes B (against 4 it would have failed).
    s0 = with_wars(board(), ("BLU", "RED", "BLU"))
    s1, _ = run(s0, {"RED": [build("B", 2)], "BLU": [move("C", "B", 3)]})
    assert owner(s1, "B") == "BLU"


def test_transfer_is_paid_and_received():
    s1, report = run(board(), {"RED": [{"op": "transfer", "to": "BLU", "amount": 4}]})
    assert treasury(s1, "RED") == 11                # 10 - 4 + 5
    assert treasury(s1, "BLU") == 9                 # 0 + 4 + income C 4 + D 1
    assert [(e["power"], e["to"], e["amount"]) for e in events(report, "transfer")] == [("RED", "BLU", 4)]


def test_builds_then_transfers_then_income():
    s1, report = run(board(), {"RED": [{"op": "transfer", "to": "BLU", "amount": 4}, build("A", 1)]})
    kinds = [e["type"] for e in report["events"] if e["type"] in ("built", "transfer", "income")]
    assert kinds.index("built") < kinds.index("transfer") < kinds.index("income")
    assert treasury(s1, "RED") == 10                # 10 - 1 - 4 + 5


def test_income_is_the_value_of_the_territories_owned_after_combat():
    s0 = with_wars(board(red={"forces": {"A": 5, "B": 9}}), ("RED", "BLU", "RED"))
    s1, report = run(s0, {"RED": [move("B", "C", 9)]})
    assert owner(s1, "C") == "RED"                  # 9 > 3
    assert treasury(s1, "RED") == 19                # 10 + A 3 + B 2 + C 4
    assert treasury(s1, "BLU") == 1                 # 0 + D 1
    incomes = {e["power"]: e["amount"] for e in events(report, "income")}
    assert incomes == {"RED": 9, "BLU": 1}
