"""Real websocket clients over loopback, and a host serving the test board in-process or as
its own process (``python tests/server_helpers.py --data DIR``)."""

from __future__ import annotations

import asyncio
import contextlib
import io
import itertools
import sys
from pathlib import Path
from typing import Any, AsyncIterator, Awaitable, TypeVar

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent))

from websockets.asyncio.client import ClientConnection, connect  # noqa: E402

from game import protocol  # noqa: E402
from match_helpers import triangle  # noqa: E402
from server.app import Server, serve_until  # noqa: E402
from server.scenarios import ScenarioShelf  # noqa: E402
from server.storage import Storage  # noqa: E402
from store_switch import location, open_location  # noqa: E402

# Long enough for a loaded 2-core CI machine running the suite on both cores (5 s timed out
# there in the lobby's screen-driven tests); a bounded wait that still fails a hung test.
TIMEOUT = 15.0


T = TypeVar("T")


async def within(awaitable: Awaitable[T], what: str, seconds: float = TIMEOUT) -> T:
    """What ``awaitable`` gives, or an AssertionError naming ``what`` (and where it waits)
    after ``seconds``: a test that fails with a message instead of hanging CI. Unlike
    ``asyncio.wait_for``, it does not then wait for the cancellation to land, which never
    comes from a task that swallows it."""
    task = asyncio.ensure_future(awaitable)
    done, _ = await asyncio.wait({task}, timeout=seconds)
    if not done:
        where = io.StringIO()
        task.print_stack(file=where)
        task.cancel()
        raise AssertionError(f"{what} did not end in {seconds} s:\n{where.getvalue()}")
    return task.result()


async def cancelled(task: asyncio.Task[Any], what: str) -> None:
    """Cancel ``task`` and check that it ends within TIMEOUT (a cancellation swallowed
    would leave it running)."""
    task.cancel()
    done, _ = await asyncio.wait({task}, timeout=TIMEOUT)
    assert done, f"{what} still runs {TIMEOUT} s after it was cancelled"
    assert task.cancelled() or task.exception() is None, task.exception()


def shelf() -> ScenarioShelf:
    return ScenarioShelf({"triangle": triangle(),
                          "triangle-luck": triangle(rules={"sigma": 0.5})})


@contextlib.asynccontextmanager
async def running_server(storage: Storage | None = None, scenarios: ScenarioShelf | None = None,
                         ssl: Any = None, **kwargs: Any) -> AsyncIterator[tuple[Server, str]]:
    """A host on an ephemeral port of 127.0.0.1 (of the test triangles unless ``scenarios``
    says otherwise; serving wss:// with an ``ssl`` context); yields it and its ws:// URL.
    Without ``storage``, a new store of the kind CASUS_TEST_STORE names
    (tests/store_switch.py), closed when the host stops."""
    own = storage is None
    if storage is None:
        storage = open_location(location())
    try:
        server = Server(storage, scenarios or shelf(), **kwargs)
    except BaseException:
        if own:
            storage.close()
        raise
    loop = asyncio.get_running_loop()
    stop: asyncio.Future[None] = loop.create_future()
    bound: asyncio.Future[int] = loop.create_future()
    task = asyncio.create_task(serve_until(server, "127.0.0.1", 0, stop, bound.set_result,
                                           ssl=ssl))
    port = await within(bound, "the host's start")
    try:
        yield server, f"ws://127.0.0.1:{port}"
    finally:
        stop.set_result(None)
        try:
            await within(task, "the host's shutdown")
        finally:
            if own:
                storage.close()


class Client:
    """One connection. Replies are matched to requests by ``rid``; everything else is a push.
    ``frames`` keeps every message received, for the privacy checks."""

    def __init__(self, ws: ClientConnection) -> None:
        self.ws = ws
        self.frames: list[dict[str, Any]] = []
        self.pushes: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self.pending: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self.rids = itertools.count(1)
        self.reader = asyncio.create_task(self._read())

    @classmethod
    async def open(cls, url: str) -> "Client":
        return cls(await within(connect(url, max_size=None), f"a connection to {url}"))

    async def _read(self) -> None:
        with contextlib.suppress(Exception):
            async for frame in self.ws:
                message = protocol.decode_raw(frame)
                self.frames.append(message)
                future = self.pending.pop(message.get("rid"), None)
                if future is not None and not future.done():
                    future.set_result(message)
                else:
                    self.pushes.put_nowait(message)

    async def request(self, type_: str, **fields: Any) -> dict[str, Any]:
        rid = next(self.rids)
        future = asyncio.get_running_loop().create_future()
        self.pending[rid] = future
        await within(self.ws.send(protocol.encode({"type": type_, "rid": rid, **fields})),
                     f"sending {type_}")
        return await within(future, f"the reply to {type_}")

    async def ok(self, type_: str, **fields: Any) -> dict[str, Any]:
        reply = await self.request(type_, **fields)
        assert reply["type"] != "error", reply
        return reply

    async def push(self, type_: str) -> dict[str, Any]:
        """The next push of this type (pushes of other types are skipped, still in frames)."""
        async def wait() -> dict[str, Any]:
            while True:
                message = await self.pushes.get()
                if message["type"] == type_:
                    return message
        return await within(wait(), f"a {type_} push")

    async def close(self) -> None:
        await within(self.ws.close(), "closing a test client")
        await within(asyncio.wait({self.reader}), "a test client's reader")


def self_signed(folder: Path) -> tuple[str, str]:
    """A certificate and key for 127.0.0.1 made with openssl (the test is skipped without)."""
    import shutil
    import subprocess

    import pytest

    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    cert, key = folder / "cert.pem", folder / "key.pem"
    done = subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                           "-keyout", str(key), "-out", str(cert), "-days", "1",
                           "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                          capture_output=True, timeout=60)
    if done.returncode != 0:
        pytest.skip(f"openssl could not make a certificate: {done.stderr[-200:]!r}")
    return str(cert), str(key)


async def main(argv: list[str]) -> int:
    """A host process serving the test board from a data folder or a PostgreSQL URL (for
    the SIGKILL test)."""
    import argparse

    from game.cli.host_cmd import host
    from server.storage import open_store

    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True)
    args = parser.parse_args(argv)
    storage = open_store(args.data)
    try:
        return await host(Server(storage, shelf()), "127.0.0.1", 0)
    finally:
        storage.close()


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1:])))
