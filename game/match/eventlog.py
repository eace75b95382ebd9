"""How a host stores match logs, for everyone who reads them: the host's SQLite store
(server/storage.py) and the debrief reading a data folder (game/debrief/source.py).

A match is its event log, so the store is one table of events keyed by (match, seq), each
event's body as compact JSON; a second table holds the lobby summaries of the finished matches
a host has unloaded from memory. A reader opens the same file and runs the same queries.
"""

from __future__ import annotations

import json
from typing import Any

DATABASE_FILE = "matches.sqlite3"   # inside a host's data folder (casus host --data DIR)

CREATE_EVENTS = """CREATE TABLE IF NOT EXISTS events (
                       match TEXT NOT NULL, seq INTEGER NOT NULL, body TEXT NOT NULL,
                       PRIMARY KEY (match, seq))"""
CREATE_UNLOADED = """CREATE TABLE IF NOT EXISTS unloaded (
                         match TEXT PRIMARY KEY, summary TEXT NOT NULL)"""

INSERT_EVENT = "INSERT INTO events (match, seq, body) VALUES (?, ?, ?)"
SELECT_LOG = "SELECT seq, body FROM events WHERE match = ? ORDER BY seq"   # (seq, body) rows
SELECT_MATCHES = "SELECT DISTINCT match FROM events ORDER BY match LIMIT ?"


def event_body(event: dict[str, Any]) -> str:
    """An event as stored: compact JSON, non-ASCII kept, no NaN (it would not read back)."""
    return _BODY.encode(event)


# One encoder for every event: ``json.dumps`` with these options builds a new one per call,
# and the host journals every command.
_BODY = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False)
