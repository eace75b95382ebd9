"""The calls-to-arms table and the research figures' honour rate tell the same story: each
call shows its first audit, so a room reading 'honoured' twice and an honour rate of 50%
sees which call fell short."""

from __future__ import annotations

import pytest

from game.debrief import rebuild
from game.debrief.page import report_html
from debrief_scripted import scripted_match
from test_debrief_report import Tables


@pytest.fixture(scope="module")
def match():
    return scripted_match(ruleset=2)


def first_audit_here(match, k, call):
    """The first audit of the called member for that pact and enemy from the call's turn
    on, counted from the match's own reports."""
    for t, report in enumerate(match.reports):
        for e in report["events"]:
            if t >= k and e["type"] in ("honoured", "shortfall", "out_of_reach") and \
                    (e["pact"], e["power"], e["against"]) == \
                    (call["pact"], call["power"], call["against"]):
                return "fell short" if e["type"] == "shortfall" else "obligation met"
    return "not audited"


def test_each_call_shows_its_first_audit_as_the_honour_rate_counts_it(match):
    page = Tables()
    page.feed(report_html(rebuild(match.log), images=False))
    rows = page.table("calls")
    calls = [(k, e) for k, r in enumerate(match.reports) for e in r["events"]
             if e["type"] == "called_to_war"]
    assert [r["First audit"] for r in rows] == [first_audit_here(match, k, e)
                                                for k, e in calls]
    honoured = sum(1 for r in rows if r["Answer"] != "declined"
                   and r["First audit"] == "obligation met")
    figures = {r["Figure"]: r["This match"] for r in page.table("research")}
    assert figures["Honour rate, all calls"] == f"{100 * honoured // len(rows)}% of {len(rows)}"


def test_a_named_proposal_is_told_by_its_name_in_the_time_to_answer_table():
    """The table gave the match's internal proposal id (X_d038c9b1ba), which nobody in the
    room has seen: a proposal whose terms name the pact is told by that name."""
    from workshop_support import workshop

    match = workshop()
    out = match.propose("RED", {"kind": "defensive", "members": ["RED", "BLU"],
                                "name": "The Northern Shield"}, 1.0)
    match.accept("BLU", out.reply["proposal"], 31.0)
    match.propose("RED", {"kind": "non_aggression", "members": ["RED", "GRN"]}, 2.0)
    page = Tables()
    page.feed(report_html(rebuild(match.log), images=False))
    index = next(i for i, t in enumerate(page.sections["communication"])
                 if t[0][0] == "Proposal")
    rows = page.table("communication", index)
    names = {p.id: p.name for p in match.scenario.powers}
    unnamed = [e["proposal"] for e in match.log if e["type"] == "proposed"][1]
    assert [(r["Proposal"], r["Member"], r["After"]) for r in rows] == [
        ("The Northern Shield", names["BLU"], "30 s"), (unnamed, names["GRN"], "—")]
