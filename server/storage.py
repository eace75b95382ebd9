"""Where event logs are kept so that matches survive a restart: SQLite by default.

A match is its event log, so storage is one table of events keyed by (match, seq). Each
event is committed before the command that made it is acknowledged; WAL mode keeps a
killed process from losing or corrupting a committed event. ``Storage`` is the small
interface the server uses, so another database can replace SQLite later.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any, Protocol

Event = dict[str, Any]


class Storage(Protocol):
    def append(self, match_id: str, event: Event) -> None: ...
    def logs(self) -> dict[str, list[Event]]: ...
    def close(self) -> None: ...


class SQLiteStorage:
    """Event logs in ``DIR/matches.sqlite3``."""

    FILE_NAME = "matches.sqlite3"

    def __init__(self, folder: str | Path) -> None:
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / self.FILE_NAME
        # isolation_level=None: we commit explicitly, one event per transaction.
        self.db = sqlite3.connect(self.path, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("""CREATE TABLE IF NOT EXISTS events (
                               match TEXT NOT NULL, seq INTEGER NOT NULL, body TEXT NOT NULL,
                               PRIMARY KEY (match, seq))""")

    def append(self, match_id: str, event: Event) -> None:
        """Store one event; raises if it is not the next one of its match (a duplicate seq
        violates the primary key), so a log can never fork."""
        body = json.dumps(event, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        self.db.execute("INSERT INTO events (match, seq, body) VALUES (?, ?, ?)",
                        (match_id, event["seq"], body))

    def logs(self) -> dict[str, list[Event]]:
        """Every match's log, events in order."""
        out: dict[str, list[Event]] = {}
        for match_id, body in self.db.execute(
                "SELECT match, body FROM events ORDER BY match, seq"):
            out.setdefault(match_id, []).append(json.loads(body))
        return out

    def close(self) -> None:
        self.db.close()


class MemoryStorage:
    """Logs kept in memory only (tests, and hosts started without a data folder)."""

    def __init__(self) -> None:
        self.data: dict[str, list[Event]] = {}

    def append(self, match_id: str, event: Event) -> None:
        log = self.data.setdefault(match_id, [])
        if event["seq"] != len(log):
            raise ValueError(f"event {event['seq']} out of order for match {match_id}")
        log.append(json.loads(json.dumps(event)))

    def logs(self) -> dict[str, list[Event]]:
        return {k: list(v) for k, v in self.data.items()}

    def close(self) -> None:
        pass
