"""The host: websocket connections in, match commands through, pushes out.

Each connection follows at most one match, as one seat (a power, ``spectator`` or
``umpire``). The seat comes from the join, never from a message, so no message can act for
another seat. Commands run synchronously on the event loop, one at a time: a match never sees
two commands interleave. Replies and pushes go through the outbox (server/outbox.py), which
commits the events behind them before writing anything (group commit, once per turn of the
event loop), so a reply always follows its event to disk and precedes the pushes it causes.
Frames are written without waiting, so one slow client never holds up the others; a client
whose unsent frames pile up past ``limits.MAX_UNSENT_BYTES`` is disconnected and can rejoin.

What one client can cost the host is bounded (server/limits.py, docs/PROTOCOL.md "Limits"):
connections per address and in total, a first message within seconds of connecting,
unsent bytes per connection and per host, matches made per address, the lobby's list per
address, chat per seat, connections per seat token, and the chat a snapshot carries.

Bot seats are played by ``game.bots.driver`` (server/bot_seats.py), and
finished matches nobody follows may be unloaded from memory (server/residency.py).
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import time
from collections import deque
from http import HTTPStatus
from typing import TYPE_CHECKING, Any, Callable

from websockets.asyncio.server import ServerConnection, serve
from websockets.exceptions import ConnectionClosed

from game import protocol
from game.host import Delivery, HostCore, Link
from game.host.core import Reply
from game.match import BOT, EMPTY, Match, MatchError, MatchSettings
from game.match.lobby import lobby_order
from game.match.match import workshop_settings
from game.protocol import ProtocolError, RateLimit

from . import limits
from .admission import Admission, Buckets
from .bot_seats import BotSeats, Driver, has_bots, known_personalities, load_driver
from .collector import Collector
from .limits import CREATIONS_PER_HOUR, MAX_MATCHES
from .outbox import Outbox
from .residency import Residency
from .restore import Broken, replay_each
from .scenarios import ScenarioShelf
from .storage import MemoryStorage, Storage

if TYPE_CHECKING:
    from ssl import SSLContext

log = logging.getLogger("casus.server")

TICK_SECONDS = 0.2         # how often deadlines are looked at
HEALTH_PATH = "/health"

# Unless the host is told otherwise, bot seats are played by game.bots.driver.
FIND_DRIVER: Any = object()


CHAT_TYPES = frozenset({"chat", "intent", "insight"})   # text a seat says: the seat's chat rate


class Connection(Link):
    """A websocket connection: the core's ``Link`` (the match and seat it follows) with its
    socket, its message rate and the outbox its frames wait in."""

    def __init__(self, ws: ServerConnection, limit: RateLimit, outbox: Outbox,
                 address: str = "") -> None:
        super().__init__(address=address)
        self.ws = ws
        self.limit = limit
        self.outbox = outbox
        self.greeted = False   # it has sent a first message

    def send(self, message: dict[str, Any]) -> None:
        self.outbox.send([self], protocol.encode(message))


class Server:
    """All matches of one host and the connections following them."""

    def __init__(self, storage: Storage | None = None, scenarios: ScenarioShelf | None = None,
                 clock: Callable[[], float] = time.time,
                 creations_per_hour: int = CREATIONS_PER_HOUR,
                 unload_after: float | None = None,
                 bots: Driver | None = FIND_DRIVER,
                 max_connections: int = limits.MAX_CONNECTIONS,
                 max_connections_per_address: int = limits.MAX_CONNECTIONS_PER_ADDRESS,
                 hello_seconds: float = limits.HELLO_SECONDS,
                 trust_proxy: bool = False) -> None:
        """``creations_per_hour``: new matches one address may create (or fork) in an hour;
        ``unload_after``: seconds after which a finished match nobody follows leaves memory
        (None: never); ``bots``: what plays bot seats (by default game.bots.driver; None:
        nobody); ``max_connections``, ``max_connections_per_address``: open connections
        allowed; ``hello_seconds``: how soon a new connection must send its first message;
        ``trust_proxy``: take a loopback peer's address from its X-Forwarded-For header (a
        reverse proxy on this machine, docs/ONLINE.md)."""
        self.storage = storage or MemoryStorage()
        self.scenarios = scenarios or ScenarioShelf()
        self.clock = clock
        self.creations_per_hour = creations_per_hour
        self.residency = Residency(unload_after)
        self.bots = BotSeats(load_driver() if bots is FIND_DRIVER else bots)
        self.outbox = Outbox(self._commit, self._commit_failed)
        self.staged: set[str] = set()        # matches with events not yet committed
        # The matches, their followers and the requests (game/host/core.py); the host adds
        # the lobby, its limits, storage and the sockets.
        self.core = HostCore(
            clock, journal_for=self._journal, bots=self.bots.play, load=self._load,
            reserved=lambda match_id: (match_id in self.residency.unloaded
                                       or match_id in self.broken),
            chat_snapshot=limits.CHAT_SNAPSHOT, chat_page=limits.CHAT_PAGE,
            links_per_token=limits.MAX_CONNECTIONS_PER_TOKEN)
        self.core.requests = {
            **self.core.match_requests(), **self.core.seat_requests(),
            **{kind: self._chat for kind in CHAT_TYPES},
            "release_seat": self._release_seat, "revoke_role_token": self._revoke_role_token,
            "list_matches": self._list_matches, "list_scenarios": self._list_scenarios,
            "create_match": self._create_match, "fork": self._fork}
        self.matches = self.core.matches
        self.followers = self.core.followers
        self.bots_pending = self.core.bots_pending
        # When each address created its recent matches: without this, one client could
        # fill the host up to MAX_MATCHES by reconnecting past the per-connection rate.
        self.created_by: dict[str, deque[float]] = {}
        self.connections: set[Connection] = set()
        self.last_frame_at = 0.0   # the loop's time of the last frame (server/collector.py)
        self.admission = Admission(max_connections_per_address, max_connections)
        self.hello_seconds = hello_seconds
        self.trust_proxy = trust_proxy
        self.lobby_rate = Buckets(limits.LIST_RATE, limits.LIST_BURST)   # per address
        self.chat_rate = Buckets(limits.CHAT_RATE, limits.CHAT_BURST)    # per (match, seat)
        # Finished matches unloaded before a restart stay unloaded: listed, not replayed.
        self.residency.unloaded.update(self.storage.unloaded())
        # Several host processes over one database (server/cluster.py): who owns the
        # matches this one does not serve. None: this process serves every match.
        self.cluster: Any = None
        self.broken: dict[str, Broken] = {}
        self.restore(self.storage.logs(unloaded=False))
        if self.matches:
            log.info("restored %d matches from storage", len(self.matches))

    def restore(self, logs: dict[str, list[dict[str, Any]]]) -> None:
        """Serve the matches of these logs; a match whose log does not replay is set aside
        and the others are served."""
        restored, broken = replay_each(logs, self._journal)
        self.broken.update(broken)
        for match_id, match in restored.items():
            self.core.add(match)
            if has_bots(match):
                self.bots_pending.add(match_id)   # the host may have stopped mid-phase

    def _journal(self, match_id: str) -> Callable[[dict[str, Any]], None]:
        def journal(event: dict[str, Any]) -> None:
            self.storage.append(match_id, event)
            self.staged.add(match_id)
            self.outbox.staged()
        return journal

    # --- the journal -----------------------------------------------------------------------

    def _commit(self) -> None:
        self.storage.commit()
        self.staged.clear()

    def _commit_failed(self, dropped: list[Any]) -> None:
        """The events since the last commit are not on disk: their acknowledgements were
        dropped. Put those matches back as storage has them and hang up on everyone who
        saw them move or was waiting for an answer; rejoining shows the true state."""
        rollback = getattr(self.storage, "rollback", None)
        if rollback is not None:
            try:
                rollback()
            except Exception:
                log.exception("rolling back the journal failed")
        hang_up = set(dropped)
        for match_id in self.staged:
            hang_up |= self.followers.get(match_id, set())
            try:
                events = self.storage.log(match_id)
            except Exception:
                log.exception("reloading match %s failed", match_id)
                events = []
            if events:
                self.matches[match_id] = Match.replay(events, journal=self._journal(match_id))
            else:   # created but never committed: it never existed
                self.core.remove(match_id)
        self.staged.clear()
        for conn in hang_up:
            if conn.match_id is not None and conn.match_id not in self.matches:
                conn.match_id = conn.seat = None
            asyncio.ensure_future(conn.ws.close(1011, "the server could not save; rejoin"))

    # --- connections ---------------------------------------------------------------------

    def address_of(self, ws: ServerConnection) -> str:
        """The network address a connection counts against: its peer's, or with
        ``trust_proxy`` the last hop a proxy on this machine names in X-Forwarded-For."""
        peer = str(ws.remote_address[0]) if ws.remote_address else ""
        if self.trust_proxy and peer in ("127.0.0.1", "::1") and ws.request is not None:
            forwarded = ws.request.headers.get("X-Forwarded-For", "")
            hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
            if hops:
                return hops[-1][:protocol.MAX_ID_LENGTH]
        return peer

    async def handler(self, ws: ServerConnection) -> None:
        loop = asyncio.get_running_loop()
        address = self.address_of(ws)
        refusal = self.admission.admit(address)
        if refusal is not None:
            await ws.close(1013, refusal)
            return
        conn = Connection(ws, RateLimit(loop.time()), self.outbox, address)
        self.connections.add(conn)
        hello = loop.call_later(self.hello_seconds, self._hello_overdue, conn)
        try:
            async for frame in ws:
                self.last_frame_at = loop.time()
                if not conn.greeted:
                    conn.greeted = True
                    hello.cancel()
                if not conn.limit.allow(self.last_frame_at):
                    if conn.limit.exhausted:
                        self.outbox.flush()   # the answers already earned go out first
                        await ws.close(1008, "too many messages")
                        break
                    rid = protocol.rid_of(frame) if isinstance(frame, bytes) else None
                    conn.send(protocol.error("rate_limited", "too many messages; the limit "
                                             f"is {protocol.RATE_PER_SECOND} a second", rid))
                    continue
                self.receive(conn, frame)
        except ConnectionClosed:
            pass
        finally:
            hello.cancel()
            self.admission.leave(address)
            self.connections.discard(conn)
            self.core.unfollow(conn)

    def _hello_overdue(self, conn: Connection) -> None:
        """A connection that says nothing holds a slot for nothing: close it."""
        if not conn.greeted:
            asyncio.ensure_future(conn.ws.close(
                1008, f"no message within {self.hello_seconds:g} s of connecting"))

    def receive(self, conn: Connection, frame: Any) -> None:
        """Handle one frame: decode and check it, run it, queue the reply and the pushes."""
        self.outbox.flush_if_held()
        try:
            message = protocol.decode(frame)
        except ProtocolError as err:
            rid = protocol.rid_of(frame) if isinstance(frame, bytes) else None
            if isinstance(frame, str):
                err = ProtocolError("bad_frame", "text frames are not part of the protocol; "
                                                 "send binary MessagePack frames")
            conn.send(protocol.error(err.code, err.message, rid))
            return
        try:
            result = self.core.handle(conn, message)
        except (ProtocolError, MatchError) as err:
            conn.send(protocol.error(err.code, err.message, message.get("rid"),
                                     getattr(err, "fields", None)))
            return
        except Exception:
            # A bug must not take the host or other matches down; the match is unchanged
            # because every command checks before it records.
            log.exception("failed to handle %s", message.get("type"))
            conn.send(protocol.error("internal", "the server failed to handle the message",
                                     message.get("rid")))
            return
        for other, reason in result.closes:
            asyncio.ensure_future(other.ws.close(1008, reason))   # type: ignore[attr-defined]
        self.outbox.send([conn], result.reply)
        self.send(result.deliveries)

    def send(self, deliveries: list[Delivery]) -> None:
        """Queue each push for its audience (the core encoded it once for all of them)."""
        for delivery in deliveries:
            self.outbox.send(delivery.audience, delivery.frame)   # type: ignore[arg-type]

    # --- the lobby -----------------------------------------------------------------------

    def _list_matches(self, conn: Link, message: dict[str, Any]) -> Reply:
        """One page of the lobby, in the lobby's order (``lobby_order``; ``held`` names the
        matches the asking player holds a seat in): ``limit`` summaries (at most LIST_PAGE)
        from ``offset``, with ``total`` and the ``next`` offset (None after the last page).
        A reply can be large, so an address may ask only LIST_RATE times a second over all
        its connections."""
        if not self.lobby_rate.allow(conn.address, time.monotonic()):
            raise ProtocolError("rate_limited", f"at most {limits.LIST_RATE:g} match lists a "
                                                f"second from one address (bursts of "
                                                f"{limits.LIST_BURST})")
        offset = message.get("offset", 0)
        limit = max(1, min(message.get("limit", limits.LIST_PAGE), limits.LIST_PAGE))
        elsewhere = self.cluster.lobby() if self.cluster is not None else {}
        summaries = {**elsewhere, **self.residency.unloaded,
                     **{i: m.summary() for i, m in self.matches.items()}}
        ids = lobby_order(summaries, set(message.get("held", ())))
        page = ids[offset:offset + limit]
        after = offset + len(page)
        return {"type": "match_list", "matches": [summaries[i] for i in page],
                "total": len(ids), "offset": offset,
                "next": after if after < len(ids) else None}

    def _list_scenarios(self, conn: Link, message: dict[str, Any]) -> Reply:
        names = self.scenarios.names()
        # ``details`` lets a lobby show each scenario and offer its seats before creating
        # a match (the names alone say nothing of the powers); old clients ignore it.
        return {"type": "scenario_list", "scenarios": names,
                "details": [d for d in (self.scenarios.details(n) for n in names) if d]}

    def _creations(self, conn: Link, now: float) -> deque[float]:
        """The times of the address's recent new matches (created or forked), or a refusal
        if the host is full or the address has used its quota; the caller appends ``now``
        once the match exists."""
        if len(self.matches) >= MAX_MATCHES:
            raise ProtocolError("server_full", f"this host holds {MAX_MATCHES} matches already")
        recent = self.created_by.setdefault(conn.address, deque())
        while recent and recent[0] <= now - 3600:
            recent.popleft()
        if len(recent) >= self.creations_per_hour:
            raise ProtocolError("rate_limited", f"at most {self.creations_per_hour} new "
                                                "matches (created or forked) an hour from "
                                                "one address")
        return recent

    def _create_match(self, conn: Link, message: dict[str, Any]) -> Reply:
        now = self.clock()
        recent = self._creations(conn, now)
        scenario = self.scenarios.get(message["scenario"])
        if scenario is None:
            raise ProtocolError("bad_scenario", f"there is no scenario {message['scenario']!r}"
                                                " on this host")
        seats = seats_of(message)
        settings = MatchSettings(
            name=message.get("name", ""), seed=message.get("seed", secrets.randbelow(2**31)),
            fog=message.get("fog", True),   # fog is on for online play (RULES.md §7)
            deadline=message.get("deadline"), password=message.get("password", ""),
            seats=seats, personalities=personalities_of(message, seats),
            **workshop_settings(message))
        match, umpire_token = self.core.create(scenario, settings, now)
        recent.append(now)
        self.send(self.core.play_bots(match.match_id))   # nobody follows it yet
        return {"type": "match_created", "match": match.match_id,
                "umpire_token": umpire_token, "summary": match.summary()}

    def _load(self, match_id: str, message: dict[str, Any]) -> Match | None:
        """The core's hook for a match it does not hold: an unloaded one brought back; in a
        cluster, one served by another process (a ``moved`` reply naming it) or orphaned by
        one that died (taken over now); else None (there is no such match), or a refusal
        naming a broken one."""
        match = self._reload(match_id)
        if match is None and self.cluster is not None:
            match = self.cluster.find(match_id)
        if match is None:
            broken = self.broken.get(match_id)
            if broken is not None:
                # Only its umpire learns why: the reason may quote the log.
                why = (f": {broken.reason}" if broken.opened_by(message.get("token", ""))
                       else "; its umpire can see why")
                raise ProtocolError("broken_match", f"match {match_id} cannot be "
                                                    f"played: its log does not replay{why}")
        return match

    def _reload(self, match_id: str) -> Match | None:
        """Bring an unloaded match back from storage (None if there is no such match)."""
        if match_id not in self.residency.unloaded:
            return None
        if len(self.matches) >= MAX_MATCHES:
            raise ProtocolError("server_full", f"this host holds {MAX_MATCHES} matches "
                                               "already; try again later")
        restored, broken = replay_each({match_id: self.storage.log(match_id)}, self._journal)
        if match_id in broken:   # set aside like a broken match at startup
            self.broken[match_id] = broken[match_id]
            del self.residency.unloaded[match_id]
            return None
        match = restored[match_id]
        self.storage.set_unloaded(match_id, None)
        self.outbox.staged()   # committed with the next flush
        del self.residency.unloaded[match_id]
        self.core.add(match)
        log.info("loaded finished match %s back from storage", match_id)
        return match

    def unload_idle(self) -> None:
        """Unload the finished matches the residency rule says are due (their logs are
        committed already: every event is, by the end of each turn of the loop)."""
        now = self.clock()
        for match_id, match in list(self.matches.items()):
            if match_id in self.staged:
                continue   # not yet on disk; next time
            if self.residency.due(match, bool(self.followers.get(match_id)), now):
                summary = self.residency.unloaded[match_id] = match.summary()
                self.storage.set_unloaded(match_id, summary)
                self.outbox.staged()
                self.core.remove(match_id)
                log.info("unloaded finished match %s", match_id)

    # --- in a match ----------------------------------------------------------------------

    def _chat(self, conn: Link, message: dict[str, Any]) -> Reply:
        """Text a seat says, held to the seat's chat rate over all its connections."""
        match = self.core.followed(conn)
        if not self.chat_rate.allow((match.match_id, conn.seat), time.monotonic()):
            raise ProtocolError("rate_limited", f"at most {limits.CHAT_RATE:g} chat message a "
                                f"second from one seat, over all its connections (bursts "
                                f"of {limits.CHAT_BURST})")
        return self.core.match_command(conn, message)

    def _release_seat(self, conn: Link, message: dict[str, Any]) -> Reply:
        match_id = self.core.followed(conn).match_id
        outcome = self.core.match_command(conn, message)
        # The old token no longer opens the seat; neither may a connection it opened.
        self.core.close_later(self.core.unseat(match_id, message["seat"],
                                               "the umpire released this seat"))
        return outcome

    # --- workshop mode (docs/WORKSHOP.md) ---------------------------------------------------

    def _revoke_role_token(self, conn: Link, message: dict[str, Any]) -> Reply:
        match_id = self.core.followed(conn).match_id
        outcome = self.core.match_command(conn, message)
        # A connection does not keep the token it came with, so every connection of that
        # role closes; those whose tokens still work simply rejoin.
        self.core.close_later(self.core.unseat(match_id, outcome.reply["role"],
                                               "the umpire revoked a role token; rejoin "
                                               "with yours"))
        return outcome

    def _fork(self, conn: Link, message: dict[str, Any]) -> Reply:
        self.core.followed(conn)
        now = self.clock()
        recent = self._creations(conn, now)   # a fork is a new match like any other
        child, reply = self.core.fork(conn, message, now)
        recent.append(now)
        self.core.add(child)
        return reply

    # --- time ----------------------------------------------------------------------------

    def tick(self) -> None:
        """Warn of near deadlines and adjudicate every match whose deadline has come (also
        those that passed while the host was down), let bots with more to do act, and unload
        idle finished matches."""
        now = self.clock()
        for match_id in self.core.due(now):
            self.outbox.flush_if_held()
            self.send(self.core.deadline(match_id, now))
        self.send(self.core.play_pending())
        self.unload_idle()

    async def run_deadlines(self) -> None:
        while True:
            self.tick()
            await asyncio.sleep(TICK_SECONDS)

    # --- HTTP ------------------------------------------------------------------------------

    def process_request(self, connection: ServerConnection, request: Any) -> Any:
        """The health check shares the websocket port: GET /health answers 200 ok."""
        if request.path == HEALTH_PATH:
            leases = f" {self.cluster.health()}" if self.cluster is not None else ""
            return connection.respond(HTTPStatus.OK, f"ok {len(self.matches)} matches "
                                                     f"{len(self.connections)} connections"
                                                     f"{leases}\n")
        return None


