"""Group commit (server/outbox.py): nothing is written before the events behind it are
committed, a connection's frames keep their order, and a commit that fails loses no match:
the host puts the match back as storage has it and hangs up on whoever saw it move."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from pathlib import Path
from typing import Any

import server.outbox
from game.match import Match
from server.outbox import Outbox
from server.store_pg import PostgresStorage
from server_helpers import Client, running_server
from store_switch import location, open_location


def run(coro):
    return asyncio.run(coro)


class Recipient:
    def __init__(self, name: str) -> None:
        self.ws = name


def test_frames_are_written_after_the_commit_each_connections_in_one_write(monkeypatch):
    done: list[object] = []
    monkeypatch.setattr(server.outbox, "write", lambda ws, frames: done.append((ws, frames)))
    outbox = Outbox(lambda: done.append("commit"))
    a, b = Recipient("a"), Recipient("b")

    async def scenario():
        outbox.send([a], b"reply")
        outbox.send([a, b], b"push 1")
        outbox.send([b], b"push 2")
        assert done == []          # nothing before the loop turns
        await asyncio.sleep(0)
        await asyncio.sleep(0)
    run(scenario())
    assert done == ["commit", ("a", [b"reply", b"push 1"]), ("b", [b"push 1", b"push 2"])]


def test_a_failed_commit_writes_nothing_and_names_who_was_waiting(monkeypatch):
    written: list[object] = []
    told: list[list[object]] = []
    monkeypatch.setattr(server.outbox, "write", lambda ws, frames: written.append(ws))

    def commit() -> None:
        raise sqlite3.OperationalError("disk I/O error")

    outbox = Outbox(commit, told.append)
    a = Recipient("a")
    outbox.send([a], b"reply")   # no running loop: flushed at once
    assert written == [] and told == [[a]] and outbox.queued == {}


class FlakyStorage:
    """A store whose next commit can be made to fail: SQLite as a full disk would (or the
    store CASUS_TEST_STORE names; PostgreSQL's fails for real, its connection cut)."""

    fail_next = False

    def __init__(self, folder: Path) -> None:
        self.inner = open_location(location(folder))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def commit(self) -> None:
        if self.fail_next:
            self.fail_next = False
            if isinstance(self.inner, PostgresStorage):
                self.inner.db.close()   # the database is gone: the commit below fails
            else:
                raise sqlite3.OperationalError("database or disk is full")
        self.inner.commit()


def test_a_failed_commit_puts_the_match_back_as_stored_and_the_host_carries_on(tmp_path):
    async def scenario():
        storage = FlakyStorage(tmp_path)
        async with running_server(storage) as (server, url):
            host = await Client.open(url)
            created = await host.ok("create_match", scenario="triangle")
            match_id = created["match"]
            red, blu = await Client.open(url), await Client.open(url)
            token = (await red.ok("join", match=match_id, seat="RED"))["token"]
            await blu.ok("join", match=match_id, seat="BLU")
            await red.ok("chat", channel="public", text="kept")
            stored = len(storage.log(match_id))

            storage.fail_next = True
            await red.ws.send(b"\x83\xa4type\xa4chat\xa7channel\xa6public\xa4text\xa4lost")
            await asyncio.wait_for(red.reader, 5)
            await asyncio.wait_for(blu.reader, 5)
            assert red.ws.close_code == blu.ws.close_code == 1011
            assert red.ws.close_reason == "the server could not save; rejoin"
            assert [f for f in red.frames if f.get("type") == "ok" and f["of"] == "chat"] == \
                [{"type": "ok", "of": "chat", "rid": 2}]   # only the first was acknowledged
            assert all(f.get("text") != "lost" for f in red.frames + blu.frames)

            match = server.matches[match_id]
            assert [m.text for m in match.chat] == ["kept"]
            assert len(match.log) == stored == len(storage.log(match_id))
            assert Match.replay(storage.log(match_id)).state.hash() == match.state.hash()

            again = await Client.open(url)
            rejoined = await again.ok("rejoin", match=match_id, token=token)
            assert [m["text"] for m in rejoined["snapshot"]["chat"]] == ["kept"]
            await again.ok("chat", channel="public", text="after")
            assert [m.text for m in server.matches[match_id].chat] == ["kept", "after"]
            await again.close()
            await host.close()
        storage.close()
    run(scenario())


def test_a_match_whose_creation_was_never_committed_never_existed(tmp_path):
    async def scenario():
        storage = FlakyStorage(tmp_path)
        async with running_server(storage) as (server, url):
            client = await Client.open(url)
            storage.fail_next = True
            await client.ws.send(b"\x82\xa4type\xaccreate_match\xa8scenario\xa8triangle")
            await asyncio.wait_for(client.reader, 5)
            assert client.ws.close_code == 1011
            assert client.frames == []
            assert server.matches == {} and storage.logs() == {}
            again = await Client.open(url)
            assert (await again.ok("list_matches"))["matches"] == []
            await again.close()
        storage.close()
    run(scenario())


def test_frames_held_too_long_are_flushed_between_commands(monkeypatch):
    done: list[object] = []
    monkeypatch.setattr(server.outbox, "write", lambda ws, frames: done.append((ws, frames)))
    a = Recipient("a")

    async def scenario():
        patient = Outbox(lambda: done.append("commit"), max_hold=3600)
        patient.send([a], b"1")
        patient.flush_if_held()
        assert done == []                       # not held long enough: wait for the loop
        hasty = Outbox(lambda: done.append("commit"), max_hold=0)
        hasty.send([a], b"2")
        hasty.flush_if_held()
        assert done == ["commit", ("a", [b"2"])]
        await asyncio.sleep(0)
        assert done[2:4] == ["commit", ("a", [b"1"])]   # the patient one, at the loop's turn
    run(scenario())


class FakeProtocol:
    def __init__(self, state) -> None:
        self.state = state
        self.pending: list[bytes] = []

    def send_binary(self, frame: bytes) -> None:
        self.pending.append(b"<" + frame + b">")

    def data_to_send(self) -> list[bytes]:
        out, self.pending = self.pending, []
        return out


class FakeTransport:
    def __init__(self, unsent: int = 0) -> None:
        self.unsent = unsent
        self.written: list[bytes] = []

    def get_write_buffer_size(self) -> int:
        return self.unsent

    def write(self, data: bytes) -> None:
        self.written.append(data)


class FakeWebSocket:
    def __init__(self, state=None, unsent: int = 0) -> None:
        from websockets.protocol import State
        self.protocol = FakeProtocol(State.OPEN if state is None else state)
        self.transport = FakeTransport(unsent)
        self.send_in_progress = None
        self.closed: list[tuple[int, str]] = []

    async def close(self, code: int, reason: str) -> None:
        self.closed.append((code, reason))


def test_a_connections_frames_go_out_in_order_in_one_socket_write():
    ws = FakeWebSocket()
    server.outbox.write(ws, [b"reply", b"push"])
    assert ws.transport.written == [b"<reply><push>"]


def test_a_connection_too_far_behind_is_closed_and_sent_nothing():
    async def scenario():
        ws = FakeWebSocket(unsent=server.outbox.MAX_UNSENT_BYTES + 1)
        server.outbox.write(ws, [b"push"])
        await asyncio.sleep(0)
        assert ws.transport.written == []
        assert ws.closed == [(1008, "too slow to keep up; rejoin")]
    run(scenario())


def test_a_closing_connection_is_skipped():
    from websockets.protocol import State
    ws = FakeWebSocket(state=State.CLOSING)
    server.outbox.write(ws, [b"push"])
    assert ws.transport.written == [] and ws.protocol.pending == []


def test_the_cpu_clock_is_read_only_once_the_hold_has_passed_on_the_wall_clock(monkeypatch):
    """Reading the CPU clock is a system call: between commands, the outbox reads it only
    when the wall clock says the hold may be over."""
    reads: list[float] = []
    cpu = time.process_time
    monkeypatch.setattr(server.outbox.time, "process_time", lambda: reads.append(1) or cpu())
    monkeypatch.setattr(server.outbox, "write", lambda ws, frames: None)

    async def scenario():
        outbox = Outbox(lambda: None, max_hold=3600)
        outbox.send([Recipient("a")], b"1")
        for _ in range(100):
            outbox.flush_if_held()
        assert len(reads) == 1                  # when the first frame was queued, only
    run(scenario())
