"""RULES.md §5 step 2: peace pacts (ending wars, transfers, truce), mutual peace offers, and the
breach of a separate peace.

The board is a complete graph of plains (value 1): RED owns R1, R2; BLU owns B1, B2; GRN owns
G; YEL owns Y. Every territory touches every other, so every audit (step 6) is kept.
"""

from __future__ import annotations

import itertools

from rules_helpers import (at_war, events, forces, leg, owner, pact, record, run, start,
                           wars, with_pact_fields, with_wars, edit)

TERRITORIES = ["R1", "R2", "B1", "B2", "G", "Y"]
EDGES = [f"{a}-{b}" for a, b in itertools.combinations(TERRITORIES, 2)]
POWERS = {"RED": {"territories": "R1 R2", "forces": {"R1": 10}},
          "BLU": {"territories": "B1 B2", "forces": {"B1": 10, "B2": 3}},
          "GRN": {"territories": "G", "forces": {"G": 10}},
          "YEL": {"territories": "Y", "forces": {"Y": 10}}}


def board(pacts=None, **kwargs):
    return start(TERRITORIES, EDGES, POWERS, pacts=pacts, **kwargs)


def peace(side_a, side_b, **terms):
    return {"kind": "peace", "sides": [list(side_a), list(side_b)], **terms}


def offer(target):
    return {"op": "offer_peace", "target": target}


def power_treasury(state, pid):
    return state.to_json()["powers"][pid]["treasury"]


def test_peace_pact_ends_the_war_between_its_sides():
    s0 = with_wars(board(), ("RED", "BLU", "RED"))
    s1, report = run(s0, {}, signed=[peace(["RED"], ["BLU"])])
    assert wars(s1) == {}
    assert [set(e["between"]) for e in events(report, "peace")] == [{"RED", "BLU"}]
    p1 = pact(s1, "P1")
    assert (p1["kind"], p1["status"], p1["truce"]) == ("peace", "active", 4)
    assert p1["sides"] == [["RED"], ["BLU"]] and set(p1["members"]) == {"RED", "BLU"}
    assert leg(s1, "RED") == 72 and leg(s1, "BLU") == 72     # both at peace at step 7: +2


def test_peace_pact_ends_only_wars_between_one_side_and_the_other():
    s0 = with_wars(board(), ("RED", "BLU", "RED"), ("GRN", "BLU", "GRN"), ("RED", "YEL", "RED"),
                   ("RED", "GRN", "RED"))
    s1, _ = run(s0, {}, signed=[peace(["RED", "GRN"], ["BLU"])])
    # RED-YEL: YEL is not a party; RED-GRN: both on the same side.
    assert wars(s1) == {frozenset({"RED", "YEL"}): "RED", frozenset({"RED", "GRN"}): "RED"}


def test_peace_transfers_territory_owned_by_the_giving_side():
    s0 = with_wars(board(), ("RED", "BLU", "RED"))
    s1, report = run(s0, {}, signed=[peace(["RED"], ["BLU"], transfers=[{"territory": "B2", "to": "RED"}])])
    assert owner(s1, "B2") == "RED"
    ceded = events(report, "ceded")
    assert len(ceded) == 1 and ceded[0]["territory"] == "B2" and ceded[0]["to"] == "RED"
    assert power_treasury(s1, "RED") == 3 and power_treasury(s1, "BLU") == 1  # income R1 R2 B2; B1


def test_transfers_go_to_either_side():
    s0 = with_wars(board(), ("RED", "BLU", "RED"))
    s1, _ = run(s0, {}, signed=[peace(["RED"], ["BLU"], transfers=[
        {"territory": "B2", "to": "RED"}, {"territory": "R2", "to": "BLU"}])])
    assert owner(s1, "B2") == "RED" and owner(s1, "R2") == "BLU"


