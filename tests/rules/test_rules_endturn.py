"""RULES.md §5 step 8 and §6: units going home, elimination, victory (solo, coalition, turn
limit) and the scores."""

from __future__ import annotations

import pytest

from rules_helpers import events, forces, move, owner, pact, power, run, start, wars, with_wars


# --- units going home -------------------------------------------------------------------------

# R1 R2 R3 are RED's, B is BLU's. B touches R2, R3 and X; X touches R1.
HOME_T = ["R1", "R2", "R3", "B", "X"]
HOME_E = ["B-R2", "B-R3", "B-X", "X-R1"]


def test_units_in_a_former_allys_territory_go_home_to_the_nearest_owned_territory():
    s0 = start(["R1", "X", "B", "R2"], ["R1-X", "X-B", "B-R2"],
               {"RED": {"territories": "R1 R2", "forces": {"R1": 9, "B": 5}},
                "BLU": {"territories": "B X", "forces": {"B": 2}}},
               pacts=[{"kind": "defensive", "members": ["RED", "BLU"]}])
    s1, report = run(s0, {"RED": [{"op": "break", "pact": "P1"}]})
    # R2 is one edge from B, R1 two: the 5 go to R2 (though R1 holds more units).
    assert forces(s1, "B") == {"BLU": 2} and forces(s1, "R2") == {"RED": 5}
    assert [(e["power"], e["from"], e["to"], e["n"]) for e in events(report, "went_home")] == [
        ("RED", "B", "R2", 5)]


def test_going_home_ties_go_by_map_order():
    s0 = start(HOME_T, HOME_E,
               {"RED": {"territories": "R1 R2 R3", "forces": {"R3": 9, "B": 5}},
                "BLU": {"territories": "B X", "forces": {"B": 2}}},
               pacts=[{"kind": "defensive", "members": ["RED", "BLU"]}])
    s1, _ = run(s0, {"BLU": [{"op": "break", "pact": "P1"}]})
    assert forces(s1, "R2") == {"RED": 5} and forces(s1, "R3") == {"RED": 9}   # R2 before R3


def test_units_of_an_ally_stay():
    s0 = start(HOME_T, HOME_E,
               {"RED": {"territories": "R1 R2 R3", "forces": {"B": 5}},
                "BLU": {"territories": "B X", "forces": {"B": 2}}},
               pacts=[{"kind": "defensive", "members": ["RED", "BLU"]}])
    s1, report = run(s0, {})
    assert forces(s1, "B") == {"RED": 5, "BLU": 2} and events(report, "went_home") == []


def test_co_attackers_not_allied_with_the_captor_go_home():
    # RED and YEL (neither allies nor at war with each other) both attack BLU's B. RED, with
    # more survivors, takes it; YEL's survivors are guests of a power that is not their ally
    # and go home at step 8.
    s0 = start(["R", "Y", "B", "C"], ["R-B", "Y-B", "B-C"],
               {"RED": {"territories": "R", "forces": {"R": 10}},
                "YEL": {"territories": "Y", "forces": {"Y": 4}},
                "BLU": {"territories": "B C", "forces": {"B": 1}}})
    s0 = with_wars(s0, ("RED", "BLU", "RED"), ("YEL", "BLU", "YEL"))
    s1, report = run(s0, {"RED": [move("R", "B", 10)], "YEL": [move("Y", "B", 4)]})
    # a = 14 x .85 = 11.9 vs 1: k = .9973 -> 13.96 -> 14: RED 10, YEL 4 (no unit lost).
    assert owner(s1, "B") == "RED"
    assert forces(s1, "B") == {"RED": 10} and forces(s1, "Y") == {"YEL": 4}
    assert [(e["power"], e["from"], e["to"]) for e in events(report, "went_home")] == [("YEL", "B", "Y")]


# --- elimination ---------------------------------------------------------------------------


def elimination_board():
    # BLU owns only B; its ally GRN hosts 3 BLU units in G. RED takes B.
    s0 = start(["R", "B", {"id": "G", "value": 2}, {"id": "Y", "value": 2}], ["R-B", "B-G", "G-Y"],
               {"RED": {"territories": "R", "forces": {"R": 10}},
                "BLU": {"territories": "B", "forces": {"B": 1, "G": 3}},
                "GRN": {"territories": "G", "forces": {"G": 5}},
                "YEL": {"territories": "Y", "forces": {"Y": 5}}},
               pacts=[{"kind": "defensive", "members": ["BLU", "GRN"]},
                      {"kind": "defensive", "members": ["BLU", "GRN", "YEL"]}])
    return with_wars(s0, ("RED", "BLU", "RED"), ("BLU", "YEL", "BLU"))


