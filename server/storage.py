"""Where event logs are kept so that matches survive a restart: SQLite by default.

A match is its event log, so storage is one table of events keyed by (match, seq).
``append`` stages an event and ``commit`` makes every staged event durable at once: the host
commits once per turn of its event loop, before it writes the replies those events
acknowledge (group commit; server/outbox.py), because a transaction per event was one of its
largest costs under load. WAL mode keeps a killed process from losing or corrupting a
committed event; an event staged but not committed was never acknowledged to anyone.
``Storage`` is the small interface the server uses; server/store_pg.py implements it over
PostgreSQL (``casus host --db postgresql://…``) and ``open_store`` picks one from what the
user named.

Storage also remembers which finished matches the host has unloaded from memory
(server/residency.py), with their lobby summaries, so a restarted host lists them without
replaying their logs and loads them only when someone comes back to one.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path
from typing import IO, Any, Protocol

try:
    import fcntl
except ImportError:      # not POSIX: the folder is not locked (see FolderLock)
    fcntl = None  # type: ignore[assignment]

from game.match.eventlog import (CREATE_EVENTS, CREATE_UNLOADED, DATABASE_FILE, INSERT_EVENT,
                                 SELECT_LOG, event_body)

Event = dict[str, Any]


class Storage(Protocol):
    def append(self, match_id: str, event: Event) -> None: ...
    def commit(self) -> None: ...
    def rollback(self) -> None: ...
    def log(self, match_id: str) -> list[Event]: ...
    def logs(self, unloaded: bool = True) -> dict[str, list[Event]]: ...
    def set_unloaded(self, match_id: str, summary: dict[str, Any] | None) -> None: ...
    def unloaded(self) -> dict[str, dict[str, Any]]: ...
    def close(self) -> None: ...


class SQLiteStorage:
    """Event logs in ``DIR/matches.sqlite3``."""

    FILE_NAME = DATABASE_FILE

    def __init__(self, folder: str | Path) -> None:
        folder = Path(folder)
        # Private to the user: the logs hold every seat's orders and chat, and the
        # password and token hashes. SQLite gives its -wal and -shm files the database
        # file's permissions.
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        ours = {self.FILE_NAME, f"{self.FILE_NAME}-wal", f"{self.FILE_NAME}-shm",
                FolderLock.FILE_NAME}
        if all(entry.name in ours for entry in folder.iterdir()):
            folder.chmod(0o700)
        # else a folder of other things (--data ., --data /tmp): closing it would lock its
        # other users out (/tmp's sticky, world-writable mode lost); the files stay private.
        self.path = folder / self.FILE_NAME
        self.path.touch(mode=0o600, exist_ok=True)
        self.path.chmod(0o600)
        # isolation_level=None: transactions are begun and committed here, explicitly.
        self.db = sqlite3.connect(self.path, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        for companion in (self.path.with_name(self.path.name + s) for s in ("-wal", "-shm")):
            if companion.exists():   # left by an older host, perhaps readable by all
                companion.chmod(0o600)
        self.db.execute(CREATE_EVENTS)
        self.db.execute(CREATE_UNLOADED)

    def append(self, match_id: str, event: Event) -> None:
        """Stage one event (durable at the next ``commit``); raises if it is not the next one
        of its match (a duplicate seq violates the primary key), so a log can never fork."""
        self._stage(INSERT_EVENT, (match_id, event["seq"], event_body(event)))

    def set_unloaded(self, match_id: str, summary: dict[str, Any] | None) -> None:
        """Stage that a match is unloaded, with its lobby summary (None: loaded again)."""
        if summary is None:
            self._stage("DELETE FROM unloaded WHERE match = ?", (match_id,))
        else:
            self._stage("INSERT OR REPLACE INTO unloaded (match, summary) VALUES (?, ?)",
                        (match_id, json.dumps(summary, ensure_ascii=False)))

    def unloaded(self) -> dict[str, dict[str, Any]]:
        """The summaries of the matches marked unloaded."""
        return {match_id: json.loads(summary) for match_id, summary in self.db.execute(
            "SELECT match, summary FROM unloaded ORDER BY match")}

    def _stage(self, sql: str, values: tuple[Any, ...]) -> None:
        if not self.db.in_transaction:
            self.db.execute("BEGIN")
        self.db.execute(sql, values)

    def commit(self) -> None:
        """Make every staged event durable (one transaction for all of them)."""
        if self.db.in_transaction:
            self.db.execute("COMMIT")

    def rollback(self) -> None:
        """Drop every staged event (after a failed commit)."""
        if self.db.in_transaction:
            self.db.execute("ROLLBACK")

    def log(self, match_id: str) -> list[Event]:
        """One match's log, events in order (empty when there is no such match)."""
        return [_parsed(body, seq) for seq, body in self.db.execute(SELECT_LOG, (match_id,))]

    def logs(self, unloaded: bool = True) -> dict[str, list[Event]]:
        """Every match's log, events in order (without those marked unloaded, if
        ``unloaded`` is false)."""
        out: dict[str, list[Event]] = {}
        where = "" if unloaded else "WHERE match NOT IN (SELECT match FROM unloaded) "
        for match_id, seq, body in self.db.execute(
                f"SELECT match, seq, body FROM events {where}ORDER BY match, seq"):
            out.setdefault(match_id, []).append(_parsed(body, seq))
        return out

    def close(self) -> None:
        """Commit what is staged and close the database."""
        self.commit()
        self.db.close()