def test_transfer_of_a_territory_the_giving_side_no_longer_owns_is_skipped():
    def yel_holds_b2(doc):
        doc["territories"]["B2"] = {"owner": "YEL", "forces": {"YEL": 2}}
    s0 = edit(with_wars(board(), ("RED", "BLU", "RED")), yel_holds_b2)
    s1, report = run(s0, {}, signed=[peace(["RED"], ["BLU"], transfers=[{"territory": "B2", "to": "RED"}])])
    assert owner(s1, "B2") == "YEL"
    assert events(report, "ceded") == []
    assert wars(s1) == {}                           # the rest of the pact still applies


def test_units_in_a_ceded_territory_go_home_at_end_of_turn():
    # BLU's 3 units in B2 are left in a territory of RED, neither ally nor enemy any more:
    # step 8 sends them to BLU's nearest territory, B1 (one edge away).
    s0 = with_wars(board(), ("RED", "BLU", "RED"))
    s1, report = run(s0, {}, signed=[peace(["RED"], ["BLU"], transfers=[{"territory": "B2", "to": "RED"}])])
    assert forces(s1, "B2") == {}
    assert forces(s1, "B1") == {"BLU": 13}
    went = events(report, "went_home")
    assert [(e["power"], e["from"], e["to"], e["n"]) for e in went] == [("BLU", "B2", "B1", 3)]


def test_peace_pact_binds_as_non_aggression_during_the_truce():
    s0 = with_wars(board(), ("RED", "BLU", "RED"))
    s1, _ = run(s0, {}, signed=[peace(["RED"], ["BLU"])])
    s2, report = run(s1, {"RED": [{"op": "declare_war", "target": "BLU"}]})
    broken = events(report, "pact_broken")
    assert [(e["pact"], e["power"]) for e in broken] == [("P1", "RED")]
    assert pact(s2, "P1")["status"] == "ended"      # left with one party
    assert record(s2, "RED") == (1, 0, 33)
    assert leg(s2, "RED") == 55                     # 72 - 5 breach - 10 aggression - 2 aggressor
    assert at_war(s2, "RED", "BLU")


def test_truce_ends_after_its_number_of_turns():
    # truce 2, signed turn 1: binds in turns 1 and 2, ends at step 1 of turn 3.
    s0 = with_wars(board(), ("RED", "BLU", "RED"))
    s1, _ = run(s0, {}, signed=[peace(["RED"], ["BLU"], truce=2)])
    s2, _ = run(s1, {})
    assert pact(s2, "P1")["status"] == "active"
    s3, report = run(s2, {"RED": [{"op": "declare_war", "target": "BLU"}]})
    assert pact(s3, "P1")["status"] == "ended"
    assert events(report, "pact_broken") == []
    assert record(s3, "RED") == (0, 0, 50)
    assert leg(s3, "RED") == 62                     # 72, 74, then 74 - 10 - 2


def test_default_truce_is_four_turns():
    s = with_wars(board(), ("RED", "BLU", "RED"))
    s, _ = run(s, {}, signed=[peace(["RED"], ["BLU"])])
    for _ in range(3):                              # turns 2, 3, 4
        s, _ = run(s, {})
    assert pact(s, "P1")["status"] == "active"
    s, _ = run(s, {})                               # turn 5
    assert pact(s, "P1")["status"] == "ended"


def test_default_truce_is_a_parameter():
    s0 = with_wars(board(rules={"truce": 1}), ("RED", "BLU", "RED"))
    s1, _ = run(s0, {}, signed=[peace(["RED"], ["BLU"])])
    assert pact(s1, "P1")["truce"] == 1
    s2, report = run(s1, {"RED": [{"op": "declare_war", "target": "BLU"}]})
    assert events(report, "pact_broken") == [] and record(s2, "RED") == (0, 0, 50)


