"""The client's connection to a match: one small interface, two transports (docs/ARCHITECTURE.md).

Screens talk only to a ``Connection``: they ``send`` protocol requests (docs/PROTOCOL.md) and
``poll`` for what came back (replies, carrying the request's ``rid``, and pushes). The
websocket transport lives in ``game/client/net.py``; this module has the interface and the
in-process transport used for hot-seat play, where a ``LocalHost`` keeps the ``Match`` and
each seat at the table gets its own ``LocalConnection``. Messages go through the protocol's
own encoding and checks, so a screen meets exactly what it would meet online.
"""

from __future__ import annotations

import itertools
import json
import os
import secrets
import tempfile
import time
from collections import deque
from pathlib import Path
from typing import Any, Callable, Iterable, Protocol

import msgpack

from game import protocol
from game.bots.driver import play_bot_seats
from game.engine.world import Scenario
from game.match import SPECTATOR, Match, MatchError, MatchSettings, Outcome
from game.match.commands import MATCH_COMMANDS, map_reply, run_command
from game.protocol import ProtocolError

SAVE_FORMAT = "casus-foederis/match-log"
SAVE_VERSION = 1

# Connection states a screen may show.
OPEN = "open"
CONNECTING = "connecting"
RECONNECTING = "reconnecting"
CLOSED = "closed"


class Connection(Protocol):
    """What every screen needs from a transport."""

    seat: str | None

    @property
    def status(self) -> str: ...

    def send(self, message: dict[str, Any]) -> Any:
        """Send one request; returns its ``rid`` (one is assigned when it has none)."""

    def poll(self) -> list[dict[str, Any]]:
        """Every message received since the last poll, oldest first."""

    def close(self) -> None: ...


class SaveError(Exception):
    """A saved game that cannot be read back; the message names the file and the problem."""


