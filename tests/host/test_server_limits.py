"""What one client can cost the host is bounded (server/limits.py, docs/PROTOCOL.md "Limits"):
connections per address and in total, a first message within seconds, unsent bytes per
connection and per host, the lobby's list per address, new matches (forks too), chat per
seat and per snapshot, connections per seat token, and the clock's numbers."""

from __future__ import annotations

import asyncio
import contextlib

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from game import protocol
from game.match import Match
from game.match.clock import MAX_SECONDS
from server import limits, outbox
from server.admission import Buckets
from server_helpers import TIMEOUT, Client, running_server
from test_server_outbox import FakeWebSocket


def run(coro):
    return asyncio.run(coro)


async def closed_with(url: str) -> tuple[int | None, str | None]:
    """Open a connection and wait, sending nothing, until the host closes it."""
    ws = await connect(url)
    with contextlib.suppress(ConnectionClosed):
        await asyncio.wait_for(ws.recv(), TIMEOUT)
    return ws.close_code, ws.close_reason


# --- connections --------------------------------------------------------------------------


def test_connections_past_the_per_address_cap_are_closed_with_1013():
    async def scenario():
        async with running_server(max_connections_per_address=3) as (_, url):
            kept = [await Client.open(url) for _ in range(3)]
            code, reason = await closed_with(url)
            assert (code, reason) == (1013, "at most 3 connections from one address; "
                                            "close one first")
            assert (await kept[0].ok("ping"))["type"] == "pong"
            await kept[0].close()
            again = await Client.open(url)   # a slot is free again
            assert (await again.ok("ping"))["type"] == "pong"
            for client in [*kept[1:], again]:
                await client.close()
    run(scenario())


def test_connections_past_the_host_cap_are_closed_with_1013():
    async def scenario():
        async with running_server(max_connections=2) as (_, url):
            kept = [await Client.open(url) for _ in range(2)]
            code, reason = await closed_with(url)
            assert code == 1013 and "2 connections open" in reason
            for client in kept:
                await client.close()
    run(scenario())


def test_a_connection_that_never_says_hello_is_closed_and_one_that_does_stays():
    async def scenario():
        async with running_server(hello_seconds=0.3) as (server, url):
            talker = await Client.open(url)
            await talker.ok("ping")
            assert await closed_with(url) == (1008, "no message within 0.3 s of connecting")
            await asyncio.sleep(0.4)
            assert (await talker.ok("ping"))["type"] == "pong"
            assert server.admission.count == 1
            await talker.close()
    run(scenario())


def test_a_rate_limited_error_carries_the_rid_of_the_refused_request():
    async def scenario():
        async with running_server() as (_, url):
            client = await Client.open(url)
            for rid in range(1, protocol.RATE_BURST + 6):
                await client.ws.send(protocol.encode({"type": "ping", "rid": rid}))
            await asyncio.sleep(0.3)
            errors = [f for f in client.frames if f["type"] == "error"]
            assert errors and all(e["code"] == "rate_limited" for e in errors)
            assert all("rid" in e for e in errors), errors
            await client.close()
    run(scenario())


# --- unsent bytes ---------------------------------------------------------------------------


def test_the_batch_being_written_counts_towards_the_unsent_bytes():
    async def scenario():
        ws = FakeWebSocket(unsent=limits.MAX_UNSENT_BYTES - 1000)
        outbox.write(ws, [b"x" * 600, b"y" * 600])   # each fits alone; together they do not
        await asyncio.sleep(0)
        assert ws.transport.written == []
        assert ws.closed == [(1008, "too slow to keep up; rejoin")]
    run(scenario())


def test_past_the_host_wide_unsent_bytes_the_most_backlogged_are_dropped():
    async def scenario():
        box = outbox.Outbox(lambda: None)
        box.max_host_unsent = 5000
        sockets = [FakeWebSocket(unsent=size) for size in (1000, 3000, 2500)]
        for ws in sockets:
            ws.transport.get_write_buffer_size = (lambda t=ws.transport: t.unsent)

        class Peer:
            def __init__(self, ws):
                self.ws = ws
        box.send([Peer(ws) for ws in sockets], b"push")
        box.flush()
        await asyncio.sleep(0)
        assert [bool(ws.closed) for ws in sockets] == [False, True, False]
        assert set(box.backlog) == {sockets[0], sockets[2]}
    run(scenario())


# --- the lobby -----------------------------------------------------------------------------


def test_list_matches_is_paged():
    async def scenario():
        async with running_server() as (_, url):
            client = await Client.open(url)
            made = [(await client.ok("create_match", scenario="triangle"))["match"]
                    for _ in range(3)]
            first = await client.ok("list_matches", limit=2)
            assert (len(first["matches"]), first["total"], first["next"]) == (2, 3, 2)
            rest = await client.ok("list_matches", offset=first["next"], limit=2)
            assert (len(rest["matches"]), rest["next"]) == (1, None)
            # Open matches, the latest created first (the lobby's order).
            assert [m["match"] for m in first["matches"] + rest["matches"]] == made[::-1]
            everything = await client.ok("list_matches")
            assert len(everything["matches"]) == 3 and everything["next"] is None
            await client.close()
    run(scenario())


