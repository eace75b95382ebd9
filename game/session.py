"""A client's session with a host, without I/O: everything the game's websocket connection
(game/client/net.py) and the network bot (game/bots/network.py) share, so that the two
transports keep only their sockets, threads and event loops.

- the hello: a ``ping`` whose ``pong`` names the host's protocol version, checked;
- requests and replies: ``Session.request`` gives each request its ``rid`` and keeps it
  pending; ``Session.received`` says which request a message answers (a reply, ``error``
  and ``rate_limited`` included, carries its request's ``rid``; a message without one, or
  with a ``rid`` nothing waits for, is a push: docs/PROTOCOL.md §1, §8);
- the seat: a ``joined`` reply gives the seat, the match and the seat token (a join's own
  token, or the one a rejoin came with), and so what to send to take the seat back after a
  drop (``rejoin`` with the token, or ``spectate`` again): ``Session.rejoin``;
- redirects: a ``moved`` reply to a seat-taking request is followed to the address it names
  (at most ``MAX_MOVES`` in a row), the request going again there first;
- reconnection: after a lost socket or a failed attempt, whether and when to try again
  (``game.protocol.Backoff``; a process that cannot be reached sends the session back to
  the address it started from, the lobby of a cluster; a close that means the seat is gone
  ends it).

Neither sockets nor threads nor asyncio here: the transports hand in what they received
and what happened to their socket, and send what this module says.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any, Callable, Iterable, TypeGuard

from game import protocol
from game.protocol import Backoff

HELLO_RID = "hello"         # the rid of the version check, the first message on a socket
REJOIN_RID = "rejoin"       # the rid of the rejoin (or spectate) sent after a drop
TAKES_A_SEAT = ("join", "join_team", "rejoin", "spectate")
# Close reasons after which trying again cannot help (PROTOCOL.md §8): the seat is gone.
FINAL_REASONS = ("released this seat",)
MAX_MOVES = 5   # ``moved`` replies followed in a row before a join is taken as refused


class VersionError(Exception):
    """The host speaks another protocol version (the message says which)."""


def hello() -> dict[str, Any]:
    """The first message on a new socket: a ping, whose pong names the host's version."""
    return {"type": "ping", "rid": HELLO_RID}


def is_hello_reply(message: dict[str, Any] | None) -> TypeGuard[dict[str, Any]]:
    return message is not None and message.get("rid") == HELLO_RID


def checked_version(reply: dict[str, Any], where: str) -> int:
    """The protocol version the hello's reply names; ``VersionError`` unless it is ours."""
    version = reply.get("version")
    if reply.get("type") != "pong" or version is None:
        # A websocket server of another kind (say, one that echoes what it gets).
        raise VersionError(f"{where} is not a Casus Foederis host: it did not answer the "
                           "hello with its protocol version")
    if version != protocol.PROTOCOL_VERSION:
        raise VersionError(f"{where} speaks protocol version {version}, this client speaks "
                           f"{protocol.PROTOCOL_VERSION}: update one of them")
    return protocol.PROTOCOL_VERSION


def moved_to(reply: dict[str, Any]) -> str | None:
    """The address a ``moved`` reply sends a seat-taking request to (docs/PROTOCOL.md: the
    match is served by another host process, docs/HOSTING.md), or None when ``reply`` is not
    one or names no websocket address. The transport checks the address further."""
    if reply.get("type") != "error" or reply.get("code") != "moved":
        return None
    url = reply.get("url")
    return url if isinstance(url, str) and url.startswith(("ws://", "wss://")) else None


def final_close(reason: str) -> bool:
    """Whether a close with ``reason`` means the seat is gone (no point reconnecting)."""
    return any(r in reason for r in FINAL_REASONS)


