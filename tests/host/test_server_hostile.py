"""Hostile input gets an error reply or a clean close with a reason, and the host and its
matches carry on unharmed."""

from __future__ import annotations

import asyncio

import msgpack
import pytest
from websockets.exceptions import ConnectionClosed

from game import protocol
from game.match import Match
from server import limits
from server_helpers import Client, running_server


async def seated(url: str) -> tuple[Client, Client, str]:
    host = await Client.open(url)
    match = (await host.ok("create_match", scenario="triangle"))["match"]
    red = await Client.open(url)
    await red.ok("join", match=match, seat="RED")
    return host, red, match


async def error_for(client: Client, frame) -> dict:
    await client.ws.send(frame)
    return await client.push("error")


@pytest.mark.parametrize("frame, code", [
    ("a text frame", "bad_frame"),
    (b"\xc1\xc1", "bad_frame"),
    (msgpack.packb([1, 2, 3]), "bad_frame"),
    (protocol.encode({"type": "launch_missiles"}), "unknown_type"),
    (protocol.encode({"type": "chat", "channel": "public"}), "bad_message"),
    (protocol.encode({"type": "orders", "orders": "all of them"}), "bad_message"),
    # Acting for another seat: the seat comes from the join, so the field does not exist.
    (protocol.encode({"type": "chat", "seat": "BLU", "channel": ["BLU", "GRN"],
                      "text": "x"}), "bad_message"),
])
def test_a_bad_frame_gets_an_error_and_the_connection_carries_on(frame, code):
    async def scenario():
        async with running_server() as (server, url):
            host, red, match_id = await seated(url)
            length = len(server.matches[match_id].log)
            assert (await error_for(red, frame))["code"] == code
            assert (await red.ok("chat", channel="public", text="still here"))["of"] == "chat"
            assert len(server.matches[match_id].log) == length + 1
            await red.close()
            await host.close()
    asyncio.run(scenario())


def test_an_error_echoes_the_rid_when_it_can_be_read():
    async def scenario():
        async with running_server() as (_, url):
            client = await Client.open(url)
            reply = await client.request("chat", channel="public", text="x")
            assert (reply["code"], reply["rid"]) == ("not_joined", 1)
            await client.close()
    asyncio.run(scenario())


def test_a_seat_cannot_speak_in_or_read_another_channel():
    async def scenario():
        async with running_server() as (_, url):
            host, red, _ = await seated(url)
            reply = await red.request("chat", channel=["BLU", "GRN"], text="psst")
            assert reply["code"] == "bad_channel"
            reply = await red.request("accept", proposal="X1")
            assert reply["code"] == "no_proposal"
            reply = await red.request("adjudicate")
            assert reply["code"] == "not_allowed"
            await red.close()
            await host.close()
    asyncio.run(scenario())


def test_an_oversized_frame_closes_the_connection_with_1009_and_nothing_else():
    async def scenario():
        async with running_server() as (server, url):
            host, red, match_id = await seated(url)
            blu = await Client.open(url)
            await blu.ok("join", match=match_id, seat="BLU")
            await red.ws.send(b"\x00" * (protocol.MAX_FRAME_BYTES + 1))
            await asyncio.wait_for(red.reader, 5)
            assert red.ws.close_code == 1009
            assert red.ws.close_reason.endswith(
                f"exceeds limit of {protocol.MAX_FRAME_BYTES} bytes")
            assert (await blu.ok("chat", channel="public", text="fine"))["type"] == "ok"
            await blu.close()
            await host.close()
    asyncio.run(scenario())


def test_a_flood_is_refused_then_closed_and_the_match_is_intact():
    async def scenario():
        async with running_server() as (server, url):
            host, red, match_id = await seated(url)
            blu = await Client.open(url)
            await blu.ok("join", match=match_id, seat="BLU")
            frame = protocol.encode({"type": "chat", "channel": "public", "text": "spam"})
            for _ in range(500):   # until the host hangs up
                try:
                    await red.ws.send(frame)
                except ConnectionClosed:
                    break
                await asyncio.sleep(0)
            await asyncio.wait_for(red.reader, 5)
            assert red.ws.close_code == 1008
            assert red.ws.close_reason == "too many messages"
            assert any(f.get("code") == "rate_limited" for f in red.frames)
            spam = sum(1 for m in server.matches[match_id].chat if m.text == "spam")
            # The seat's chat burst passes; the rest are refused by the seat's chat rate,
            # then by the connection's.
            assert limits.CHAT_BURST <= spam <= limits.CHAT_BURST + 2
            assert (await blu.ok("chat", channel="public", text="calm"))["type"] == "ok"
            match = server.matches[match_id]
            assert Match.replay(server.storage.logs()[match_id]).state.hash() == \
                match.state.hash()
            await blu.close()
            await host.close()
    asyncio.run(scenario())
