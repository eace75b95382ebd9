"""Injects: scripted in the scenario by turn and condition, or ad hoc from the umpire; each
an event that changes exactly what its kind says, told to its targets."""

from __future__ import annotations

import pytest

from game.maps.check import check_scenario
from game.match import ANALYST, SPECTATOR, UMPIRE, Match
from game.world_edits.injects import inject_problems
from test_workshop_edits import changes
from workshop_support import SECRET_BLU_GRN, frames_for, refused, workshop

POWERS = ["RED", "BLU", "GRN"]
PLACES = ["R", "B", "G", "X"]


@pytest.mark.parametrize("inject, expected", [
    ({"kind": "economic_crisis", "targets": ["RED", "GRN"], "amount": 3},
     {"/powers/RED/treasury": (5, 2), "/powers/GRN/treasury": (5, 2)}),
    ({"kind": "economic_crisis", "amount": 9},
     {"/powers/RED/treasury": (5, 0), "/powers/BLU/treasury": (5, 0),
      "/powers/GRN/treasury": (5, 0)}),
    ({"kind": "scandal", "targets": ["BLU"], "amount": 15},
     {"/powers/BLU/legitimacy": (70, 55)}),
    ({"kind": "leak", "targets": ["GRN"]}, {"/pacts/0/revealed": (False, True)}),
    ({"kind": "leak", "pact": "P1"}, {"/pacts/0/revealed": (False, True)}),
    ({"kind": "announcement", "text": "Talks in Geneva."}, {}),
    ({"kind": "border_incident", "powers": ["RED", "BLU"], "territory": "B"}, {}),
])
def test_each_inject_changes_exactly_what_its_kind_says(inject, expected):
    match = workshop(pacts=[SECRET_BLU_GRN])
    before = match.state.to_json()
    match.inject(UMPIRE, inject, 1.0)
    assert changes(before, match.state.to_json()) == expected
    assert match.log[-1]["type"] == "inject" and match.log[-1]["source"] == "umpire"
    assert Match.replay(match.log).state.hash() == match.state.hash()


def test_a_targeted_inject_is_told_to_its_targets_and_the_insiders_only():
    match = workshop()
    outcome = match.inject(UMPIRE, {"kind": "scandal", "targets": ["BLU"], "amount": 5,
                                    "title": "Bribes"}, 1.0)
    notices = {seat: [m for m in frames_for(outcome.pushes, seat) if m["type"] == "inject"]
               for seat in ("RED", "BLU", "GRN", SPECTATOR, UMPIRE, ANALYST)}
    assert notices["RED"] == notices["GRN"] == notices[SPECTATOR] == []
    (blu,) = notices["BLU"]
    assert blu == {"type": "inject", "turn": 1, "at": 1.0, "source": "umpire", "kind": "scandal",
                   "targets": ["BLU"], "amount": 5, "title": "Bribes",
                   "text": "A scandal breaks for BLU: legitimacy −5."}
    assert notices[UMPIRE] == notices[ANALYST] == [blu]
    # Everyone's view changes (legitimacy is public), so everyone gets a fresh view.
    (view,) = [m for m in frames_for(outcome.pushes, "RED") if m["type"] == "view"]
    assert view["view"]["powers"]["BLU"]["legitimacy"] == 65


def test_injects_told_before_a_seat_joined_are_in_its_snapshot():
    match = workshop(injects=[{"turn": 1, "text": "The conference opens."}])
    match.inject(UMPIRE, {"kind": "scandal", "targets": ["BLU"], "amount": 5}, 1.0)
    assert [m["text"] for m in match.snapshot("RED")["injects"]] == ["The conference opens."]
    assert [m["text"] for m in match.snapshot(SPECTATOR)["injects"]] == [
        "The conference opens."]
    assert [m["kind"] for m in match.snapshot("BLU")["injects"]] == ["announcement", "scandal"]
    assert [m["kind"] for m in match.snapshot(ANALYST)["injects"]] == ["announcement",
                                                                       "scandal"]
    assert match.snapshot("BLU")["injects"][0] == {
        "type": "inject", "turn": 1, "at": 0.0, "source": "scenario", "kind": "announcement",
        "targets": "all", "text": "The conference opens."}


def test_a_leak_reveals_the_pact_to_everyone():
    match = workshop(pacts=[SECRET_BLU_GRN])
    assert match.snapshot("RED")["view"]["pacts"] == []
    outcome = match.inject(UMPIRE, {"kind": "leak", "text": "Documents surface."}, 1.0)
    (notice,) = [m for m in frames_for(outcome.pushes, SPECTATOR) if m["type"] == "inject"]
    alias = match.aliases.alias("P1")
    assert notice["pacts"] == [alias] and notice["text"] == "Documents surface."
    assert [p["id"] for p in match.snapshot("RED")["view"]["pacts"]] == [alias]
    (told,) = [m for m in frames_for(outcome.pushes, UMPIRE) if m["type"] == "inject"]
    assert told["pacts"] == ["P1"]
    assert "no unrevealed secret pact" in refused("bad_inject", match.inject, UMPIRE,
                                                  {"kind": "leak"}, 2.0)


