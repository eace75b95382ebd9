"""One host process among several over one PostgreSQL database (docs/HOSTING.md): it serves
the matches it holds the lease of (server/leases.py), answers the lobby for all of them,
sends a join, rejoin or spectate for a match another process serves to that process's
public address (the ``moved`` reply, docs/PROTOCOL.md), and takes over the matches of a
process that died.

Every RENEW_SECONDS the lease keeper (``keep``) renews this process's leases (with each
match's lobby summary), lets go of the matches it lost or unloaded, and takes over orphaned
matches: those whose owner stopped renewing. Taking a match over claims its lease first and
reads its log after, so it replays every event the dead owner committed; deadlines then run
here, from the times in the log.

The keeper's statements run in a worker thread, on a connection of its own, so that a slow
database delays the keeper and never the event loop (which still waits for its commits:
an acknowledgement follows its commit, server/outbox.py). Each round decides on the loop
what to renew and release, runs the statements in the thread, and acts on their answers
back on the loop; the fence in every commit keeps the database the judge of who owns what
meanwhile (server/leases.py).
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any, NamedTuple

from game.match import Match
from game.protocol import ProtocolError

from .leases import RENEW_SECONDS, Leases
from .store_pg import PostgresStorage, connect, read_log, reopened

if TYPE_CHECKING:
    from .app import Server

log = logging.getLogger("casus.server")

LOST_REASON = "this match moved to another host process; rejoin"   # a close reason


class ClusterStorage(PostgresStorage):
    """The PostgreSQL store of one process among several: its commits are fenced by its
    leases, and at startup it replays only the matches it can claim. ``keeper_db`` is the
    lease keeper's connection (used by its thread only, once the host serves)."""

    def __init__(self, url: str, public_url: str) -> None:
        super().__init__(url)
        self.leases = Leases(self.db, public_url)
        self.keeper_db = connect(url)

    def logs(self, unloaded: bool = True) -> dict[str, list[Any]]:
        if unloaded:   # every match, as migration and --check read them
            return super().logs(unloaded)
        held = self.leases.claim_orphans(self.db, set(), limit=100_000)
        self.leases.held.update(held)
        return {m: events for m in held if (events := self.log(m))}

    def close(self) -> None:
        try:
            super().close()
        finally:
            self.keeper_db.close()


class Found(NamedTuple):
    """What one round of the keeper learnt from the database."""

    lost: set[str]                          # leases this process no longer holds
    taken: dict[str, int]                   # orphans it claimed: their epochs
    logs: dict[str, list[dict[str, Any]]]   # and their logs, read after the claim


