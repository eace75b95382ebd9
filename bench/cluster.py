"""Fail-over of a cluster: several host processes over one PostgreSQL, one killed mid-turn.

    .venv/bin/python bench/cluster.py [--hosts 3] [--matches 30] [--seats 10] [--turns 3]
                                      [--db postgresql://…]

Starts ``hosts`` host processes on loopback over one database (``--db``, in a schema of its
own dropped afterwards; without it a throwaway cluster made by tests/pg_cluster.py), each
serving the bench's ring scenario as ``casus host --db --public-url`` does. ``matches``
matches of ``seats`` clients each: match k is created on host k mod N, and its clients come
in through the next host (their lobby), which sends them on with a ``moved`` reply. Every
client plays ``turns`` turns: a public chat line (unique, so the log can be searched for
it), orders, ready. Halfway through the second turn the first host is killed with SIGKILL.

Its clients lose their connections, go back to their lobby, which sends them to whichever
process took their match over once the dead host's leases expired; they rejoin with their
seat tokens and play on, sending again every command that was not acknowledged. The bench
prints:

- how long each affected client took from the kill to be back in its match (target: all
  within 10 s);
- the acknowledged chat lines missing from the logs (target: 0);
- for every match, the hash of a single-process replay of its log, and whether every
  client's last view (from a turn result or a rejoin) is that replay's view of its seat
  (target: every match the same).

The clients here speak the protocol directly (as bench/server_load.py's do) and follow
``moved`` replies and fall back to their lobby as game/client/net.py and casus bot do
(tests/host/test_server_cluster.py runs those two against real processes). Exit status 1 when a
target is missed.
"""

from __future__ import annotations

import argparse
import asyncio
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import msgpack
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))

REPLY_TIMEOUT = 20.0
RECOVERY_TARGET = 10.0   # seconds from the kill to every affected client back in its match


# --- a host process ----------------------------------------------------------------------------


async def run_host(db: str, port: int, seats: int) -> None:
    from server_load import ring_scenario

    from server.app import Server, serve_until
    from server.cluster import Cluster, ClusterStorage
    from server.scenarios import ScenarioShelf

    url = f"ws://127.0.0.1:{port}"
    storage = ClusterStorage(db, url)
    # Every bench client shares 127.0.0.1: the per-address limits are lifted.
    server = Server(storage, ScenarioShelf({"ring": ring_scenario(seats)}),
                    creations_per_hour=10_000, max_connections=100_000,
                    max_connections_per_address=100_000)
    cluster = Cluster(server, storage)
    loop = asyncio.get_running_loop()
    stop: asyncio.Future[None] = loop.create_future()
    loop.add_signal_handler(signal.SIGTERM, lambda: stop.done() or stop.set_result(None))
    cluster.start()
    await serve_until(server, "127.0.0.1", port, stop, lambda p: print(p, flush=True))
    await cluster.stop()
    storage.close()


# --- a client ----------------------------------------------------------------------------------


class Lost(Exception):
    """The connection went while a request waited for its reply."""


