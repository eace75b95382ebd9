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
import tempfile
import time
from collections import deque
from pathlib import Path
from typing import Any, Callable, Iterable, Protocol

import msgpack

from game import protocol
from game.bots.driver import play_bot_seats
from game.engine.world import Scenario
from game.host import Delivery, HostCore, Link, new_match_id
from game.match import Match, MatchError, MatchSettings, Outcome
from game.match.commands import MATCH_COMMANDS
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
    except UnicodeDecodeError as err:   # a binary file given by mistake
        raise SaveError(f"{path} is not a saved game (not text: byte {err.start} is not "
                        "UTF-8)") from None
    except json.JSONDecodeError as err:
        raise SaveError(f"{path} is not a saved game (not JSON: {err})") from None


def read_save(path: Path) -> list[dict[str, Any]]:
    """The event log in a saved game (a file written by ``LocalHost``, or any JSON file holding
    a list of events or ``{"events": [...]}``)."""
    doc = _read_json(path)
    kind = doc.get("format") if isinstance(doc, dict) else None
    if isinstance(kind, str) and kind != SAVE_FORMAT:   # say, a casus export
        raise SaveError(f"{path} is not a saved game: it is a {kind!r} file")
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

    It plays the server's part for hot-seat play over the host's core (game/host/core.py),
    as the websocket host does: the core routes each push to the connections of the seats
    it is for, runs deadlines when ``tick`` is called, and lets bot seats act; this class
    only delivers the frames and keeps the save.
    """

    def __init__(self, match: Match, *, save_path: Path | None = None,
                 clock: Callable[[], float] = time.time,
                 meta: dict[str, Any] | None = None) -> None:
        self.match = match
        self.save_path = Path(save_path) if save_path is not None else None
        self.clock = clock
        self.core = HostCore(clock, bots=lambda match, now: (play_bot_seats(match, now), False),
                             where="in a game on this computer")
        self.core.add(match)
        self.core.requests = self.requests()
        self.tokens: dict[str, str] = {}
        #: Why the save could not be written at the last request that failed to save
        #: ("No space left on device"); None while everything is saved.
        self.unsaved: str | None = None
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
        match, umpire_token = Match.create(
            scenario, match_id=match_id or new_match_id(lambda taken: False), now=clock(),
            settings=settings)
        host = cls(match, save_path=save_path, clock=clock)
        host.tokens["umpire"] = umpire_token
        return host

    @classmethod
    def load(cls, save_path: Path, *, clock: Callable[[], float] = time.time) -> "LocalHost":
        events = read_save(save_path)
        try:
            match = Match.replay(events)
        except Exception as err:   # a damaged or foreign file: say so, never a traceback
            # (Match.replay names the event that does not apply, and what failed in it.)
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
            try:
                write_save(self.save_path, self.match.log, self.meta)
            except OSError:
                pass   # the notes go with the next event saved, whose failure is said

    def connect(self, seat: str) -> "LocalConnection":
        """A connection acting as ``seat`` (a power, ``spectator`` or ``umpire``)."""
        conn = LocalConnection(self, seat)
        self.core.follow(conn, self.match, seat)
        conn.deliver({"type": "joined", "match": self.match.match_id, "seat": seat,
                      "snapshot": self.core.snapshot(self.match, seat)})
        return conn

    def join(self, power: str, name: str = "") -> "LocalConnection":
        """Take ``power``'s seat (recording the player's name) and connect to it."""
        outcome = self.match.join(power, self.clock(), name=name)
        self.tokens[power] = outcome.reply["token"]
        self.fan_out(outcome)
        return self.connect(power)

    def fan_out(self, outcome: Outcome) -> None:
        self.deliver(self.core.fan_out(self.match.match_id, outcome))

    def deliver(self, deliveries: list[Delivery]) -> None:
        for delivery in deliveries:
            for conn in delivery.audience:
                conn.receive(delivery.frame)   # type: ignore[attr-defined]

    def tick(self) -> None:
        """Warn before the deadline (when the umpire set a warning) and adjudicate when it
        has passed; a new turn lets the bots plan it."""
        if self.core.due(self.clock()):
            # The table's one match; a failure is the player's to see, not a log line.
            self.deliver(self.core.deadline(self.match.match_id, self.clock(), contain=False))
            self.deliver(self.core.play_pending())

    def run_bots(self) -> None:
        """Let every bot seat act in this planning phase."""
        self.deliver(self.core.play_bots(self.match.match_id))

    def requests(self) -> dict[str, Callable[[Link, dict[str, Any]], Any]]:
        """The requests answered here (docs/PROTOCOL.md), the core's table of them: a
        handler returns an ``Outcome`` or a reply. Spectators cannot act in the match.
        Subclasses add their own."""
        table = self.core.match_requests()
        return {kind: self.core.spectators_refused(handler) if kind in MATCH_COMMANDS
                else handler for kind, handler in table.items()}

    def handle(self, conn: "LocalConnection", message: dict[str, Any]) -> None:
        """Run one request from ``conn`` the way the server would."""
        rid = message.get("rid")
        try:
            checked = protocol.decode(protocol.encode(message))
            result = self.core.handle(conn, checked)
        except (ProtocolError, MatchError) as err:
            conn.deliver(protocol.error(err.code, err.message, rid))
            return
        except OSError as err:
            # The save could not be written (disk full, folder gone). The journal runs
            # before each event is applied, so the match holds what the file holds; say so
            # and play on rather than close the window.
            self.unsaved = str(err.strerror or err)
            conn.deliver(protocol.error("internal", f"the game could not be saved in "
                                        f"{self.save_path} ({self.unsaved}): the last action "
                                        "may not have been taken; try again once it can be "
                                        "saved", rid))
            return
        conn.receive(result.reply)
        self.deliver(result.deliveries)


class LocalConnection(Link):
    """One seat's connection to a ``LocalHost``."""

    _rids = itertools.count(1)

    def __init__(self, host: LocalHost, seat: str) -> None:
        super().__init__(seat=seat)
        self.host = host
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
        self.receive(protocol.encode(message))

    def receive(self, frame: bytes) -> None:
        # A copy that went through MessagePack, as over the wire: no object is shared
        # between the match and a screen.
        # (Unpacked directly: frames from the host may exceed the client-frame limit.)
        self._inbox.append(msgpack.unpackb(frame, raw=False))

    def close(self) -> None:
        self.closed = True
        self.host.core.unfollow(self)