class Seat:
    """The seat a session holds: ``seat``, ``match_id`` and ``token`` (None for a
    spectator) from the last ``joined``, and what takes it back after a drop."""

    def __init__(self) -> None:
        self.seat: str | None = None
        self.match_id: str | None = None
        self.token: str | None = None
        self._asked: dict[Any, dict[str, Any]] = {}   # rid -> a request taking a seat
        self.follow: dict[str, Any] | None = None     # what to send again after a drop
        self.moves = 0      # ``moved`` replies followed since the last seat taken

    def asking(self, message: dict[str, Any]) -> None:
        """A request is going out (with its rid): a seat-taking one is remembered."""
        if message.get("type") in TAKES_A_SEAT:
            self._asked[message["rid"]] = message

    def asked(self, rid: Any) -> dict[str, Any] | None:
        """The seat-taking request sent with ``rid`` and not yet answered, if any."""
        return self._asked.get(rid) if _is_rid(rid) else None

    def forget(self, rid: Any) -> None:
        """The request sent with ``rid`` will not be answered (its socket is gone)."""
        self._asked.pop(rid, None)

    def hold(self, match_id: str, token: str) -> None:
        """A seat known by its token before this session took it (``casus bot --token``):
        the first request on a socket is then its rejoin."""
        self.match_id, self.token = match_id, token
        self.follow = {"type": "rejoin", "rid": REJOIN_RID, "match": match_id, "token": token}

    def note(self, message: dict[str, Any]) -> None:
        """A message came in: a ``joined`` reply gives the seat, and how to take it again."""
        rid = message.get("rid")
        asked = self._asked.pop(rid, None) if _is_rid(rid) else None
        if message.get("type") != "joined":
            return
        self.moves = 0
        self.seat = message.get("seat")
        self.match_id = message.get("match")
        if asked is None:
            return   # our own rejoin after a drop: nothing new to remember
        if asked["type"] == "spectate":
            self.token = None
            self.follow = {"type": "spectate", "rid": REJOIN_RID, "match": self.match_id,
                           **({"password": asked["password"]} if asked.get("password")
                              else {})}
        else:
            self.token = message.get("token") or asked.get("token")
            self.follow = {"type": "rejoin", "rid": REJOIN_RID, "match": self.match_id,
                           "token": self.token} if self.token else None

    @staticmethod
    def refused_back(message: dict[str, Any]) -> bool:
        """Whether ``message`` refuses the seat taken back after a drop (released, or the
        match is gone): retrying cannot help."""
        return message.get("rid") == REJOIN_RID and message.get("type") == "error"


def _is_rid(rid: Any) -> bool:
    """Whether ``rid`` can be one of ours (a hostile host may echo anything)."""
    return isinstance(rid, (int, str)) and not isinstance(rid, bool)


@dataclass(frozen=True)
class Incoming:
    """What one message from the host is to the session."""

    message: dict[str, Any]
    request: dict[str, Any] | None = None   # the request it answers; None: a push
    move: str | None = None        # a ``moved`` reply followed: open this address now
    again: dict[str, Any] | None = None     # ... and send this there first (else the rejoin)
    seat_lost: bool = False        # the seat cannot be taken back: retrying cannot help

    @property
    def is_reply(self) -> bool:
        return self.request is not None


@dataclass(frozen=True)
class Retry:
    """Whether and when to open a socket again after one was lost or could not be opened."""

    delay: float | None        # seconds to wait first; None: stop
    gave_up: bool = False      # stopped because the backoff ran out (else: nothing to retry)

    @property
    def again(self) -> bool:
        return self.delay is not None