class Cluster:
    """What a Server asks when a match is not its own (``server.cluster``), and the keeper
    of its leases."""

    def __init__(self, server: "Server", storage: ClusterStorage) -> None:
        self.server = server
        self.storage = storage
        self.leases = storage.leases
        self._keeping: asyncio.Task[None] | None = None
        self._round: asyncio.Future[Found] | None = None   # the keeper's thread at work
        server.cluster = self

    # --- asked by the server, on the event loop ----------------------------------------------

    def find(self, match_id: str) -> Match | None:
        """A match this process does not serve: ``moved`` if a live process serves it, the
        match itself if it was orphaned (taken over now), None if there is no such match
        (or it is broken here)."""
        if match_id in self._known():
            return None
        db = self.storage.connection()
        url = self.leases.owner_url(db, match_id)
        if url is not None:
            raise ProtocolError("moved", f"match {match_id} is served at {url}", {"url": url})
        summary = self.storage.unloaded().get(match_id)
        if summary is not None:   # unloaded by another process: load it here
            self.server.residency.unloaded[match_id] = summary
            return self.server._reload(match_id)
        epoch = self.leases.claim(db, match_id)
        if epoch is None:
            return None
        self.leases.held[match_id] = epoch
        self.adopt({match_id: self.storage.log(match_id)})
        return self.server.matches.get(match_id)

    def lobby(self) -> dict[str, dict[str, Any]]:
        """The lobby summaries of the matches other processes serve, and of the finished
        matches any process unloaded."""
        here = set(self.server.matches) | set(self.server.residency.unloaded)
        elsewhere = self.leases.elsewhere(self.storage.connection())
        return {m: s for m, s in {**self.storage.unloaded(), **elsewhere}.items()
                if m not in here}

    def health(self) -> str:
        report = self.leases.report()
        return f"{report['leases']} leases owner {report['owner']} at {report['url']}"

    def _known(self) -> set[str]:
        return set(self.server.matches) | set(self.server.residency.unloaded) | \
            set(self.server.broken)

    def adopt(self, logs: dict[str, list[dict[str, Any]]]) -> None:
        """Serve matches whose leases this process has just taken: replay their logs."""
        logs = {m: events for m, events in logs.items()
                if m not in self.server.matches and events}
        self.server.restore(logs)
        for match_id in logs:
            log.info("took over match %s", match_id)

    def drop(self, match_id: str) -> None:
        """Stop serving a match whose lease was lost: its followers are hung up and, when
        they come back, sent to the process that holds it now."""
        server = self.server
        followers = server.followers.get(match_id, set())
        server.core.remove(match_id)
        for conn in followers:
            conn.match_id = conn.seat = None
            asyncio.ensure_future(conn.ws.close(1012, LOST_REASON))
        log.warning("lost the lease of match %s; another process serves it", match_id)

    # --- the lease keeper ----------------------------------------------------------------------

    async def step(self) -> None:
        """One round of upkeep: renew, let go, take over. Decided and acted on here, on the
        loop; the statements run in the keeper's thread."""
        server, leases = self.server, self.leases
        # Unloaded here: whoever loads it next takes it. Out of ``held`` at once, so that a
        # reload meanwhile takes it back (a new epoch) rather than counting on this lease.
        releasing = {m: leases.held.pop(m) for m in
                     sorted(set(leases.held) - set(server.matches) - server.staged)}
        renewing = dict(leases.held)
        summaries = {m: server.matches[m].summary() for m in renewing if m in server.matches}
        self._round = asyncio.ensure_future(asyncio.to_thread(
            self._statements, renewing, summaries, releasing, self._known()))
        found = await asyncio.shield(self._round)
        for match_id in found.lost:
            if leases.held.get(match_id) == renewing[match_id]:
                del leases.held[match_id]
        # A match held in memory without a lease (lost, or a commit refused by the fence):
        # another process serves it. Staged matches wait for their commit to settle it.
        for match_id in set(server.matches) - set(leases.held) - server.staged:
            self.drop(match_id)
        for match_id, epoch in found.taken.items():
            leases.held.setdefault(match_id, epoch)   # taken back meanwhile: that epoch
        self.adopt(found.logs)

    def _statements(self, renewing: dict[str, int], summaries: dict[str, dict[str, Any]],
                    releasing: dict[str, int], known: set[str]) -> Found:
        """The round's statements, in the keeper's thread, on its own connection."""
        db = self.storage.keeper_db = reopened(self.storage.keeper_db, self.storage.url)
        lost = self.leases.renew(db, renewing, summaries)
        self.leases.release(db, releasing)
        taken = self.leases.claim_orphans(db, known)
        return Found(lost, taken, {m: read_log(db, m) for m in taken})

    async def keep(self) -> None:
        """Run ``step`` every RENEW_SECONDS until cancelled; a failing database is logged
        and tried again (the leases expire meanwhile, and the commits are refused)."""
        while True:
            try:
                await self.step()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("renewing the leases failed")
            await asyncio.sleep(RENEW_SECONDS)

    def start(self) -> None:
        """Start the lease keeper (``casus host``; tests run ``step`` themselves)."""
        self._keeping = asyncio.ensure_future(self.keep())

    async def stop(self) -> None:
        """Stop the keeper, wait for a round still at work in its thread (so that it renews
        or takes nothing after this), and give every lease up: on a graceful stop the other
        processes take the matches at once."""
        if self._keeping is not None:
            self._keeping.cancel()
            await asyncio.gather(self._keeping, return_exceptions=True)
        if self._round is not None:
            await asyncio.gather(self._round, return_exceptions=True)
        db = self.storage.keeper_db = reopened(self.storage.keeper_db, self.storage.url)
        try:
            await asyncio.to_thread(self.leases.release_all, db)
        except Exception as err:
            log.warning("could not give the leases up (they expire within seconds): %s", err)
        self.leases.held.clear()
