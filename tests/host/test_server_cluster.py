"""Several host processes over one PostgreSQL database: leases, fencing, the ``moved``
reply and fail-over (server/leases.py, server/cluster.py)."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import subprocess
import sys
import threading
import time
import urllib.request

import psycopg
import pytest

from game.bots.network import run_bot
from game.client.net import WebSocketConnection
from game.match import Match
from match_helpers import triangle
from server.cluster import Cluster, ClusterStorage
from server.leases import LeaseLost
from server_helpers import TIMEOUT, Client, cancelled, running_server, within


def expire(url: str, match_id: str | None = None) -> None:
    """Make leases look abandoned, as when their owner died without a word."""
    with psycopg.connect(url) as db:
        db.execute("UPDATE leases SET expires = now() - interval '1 second'"
                   + (" WHERE match = %s" if match_id else ""),
                   (match_id,) if match_id else ())


def test_a_lease_taken_over_fences_the_old_owner_out(pg_url):
    """Split brain: A still believes it owns the match after B took it over; the database
    lets only B write."""
    a, b = ClusterStorage(pg_url, "ws://a:1"), ClusterStorage(pg_url, "ws://b:1")
    match, _ = Match.create(triangle(), match_id="m1", now=0.0,
                            journal=lambda e: a.append("m1", e))
    a.commit()
    assert a.leases.held == {"m1": 1}
    assert b.logs(unloaded=False) == {}            # A is alive: B replays nothing
    assert b.leases.claim_orphans(b.db, set()) == {}
    assert b.leases.owner_url(b.db, "m1") == "ws://a:1"
    expire(pg_url, "m1")
    assert b.leases.claim_orphans(b.db, set()) == {"m1": 2}
    b.leases.held["m1"] = 2
    events = b.log("m1")
    # A, unaware, accepts a command for the match: its commit is refused whole.
    match.join("RED", 1.0)
    with pytest.raises(LeaseLost):
        a.commit()
    a.rollback()
    assert b.log("m1") == events and "m1" not in a.leases.held
    # B, the owner now, writes the same next event.
    again = Match.replay(events, journal=lambda e: b.append("m1", e))
    again.join("BLU", 2.0)
    b.commit()
    assert len(b.log("m1")) == len(events) + 1
    for store in (a, b):
        store.close()


def test_a_renewed_lease_is_not_taken_and_a_lost_one_is_reported(pg_url):
    a, b = ClusterStorage(pg_url, "ws://a:1"), ClusterStorage(pg_url, "ws://b:1")
    Match.create(triangle(), match_id="m2", now=0.0, journal=lambda e: a.append("m2", e))
    a.commit()
    assert a.leases.renew(a.db, a.leases.held, {}) == set()
    assert b.leases.claim_orphans(b.db, set()) == {}
    expire(pg_url)
    assert b.leases.claim_orphans(b.db, set()) == {"m2": 2}
    assert a.leases.renew(a.db, a.leases.held, {}) == {"m2"}
    a.close()
    b.close()


@contextlib.asynccontextmanager
async def cluster_host(pg_url: str):
    """One host process of a cluster, in this test's loop; yields (server, url)."""
    storage = ClusterStorage(pg_url, "ws://placeholder:1")
    async with running_server(storage) as (server, url):
        storage.leases.url = url
        cluster = Cluster(server, storage)
        yield server, url, cluster
    storage.close()


def test_the_lobby_is_shared_and_a_join_elsewhere_is_moved_then_taken_over(pg_url):
    async def scenario():
        async with cluster_host(pg_url) as (a, a_url, a_cluster), \
                cluster_host(pg_url) as (b, b_url, b_cluster):
            host = await Client.open(a_url)
            created = await host.ok("create_match", scenario="triangle")
            match_id = created["match"]
            red = await Client.open(a_url)
            token = (await red.ok("join", match=match_id, seat="RED"))["token"]
            await a_cluster.step()   # renew, with the lobby summary
            lobby = await (await Client.open(b_url)).ok("list_matches")
            assert [m["match"] for m in lobby["matches"]] == [match_id]
            moved = await (await Client.open(b_url)).request("join", match=match_id,
                                                             seat="BLU")
            assert moved["code"] == "moved" and moved["url"] == a_url
            # A dies (its leases lapse): B takes the match over and RED finds its seat.
            expire(pg_url)
            await b_cluster.step()
            assert match_id in b.matches
            back = await (await Client.open(b_url)).ok("rejoin", match=match_id, token=token)
            assert back["seat"] == "RED"
            # A, still running, learns it lost the match and stops serving it.
            await a_cluster.step()
            assert match_id not in a.matches
            moved = await (await Client.open(a_url)).request("spectate", match=match_id)
            assert moved["code"] == "moved" and moved["url"] == b_url
            with psycopg.connect(pg_url) as db:
                (epoch,) = db.execute("SELECT epoch FROM leases WHERE match = %s",
                                      (match_id,)).fetchone()
            assert epoch == 2
    asyncio.run(scenario())


