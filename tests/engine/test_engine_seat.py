"""SeatView: one seat's view read in the rules' words, the same answer as the engine's state."""

from __future__ import annotations

from game.engine import SeatView, adjudicate, initial_state, view
from game.maps import load_scenario, resolve_scenario


def _signed_state():
    scenario = load_scenario(resolve_scenario("tutorial"))
    state = initial_state(scenario, seed=7)
    # The tutorial starts with RED-GRN defensive and BLU-YEL non-aggression.
    signed = [{"kind": "non_aggression", "members": ["RED", "BLU"]}]
    state, _ = adjudicate(state, {}, signed)
    return state


def test_allied_and_bound_as_the_engine_reads_them():
    state = _signed_state()
    seen = SeatView(view(state, "RED"))
    index = state.scenario.power_index
    ids = state.scenario.power_ids
    assert seen.allies("RED") == {ids[q] for q in state.allies(index["RED"])} == {"GRN"}
    assert seen.allied("RED", "GRN") and seen.allied("GRN", "RED")
    assert not seen.allied("RED", "BLU") and not seen.allied("RED", "RED")
    assert seen.bound("RED", "GRN") and seen.bound("RED", "BLU") and not seen.bound("RED", "YEL")


def test_an_ended_pact_allies_no_one():
    doc = {"pacts": [{"kind": "offensive", "members": ["A", "B"], "status": "ended"}]}
    assert not SeatView(doc).allied("A", "B") and not SeatView(doc).bound("A", "B")


def test_owner_war_and_forces_come_from_the_view():
    state = _signed_state()
    doc = view(state, "RED")
    seen = SeatView(doc)
    tid, terr = next(iter(doc["territories"].items()))
    assert seen.owner(tid) == terr["owner"]
    hidden = {"territories": {"X": {"owner": "A", "forces": None}},
              "wars": [{"between": ["B", "A"]}]}
    assert SeatView(hidden).forces("X", "A") is None
    assert SeatView(hidden).at_war("A", "B") and not SeatView(hidden).at_war("A", "C")
    shown = {"territories": {"X": {"owner": "A", "forces": {"A": 3}}}}
    assert SeatView(shown).forces("X", "A") == 3 and SeatView(shown).forces("X", "B") == 0
