"""The host under hostile load, on loopback: what each attack of an outside client costs it.

    .venv/bin/python bench/hostile.py [--spectators 50] [--turns 300] [--connections 600]
                                      [--flooders 20] [--seeded-chat 7600]

Starts ``casus host`` machinery in a process of its own with its default limits (SQLite in a
temporary folder), then runs four attacks one after the other, each bounded in time:

1. **Slow spectators**: three players play ``--turns`` turns of a busy match (15 a second)
   while ``--spectators`` spectators never read a byte (their sockets stop reading after
   the join, with a 4 KB receive buffer); the same is played first with nobody watching.
   Prints the host's peak resident memory growth in each (sampled every 50 ms), their
   difference (what the spectators cost) and how many spectators the host dropped.
2. **Connections from one address**: ``--connections`` connections opened at once from
   127.0.0.3; prints how many the host kept.
3. **Chat flood**: one seat's token on ``--flooders`` connections from 127.0.0.4, each
   sending 2,000-character chat messages as fast as it can for 3 s; prints how many the
   host accepted against what the seat's chat rate allows.
4. **A new spectator after a flood**: the host starts with a match holding
   ``--seeded-chat`` public messages of 2,000 characters (15 MB, what the flood of the
   original report left behind); prints the size of a new spectator's first snapshot.

All through, a fresh client on 127.0.0.2 pings the host every 0.25 s; the longest round
trip during each attack is printed. Targets: memory growth under 150 MB, the connections
cut to the per-address cap, the flood held to the seat's rate, the snapshot under 2 MB,
every ping answered within 2 s.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import msgpack
from websockets.asyncio.client import ClientConnection, connect

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

PING_FROM = "127.0.0.2"
CONNECTIONS_FROM = "127.0.0.3"
FLOOD_FROM = "127.0.0.4"
MB = 1024 * 1024
TURN_SECONDS = 1 / 15   # a turn at most this often: a player's ready stays within its rate


def encode(message: dict[str, Any]) -> bytes:
    return msgpack.packb(message, use_bin_type=True)


def decode(frame: bytes) -> dict[str, Any]:
    return msgpack.unpackb(frame, raw=False)


# --- the host, in its own process ------------------------------------------------------------


def busy_scenario():
    """A ring of 1,500 territories for three powers, so that every turn result is large."""
    from game.engine import build_scenario

    ids = [f"T{i}" for i in range(1500)]
    territories = [{"id": t, "value": 1} for t in ids]
    edges = [[ids[i], ids[(i + 1) % len(ids)], "land"] for i in range(len(ids))]
    powers = [{"id": f"P{k}", "territories": ids[500 * k:500 * k + 500],
               "forces": {t: 3 for t in ids[500 * k:500 * k + 500]}, "treasury": 100}
              for k in range(3)]
    return build_scenario({"name": "ring", "territories": territories, "edges": edges},
                          {"name": "ring", "powers": powers, "max_turns": 0,
                           "rules": {"victory_share": 0.9}})


async def run_host(seeded_chat: int) -> None:
    from game.match import Match, MatchSettings
    from server.app import Server, serve_until
    from server.scenarios import ScenarioShelf
    from server.storage import SQLiteStorage

    with tempfile.TemporaryDirectory() as data:
        storage = SQLiteStorage(data)
        server = Server(storage, ScenarioShelf({"ring": busy_scenario()}), bots=None)
        # The match an earlier flood left behind: its log holds every message.
        match, _ = Match.create(busy_scenario(), match_id="flooded", now=time.time(),
                                settings=MatchSettings(), journal=server._journal("flooded"))
        match.join("P0", time.time())
        text = "x" * 2000
        for i in range(seeded_chat):
            match.send_chat("P0", "public", f"{i} {text}"[:2000], time.time())
        storage.commit()
        server.matches["flooded"] = match
        server.followers["flooded"] = set()
        stop: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        await serve_until(server, "127.0.0.1", 0, stop, lambda port: print(port, flush=True))


def memory(pid: int, field: str) -> float:
    """A memory figure of a process from /proc (MB): VmRSS now, or VmHWM, its peak."""
    for row in Path(f"/proc/{pid}/status").read_text().splitlines():
        if row.startswith(field + ":"):
            return int(row.split()[1]) / 1024
    return float("nan")


# --- clients ---------------------------------------------------------------------------------


class Client:
    """One connection; replies by rid, pushes counted by type."""

    def __init__(self, ws: ClientConnection) -> None:
        self.ws = ws
        self.rids = itertools.count(1)
        self.pending: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self.results: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self.result_bytes = 0
        self.reader = asyncio.create_task(self._read())

    @classmethod
    async def open(cls, url: str, source: str = "127.0.0.1",
                   receive_buffer: int | None = None) -> "Client":
        """A connection from ``source``; ``receive_buffer`` shrinks its socket's receive
        buffer (a client on a slow link), so what it does not read piles up at the host."""
        if receive_buffer is None:
            return cls(await connect(url, max_size=None, local_addr=(source, 0)))
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, receive_buffer)
        sock.bind((source, 0))
        sock.setblocking(False)
        parts = urlsplit(url)
        await asyncio.get_running_loop().sock_connect(sock, (parts.hostname, parts.port))
        return cls(await connect(url, max_size=None, sock=sock))

    async def _read(self) -> None:
        with contextlib.suppress(Exception):
            async for frame in self.ws:
                message = decode(frame)
                future = self.pending.pop(message.get("rid"), None)
                if future is not None and not future.done():
                    future.set_result(message)
                elif message.get("type") == "turn_result":
                    self.result_bytes = len(frame)
                    self.results.put_nowait(message)
        for future in self.pending.values():   # the host hung up: no answer will come
            if not future.done():
                future.set_exception(ConnectionError("the host closed the connection"))

    async def request(self, type_: str, **fields: Any) -> dict[str, Any]:
        rid = next(self.rids)
        future = asyncio.get_running_loop().create_future()
        self.pending[rid] = future
        await self.ws.send(encode({"type": type_, "rid": rid, **fields}))
        return await asyncio.wait_for(future, 30)

    async def close(self) -> None:
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self.ws.close(), 2)
        self.reader.cancel()


class Pinger:
    """A fresh client pinging all the time: the longest round trip since ``reset``."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.longest = 0.0
        self.failed = 0
        self.pings = 0
        self.task: asyncio.Task[None] | None = None

    def reset(self) -> None:
        self.longest, self.failed, self.pings = 0.0, 0, 0

    async def run(self) -> None:
        while True:
            began = time.perf_counter()
            try:
                client = await asyncio.wait_for(Client.open(self.url, PING_FROM), 5)
                await client.request("ping")
                await client.close()
            except Exception:
                self.failed += 1
            self.pings += 1
            self.longest = max(self.longest, time.perf_counter() - began)
            await asyncio.sleep(0.25)


