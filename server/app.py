"""The host: websocket connections in, match commands through, pushes out.

Each connection follows at most one match, as one seat (a power, ``spectator`` or
``umpire``). The seat comes from the join, never from a message, so no message can act for
another seat. Commands run synchronously on the event loop, one at a time: a match never sees
two commands interleave. Replies and pushes go through the outbox (server/outbox.py), which
commits the events behind them before writing anything (group commit, once per turn of the
event loop), so a reply always follows its event to disk and precedes the pushes it causes.
Frames are written without waiting, so one slow client never holds up the others; a client
whose unsent frames pile up past ``outbox.MAX_UNSENT_BYTES`` is disconnected and can rejoin.

Bot seats are played by ``game.bots.driver`` (server/bot_seats.py), and
finished matches nobody follows may be unloaded from memory (server/residency.py).
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import time
from collections import deque
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any, Callable

from websockets.asyncio.server import ServerConnection, serve
from websockets.exceptions import ConnectionClosed

from game import protocol
from game.match import BOT, EMPTY, SPECTATOR, Match, MatchError, MatchSettings, Outcome
from game.match.match import workshop_settings
from game.match.commands import map_reply, run_command
from game.protocol import ProtocolError, RateLimit

from .bot_seats import BotSeats, Driver, has_bots, known_personalities, load_driver
from .collector import Collector
from .limits import CREATIONS_PER_HOUR, MAX_MATCHES
from .outbox import Outbox
from .residency import Residency
from .scenarios import ScenarioShelf
from .storage import MemoryStorage, Storage

log = logging.getLogger("casus.server")

TICK_SECONDS = 0.2         # how often deadlines are looked at
HEALTH_PATH = "/health"

# Unless the host is told otherwise, bot seats are played by game.bots.driver.
FIND_DRIVER: Any = object()


@dataclass(eq=False)
class Connection:
    ws: ServerConnection
    limit: RateLimit
    outbox: Outbox
    match_id: str | None = None
    seat: str | None = None

    def send(self, message: dict[str, Any]) -> None:
        self.outbox.send([self], protocol.encode(message))


class Server:
    """All matches of one host and the connections following them."""

    def __init__(self, storage: Storage | None = None, scenarios: ScenarioShelf | None = None,
                 clock: Callable[[], float] = time.time,
                 creations_per_hour: int = CREATIONS_PER_HOUR,
                 unload_after: float | None = None,
                 bots: Driver | None = FIND_DRIVER) -> None:
        """``creations_per_hour``: new matches one address may create in an hour;
        ``unload_after``: seconds after which a finished match nobody follows leaves memory
        (None: never); ``bots``: what plays bot seats (by default game.bots.driver; None:
        nobody)."""
        self.storage = storage or MemoryStorage()
        self.scenarios = scenarios or ScenarioShelf()
        self.clock = clock
        self.creations_per_hour = creations_per_hour
        self.residency = Residency(unload_after)
        self.bots = BotSeats(load_driver() if bots is FIND_DRIVER else bots)
        self.outbox = Outbox(self._commit, self._commit_failed)
        self.staged: set[str] = set()        # matches with events not yet committed
        self.bots_pending: set[str] = set()  # matches whose bots have more to do
        # When each address created its recent matches: without this, one client could
        # fill the host up to MAX_MATCHES by reconnecting past the per-connection rate.
        self.created_by: dict[str, deque[float]] = {}
        self.matches: dict[str, Match] = {}
        self.followers: dict[str, set[Connection]] = {}
        self.connections: set[Connection] = set()
        self.last_frame_at = 0.0   # the loop's time of the last frame (server/collector.py)
        # Finished matches unloaded before a restart stay unloaded: listed, not replayed.
        self.residency.unloaded.update(self.storage.unloaded())
        for match_id, events in self.storage.logs(unloaded=False).items():
            match = self.matches[match_id] = Match.replay(events,
                                                          journal=self._journal(match_id))
            self.followers[match_id] = set()
            if has_bots(match):
                self.bots_pending.add(match_id)   # the host may have stopped mid-phase
        if self.matches:
            log.info("restored %d matches from storage", len(self.matches))

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
                self.matches.pop(match_id, None)
                self.followers.pop(match_id, None)
        self.staged.clear()
        for conn in hang_up:
            if conn.match_id is not None and conn.match_id not in self.matches:
                conn.match_id = conn.seat = None
            asyncio.ensure_future(conn.ws.close(1011, "the server could not save; rejoin"))

    # --- connections ---------------------------------------------------------------------

    async def handler(self, ws: ServerConnection) -> None:
        loop = asyncio.get_running_loop()
        conn = Connection(ws, RateLimit(loop.time()), self.outbox)
        self.connections.add(conn)
        try:
            async for frame in ws:
                self.last_frame_at = loop.time()
                if not conn.limit.allow(self.last_frame_at):
                    if conn.limit.exhausted:
                        self.outbox.flush()   # the answers already earned go out first
                        await ws.close(1008, "too many messages")
                        break
                    conn.send(protocol.error("rate_limited", "too many messages; the limit "
                                             f"is {protocol.RATE_PER_SECOND} a second"))
                    continue
                self.receive(conn, frame)
        except ConnectionClosed:
            pass
        finally:
            self.connections.discard(conn)
            if conn.match_id is not None:
                self.followers.get(conn.match_id, set()).discard(conn)

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
        rid = message.get("rid")
        try:
            reply = getattr(self, f"_do_{message['type']}", self._do_match_command)(
                conn, message)
        except (ProtocolError, MatchError) as err:
            conn.send(protocol.error(err.code, err.message, rid))
            return
        except Exception:
            # A bug must not take the host or other matches down; the match is unchanged
            # because every command checks before it records.
            log.exception("failed to handle %s", message.get("type"))
            conn.send(protocol.error("internal", "the server failed to handle the message",
                                     rid))
            return
        outcome = reply if isinstance(reply, Outcome) else Outcome(reply)
        if rid is not None:
            outcome.reply["rid"] = rid
        conn.send(outcome.reply)
        if conn.match_id is not None:
            self.fan_out(conn.match_id, outcome)
            self.play_bots(conn.match_id)

    def fan_out(self, match_id: str, outcome: Outcome) -> None:
        """Send each push to the connections of the seats it is for, encoded once per push
        (a push nobody follows is never even made: a turn result is built lazily)."""
        followers = self.followers.get(match_id)
        if not followers or not outcome.pushes:
            return
        by_seat: dict[str | None, list[Connection]] = {}
        for conn in followers:
            by_seat.setdefault(conn.seat, []).append(conn)
        for push in outcome.pushes:
            audience = [conn for seat in push.seats for conn in by_seat.get(seat, ())]
            if audience:
                self.outbox.send(audience, protocol.encode(push.message))

    def play_bots(self, match_id: str) -> None:
        """Let the bot seats of a match act, and send what they did to its followers."""
        match = self.matches.get(match_id)
        if match is None:
            return
        self.bots_pending.discard(match_id)
        outcomes, more = self.bots.play(match, self.clock())
        for outcome in outcomes:
            self.fan_out(match_id, outcome)
        if more:
            self.bots_pending.add(match_id)

    # --- the lobby -----------------------------------------------------------------------

    def _do_ping(self, conn: Connection, message: dict[str, Any]) -> dict[str, Any]:
        return {"type": "pong", "version": protocol.PROTOCOL_VERSION}

    def _do_list_matches(self, conn: Connection, message: dict[str, Any]) -> dict[str, Any]:
        return {"type": "match_list",
                "matches": [m.summary() for m in self.matches.values()]
                + list(self.residency.unloaded.values())}

    def _do_list_scenarios(self, conn: Connection, message: dict[str, Any]) -> dict[str, Any]:
        names = self.scenarios.names()
        # ``details`` lets a lobby show each scenario and offer its seats before creating
        # a match (the names alone say nothing of the powers); old clients ignore it.
        return {"type": "scenario_list", "scenarios": names,
                "details": [d for d in (self.scenarios.details(n) for n in names) if d]}

    def _do_create_match(self, conn: Connection, message: dict[str, Any]) -> dict[str, Any]:
        if len(self.matches) >= MAX_MATCHES:
            raise ProtocolError("server_full", f"this host holds {MAX_MATCHES} matches already")
        now = self.clock()
        address = str(conn.ws.remote_address[0]) if conn.ws.remote_address else ""
        recent = self.created_by.setdefault(address, deque())
        while recent and recent[0] <= now - 3600:
            recent.popleft()
        if len(recent) >= self.creations_per_hour:
            raise ProtocolError("rate_limited", f"at most {self.creations_per_hour} new "
                                                "matches an hour from one address")
        scenario = self.scenarios.get(message["scenario"])
        if scenario is None:
            raise ProtocolError("bad_scenario", f"there is no scenario {message['scenario']!r}"
                                                " on this host")
        seats = {p: BOT for p in message.get("bots", [])}
        seats.update({p: EMPTY for p in message.get("empty", [])})
        settings = MatchSettings(
            name=message.get("name", ""), seed=message.get("seed", secrets.randbelow(2**31)),
            fog=message.get("fog", True),   # fog is on for online play (RULES.md §7)
            deadline=message.get("deadline"), password=message.get("password", ""),
            seats=seats, personalities=personalities_of(message, seats),
            **workshop_settings(message))
        match_id = secrets.token_hex(4)
        while match_id in self.matches or match_id in self.residency.unloaded:
            match_id = secrets.token_hex(4)
        match, umpire_token = Match.create(scenario, match_id=match_id, now=now,
                                           settings=settings, journal=self._journal(match_id))
        recent.append(now)
        self.matches[match_id] = match
        self.followers[match_id] = set()
        self.play_bots(match_id)
        return {"type": "match_created", "match": match_id, "umpire_token": umpire_token,
                "summary": match.summary()}

    def _match(self, conn: Connection, message: dict[str, Any]) -> Match:
        if conn.match_id is not None:
            raise ProtocolError("already_joined", "this connection already follows a match; "
                                                  "open another connection for another")
        match = self.matches.get(message["match"]) or self._load(message["match"])
        if match is None:
            raise ProtocolError("no_match", f"there is no match {message['match']!r}")
        return match

    def _load(self, match_id: str) -> Match | None:
        """Bring an unloaded match back from storage (None if there is no such match)."""
        if match_id not in self.residency.unloaded:
            return None
        if len(self.matches) >= MAX_MATCHES:
            raise ProtocolError("server_full", f"this host holds {MAX_MATCHES} matches "
                                               "already; try again later")
        match = Match.replay(self.storage.log(match_id), journal=self._journal(match_id))
        self.storage.set_unloaded(match_id, None)
        self.outbox.staged()   # committed with the next flush
        del self.residency.unloaded[match_id]
        self.matches[match_id] = match
        self.followers[match_id] = set()
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
                del self.matches[match_id]
                self.followers.pop(match_id, None)
                self.bots_pending.discard(match_id)
                log.info("unloaded finished match %s", match_id)

    def _follow(self, conn: Connection, match: Match, seat: str) -> None:
        conn.match_id = match.match_id
        conn.seat = seat
        self.followers[match.match_id].add(conn)

    def _do_join(self, conn: Connection, message: dict[str, Any]) -> Outcome:
        match = self._match(conn, message)
        outcome = match.join(message["seat"], self.clock(), name=message.get("name", ""),
                             password=message.get("password", ""))
        self._follow(conn, match, message["seat"])
        outcome.reply = {"type": "joined", "match": match.match_id, "seat": message["seat"],
                         "token": outcome.reply["token"],
                         "snapshot": match.snapshot(message["seat"])}
        return outcome

    def _do_rejoin(self, conn: Connection, message: dict[str, Any]) -> dict[str, Any]:
        match = self._match(conn, message)
        seat = match.seat_for_token(message["token"])
        if seat is None:
            raise ProtocolError("bad_token", "that token opens no seat of this match")
        self._follow(conn, match, seat)
        return {"type": "joined", "match": match.match_id, "seat": seat,
                "snapshot": match.snapshot(seat)}

    def _do_spectate(self, conn: Connection, message: dict[str, Any]) -> dict[str, Any]:
        match = self._match(conn, message)
        match.check_password(message.get("password", ""))  # a private match is private
        self._follow(conn, match, SPECTATOR)
        return {"type": "joined", "match": match.match_id, "seat": SPECTATOR,
                "snapshot": match.snapshot(SPECTATOR)}

    def _do_map(self, conn: Connection, message: dict[str, Any]) -> dict[str, Any]:
        match = self._followed(conn)
        return map_reply(match)

    # --- in a match ----------------------------------------------------------------------

    def _followed(self, conn: Connection) -> Match:
        if conn.match_id is None:
            raise ProtocolError("not_joined", "join, rejoin or spectate a match first")
        return self.matches[conn.match_id]

    def _do_match_command(self, conn: Connection, message: dict[str, Any]) -> Outcome:
        match = self._followed(conn)
        outcome = run_command(match, conn.seat, message, self.clock())
        if message["type"] == "release_seat":
            # The old token no longer opens the seat; neither may a connection it opened.
            for other in list(self.followers[match.match_id]):
                if other.seat == message["seat"]:
                    self.followers[match.match_id].discard(other)
                    other.match_id = other.seat = None
                    asyncio.ensure_future(other.ws.close(1008, "the umpire released this seat"))
        return outcome

    # --- workshop mode (docs/WORKSHOP.md) ---------------------------------------------------

    def _do_join_team(self, conn: Connection, message: dict[str, Any]) -> Outcome:
        match = self._match(conn, message)
        outcome = match.join_team(message["seat"], self.clock(), name=message.get("name", ""),
                                  role=message.get("role", ""),
                                  password=message.get("password", ""))
        seat = outcome.reply["seat"]
        self._follow(conn, match, seat)
        outcome.reply = {"type": "joined", "match": match.match_id, "seat": seat,
                         "token": outcome.reply["token"], "lead": outcome.reply["lead"],
                         "snapshot": match.snapshot(seat)}
        return outcome

    def _do_revoke_role_token(self, conn: Connection, message: dict[str, Any]) -> Outcome:
        match = self._followed(conn)
        outcome = run_command(match, conn.seat, message, self.clock())
        # A connection does not keep the token it came with, so every connection of that
        # role closes; those whose tokens still work simply rejoin.
        role = outcome.reply["role"]
        for other in list(self.followers[match.match_id]):
            if other.seat == role:
                self.followers[match.match_id].discard(other)
                other.match_id = other.seat = None
                asyncio.ensure_future(other.ws.close(1008, "the umpire revoked a role "
                                                           "token; rejoin with yours"))
        return outcome

    def _do_dashboard(self, conn: Connection, message: dict[str, Any]) -> dict[str, Any]:
        match = self._followed(conn)
        return {"type": "dashboard", **match.dashboard(conn.seat, self.clock())}

    def _do_fork(self, conn: Connection, message: dict[str, Any]) -> dict[str, Any]:
        match = self._followed(conn)
        if len(self.matches) >= MAX_MATCHES:
            raise ProtocolError("server_full", f"this host holds {MAX_MATCHES} matches already")
        match_id = secrets.token_hex(4)
        while match_id in self.matches:
            match_id = secrets.token_hex(4)
        child, umpire_token = match.fork(conn.seat, message["turn"], match_id, self.clock(),
                                         name=message.get("name", ""),
                                         journal=self._journal(match_id))
        self.matches[match_id] = child
        self.followers[match_id] = set()
        return {"type": "forked", "match": match_id, "umpire_token": umpire_token,
                "turn": message["turn"], "summary": child.summary()}

    # --- time ----------------------------------------------------------------------------

    def tick(self) -> None:
        """Warn of near deadlines and adjudicate every match whose deadline has come (also
        those that passed while the host was down), let bots with more to do act, and unload
        idle finished matches."""
        now = self.clock()
        for match_id, match in list(self.matches.items()):
            alarm = match.next_alarm
            if alarm is not None and now >= alarm:
                self.outbox.flush_if_held()
                turn = match.turn
                try:
                    outcome = match.tick(now)
                except Exception:
                    log.exception("deadline of match %s failed", match_id)
                    continue
                self.fan_out(match_id, outcome)
                if match.turn != turn:
                    self.bots_pending.add(match_id)   # a new turn: the bots plan it
        for match_id in list(self.bots_pending):
            self.play_bots(match_id)
        self.unload_idle()

    async def run_deadlines(self) -> None:
        while True:
            self.tick()
            await asyncio.sleep(TICK_SECONDS)

    # --- HTTP ------------------------------------------------------------------------------

    def process_request(self, connection: ServerConnection, request: Any) -> Any:
        """The health check shares the websocket port: GET /health answers 200 ok."""
        if request.path == HEALTH_PATH:
            return connection.respond(HTTPStatus.OK, f"ok {len(self.matches)} matches "
                                                     f"{len(self.connections)} connections\n")
        return None


async def serve_until(server: Server, host: str, port: int, stop: asyncio.Future[Any],
                      ready: Callable[[int], None] | None = None) -> None:
    """Serve until ``stop`` completes, then close every connection (1001, going away)."""
    # No per-message compression: frames are msgpack already, and deflating every push
    # costs more CPU on the event loop than it saves on the wire.
    async with serve(server.handler, host, port, max_size=protocol.MAX_FRAME_BYTES,
                     compression=None,
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
