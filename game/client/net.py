"""The websocket transport: a ``Connection`` (game/client/connection.py) to a ``casus host``.

The pygame main loop must never wait on the network, so the socket lives in a background
thread running its own asyncio loop with the websockets client. ``send`` only queues a
request (thread-safe) and ``poll`` hands over what has arrived since the last call::

    conn = WebSocketConnection.open("ws://192.168.1.20:8765")   # NetError if it cannot
    rid = conn.send({"type": "list_matches"})
    for message in conn.poll(): ...                              # each frame, oldest first

A dropped connection is not the end of a match: the status turns RECONNECTING, the thread
tries again with a growing pause (``Backoff``, bounded), and once through it sends
``rejoin`` with the seat token the ``joined`` reply gave (or ``spectate`` again), so the
screen receives a fresh ``joined`` snapshot and carries on. Requests sent meanwhile wait
in the queue and go out after the rejoin; one that went out on the dropped socket is
answered with an ``error`` (code ``not_connected``), as is every request still waiting
when the connection closes for good: a screen waiting for a rid always hears. Besides the
server's messages, ``poll`` returns the transport's own news as
``{"type": "connection", "status": ..., "message": ...}``.

What to send, which request a reply answers, when to try again and where a ``moved`` reply
leads are the session's (``game.session.Session``, shared with ``casus bot``); this module
keeps only the thread, the socket and the queues.
"""

from __future__ import annotations

import asyncio
import socket
import ssl
import threading
from collections import deque
from typing import Any
from urllib.parse import urlsplit

import msgpack

from game import protocol
from game.protocol import Backoff
from game.session import Seat, Session, VersionError, hello, is_hello_reply

from .connection import CLOSED, CONNECTING, OPEN, RECONNECTING

__all__ = ["Backoff", "NetError", "WebSocketConnection", "check_url", "explain"]

DEFAULT_PORT = 8765
OPEN_TIMEOUT = 5.0          # seconds for the first connection and its version check


class NetError(Exception):
    """The server cannot be reached or spoken to; the message is one sentence for people."""


TLS_PORT = 443   # a wss:// address without a port: the standard HTTPS port


def check_url(url: str) -> str:
    """``url`` if it is a ws:// or wss:// address with a host (the default port added when
    it has none: the host's for ws://, 443 for wss://, where a host on the internet sits
    behind its reverse proxy); NetError naming the problem otherwise."""
    text = str(url).strip()
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as err:
        raise NetError(f"{text!r} is not a server address ({err}); "
                       "write it as ws://HOST:PORT") from None
    if parts.scheme not in ("ws", "wss"):
        raise NetError(f"{text!r} is not a server address: it must start with ws:// "
                       "(or wss://), as in ws://192.168.1.20:8765")
    if not parts.hostname:
        raise NetError(f"{text!r} names no host: write it as ws://HOST:PORT")
    if port is None:
        host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
        default = TLS_PORT if parts.scheme == "wss" else DEFAULT_PORT
        text = f"{parts.scheme}://{host}:{default}{parts.path}"
    return text


def _where(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.hostname}:{parts.port or DEFAULT_PORT}"


def explain(url: str, err: BaseException) -> str:
    """A sentence for a failure to connect to ``url``."""
    where = _where(url)
    if isinstance(err, ConnectionRefusedError):
        return f"nothing answers at {where} (connection refused): is 'casus host' running there?"
    if isinstance(err, socket.gaierror):
        return f"cannot find the host {urlsplit(url).hostname!r}: check the address"
    if isinstance(err, (TimeoutError, asyncio.TimeoutError)):
        return f"{where} did not answer in time: check the address and the network"
    if isinstance(err, NetError):
        return str(err)
    from websockets.exceptions import InvalidHandshake, InvalidMessage, InvalidURI
    secure = urlsplit(url).scheme == "wss"
    if isinstance(err, InvalidURI):
        return f"{url!r} is not a server address: write it as ws://HOST:PORT"
    if isinstance(err, InvalidMessage) and not secure:
        # What a wss:// host answers to a plain ws:// hello.
        return (f"{where} did not answer as a websocket host ({err}): if it serves wss://, "
                "write the address with wss://")
    if isinstance(err, InvalidHandshake):
        return f"{where} is not a Casus Foederis host (the websocket handshake failed: {err})"
    if isinstance(err, ssl.SSLCertVerificationError):
        return (f"the certificate of {where} is not trusted ({err.verify_message}): the host "
                "needs one that this computer trusts")
    if isinstance(err, (ConnectionResetError, ssl.SSLError)) and secure:
        # What a plain ws:// host does with a TLS hello.
        return (f"{where} closed the connection at the TLS handshake: if it serves plain "
                "ws://, write the address with ws://")
    if isinstance(err, OSError):
        return f"cannot reach {where}: {err.strerror or str(err) or type(err).__name__}"
    return f"cannot talk to {where}: {err}"


