"""Which host process owns which match, when several share one PostgreSQL database
(``casus host --db URL --public-url URL``; docs/HOSTING.md).

A match is served by exactly one process at a time: the one holding its row in ``leases``.
A lease names its owner (a random id per process), the owner's public address, an
``epoch`` that grows by one each time the match changes hands, and an expiry on the
database's clock (so the processes' clocks never have to agree). The owner renews its
leases every RENEW_SECONDS; a process that dies stops renewing, and once its leases have
expired (TTL_SECONDS) any other process takes the matches over, replays their logs and
serves them.

Writes are fenced: every commit (server/store_pg.py) first locks the lease rows of the
matches it writes and checks that this process still holds each one at the epoch it took
it at, in the same transaction as the inserts. A process that lost a lease (paused too
long, cut off from the database) and still believes it owns the match therefore cannot
write: its commit fails, nothing it staged is stored, and none of it was acknowledged. A
process taking a lease over waits for such a commit in flight (the row lock) and reads the
log only after, so it sees every acknowledged event. The (match, seq) primary key would
refuse a forked log in any case; the lease keeps two processes from accepting commands for
one match at all.

The owner also keeps each lease's lobby summary fresh, so that every process lists every
match (``list_matches`` answers from any process).

Every statement here runs on the connection it is given: the commit's own (the fence, in
the commit's transaction), the store's between commits (a ``join`` for a match this process
does not serve), or the lease keeper's, in a worker thread of its own (server/cluster.py),
so that a slow database never holds up the event loop for the keeper's sake. Only the
event loop changes ``held``: the keeper's statements return what they found, and the loop
acts on it. Several transactions may therefore touch lease rows at once, so each locks the
rows it changes in the order of their match ids (no deadlock between them), and taking
back a lease this process holds in the database but not in memory adds one to its epoch,
so that a release still in flight for it (which names the epoch it releases) misses it.
"""

from __future__ import annotations

import json
import secrets
from typing import Any

TTL_SECONDS = 3.0      # a lease not renewed for this long may be taken over
RENEW_SECONDS = 1.0    # how often the owner renews (and looks for orphaned matches)

SCHEMA = """CREATE TABLE IF NOT EXISTS leases (
                match TEXT PRIMARY KEY, owner TEXT NOT NULL, url TEXT NOT NULL,
                epoch BIGINT NOT NULL, expires TIMESTAMPTZ NOT NULL,
                summary TEXT)"""

# How a lease is taken (the row inserted, or the row there taken over): one more epoch, a
# fresh expiry. ``TAKE_EXPIRED`` only when its owner stopped renewing; ``TAKE_BACK`` also
# when it is this process's own (see the module's docstring).
_TAKE = ("ON CONFLICT (match) DO UPDATE SET owner = EXCLUDED.owner, url = EXCLUDED.url, "
         "epoch = leases.epoch + 1, expires = EXCLUDED.expires WHERE leases.expires < now()")
TAKE_EXPIRED = _TAKE
TAKE_BACK = _TAKE + " OR leases.owner = EXCLUDED.owner"


class LeaseLost(Exception):
    """This process no longer holds a match it tried to write; nothing was written."""


