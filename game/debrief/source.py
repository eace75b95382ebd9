"""Where a debrief's match comes from: a match id in a server's data folder, or a JSON log.

MATCH on the command line is either a path to a JSON file holding the event log (a list of
events, or ``{"events": [...]}`` as hot-seat saves and ``casus export --format json`` write
it) or the id of a match stored by ``casus host --data DIR``. Every way this can go wrong
ends in a ``MatchSourceError`` whose message is one sentence naming the file or match and
what is wrong with it.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from game.match.eventlog import DATABASE_FILE, SELECT_LOG, SELECT_MATCHES

Event = dict[str, Any]


class MatchSourceError(ValueError):
    """A match that cannot be read: the message is one sentence for the user."""


def load_log(match: str, data_dir: str | Path) -> list[Event]:
    """The event log MATCH names: a JSON file if such a file exists (or the argument looks
    like one), else a match id in ``data_dir``."""
    path = Path(match)
    if path.is_file() or match.lower().endswith(".json"):
        return read_log_file(path)
    return read_stored_log(match, Path(data_dir))


def read_log_file(path: Path) -> list[Event]:
    """The log in a JSON file: a list of events, or an object with an ``events`` list (the
    JSON export is such an object: its rows are turned back into the log)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise MatchSourceError(f"there is no file {path}") from None
    except UnicodeDecodeError as err:   # a binary file given by mistake
        raise MatchSourceError(f"{path} is not text (byte {err.start} is not UTF-8)") from None
    except OSError as err:
        raise MatchSourceError(f"cannot read {path}: {err.strerror or err}") from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as err:
        raise MatchSourceError(f"{path} is not valid JSON (line {err.lineno}, column "
                               f"{err.colno}: {err.msg})") from None
    if isinstance(doc, dict) and doc.get("format") == "casus-export":
        from .export import ExportError, log_from_export
        try:
            return log_from_export(doc)
        except ExportError as err:
            raise MatchSourceError(f"{path}: {err}") from None
    events = doc.get("events") if isinstance(doc, dict) else doc
    if not isinstance(events, list):
        raise MatchSourceError(f"{path} holds neither a list of events nor an object "
                               "with an \"events\" list")
    return check_log(events, str(path))


def read_stored_log(match_id: str, data_dir: Path) -> list[Event]:
    """One match's log from a server data folder, opened read-only so that a debrief can
    never change (or create) a database, even while the host is running."""
    db_path = data_dir / DATABASE_FILE
    if not db_path.is_file():
        raise MatchSourceError(f"there is no file {match_id} and no match database in "
                               f"{data_dir} (looked for {db_path})")
    try:
        db = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            rows = db.execute(SELECT_LOG, (match_id,)).fetchall()
            if not rows:
                known = [r[0] for r in db.execute(SELECT_MATCHES, (6,))]
        finally:
            db.close()
    except sqlite3.Error as err:
        raise MatchSourceError(f"cannot read the match database {db_path}: {err}") from None
    if not rows:
        hint = (f" (it holds {', '.join(known[:5])}{', …' if len(known) > 5 else ''})"
                if known else " (it holds no match)")
        raise MatchSourceError(f"there is no match {match_id!r} in {db_path}{hint}")
    events = []
    for i, (_, body) in enumerate(rows):
        try:
            events.append(json.loads(body))
        except json.JSONDecodeError:
            raise MatchSourceError(f"event {i} of match {match_id!r} in {db_path} is not "
                                   "valid JSON") from None
    return check_log(events, f"match {match_id!r}")


def check_log(events: list[Any], where: str) -> list[Event]:
    """The log's shape, checked before anything folds it: objects with a type, numbered
    0, 1, 2… with a time, beginning with the match's creation."""
    if not events:
        raise MatchSourceError(f"the event log of {where} is empty")
    for i, event in enumerate(events):
        if not isinstance(event, dict):
            raise MatchSourceError(f"event {i} of {where} is not an object")
        if not isinstance(event.get("type"), str):
            raise MatchSourceError(f"event {i} of {where} has no type")
        if event.get("seq") != i:
            raise MatchSourceError(f"event {i} of {where} is out of order "
                                   f"(its seq is {event.get('seq')!r})")
        if not isinstance(event.get("at"), (int, float)) or isinstance(event.get("at"), bool):
            raise MatchSourceError(f"event {i} ({event['type']}) of {where} has no time "
                                   "(\"at\", in seconds)")
    if events[0]["type"] != "created":
        raise MatchSourceError(f"the event log of {where} does not begin with the match's "
                               f"creation (its first event is {events[0]['type']!r})")
    return events
