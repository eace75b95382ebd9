"""The debrief of a match played to its last turn: the outcome and scores, proposals left
unanswered for different reasons, and what is said after the end."""

from __future__ import annotations

import pytest

from game.debrief import rebuild
from game.debrief.comms import answer_rows
from game.debrief.export import event_rows
from game.debrief.page import report_html
from debrief_scripted import T0, scripted_match


@pytest.fixture(scope="module")
def match():
    m = scripted_match()          # now planning turn 4 of 6
    now = T0 + 2000
    triple = m.propose("RED", {"kind": "defensive", "members": ["RED", "BLU", "GRN"]},
                       now).reply["proposal"]
    m.decline("BLU", triple, now + 5)
    offer = m.propose("YEL", {"kind": "non_aggression", "members": ["YEL", "RED"]},
                      now + 10).reply["proposal"]
    m.withdraw("YEL", offer, now + 20)
    m.propose("GRN", {"kind": "non_aggression", "members": ["GRN", "YEL"]}, now + 30)
    for turn in range(4, 7):
        for p in m.powers:
            m.set_ready(p, True, now + 100 * turn)
    assert m.state.over
    m.send_chat("RED", "public", "Good game.", now + 1000)
    return m


def test_answers_left_open_say_why(match):
    rows = [(a.proposal, a.member, a.answer) for a in answer_rows(rebuild(match.log))
            if a.turn == 4]
    ids = [e["proposal"] for e in match.log if e["type"] == "proposed"]
    x4, x5, x6 = ids[3:6]
    assert rows == [
        (x4, "BLU", "declined"),
        (x4, "GRN", "declined by Bluria"),
        (x5, "RED", "withdrawn by its proposer"),
        (x6, "YEL", "unanswered"),         # it lapsed when the turn was adjudicated
    ]


def test_the_report_tells_the_outcome_and_the_scores(match):
    winner = match.state.winner
    assert winner["kind"] == "turn_limit"
    html = report_html(rebuild(match.log), images=False)
    names = {"RED": "Redland", "BLU": "Bluria", "GRN": "Greenmark", "YEL": "Yellowvale"}
    best = ", ".join(names[p] for p in winner["powers"])
    assert f"The last turn was reached; {best} scored highest." in html
    assert "This match is not over" not in html
    for power, score in winner["scores"].items():
        assert f">{score}</td>" in html
    assert "6 turns played" in html


def test_what_is_said_after_the_last_turn_is_in_the_over_phase(match):
    rows = event_rows(rebuild(match.log))
    last = rows[-1]
    assert (last["kind"], last["phase"], last["turn"]) == ("chat", "over", 7)
    victory = next(r for r in rows if r["kind"] == "victory")
    assert (victory["phase"], victory["turn"], victory["source"]) == \
        ("adjudication", 6, "report")
