"""How the host holds up: turn-result fan-out latency and message throughput under load.

    .venv/bin/python bench/server_load.py [--matches 100] [--seats 10] [--turns 5]
                                          [--schedule both|together|staggered]
                                          [--stagger-ms 10]
                                          [--db postgresql://…]

Starts ``casus host`` machinery in a process of its own (SQLite storage in a temporary
folder, every event committed as in production), then plays ``matches`` matches of
``seats`` websocket clients each over loopback, all at once, for ``turns`` scripted turns:
every client sends its orders and a chat message, all but one say ready, then the last one
does and the clock starts; it stops when the last client of the match has its own
``turn_result`` (one fan-out latency per match and turn).
The same clients and script then run against a bare websockets broadcast server that
acknowledges each request, relays chat and ready flags to the room and, once a room is
ready, broadcasts a turn result: the ceiling for this traffic in Python. It packs its
frames as the host does (one kept msgpack packer, game/protocol.py), so that a trick of the
host's encoding never shows as the host beating its ceiling. Its turn result is a real one,
byte for byte a frame the host sent in its run (the first seat's last), because the
clients share the machine: decoding a real 2 KB turn result costs a client about 33 µs,
a string padded to the same size 2 µs, and in a burst of 1,000 results that difference
alone is tens of milliseconds of the clients' CPU charged to the host's run.

Two schedules, each run against both servers:

- ``together``: every match starts its first turn at the same instant. Each step of the
  script is one round trip and the server serves the matches in turn, so they stay in
  lockstep and all 100 turns end in the same few milliseconds: the worst burst a host can
  meet (100 adjudications and 1,000 personal views at once), not what independent matches
  do.
- ``staggered``: match k starts its first turn ``k * stagger-ms`` later, so turns end at
  independent moments, as they do when each match waits for its own players; after that
  every client plays as fast as the server answers, as in ``together``. The default 10 ms
  spreads 100 matches over about one turn's length at this load (~1 s), so turn ends are
  spread evenly; the host and the bare server get the same schedule.

With ``--db URL`` the host also runs over that PostgreSQL database (in a schema of its own,
dropped afterwards) in the same run, after SQLite, and the bench prints PostgreSQL's figures
over SQLite's: the target is at most 1.5 times SQLite's p99 fan-out and at least 1/1.5 of
its throughput.

Targets, as ratios to the bare server measured in the same run (a machine shared with
other work moves both alike): the host's p99 fan-out at most 2.5 times the bare server's
when all turns end together and at most 2 times when staggered, and at least 0.7 of its
throughput. The bench also prints each server's CPU seconds per 1,000 delivered messages.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Iterator

import msgpack
from websockets.asyncio.client import connect
from websockets.asyncio.server import broadcast, serve

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


# --- the scenario: a ring of territories, one power per seat, nobody fighting -----------------


def ring_scenario(seats: int):
    from game.engine import build_scenario

    ids = [f"T{i}" for i in range(seats * 3)]
    territories = [{"id": t, "value": 1} for t in ids]
    edges = [[ids[i], ids[(i + 1) % len(ids)], "land"] for i in range(len(ids))]
    powers = [{"id": f"P{k}", "territories": ids[3 * k:3 * k + 3],
               "forces": {ids[3 * k]: 6}, "treasury": 100} for k in range(seats)]
    return build_scenario({"name": "ring", "territories": territories, "edges": edges},
                          {"name": "ring", "powers": powers, "max_turns": 0,
                           "rules": {"victory_share": 0.9}})


# --- the two servers, each run in its own process --------------------------------------------


async def run_host(seats: int, db: str | None = None) -> None:
    from server.app import Server, serve_until
    from server.scenarios import ScenarioShelf
    from server.storage import open_store

    with tempfile.TemporaryDirectory() as data:
        storage = open_store(db or data)
        # Every bench client shares 127.0.0.1: the per-address limits are lifted.
        server = Server(storage, ScenarioShelf({"ring": ring_scenario(seats)}),
                        creations_per_hour=10_000, max_connections=100_000,
                        max_connections_per_address=100_000)
        stop: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        await serve_until(server, "127.0.0.1", 0,
                          stop, lambda port: print(port, flush=True))


async def run_bare(payload: bytes) -> None:
    """The same scripted traffic with no game behind it: create and join rooms, acknowledge
    every request, broadcast chat and ready flags to the room, and when the whole room is
    ready broadcast ``payload``, a turn result the host sent. The ceiling for this
    traffic."""
    rooms: dict[str, set[Any]] = {}
    ready: dict[str, int] = {}
    # Frames packed by one kept packer, as the host's protocol.encode does (msgpack.packb
    # makes a packer per call, which costs more than packing a small frame): the ceiling
    # uses every trick the host uses.
    packb = msgpack.Packer(use_bin_type=True).pack

    def relay(room: str, frame: bytes) -> None:
        broadcast(rooms[room], frame)

    async def handler(ws: Any) -> None:
        room = ""
        async for frame in ws:
            message = msgpack.unpackb(frame)
            kind = message["type"]
            if kind == "create_match":
                room = f"r{len(rooms)}"
                rooms[room], ready[room] = set(), 0
                broadcast([ws], packb({"type": "match_created", "match": room,
                                       "rid": message["rid"]}))
                continue
            if kind == "join":
                room = message["match"]
                rooms[room].add(ws)
            broadcast([ws], packb({"type": "ok", "rid": message["rid"]}))
            if kind in ("chat", "ready"):
                relay(room, packb({k: v for k, v in message.items() if k != "rid"}))
            if kind == "ready":
                ready[room] += 1
                if ready[room] == len(rooms[room]):
                    ready[room] = 0
                    relay(room, payload)

    async with serve(handler, "127.0.0.1", 0, max_size=None, compression=None) as server:
        print(server.sockets[0].getsockname()[1], flush=True)
        await asyncio.get_running_loop().create_future()


# --- the clients -----------------------------------------------------------------------------


class Player:
    """One client: requests are answered in order, turn results are timed on arrival."""

    def __init__(self, ws: Any, stats: "Stats") -> None:
        self.ws = ws
        self.stats = stats
        self.replies: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self.results: asyncio.Queue[float] = asyncio.Queue()
        self.frame = b""   # the last turn result it received
        self.reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        async for frame in self.ws:
            now = time.perf_counter()
            self.stats.received += 1
            message = msgpack.unpackb(frame)
            if message.get("type") == "turn_result":
                self.frame = frame
                self.results.put_nowait(now)
            elif "rid" in message:
                self.replies.put_nowait(message)

    async def request(self, message: dict[str, Any]) -> dict[str, Any]:
        await self.ws.send(msgpack.packb({**message, "rid": 1}))
        reply = await asyncio.wait_for(self.replies.get(), 60)
        assert reply.get("type") != "error", reply
        return reply


class Stats:
    def __init__(self) -> None:
        self.latencies: list[float] = []
        self.received = 0
        self.cpu = 0.0          # CPU seconds of the server while the turns were played
        self.client_cpu = 0.0   # and of this process, which runs every client


async def play(url: str, matches: int, seats: int, turns: int, stagger: float = 0.0,
               server_pid: int = 0) -> tuple[Stats, float, bytes]:
    """Play the scripted turns against a server; the same script for the host and the bare
    one. Match k starts ``k * stagger`` seconds after the first. ``stats.cpu`` is the CPU
    time the server process spent while the turns were played."""
    stats = Stats()
    rooms = []
    for m in range(matches):
        players = [Player(await connect(url, max_size=None), stats) for _ in range(seats)]
        # Each match is created by its first player (one lobby connection creating them all
        # would run into the per-connection rate limit, as it should).
        created = await players[0].request({"type": "create_match", "scenario": "ring",
                                            "seed": m, "fog": True})
        for k, player in enumerate(players):
            await player.request({"type": "join", "match": created["match"], "seat": f"P{k}"})
        rooms.append(players)

    async def one_match(index: int, players: list[Player]) -> None:
        await asyncio.sleep(index * stagger)
        for turn in range(turns):
            for k, player in enumerate(players):
                await player.request({"type": "orders", "orders": [
                    {"op": "build", "territory": f"T{3 * k}", "n": 1}]})
                await player.request({"type": "chat", "channel": "public", "text": f"t{turn}"})
            for player in players[:-1]:
                await player.request({"type": "ready", "ready": True})
            start = time.perf_counter()
            await players[-1].ws.send(msgpack.packb({"type": "ready", "ready": True, "rid": 1}))
            arrivals = await asyncio.gather(*(p.results.get() for p in players))
            await players[-1].replies.get()
            # A turn's fan-out is done when the last of its clients has its result.
            stats.latencies.append(max(arrivals) - start)

    stats.received = 0
    cpu, own_cpu = cpu_seconds(server_pid), time.process_time()
    began = time.perf_counter()
    await asyncio.gather(*(one_match(k, players) for k, players in enumerate(rooms)))
    elapsed = time.perf_counter() - began
    stats.cpu = cpu_seconds(server_pid) - cpu
    stats.client_cpu = time.process_time() - own_cpu
    frame = rooms[0][0].frame
    for players in rooms:
        for player in players:
            await player.ws.close()
    return stats, elapsed, frame


# --- the run ---------------------------------------------------------------------------------


def start(role: str, arg: int, db: str | None = None,
          frame: bytes = b"") -> tuple[subprocess.Popen[str], str]:
    """One server in a process of its own: the host (``arg`` seats a match) or the bare
    server (broadcasting ``frame`` as the turn result, given on its standard input)."""
    proc = subprocess.Popen([sys.executable, __file__, "--role", role, "--arg", str(arg),
                             *(["--db", db] if db else [])],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(frame)
    proc.stdin.close()
    port = proc.stdout.readline().decode().strip()
    return proc, f"ws://127.0.0.1:{port}"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def cpu_seconds(pid: int) -> float:
    """CPU seconds (user + system) a process has used so far, from /proc (Linux); a figure
    other work on the machine disturbs much less than the wall-clock ones. NaN elsewhere."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def line(name: str, stats: Stats, elapsed: float) -> float:
    rate = stats.received / elapsed
    print(f"  {name:<10} fan-out p50 {1000 * statistics.median(stats.latencies):7.1f} ms   "
          f"p99 {1000 * percentile(stats.latencies, 0.99):7.1f} ms   "
          f"{rate:9.0f} messages/s   ({stats.received} messages in {elapsed:.1f} s; "
          f"CPU: server {stats.cpu:.1f} s, clients {stats.client_cpu:.1f} s)", flush=True)
    return rate