def unpack(frame: Any) -> dict[str, Any] | None:
    """A server frame as a map, or None for anything else (a broken frame is dropped, not
    fatal). Frames from the host may exceed the client-frame limit, so no limit here."""
    if not isinstance(frame, (bytes, bytearray)):
        return None
    try:
        message = msgpack.unpackb(frame, raw=False)
    except Exception:   # msgpack raises many kinds for bad input; all mean "not a message"
        return None
    return message if isinstance(message, dict) else None


class WebSocketConnection:
    """A ``Connection`` over a websocket, for a pygame main loop (see the module docstring).

    ``seat`` is None until a ``join``, ``join_team``, ``rejoin`` or ``spectate`` succeeds;
    ``token`` is then what a later ``rejoin`` needs (None for a spectator), and
    ``match_id`` the match followed. ``error`` says why the connection is CLOSED.
    """

    def __init__(self, url: str, *, backoff: Backoff = Backoff(),
                 open_timeout: float = OPEN_TIMEOUT) -> None:
        # The rids, the seat, redirects and reconnecting (game/session.py). The session
        # starts where the player connected first: a cluster's lobby (docs/HOSTING.md).
        self.session = Session(check_url(url), backoff, address=_followable)
        self.open_timeout = open_timeout
        self.error: str = ""
        self._status = CONNECTING
        self._lock = threading.Lock()
        self._inbox: deque[dict[str, Any]] = deque()
        self._outbox: deque[dict[str, Any]] = deque()
        self._first = threading.Event()               # the first attempt is over
        self._closing = False
        self._loop: asyncio.AbstractEventLoop | None = None
        self._wake: asyncio.Event | None = None
        self._ws: Any = None
        self._thread = threading.Thread(target=self._run, name="casus-net", daemon=True)

    @classmethod
    def open(cls, url: str, **kwargs: Any) -> "WebSocketConnection":
        """Connect and check the server's protocol version; NetError when that fails."""
        conn = cls(url, **kwargs)
        conn.start()
        if not conn._first.wait(conn.open_timeout + 2.0):
            conn.close()
            raise NetError(f"{_where(conn.url)} did not answer in time: check the address "
                           "and the network")
        if conn.status == CLOSED:
            conn.close()
            raise NetError(conn.error)
        return conn

    def start(self) -> None:
        self._thread.start()

    # --- the Connection interface ------------------------------------------------------------

    @property
    def url(self) -> str:
        """The address the connection uses (or opens next)."""
        return self.session.url

    @property
    def held(self) -> Seat:
        return self.session.held

    @property
    def version(self) -> int | None:
        return self.session.version

    @property
    def reconnects(self) -> int:
        return self.session.reconnects

    @property
    def backoff(self) -> Backoff:
        return self.session.backoff

    @property
    def seat(self) -> str | None:
        return self.held.seat

    @property
    def match_id(self) -> str | None:
        return self.held.match_id

    @property
    def token(self) -> str | None:
        return self.held.token

    @property
    def status(self) -> str:
        return self._status

    def send(self, message: dict[str, Any]) -> Any:
        """Queue one request; returns its ``rid``. Once the connection is closed for good
        the request is answered at once with an ``error`` (code ``not_connected``), so a
        screen says so instead of failing."""
        with self._lock:   # as the thread's end: a request is answered, or goes out
            if self._status == CLOSED:
                rid = message["rid"] if "rid" in message else self.session.next_rid()
                self._inbox.append(protocol.error("not_connected", self._not_connected(),
                                                  rid))
                return rid
            message = self.session.request(message)
            self._outbox.append(message)
        self._poke()
        return message["rid"]

    def poll(self) -> list[dict[str, Any]]:
        with self._lock:
            out = list(self._inbox)
            self._inbox.clear()
        return out

    def close(self) -> None:
        """Hang up for good (no reconnect) and stop the thread."""
        self._closing = True
        if self._status != CLOSED:
            self._status = CLOSED
            self.error = self.error or "closed by the player"
        self._poke()
        if self._thread.is_alive() and threading.current_thread() is not self._thread:
            self._thread.join(timeout=3.0)

    def drop(self) -> None:
        """Cut the socket without a closing handshake, as a failing network would (tests
        and the reconnect demo): the connection then reconnects on its own."""
        loop, ws = self._loop, self._ws
        if loop is not None and ws is not None:
            loop.call_soon_threadsafe(ws.transport.abort)

    # --- the thread -----------------------------------------------------------------------------

    def _poke(self) -> None:
        loop, wake = self._loop, self._wake
        if loop is not None and wake is not None:
            try:
                loop.call_soon_threadsafe(wake.set)
            except RuntimeError:   # the loop has already stopped
                pass

    def _deliver(self, message: dict[str, Any]) -> None:
        with self._lock:
            self._inbox.append(message)

    def _news(self, status: str, text: str) -> None:
        self._status = status
        self._deliver({"type": "connection", "status": status, "message": text})

    def _not_connected(self) -> str:
        return f"not connected to the host ({self.error or 'closed'})"

    def _run(self) -> None:
        try:
            asyncio.run(self._main())
        except Exception as err:   # never let the thread die silently: say why it stopped
            self.error = f"the connection failed: {err}"
        finally:
            with self._lock:
                self._status = CLOSED
                # Closed for good: nothing queued goes out and no reply comes, so every
                # request still waiting is answered now (as send() answers a late one).
                self._outbox.clear()
                self._inbox.extend(self.session.unanswered(why=self._not_connected()))
            self._first.set()

    async def _main(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._wake = asyncio.Event()
        session = self.session
        while not self._closing:
            try:
                ws = await self._connect()
            except Exception as err:
                self.error = explain(self.url, err)
                retry = session.failed(final=isinstance(err, NetError))
                if not retry.again:
                    # The first attempt or a wrong server: the player must decide.
                    self._status = CLOSED
                    if self._first.is_set():
                        self._news(CLOSED, f"gave up reconnecting: {self.error}"
                                   if retry.gave_up else self.error)
                    self._first.set()
                    return
                await self._pause(retry.delay or 0.0)
                continue
            self._ws = ws
            try:
                if session.opened():
                    with self._lock:
                        back = session.rejoin()
                    if back is not None:
                        # Before anything queued: the seat must be ours again first.
                        await ws.send(protocol.encode(back))
                    self._news(OPEN, "reconnected")
                else:
                    self._status = OPEN
                self._first.set()
                reason = await self._pump(ws)
            finally:
                self._ws = None
            with self._lock:   # what went out on that socket will not be answered now
                self._inbox.extend(session.unanswered(self._outbox))
            if self._closing:
                break
            retry = session.lost(reason)
            if session.moving is not None:   # following a ``moved`` reply: straight there
                continue
            if not retry.again:
                self.error = (f"the host closed the connection: {reason}" if not retry.gave_up
                              else "gave up reconnecting: the connection kept dropping")
                self._news(CLOSED, self.error)
                return
            self._news(RECONNECTING, "connection lost: reconnecting…")
            await self._pause(retry.delay or 0.0)
        if self._ws is not None:
            await self._ws.close()

    async def _connect(self) -> Any:
        """A new socket whose server speaks our protocol version (NetError if not)."""
        from websockets.asyncio.client import connect

        ws = await asyncio.wait_for(
            connect(self.url, max_size=None, compression=None, proxy=None,
                    open_timeout=self.open_timeout), self.open_timeout)
        try:
            await ws.send(protocol.encode(hello()))
            # One bound for the whole wait, not one per frame: a host that keeps sending
            # anything but the pong must not keep the connection opening for ever.
            async with asyncio.timeout(self.open_timeout):
                while True:
                    reply = unpack(await ws.recv())
                    if is_hello_reply(reply):
                        break
            try:
                self.session.greeted(reply, _where(self.url))
            except VersionError as err:
                raise NetError(str(err)) from None
        except BaseException:
            await ws.close()
            raise
        return ws

    async def _pause(self, seconds: float) -> None:
        """Wait ``seconds`` or until closed."""
        assert self._wake is not None
        self._wake.clear()
        try:
            await asyncio.wait_for(self._closing_soon(), seconds)
        except (TimeoutError, asyncio.TimeoutError):
            pass

    async def _closing_soon(self) -> None:
        assert self._wake is not None
        while not self._closing:
            await self._wake.wait()
            self._wake.clear()

    async def _pump(self, ws: Any) -> str:
        """Read and write until the socket closes; returns the close reason."""
        reader = asyncio.create_task(self._read(ws))
        writer = asyncio.create_task(self._write(ws))
        done, pending = await asyncio.wait({reader, writer},
                                           return_when=asyncio.FIRST_COMPLETED)
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
        if self._closing:
            await ws.close()
            return ""
        return ws.close_reason or ""

    async def _read(self, ws: Any) -> None:
        from websockets.exceptions import ConnectionClosed
        try:
            async for frame in ws:
                message = unpack(frame)
                if message is None:
                    continue
                with self._lock:   # the session is shared with send() on the main thread
                    incoming = self.session.received(message)
                if incoming.move is not None:
                    # The request goes again, first thing, at the new address.
                    if incoming.again is not None:
                        with self._lock:
                            self._outbox.appendleft(incoming.again)
                    await ws.close()
                    return
                self._deliver(message)
                if incoming.seat_lost:
                    # The seat cannot be taken back (released, or the match is gone):
                    # retrying cannot help, so stop and say why.
                    self.error = f"could not take the seat back: {message.get('message')}"
                    self._closing = True
                    self._news(CLOSED, self.error)
                    return
        except ConnectionClosed:
            pass

    async def _write(self, ws: Any) -> None:
        from websockets.exceptions import ConnectionClosed
        assert self._wake is not None
        while not self._closing:
            while True:
                with self._lock:
                    message = self._outbox[0] if self._outbox else None
                if message is None:
                    break
                try:
                    await ws.send(protocol.encode(message))
                except ConnectionClosed:
                    return          # it stays queued for the next connection
                with self._lock:
                    if self._outbox and self._outbox[0] is message:
                        self._outbox.popleft()
            self._wake.clear()
            await self._wake.wait()


def _followable(url: str) -> str | None:
    """The address a ``moved`` reply names, checked as the player's own would be."""
    try:
        return check_url(url)
    except NetError:
        return None
