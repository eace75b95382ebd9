"""Protocol fuzzing against a live host (hypothesis): whatever arrives, the host answers or
hangs up cleanly, stays up, and its match stays exactly the fold of its log."""

from __future__ import annotations

import asyncio
import threading
import urllib.request
from typing import Any, Iterator

import msgpack
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from websockets.exceptions import ConnectionClosed

from game import protocol
from game.match import Match
from server_helpers import Client, running_server

# Plain data of every kind MessagePack can carry, including the kinds the protocol refuses.
scalars = st.one_of(st.none(), st.booleans(), st.integers(-2**63, 2**64 - 1),
                    st.floats(allow_nan=True), st.text(max_size=20), st.binary(max_size=10),
                    st.sampled_from(["public", "RED", "BLU", "X1", "P1", "R", "B", "move",
                                     "defensive", "build"]))
data = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=12)
order = st.fixed_dictionaries({"op": st.sampled_from(["move", "build", "declare_war", "fly"])},
                              optional={"from": st.sampled_from(["R", "B", "Z"]),
                                        "to": st.sampled_from(["B", "G", 3]),
                                        "territory": st.sampled_from(["R", "X"]),
                                        "target": st.sampled_from(["BLU", "RED"]),
                                        "n": st.integers(-2, 12)})


@st.composite
def schema_message(draw) -> dict[str, Any]:
    """A message of a real type whose fields are sometimes right and sometimes anything."""
    kind = draw(st.sampled_from(sorted(protocol.CLIENT_SCHEMAS)))
    message: dict[str, Any] = {"type": kind}
    for name in protocol.CLIENT_SCHEMAS[kind]:
        if draw(st.booleans()):
            message[name] = draw(st.lists(order, max_size=4) if name == "orders" else data)
    if draw(st.booleans()):
        message["rid"] = draw(data)
    return message


frames = st.one_of(
    st.binary(max_size=64),
    st.text(max_size=32),
    data.map(lambda d: msgpack.packb(d, use_bin_type=True)),
    schema_message().map(lambda m: msgpack.packb(m, use_bin_type=True)),
)


class LiveHost:
    """A host running on its own thread and event loop for the whole module."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.ready = threading.Event()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.stop: asyncio.Future[None] | None = None
        asyncio.run_coroutine_threadsafe(self._serve(), self.loop)
        assert self.ready.wait(10)

    async def _serve(self) -> None:
        async with running_server() as (server, url):
            self.server, self.url = server, url
            host = await Client.open(url)
            created = await host.ok("create_match", scenario="triangle-luck")
            self.match_id = created["match"]
            self.tokens = {"umpire": created["umpire_token"]}
            red = await Client.open(url)
            self.tokens["RED"] = (await red.ok("join", match=self.match_id, seat="RED"))["token"]
            await red.close()
            await host.close()
            self.stop = asyncio.get_running_loop().create_future()
            self.ready.set()
            await self.stop

    def consistent(self) -> bool:
        """In the host's own loop: the live match equals the replay of its stored log."""
        async def check() -> bool:
            match = self.server.matches[self.match_id]
            again = Match.replay(self.server.storage.logs()[self.match_id])
            return again.state.hash() == match.state.hash() and again.log == match.log
        return asyncio.run_coroutine_threadsafe(check(), self.loop).result(10)

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.stop.set_result, None)


@pytest.fixture(scope="module")
def live() -> Iterator[LiveHost]:
    host = LiveHost()
    yield host
    host.close()


async def attack(live: "LiveHost", seat: str | None, sent: list[Any]) -> None:
    client = await Client.open(live.url)
    if seat is not None:
        reply = await client.request("rejoin", match=live.match_id, token=live.tokens[seat])
        if reply.get("code") == "bad_token" and seat == "RED":
            # An earlier example, as umpire, released RED's seat: take it again.
            reply = await client.ok("join", match=live.match_id, seat="RED")
            live.tokens["RED"] = reply["token"]
        assert reply["type"] != "error", reply
    try:
        for frame in sent:
            await client.ws.send(frame)
        reply = await client.request("ping")
        assert reply["type"] in ("pong", "error")
    except (ConnectionClosed, asyncio.TimeoutError):
        # Hanging up is allowed, but only with a reason the protocol names.
        await asyncio.wait_for(client.reader, 5)
        assert client.ws.close_code in (1008, 1009), client.ws.close_code
    for message in client.frames:
        if message["type"] == "error":
            assert message["code"] in protocol.ERROR_CODES
            assert message["code"] != "internal", message
    await client.close()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seat=st.sampled_from([None, "RED", "umpire"]), sent=st.lists(frames, max_size=12))
def test_fuzzed_frames_never_break_the_host_or_its_match(live, seat, sent):
    asyncio.run(attack(live, seat, sent))
    assert live.consistent()


def test_after_the_fuzzing_the_host_is_healthy_and_the_match_playable(live):
    async def play() -> None:
        client = await Client.open(live.url)
        await client.ok("spectate", match=live.match_id)
        umpire = await Client.open(live.url)
        await umpire.ok("rejoin", match=live.match_id, token=live.tokens["umpire"])
        assert (await umpire.ok("chat", channel="public", text="all well"))["of"] == "chat"
        assert (await client.push("chat"))["text"] == "all well"
        await client.close()
        await umpire.close()
    asyncio.run(play())
    body = urllib.request.urlopen(live.url.replace("ws://", "http://") + "/health",
                                  timeout=5).read()
    assert body.startswith(b"ok ")
    assert live.consistent()