# --- the attacks -----------------------------------------------------------------------------


async def busy_match(url: str, pid: int, turns: int, spectators: int
                     ) -> tuple[float, int, int]:
    """Play ``turns`` turns of a new busy match followed by ``spectators`` spectators that
    never read; returns the host's peak memory growth meanwhile (MB, sampled every 50 ms),
    the size of a turn result and the connections the host holds at the end."""
    lead = await Client.open(url)
    created = await lead.request("create_match", scenario="ring", fog=False)
    match = created["match"]
    players = [await Client.open(url) for _ in range(3)]
    for k, player in enumerate(players):
        await player.request("join", match=match, seat=f"P{k}")
    watchers = []
    for _ in range(spectators):
        watcher = await Client.open(url, receive_buffer=4096)
        await watcher.request("spectate", match=match)
        watcher.reader.cancel()
        watcher.ws.transport.pause_reading()   # from now on it reads nothing
        watchers.append(watcher)
    before = peak = memory(pid, "VmRSS")

    async def sample() -> None:
        nonlocal peak
        while True:
            peak = max(peak, memory(pid, "VmRSS"))
            await asyncio.sleep(0.05)
    sampler = asyncio.create_task(sample())
    for _ in range(turns):
        pace = asyncio.create_task(asyncio.sleep(TURN_SECONDS))
        for player in players:
            reply = await player.request("ready", ready=True)
            assert reply["type"] != "error", reply
        for player in players:
            await asyncio.wait_for(player.results.get(), 30)
        await pace
    await asyncio.sleep(1.5)   # the host cuts the dropped ones a second after closing them
    sampler.cancel()
    held = connections(url)
    for client in [lead, *players, *watchers]:
        with contextlib.suppress(Exception):
            client.ws.transport.abort()
    await asyncio.sleep(0.5)
    return peak - before, players[0].result_bytes, held - 4   # less the lead and players


def connections(url: str) -> int:
    """The connections the host holds, from its health check (less the pinger's, if any)."""
    parts = urlsplit(url)
    with urllib.request.urlopen(f"http://{parts.hostname}:{parts.port}/health",
                                timeout=5) as answer:
        return int(answer.read().decode().split()[3])


async def slow_spectators(url: str, pid: int, spectators: int, turns: int) -> None:
    alone, size, _ = await busy_match(url, pid, turns, 0)
    watched, _, held = await busy_match(url, pid, turns, spectators)
    print(f"1. slow spectators: {turns} turns of a busy match (turn results of "
          f"{size / 1024:.0f} KB): host memory +{alone:.0f} MB with nobody watching (the "
          f"match's own history), +{watched:.0f} MB with {spectators} spectators that never "
          f"read; their cost {watched - alone:.0f} MB (target < 150); "
          f"{spectators - held} of them dropped", flush=True)