def _read_json(path: Path) -> Any:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as err:
        raise SaveError(f"cannot read {path}: {err.strerror or err}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise SaveError(f"{path} is not a saved game (not JSON: {err})") from None


def read_save(path: Path) -> list[dict[str, Any]]:
    """The event log in a saved game (a file written by ``LocalHost``, or any JSON file holding
    a list of events or ``{"events": [...]}``)."""
    doc = _read_json(path)
    events = doc.get("events") if isinstance(doc, dict) else doc
    if not isinstance(events, list) or not events or not all(isinstance(e, dict)
                                                             for e in events):
        raise SaveError(f"{path} is not a saved game (no list of events)")
    return events


def read_save_meta(path: Path) -> dict[str, Any]:
    """The table's own notes kept beside the log (who sits where, whose turn it is to plan:
    ``LocalHost.meta``); empty for a save that has none."""
    doc = _read_json(path)
    meta = doc.get("meta") if isinstance(doc, dict) else None
    return meta if isinstance(meta, dict) else {}


def write_save(path: Path, events: Iterable[dict[str, Any]],
               meta: dict[str, Any] | None = None) -> None:
    """Write a match log atomically: a crash mid-write leaves the previous save intact.
    ``meta`` is kept beside the log for the table (the match itself never reads it)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc: dict[str, Any] = {"format": SAVE_FORMAT, "version": SAVE_VERSION,
                           "events": list(events)}
    if meta:
        doc["meta"] = meta
    fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(doc, out, separators=(",", ":"))
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class LocalHost:
    """A match in this process, saved after every accepted command when given a path.

    It plays the server's part for hot-seat play: it routes each push to the connections of
    the seats it is for, runs deadlines when ``tick`` is called, and lets bot seats act.
    """

    def __init__(self, match: Match, *, save_path: Path | None = None,
                 clock: Callable[[], float] = time.time,
                 meta: dict[str, Any] | None = None) -> None:
        self.match = match
        self.save_path = Path(save_path) if save_path is not None else None
        self.clock = clock
        self.connections: list[LocalConnection] = []
        self.tokens: dict[str, str] = {}
        # Notes the table keeps in the save beside the log (hot-seat: players, whose turn
        # it is to plan); the match never reads them, so a replay cannot depend on them.
        self.meta: dict[str, Any] = dict(meta or {})
        if self.save_path is not None:
            match.journal = self._journal
            write_save(self.save_path, match.log, self.meta)

    @classmethod
    def new(cls, scenario: Scenario, settings: MatchSettings = MatchSettings(), *,
            save_path: Path | None = None, clock: Callable[[], float] = time.time,
            match_id: str | None = None) -> "LocalHost":
        match, umpire_token = Match.create(scenario, match_id=match_id or secrets.token_hex(4),
                                           now=clock(), settings=settings)
        host = cls(match, save_path=save_path, clock=clock)
        host.tokens["umpire"] = umpire_token
        return host

    @classmethod
    def load(cls, save_path: Path, *, clock: Callable[[], float] = time.time) -> "LocalHost":
        events = read_save(save_path)
        try:
            match = Match.replay(events)
        except Exception as err:   # a damaged or foreign file: say so, never a traceback
            raise SaveError(f"{save_path} cannot be replayed: {err}") from None
        return cls(match, save_path=save_path, clock=clock, meta=read_save_meta(save_path))

    def _journal(self, event: dict[str, Any]) -> None:
        # Called before the event is applied: the file holds it before anyone hears of it.
        assert self.save_path is not None
        write_save(self.save_path, [*self.match.log, event], self.meta)

    def save_meta(self, **changes: Any) -> None:
        """Update the table's notes and write them to the save at once."""
        self.meta.update(changes)
        if self.save_path is not None:
            write_save(self.save_path, self.match.log, self.meta)

    def connect(self, seat: str) -> "LocalConnection":
        """A connection acting as ``seat`` (a power, ``spectator`` or ``umpire``)."""
        conn = LocalConnection(self, seat)
        self.connections.append(conn)
        conn.deliver({"type": "joined", "match": self.match.match_id, "seat": seat,
                      "snapshot": self.match.snapshot(seat)})
        return conn

    def join(self, power: str, name: str = "") -> "LocalConnection":
        """Take ``power``'s seat (recording the player's name) and connect to it."""
        outcome = self.match.join(power, self.clock(), name=name)
        self.tokens[power] = outcome.reply["token"]
        self.fan_out(outcome)
        return self.connect(power)

    def fan_out(self, outcome: Outcome) -> None:
        for push in outcome.pushes:
            for conn in self.connections:
                if conn.seat in push.seats and not conn.closed:
                    conn.deliver(push.message)

    def tick(self) -> None:
        """Warn before the deadline (when the umpire set a warning) and adjudicate when it
        has passed."""
        alarm = self.match.next_alarm
        if alarm is not None and self.clock() >= alarm:
            turn = self.match.turn
            self.fan_out(self.match.tick(self.clock()))
            if self.match.turn != turn:
                self.run_bots()

    def run_bots(self) -> None:
        """Let every bot seat act in this planning phase."""
        for outcome in play_bot_seats(self.match, self.clock()):
            self.fan_out(outcome)

    def requests(self) -> dict[str, Callable[["LocalConnection", dict[str, Any]], Any]]:
        """The requests answered here rather than by a match command (docs/PROTOCOL.md); a
        handler returns an ``Outcome`` or a reply. Subclasses add their own."""
        return {"ping": lambda conn, m: {"type": "pong", "version": protocol.PROTOCOL_VERSION},
                "map": lambda conn, m: map_reply(self.match),
                "dashboard": lambda conn, m: {"type": "dashboard", **self.match.dashboard(
                    conn.seat, self.clock())}}

    def handle(self, conn: "LocalConnection", message: dict[str, Any]) -> None:
        """Run one request from ``conn`` the way the server would."""
        rid = message.get("rid")
        try:
            checked = protocol.decode(protocol.encode(message))
            special = self.requests().get(checked["type"])
            if special is not None:
                result = special(conn, checked)
                outcome = result if isinstance(result, Outcome) else Outcome(result)
            elif checked["type"] in MATCH_COMMANDS:
                if conn.seat == SPECTATOR:
                    raise MatchError("not_allowed", "spectators cannot act in the match")
                outcome = run_command(self.match, conn.seat, checked, self.clock())
            else:
                raise ProtocolError("not_allowed", f"{checked['type']} is not available in "
                                                   "a game on this computer")
        except (ProtocolError, MatchError) as err:
            conn.deliver(protocol.error(err.code, err.message, rid))
            return
        if rid is not None:
            outcome.reply["rid"] = rid
        conn.deliver(outcome.reply)
        self.fan_out(outcome)
        self.run_bots()


class LocalConnection:
    """One seat's connection to a ``LocalHost``."""

    _rids = itertools.count(1)

    def __init__(self, host: LocalHost, seat: str) -> None:
        self.host = host
        self.seat: str | None = seat
        self.closed = False
        self._inbox: deque[dict[str, Any]] = deque()

    @property
    def status(self) -> str:
        return CLOSED if self.closed else OPEN

    def send(self, message: dict[str, Any]) -> Any:
        if self.closed:
            raise RuntimeError("the connection is closed")
        message = dict(message)
        message.setdefault("rid", next(self._rids))
        self.host.handle(self, message)
        return message["rid"]

    def poll(self) -> list[dict[str, Any]]:
        out = list(self._inbox)
        self._inbox.clear()
        return out

    def deliver(self, message: dict[str, Any]) -> None:
        # A copy that went through MessagePack, as over the wire: no object is shared
        # between the match and a screen.
        # (Unpacked directly: frames from the host may exceed the client-frame limit.)
        self._inbox.append(msgpack.unpackb(protocol.encode(message), raw=False))

    def close(self) -> None:
        self.closed = True
        if self in self.host.connections:
            self.host.connections.remove(self)
