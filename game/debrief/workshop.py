"""Workshop captures: each power's stated intent against what it then did, and the insights
noted during play.

An ``intent`` event is expected to carry ``seat`` (the power), ``text`` and, optionally,
``turn`` (the turn it is about; else the turn it was written in). An ``insight`` carries
``seat`` and ``text``. What a power *did* in a turn is read from the log and the report:
its last set of orders, the proposals it made or accepted, and the report events it caused.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from game.client.narrate import narrate

from .log_words import orders_sentence, log_sentence
from .record import MatchRecord

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


@dataclass(frozen=True)
class InsightRow:
    turn: int
    seat: str
    text: str
    at: float


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
    for e in turn.events:
        if e.get("seat") != power:
            continue
        if e["type"] == "orders":
            last_orders = e
        elif e["type"] in ("proposed", "accepted", "declined", "withdrawn"):
            out.append(log_sentence(e, record.names))
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
    for e, turn in zip(record.log, record.turn_of):
        if e["type"] != "intent":
            continue
        about = _event_turn(e, turn)
        power = str(e.get("seat") or e.get("power") or "")
        rows.append(IntentRow(about, power, str(e.get("text", "")),
                              actions_of(record, power, about)))
    return rows


def insight_rows(record: MatchRecord) -> list[InsightRow]:
    """Every insight noted, in order."""
    return [InsightRow(_event_turn(e, turn), str(e.get("seat") or e.get("by") or ""),
                       str(e.get("text", "")), float(e["at"]))
            for e, turn in zip(record.log, record.turn_of) if e["type"] == "insight"]