def test_a_power_that_owns_no_territory_is_eliminated():
    s1, report = run(elimination_board(), {"RED": [move("R", "B", 10)]})
    assert owner(s1, "B") == "RED"
    assert power(s1, "BLU")["eliminated"] is True
    assert [e["power"] for e in events(report, "eliminated")] == ["BLU"]
    assert all(forces(s1, t).get("BLU", 0) == 0 for t in "RBGY")      # its units disband
    assert wars(s1) == {}                                               # its wars end
    assert pact(s1, "P1")["status"] == "ended"                          # left with one member
    assert pact(s1, "P2")["members"] == ["GRN", "YEL"] and pact(s1, "P2")["status"] == "active"


def test_an_eliminated_power_earns_nothing_and_its_orders_are_ignored():
    s1, _ = run(elimination_board(), {"RED": [move("R", "B", 10)]})
    t = power(s1, "BLU")["treasury"]
    s2, _ = run(s1, {"BLU": [{"op": "declare_war", "target": "GRN"}]})
    assert power(s2, "BLU")["treasury"] == t and wars(s2) == {}


# --- victory ------------------------------------------------------------------------------

# Total value 10: A 3 (RED), B 2 and C 2 (BLU), D 3 (GRN).
WIN_T = [{"id": "A", "value": 3}, {"id": "B", "value": 2}, {"id": "C", "value": 2},
         {"id": "D", "value": 3}]
WIN_E = ["A-B", "B-C", "C-D"]


def win_board(pacts=None, red=None, blu=None, grn=None, **kwargs):
    powers = {"RED": {"territories": "A", "forces": {"A": 5}, **(red or {})},
              "BLU": {"territories": "B C", "forces": {"C": 1}, **(blu or {})},
              "GRN": {"territories": "D", "forces": {"D": 1}, **(grn or {})}}
    return start(WIN_T, WIN_E, powers, pacts=pacts, **kwargs)


def test_solo_victory_at_the_victory_share():
    s0 = with_wars(win_board(), ("RED", "BLU", "RED"))
    s1, report = run(s0, {"RED": [move("A", "B", 5)]})
    # RED owns A 3 + B 2 = 5 >= 0.5 x 10. Scores: 10 x value + C / 5 (C = 50 for everyone):
    # RED 50 + 10, BLU 20 + 10, GRN 30 + 10.
    assert s1.to_json()["winner"] == {"kind": "solo", "powers": ["RED"],
                                      "scores": {"RED": 60, "BLU": 30, "GRN": 40}}
    assert [e["kind"] for e in events(report, "victory")] == ["solo"]


def test_no_victory_below_the_victory_share():
    s1, report = run(win_board(), {})              # BLU 4 of 10 at most
    assert s1.to_json()["winner"] is None and events(report, "victory") == []
    assert s1.to_json()["turn"] == 2               # the turn number advances


def test_victory_share_is_a_parameter():
    s1, _ = run(win_board(rules={"victory_share": 0.4}), {})
    assert s1.to_json()["winner"]["kind"] == "solo"
    assert s1.to_json()["winner"]["powers"] == ["BLU"]   # 4 >= 0.4 x 10; RED and GRN have 3


COALITION_T = [{"id": "A", "value": 4}, {"id": "B", "value": 3}, {"id": "C", "value": 3}]
COALITION_E = ["A-B", "B-C"]


def coalition_board(kind="defensive", **kwargs):
    # RED 4 + BLU 3 = 7 of 10 >= 0.7; neither alone reaches 5.
    extra = {"target": "GRN"} if kind == "offensive" else {}
    return start(COALITION_T, COALITION_E,
                 {"RED": {"territories": "A", "forces": {"A": 1}},
                  "BLU": {"territories": "B", "forces": {"B": 1}},
                  "GRN": {"territories": "C", "forces": {"C": 1}}},
                 pacts=[{"kind": kind, "members": ["RED", "BLU"], **extra}], **kwargs)