UNREADABLE = "unreadable"   # the key of the stand-in for an event that is not JSON


def _parsed(body: str, seq: int) -> Event:
    """An event from its stored text; one that does not parse becomes a stand-in saying so,
    which no match replays (server/restore.py sets that match aside as broken)."""
    try:
        return json.loads(body)
    except ValueError as err:
        return {UNREADABLE: f"event {seq} is not valid JSON ({err})", "seq": seq}


class FolderBusy(Exception):
    """Another host serves this data folder."""


class FolderLock:
    """A serving host's hold on its data folder (``DIR/host.lock``, locked with flock).

    Two hosts on one SQLite folder would each number the events of a match from their own
    memory: the second one's commands then fail on the database's key and it serves a
    match that is not the one stored. Only a host that serves takes the lock (``--check``
    only reads); the lock goes with the process, so a host killed with SIGKILL leaves
    nothing to clean up. The file holds the holder's pid, for the message."""

    FILE_NAME = "host.lock"

    def __init__(self, folder: str | Path) -> None:
        self.path = Path(folder) / self.FILE_NAME
        self.file: IO[str] | None = None

    def take(self) -> None:
        """Hold the folder; raises FolderBusy naming the holder if another process does."""
        if fcntl is None:
            return
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        handle = os.fdopen(fd, "r+", encoding="utf-8")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            holder = handle.read().strip()
            handle.close()
            raise FolderBusy(f"another casus host{f' (pid {holder})' if holder else ''} "
                             f"is serving {self.path.parent}: stop it first, or give this "
                             "one another --data") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        self.file = handle

    def release(self) -> None:
        if self.file is not None:
            self.file.close()        # closing the file lets the lock go
            self.file = None


def open_store(where: str | Path) -> Storage:
    """The store ``where`` names: a ``postgresql://`` URL, or a data folder for SQLite.
    Raises server.store_pg.StorageError, OSError or sqlite3.Error when it cannot be opened."""
    from .store_pg import PostgresStorage, is_database_url

    if isinstance(where, str) and is_database_url(where):
        return PostgresStorage(where)
    return SQLiteStorage(where)


def describe(where: str | Path) -> str:
    """How to name a store to a user: a folder as it is, a database URL without its
    password."""
    text = str(where)
    if "://" in text and "@" in text.split("://", 1)[1].split("/", 1)[0]:
        scheme, rest = text.split("://", 1)
        credentials, host = rest.split("@", 1)
        return f"{scheme}://{credentials.split(':', 1)[0]}@{host}"
    return text


class MemoryStorage:
    """Logs kept in memory only (tests, and hosts started without a data folder)."""

    def __init__(self) -> None:
        self.data: dict[str, list[Event]] = {}
        self.summaries: dict[str, dict[str, Any]] = {}

    def append(self, match_id: str, event: Event) -> None:
        log = self.data.setdefault(match_id, [])
        if event["seq"] != len(log):
            raise ValueError(f"event {event['seq']} out of order for match {match_id}")
        log.append(json.loads(json.dumps(event)))

    def commit(self) -> None:
        pass

    def rollback(self) -> None:
        pass

    def log(self, match_id: str) -> list[Event]:
        return list(self.data.get(match_id, []))

    def logs(self, unloaded: bool = True) -> dict[str, list[Event]]:
        return {k: list(v) for k, v in self.data.items() if unloaded or k not in self.summaries}

    def set_unloaded(self, match_id: str, summary: dict[str, Any] | None) -> None:
        if summary is None:
            self.summaries.pop(match_id, None)
        else:
            self.summaries[match_id] = json.loads(json.dumps(summary))

    def unloaded(self) -> dict[str, dict[str, Any]]:
        return dict(self.summaries)

    def close(self) -> None:
        pass