async def many_connections(url: str, count: int) -> None:
    async def one() -> ClientConnection | None:
        with contextlib.suppress(Exception):
            return await connect(url, local_addr=(CONNECTIONS_FROM, 0), open_timeout=20)
        return None
    opened = await asyncio.gather(*(one() for _ in range(count)))
    await asyncio.sleep(1.0)
    kept = [ws for ws in opened if ws is not None and ws.close_code is None]
    codes: dict[Any, int] = {}
    for ws in opened:
        if ws is not None and ws.close_code is not None:
            codes[ws.close_code] = codes.get(ws.close_code, 0) + 1
    from server.limits import MAX_CONNECTIONS_PER_ADDRESS
    print(f"2. connections from one address: {count} opened, {len(kept)} kept (cap "
          f"{MAX_CONNECTIONS_PER_ADDRESS}), closed with {codes}", flush=True)
    for ws in opened:
        if ws is not None:
            ws.transport.abort()


async def chat_flood(url: str, flooders: int) -> None:
    from server.limits import CHAT_BURST, CHAT_RATE
    lead = await Client.open(url, FLOOD_FROM)
    created = await lead.request("create_match", scenario="ring")
    joined = await lead.request("join", match=created["match"], seat="P0")
    clients = [await Client.open(url, FLOOD_FROM) for _ in range(flooders)]
    admitted = []
    for client in clients:
        reply = await client.request("rejoin", match=created["match"], token=joined["token"])
        if reply["type"] == "joined":
            admitted.append(client)
    text = "y" * 2000
    accepted = 0
    seconds = 3.0

    async def flood(client: Client) -> None:
        nonlocal accepted
        end = time.perf_counter() + seconds
        with contextlib.suppress(Exception):
            while time.perf_counter() < end:
                reply = await client.request("chat", channel="public", text=text)
                accepted += reply["type"] == "ok"
    began = time.perf_counter()
    await asyncio.gather(*(flood(c) for c in [lead, *admitted]))
    took = time.perf_counter() - began
    allowed = CHAT_BURST + CHAT_RATE * took
    print(f"3. chat flood: one seat's token on {flooders + 1} connections, "
          f"{len(admitted) + 1} admitted; {accepted} messages accepted in {took:.1f} s "
          f"(the seat's rate allows {allowed:.0f})", flush=True)
    for client in [lead, *clients]:
        client.ws.transport.abort()


async def first_snapshot(url: str, seeded: int) -> None:
    ws = await connect(url, max_size=None)
    began = time.perf_counter()
    await ws.send(encode({"type": "spectate", "rid": 1, "match": "flooded"}))
    frame = await asyncio.wait_for(ws.recv(), 30)
    took = time.perf_counter() - began
    reply = decode(frame)
    print(f"4. a new spectator after a flood of {seeded} messages: first snapshot "
          f"{len(frame) / MB:.2f} MB (target < 2), {len(reply['snapshot']['chat'])} chat "
          f"messages, in {1000 * took:.0f} ms", flush=True)
    await ws.close()


async def attack(args: argparse.Namespace, url: str, pid: int) -> None:
    pinger = Pinger(url)
    pinger.task = asyncio.create_task(pinger.run())
    steps = [("slow spectators", slow_spectators(url, pid, args.spectators, args.turns)),
             ("connections", many_connections(url, args.connections)),
             ("chat flood", chat_flood(url, args.flooders)),
             ("first snapshot", first_snapshot(url, args.seeded_chat))]
    for name, step in steps:
        pinger.reset()
        await step
        while pinger.pings < 2:   # at least one ping that began during the attack
            await asyncio.sleep(0.05)
        print(f"   fresh client's longest ping during it: {pinger.longest * 1000:.0f} ms "
              f"(target < 2000), {pinger.pings} pings, {pinger.failed} failed", flush=True)
    pinger.task.cancel()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--spectators", type=int, default=50)
    parser.add_argument("--turns", type=int, default=300)
    parser.add_argument("--connections", type=int, default=600)
    parser.add_argument("--flooders", type=int, default=20)
    parser.add_argument("--seeded-chat", type=int, default=7600)
    parser.add_argument("--role", choices=["host"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.role == "host":
        asyncio.run(run_host(args.seeded_chat))
        return 0
    host = subprocess.Popen([sys.executable, __file__, "--role", "host",
                             "--seeded-chat", str(args.seeded_chat)],
                            stdout=subprocess.PIPE, text=True)
    try:
        port = host.stdout.readline().strip()
        url = f"ws://127.0.0.1:{port}"
        print(f"host {url} (pid {host.pid}), {memory(host.pid, 'VmRSS'):.0f} MB", flush=True)
        asyncio.run(asyncio.wait_for(attack(args, url, host.pid), 600))
    finally:
        host.terminate()
        host.wait(10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
