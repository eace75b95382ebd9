"""The debrief of a real workshop match (tests/debrief_workshop_script.py): teams with
sign-off, intents and insights, an inject, a world edit, review with an amended order and
feedback, and a rollback, all read from the events Match writes (docs/WORKSHOP.md)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from game.words.narrate import Names
from game.debrief import rebuild
from game.debrief.comms import orders_rows
from game.debrief.export import event_rows, export_json, log_from_export, redacted
from game.debrief.log_words import LOG_SENTENCES, generic_sentence, log_sentence
from game.debrief.page import report_html
from game.debrief.timeline import timeline
from game.debrief.workshop import insight_rows, intent_rows, review_rows
from game.match import UMPIRE, Match
from debrief_workshop_script import AMEND_WHY, EDIT_WHY, FEEDBACK, T2, T3B, \
    workshop_match


@pytest.fixture(scope="module")
def match() -> Match:
    return workshop_match()


@pytest.fixture(scope="module")
def record(match):
    return rebuild(json.loads(json.dumps(match.log)))


@pytest.fixture(scope="module")
def html(record) -> str:
    return report_html(record, images=False)


def sentences(record, kind: str) -> list[str]:
    return [log_sentence(e, record.names) for e in record.log if e["type"] == kind]


# --- the rebuild ---------------------------------------------------------------------------

def test_every_workshop_event_is_folded_by_the_real_match(record, match):
    assert record.unfolded == ()
    assert record.final.hash() == match.state.hash()
    assert [s.hash() for s in record.states] == [s.hash() for s in match.states]


def test_the_turns_that_stand_are_one_two_and_the_replayed_three(record, match):
    assert [t.number for t in record.turns] == [1, 2, 3]
    assert [t.committed_seq for t in record.turns] == [18, 24, 31]
    assert [t.reason for t in record.turns] == ["all_ready", "umpire", "umpire"]
    assert record.turns[2].started_at == T3B                 # the rollback restarted it
    assert record.turns[2].events[0]["type"] == "rolled_back"
    assert [t.after.hash() for t in record.turns] == [s.hash() for s in match.states[1:]]
    assert record.pending == () and record.under_review is None


def test_the_rolled_back_stretch_keeps_the_first_turn_three(record):
    (stretch,) = record.rolled_back
    assert (stretch.to_turn, stretch.seq, stretch.at) == (3, 29, T3B)
    (undone,) = stretch.turns
    assert undone.number == 3 and undone.committed_seq == 27
    assert [e["type"] for e in undone.report["events"] if e["type"] in
            ("captured", "eliminated")] == ["captured", "eliminated"]
    assert undone.after.power("BLU").eliminated
    assert not record.final.power("BLU").eliminated          # the replayed turn 3 stands
    assert [e["type"] for e in stretch.unfinished] == ["insight"]
    assert stretch.unfinished_turn == 4
    assert record.superseded == frozenset({25, 26, 27, 28})


def test_before_is_the_state_the_orders_were_given_against(record):
    """The scandal (−10) and the edit (treasury 9) came after turn 1 began."""
    turn1 = record.turns[0]
    assert turn1.edited
    assert (turn1.start.power("BLU").legitimacy, turn1.before.power("BLU").legitimacy) == (70, 60)
    assert (turn1.start.power("GRN").treasury, turn1.before.power("GRN").treasury) == (5, 9)
    assert turn1.start.hash() == record.states[0].hash()
    assert not record.turns[1].edited and record.turns[1].start is None


def test_the_review_keeps_the_held_result_the_amendment_and_the_feedback(record):
    review = record.turns[1].review
    assert review is not None and review.released and review.reason == "umpire"
    battle = next(e for e in review.held["events"] if e["type"] == "battle")
    assert battle["attackers"] == {"RED": 12}                 # as first adjudicated
    released = next(e for e in record.turns[1].report["events"] if e["type"] == "battle")
    assert released["attackers"] == {"RED": 6}                # as amended and released
    assert [(a["power"], a["index"], a["order"]["n"], a["rationale"])
            for a in review.amendments] == [("RED", 1, 6, AMEND_WHY)]
    assert review.feedback == FEEDBACK
    assert record.turns[0].review is None


def test_a_result_still_held_at_the_end_of_the_log_is_under_review(match):
    held = rebuild(match.log[:24])          # up to the amendment, before the release
    assert [t.number for t in held.turns] == [1]
    assert held.under_review is not None and not held.under_review.released
    assert [a["seq"] for a in held.under_review.amendments] == [23]
    html = report_html(held, images=False)
    assert "The last turn's result is held for the umpire's review" in html
    assert "adjudicated, the result held for the umpire&#x27;s review" in html
    assert [(t.number, t.held) for t in timeline(held)] == [(1, False), (2, True)]


# --- words -------------------------------------------------------------------------------

def test_each_workshop_event_is_told_in_a_sentence(record):
    told: dict[str, str] = {}
    for e in record.log:        # the first event of each type
        told.setdefault(e["type"], log_sentence(e, record.names))
    assert told["joined"] == "ann took the seat of Redland as head of government."
    assert told["member_joined"] == "bo joined Redland's team as foreign minister (seat RED.2)."
    assert told["role_token"] == "The umpire made T1, an analyst token labelled “Dr Lee”."
    assert told["channel_set"] == ("The umpire set up the press channel herald (The Herald) "
                                   "for everyone, authors hidden, open during negotiation "
                                   "and orders.")
    assert told["draft"] == "Redland (RED.2) drafted 1 order: S -> R 2 for its team."
    assert sentences(record, "orders")[0] == ("Redland signed off its team's draft of 1 "
                                              "order: S -> R 2.")
    assert told["inject"] == ("Inject (scandal, from the umpire, to Bluria): “A scandal "
                              "shakes Bluria's cabinet.”")
    assert told["world_edited"] == (f"The umpire edited the world: set Greenmark's treasury "
                                    f"to 9. Rationale: “{EDIT_WHY}”")
    assert told["review_set"] == "The umpire turned review before release on."
    assert sentences(record, "adjudicated")[1] == ("The turn was adjudicated (the umpire "
                                                   "ended planning) and held for the "
                                                   "umpire's review.")
    assert told["order_amended"] == (f"Under review, the umpire set Redland's order 2 to "
                                     f"R -> B 6. Rationale: “{AMEND_WHY}”")
    assert sentences(record, "result_released") == [
        "The umpire released the result, with feedback to Redland: “Your attack was halved "
        "by the umpire.”; to Bluria: “Hold on.”",
        "The umpire released the result, without feedback.",
        "The umpire released the result, without feedback."]
    assert told["rolled_back"] == "The umpire rolled the match back to the start of turn 3."
    assert sentences(record, "intent") == [
        "Redland (RED.2) stated its intent for turn 1: “Gather our forces at the capital.”",
        "Redland stated its intent for turn 2: “Take Bluria's capital.”"]
    assert sentences(record, "insight") == [
        "Insight noted by Bluria: “The scandal made us look for friends.”",
        "Insight noted by Redland (RED.2): “We overreached.”"]


@pytest.mark.parametrize("event, sentence", [
    ({"type": "paused"}, "The umpire paused the clock."),
    ({"type": "resumed"}, "The umpire restarted the clock."),
    ({"type": "clock_adjusted", "seconds": 90.0}, "The umpire extended the deadline by 90 s."),
    ({"type": "clock_adjusted", "seconds": -30.5},
     "The umpire shortened the deadline by 30.5 s."),
    ({"type": "warning_set", "seconds": 60.0},
     "The umpire set a warning 60 s before each deadline."),
    ({"type": "warning_set", "seconds": None}, "The umpire removed the deadline warning."),
    ({"type": "warned", "deadline_at": 5.0}, "Everyone was warned that the deadline was near."),
    ({"type": "stage", "stage": "negotiation", "every_turn": True},
     "The umpire opened the negotiation window (talks only, no orders) (every turn from now "
     "on)."),
    ({"type": "stage", "stage": "orders", "every_turn": False}, "The umpire opened orders."),
    ({"type": "channel_set", "channel": {"id": "rb", "kind": "bilateral", "name": "",
                                         "members": ["RED", "BLU"], "writers": ["RED"],
                                         "stages": ["negotiation"]}},
     "The umpire set up the bilateral channel rb for Redland and Bluria, open during "
     "negotiation; only Redland may write."),
    ({"type": "channel_set", "channel": {"id": "rb", "kind": "bilateral", "name": "",
                                         "members": ["RED", "BLU"], "writers": [],
                                         "stages": []}},
     "The umpire closed the channel rb."),
    ({"type": "role_revoked", "id": "T2"}, "The umpire revoked role token T2."),
    ({"type": "observer_access", "full": True}, "The umpire let observers see everything."),
    ({"type": "observer_access", "full": False},
     "The umpire limited observers to the public view."),
    ({"type": "seat_to_bot", "seat": "YEL", "personality": "hawk"},
     "Yellowvale had no orders at the deadline: a hawk bot took over its seat."),
    ({"type": "seat_to_bot", "seat": "YEL", "personality": ""},
     "Yellowvale had no orders at the deadline: a bot took over its seat."),
    ({"type": "takeover_set", "takeover": None},
     "The umpire stopped bots from taking over idle seats."),
    ({"type": "takeover_set", "takeover": {"RED": "", "YEL": "hawk"}},
     "The umpire let bots take over the seats of Redland and Yellowvale when they have no "
     "orders at the deadline."),
    ({"type": "order_amended", "power": "BLU", "index": 0, "order": None, "rationale": "r"},
     "Under review, the umpire skipped Bluria's order 1. Rationale: “r”"),
    ({"type": "released", "seat": "RED.2"}, "The umpire released seat RED.2 of Redland's team."),
    ({"type": "released", "seat": "BLU"}, "The umpire released the seat of Bluria."),
    ({"type": "forked", "match": "ws-what-if", "turn": 2},
     "The umpire forked a new match, ws-what-if, from the start of turn 2."),
    ({"type": "inject", "source": "scenario",
      "inject": {"kind": "border_incident", "targets": "all", "powers": ["RED", "BLU"],
                 "territory": "B"}},
     "Inject (border incident, scripted in the scenario, to everyone): “A border incident "
     "between Redland and Bluria at B.”"),
    ({"type": "world_edited", "edit": {"kind": "move_units", "power": "RED", "from": "R",
                                       "to": "S", "n": 1}, "rationale": "x"},
     "The umpire edited the world: moved 1 unit of Redland from R to S. Rationale: “x”"),
    ({"type": "world_edited", "edit": {"kind": "remove_units", "power": "neutral",
                                       "territory": "C", "n": 2}, "rationale": "x"},
     "The umpire edited the world: removed 2 neutral units from C. Rationale: “x”"),
    ({"type": "world_edited", "edit": {"kind": "set_owner", "territory": "C", "owner": None},
      "rationale": "x"},
     "The umpire edited the world: gave C to the neutrals. Rationale: “x”"),
    ({"type": "world_edited", "edit": {"kind": "set_record", "power": "GRN", "owed": 3,
                                       "kept": 2}, "rationale": "x"},
     "The umpire edited the world: set Greenmark's credibility record to 2 kept of 3 owed. "
     "Rationale: “x”"),
    ({"type": "world_edited", "edit": {"kind": "declare_peace", "between": ["RED", "BLU"]},
      "rationale": "Talks."},
     "The umpire edited the world: declared peace between Redland and Bluria. "
     "Rationale: “Talks.”"),
    ({"type": "chat", "seat": "RED", "member": "RED.2", "channel": ["team:RED"], "text": "Go"},
     "Redland (RED.2) to Redland's team: “Go”"),
    ({"type": "chat", "seat": "umpire", "channel": ["herald"], "text": "Extra!"},
     "The umpire to the channel herald: “Extra!”"),
])
def test_the_umpire_and_workshop_events_in_words(record, event, sentence):
    assert log_sentence({"seq": 0, "at": 0.0, **event}, record.names) == sentence


def test_a_role_token_is_told_without_its_token(record):
    event = next(e for e in record.log if e["type"] == "role_token")
    assert event["token"] and event["token"] not in log_sentence(event, record.names)


def test_an_unknown_event_type_is_told_by_its_type_and_fields():
    event = {"seq": 9, "at": 1.0, "type": "channel_opened", "members": ["RED", "BLU"],
             "token": "secret-hash", "note": "x" * 500}
    text = log_sentence(event, Names())
    assert text.startswith('Channel opened — members: ["RED", "BLU"]; note: xxx')
    assert "secret-hash" not in text and len(text) < 260
    assert "channel_opened" not in LOG_SENTENCES


def test_a_known_type_with_unexpected_fields_falls_back_to_the_generic_sentence():
    event = {"type": "world_edited", "edit": {"kind": "set_treasury"}, "rationale": 5}
    assert log_sentence(event, Names()).startswith("The umpire edited the world: set ")
    event = {"type": "orders", "seat": "RED", "orders": 5}
    assert log_sentence(event, Names()) == generic_sentence(event, Names())


# --- the timeline --------------------------------------------------------------------------

def test_the_timeline_runs_in_log_order_with_the_undone_turn_where_it_happened(record):
    turns = timeline(record)
    assert [(t.number, t.rolled_back, t.adjudicated) for t in turns] == [
        (1, False, True), (2, False, True), (3, True, True), (3, False, True)]
    one, two, undone, again = turns
    assert one.planning == (
        "The umpire made T1, an analyst token labelled “Dr Lee”.",
        "The umpire set up the press channel herald (The Herald) for everyone, authors "
        "hidden, open during negotiation and orders.",
        "Inject (scandal, from the umpire, to Bluria): “A scandal shakes Bluria's cabinet.”",
        f"The umpire edited the world: set Greenmark's treasury to 9. Rationale: “{EDIT_WHY}”")
    assert two.decided == ("Redland declared war on Bluria.", "Redland captured B from Bluria.")
    # One battle at B: 6 attackers against 3 defenders, 5 and 2 left.
    assert (two.battles, two.units_lost) == (1, (6 - 5) + (3 - 2))
    assert undone.decided == ("Redland captured C from Bluria.", "Bluria was eliminated.")
    assert again.planning[0] == "The umpire rolled the match back to the start of turn 3."
    assert again.decided == ()


def test_the_page_strikes_the_undone_turn_through_and_says_why(html):
    assert html.count('<li class=rolled-back>') == 1
    assert "Rolled back: this history was undone" in html
    assert "The umpire rolled the match back 1 time;" in html
    assert "text-decoration: line-through" in html


# --- intents, insights and review ------------------------------------------------------------

def test_each_intent_is_set_against_what_its_power_did(record):
    rows = intent_rows(record)
    assert [(r.turn, r.power, r.member, r.intent, r.rolled_back) for r in rows] == [
        (1, "RED", "RED.2", "Gather our forces at the capital.", False),
        (2, "RED", "", "Take Bluria's capital.", False)]
    assert rows[0].actions == ("Redland signed off its team's draft of 1 order: S -> R 2.",)
    assert rows[1].actions == (
        "Redland gave 2 orders: war BLU; R -> B 12.",
        f"Under review, the umpire set Redland's order 2 to R -> B 6. Rationale: “{AMEND_WHY}”",
        "Redland declared war on Bluria.", "Redland captured B from Bluria.")


def test_an_intent_for_a_rolled_back_turn_is_marked_and_not_compared(match):
    m = workshop_match()
    m.rollback(UMPIRE, 3, T3B + 100)
    m.state_intent("RED", "Hold everything.", T3B + 110)
    m.rollback(UMPIRE, 3, T3B + 120)
    (row,) = [r for r in intent_rows(rebuild(m.log)) if r.intent == "Hold everything."]
    assert (row.turn, row.rolled_back, row.actions) == (3, True, ())


def test_insights_are_listed_with_the_member_who_noted_them(record):
    assert [(i.turn, i.seat, i.member, i.text) for i in insight_rows(record)] == [
        (1, "BLU", "", "The scandal made us look for friends."),
        (4, "RED", "RED.2", "We overreached.")]


def test_the_review_table_lists_the_amendment_and_the_feedback(record, html):
    assert [(r.turn, r.what, r.power, r.text, r.rationale) for r in review_rows(record)] == [
        (2, "amended", "RED", "order 2 set to R -> B 6", AMEND_WHY),
        (2, "feedback", "RED", "Your attack was halved by the umpire.", ""),
        (2, "feedback", "BLU", "Hold on.", "")]
    assert "Test whether a smaller attack still takes the capital." in html
    assert "Your attack was halved by the umpire." in html
    assert "(RED.2, foreign minister)" in html


def test_the_orders_table_counts_the_replayed_turn_three(record):
    rows = {(o.turn, o.power): (o.status, o.orders, o.ended_by) for o in orders_rows(record)}
    assert rows[(1, "RED")] == ("on time", 1, "all_ready")
    assert rows[(2, "RED")] == ("late", 2, "umpire")
    assert rows[(3, "RED")] == ("missing", 0, "umpire")    # the replay: RED gave nothing
    assert len(rows) == 12


# --- export -------------------------------------------------------------------------------

def test_export_then_import_gives_the_same_final_state(record, match):
    doc = json.loads(json.dumps(export_json(record)))
    again = rebuild(log_from_export(doc))
    assert again.log == tuple(redacted(e) for e in record.log)
    assert again.final.hash() == record.final.hash() == match.state.hash()
    assert [t.number for t in again.turns] == [1, 2, 3]
    assert len(again.rolled_back) == 1


def test_the_export_marks_review_and_rolled_back_rows(record):
    rows = event_rows(record)
    by_seq = {r["seq"]: r for r in rows if r["source"] == "log"}
    assert by_seq[23]["phase"] == "review" and by_seq[23]["role"] == "umpire"
    assert by_seq[24]["phase"] == "adjudication"
    assert {by_seq[s]["phase"] for s in (25, 26, 27, 28)} == {"rolled back"}
    assert by_seq[29]["phase"] == "planning"
    undone = [r for r in rows if r["source"] == "report" and r["seq"] == 27]
    assert undone and {r["phase"] for r in undone} == {"rolled back"}
    assert "eliminated" in [r["kind"] for r in undone]
    released = [r["kind"] for r in rows if r["source"] == "report" and r["seq"] == 24]
    assert "captured" in released
    intent = next(r for r in rows if r["kind"] == "intent")
    assert (intent["seat"], intent["turn"], intent["content"]["member"]) == ("RED", 1, "RED.2")
    assert by_seq[11]["role"] == "umpire"                  # an ad hoc inject


def test_every_token_hash_is_blanked_in_the_export(record, match):
    text = json.dumps(export_json(record))
    hashes = [e[k] for e in match.log for k in ("token", "umpire", "password_hash")
              if e.get(k)]
    assert len(hashes) == 7     # 4 leads, 1 member, 1 role token, the umpire
    assert not any(h in text for h in hashes)


# --- a fork --------------------------------------------------------------------------------

def test_a_fork_starts_from_its_parents_state_and_says_so(match):
    parent = workshop_match()
    child, _ = parent.fork(UMPIRE, 2, "ws-what-if", T2 + 5000)
    record = rebuild(json.loads(json.dumps(child.log)))
    assert record.forked_from == {"match": "ws", "turn": 2, "hash": match.states[1].hash()}
    assert record.states[0].hash() == match.states[1].hash()
    assert record.turns == () and record.final.turn == 2
    assert log_sentence(record.log[0], record.names) == (
        "The match “Workshop (from turn 2)” was created (seed 3), forked from match ws at "
        "the start of turn 2.")
    assert "This match was forked from match ws at the start of turn 2." in report_html(
        record, images=False)
    assert log_sentence(parent.log[-1], rebuild(parent.log).names) == (
        "The umpire forked a new match, ws-what-if, from the start of turn 2.")


def test_the_report_has_no_unknown_events_banner_and_names_the_team(html):
    assert "does not know" not in html
    assert "ann, bo</td>" in html


def test_an_event_type_from_a_newer_version_is_listed_not_refused(match):
    log = json.loads(json.dumps(match.log))
    log.insert(20, {"seq": 0, "at": T2 + 15, "type": "vote", "seat": "RED", "token": "h"})
    for i, e in enumerate(log):
        e["seq"] = i
    record = rebuild(log)
    assert [e["type"] for e in record.unfolded] == ["vote"]
    assert record.final.hash() == match.state.hash()
    assert "Vote — seat: RED." in timeline(record)[1].planning
    assert "1 event(s) of a kind this version does not know" in report_html(record,
                                                                           images=False)


def event_types(log: list[dict[str, Any]]) -> set[str]:
    return {e["type"] for e in log}


def test_the_script_covers_the_workshop_events_the_brief_asks_for(match):
    assert {"member_joined", "draft", "intent", "insight", "inject", "world_edited",
            "review_set", "order_amended", "result_released", "rolled_back", "role_token",
            "channel_set"} <= event_types(match.log)
    assert any(e.get("signed_off") for e in match.log if e["type"] == "orders")
