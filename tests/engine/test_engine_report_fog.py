"""RULES.md §7 and §10 ("Fog in the report"): every report event is classified, and no event
carries a figure of forces the seat cannot see (audit figures, casualties, income)."""

from __future__ import annotations

import ast
from pathlib import Path

import game.engine
from builders import events, move, start
from game.engine import adjudicate
from game.engine.view import EVENT_FOG, FIGURES, SPECTATOR, UMPIRE, view, view_report
from rules_helpers import with_pact_fields, with_wars


def _emitted_types() -> set[str]:
    """Every event type the engine's source passes to ``emit``: the string literals in the
    first argument of each ``….emit(…)`` call (``"honoured" if kept else "shortfall"``
    gives both)."""
    found: set[str] = set()
    for path in Path(game.engine.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "emit" and node.args):
                found |= {n.value for n in ast.walk(node.args[0])
                          if isinstance(n, ast.Constant) and isinstance(n.value, str)}
    return found


def test_every_event_type_the_engine_emits_has_a_visibility_rule():
    emitted = _emitted_types()
    assert {"battle", "honoured", "shortfall", "income"} <= emitted   # the search works
    unclassified = emitted - set(EVENT_FOG)
    assert not unclassified, f"event types with no rule in EVENT_FOG: {sorted(unclassified)}"


def test_an_unclassified_event_reaches_nobody_but_the_umpire():
    state = _audit_board()
    after, report = adjudicate(state, {})
    report = {**report, "events": report["events"] + [{"type": "something_new", "n": 7}]}
    for seat in ("RED", "BLU", SPECTATOR):
        assert events(view_report(report, state, after, seat), "something_new") == []
    assert events(view_report(report, state, after, UMPIRE), "something_new") != []


# GRN owns G; RED owns R1 (next to G) and R2; BLU owns B1 (next to G) and B2; YEL owns Y,
# far from everything. P1 = defensive RED + BLU, engaged against GRN.
def _audit_board(fog: bool = True):
    s = start(["G", "R1", "R2", "B1", "B2", "Y", "Z"],
              ["G-R1", "R1-R2", "G-B1", "B1-B2", "Y-Z"],
              {"RED": {"territories": "R1 R2", "forces": {"R1": 1, "R2": 100}},
               "BLU": {"territories": "B1 B2", "forces": {"B1": 5}},
               "GRN": {"territories": "G", "forces": {"G": 10}},
               "YEL": {"territories": "Y", "forces": {"Y": 3}}},
              pacts=[{"kind": "defensive", "members": ["RED", "BLU"]}], rules={"fog": fog})
    s = with_wars(s, ("GRN", "RED", "GRN"), ("BLU", "GRN", None))
    return with_pact_fields(s, "P1", engaged_against=["GRN"])


def test_audit_figures_reach_only_the_pacts_members_and_the_outcome_is_public():
    state = _audit_board()
    after, report = adjudicate(state, {})
    full = [e for e in events(report, "shortfall") if e["power"] == "RED"]
    assert full and full[0]["required"] == 20.2        # 0.2 x 101 units: a hidden figure
    for seat in ("RED", "BLU"):
        seen = [e for e in events(view_report(report, state, after, seat), "shortfall")
                if e["power"] == "RED"]
        assert seen == full
    for seat in ("GRN", "YEL", SPECTATOR, "nobody"):
        seen = [e for e in events(view_report(report, state, after, seat), "shortfall")
                if e["power"] == "RED"]
        assert seen == [{k: v for k, v in full[0].items()
                         if k not in FIGURES["audit"]}], seat


def test_audit_figures_are_shown_to_everyone_without_fog():
    state = _audit_board(fog=False)
    after, report = adjudicate(state, {})
    assert view_report(report, state, after, SPECTATOR)["events"] == report["events"]


def test_casualties_are_shown_only_to_the_power_and_its_allies():
    # YEL attacks GRN far from RED's sight; YEL's casualty count is YEL's hidden forces.
    state = start("A B C D E F", ["A-B", "B-C", "C-D", "D-E", "E-F"], {
        "RED": {"territories": "A", "forces": {"A": 3}},
        "BLU": {"territories": "E", "forces": {"E": 20}},
        "GRN": {"territories": "F", "forces": {"F": 10}},
    }, rules={"fog": True})
    orders = {"BLU": [{"op": "declare_war", "target": "GRN"}, move("E", "F", 20)]}
    after, report = adjudicate(state, orders)
    lost = [e for e in events(report, "legitimacy") if e.get("reason") == "casualties"]
    assert lost and all("units" in e for e in lost)
    for seat in ("RED", SPECTATOR):
        for e in events(view_report(report, state, after, seat), "legitimacy"):
            assert "units" not in e, (seat, e)
    mine = [e for e in events(view_report(report, state, after, "BLU"), "legitimacy")
            if e.get("reason") == "casualties" and e["power"] == "BLU"]
    assert mine and "units" in mine[0]


def test_income_is_shown_only_to_allies_at_the_end_of_the_turn():
    # RED and GRN are allies at the start; GRN breaks the pact this turn, so RED no longer
    # sees GRN's treasury at the end, nor its income.
    state = start("A B C D E F", ["A-B", "B-C", "C-D", "D-E", "E-F"], {
        "RED": {"territories": "A B", "forces": {"A": 5}, "treasury": 7},
        "GRN": {"territories": "C D", "forces": {"C": 3}, "treasury": 8},
        "BLU": {"territories": "E F", "forces": {"E": 6}, "treasury": 9},
    }, pacts=[{"kind": "defensive", "members": ["RED", "GRN"]}], rules={"fog": True})
    after, report = adjudicate(state, {"GRN": [{"op": "break", "pact": "P1"}]})
    assert [e for e in events(report, "income") if e["power"] == "GRN"]
    red = view_report(report, state, after, "RED")
    assert [e["power"] for e in events(red, "income")] == ["RED"]
    assert view(after, "RED")["powers"]["GRN"]["treasury"] is None