class Session:
    """One client's session with a host, across its sockets (see the module docstring).

    ``url`` is the address to open next: where the session started (``home``), or where a
    ``moved`` reply sent it. A session comes back after a drop once a socket was opened,
    and, when it ``needs_seat`` (a bot has nothing to do without one), only while it holds
    a seat to take back. ``address`` checks and normalises an address a ``moved`` reply
    names (None: not one to follow)."""

    def __init__(self, url: str, backoff: Backoff = Backoff(), *, needs_seat: bool = False,
                 address: Callable[[str], str | None] = lambda url: url) -> None:
        self.home = url
        self.url = url
        self.backoff = backoff
        self.needs_seat = needs_seat
        self.address = address
        self.held = Seat()
        self.version: int | None = None
        self.pending: dict[Any, dict[str, Any]] = {}   # rid -> a request not yet answered
        self.attempt = 0          # attempts since the session was last back
        self.back = False         # whether it is back (seated again, or nothing to take)
        # Whether the host sent anything since the session was last back, and how many
        # times running a socket was lost with nothing since: a host that takes every seat
        # back and drops the socket at once is given up on too.
        self.settled = False
        self.flaps = 0
        self.opened_once = False
        self.reconnects = 0
        self.moving: str | None = None   # a ``moved`` reply followed: the socket to open
        self._rids = itertools.count(1)

    # --- requests and replies -------------------------------------------------------------

    def next_rid(self) -> int:
        """A request id not used before in this session (over all its sockets)."""
        return next(self._rids)

    def request(self, message: dict[str, Any]) -> dict[str, Any]:
        """``message`` ready to go: with a ``rid`` of its own unless it has one, pending
        until its reply, and remembered when it takes a seat."""
        message = dict(message)
        if "rid" not in message:
            message["rid"] = self.next_rid()
        if _is_rid(message["rid"]):
            self.pending[message["rid"]] = message
        self.held.asking(message)
        return message

    def unanswered(self, queued: Iterable[dict[str, Any]] = (), why: str = "the connection "
                   "was lost before the host answered") -> list[dict[str, Any]]:
        """A socket is gone: the requests sent on it, which no reply will answer now, are no
        longer pending; each comes back as the ``not_connected`` error to hand over in its
        reply's place (a screen waiting for the rid then says so instead of waiting for
        ever). Requests still ``queued`` go out on the next socket and stay pending; the
        rejoin is sent again by itself."""
        keep = {m.get("rid") for m in queued}
        gone = [rid for rid in self.pending if rid not in keep]
        for rid in gone:
            del self.pending[rid]
            self.held.forget(rid)
        return [protocol.error("not_connected", why, rid) for rid in gone if rid != REJOIN_RID]

    def received(self, message: dict[str, Any]) -> Incoming:
        """One message from the host: the request it answers, a redirect to follow, the
        seat it gives or refuses back."""
        rid = message.get("rid")
        known = _is_rid(rid) and rid in self.pending
        move = self._redirect(message) if known else None
        if move is not None:
            return move
        self.held.note(message)
        if message.get("type") == "joined":
            self._back()              # in a seat again: a later drop starts afresh
        elif self.back:
            self.settled, self.flaps = True, 0    # the host answers: the socket works
        request = self.pending.pop(rid) if known else None
        return Incoming(message, request, seat_lost=self.held.refused_back(message))

    def _redirect(self, message: dict[str, Any]) -> Incoming | None:
        """A ``moved`` reply to a seat-taking request, followed: the session's ``url`` is
        the new address and the request goes again there (a rejoin goes by itself)."""
        url = moved_to(message)
        if url is None or self.held.moves >= MAX_MOVES:
            return None
        url = self.address(url)
        rid = message["rid"]
        asked = self.held.asked(rid)
        if url is None or asked is None or (rid == REJOIN_RID and self.held.follow is None):
            return None
        self.held.moves += 1
        self.url = self.moving = url
        again = None if rid == REJOIN_RID else asked
        return Incoming(message, self.pending[rid], move=url, again=again)

    # --- the sockets ------------------------------------------------------------------------

    def greeted(self, reply: dict[str, Any], where: str) -> int:
        """The hello's reply on a new socket: the host's version, checked (VersionError)."""
        self.version = checked_version(reply, where)
        return self.version

    def opened(self) -> bool:
        """A socket is open (and greeted); True when it is a reconnection."""
        again = self.opened_once
        self.opened_once = True
        self.moving = None
        if again:
            self.reconnects += 1
        if self.held.follow is None:
            self._back()              # nothing to take back: the session is back
        return again

    def rejoin(self) -> dict[str, Any] | None:
        """The request that takes the held seat back, first thing on a new socket (the
        ``rejoin`` with its token, or ``spectate`` again); None when no seat is held."""
        return self.request(self.held.follow) if self.held.follow is not None else None

    @property
    def comes_back(self) -> bool:
        return self.opened_once and (not self.needs_seat or self.held.follow is not None)

    def lost(self, reason: str = "") -> Retry:
        """An open socket closed (not by us), with the close ``reason``. A session that
        was back tries again after half the first pause, without counting it; one that
        drops again before it is back counts each drop as an attempt (so a host that
        accepts and drops every socket is given up on). Drops that come each time the seat
        is back, before the host sent anything else, are counted too: more of them running
        than the backoff's attempts and the session gives up (a host that takes the seat
        back and drops the socket at once, for ever)."""
        if self.moving is not None:
            return Retry(0.0)         # following a ``moved`` reply: straight there
        if final_close(reason) or not self.comes_back:
            return Retry(None)
        if self.back:
            self.back = False
            if not self.settled:
                self.flaps += 1
                if self.flaps > self.backoff.attempts:
                    return Retry(None, gave_up=True)
            return Retry(self.backoff.delay(1) / 2)
        return self._again()

    def failed(self, final: bool = False) -> Retry:
        """A socket could not be opened; ``final`` when its host is not one to talk to
        (another protocol version): no point trying again."""
        self.moving = None
        if final or not self.comes_back:
            return Retry(None)
        if self.url != self.home:
            # The match's process is gone: ask the lobby where the match went.
            self.url = self.home
            self.held.moves = 0
        return self._again()

    def _back(self) -> None:
        self.back = True
        self.settled = False
        self.attempt = 0

    def _again(self) -> Retry:
        self.back = False
        self.attempt += 1
        if self.attempt > self.backoff.attempts:
            return Retry(None, gave_up=True)
        return Retry(self.backoff.delay(self.attempt))