@pytest.mark.parametrize("kind", ["defensive", "offensive"])
def test_coalition_victory_of_the_members_of_one_active_pact(kind):
    s1, report = run(coalition_board(kind, coalition_victory=True), {})
    winner = s1.to_json()["winner"]
    assert winner["kind"] == "coalition" and winner["powers"] == ["RED", "BLU"]
    # scores: 10 x value + C / 5: RED 40 + 10, BLU 30 + 10, GRN 30 + 10.
    assert winner["scores"] == {"RED": 50, "BLU": 40, "GRN": 40}


def test_no_coalition_victory_unless_the_scenario_enables_it():
    s1, _ = run(coalition_board(), {})
    assert s1.to_json()["winner"] is None


def test_coalition_share_is_a_parameter():
    s1, _ = run(coalition_board(coalition_victory=True, rules={"coalition_share": 0.8}), {})
    assert s1.to_json()["winner"] is None           # 7 < 8


def test_coalition_victory_counts_any_active_pact():
    # Ambiguity: "coalition" suggests an alliance, but the text says "one active pact".
    s1, _ = run(coalition_board("non_aggression", coalition_victory=True), {})
    winner = s1.to_json()["winner"]
    assert winner is not None and winner["kind"] == "coalition"
    assert winner["powers"] == ["RED", "BLU"]


def test_turn_limit_ends_the_game_with_scores():
    # scores = 10 x owned value + C / 5 + objective points for territories held.
    s0 = start(WIN_T, WIN_E,
               {"RED": {"territories": "A", "forces": {"A": 1}, "owed": 9, "kept": 7},
                "BLU": {"territories": "B C", "forces": {"C": 1}, "objectives": {"C": 7, "D": 9}},
                "GRN": {"territories": "D", "forces": {"D": 1}, "owed": 2, "kept": 0}},
               max_turns=2)
    s1, _ = run(s0, {})
    assert s1.to_json()["winner"] is None
    s2, report = run(s1, {})
    winner = s2.to_json()["winner"]
    # RED: 30 + 73/5 = 44.6 (C = round(800/11) = 73); BLU: 40 + 50/5 + 7 (holds C, not D) = 57;
    # GRN: 30 + 25/5 = 35 (C = round(100/4) = 25).
    assert winner["kind"] == "turn_limit"
    assert winner["scores"] == pytest.approx({"RED": 44.6, "BLU": 57, "GRN": 35})
    assert winner["powers"] == ["BLU"]
    assert [e["kind"] for e in events(report, "victory")] == ["turn_limit"]


def test_max_turns_is_a_rules_parameter():
    s1, _ = run(win_board(rules={"max_turns": 1}), {})
    assert s1.to_json()["winner"]["kind"] == "turn_limit"


def test_credibility_in_scores_is_recomputed_at_the_end_of_the_turn():
    # GRN breaks a pact in the last turn: its record becomes (1, 0), C = 33: 30 + 33/5 = 36.6.
    s0 = win_board(pacts=[{"kind": "non_aggression", "members": ["GRN", "BLU"]}], rules={"max_turns": 1})
    s1, _ = run(s0, {"GRN": [{"op": "break", "pact": "P1"}]})
    assert power(s1, "GRN")["credibility"] == 33
    assert s1.to_json()["winner"]["scores"]["GRN"] == pytest.approx(36.6)


def test_state_json_round_trips_to_the_same_bytes():
    # §8: the canonical JSON is read and written by tools; equal states serialise identically.
    from game.engine import canonical_dumps, state_from_json
    s0 = with_wars(win_board(pacts=[{"kind": "defensive", "members": ["RED", "GRN"], "name": "E"}]),
                   ("RED", "BLU", "RED"))
    s1, _ = run(s0, {"RED": [move("A", "B", 2), {"op": "withdraw", "pact": "P1"}]})
    doc = s1.to_json()
    again = state_from_json(doc, s1.scenario)
    assert canonical_dumps(again.to_json()) == canonical_dumps(doc)
    assert doc["wars"] == [{"between": ["RED", "BLU"], "aggressor": "RED"}]
    assert doc["pacts"][0]["withdrawing"] == {"RED": 2} and doc["pacts"][0]["name"] == "E"
    assert list(doc) == ["turn", "seed", "label", "powers", "territories", "wars", "pacts", "winner"]
