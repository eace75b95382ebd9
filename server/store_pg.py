"""Event logs in PostgreSQL (``casus host --db postgresql://…``): the same log as
server/storage.py keeps in SQLite, for a host that outgrows one file or one process.

The tables mirror SQLite's: ``events`` keyed by (match, seq) with the event's JSON text, and
``unloaded`` with the lobby summaries of finished matches that left memory. The group-commit
contract is the same too: ``append`` only stages, ``commit`` makes every staged event durable
in one transaction, and the host writes no acknowledgement before ``commit`` returns
(server/outbox.py). Staged rows wait in memory and ``commit`` sends them all in one pipelined
batch, so a commit costs one round trip to the database however many events it carries.
A duplicate (match, seq) fails the whole commit (the primary key), so a log cannot fork.

psycopg 3's synchronous connection is used on purpose: the host's commit is a synchronous
step of its event loop (server/outbox.py flushes, then writes frames), exactly as SQLite's is,
and it must finish before any frame it covers goes out.

``leases`` (server/leases.py) lets several processes share one database: when set, every
commit first checks, in the same transaction, that this process still holds the lease of
each match it writes, and fails without writing anything if it does not.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from .storage import Event, _parsed

if TYPE_CHECKING:
    from .leases import Leases

SCHEMA = (
    """CREATE TABLE IF NOT EXISTS events (
           match TEXT NOT NULL, seq INTEGER NOT NULL, body TEXT NOT NULL,
           PRIMARY KEY (match, seq))""",
    """CREATE TABLE IF NOT EXISTS unloaded (
           match TEXT PRIMARY KEY, summary TEXT NOT NULL)""",
)

class StorageError(Exception):
    """The database refused or could not be reached; the message says which and why."""


def is_database_url(text: str) -> bool:
    """Whether ``text`` names a PostgreSQL database rather than a data folder."""
    return text.startswith(("postgresql://", "postgres://"))


def connect(url: str) -> Any:
    """A psycopg connection to ``url`` (autocommit off: every write is in a transaction),
    or StorageError with psycopg's reason."""
    try:
        import psycopg
    except ImportError:
        raise StorageError("PostgreSQL needs the psycopg package: "
                           "pip install 'psycopg[binary]'") from None
    try:
        return psycopg.connect(url, connect_timeout=10)
    except psycopg.Error as err:
        raise StorageError(f"cannot connect to the database: {_reason(err)}") from None


def reopened(db: Any, url: str) -> Any:
    """``db``, or a new connection in its place when it broke; still the broken one while
    the database is out of reach (its next statement then fails as clearly)."""
    if db.closed or db.broken:
        try:
            return connect(url)
        except StorageError:
            pass
    return db


def read_log(db: Any, match_id: str) -> list[Event]:
    """One match's log read on ``db``, events in order (empty when there is no such match).
    A read is a transaction of its own, ended at once: an idle connection must not hold a
    snapshot open (it would keep PostgreSQL from vacuuming)."""
    with db.transaction():
        rows = db.execute("SELECT seq, body FROM events WHERE match = %s ORDER BY seq",
                          (match_id,)).fetchall()
    return [_parsed(body, seq) for seq, body in rows]


def _reason(err: Exception) -> str:
    return str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__


class PostgresStorage:
    """Event logs in the PostgreSQL database at ``url`` (its tables are made if missing)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.db = connect(url)
        self.leases: Leases | None = None
        self._events: list[tuple[str, int, str]] = []
        self._unloaded: list[tuple[str, str | None]] = []
        with self.db.transaction():
            for statement in SCHEMA:
                self.db.execute(statement)

    def append(self, match_id: str, event: Event) -> None:
        """Stage one event (durable at the next ``commit``)."""
        body = json.dumps(event, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        self._events.append((match_id, event["seq"], body))

    def set_unloaded(self, match_id: str, summary: dict[str, Any] | None) -> None:
        """Stage that a match is unloaded, with its lobby summary (None: loaded again)."""
        self._unloaded.append(
            (match_id, None if summary is None else json.dumps(summary, ensure_ascii=False)))

    def commit(self) -> None:
        """Write every staged change in one transaction; on any failure nothing is written
        and the error is raised (the host then rolls back its matches)."""
        if not self._events and not self._unloaded:
            return
        events, unloaded = self._events, self._unloaded
        self._events, self._unloaded = [], []
        try:
            with self.db.transaction(), self.db.pipeline(), self.db.cursor() as cur:
                if self.leases is not None:
                    self.leases.fence(cur, {m for m, _, _ in events} | {m for m, _ in unloaded})
                if events:
                    cur.executemany("INSERT INTO events (match, seq, body) VALUES (%s, %s, %s)",
                                    events)
                for match_id, summary in unloaded:
                    if summary is None:
                        cur.execute("DELETE FROM unloaded WHERE match = %s", (match_id,))
                    else:
                        cur.execute("INSERT INTO unloaded (match, summary) VALUES (%s, %s) "
                                    "ON CONFLICT (match) DO UPDATE SET summary = "
                                    "EXCLUDED.summary", (match_id, summary))
        except Exception:
            if self.leases is not None:
                self.leases.settle(False)
            self._reset()
            raise
        if self.leases is not None:
            self.leases.settle(True)

    def _reset(self) -> None:
        """After a failed commit: a connection that broke is opened again, so the host keeps
        serving once the database is back."""
        self.db = reopened(self.db, self.url)

    def rollback(self) -> None:
        """Drop every staged change (after a failed commit)."""
        self._events, self._unloaded = [], []

    def log(self, match_id: str) -> list[Event]:
        """One match's log, events in order (empty when there is no such match)."""
        return read_log(self.connection(), match_id)

    def logs(self, unloaded: bool = True) -> dict[str, list[Event]]:
        """Every match's log, events in order (without those marked unloaded, if
        ``unloaded`` is false)."""
        out: dict[str, list[Event]] = {}
        where = "" if unloaded else "WHERE match NOT IN (SELECT match FROM unloaded) "
        for match_id, seq, body in self._read(
                f"SELECT match, seq, body FROM events {where}ORDER BY match, seq"):
            out.setdefault(match_id, []).append(_parsed(body, seq))
        return out

    def unloaded(self) -> dict[str, dict[str, Any]]:
        """The summaries of the matches marked unloaded."""
        return {match_id: json.loads(summary) for match_id, summary in self._read(
            "SELECT match, summary FROM unloaded ORDER BY match")}

    def _read(self, sql: str, values: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        # A transaction of its own, ended at once, as ``read_log``'s.
        db = self.connection()
        with db.transaction():
            return db.execute(sql, values).fetchall()

    def connection(self) -> Any:
        """The store's connection, opened again if it broke since (a read may come long
        before the next commit would do it)."""
        self.db = reopened(self.db, self.url)
        return self.db

    def close(self) -> None:
        """Commit what is staged and close the connection."""
        try:
            self.commit()
        finally:
            self.db.close()