async def serve_until(server: Server, host: str, port: int, stop: asyncio.Future[Any],
                      ready: Callable[[int], None] | None = None,
                      ssl: "SSLContext | None" = None) -> None:
    """Serve until ``stop`` completes, then close every connection (1001, going away);
    ``wss://`` with an ``ssl`` context (``casus host --tls-cert --tls-key``)."""
    # No per-message compression: frames are msgpack already, and deflating every push
    # costs more CPU on the event loop than it saves on the wire.
    async with serve(server.handler, host, port, max_size=protocol.MAX_FRAME_BYTES,
                     compression=None, ssl=ssl,
                     process_request=server.process_request) as ws_server:
        bound = ws_server.sockets[0].getsockname()[1] if ws_server.sockets else port
        if ready is not None:
            ready(bound)
        deadlines = asyncio.create_task(server.run_deadlines())
        with Collector(clock=asyncio.get_running_loop().time) as collector:
            collecting = asyncio.create_task(collect_when_quiet(server, collector))
            try:
                await stop
            finally:
                deadlines.cancel()
                collecting.cancel()
            # Commit and send what is queued before the connections are closed: every
            # command accepted before the stop is answered, and on disk.
            server.outbox.flush()


async def collect_when_quiet(server: Server, collector: Collector) -> None:
    """Give the collector its chance every tick (server/collector.py)."""
    while True:
        await asyncio.sleep(TICK_SECONDS)
        collector.tick(server.last_frame_at)


