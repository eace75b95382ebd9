"""The match in words, turn by turn: the key events a room wants to hear in a hot wash.

Each turn lists what happened while it was planned (declined proposals, injects, umpire
rulings, and any event type this version does not know) and then what its adjudication
decided (pacts signed, triggered, invoked, honoured, broken and abandoned; wars declared
and ended; captures; collapses; victory), in the engine's order. Moves, battles and the
bookkeeping of income and legitimacy are summed up in one line rather than told.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from game.words.narrate import narrate

from .log_words import NOT_IN_TIMELINE, log_sentence
from .record import MatchRecord, TurnRecord

Event = dict[str, Any]

KEY_REPORT_EVENTS = frozenset({
    "pact_signed", "pact_triggered", "pact_invoked", "called_to_war", "honoured",
    "shortfall", "pact_broken", "withdrawal_notice", "pact_withdrawn", "pact_ended",
    "war_declared", "peace", "ceded", "captured", "collapse", "eliminated", "victory",
})


def _told_by_call(event: Event, events: list[Event]) -> bool:
    """A partner's war declaration repeats its call to war, which tells more (the ally)."""
    if event.get("type") != "war_declared" or event.get("cause") == "declaration":
        return False
    return any(e.get("type") == "called_to_war" and e.get("power") == event.get("power")
               and e.get("against") == event.get("target") for e in events)


def key_events(report: dict[str, Any]) -> list[Event]:
    """The report events the timeline tells, in the engine's order."""
    events = list(report.get("events", []))
    return [e for e in events if e.get("type") in KEY_REPORT_EVENTS
            and not _told_by_call(e, events)]


@dataclass(frozen=True)
class TimelineTurn:
    number: int
    label: str
    planning: tuple[str, ...]     # sentences from the log
    decided: tuple[str, ...]      # sentences from the report
    messages: int                 # chat messages sent while it was planned
    battles: int
    units_lost: int               # in battles, all sides
    adjudicated: bool             # False for a turn still being planned
    rolled_back: bool = False     # a stretch the umpire rolled back (shown struck through)
    first_seq: int = 0            # its first log event: the timeline runs in log order
    held: bool = False            # adjudicated, the result held for the umpire's review


def _battle_losses(report: dict[str, Any]) -> tuple[int, int]:
    battles = lost = 0
    for e in report.get("events", []):
        if e.get("type") == "battle":
            battles += 1
            lost += (sum(e.get("attackers", {}).values()) + sum(e.get("defenders", {}).values())
                     - sum(e.get("attackers_after", {}).values())
                     - sum(e.get("defenders_after", {}).values()))
    return battles, lost


def _planning(record: MatchRecord, events: tuple[Event, ...]) -> tuple[tuple[str, ...], int]:
    lines = tuple(log_sentence(e, record.names) for e in events
                  if e["type"] not in NOT_IN_TIMELINE)
    return lines, sum(1 for e in events if e["type"] == "chat")


def timeline_turn(record: MatchRecord, turn: TurnRecord,
                  rolled_back: bool = False) -> TimelineTurn:
    planning, messages = _planning(record, turn.events)
    decided = tuple(narrate(e, record.names) for e in key_events(turn.report))
    battles, lost = _battle_losses(turn.report)
    return TimelineTurn(turn.number, turn.label, planning, decided, messages, battles, lost,
                        True, rolled_back, int(turn.events[0]["seq"]))


def _unfinished(record: MatchRecord, number: int, events: tuple[Event, ...],
                rolled_back: bool) -> TimelineTurn:
    """A turn whose planning never reached a released result (yet, or ever)."""
    planning, messages = _planning(record, events)
    label = next((s.label for s in record.states if s.turn == number), f"Turn {number}")
    held = not rolled_back and record.under_review is not None
    return TimelineTurn(number, label, planning, (), messages, 0, 0, False, rolled_back,
                        int(events[0]["seq"]), held)


def timeline(record: MatchRecord) -> list[TimelineTurn]:
    """Every turn in the order it was played: the turns that stand, the stretches a
    rollback undid (``rolled_back``, where they happened), then the turn being planned if
    the match is still running."""
    out = [timeline_turn(record, t) for t in record.turns]
    for stretch in record.rolled_back:
        out += [timeline_turn(record, t, rolled_back=True) for t in stretch.turns]
        if _planning(record, stretch.unfinished)[0]:   # an interrupted planning with news
            out.append(_unfinished(record, stretch.unfinished_turn, stretch.unfinished, True))
    if record.pending and not record.over:
        out.append(_unfinished(record, record.final.turn, record.pending, False))
    return sorted(out, key=lambda t: t.first_seq)