def measure(schedule: str, args: argparse.Namespace) -> None:
    """One schedule against the host, then against the bare server; prints both."""
    stagger = args.stagger_ms / 1000 if schedule == "staggered" else 0.0
    print(f"{schedule}: " + ("every match starts at once, so all turns end together"
                             if not stagger else
                             f"match k starts k × {args.stagger_ms:g} ms later"), flush=True)
    host, url = start("host", args.seats)
    try:
        stats, elapsed, frame = asyncio.run(play(url, args.matches, args.seats, args.turns,
                                                stagger, host.pid))
    finally:
        host.terminate()
        host.wait()
    host_rate = line("casus host", stats, elapsed)
    host_p99 = percentile(stats.latencies, 0.99)
    if args.db:
        with fresh_schema(args.db) as db:
            pg, url = start("host", args.seats, db)
            try:
                pg_stats, pg_elapsed, _ = asyncio.run(play(url, args.matches, args.seats,
                                                           args.turns, stagger, pg.pid))
            finally:
                pg.terminate()
                pg.wait()
        pg_rate = line("postgresql", pg_stats, pg_elapsed)
        pg_p99 = percentile(pg_stats.latencies, 0.99) / host_p99
        pg_throughput = pg_rate / host_rate
        met = pg_p99 <= 1.5 and pg_throughput >= 1 / 1.5
        print(f"  PostgreSQL / SQLite: p99 {pg_p99:.2f}, throughput {pg_throughput:.2f} "
              f"(target within 1.5x: {'met' if met else 'NOT met'}); CPU seconds per 1,000 "
              f"messages {1000 * pg_stats.cpu / pg_stats.received:.3f}", flush=True)
    bare, url = start("bare", args.seats, frame=frame)
    try:
        bare_stats, bare_elapsed, _ = asyncio.run(play(url, args.matches, args.seats,
                                                       args.turns, stagger, bare.pid))
    finally:
        bare.terminate()
        bare.wait()
    bare_rate = line("bare", bare_stats, bare_elapsed)
    ratio = host_rate / bare_rate
    p99_ratio = host_p99 / percentile(bare_stats.latencies, 0.99)
    p99_target = 2.5 if schedule == "together" else 2.0
    print(f"  turn_result frame: {len(frame)} bytes (the bare server sends one of the "
          "host's)", flush=True)
    print(f"  host p99 / bare p99 {p99_ratio:.2f} (target ≤ {p99_target:g}: "
          f"{'met' if p99_ratio <= p99_target else 'NOT met'}); host/bare throughput "
          f"{ratio:.2f} (target ≥ 0.7: {'met' if ratio >= 0.7 else 'NOT met'})", flush=True)
    print(f"  CPU seconds per 1,000 delivered messages: host "
          f"{1000 * stats.cpu / stats.received:.3f}, bare "
          f"{1000 * bare_stats.cpu / bare_stats.received:.3f}", flush=True)