def test_the_client_and_the_bot_follow_a_moved_reply(pg_url):
    async def scenario():
        async with cluster_host(pg_url) as (a, a_url, a_cluster), \
                cluster_host(pg_url) as (b, b_url, b_cluster):
            host = await Client.open(a_url)
            match_id = (await host.ok("create_match", scenario="triangle"))["match"]
            await a_cluster.step()
            conn = await within(asyncio.to_thread(WebSocketConnection.open, b_url),
                                "the client's connection to B")
            try:
                conn.send({"type": "join", "match": match_id, "seat": "GRN"})
                joined = None
                for _ in range(int(TIMEOUT / 0.05)):
                    joined = next((m for m in conn.poll() if m.get("type") in
                                   ("joined", "error")), None)
                    if joined:
                        break
                    await asyncio.sleep(0.05)
                assert joined and joined["type"] == "joined", joined
                assert conn.url == a_url and conn.seat == "GRN"
                assert a.followers[match_id]
            finally:
                await within(asyncio.to_thread(conn.close), "the client's close")
            # The bot, pointed at B, takes BLU on A.
            bot = asyncio.create_task(run_bot(b_url, match_id, "BLU"))
            for _ in range(int(TIMEOUT / 0.05)):
                if a.matches[match_id].seats["BLU"].occupied or bot.done():
                    break
                await asyncio.sleep(0.05)
            assert not bot.done(), bot.exception() if bot.done() else None
            assert a.matches[match_id].seats["BLU"].occupied
            assert not b.followers.get(match_id)
            await cancelled(bot, "the bot")
    asyncio.run(scenario())


