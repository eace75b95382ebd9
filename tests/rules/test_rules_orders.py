"""RULES.md §4: orders and their validation against the state at the start of the turn.

Every rejection rule of §4 gets a test: the order is listed in report["rejected"] with a reason
and the power's other orders are carried out as if it had not been written.
"""

from __future__ import annotations

import pytest

from game.engine import parse_order_text, parse_orders_text
from rules_helpers import (at_war, edit, forces, leg, move, power, rejected, rejected_orders,
                           run, start, with_pact_fields, with_powers, with_wars)

# A(2, RED's capital) B(1) E(1) belong to RED, C(2, BLU's capital) D(3) to BLU, F to GRN, G to YEL.
#   E - B - A        (A-E: no edge)
#       |
#       C - D - F - G
TERRITORIES = [{"id": "A", "value": 2, "capital_of": "RED"}, {"id": "B", "value": 1},
               {"id": "C", "value": 2, "capital_of": "BLU"}, {"id": "D", "value": 3},
               {"id": "E", "value": 1}, {"id": "F", "value": 1}, {"id": "G", "value": 1}]
EDGES = ["A-B", "B-C", "C-D", "B-E", "D-F", "F-G"]


def board(pacts=None, **power_changes):
    powers = {
        "RED": {"territories": "A B E", "forces": {"A": 5, "B": 2}, "treasury": 10},
        "BLU": {"territories": "C D", "forces": {"C": 4, "D": 1}, "treasury": 10},
        "GRN": {"territories": "F", "forces": {"F": 1}, "treasury": 0},
        "YEL": {"territories": "G", "forces": {"G": 1}, "treasury": 0},
    }
    for pid, change in power_changes.items():
        powers[pid] = {**powers[pid], **change}
    return start(TERRITORIES, EDGES, powers, pacts=pacts)


def assert_rejected(report, power_id, order):
    """The order is listed once among the rejections, with a reason."""
    hits = [r for r in rejected(report, power_id) if r["order"] == order]
    assert len(hits) == 1, report["rejected"]
    assert isinstance(hits[0]["reason"], str) and hits[0]["reason"].strip()


def test_units_not_moved_hold():
    s1, report = run(board(), {})
    assert forces(s1, "A") == {"RED": 5} and forces(s1, "B") == {"RED": 2}
    assert report["rejected"] == []


def test_unknown_territory_is_rejected_without_affecting_other_orders():
    bad_move, bad_build = move("A", "Z", 1), {"op": "build", "territory": "Q", "n": 1}
    good_build = {"op": "build", "territory": "A", "n": 1}
    s1, report = run(board(), {"RED": [bad_move, bad_build, good_build]})
    assert_rejected(report, "RED", bad_move)
    assert_rejected(report, "RED", bad_build)
    assert len(rejected(report)) == 2
    assert forces(s1, "A") == {"RED": 6}            # 5 held + 1 built
    assert power(s1, "RED")["treasury"] == 13       # 10 - 1 (build) + 4 (A2 + B1 + E1)


def test_unknown_power_is_rejected():
    orders = [{"op": "declare_war", "target": "XXX"}, {"op": "offer_peace", "target": "XXX"},
              {"op": "transfer", "to": "XXX", "amount": 3}]
    s1, report = run(board(), {"RED": orders})
    for order in orders:
        assert_rejected(report, "RED", order)
    assert s1.to_json()["wars"] == []
    assert power(s1, "RED")["treasury"] == 14       # 10 + income 4, nothing given away
    assert leg(s1, "RED") == 72                     # 70, at peace +2: no aggression


def test_unknown_pact_is_rejected():
    orders = [{"op": "invoke", "pact": "P7"}, {"op": "withdraw", "pact": "P7"},
              {"op": "break", "pact": "P7"}]
    s1, report = run(board(), {"RED": orders})
    for order in orders:
        assert_rejected(report, "RED", order)
    assert leg(s1, "RED") == 72 and power(s1, "RED")["owed"] == 0   # no breach


def test_move_along_missing_edge_is_rejected():
    bad = move("A", "E", 3)                         # both RED's, but no A-E edge
    s1, report = run(board(), {"RED": [bad]})
    assert_rejected(report, "RED", bad)
    assert forces(s1, "A") == {"RED": 5} and forces(s1, "E") == {}