@contextlib.contextmanager
def fresh_schema(url: str) -> Iterator[str]:
    """The URL of a new schema in the database at ``url``, dropped afterwards."""
    import uuid

    import psycopg

    schema = "bench_" + uuid.uuid4().hex[:10]
    with psycopg.connect(url, autocommit=True) as db:
        db.execute(f"CREATE SCHEMA {schema}")
    try:
        yield f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(url, autocommit=True) as db:
            db.execute(f"DROP SCHEMA {schema} CASCADE")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--matches", type=int, default=100)
    parser.add_argument("--seats", type=int, default=10)
    parser.add_argument("--turns", type=int, default=5)
    parser.add_argument("--schedule", choices=["both", "together", "staggered"],
                        default="both", help="when the matches start (see above)")
    parser.add_argument("--stagger-ms", type=float, default=10.0,
                        help="delay between the starts of consecutive matches when staggered")
    parser.add_argument("--db", metavar="URL",
                        help="also run the host over this PostgreSQL database and compare")
    parser.add_argument("--role", choices=["host", "bare"], help=argparse.SUPPRESS)
    parser.add_argument("--arg", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.role == "host":
        asyncio.run(run_host(args.arg, args.db))
        return 0
    if args.role == "bare":
        asyncio.run(run_bare(sys.stdin.buffer.read()))
        return 0

    clients = args.matches * args.seats
    print(f"{clients} clients in {args.matches} matches of {args.seats}, {args.turns} turns")
    for schedule in ("together", "staggered"):
        if args.schedule in (schedule, "both"):
            measure(schedule, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