class Leases:
    """This process's leases: its owner id, its public address, and ``held``, the epoch of
    each match it holds (changed on the event loop only)."""

    def __init__(self, db: Any, public_url: str, ttl: float = TTL_SECONDS) -> None:
        """``db``: a connection to make the table with."""
        self.owner = secrets.token_hex(8)
        self.url = public_url
        self.ttl = ttl
        self.held: dict[str, int] = {}       # match -> the epoch this process holds it at
        self._claimed: dict[str, int] = {}   # claimed inside the commit in flight
        with db.transaction():
            db.execute(SCHEMA)

    # --- inside a commit (server/store_pg.py calls this as its fence) -----------------------

    def fence(self, cur: Any, matches: set[str]) -> None:
        """Lock the lease rows of ``matches`` and check they are ours; a match this process
        has no lease for yet (one it just created) is claimed here, if nobody holds it.
        Raises LeaseLost, which fails the whole commit."""
        ids = sorted(matches)
        if not ids:
            return
        new = [m for m in ids if m not in self.held]
        for match_id in new:
            cur.execute("INSERT INTO leases (match, owner, url, epoch, expires) VALUES "
                        "(%s, %s, %s, 1, now() + make_interval(secs => %s)) " + TAKE_BACK,
                        (match_id, self.owner, self.url, self.ttl))
        cur.execute("SELECT match, owner, epoch FROM leases WHERE match = ANY(%s) "
                    "ORDER BY match FOR UPDATE", (ids,))
        rows = {m: (owner, epoch) for m, owner, epoch in cur.fetchall()}
        for match_id in ids:
            owner, epoch = rows.get(match_id, (None, None))
            if owner != self.owner or (match_id in self.held and epoch != self.held[match_id]):
                self.held.pop(match_id, None)
                raise LeaseLost(f"match {match_id} is owned by another host process now")
            if match_id not in self.held:
                self._claimed[match_id] = epoch
        # Held from now on only if the commit succeeds (``settle``).

    def settle(self, committed: bool) -> None:
        """After a commit: the matches it claimed are ours if it committed."""
        if committed:
            self.held.update(self._claimed)
        self._claimed.clear()

    # --- between commits: statements that return what they found, ``held`` untouched -------

    def renew(self, db: Any, held: dict[str, int],
              summaries: dict[str, dict[str, Any]]) -> set[str]:
        """Extend the leases of ``held`` that are still this process's (with the lobby
        summary of each match it has one for); returns those that are not."""
        if not held:
            return set()
        ids = sorted(held)
        with db.transaction():
            kept = {m for (m,) in db.execute(
                "WITH mine AS (SELECT match FROM leases WHERE match = ANY(%s) AND owner = %s "
                "              ORDER BY match FOR UPDATE) "
                "UPDATE leases SET expires = now() + make_interval(secs => %s), "
                "summary = COALESCE(s.summary, leases.summary) "
                "FROM mine JOIN (SELECT unnest(%s::text[]) AS match, "
                "                       unnest(%s::text[]) AS summary) s USING (match) "
                "WHERE leases.match = mine.match RETURNING leases.match",
                (ids, self.owner, self.ttl, ids,
                 [_summary_text(summaries.get(m)) for m in ids])).fetchall()}
        return set(ids) - kept

    def claim_orphans(self, db: Any, known: set[str], limit: int = 50) -> dict[str, int]:
        """Claim matches whose owner stopped renewing (and logs with no lease at all, such as
        a migrated database's), except those in ``known`` (served, unloaded or broken here);
        the epoch of each match claimed, whose log is to be read only after this."""
        with db.transaction():
            rows = db.execute(
                "WITH orphans AS ("
                "  SELECT match FROM ("
                "    SELECT match FROM leases WHERE expires < now()"
                "    UNION SELECT DISTINCT match FROM events"
                "      WHERE match NOT IN (SELECT match FROM leases)) o"
                "  WHERE NOT match = ANY(%s) AND match NOT IN (SELECT match FROM unloaded)"
                "  ORDER BY match LIMIT %s) "
                "INSERT INTO leases (match, owner, url, epoch, expires) "
                "SELECT match, %s, %s, 1, now() + make_interval(secs => %s) FROM orphans "
                "ORDER BY match " + TAKE_EXPIRED + " RETURNING match, epoch",
                (sorted(known), limit, self.owner, self.url, self.ttl)).fetchall()
        return dict(sorted(rows))

    def claim(self, db: Any, match_id: str) -> int | None:
        """Claim one match that has a log, is not unloaded, and that no other live process
        holds (a ``join`` for it came here); its epoch, or None."""
        with db.transaction():
            row = db.execute(
                "INSERT INTO leases (match, owner, url, epoch, expires) "
                "SELECT %s, %s, %s, 1, now() + make_interval(secs => %s) "
                "WHERE EXISTS (SELECT 1 FROM events WHERE match = %s) "
                "AND NOT EXISTS (SELECT 1 FROM unloaded WHERE match = %s) " + TAKE_BACK
                + " RETURNING epoch",
                (match_id, self.owner, self.url, self.ttl, match_id, match_id)).fetchone()
        return None if row is None else row[0]

    def release(self, db: Any, leases: dict[str, int]) -> None:
        """Give matches up at once (unloaded ones: whoever loads one next takes it), each
        only at the epoch named (taken back since, it stays). The rows stay, expired, so
        that the epoch keeps growing."""
        with db.transaction():
            for match_id, epoch in sorted(leases.items()):
                db.execute("UPDATE leases SET expires = now() - interval '1 second' "
                           "WHERE match = %s AND owner = %s AND epoch = %s",
                           (match_id, self.owner, epoch))

    def release_all(self, db: Any) -> None:
        """On a graceful stop: let the other processes take every match at once."""
        with db.transaction():
            db.execute("UPDATE leases SET expires = now() - interval '1 second' "
                       "WHERE owner = %s", (self.owner,))

    def owner_url(self, db: Any, match_id: str) -> str | None:
        """The public address of the live process that holds ``match_id`` (None when no
        other live process does)."""
        with db.transaction():
            row = db.execute(
                "SELECT url FROM leases WHERE match = %s AND owner <> %s AND expires >= now()",
                (match_id, self.owner)).fetchone()
        return row[0] if row else None

    def elsewhere(self, db: Any) -> dict[str, dict[str, Any]]:
        """The lobby summaries of the matches other live processes hold."""
        with db.transaction():
            rows = db.execute(
                "SELECT match, summary FROM leases WHERE owner <> %s AND expires >= now() "
                "AND summary IS NOT NULL ORDER BY match", (self.owner,)).fetchall()
        return {m: json.loads(s) for m, s in rows}

    def report(self) -> dict[str, Any]:
        """For the health check: this process's id, address and the leases it holds."""
        return {"owner": self.owner, "url": self.url, "leases": len(self.held)}


def _summary_text(summary: dict[str, Any] | None) -> str | None:
    return None if summary is None else json.dumps(summary, ensure_ascii=False)