def test_moves_from_one_territory_beyond_its_units_reject_the_later_ones():
    # A holds 5: 3 + 3 = 6 > 5, so the later order is rejected and the first one stands.
    # (Ambiguity: with a third, smaller order, "the later ones" could mean every later order or
    # only those that do not fit; this test avoids the case.)
    first, second = move("A", "B", 3), move("A", "B", 3)
    s1, report = run(board(), {"RED": [first, second]})
    assert len(rejected(report, "RED")) == 1 and rejected(report, "RED")[0]["order"] == second
    assert forces(s1, "A") == {"RED": 2} and forces(s1, "B") == {"RED": 5}   # 2 + 3


def test_moves_are_checked_against_units_at_start_of_turn():
    # B holds 2 at the start; the 5 arriving from A do not count for B's own move orders.
    onward = move("B", "E", 4)
    s1, report = run(board(), {"RED": [move("A", "B", 5), onward]})
    assert_rejected(report, "RED", onward)
    assert forces(s1, "A") == {} and forces(s1, "B") == {"RED": 7} and forces(s1, "E") == {}


def test_declare_war_in_crisis_is_rejected():
    order = {"op": "declare_war", "target": "BLU"}
    s1, report = run(board(RED={"legitimacy": 24}), {"RED": [order]})  # 24 < crisis 25
    assert_rejected(report, "RED", order)
    assert not at_war(s1, "RED", "BLU")
    assert leg(s1, "RED") == 26                     # 24 + 2 at peace


def test_declare_war_at_the_crisis_threshold_is_accepted():
    s1, report = run(board(RED={"legitimacy": 25}), {"RED": [{"op": "declare_war", "target": "BLU"}]})
    assert report["rejected"] == []
    assert at_war(s1, "RED", "BLU")
    assert leg(s1, "RED") == 13                     # 25 - 10 aggression - 2 aggressor at war


def test_crisis_threshold_is_a_parameter():
    order = {"op": "declare_war", "target": "BLU"}
    s0 = start(TERRITORIES, EDGES,
               {"RED": {"territories": "A B E", "forces": {"A": 5}, "legitimacy": 35},
                "BLU": {"territories": "C D", "forces": {"C": 4}}},
               rules={"crisis": 40})
    s1, report = run(s0, {"RED": [order]})         # 35 < crisis 40
    assert_rejected(report, "RED", order)
    assert not at_war(s1, "RED", "BLU")


OFFENSIVE = {"kind": "offensive", "members": ["RED", "GRN"], "target": "BLU"}


def test_invoke_in_crisis_is_rejected():
    order = {"op": "invoke", "pact": "P1"}
    s1, report = run(board([OFFENSIVE], RED={"legitimacy": 20}), {"RED": [order]})
    assert_rejected(report, "RED", order)
    assert s1.to_json()["wars"] == []
    assert s1.to_json()["pacts"][0]["engaged_against"] == []


@pytest.mark.parametrize("kind", ["defensive", "non_aggression"])
def test_invoke_of_a_pact_that_is_not_offensive_is_rejected(kind):
    order = {"op": "invoke", "pact": "P1"}
    s1, report = run(board([{"kind": kind, "members": ["RED", "GRN"]}]), {"RED": [order]})
    assert_rejected(report, "RED", order)
    assert s1.to_json()["wars"] == []


def test_invoke_of_a_pact_the_issuer_does_not_belong_to_is_rejected():
    order = {"op": "invoke", "pact": "P1"}
    s1, report = run(board([OFFENSIVE]), {"YEL": [order]})
    assert_rejected(report, "YEL", order)
    assert s1.to_json()["wars"] == []


def test_invoke_of_an_ended_pact_is_rejected():
    order = {"op": "invoke", "pact": "P1"}
    s0 = with_pact_fields(board([OFFENSIVE]), "P1", status="ended")
    s1, report = run(s0, {"RED": [order]})
    assert_rejected(report, "RED", order)
    assert s1.to_json()["wars"] == []