@pytest.mark.parametrize("inject, problem", [
    ({"kind": "earthquake"}, "kind must be one of"),
    ({"kind": "scandal", "targets": ["BLU"]}, "needs amount"),
    ({"kind": "economic_crisis", "amount": 0}, "needs amount"),
    ({"kind": "announcement", "text": "x", "amount": 3}, "amount is for"),
    ({"kind": "announcement"}, "needs text"),
    ({"kind": "announcement", "text": "x", "targets": ["NOPE"]}, "targets must be"),
    ({"kind": "announcement", "text": "x", "targets": []}, "targets must be"),
    ({"kind": "border_incident", "powers": ["RED"]}, "the two powers"),
    ({"kind": "border_incident", "powers": ["RED", "BLU"], "territory": "Q"}, "not on the map"),
    ({"kind": "announcement", "text": "x", "turn": 3}, "unknown key 'turn'"),
    ({"kind": "announcement", "text": "x", "targets": [{"a": 1}, ["RED"]]}, "targets must be"),
    ({"kind": "scandal", "amount": True}, "needs amount"),
    ({"kind": "leak", "pact": ["P1"]}, "pact is the id"),
    ({"kind": "announcement", "text": "x", "territory": ["R"]}, "not on the map"),
    ("news", "a table of keys"),
])
def test_bad_ad_hoc_injects_are_refused_naming_every_problem(inject, problem):
    match = workshop()
    assert problem in refused("bad_inject", match.inject, UMPIRE, inject, 1.0)
    refused("not_allowed", match.inject, "RED", {"kind": "announcement", "text": "x"}, 1.0)


SCRIPT = [
    {"turn": 1, "text": "The conference opens."},
    {"turn": 2, "kind": "economic_crisis", "targets": ["RED"], "amount": 2,
     "condition": {"kind": "at_war", "powers": ["RED", "BLU"]}},
    {"turn": 2, "kind": "scandal", "targets": ["GRN"], "amount": 10,
     "condition": {"kind": "at_peace", "powers": ["RED", "BLU"]}},
    {"turn": 3, "kind": "leak", "targets": "all"},
]


def test_scripted_injects_fire_when_their_turn_begins_if_their_condition_holds():
    match = workshop(injects=SCRIPT)
    fired = [e["inject"] for e in match.log if e["type"] == "inject"]
    assert [i["text"] for i in fired] == ["The conference opens."]
    assert match.log[-4]["source"] == "scenario"          # before the three joins
    match.submit_orders("RED", [{"op": "declare_war", "target": "BLU"}], 1.0)
    match.force_adjudicate(UMPIRE, 2.0)
    fired = [e["inject"]["kind"] for e in match.log if e["type"] == "inject"]
    assert fired == ["announcement", "economic_crisis"]   # at war: the crisis, no scandal
    treasury = match.states[-1].power("RED").treasury
    assert match.state.power("RED").treasury == max(0, treasury - 2)
    match.force_adjudicate(UMPIRE, 3.0)
    # No secret pact to leak on turn 3: the leak does not fire.
    assert [e["inject"]["kind"] for e in match.log if e["type"] == "inject"] == fired
    again = Match.replay(match.log)
    assert again.state.hash() == match.state.hash()
    assert len([e for e in again.log if e["type"] == "inject"]) == 2


def test_an_unsound_scripted_inject_never_fires_and_never_breaks_the_match():
    match = workshop(injects=[{"turn": 2, "kind": "scandal", "targets": ["BLU"]},
                              {"turn": 2, "kind": "quake"}, "storm",
                              {"turn": 2, "text": "The sound one."}])
    match.force_adjudicate(UMPIRE, 1.0)
    assert [e["inject"]["text"] for e in match.log if e["type"] == "inject"] == [
        "The sound one."]


def test_the_scenario_checker_checks_injects_with_the_same_rules():
    assert inject_problems(SCRIPT[1], POWERS, PLACES, scripted=True) == []
    assert inject_problems({"text": "x"}, POWERS, PLACES, scripted=True) == [
        "turn must be the whole number of the turn it fires at (1 or more), not None"]
    assert inject_problems({"turn": 1, "text": "x", "condition": {"kind": "owns"}},
                           POWERS, PLACES, scripted=True) == [
        "a owns condition needs power and territory"]
    assert inject_problems({"turn": 1, "text": "x", "condition": "always"},
                           POWERS, PLACES, scripted=True)[0].startswith("condition is a table")


def test_check_scenario_reports_each_bad_inject_by_its_number():
    map_doc = {"name": "m", "territories": [{"id": "A", "pos": [0, 0]},
                                            {"id": "B", "pos": [10, 0]}],
               "edges": [["A", "B", "land"]]}
    scenario = {"name": "s", "map": "m.map.json",
                "powers": [{"id": "RED", "territories": ["A"]},
                           {"id": "BLU", "territories": ["B"]}],
                "injects": [{"turn": 2, "text": "fine"},
                            {"turn": 2, "kind": "scandal", "targets": ["GRN"]}]}
    problems = [(p.entry, p.message) for p in check_scenario(scenario, map_doc)
                if p.entry.startswith("inject")]
    assert problems == [
        ("inject 2", "targets must be \"all\" or a list of different powers of the scenario "
                     "(RED, BLU), not ['GRN']"),
        ("inject 2", "a scandal needs amount, a whole number from 1 to 1000000, not None")]