def test_peace_with_truce_zero_does_not_bind_afterwards():
    # "act as a non-aggression pact for truce turns": with truce 0 it binds for no turn at all.
    s0 = with_wars(board(), ("RED", "BLU", "RED"))
    s1, _ = run(s0, {}, signed=[peace(["RED"], ["BLU"], truce=0)])
    assert wars(s1) == {}
    s2, report = run(s1, {"RED": [{"op": "declare_war", "target": "BLU"}]})
    assert events(report, "pact_broken") == []
    assert record(s2, "RED") == (0, 0, 50)
    assert leg(s2, "RED") == 60                     # 72 - 10 - 2, no breach


def test_mutual_peace_offers_end_the_war():
    s0 = with_wars(board(), ("RED", "BLU", "RED"))
    s1, report = run(s0, {"RED": [offer("BLU")], "BLU": [offer("RED")]})
    assert wars(s1) == {}
    peace_events = events(report, "peace")
    assert len(peace_events) == 1 and set(peace_events[0]["between"]) == {"RED", "BLU"}
    assert s1.to_json()["pacts"] == []              # no pact, so no truce


def test_one_sided_peace_offer_does_not_end_the_war():
    s0 = with_wars(board(), ("RED", "BLU", "RED"))
    s1, report = run(s0, {"RED": [offer("BLU")]})
    assert at_war(s1, "RED", "BLU") and events(report, "peace") == []
    assert leg(s1, "RED") == 68                     # still the aggressor at war: -2


def engaged_alliance():
    """P1: RED + BLU, engaged against GRN, who attacked RED; BLU joined by trigger."""
    s0 = board([{"kind": "defensive", "members": ["RED", "BLU"]}])
    s0 = with_wars(s0, ("GRN", "RED", "GRN"), ("BLU", "GRN", None))
    return with_pact_fields(s0, "P1", engaged_against=["GRN"])


def test_separate_peace_breaches_the_engaged_pact():
    s1, report = run(engaged_alliance(), {"RED": [offer("GRN")], "GRN": [offer("RED")]})
    broken = events(report, "pact_broken")
    assert [(e["pact"], e["power"], e["reason"]) for e in broken] == [("P1", "RED", "separate_peace")]
    assert pact(s1, "P1")["status"] == "ended"      # left with one member
    assert record(s1, "RED") == (1, 0, 33)
    assert leg(s1, "RED") == 67                     # 70 - 5 (as a break) + 2 at peace
    assert wars(s1) == {frozenset({"BLU", "GRN"}): None}
    assert leg(s1, "BLU") == 69 and record(s1, "BLU") == (0, 0, 50)   # P1 ended: no audit


def test_separate_peace_through_a_peace_pact_is_a_breach():
    s1, report = run(engaged_alliance(), {}, signed=[peace(["RED"], ["GRN"])])
    assert [(e["power"], e["reason"]) for e in events(report, "pact_broken")] == [
        ("RED", "separate_peace")]
    assert record(s1, "RED") == (1, 0, 33) and leg(s1, "RED") == 67


def test_making_peace_together_is_not_a_separate_peace():
    s1, report = run(engaged_alliance(), {"RED": [offer("GRN")], "BLU": [offer("GRN")],
                                          "GRN": [offer("RED"), offer("BLU")]})
    assert events(report, "pact_broken") == []
    assert wars(s1) == {}
    p1 = pact(s1, "P1")
    assert p1["status"] == "active" and p1["engaged_against"] == []   # nobody at war with GRN
    assert record(s1, "RED") == (0, 0, 50) and leg(s1, "RED") == 72


def test_peace_with_an_enemy_the_pact_is_not_engaged_against_is_no_breach():
    s0 = with_wars(engaged_alliance(), ("RED", "YEL", "RED"))
    s1, report = run(s0, {"RED": [offer("YEL")], "YEL": [offer("RED")]})
    assert events(report, "pact_broken") == []
    assert pact(s1, "P1")["members"] == ["RED", "BLU"]
    assert at_war(s1, "RED", "GRN") and not at_war(s1, "RED", "YEL")


