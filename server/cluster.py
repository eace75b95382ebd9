"""One host process among several over one PostgreSQL database (docs/HOSTING.md): it serves
the matches it holds the lease of (server/leases.py), answers the lobby for all of them,
sends a join, rejoin or spectate for a match another process serves to that process's
public address (the ``moved`` reply, docs/PROTOCOL.md), and takes over the matches of a
process that died.

Every RENEW_SECONDS ``keep`` renews this process's leases (with each match's lobby
summary), lets go of the matches it lost or unloaded, and takes over orphaned matches:
those whose owner stopped renewing. Taking a match over claims its lease first and reads
its log after, so it replays every event the dead owner committed; deadlines then run
here, from the times in the log.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any

from game.match import Match
from game.protocol import ProtocolError

from .leases import RENEW_SECONDS, Leases
from .store_pg import PostgresStorage, connect

if TYPE_CHECKING:
    from .app import Server

log = logging.getLogger("casus.server")

LOST_REASON = "this match moved to another host process; rejoin"   # a close reason


class ClusterStorage(PostgresStorage):
    """The PostgreSQL store of one process among several: its commits are fenced by its
    leases, and at startup it replays only the matches it can claim."""

    def __init__(self, url: str, public_url: str) -> None:
        super().__init__(url)
        self.leases = Leases(connect(url), public_url)

    def logs(self, unloaded: bool = True) -> dict[str, list[Any]]:
        if unloaded:   # every match, as migration and --check read them
            return super().logs(unloaded)
        held = self.leases.take_orphans(set(), limit=100_000)
        return {m: events for m in held if (events := self.log(m))}

    def close(self) -> None:
        try:
            super().close()
        finally:
            self.leases.db.close()


class Cluster:
    """What a Server asks when a match is not its own (``server.cluster``)."""

    def __init__(self, server: "Server", storage: ClusterStorage) -> None:
        self.server = server
        self.storage = storage
        self.leases = storage.leases
        server.cluster = self

    def find(self, match_id: str) -> Match | None:
        """A match this process does not serve: ``moved`` if a live process serves it, the
        match itself if it was orphaned (taken over now), None if there is no such match."""
        url = self.leases.owner_url(match_id)
        if url is not None:
            raise ProtocolError("moved", f"match {match_id} is served at {url}", {"url": url})
        summary = self.storage.unloaded().get(match_id)
        if summary is not None:   # unloaded by another process: load it here
            self.server.residency.unloaded[match_id] = summary
            return self.server._reload(match_id)
        self.adopt(self.leases.take_orphans(self._known()))
        return self.server.matches.get(match_id)

    def lobby(self) -> dict[str, dict[str, Any]]:
        """The lobby summaries of the matches other processes serve, and of the finished
        matches any process unloaded."""
        here = set(self.server.matches) | set(self.server.residency.unloaded)
        return {m: s for m, s in {**self.storage.unloaded(), **self.leases.elsewhere()}.items()
                if m not in here}

    def health(self) -> str:
        report = self.leases.report()
        return f"{report['leases']} leases owner {report['owner']} at {report['url']}"

    def _known(self) -> set[str]:
        return set(self.server.matches) | set(self.server.residency.unloaded) | \
            set(self.server.broken)

    def adopt(self, match_ids: list[str]) -> None:
        """Serve matches whose leases this process has just taken: replay their logs."""
        logs = {m: events for m in match_ids if m not in self.server.matches
                and (events := self.storage.log(m))}
        self.server.restore(logs)
        for match_id in logs:
            log.info("took over match %s", match_id)

    def drop(self, match_id: str) -> None:
        """Stop serving a match whose lease was lost: its followers are hung up and, when
        they come back, sent to the process that holds it now."""
        server = self.server
        server.matches.pop(match_id, None)
        server.bots_pending.discard(match_id)
        for conn in server.followers.pop(match_id, set()):
            conn.match_id = conn.seat = None
            asyncio.ensure_future(conn.ws.close(1012, LOST_REASON))
        log.warning("lost the lease of match %s; another process serves it", match_id)

    def step(self) -> None:
        """One round of upkeep: renew, let go, take over."""
        server = self.server
        lost = self.leases.renew({m: match.summary() for m, match in server.matches.items()})
        # A match held in memory without a lease (lost, or a commit refused by the fence):
        # another process serves it. Staged matches wait for their commit to settle it.
        for match_id in lost | (set(server.matches) - set(self.leases.held) - server.staged):
            if match_id in server.matches:
                self.drop(match_id)
        for match_id in set(self.leases.held) - set(server.matches) - server.staged:
            self.leases.release(match_id)   # unloaded: whoever loads it next takes it
        taken = self.leases.take_orphans(self._known())
        if taken:
            self.adopt(taken)

    async def keep(self) -> None:
        """Run ``step`` every RENEW_SECONDS until cancelled; a failing database is logged
        and tried again (the leases expire meanwhile, and the commits are refused)."""
        while True:
            try:
                self.step()
            except Exception:
                log.exception("renewing the leases failed")
                self.leases.db = _reopened(self.leases.db, self.storage.url)
            await asyncio.sleep(RENEW_SECONDS)


def _reopened(db: Any, url: str) -> Any:
    if db.closed or db.broken:
        try:
            return connect(url)
        except Exception:
            return db
    return db
