"""A network bot (game/bots/network.py) stops when it is cancelled, whatever it was waiting
for, and a request whose socket closes fails at once: a bot that swallowed its
cancellation kept a test (and a host's shutdown) waiting for ever."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from game import protocol
from game.bots.network import Connection
from game.session import Session
from server_helpers import TIMEOUT, within


class FakeSocket:
    """A websocket the test feeds by hand: ``arrive`` a frame, ``end`` the socket."""

    def __init__(self) -> None:
        self.frames: asyncio.Queue[bytes | None] = asyncio.Queue()
        self.sent: list[dict[str, Any]] = []

    async def send(self, frame: bytes) -> None:
        self.sent.append(protocol.decode_raw(frame))

    def arrive(self, message: dict[str, Any]) -> None:
        self.frames.put_nowait(protocol.encode(message))

    def end(self) -> None:
        self.frames.put_nowait(None)

    def __aiter__(self) -> "FakeSocket":
        return self

    async def __anext__(self) -> bytes:
        frame = await self.frames.get()
        if frame is None:
            raise StopAsyncIteration
        return frame


async def connected() -> tuple[Connection, FakeSocket]:
    ws = FakeSocket()
    return Connection(ws, Session("ws://host:1")), ws  # type: ignore[arg-type]


async def sent(ws: FakeSocket, n: int = 1) -> dict[str, Any]:
    """The ``n``th request the connection sent, once it is sent."""
    while len(ws.sent) < n:
        await asyncio.sleep(0)
    return ws.sent[n - 1]


def test_a_request_cancelled_in_the_turn_its_reply_comes_is_cancelled():
    async def scenario() -> asyncio.Task[Any]:
        conn, ws = await connected()
        asking = asyncio.create_task(conn.request("map"))
        rid = (await sent(ws))["rid"]
        await asyncio.sleep(0)                 # the request now waits for its reply
        conn.waiting[rid].set_result({"type": "map", "rid": rid})
        asking.cancel()                        # ... and is cancelled in the same turn
        await within(asyncio.wait({asking}), "the cancelled request")
        await conn.stop()
        return asking
    asking = asyncio.run(scenario())
    assert asking.cancelled(), f"the cancellation was swallowed: {asking.result()}"


def test_a_bot_cancelled_while_it_stops_reading_is_cancelled():
    async def scenario() -> asyncio.Task[Any]:
        conn, _ = await connected()
        await asyncio.sleep(0)                 # the reader waits for a frame
        stopping = asyncio.create_task(conn.stop())
        await asyncio.sleep(0)                 # it now waits for the reader to end
        stopping.cancel()
        await within(asyncio.wait({stopping}), "the cancelled stop")
        return stopping
    assert asyncio.run(scenario()).cancelled()


def test_a_request_fails_as_soon_as_its_socket_closes():
    async def scenario() -> tuple[float, Session]:
        conn, ws = await connected()
        asking = asyncio.create_task(conn.request("orders", orders=[]))
        await sent(ws)
        loop = asyncio.get_running_loop()
        start = loop.time()
        ws.end()
        with pytest.raises(ConnectionError, match="lost before the host answered"):
            await within(asking, "the request on a closed socket")
        return loop.time() - start, conn.session
    waited, session = asyncio.run(scenario())
    assert waited < TIMEOUT / 3          # not REPLY_TIMEOUT (30 s)
    assert session.pending == {}        # nothing left waiting in the session either


def test_a_reply_still_reaches_its_request():
    async def scenario() -> dict[str, Any]:
        conn, ws = await connected()
        asking = asyncio.create_task(conn.request("map"))
        ws.arrive({"type": "map", "rid": (await sent(ws))["rid"], "map": {}})
        reply = await within(asking, "the reply")
        ws.end()
        await conn.stop()
        return reply
    assert asyncio.run(scenario())["type"] == "map"
