"""Workshop captures: each power's stated intent against what it then did, and the insights
noted during play.

``intent`` and ``insight`` events carry ``seat`` (the power), ``member`` (only when a team
member other than the lead wrote it), ``turn`` and ``text`` (docs/WORKSHOP.md). What a power
*did* in a turn is read from the log and the report of the turn as it stands (after any
rollback): its last orders that counted, the umpire's amendments to them under review, the
proposals it made or answered, and the report events it caused. Reviews are listed too:
each amended order with its rationale, and the feedback released to each power.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from game.words.narrate import narrate

from .log_words import orders_sentence, log_sentence
from .record import MatchRecord
from .umpire_words import safe_order_text

Event = dict[str, Any]

# Report events that are a power's own doing (as opposed to what happened to it).
_DEEDS = {"pact_signed", "pact_invoked", "pact_broken", "withdrawal_notice", "pact_withdrawn",
          "captured", "ceded", "called_to_war", "honoured", "shortfall"}


@dataclass(frozen=True)
class IntentRow:
    turn: int
    power: str
    intent: str
    actions: tuple[str, ...]
    member: str = ""          # the team member who wrote it, when not the lead
    rolled_back: bool = False  # written in a stretch the umpire rolled back


@dataclass(frozen=True)
class InsightRow:
    turn: int
    seat: str
    text: str
    at: float
    member: str = ""


@dataclass(frozen=True)
class ReviewRow:
    """One thing the umpire did while reviewing a turn's result."""

    turn: int
    what: str                 # "amended" or "feedback"
    power: str
    text: str                 # the amendment in words, or the feedback
    rationale: str            # an amendment's rationale ("" for feedback)


def _event_turn(event: Event, fallback: int) -> int:
    turn = event.get("turn")
    return turn if isinstance(turn, int) and not isinstance(turn, bool) else fallback


def actions_of(record: MatchRecord, power: str, turn_number: int) -> tuple[str, ...]:
    """What the power did in a turn, in words."""
    turn = next((t for t in record.turns if t.number == turn_number), None)
    if turn is None:
        return ()
    out: list[str] = []
    last_orders = None
    amended = []
    for e in turn.events:
        if e["type"] == "order_amended" and e.get("power") == power:
            amended.append(log_sentence(e, record.names))
        if e.get("seat") != power:
            continue
        if e["type"] == "orders":
            last_orders = e
        elif e["type"] in ("proposed", "accepted", "declined", "withdrawn"):
            out.append(log_sentence(e, record.names))
    out[:0] = amended
    if last_orders is not None:
        out.insert(0, orders_sentence(last_orders, record.names))
    for e in turn.report.get("events", []):
        if e.get("type") == "pact_signed" and power in e.get("members", []):
            out.append(narrate(e, record.names))
        elif e.get("type") == "war_declared" and e.get("power") == power:
            out.append(narrate(e, record.names))
        elif e.get("type") in _DEEDS and e.get("power") == power:
            out.append(narrate(e, record.names))
    return tuple(out)


def intent_rows(record: MatchRecord) -> list[IntentRow]:
    """Every intent stated, with what its power then did in the turn it is about."""
    rows = []
    undone = record.superseded
    for e, turn in zip(record.log, record.turn_of):
        if e["type"] != "intent":
            continue
        about = _event_turn(e, turn)
        power = str(e.get("seat") or "")
        rolled = e["seq"] in undone
        # An intent for a turn later rolled back is set against nothing: what its power did
        # then was undone, and the turn that stands was played anew.
        actions = () if rolled else actions_of(record, power, about)
        rows.append(IntentRow(about, power, str(e.get("text", "")), actions,
                              str(e.get("member") or ""), rolled))
    return rows


def insight_rows(record: MatchRecord) -> list[InsightRow]:
    """Every insight noted, in order (insights outlive rollbacks: what was learnt stays)."""
    return [InsightRow(_event_turn(e, turn), str(e.get("seat") or ""),
                       str(e.get("text", "")), float(e["at"]), str(e.get("member") or ""))
            for e, turn in zip(record.log, record.turn_of) if e["type"] == "insight"]


def review_rows(record: MatchRecord) -> list[ReviewRow]:
    """Every amendment and every feedback of the reviews of the turns that stand."""
    rows = []
    for turn in record.turns:
        if turn.review is None:
            continue
        for e in turn.review.amendments:
            rows.append(ReviewRow(turn.number, "amended", str(e.get("power")),
                                  _amendment(e, record), str(e.get("rationale", ""))))
        for power, text in turn.review.feedback.items():
            rows.append(ReviewRow(turn.number, "feedback", power, text, ""))
    return rows


def _amendment(e: Event, record: MatchRecord) -> str:
    number = int(e.get("index", 0)) + 1
    if e.get("order") is None:
        return f"order {number} skipped"
    return f"order {number} set to {safe_order_text(e['order'])}"