class Player:
    """One seat's client: joins through its lobby, follows ``moved``, rejoins after a loss."""

    def __init__(self, lobby: str, match: str, seat: str) -> None:
        self.lobby = self.url = lobby
        self.match, self.seat = match, seat
        self.token: str | None = None
        self.ws: Any = None
        self.turn = 0
        self.view: Any = None
        self.rid = 0
        self.replies: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self.turned = asyncio.Event()
        self.lost_at: float | None = None   # when its connection went, if it did
        self.back_at: float | None = None   # when it had its seat again after that
        self.moves = 0

    async def take_seat(self) -> None:
        """Connect and join (or rejoin), following ``moved`` replies; bounded."""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                ws = await asyncio.wait_for(connect(self.url, max_size=None), 5)
            except (OSError, asyncio.TimeoutError, InvalidHandshake):
                self.url = self.lobby   # its process is gone: the lobby knows where it went
                await asyncio.sleep(0.2)
                continue
            request = ({"type": "rejoin", "match": self.match, "token": self.token}
                       if self.token else {"type": "join", "match": self.match,
                                           "seat": self.seat})
            try:
                await ws.send(msgpack.packb({**request, "rid": 0}))
                while True:
                    reply = msgpack.unpackb(await asyncio.wait_for(ws.recv(), REPLY_TIMEOUT))
                    if reply.get("rid") == 0:
                        break
            except (ConnectionClosed, asyncio.TimeoutError, OSError):
                await ws.close()
                self.url = self.lobby
                await asyncio.sleep(0.2)
                continue
            if reply.get("code") == "moved":
                await ws.close()
                self.url, self.moves = reply["url"], self.moves + 1
                continue
            if reply.get("type") != "joined":
                await ws.close()
                raise RuntimeError(f"{self.match}/{self.seat}: {reply}")
            self.token = self.token or reply["token"]
            snapshot = reply["snapshot"]
            self._saw(snapshot["turn"], snapshot["view"])
            self.ws = ws
            asyncio.create_task(self._read(ws))
            if self.lost_at is not None and self.back_at is None:
                self.back_at = time.monotonic()
            return
        raise RuntimeError(f"{self.match}/{self.seat}: no seat within 60 s")

    def _saw(self, turn: int, view: Any) -> None:
        self.view = view
        if turn != self.turn:
            self.turn = turn
            self.turned.set()

    async def _read(self, ws: Any) -> None:
        try:
            async for frame in ws:
                message = msgpack.unpackb(frame)
                if message.get("type") == "turn_result":
                    self._saw(message["turn"], message["view"])
                future = self.replies.pop(message.get("rid"), None)
                if future is not None and not future.done():
                    future.set_result(message)
        except (ConnectionClosed, OSError):
            pass
        if ws is self.ws:
            self.ws = None
            if self.lost_at is None:
                self.lost_at = time.monotonic()
            for future in self.replies.values():
                if not future.done():
                    future.set_exception(Lost())
            self.replies.clear()

    async def request(self, message: dict[str, Any], turn: int) -> dict[str, Any] | None:
        """The reply to ``message``, sent again after a reconnect until acknowledged; None
        when the match has moved past ``turn`` meanwhile (the command is moot)."""
        while True:
            if self.ws is None:
                await self.take_seat()
            if self.turn > turn:
                return None
            self.rid += 1
            future = asyncio.get_running_loop().create_future()
            self.replies[self.rid] = future
            try:
                await self.ws.send(msgpack.packb({**message, "rid": self.rid}))
                return await asyncio.wait_for(future, REPLY_TIMEOUT)
            except (Lost, ConnectionClosed, AttributeError):
                self.ws = None
                self.replies.pop(self.rid, None)
                if future.done():
                    future.exception()   # retrieved: the loss is handled here
                else:
                    future.cancel()

    async def wait_turn(self, turn: int) -> None:
        deadline = time.monotonic() + 60
        while self.turn < turn and time.monotonic() < deadline:
            self.turned.clear()
            if self.ws is None:
                await self.take_seat()
                continue
            try:
                await asyncio.wait_for(self.turned.wait(), 1.0)
            except asyncio.TimeoutError:
                pass
        if self.turn < turn:
            raise RuntimeError(f"{self.match}/{self.seat}: turn {turn} never came")


# --- the run -----------------------------------------------------------------------------------


def start_host(db: str, seats: int) -> tuple[subprocess.Popen[str], str]:
    from pg_cluster import _free_port

    port = _free_port()
    proc = subprocess.Popen([sys.executable, __file__, "--role", "host", "--db", db,
                             "--port", str(port), "--seats", str(seats)],
                            stdout=subprocess.PIPE, text=True)
    line = proc.stdout.readline().strip()
    if not line.isdigit():
        raise RuntimeError(f"a host did not start ({line!r})")
    return proc, f"ws://127.0.0.1:{port}"


async def play(args: argparse.Namespace, hosts: list[tuple[subprocess.Popen[str], str]]
               ) -> tuple[list[list[Player]], dict[str, set[str]], float, str]:
    """Every match played; returns the players, the acknowledged chat lines per match, the
    moment of the kill and the killed host's url."""
    urls = [url for _, url in hosts]
    rooms: list[list[Player]] = []
    for k in range(args.matches):
        owner, lobby = urls[k % len(urls)], urls[(k + 1) % len(urls)]
        async with connect(owner, max_size=None) as ws:
            await ws.send(msgpack.packb({"type": "create_match", "scenario": "ring",
                                         "seed": k, "rid": 1}))
            created = msgpack.unpackb(await ws.recv())
        assert created.get("type") == "match_created", created
        players = [Player(lobby, created["match"], f"P{s}") for s in range(args.seats)]
        await asyncio.gather(*(p.take_seat() for p in players))
        rooms.append(players)
    acknowledged: dict[str, set[str]] = {p[0].match: set() for p in rooms}
    first_turn = rooms[0][0].turn
    chats_in_turn = [0] * args.turns
    killed = asyncio.get_running_loop().create_future()

    async def seat_plays(player: Player, index: int) -> None:
        for t in range(args.turns):
            turn = first_turn + t
            await player.wait_turn(turn)
            if player.turn > turn:
                continue
            text = f"{player.match} {player.seat} turn {turn}"
            reply = await player.request({"type": "chat", "channel": "public", "text": text},
                                         turn)
            if reply is not None and reply.get("type") != "error":
                acknowledged[player.match].add(text)
                chats_in_turn[t] += 1
            if t == 1 and not killed.done():
                await asyncio.sleep(0)   # let the killer look
            await player.request({"type": "orders", "orders": [
                {"op": "build", "territory": f"T{3 * index}", "n": 1}]}, turn)
            await player.request({"type": "ready", "ready": True}, turn)
        await player.wait_turn(first_turn + args.turns)

    async def killer() -> None:
        clients = args.matches * args.seats
        while chats_in_turn[1] < clients // 2:
            await asyncio.sleep(0.005)
        hosts[0][0].send_signal(signal.SIGKILL)
        killed.set_result(time.monotonic())
        print(f"SIGKILL {urls[0]} with {chats_in_turn[1]} of {clients} clients past their "
              "second turn's chat", flush=True)

    killing = asyncio.create_task(killer())
    await asyncio.gather(*(seat_plays(p, s) for players in rooms
                           for s, p in enumerate(players)))
    await killing
    for players in rooms:
        for player in players:
            ws, player.ws = player.ws, None   # a goodbye, not a loss
            if ws is not None:
                await ws.close()
    return rooms, acknowledged, killed.result(), urls[0]


