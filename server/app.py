"""The host: websocket connections in, match commands through, pushes out.

Each connection follows at most one match, as one seat (a power, ``spectator`` or
``umpire``). The seat comes from the join, never from a message, so no message can act for
another seat. Commands run synchronously on the event loop, one at a time: a match never sees
two commands interleave, and its event is committed to storage before the reply is written.
Frames are written without waiting (websockets' ``broadcast``), so a reply always precedes
the pushes it causes and one slow client never holds up the others; a client whose unsent
frames pile up past ``MAX_UNSENT_BYTES`` is disconnected and can rejoin.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import time
from collections import deque
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any, Callable, Iterable

from websockets.asyncio.server import ServerConnection, broadcast, serve
from websockets.exceptions import ConnectionClosed

from game import protocol
from game.match import BOT, EMPTY, SPECTATOR, Match, MatchError, MatchSettings, Outcome
from game.protocol import ProtocolError, RateLimit

from .scenarios import ScenarioShelf
from .storage import MemoryStorage, Storage

log = logging.getLogger("casus.server")

MAX_MATCHES = 1000
CREATIONS_PER_HOUR = 20    # matches one network address may create in an hour
MAX_UNSENT_BYTES = 8 * 1024 * 1024   # a connection's write buffer before it counts as too slow
TICK_SECONDS = 0.2         # how often deadlines are looked at
HEALTH_PATH = "/health"

# Commands that act in a match as the connection's seat: message type -> Match method and
# the message fields passed to it, in order.
MATCH_COMMANDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "chat": ("send_chat", ("channel", "text")),
    "propose": ("propose", ("terms",)),
    "accept": ("accept", ("proposal",)),
    "decline": ("decline", ("proposal",)),
    "withdraw": ("withdraw", ("proposal",)),
    "orders": ("submit_orders", ("orders",)),
    "ready": ("set_ready", ("ready",)),
    "adjudicate": ("force_adjudicate", ()),
    "set_deadline": ("set_deadline", ("deadline_at",)),
    "release_seat": ("release_seat", ("seat",)),
    # Workshop mode (docs/WORKSHOP.md).
    "sign_off": ("sign_off", ()),
    "intent": ("state_intent", ("text",)),
    "insight": ("note_insight", ("text",)),
    "observer_access": ("set_observer_access", ("full",)),
    "set_channel": ("set_channel", ("channel",)),
    "close_channel": ("close_channel", ("channel",)),
    "pause": ("pause", ()),
    "resume": ("resume", ()),
    "adjust_deadline": ("adjust_deadline", ("seconds",)),
    "set_warning": ("set_warning", ("seconds",)),
    "set_review": ("set_review", ("on",)),
    "set_bot_takeover": ("set_bot_takeover", ("personalities",)),
    "amend_order": ("amend_order", ("power", "index", "order", "rationale")),
    "edit_world": ("edit_world", ("edit", "rationale")),
    "inject": ("inject", ("inject",)),
    "rollback": ("rollback", ("turn",)),
}


@dataclass(eq=False)
class Connection:
    ws: ServerConnection
    limit: RateLimit
    match_id: str | None = None
    seat: str | None = None

    def send(self, message: dict[str, Any]) -> None:
        send_frame([self], protocol.encode(message))


def send_frame(conns: Iterable[Connection], frame: bytes) -> None:
    """Write one frame to each connection now, without waiting for any of them."""
    keeping_up = []
    for conn in conns:
        transport = conn.ws.transport
        if transport is not None and transport.get_write_buffer_size() > MAX_UNSENT_BYTES:
            asyncio.ensure_future(conn.ws.close(1008, "too slow to keep up; rejoin"))
        else:
            keeping_up.append(conn.ws)
    broadcast(keeping_up, frame)


class Server:
    """All matches of one host and the connections following them."""

    def __init__(self, storage: Storage | None = None, scenarios: ScenarioShelf | None = None,
                 clock: Callable[[], float] = time.time,
                 creations_per_hour: int = CREATIONS_PER_HOUR) -> None:
        self.storage = storage or MemoryStorage()
        self.scenarios = scenarios or ScenarioShelf()
        self.clock = clock
        self.creations_per_hour = creations_per_hour
        # When each address created its recent matches: without this, one client could
        # fill the host up to MAX_MATCHES by reconnecting past the per-connection rate.
        self.created_by: dict[str, deque[float]] = {}
        self.matches: dict[str, Match] = {}
        self.followers: dict[str, set[Connection]] = {}
        self.connections: set[Connection] = set()
        for match_id, events in self.storage.logs().items():
            self.matches[match_id] = Match.replay(events, journal=self._journal(match_id))
            self.followers[match_id] = set()
        if self.matches:
            log.info("restored %d matches from storage", len(self.matches))

    def _journal(self, match_id: str) -> Callable[[dict[str, Any]], None]:
        return lambda event: self.storage.append(match_id, event)

    # --- connections ---------------------------------------------------------------------

    async def handler(self, ws: ServerConnection) -> None:
        loop = asyncio.get_running_loop()
        conn = Connection(ws, RateLimit(loop.time()))
        self.connections.add(conn)
        try:
            async for frame in ws:
                if not conn.limit.allow(loop.time()):
                    if conn.limit.exhausted:
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

    def fan_out(self, match_id: str, outcome: Outcome) -> None:
        """Send each push to the connections of the seats it is for, encoded once."""
        followers = self.followers.get(match_id, ())
        for push in outcome.pushes:
            audience = [conn for conn in followers if conn.seat in push.seats]
            if audience:
                send_frame(audience, protocol.encode(push.message))

    # --- the lobby -----------------------------------------------------------------------

    def _do_ping(self, conn: Connection, message: dict[str, Any]) -> dict[str, Any]:
        return {"type": "pong", "version": protocol.PROTOCOL_VERSION}

    def _do_list_matches(self, conn: Connection, message: dict[str, Any]) -> dict[str, Any]:
        return {"type": "match_list", "matches": [m.summary() for m in self.matches.values()]}

    def _do_list_scenarios(self, conn: Connection, message: dict[str, Any]) -> dict[str, Any]:
        return {"type": "scenario_list", "scenarios": self.scenarios.names()}

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
            seats=seats)
        match_id = secrets.token_hex(4)
        while match_id in self.matches:
            match_id = secrets.token_hex(4)
        match, umpire_token = Match.create(scenario, match_id=match_id, now=now,
                                           settings=settings, journal=self._journal(match_id))
        recent.append(now)
        self.matches[match_id] = match
        self.followers[match_id] = set()
        return {"type": "match_created", "match": match_id, "umpire_token": umpire_token,
                "summary": match.summary()}

    def _match(self, conn: Connection, message: dict[str, Any]) -> Match:
        if conn.match_id is not None:
            raise ProtocolError("already_joined", "this connection already follows a match; "
                                                  "open another connection for another")
        match = self.matches.get(message["match"])
        if match is None:
            raise ProtocolError("no_match", f"there is no match {message['match']!r}")
        return match

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
        return {"type": "map", "map": match.scenario.map_doc}

    # --- in a match ----------------------------------------------------------------------

    def _followed(self, conn: Connection) -> Match:
        if conn.match_id is None:
            raise ProtocolError("not_joined", "join, rejoin or spectate a match first")
        return self.matches[conn.match_id]

    def _do_match_command(self, conn: Connection, message: dict[str, Any]) -> Outcome:
        match = self._followed(conn)
        method, fields = MATCH_COMMANDS[message["type"]]
        args = [message[name] for name in fields]
        outcome: Outcome = getattr(match, method)(conn.seat, *args, self.clock())
        outcome.reply = {"type": "ok", "of": message["type"], **outcome.reply}
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

    def _do_role_token(self, conn: Connection, message: dict[str, Any]) -> Outcome:
        match = self._followed(conn)
        outcome = match.create_role_token(conn.seat, message["role"], self.clock(),
                                          label=message.get("label", ""))
        outcome.reply = {"type": "ok", "of": "role_token", **outcome.reply}
        return outcome

    def _do_revoke_role_token(self, conn: Connection, message: dict[str, Any]) -> Outcome:
        match = self._followed(conn)
        outcome = match.revoke_role_token(conn.seat, message["id"], self.clock())
        outcome.reply = {"type": "ok", "of": "revoke_role_token", **outcome.reply}
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

    def _do_set_stage(self, conn: Connection, message: dict[str, Any]) -> Outcome:
        match = self._followed(conn)
        outcome = match.set_stage(conn.seat, message["stage"], self.clock(),
                                  every_turn=message.get("every_turn", False))
        outcome.reply = {"type": "ok", "of": "set_stage", **outcome.reply}
        return outcome

    def _do_release_result(self, conn: Connection, message: dict[str, Any]) -> Outcome:
        match = self._followed(conn)
        outcome = match.release_result(conn.seat, message.get("feedback"), self.clock())
        outcome.reply = {"type": "ok", "of": "release_result", **outcome.reply}
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
        """Adjudicate every match whose deadline has come (also those that passed while
        the host was down)."""
        now = self.clock()
        for match_id, match in list(self.matches.items()):
            if match.deadline_at is not None and now >= match.deadline_at:
                try:
                    outcome = match.tick(now)
                except Exception:
                    log.exception("deadline of match %s failed", match_id)
                    continue
                self.fan_out(match_id, outcome)

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
        try:
            await stop
        finally:
            deadlines.cancel()
