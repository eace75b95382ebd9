"""The match as data for spreadsheets and analysis: every event, and the state per turn.

One row per event, from two sources: the event log (``source`` "log": seats, chat,
proposals, orders, adjudications, umpire and workshop events) and each turn's report
(``source`` "report": the adjudicator's events). Columns:

    seq      the log event's number (report rows: their adjudication's)
    item     a report event's index in its turn's report (log rows: empty)
    turn     the turn the event belongs to
    phase    planning, review (an order amended under review), adjudication (the result
             made the match's: adjudicated, or result_released after a review), rolled back
             (a turn the umpire later rolled back), or over (after the last turn)
    time     UTC wall-clock time, when the log's times are Unix times
    at       the log's own time, in seconds
    elapsed  seconds since the match was created
    seat     who acted (log) or whom the event is about (report)
    role     power, umpire, spectator, adjudicator, or system
    kind     the event's type
    source   log or report
    text     the event in words
    content  the event's other fields (JSON)

The per-turn snapshots come as canonical state JSON (JSON export) or as one row per turn
and power (CSV export, a second file). Seat tokens and the match password never leave: their
hashes are blanked. An unfiltered JSON export holds the whole log: ``log_from_export``
rebuilds it, and replaying that gives the same final state hash.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Any, Iterable

from game.words.narrate import narrate
from game.match import PUBLIC, UMPIRE

from .log_words import log_sentence
from .record import MatchRecord, wall_clock
from .series import power_figures
from .umpire_words import UMPIRE_ACTIONS
from .source import MatchSourceError, check_log

Event = dict[str, Any]

FORMAT = "casus-export"
VERSION = 1
COLUMNS: tuple[str, ...] = ("seq", "item", "turn", "phase", "time", "at", "elapsed", "seat",
                            "role", "kind", "source", "text", "content")
STATE_COLUMNS: tuple[str, ...] = ("turn", "label", "power", "territories", "value", "units",
                                  "treasury", "legitimacy", "owed", "kept", "credibility",
                                  "eliminated")
# Hashes that open seats or the match: blanked in every export (see the module docstring).
# Every event that carries one (joined, member_joined, role_token, created and a fork's
# created) names it with one of these keys.
SECRET_FIELDS = ("token", "password_hash", "password_salt", "umpire")
# Fields that may name a power, for --power.
_POWER_FIELDS = ("seat", "power", "target", "against", "by", "attacked", "ally", "enemy", "to",
                 "from", "members", "between", "channel", "powers", "attackers", "defenders")


class ExportError(ValueError):
    """A bad filter, or an export that cannot be turned back into a log: one sentence."""


@dataclass(frozen=True)
class Filters:
    """Which rows to keep; None keeps all. ``channel`` is 'public' or its members."""

    turn: int | None = None
    power: str | None = None
    channel: tuple[str, ...] | None = None

    @property
    def active(self) -> bool:
        return self.turn is not None or self.power is not None or self.channel is not None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.turn is not None:
            out["turn"] = self.turn
        if self.power is not None:
            out["power"] = self.power
        if self.channel is not None:
            out["channel"] = "+".join(self.channel)
        return out


def parse_filters(record: MatchRecord, turn: int | None, power: str | None,
                  channel: str | None) -> Filters:
    """Filters from the command line, checked against the match."""
    powers = record.powers
    if turn is not None:
        last = record.final.turn
        first = record.states[0].turn
        if not first <= turn <= last:
            raise ExportError(f"--turn must be from {first} to {last} in this match, "
                              f"not {turn}")
    if power is not None and power not in powers:
        raise ExportError(f"--power must be one of {', '.join(powers)}, not {power!r}")
    key = None
    if channel is not None:
        if channel.strip().lower() == PUBLIC:
            key = (PUBLIC,)
        else:
            members = [p.strip() for p in channel.replace(",", "+").split("+") if p.strip()]
            unknown = [p for p in members if p not in powers]
            if unknown or len(set(members)) < 2 or len(set(members)) != len(members):
                raise ExportError(f"--channel is 'public' or two or more different powers "
                                  f"joined by '+' (of {', '.join(powers)}), not {channel!r}")
            key = tuple(p for p in powers if p in members)
    return Filters(turn, power, key)


def redacted(event: Event) -> Event:
    """The event without anything that opens a seat or the match."""
    return {k: ("" if k in SECRET_FIELDS and v else v) for k, v in event.items()}


def _role(seat: Any, powers: list[str]) -> str:
    if seat in powers:
        return "power"
    if seat == UMPIRE:
        return "umpire"
    if seat == "spectator":
        return "spectator"
    return "system"


def _involves(event: Event, power: str) -> bool:
    for key in _POWER_FIELDS:
        value = event.get(key)
        if value == power or (isinstance(value, (list, dict)) and power in value):
            return True
    terms = event.get("terms")
    return isinstance(terms, dict) and power in (terms.get("members") or [])


def _keep(event: Event, row_turn: int, filters: Filters) -> bool:
    if filters.turn is not None and row_turn != filters.turn:
        return False
    if filters.power is not None and not _involves(event, filters.power):
        return False
    if filters.channel is not None:
        return event.get("type") == "chat" and tuple(event.get("channel", ())) == filters.channel
    return True


def event_rows(record: MatchRecord, filters: Filters = Filters()) -> list[dict[str, Any]]:
    """Every event as a row of COLUMNS (``content`` as a dict), filtered."""
    start = float(record.log[0]["at"])
    over_from = (record.turns[-1].committed_seq if record.over and record.turns
                 else len(record.log))
    # Report rows follow the event that made the result the match's; a rolled-back turn's
    # report is exported too (phase "rolled back"), so analysts can compare the two.
    reports = {t.committed_seq: t for t in record.turns}
    reports.update({t.committed_seq: t for r in record.rolled_back for t in r.turns})
    undone = record.superseded
    rows = []
    for i, (event, turn) in enumerate(zip(record.log, record.turn_of)):
        at = float(event["at"])
        common = {"time": wall_clock(at), "at": at, "elapsed": round(at - start, 3)}
        phase = ("rolled back" if event["seq"] in undone
                 else "adjudication" if event["type"] in ("adjudicated", "result_released")
                 else "review" if event["type"] == "order_amended"
                 else "over" if i > over_from else "planning")
        if _keep(event, turn, filters):
            content = {k: v for k, v in redacted(event).items() if k not in ("seq", "at", "type")}
            rows.append({"seq": event["seq"], "item": None, "turn": turn, "phase": phase,
                         **common, "seat": event.get("seat"),
                         "role": ("umpire" if event["type"] in UMPIRE_ACTIONS
                                  or (event["type"] == "inject"
                                      and event.get("source") == "umpire")
                                  else _role(event.get("seat"), record.powers)),
                         "kind": event["type"], "source": "log",
                         "text": log_sentence(event, record.names), "content": content})
        done = reports.get(event["seq"])
        if done is None:
            continue
        for k, e in enumerate(done.report.get("events", [])):
            if not _keep(e, done.number, filters):
                continue
            rows.append({"seq": event["seq"], "item": k, "turn": done.number,
                         "phase": "rolled back" if event["seq"] in undone else "adjudication", **common, "seat": e.get("power"),
                         "role": "adjudicator", "kind": e.get("type"), "source": "report",
                         "text": narrate(e, record.names),
                         "content": {key: v for key, v in e.items() if key != "type"}})
    return rows


def state_snapshots(record: MatchRecord, filters: Filters = Filters()) -> list[dict[str, Any]]:
    """The state at the start (turn 0) and at the end of each turn, as canonical JSON."""
    states = [(0, record.states[0])] + [(t.number, t.after) for t in record.turns]
    return [{"turn": n, "label": s.label, "state": s.to_json()} for n, s in states
            if filters.turn is None or n == filters.turn]


def state_rows(record: MatchRecord, filters: Filters = Filters()) -> list[dict[str, Any]]:
    """One row per turn and power: the figures of STATE_COLUMNS (turn 0 is the start)."""
    rows = []
    for snap in state_snapshots(record, filters):
        state = record.states[0] if snap["turn"] == 0 else next(
            t.after for t in record.turns if t.number == snap["turn"])
        for p in record.powers:
            if filters.power is not None and p != filters.power:
                continue
            ps = state.power(p)
            f = power_figures(state, p)
            rows.append({"turn": snap["turn"], "label": snap["label"], "power": p,
                         "territories": f["territories"], "value": f["value"],
                         "units": f["units"], "treasury": ps.treasury,
                         "legitimacy": ps.legitimacy, "owed": ps.owed, "kept": ps.kept,
                         "credibility": ps.credibility, "eliminated": ps.eliminated})
    return rows


def export_json(record: MatchRecord, filters: Filters = Filters()) -> dict[str, Any]:
    """The JSON export document."""
    return {
        "format": FORMAT, "version": VERSION,
        "match": {"id": record.match_id, "name": record.name, "scenario": record.scenario.name,
                  "powers": [{"id": p.id, "name": p.name, "color": p.color}
                             for p in record.scenario.powers],
                  "turns_played": len(record.turns), "over": record.over,
                  "final_hash": record.final.hash()},
        "filters": filters.to_json(),
        "columns": list(COLUMNS),
        "events": event_rows(record, filters),
        "states": state_snapshots(record, filters),
    }


def _cell(value: Any) -> Any:
    """A CSV cell: JSON for structures, and text that a spreadsheet would take for a
    formula is quoted (a chat message reading '=HYPERLINK(…)' stays text)."""
    if isinstance(value, (dict, list)):
        value = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return "" if value is None else value


def _csv_content(row: dict[str, Any]) -> Any:
    content = row["content"]
    if row["source"] == "log" and row["kind"] == "created" and "scenario" in content:
        # The map and scenario documents fill megabytes; the JSON export keeps them.
        content = {**content, "scenario": "(in the JSON export)"}
    return content


def write_csv(rows: Iterable[dict[str, Any]], columns: tuple[str, ...],
              content: bool = False) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        if content:
            row = {**row, "content": _csv_content(row)}
        writer.writerow({k: _cell(row.get(k)) for k in columns})
    return out.getvalue()


def events_csv(record: MatchRecord, filters: Filters = Filters()) -> str:
    return write_csv(event_rows(record, filters), COLUMNS, content=True)


# --- and back ------------------------------------------------------------------------------

def log_from_export(doc: Any) -> list[Event]:
    """The event log inside an unfiltered JSON export (its "log" rows, in order).

    Replaying it gives the match again, with the same final state hash; seat tokens and the
    password stay blank, so the old tokens open nothing in the rebuilt match.
    """
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ExportError("this is not a casus export (no \"format\": \"casus-export\")")
    if doc.get("version") != VERSION:
        raise ExportError(f"this export is of version {doc.get('version')!r}; this casus "
                          f"reads version {VERSION}")
    if doc.get("filters"):
        shown = ", ".join(f"{k} {v}" for k, v in doc["filters"].items())
        raise ExportError(f"this export was filtered ({shown}), so it does not hold the "
                          "whole match; export it again without filters")
    rows = doc.get("events")
    if not isinstance(rows, list):
        raise ExportError("this export has no \"events\" list")
    log = []
    for n, row in enumerate(rows):
        if not isinstance(row, dict):
            raise ExportError(f"row {n} of the export's events is not an object")
        if row.get("source") != "log":
            continue
        content = row.get("content")
        if not isinstance(content, dict) or not isinstance(row.get("kind"), str):
            raise ExportError(f"row {n} of the export's events has no kind or no content")
        log.append({"seq": row.get("seq"), "at": row.get("at"), "type": row["kind"],
                    **content})
    try:
        return check_log(log, "the export")
    except MatchSourceError as err:
        raise ExportError(str(err)) from None