def test_separate_peace_binds_both_sides_of_the_peace():
    # GRN is itself in P2 with YEL, engaged against RED (YEL at war with RED). When RED and GRN
    # make peace, each leaves a war its partner is still fighting: both breach.
    s0 = board([{"kind": "defensive", "members": ["RED", "BLU"]},
                {"kind": "defensive", "members": ["GRN", "YEL"]}])
    s0 = with_wars(s0, ("GRN", "RED", "GRN"), ("BLU", "GRN", None), ("YEL", "RED", "YEL"))
    s0 = with_pact_fields(with_pact_fields(s0, "P1", engaged_against=["GRN"]), "P2",
                          engaged_against=["RED"])
    s1, report = run(s0, {"RED": [offer("GRN")], "GRN": [offer("RED")]})
    broken = {(e["pact"], e["power"], e["reason"]) for e in events(report, "pact_broken")}
    assert broken == {("P1", "RED", "separate_peace"), ("P2", "GRN", "separate_peace")}
    assert record(s1, "RED")[:2] == (1, 0) and record(s1, "GRN")[:2] == (1, 0)


def test_declaring_war_in_the_turn_of_the_peace_breaks_the_truce():
    # Step 2 makes peace, step 3 then adjudicates RED's declaration against a truce partner.
    s0 = with_wars(board(), ("RED", "BLU", "RED"))
    s1, report = run(s0, {"RED": [{"op": "declare_war", "target": "BLU"}]},
                     signed=[peace(["RED"], ["BLU"])])
    assert [(e["pact"], e["power"]) for e in events(report, "pact_broken")] == [("P1", "RED")]
    assert wars(s1) == {frozenset({"RED", "BLU"}): "RED"}
    assert record(s1, "RED") == (1, 0, 33)
    assert leg(s1, "RED") == 53                     # 70 - 5 - 10 - 2


def _pact_ids_breached_by(s0, terms, power):
    """The pacts the engine breaches for ``power`` when ``terms`` are signed on ``s0``."""
    _, report = run(s0, {}, signed=[terms])
    return sorted(e["pact"] for e in events(report, "pact_broken")
                  if e["power"] == power and e["reason"] == "separate_peace")


def test_the_proposal_sheet_foresees_exactly_the_separate_peaces_step_2_breaches():
    # One rule, two readers: the foresight (from a seat's view, before signing) and step 2 (on
    # the state after the peace). Every peace on these boards must be flagged exactly when the
    # engine breaches, and the flag must name the partners who fight on.
    from game.engine.foresight import pact_conflicts
    from game.engine.view import view

    both = board([{"kind": "defensive", "members": ["RED", "BLU"]},
                  {"kind": "defensive", "members": ["GRN", "YEL"]}])
    both = with_wars(both, ("GRN", "RED", "GRN"), ("BLU", "GRN", None), ("YEL", "RED", "YEL"))
    both = with_pact_fields(with_pact_fields(both, "P1", engaged_against=["GRN"]), "P2",
                            engaged_against=["RED"])
    cases = [
        (engaged_alliance(), peace(["RED"], ["GRN"]), "RED", ["P1"]),
        (engaged_alliance(), peace(["RED", "BLU"], ["GRN"]), "RED", []),
        (engaged_alliance(), peace(["GRN"], ["RED"]), "GRN", []),
        (with_pact_fields(engaged_alliance(), "P1", engaged_against=[]), peace(["RED"], ["GRN"]),
         "RED", []),
        (both, peace(["RED"], ["GRN"]), "RED", ["P1"]),
        (both, peace(["RED"], ["GRN"]), "GRN", ["P2"]),
        (both, peace(["RED"], ["GRN", "YEL"]), "GRN", []),
    ]
    for s0, terms, power, breached in cases:
        assert _pact_ids_breached_by(s0, terms, power) == breached, (terms, power)
        flagged = [c for c in pact_conflicts(view(s0, power), power, terms)
                   if c.startswith("a separate peace")]
        assert len(flagged) == len(breached), (terms, power, flagged)
