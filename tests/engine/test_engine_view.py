"""RULES.md §7: what each seat sees. Nothing a seat may not see is in its view or report."""

from __future__ import annotations

import json

from builders import events, move, start
from game.engine import adjudicate
from game.engine.view import SPECTATOR, UMPIRE, view, view_report

# A line A-B-C-D-E-F: RED holds A B, BLU holds E F, GRN holds C D. RED and GRN are allies.
LINE = "A B C D E F"
EDGES = ["A-B", "B-C", "C-D", "D-E", "E-F"]


def line_state(fog: bool = True, secret_pact: bool = False):
    pacts = [{"kind": "defensive", "members": ["RED", "GRN"]}]
    if secret_pact:
        pacts.append({"kind": "non_aggression", "members": ["BLU", "GRN"], "secret": True,
                      "name": "Back channel"})
    return start(LINE, EDGES, {
        "RED": {"territories": "A B", "forces": {"A": 5, "B": 4}, "treasury": 7},
        "GRN": {"territories": "C", "forces": {"C": 3}, "treasury": 8},
        "BLU": {"territories": "E F", "forces": {"E": 6, "F": 2}, "treasury": 9},
    }, pacts=pacts, neutral={"D": 2}, rules={"fog": fog})


def test_fog_shows_units_only_in_own_and_allied_territories_and_their_neighbours():
    doc = view(line_state(), "RED")
    # RED and its ally GRN own A, B, C; their neighbours add D.
    seen = {t for t, terr in doc["territories"].items() if terr["forces"] is not None}
    assert seen == {"A", "B", "C", "D"}
    assert doc["territories"]["D"]["forces"] == {"neutral": 2}
    assert doc["territories"]["E"] == {"owner": "BLU", "forces": None}


def test_fog_hides_treasuries_of_powers_that_are_not_allies():
    powers = view(line_state(), "RED")["powers"]
    assert powers["RED"]["treasury"] == 7
    assert powers["GRN"]["treasury"] == 8
    assert powers["BLU"]["treasury"] is None
    # Legitimacy and credibility are public.
    assert powers["BLU"]["legitimacy"] == 70 and powers["BLU"]["credibility"] == 50


def test_without_fog_everyone_sees_every_unit_and_treasury():
    doc = view(line_state(fog=False), "BLU")
    assert doc["territories"]["A"]["forces"] == {"RED": 5}
    assert doc["powers"]["RED"]["treasury"] == 7


def test_spectator_under_fog_sees_ownership_but_no_units():
    doc = view(line_state(), SPECTATOR)
    assert all(t["forces"] is None for t in doc["territories"].values())
    assert doc["territories"]["A"]["owner"] == "RED"
    assert all(p["treasury"] is None for p in doc["powers"].values())


def test_umpire_sees_everything_including_the_seed():
    state = line_state(secret_pact=True)
    doc = view(state, UMPIRE)
    assert doc["seed"] == state.seed
    assert doc["territories"]["E"]["forces"] == {"BLU": 6}
    assert len(doc["pacts"]) == 2


def test_players_never_see_the_seed():
    for seat in ("RED", "BLU", SPECTATOR):
        assert "seed" not in view(line_state(), seat)


def test_secret_pact_is_visible_only_to_its_members():
    state = line_state(secret_pact=True)
    assert [p["id"] for p in view(state, "BLU")["pacts"]] == ["P1", "P2"]
    assert [p["id"] for p in view(state, "GRN")["pacts"]] == ["P1", "P2"]
    assert [p["id"] for p in view(state, "RED")["pacts"]] == ["P1"]
    assert "Back channel" not in json.dumps(view(state, "RED"))


def test_secret_pact_signed_this_turn_is_reported_only_to_its_members():
    state = line_state()
    secret = {"kind": "non_aggression", "members": ["BLU", "GRN"], "secret": True}
    after, report = adjudicate(state, {}, [secret])
    assert len(events(report, "pact_signed")) == 1
    for seat, expected in (("BLU", 1), ("GRN", 1), ("RED", 0), (SPECTATOR, 0)):
        seen = view_report(report, state, after, seat)
        assert len(events(seen, "pact_signed")) == expected, seat


def test_triggered_secret_pact_is_revealed_to_all():
    state = start("A B C", ["A-B", "B-C"], {
        "RED": {"territories": "A", "forces": {"A": 5}},
        "GRN": {"territories": "B", "forces": {"B": 3}},
        "BLU": {"territories": "C", "forces": {"C": 3}},
    }, pacts=[{"kind": "defensive", "members": ["GRN", "BLU"], "secret": True}],
        rules={"fog": True})
    assert view(state, "RED")["pacts"] == []
    after, report = adjudicate(state, {"RED": [{"op": "declare_war", "target": "GRN"}]})
    pacts = view(after, "RED")["pacts"]
    assert [(p["id"], p["revealed"]) for p in pacts] == [("P1", True)]
    assert len(events(view_report(report, state, after, "RED"), "pact_triggered")) == 1


def test_report_hides_battles_the_seat_cannot_see():
    state = start("A B C D E F", ["A-B", "B-C", "C-D", "D-E", "E-F"], {
        "RED": {"territories": "A", "forces": {"A": 3}},
        "BLU": {"territories": "E", "forces": {"E": 6}},
        "GRN": {"territories": "F", "forces": {"F": 2}},
    }, rules={"fog": True})
    orders = {"BLU": [{"op": "declare_war", "target": "GRN"}, move("E", "F", 6)]}
    after, report = adjudicate(state, orders)
    assert len(events(report, "battle")) == 1
    red = view_report(report, state, after, "RED")
    assert events(red, "battle") == [] and events(red, "moved") == []
    # The war itself and the capture are public.
    assert len(events(red, "war_declared")) == 1
    assert len(events(red, "captured")) == 1
    grn = view_report(report, state, after, "GRN")
    assert len(events(grn, "battle")) == 1


def test_report_shows_each_power_only_its_own_rejected_orders():
    state = line_state()
    orders = {"RED": [move("A", "F", 1)], "BLU": [{"op": "build", "territory": "A", "n": 1}]}
    after, report = adjudicate(state, orders)
    assert [r["power"] for r in report["rejected"]] == ["RED", "BLU"]
    assert [r["power"] for r in view_report(report, state, after, "RED")["rejected"]] == ["RED"]
    assert view_report(report, state, after, SPECTATOR)["rejected"] == []


def test_transfers_are_reported_only_to_the_parties_and_their_allies():
    state = line_state()
    after, report = adjudicate(state, {"BLU": [{"op": "transfer", "to": "GRN", "amount": 3}]})
    assert len(events(report, "transfer")) == 1
    for seat, expected in (("BLU", 1), ("GRN", 1), ("RED", 1), (SPECTATOR, 0)):
        assert len(events(view_report(report, state, after, seat), "transfer")) == expected


def test_serving_every_seat_leaves_the_state_and_other_views_unchanged():
    state = line_state(secret_pact=True)
    canonical = state.to_json()
    first = {seat: json.dumps(view(state, seat)) for seat in ("RED", "BLU", "GRN", SPECTATOR, UMPIRE)}
    again = {seat: json.dumps(view(state, seat)) for seat in reversed(list(first))}
    assert first == again
    assert state.shared_json() == canonical == state.to_json()
    assert json.loads(first["RED"])["territories"]["E"]["forces"] is None
    assert json.loads(first[UMPIRE])["territories"]["E"]["forces"] == {"BLU": 6}
