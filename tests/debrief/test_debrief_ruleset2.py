"""The after-action report of a ruleset-2 match: the calls to arms and their answers, the
upkeep each power paid each turn, and the match's research figures, each checked against
counts made here from the match's own reports (not through game.debrief.research)."""

from __future__ import annotations

import pytest

from game.debrief import rebuild
from game.debrief.page import report_html
from debrief_scripted import scripted_match
from test_debrief_report import Tables


@pytest.fixture(scope="module")
def match():
    return scripted_match(ruleset=2)


@pytest.fixture(scope="module")
def parsed(match):
    page = Tables()
    page.feed(report_html(rebuild(match.log), images=False))
    return page


def events(match, kind):
    return [(k + 1, e) for k, r in enumerate(match.reports) for e in r["events"]
            if e["type"] == kind]


def test_each_call_and_its_answer_is_listed(match, parsed):
    calls = events(match, "called_to_war")
    assert [e.get("answer") for _, e in calls] == ["declined", "honoured"]   # the script's
    rows = parsed.table("calls")
    names = {p.id: p.name for p in match.scenario.powers}
    assert [(int(r["Turn"]), r["Called"], r["Against"], r["Answer"]) for r in rows] == \
        [(k, names[e["power"]], names[e["against"]], e["answer"]) for k, e in calls]
    assert [r["Pact"] for r in rows] == ["the Shield", "the Spear"]
    by_kind = {r["Kind"]: (int(r["Calls"]), int(r["Declined"]))
               for r in parsed.table("calls", 1)}
    assert by_kind == {"defensive pact": (1, 1), "offensive pact": (1, 0)}


def test_upkeep_paid_per_power_per_turn(match, parsed):
    rows = parsed.table("upkeep")
    assert len(rows) == len(match.reports)
    names = {p.id: p.name for p in match.scenario.powers}
    for k, row in enumerate(rows, start=1):
        paid = {e["power"]: e["paid"] for t, e in events(match, "upkeep") if t == k}
        assert {names[p]: int(row[names[p]]) for p in paid} == \
            {names[p]: n for p, n in paid.items()}
        assert int(row["All"]) == sum(paid.values())
    # RED keeps 16 units at 0.25 IP: round(4.0) = 4 IP every turn.
    assert [int(r["Redland"]) for r in rows] == [4, 4, 4]


def test_the_research_figures_equal_counts_made_here(match, parsed):
    figures = {r["Figure"]: r["This match"] for r in parsed.table("research")}
    # Honoured: a call kept whose first audit (same pact, member, enemy) from its turn on
    # found the obligation met (out of reach: nothing owed, met). The Shield's call was
    # declined; the Spear's was honoured.
    audits = [(k, e) for k, e in events(match, "honoured") + events(match, "shortfall")
              + events(match, "out_of_reach")]
    tally: dict[str, list[int]] = {}
    for k, call in events(match, "called_to_war"):
        first = next((a["type"] != "shortfall" for t, a in sorted(audits, key=lambda x: x[0])
                      if t >= k and (a["pact"], a["power"], a["against"])
                      == (call["pact"], call["power"], call["against"])), False)
        cell = tally.setdefault(call["kind"], [0, 0])
        cell[0] += int(call["kept"] and first)
        cell[1] += 1
    assert tally == {"defensive": [0, 1], "offensive": [1, 1]}
    assert figures["Honour rate, all calls"] == "50% of 2"
    assert figures["Honour rate, defensive pacts"] == "0% of 1"
    assert figures["Honour rate, offensive pacts"] == "100% of 1"
    entrapped = sum(1 for _, e in events(match, "called_to_war")
                    if e["cause"] == "invocation" and e["kept"] and not e["already_at_war"])
    assert figures["Entrapment"] == str(entrapped) == "1"
    same_turn = sum(len({e["pact"] for e in r["events"] if e["type"] == "pact_broken"}
                        & {e["pact"] for e in r["events"] if e["type"] == "pact_signed"})
                    for r in match.reports)
    assert figures["Pacts signed and broken the same turn"] == str(same_turn)
    signed = [(e["kind"], frozenset(e["members"])) for _, e in events(match, "pact_signed")]
    assert figures["Duplicate pacts"] == str(len(signed) - len(set(signed))) == "0"
    # Size–burden: one pair per member a pact called to war and then audited. BLU was
    # attacked (its own war) and RED invoked the Spear (its own); GRN declined its call and
    # was never audited; YEL, called by RED's invocation, was audited: one pair, too few
    # for a correlation.
    called = {(e["pact"], e["power"], e["against"]) for _, e in events(match, "called_to_war")
              if e["kept"]}
    members = {(e["pact"], e["power"]) for _, e in audits if e["type"] != "out_of_reach"
               and (e["pact"], e["power"], e["against"]) in called}
    assert members == {("P2", "YEL")}
    assert figures["Size–burden rank r"] == "— over 1 member-pacts called to war"


def test_the_burden_table_sets_size_in_the_pact_against_burden_on_own_units(match, parsed):
    rows = {(r["Pact"], r["Member"]): r for r in parsed.table("burden", 1)}
    units = {p: int(n) for p, n in zip(match.scenario.power_ids, match.states[1].forces.sum(0))}
    assert units == {"RED": 16, "BLU": 5, "GRN": 6, "YEL": 4}
    audits = {e["power"]: e["committed"] for _, e in events(match, "honoured")}
    assert audits == {"BLU": 5, "RED": 12, "YEL": 4}
    # Size: a member's share of all its pact's units at the start of the audited turn (GRN
    # declined, so it was not audited, but it stays in the Shield). Burden: what it
    # committed over its own units.
    #   BLU in the Shield, turn 2: 5 / (5 + 6) = 45%; committed 5 of 5 = 1.00; attacked
    #   RED in the Spear, turn 3:  16 / 20 = 80%;      committed 12 of 16 = 0.75; invoked
    #   YEL in the Spear, turn 3:  4 / 20 = 20%;       committed 4 of 4 = 1.00; called
    got = {key: (r["War"], r["Share of the pact"], r["Burden ÷ own units"])
           for key, r in rows.items()}
    assert got == {("the Shield", "Bluria"): ("its own", "45%", "1.00"),
                   ("the Spear", "Redland"): ("its own", "80%", "0.75"),
                   ("the Spear", "Yellowvale"): ("called by the pact", "20%", "1.00")}
