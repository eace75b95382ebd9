"""Workshop events in the debrief: intents set against actions, insights, injects and
rulings in the timeline, and event types this version does not know, told generically."""

from __future__ import annotations

import json
from typing import Any

import pytest

from game.client.narrate import Names
from game.debrief import rebuild
from game.debrief.export import event_rows, export_json, log_from_export, redacted
from game.debrief.log_words import LOG_SENTENCES, generic_sentence, log_sentence
from game.debrief.page import report_html
from game.debrief.workshop import insight_rows, intent_rows
from test_debrief_scripted import T0, scripted_match

T2 = T0 + 300   # turn 2 begins


def with_workshop_events(log: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The scripted log with workshop events slipped into turn 2's planning, renumbered."""
    start = next(i for i, e in enumerate(log) if e["type"] == "adjudicated") + 1
    extra = [
        {"type": "intent", "seat": "RED", "text": "Take Bluria's capital quickly.", "turn": 2},
        {"type": "intent", "seat": "GRN", "text": "Honour the Shield in full."},
        {"type": "inject", "text": "A border incident at B."},
        {"type": "ruling", "seat": "umpire", "text": "The incident was staged",
         "rationale": "to test the Shield"},
        {"type": "team_config", "teams": {"RED": ["ann", "bo"]}, "channel": "war room"},
        {"type": "insight", "seat": "umpire", "text": "Pledges were made lightly."},
    ]
    out = [dict(e) for e in log[:start]]
    for k, e in enumerate(extra):
        out.append({"seq": 0, "at": T2 + 1 + k, **e})
    out += [dict(e) for e in log[start:]]
    for i, e in enumerate(out):
        e["seq"] = i
    return out


@pytest.fixture(scope="module")
def record():
    return rebuild(with_workshop_events(scripted_match().log))


def test_the_match_folds_as_before_and_lists_what_it_does_not_know(record):
    plain = scripted_match()
    assert record.final.hash() == plain.state.hash()
    assert [e["type"] for e in record.unfolded] == [
        "intent", "intent", "inject", "ruling", "team_config", "insight"]


def test_each_intent_is_set_against_what_its_power_did(record):
    rows = intent_rows(record)
    assert [(r.turn, r.power, r.intent) for r in rows] == [
        (2, "RED", "Take Bluria's capital quickly."), (2, "GRN", "Honour the Shield in full.")]
    red, grn = rows
    assert red.actions[0] == "Redland gave 2 orders: war BLU; R -> B 12."
    assert "Redland proposed an offensive pact “Spear” against Bluria to Yellowvale (X3)." \
        in red.actions
    assert "Redland declared war on Bluria." in red.actions
    assert "Redland captured B from Bluria." in red.actions
    assert ("Greenmark fell short of its commitment to the Shield against Redland: 6 units "
            "committed, 8 required.") in grn.actions


def test_insights_are_listed(record):
    assert [(i.turn, i.seat, i.text) for i in insight_rows(record)] == [
        (2, "umpire", "Pledges were made lightly.")]


def test_the_report_shows_intents_insights_injects_rulings_and_unknown_events(record):
    html = report_html(record, images=False)
    assert "Take Bluria&#x27;s capital quickly." in html
    assert "Pledges were made lightly." in html
    assert "Inject: “A border incident at B.”" in html
    assert "Umpire ruling: “The incident was staged”. Rationale: “to test the Shield”" in html
    told = ("Team config — teams: {&quot;RED&quot;: [&quot;ann&quot;, &quot;bo&quot;]}; "
            "channel: war room.")
    assert told in html
    assert "6 event(s) of a kind this version does not know" in html


def test_workshop_events_survive_the_export_round_trip(record):
    doc = json.loads(json.dumps(export_json(record)))
    again = rebuild(log_from_export(doc))
    # The same log, but for the seat tokens and the umpire's, which never leave.
    assert again.log == tuple(redacted(e) for e in record.log)
    assert again.final.hash() == record.final.hash()
    intent = next(r for r in event_rows(record) if r["kind"] == "intent")
    assert (intent["seat"], intent["role"], intent["turn"]) == ("RED", "power", 2)
    assert intent["text"] == "Redland stated its intent: “Take Bluria's capital quickly.”"


def test_an_unknown_event_type_is_told_by_its_type_and_fields():
    event = {"seq": 9, "at": 1.0, "type": "channel_opened", "members": ["RED", "BLU"],
             "token": "secret-hash", "note": "x" * 500}
    text = log_sentence(event, Names())
    assert text.startswith('Channel opened — members: ["RED", "BLU"]; note: xxx')
    assert "secret-hash" not in text and len(text) < 260
    assert "channel_opened" not in LOG_SENTENCES


def test_a_known_type_with_unexpected_fields_falls_back_to_the_generic_sentence():
    event = {"type": "orders", "seat": "RED", "orders": 5}
    assert log_sentence(event, Names()) == generic_sentence(event, Names())