def test_offer_peace_to_a_power_not_at_war_is_rejected():
    order = {"op": "offer_peace", "target": "BLU"}
    s1, report = run(board(), {"RED": [order]})
    assert_rejected(report, "RED", order)


def test_offer_peace_is_checked_against_wars_at_start_of_turn():
    # RED declares war and offers peace in the same turn; BLU offers peace back. At the start
    # of the turn they were not at war, so both offers are rejected and the war stands.
    red_offer, blu_offer = {"op": "offer_peace", "target": "BLU"}, {"op": "offer_peace", "target": "RED"}
    s1, report = run(board(), {"RED": [{"op": "declare_war", "target": "BLU"}, red_offer],
                               "BLU": [blu_offer]})
    assert_rejected(report, "RED", red_offer)
    assert_rejected(report, "BLU", blu_offer)
    assert at_war(s1, "RED", "BLU")


def test_build_in_a_territory_not_owned_is_rejected():
    order = {"op": "build", "territory": "C", "n": 1}
    s1, report = run(board(), {"RED": [order]})
    assert_rejected(report, "RED", order)
    assert forces(s1, "C") == {"BLU": 4}
    assert power(s1, "RED")["treasury"] == 14       # 10 + 4, nothing spent


def test_build_beyond_the_territory_value_is_rejected():
    too_many, ok = {"op": "build", "territory": "B", "n": 2}, {"op": "build", "territory": "B", "n": 1}
    s1, report = run(board(), {"RED": [too_many, ok]})  # B: value 1, not a capital: cap 1
    assert_rejected(report, "RED", too_many)
    assert len(rejected(report)) == 1
    assert forces(s1, "B") == {"RED": 3}            # 2 + 1


@pytest.mark.parametrize("n, accepted", [(4, True), (5, False)])
def test_build_cap_is_value_plus_two_in_own_capital(n, accepted):
    order = {"op": "build", "territory": "A", "n": n}  # A: value 2, RED's capital: cap 2 + 2 = 4
    s1, report = run(board(), {"RED": [order]})
    if accepted:
        assert report["rejected"] == [] and forces(s1, "A") == {"RED": 5 + n}
    else:
        assert_rejected(report, "RED", order)
        assert forces(s1, "A") == {"RED": 5}


def test_build_cap_counts_every_build_in_the_territory_this_turn():
    first, second = {"op": "build", "territory": "A", "n": 3}, {"op": "build", "territory": "A", "n": 2}
    s1, report = run(board(), {"RED": [first, second]})  # 3 + 2 = 5 > cap 4
    assert rejected_orders(report, "RED") == [second]
    assert forces(s1, "A") == {"RED": 8}


def test_capital_bonus_applies_only_in_the_builders_own_capital():
    # RED holds C, BLU's capital (value 2): its cap for RED is 2, not 4.
    def red_owns_c(doc):
        doc["territories"]["C"] = {"owner": "RED", "forces": {"RED": 1}}
    s0 = edit(board(), red_owns_c)
    too_many = {"op": "build", "territory": "C", "n": 3}
    s1, report = run(s0, {"RED": [too_many]})
    assert_rejected(report, "RED", too_many)
    s1, report = run(s0, {"RED": [{"op": "build", "territory": "C", "n": 2}]})
    assert report["rejected"] == [] and forces(s1, "C") == {"RED": 3}


def test_capital_build_bonus_is_a_parameter():
    s0 = start(TERRITORIES, EDGES, {"RED": {"territories": "A", "forces": {"A": 1}, "treasury": 10}},
               rules={"capital_build_bonus": 5})
    s1, report = run(s0, {"RED": [{"op": "build", "territory": "A", "n": 7}]})  # cap 2 + 5
    assert report["rejected"] == [] and forces(s1, "A") == {"RED": 8}


def test_builds_and_transfers_beyond_the_treasury_reject_the_later_ones():
    give, build = {"op": "transfer", "to": "GRN", "amount": 7}, {"op": "build", "territory": "A", "n": 4}
    s1, report = run(board(), {"RED": [give, build]})   # 7 + 4 = 11 > treasury 10
    assert rejected_orders(report, "RED") == [build]
    assert forces(s1, "A") == {"RED": 5}
    assert power(s1, "RED")["treasury"] == 7        # 10 - 7 + income 4
    assert power(s1, "GRN")["treasury"] == 8        # 0 + 7 + income 1