def test_list_matches_is_rate_limited_per_address_over_all_its_connections():
    async def scenario():
        async with running_server() as (_, url):
            clients = [await Client.open(url) for _ in range(3)]
            replies = [await clients[i % 3].request("list_matches")
                       for i in range(limits.LIST_BURST + 3)]
            refused = [r for r in replies if r["type"] == "error"]
            assert refused and all(r["code"] == "rate_limited" and "rid" in r for r in refused)
            assert sum(r["type"] == "match_list" for r in replies) <= limits.LIST_BURST + 1
            for client in clients:
                await client.close()
    run(scenario())


def test_a_fork_counts_against_the_new_match_quota():
    async def scenario():
        async with running_server(creations_per_hour=1) as (server, url):
            client = await Client.open(url)
            created = await client.ok("create_match", scenario="triangle")
            await client.ok("rejoin", match=created["match"], token=created["umpire_token"])
            refused = await client.request("fork", turn=1)
            assert refused["code"] == "rate_limited"
            assert len(server.matches) == 1
            await client.close()
    run(scenario())


# --- chat ----------------------------------------------------------------------------------


def test_chat_is_rate_limited_per_seat_over_all_its_connections():
    async def scenario():
        async with running_server() as (server, url):
            host = await Client.open(url)
            created = await host.ok("create_match", scenario="triangle")
            red = await Client.open(url)
            token = (await red.ok("join", match=created["match"], seat="RED"))["token"]
            others = [await Client.open(url) for _ in range(3)]
            for other in others:
                await other.ok("rejoin", match=created["match"], token=token)
            seats = [red, *others]
            replies = [await seats[i % 4].request("chat", channel="public", text=f"m{i}")
                       for i in range(limits.CHAT_BURST * 2)]
            said = sum(r["type"] == "ok" for r in replies)
            assert limits.CHAT_BURST <= said <= limits.CHAT_BURST + 1
            assert all(r["code"] == "rate_limited" for r in replies if r["type"] == "error")
            # Another seat is not held back by RED's flood.
            blu = await Client.open(url)
            await blu.ok("join", match=created["match"], seat="BLU")
            await blu.ok("chat", channel="public", text="hello")
            for client in [host, *seats, blu]:
                await client.close()
    run(scenario())


def test_a_seat_token_opens_at_most_the_cap_of_connections():
    async def scenario():
        async with running_server() as (_, url):
            host = await Client.open(url)
            created = await host.ok("create_match", scenario="triangle")
            red = await Client.open(url)
            token = (await red.ok("join", match=created["match"], seat="RED"))["token"]
            more = [await Client.open(url) for _ in range(limits.MAX_CONNECTIONS_PER_TOKEN)]
            replies = [await c.request("rejoin", match=created["match"], token=token)
                       for c in more]
            assert [r["type"] for r in replies[:-1]] == ["joined"] * (len(more) - 1)
            assert replies[-1]["code"] == "too_many_connections"
            await more[0].close()
            again = await more[-1].request("rejoin", match=created["match"], token=token)
            assert again["type"] == "joined"
            for client in [host, red, *more[1:]]:
                await client.close()
    run(scenario())


def test_a_snapshot_holds_the_newest_chat_and_older_chat_comes_in_pages():
    async def scenario():
        async with running_server() as (server, url):
            host = await Client.open(url)
            created = await host.ok("create_match", scenario="triangle")
            match = server.matches[created["match"]]
            match.join("RED", 0.0)
            for i in range(limits.CHAT_SNAPSHOT + 50):
                match.send_chat("RED", "public", f"m{i}", float(i))
            watcher = await Client.open(url)
            joined = await watcher.ok("spectate", match=created["match"])
            chat = joined["snapshot"]["chat"]
            assert len(chat) == limits.CHAT_SNAPSHOT and joined["snapshot"]["chat_from"] == 50
            assert chat[0]["text"] == "m50" and chat[-1]["text"] == f"m{limits.CHAT_SNAPSHOT + 49}"
            page = await watcher.ok("chat_history", before=50, limit=30)
            assert [m["text"] for m in page["messages"]] == [f"m{i}" for i in range(20, 50)]
            assert page["chat_from"] == 20
            last = await watcher.ok("chat_history", before=20)
            assert (len(last["messages"]), last["chat_from"]) == (20, 0)
            await watcher.close()
            await host.close()
    run(scenario())


def test_a_rate_bucket_allows_its_burst_then_its_rate():
    buckets = Buckets(rate=1.0, burst=2)
    assert buckets.allow("a", 0.0) and buckets.allow("a", 0.0) and not buckets.allow("a", 0.0)
    assert buckets.allow("a", 1.0)   # one a second


# --- names and chat ----------------------------------------------------------------------