def check(db: str, rooms: list[list[Player]], acknowledged: dict[str, set[str]]) -> int:
    """Missing acknowledged lines and matches whose views differ from a replay; prints a
    line per match."""
    from game import protocol
    from game.engine.state import state_hash
    from game.match import Match
    from game.match.match import seat_view
    from server.store_pg import PostgresStorage

    storage = PostgresStorage(db)
    failures = 0
    missing_total = 0
    for players in rooms:
        match_id = players[0].match
        events = storage.log(match_id)
        match = Match.replay(events)
        logged = {e["text"] for e in events if e.get("type") == "chat"}
        missing = acknowledged[match_id] - logged
        missing_total += len(missing)
        same = all(protocol.decode_raw(protocol.encode(
            {"v": seat_view(match.state, p.seat, match.aliases)}))["v"] == p.view
            for p in players)
        failures += bool(missing) or not same
        print(f"  {match_id}: turn {match.turn}, replay hash {state_hash(match.state)[:16]}, "
              f"views {'same' if same else 'DIFFER'}, {len(acknowledged[match_id])} "
              f"acknowledged chat lines, {len(missing)} missing", flush=True)
    storage.close()
    print(f"acknowledged commands lost: {missing_total} (target 0)")
    return failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--hosts", type=int, default=3)
    parser.add_argument("--matches", type=int, default=30)
    parser.add_argument("--seats", type=int, default=10)
    parser.add_argument("--turns", type=int, default=3)
    parser.add_argument("--db", metavar="URL", help="a PostgreSQL server to use "
                        "(default: a throwaway cluster)")
    parser.add_argument("--role", choices=["host"], help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.role == "host":
        asyncio.run(run_host(args.db, args.port, args.seats))
        return 0
    if args.hosts < 2 or args.turns < 2:
        parser.error("the bench needs at least 2 hosts and 2 turns")

    import pg_cluster
    from server_load import fresh_schema

    folder = None
    server = args.db
    if server is None:
        folder = Path(tempfile.mkdtemp(prefix="casus-bench-pg-"))
        server = pg_cluster.start(folder)
    hosts: list[tuple[subprocess.Popen[str], str]] = []
    try:
        with fresh_schema(server) as db:
            hosts = [start_host(db, args.seats) for _ in range(args.hosts)]
            print(f"{args.hosts} host processes, {args.matches * args.seats} clients in "
                  f"{args.matches} matches of {args.seats}, {args.turns} turns", flush=True)
            began = time.monotonic()
            rooms, acknowledged, kill_at, killed_url = asyncio.run(play(args, hosts))
            print(f"played in {time.monotonic() - began:.1f} s", flush=True)
            for proc, _ in hosts[1:]:
                proc.terminate()
                proc.wait(timeout=30)
            affected = [p for players in rooms for p in players
                        if p.lost_at is not None and p.lost_at >= kill_at - 0.5]
            waits = [p.back_at - kill_at for p in affected if p.back_at is not None]
            stranded = len(affected) - len(waits)
            worst = max(waits) if waits else float("nan")
            print(f"clients whose connection went with {killed_url}: {len(affected)}; back "
                  f"in their match after the kill: median "
                  f"{statistics.median(waits) if waits else float('nan'):.2f} s, max "
                  f"{worst:.2f} s (target ≤ {RECOVERY_TARGET:g} s); never back: {stranded}",
                  flush=True)
            failures = check(db, rooms, acknowledged)
            met = (failures == 0 and stranded == 0 and affected
                   and worst <= RECOVERY_TARGET)
            print(f"targets {'met' if met else 'NOT met'}")
            return 0 if met else 1
    finally:
        for proc, _ in hosts:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        if folder is not None:
            pg_cluster.stop(folder)
            import shutil
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