def test_build_before_transfer_in_the_list_keeps_the_build():
    build, give = {"op": "build", "territory": "A", "n": 4}, {"op": "transfer", "to": "GRN", "amount": 7}
    s1, report = run(board(), {"RED": [build, give]})   # 4 + 7 = 11 > 10: the transfer is later
    assert rejected_orders(report, "RED") == [give]
    assert forces(s1, "A") == {"RED": 9}
    assert power(s1, "RED")["treasury"] == 10       # 10 - 4 + income 4


def test_orders_of_an_eliminated_power_are_ignored():
    def yel_eliminated(doc):
        doc["powers"]["YEL"].update(eliminated=True, treasury=5)
        doc["territories"]["G"] = {"owner": None, "forces": {}}
    s0 = edit(board(), yel_eliminated)
    s1, _report = run(s0, {"YEL": [{"op": "transfer", "to": "RED", "amount": 5},
                                   {"op": "declare_war", "target": "GRN"}]})
    assert s1.to_json()["wars"] == []
    assert power(s1, "RED")["treasury"] == 14       # 10 + income 4, no gift
    assert leg(s1, "GRN") == 72                     # no war, so no rally: 70 + 2


def test_text_form_of_each_order():
    assert parse_order_text("BER -> WAR 10") == {"op": "move", "from": "BER", "to": "WAR", "n": 10}
    assert parse_order_text("war POL") == {"op": "declare_war", "target": "POL"}
    assert parse_order_text("invoke P1") == {"op": "invoke", "pact": "P1"}
    assert parse_order_text("peace POL") == {"op": "offer_peace", "target": "POL"}
    assert parse_order_text("withdraw P1") == {"op": "withdraw", "pact": "P1"}
    assert parse_order_text("break P1") == {"op": "break", "pact": "P1"}
    assert parse_order_text("build BER 3") == {"op": "build", "territory": "BER", "n": 3}
    assert parse_order_text("give ITA 5") == {"op": "transfer", "to": "ITA", "amount": 5}
    assert parse_orders_text("GER: BER -> WAR 10\nGER: war POL\n") == {
        "GER": [{"op": "move", "from": "BER", "to": "WAR", "n": 10},
                {"op": "declare_war", "target": "POL"}]}


def test_validation_uses_start_of_turn_treasury_not_this_turns_income_or_gifts():
    # GRN has 0 IP; BLU gives it 5 this turn. GRN's own transfer of 1 is beyond its treasury
    # at the start of the turn and is rejected.
    order = {"op": "transfer", "to": "YEL", "amount": 1}
    s1, report = run(board(), {"BLU": [{"op": "transfer", "to": "GRN", "amount": 5}],
                               "GRN": [order]})
    assert_rejected(report, "GRN", order)
    assert power(s1, "GRN")["treasury"] == 6        # 0 + 5 + income 1
    assert power(s1, "YEL")["treasury"] == 1        # 0 + income 1


def test_orders_of_a_war_started_earlier_still_need_a_valid_edge():
    # Sanity: an at-war move along a missing edge is rejected like any other.
    s0 = with_wars(board(), ("RED", "BLU", "RED"))
    bad = move("A", "C", 2)
    s1, report = run(s0, {"RED": [bad]})
    assert_rejected(report, "RED", bad)
    assert forces(s1, "C") == {"BLU": 4}


def test_power_state_fields_are_canonical():
    doc = board().to_json()
    assert list(doc["powers"]["RED"]) == ["treasury", "legitimacy", "owed", "kept",
                                          "credibility", "eliminated"]
    assert doc["powers"]["RED"] == {"treasury": 10, "legitimacy": 70, "owed": 0, "kept": 0,
                                    "credibility": 50, "eliminated": False}
    assert with_powers(board(), RED={"owed": 9, "kept": 7}).to_json()["powers"]["RED"][
        "credibility"] == 73                        # round(100 * 8 / 11) = round(72.7)