def test_names_and_chat_lose_control_and_bidi_override_characters():
    async def scenario():
        async with running_server() as (server, url):
            host = await Client.open(url)
            created = await host.ok("create_match", scenario="triangle")
            red = await Client.open(url)
            await red.ok("join", match=created["match"], seat="RED",
                         name="Ada\u202e\u2066nimdA\x1b[31m")
            await red.ok("chat", channel="public", text="line one\nline\u202etwo\x07\x00")
            match = server.matches[created["match"]]
            assert match.seats["RED"].name == "AdanimdA[31m"
            assert match.chat[-1].text == "line one\nlinetwo"
            await red.close()
            await host.close()
    run(scenario())


# --- the clock ---------------------------------------------------------------------------


@pytest.mark.parametrize("command, fields", [
    ("adjust_deadline", {"seconds": 1e308}),
    ("adjust_deadline", {"seconds": MAX_SECONDS + 1}),
    ("set_deadline", {"deadline_at": 1e308}),
    ("set_warning", {"seconds": 1e308}),
])
def test_deadlines_beyond_the_bounds_are_refused(command, fields):
    async def scenario():
        async with running_server() as (server, url):
            umpire = await Client.open(url)
            created = await umpire.ok("create_match", scenario="triangle", deadline=600)
            await umpire.ok("rejoin", match=created["match"], token=created["umpire_token"])
            before = server.matches[created["match"]].deadline_at
            refused = await umpire.request(command, **fields)
            assert refused["code"] == "not_allowed" and "2592000" in refused["message"]
            assert server.matches[created["match"]].deadline_at == before
            await umpire.close()
    run(scenario())


def test_a_deadline_per_turn_beyond_the_bounds_is_refused():
    async def scenario():
        async with running_server() as (server, url):
            client = await Client.open(url)
            refused = await client.request("create_match", scenario="triangle", deadline=1e308)
            assert refused["code"] == "not_allowed" and not server.matches
            await client.close()
    run(scenario())


def test_a_non_finite_deadline_already_stored_is_repaired_on_load():
    async def scenario():
        async with running_server() as (server, url):
            umpire = await Client.open(url)
            created = await umpire.ok("create_match", scenario="triangle", deadline=600)
            match = server.matches[created["match"]]
            # What an older host stored for "adjust_deadline 1e308" twice.
            log = [dict(e) for e in match.log]
            at = log[-1]["at"]
            for _ in range(2):
                log.append({"type": "clock_adjusted", "seconds": 1e308, "seq": len(log),
                            "at": at, "turn": match.turn})
            for event in log[len(match.log):]:
                server.storage.append(created["match"], event)
            server.storage.commit()
            reloaded = Match.replay(log)
            assert reloaded.deadline_at == at + MAX_SECONDS
            server.matches[created["match"]] = reloaded
            watcher = await Client.open(url)
            snapshot = (await watcher.ok("spectate", match=created["match"]))["snapshot"]
            assert snapshot["deadline_at"] == at + MAX_SECONDS
            await watcher.close()
            await umpire.close()
    run(scenario())


# --- bots in password matches ---------------------------------------------------------------


def test_the_hosts_bot_takes_its_seat_in_a_password_match_and_people_cannot():
    from test_server_bots import steady_driver

    async def scenario():
        async with running_server(bots=steady_driver) as (server, url):
            host = await Client.open(url)
            created = await host.ok("create_match", scenario="triangle", password="sesame",
                                    bots=["GRN"])
            match = server.matches[created["match"]]
            assert match.seats["GRN"].occupied
            thief = await Client.open(url)
            refused = await thief.request("join", match=created["match"], seat="GRN",
                                          password="sesame")
            assert refused["code"] == "bad_seat" and "bot" in refused["message"]
            red = await Client.open(url)
            await red.ok("join", match=created["match"], seat="RED", password="sesame")
            for client in (host, thief, red):
                await client.close()
    run(scenario())


def test_the_clients_model_pages_older_chat_in_until_it_has_everything():
    from game.client.model import MatchModel

    async def scenario():
        async with running_server() as (server, url):
            host = await Client.open(url)
            created = await host.ok("create_match", scenario="triangle")
            match = server.matches[created["match"]]
            match.join("RED", 0.0)
            total = limits.CHAT_SNAPSHOT + limits.CHAT_PAGE + 20
            for i in range(total):
                match.send_chat("RED", "public", f"m{i}", float(i))
            watcher = await Client.open(url)
            model = MatchModel.from_snapshot(
                (await watcher.ok("spectate", match=created["match"]))["snapshot"])
            pages = 0
            while (request := model.older_chat()) is not None:
                fields = {k: v for k, v in request.items() if k != "type"}
                model.apply(await watcher.ok(request["type"], **fields))
                pages += 1
            assert pages == 2
            assert [m["text"] for m in model.chat] == [f"m{i}" for i in range(total)]
            await watcher.close()
            await host.close()
    run(scenario())