def free_port() -> int:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_process(pg_url: str) -> tuple[subprocess.Popen, str]:
    """``casus host --db --public-url`` in a process of its own; (process, its url)."""
    url = f"ws://127.0.0.1:{free_port()}"
    proc = subprocess.Popen([sys.executable, "-m", "game", "host", "--port", url.rsplit(":")[-1],
                             "--db", pg_url, "--public-url", url],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = proc.stdout.readline()
    assert "listening on" in line, line
    return proc, url


def test_a_killed_owner_s_match_is_taken_over_and_its_players_find_it(pg_url):
    """SIGKILL the process serving a match: the other takes it over from the log, with the
    acknowledged orders, and a client that came through the other finds its seat again."""
    a, a_url = start_process(pg_url)
    b, b_url = start_process(pg_url)
    try:
        async def prepare():
            host = await Client.open(a_url)
            listed = await host.ok("list_scenarios")
            created = await host.ok("create_match", scenario=listed["scenarios"][0])
            await host.close()
            return created
        created = asyncio.run(prepare())
        match_id = created["match"]
        seat = created["summary"]["seats"][0]["power"]
        conn = WebSocketConnection.open(b_url)   # the lobby: B sends the join to A
        conn.send({"type": "join", "match": match_id, "seat": seat})
        replies = wait_for(conn, lambda m: m.get("type") == "joined")
        assert conn.url == a_url
        turn = replies[-1]["snapshot"]["turn"]
        conn.send({"type": "chat", "channel": "public", "text": "acknowledged", "rid": "c"})
        wait_for(conn, lambda m: m.get("rid") == "c" and m.get("type") != "error")
        health = urllib.request.urlopen(a_url.replace("ws://", "http://") + "/health",
                                        timeout=TIMEOUT).read().decode()
        assert health.startswith("ok 1 matches") and "1 leases" in health
        assert f"at {a_url}" in health
        a.send_signal(signal.SIGKILL)
        a.wait(timeout=10)
        replies = wait_for(conn, lambda m: m.get("type") == "joined", seconds=30)
        assert conn.url == b_url and conn.seat == seat
        snapshot = replies[-1]["snapshot"]
        assert snapshot["turn"] == turn
        assert [m["text"] for m in snapshot["chat"]] == ["acknowledged"]
        conn.close()
    finally:
        for proc in (a, b):
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()


def wait_for(conn: WebSocketConnection, done, seconds: float = TIMEOUT) -> list[dict]:
    """Messages polled from ``conn`` until one satisfies ``done`` (asserts it comes)."""
    seen: list[dict] = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for message in conn.poll():
            seen.append(message)
            if done(message):
                return seen
        time.sleep(0.05)
    raise AssertionError(f"nothing awaited came in {seconds} s: {seen[-5:]}")


def test_a_deadline_keeps_running_on_the_process_that_takes_the_match_over(pg_url):
    async def scenario():
        async with cluster_host(pg_url) as (b, b_url, b_cluster):
            async with cluster_host(pg_url) as (a, a_url, a_cluster):
                host = await Client.open(a_url)
                created = await host.ok("create_match", scenario="triangle", deadline=1.5)
                red = await Client.open(a_url)
                token = (await red.ok("join", match=created["match"], seat="RED"))["token"]
                await red.ok("orders", orders=[{"op": "build", "territory": "R", "n": 1}])
                await red.close()
                await host.close()
            expire(pg_url)   # A is gone without a word
            await asyncio.sleep(1.6)   # its deadline passes while nobody serves the match
            await b_cluster.step()
            assert created["match"] in b.matches
            red = await Client.open(b_url)
            joined = await red.ok("rejoin", match=created["match"], token=token)
            state = joined["snapshot"]
            if state["turn"] == 1:   # B's first deadline tick may not have run yet
                state = await red.push("turn_result")
            assert state["turn"] == 2
            assert state["view"]["territories"]["R"]["forces"] == {"RED": 11}  # orders kept
            await red.close()
    asyncio.run(scenario())


def test_a_match_one_process_unloaded_is_listed_and_loaded_by_another(pg_url):
    async def scenario():
        async with cluster_host(pg_url) as (a, a_url, a_cluster), \
                cluster_host(pg_url) as (b, b_url, b_cluster):
            host = await Client.open(a_url)
            match_id = (await host.ok("create_match", scenario="triangle"))["match"]
            # A unloads it as server/residency.py would once it is over and unfollowed.
            summary = a.residency.unloaded[match_id] = a.matches.pop(match_id).summary()
            a.followers.pop(match_id)
            a.storage.set_unloaded(match_id, summary)
            a.storage.commit()
            await a_cluster.step()   # lets the lease go
            assert match_id not in a.storage.leases.held
            listed = await (await Client.open(b_url)).ok("list_matches")
            assert [m["match"] for m in listed["matches"]] == [match_id]
            await (await Client.open(b_url)).ok("spectate", match=match_id)
            assert match_id in b.matches and match_id in b.storage.leases.held
            b.outbox.flush()
            assert b.storage.unloaded() == {}
    asyncio.run(scenario())


def test_a_slow_database_holds_up_the_lease_keeper_and_not_the_host(pg_url):
    """The keeper's statements run off the event loop: while another transaction holds a
    lease row locked (a database slow to answer), the host still answers at once."""
    async def scenario():
        async with cluster_host(pg_url) as (a, a_url, a_cluster):
            host = await Client.open(a_url)
            match_id = (await host.ok("create_match", scenario="triangle"))["match"]
            blocker = psycopg.connect(pg_url)
            blocker.execute("SELECT 1 FROM leases WHERE match = %s FOR UPDATE", (match_id,))
            unblock = threading.Timer(2.0, blocker.rollback)   # bounded, loop or no loop
            unblock.start()
            try:
                started = time.monotonic()
                step = asyncio.create_task(a_cluster.step())   # its renew waits for the lock
                await asyncio.sleep(0.2)
                assert (await host.ok("ping"))["type"] == "pong"
                assert (await host.ok("list_matches"))["matches"]
                assert time.monotonic() - started < 1.5 and not step.done()
                await asyncio.wait_for(step, TIMEOUT)
            finally:
                unblock.join()
                blocker.close()
            assert a.storage.leases.held == {match_id: 1} and match_id in a.matches
            await host.close()
    asyncio.run(scenario())


def test_a_release_decided_before_a_lease_was_taken_back_misses_it(pg_url):
    """The keeper releases at the epoch it decided on; a lease taken back meanwhile (a new
    epoch) stays this process's."""
    a, b = ClusterStorage(pg_url, "ws://a:1"), ClusterStorage(pg_url, "ws://b:1")
    Match.create(triangle(), match_id="m3", now=0.0, journal=lambda e: a.append("m3", e))
    a.commit()
    assert a.leases.held == {"m3": 1}
    assert a.leases.claim(a.db, "m3") == 2              # taken back while a release was due
    a.leases.release(a.keeper_db, {"m3": 1})
    assert b.leases.owner_url(b.db, "m3") == "ws://a:1"
    assert b.leases.claim(b.db, "m3") is None           # A's, alive: B cannot take it
    a.leases.release(a.keeper_db, {"m3": 2})
    assert b.leases.owner_url(b.db, "m3") is None
    assert b.leases.claim(b.db, "m3") == 3
    assert b.leases.claim(b.db, "nowhere") is None      # no log: no lease for it
    a.close()
    b.close()


def test_a_stopped_keeper_gives_every_lease_up_at_once(pg_url):
    async def scenario():
        async with cluster_host(pg_url) as (a, a_url, a_cluster), \
                cluster_host(pg_url) as (b, b_url, b_cluster):
            a_cluster.start()
            host = await Client.open(a_url)
            match_id = (await host.ok("create_match", scenario="triangle"))["match"]
            await asyncio.sleep(0.1)
            assert b.storage.leases.owner_url(b.storage.db, match_id) == a_url
            await a_cluster.stop()
            assert a.storage.leases.held == {}
            assert b.storage.leases.owner_url(b.storage.db, match_id) is None
            await b_cluster.step()
            assert match_id in b.matches
            await host.close()
    asyncio.run(scenario())
