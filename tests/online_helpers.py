"""A real host on 127.0.0.1 in a thread of its own, for the client's synchronous tests (the
websocket connection and the lobby run in the test's thread, as in the game's main loop)."""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from typing import Any, Callable, Iterator

from server.app import Server, serve_until
from server_helpers import TIMEOUT, running_server, shelf
from store_switch import open_location


class HostThread:
    """The host's loop, running in a thread; ``call`` runs a function inside it. With
    ``port`` it listens there (to restart a host where its players knew it), with ``data``
    keeping its matches in that store (a folder or a database URL, from
    store_switch.location), else on any free port."""

    def __init__(self, port: int = 0, **kwargs: Any) -> None:
        self.port = port
        self.kwargs = kwargs
        self.loop: asyncio.AbstractEventLoop | None = None
        self.server: Any = None
        self.url = ""
        self.ready = threading.Event()
        self.stop: asyncio.Future[None] | None = None
        self.thread = threading.Thread(target=lambda: asyncio.run(self._main()), daemon=True)

    async def _main(self) -> None:
        self.loop = asyncio.get_running_loop()
        self.stop = self.loop.create_future()
        if not self.port:
            async with running_server(**self.kwargs) as (server, url):
                self.server, self.url = server, url
                self.ready.set()
                await self.stop
            return
        # The store is opened in this thread (SQLite objects stay in theirs).
        storage = open_location(self.kwargs.pop("data", None))
        try:
            self.server = Server(storage, shelf(), **self.kwargs)
            self.url = f"ws://127.0.0.1:{self.port}"
            await serve_until(self.server, "127.0.0.1", self.port, self.stop,
                              lambda bound: self.ready.set())
        finally:
            storage.close()

    def call(self, fn: Callable[[], Any]) -> Any:
        """Run ``fn`` on the host's loop and return its result (a coroutine is awaited)."""
        assert self.loop is not None

        async def run() -> Any:
            result = fn()
            if asyncio.iscoroutine(result):
                result = await result
            return result
        return asyncio.run_coroutine_threadsafe(run(), self.loop).result(TIMEOUT)

    def drop_all(self) -> int:
        """Cut every client socket without a close handshake, as a failing network would."""
        def cut() -> int:
            conns = list(self.server.connections)
            for conn in conns:
                conn.ws.transport.abort()
            return len(conns)
        return self.call(cut)


def free_port() -> int:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def host_thread(**kwargs: Any) -> Iterator[HostThread]:
    host = HostThread(**kwargs)
    host.thread.start()
    assert host.ready.wait(TIMEOUT), "the host did not start"
    try:
        yield host
    finally:
        assert host.loop is not None and host.stop is not None
        host.loop.call_soon_threadsafe(lambda: host.stop.done() or host.stop.set_result(None))
        host.thread.join(TIMEOUT)


def wait_for(conn: Any, test: Callable[[dict[str, Any]], bool],
             seen: list[dict[str, Any]] | None = None, timeout: float = TIMEOUT,
             step: Callable[[], None] | None = None) -> dict[str, Any]:
    """Poll ``conn`` until a message passes ``test``; every message polled goes to ``seen``.
    ``step`` runs between polls (a frame of the app, say)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for message in conn.poll():
            if seen is not None:
                seen.append(message)
            if test(message):
                return message
        if step is not None:
            step()
        time.sleep(0.01)
    raise AssertionError(f"no such message within {timeout} s; saw {seen!r}"[:2000])


def reply_to(conn: Any, rid: Any, seen: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return wait_for(conn, lambda m: m.get("rid") == rid, seen)


def until(test: Callable[[], bool], timeout: float = TIMEOUT,
          step: Callable[[], None] | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if test():
            return
        if step is not None:
            step()
        time.sleep(0.01)
    raise AssertionError("the condition did not hold in time")
