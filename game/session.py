"""A client's session with a host, without I/O: what the game's websocket connection
(game/client/net.py) and the network bot (game/bots/network.py) both need to know.

- the hello: a ``ping`` whose ``pong`` names the host's protocol version, checked;
- the seat: a ``joined`` reply gives the seat, the match and the seat token (a join's own
  token, or the one a rejoin came with), and so what to send to take the seat back after a
  drop (``rejoin`` with the token, or ``spectate`` again);
- reconnection: when a close means the seat is gone (the pauses between attempts are
  ``game.protocol.Backoff``).

Neither sockets nor threads nor asyncio here: the transports hand in what they received
and send what this module says.
"""

from __future__ import annotations

from typing import Any, TypeGuard

from game import protocol

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
    if reply.get("type") != "pong" or version != protocol.PROTOCOL_VERSION:
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
        return self._asked.get(rid)

    def note(self, message: dict[str, Any]) -> None:
        """A message came in: a ``joined`` reply gives the seat, and how to take it again."""
        asked = self._asked.pop(message.get("rid"), None) if "rid" in message else None
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
