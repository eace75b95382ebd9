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
    # Size–burden: one pair per audited member of each pact (BLU in the Shield; RED and
    # YEL in the Spear).
    members = {(e["pact"], e["power"]) for _, e in audits if e["type"] != "out_of_reach"}
    assert figures["Size–burden rank r"].endswith(f"over {len(members)} member-pacts")
    assert len(members) == 3


def test_the_size_burden_r_ranks_size_in_the_pact_against_burden_on_own_units(match, parsed):
    figures = {r["Figure"]: r["This match"] for r in parsed.table("research")}
    units = {p: int(n) for p, n in zip(match.scenario.power_ids, match.states[1].forces.sum(0))}
    assert units == {"RED": 16, "BLU": 5, "GRN": 6, "YEL": 4}
    # Size: a member's share of all its pact's units at the start of the audited turn
    # (GRN declined, so it was not audited, but it stays in the Shield). Burden: what it
    # committed over its own units.
    #   BLU in the Shield, turn 2: 5 / (5 + 6) = 0.4545; committed 5 of 5 = 1.0
    #   RED in the Spear, turn 3:  16 / 20 = 0.8;        committed 12 of 16 = 0.75
    #   YEL in the Spear, turn 3:  4 / 20 = 0.2;         committed 4 of 4 = 1.0
    audits = {e["power"]: e["committed"] for _, e in events(match, "honoured")}
    assert audits == {"BLU": 5, "RED": 12, "YEL": 4}
    # Ranks, ties at their mean: size BLU 2, RED 3, YEL 1; burden BLU 2.5, RED 1, YEL 2.5.
    # Deviations from the mean rank 2: size (0, 1, -1), burden (0.5, -1, 0.5):
    # r = (0 - 1 - 0.5) / sqrt(2 × 1.5) = -0.866.
    assert figures["Size–burden rank r"] == f"{round(-1.5 / 3 ** 0.5, 4)} over 3 member-pacts"