def seats_of(message: dict[str, Any]) -> dict[str, str]:
    """The seats a create_match message makes bots or empty (the others are human),
    refused when one power is in both lists: which of the two was meant cannot be told."""
    bots, empty = message.get("bots", []), message.get("empty", [])
    both = sorted(set(bots) & set(empty))
    if both:
        raise ProtocolError("bad_message", f"create_match: {', '.join(both)} "
                                           f"{'is' if len(both) == 1 else 'are'} in both "
                                           "'bots' and 'empty'; a seat is one or the other")
    return {**{p: BOT for p in bots}, **{p: EMPTY for p in empty}}


def personalities_of(message: dict[str, Any], seats: dict[str, str]) -> dict[str, str]:
    """The ``personalities`` of a create_match message, checked: a map from bot seats to
    personality names the bots know."""
    given = message.get("personalities", {})
    if not isinstance(given, dict):
        raise ProtocolError("bad_message", "create_match: 'personalities' must be a map from "
                                           "bot seats to personality names")
    for power, name in given.items():
        if seats.get(power) != BOT:
            raise ProtocolError("bad_message", f"create_match: 'personalities' names {power!r},"
                                               " which is not one of the match's bot seats")
        if not isinstance(name, str) or not name or len(name) > protocol.MAX_ID_LENGTH:
            raise ProtocolError("bad_message", f"create_match: the personality of {power} "
                                               "must be a name (short text)")
        known = known_personalities()
        if name not in known:
            raise ProtocolError("bad_message", f"create_match: there is no bot personality "
                                               f"{name!r} (for {power}); choose one of "
                                               f"{', '.join(known)}")
    return dict(given)
