"""The umpire's edits of the world: each is an event with a rationale and changes exactly
what it names, nothing else."""

from __future__ import annotations

from typing import Any

import pytest

from game.match import ANALYST, UMPIRE, Match
from workshop_support import SECRET_BLU_GRN, frames_for, refused, workshop


def changes(before: Any, after: Any, path: str = "") -> dict[str, tuple[Any, Any]]:
    """Every leaf that differs between two state documents, by its path."""
    if isinstance(before, dict) and isinstance(after, dict):
        out: dict[str, tuple[Any, Any]] = {}
        for key in sorted(set(before) | set(after)):
            out.update(changes(before.get(key), after.get(key), f"{path}/{key}"))
        return out
    if isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        out = {}
        for i, (a, b) in enumerate(zip(before, after)):
            out.update(changes(a, b, f"{path}/{i}"))
        return out
    return {} if before == after else {path: (before, after)}


AT_WAR = [{"kind": "defensive", "members": ["BLU", "GRN"]}]


@pytest.mark.parametrize("edit, expected", [
    ({"kind": "move_units", "power": "RED", "from": "R", "to": "B", "n": 4},
     {"/territories/R/forces/RED": (10, 6), "/territories/B/forces/RED": (None, 4)}),
    ({"kind": "remove_units", "power": "GRN", "territory": "X", "n": 2},
     {"/territories/X/forces/GRN": (2, None)}),
    ({"kind": "add_units", "power": "neutral", "territory": "B", "n": 3},
     {"/territories/B/forces/neutral": (None, 3)}),
    ({"kind": "set_owner", "territory": "X", "owner": "BLU"},
     {"/territories/X/owner": ("GRN", "BLU")}),
    ({"kind": "set_owner", "territory": "X", "owner": None},
     {"/territories/X/owner": ("GRN", None)}),
    ({"kind": "set_legitimacy", "power": "BLU", "value": 40},
     {"/powers/BLU/legitimacy": (70, 40)}),
    ({"kind": "set_treasury", "power": "GRN", "value": 0},
     {"/powers/GRN/treasury": (5, 0)}),
    ({"kind": "set_record", "power": "RED", "owed": 4, "kept": 1},
     {"/powers/RED/owed": (0, 4), "/powers/RED/kept": (0, 1),
      "/powers/RED/credibility": (50, 33)}),
    ({"kind": "reveal_pact", "pact": "P1"}, {"/pacts/0/revealed": (False, True)}),
    ({"kind": "end_pact", "pact": "P1"}, {"/pacts/0/status": ("active", "ended")}),
])
def test_each_edit_changes_exactly_what_it_names(edit, expected):
    match = workshop(pacts=[SECRET_BLU_GRN])
    before = match.state.to_json()
    outcome = match.edit_world(UMPIRE, edit, "the exercise needs it", 1.0)
    assert changes(before, match.state.to_json()) == expected
    assert outcome.reply == {"hash": match.state.hash()}
    assert match.log[-1] == {"seq": match.log[-1]["seq"], "at": 1.0, "type": "world_edited",
                             "edit": edit, "rationale": "the exercise needs it"}
    assert Match.replay(match.log).state.hash() == match.state.hash()
    assert match.states[0].to_json() == before     # the start of the turn is kept


def test_declaring_peace_ends_exactly_one_war():
    match = workshop()
    match.edit_world(UMPIRE, {"kind": "set_owner", "territory": "X", "owner": "GRN"}, "-", 1.0)
    match.submit_orders("RED", [{"op": "declare_war", "target": "BLU"},
                                {"op": "declare_war", "target": "GRN"}], 2.0)
    match.force_adjudicate(UMPIRE, 3.0)
    assert len(match.state.wars) == 2
    before = match.state.to_json()
    match.edit_world(UMPIRE, {"kind": "declare_peace", "between": ["GRN", "RED"]},
                     "a ceasefire brokered offstage", 4.0)
    after = match.state.to_json()
    assert after["wars"] == [w for w in before["wars"] if set(w["between"]) != {"RED", "GRN"}]
    assert {k: v for k, v in after.items() if k != "wars"} == \
        {k: v for k, v in before.items() if k != "wars"}
    refused("bad_edit", match.edit_world, UMPIRE,
            {"kind": "declare_peace", "between": ["GRN", "RED"]}, "again", 5.0)


@pytest.mark.parametrize("edit, problem", [
    ({"kind": "move_units", "power": "RED", "from": "R", "to": "B", "n": 11}, "fewer than 11"),
    ({"kind": "move_units", "power": "RED", "from": "R", "to": "Q", "n": 1}, "'to'"),
    ({"kind": "remove_units", "power": "NOPE", "territory": "R", "n": 1}, "'power'"),
    ({"kind": "set_legitimacy", "power": "RED", "value": 101}, "0 to 100"),
    ({"kind": "set_treasury", "power": "RED", "value": -1}, "'value'"),
    ({"kind": "set_record", "power": "RED", "owed": 1, "kept": 2}, "'kept'"),
    ({"kind": "end_pact", "pact": "P9"}, "no pact"),
    ({"kind": "reveal_pact", "pact": "P1"}, "not secret"),
    ({"kind": "teleport"}, "kind is one of"),
    ("move", "kind is one of"),
])
def test_bad_edits_are_refused_with_the_reason_and_change_nothing(edit, problem):
    match = workshop(pacts=[{"kind": "non_aggression", "members": ["RED", "BLU"]}])
    before, length = match.state.hash(), len(match.log)
    assert problem in refused("bad_edit", match.edit_world, UMPIRE, edit, "why", 1.0)
    assert match.state.hash() == before and len(match.log) == length


def test_only_the_umpire_edits_and_a_rationale_is_needed():
    match = workshop()
    edit = {"kind": "set_treasury", "power": "RED", "value": 9}
    refused("not_allowed", match.edit_world, "RED", edit, "mine", 1.0)
    refused("not_allowed", match.edit_world, UMPIRE, edit, "", 1.0)


def test_players_get_a_fresh_view_and_only_the_umpire_reads_the_rationale():
    match = workshop()
    outcome = match.edit_world(UMPIRE, {"kind": "set_treasury", "power": "GRN", "value": 50},
                               "GRN finds oil", 1.0)
    for seat in ("RED", "GRN", ANALYST):
        (message,) = frames_for(outcome.pushes, seat)
        assert message["type"] == "view" and message["cause"] == "edit"
        assert "GRN finds oil" not in str(message)
    (red,) = frames_for(outcome.pushes, "RED")
    assert red["view"]["powers"]["GRN"]["treasury"] is None      # fog still applies
    (grn,) = frames_for(outcome.pushes, "GRN")
    assert grn["view"]["powers"]["GRN"]["treasury"] == 50
    edited = [m for m in frames_for(outcome.pushes, UMPIRE) if m["type"] == "world_edited"]
    assert edited[0]["rationale"] == "GRN finds oil"
