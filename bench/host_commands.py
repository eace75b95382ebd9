"""What each command of bench/server_load.py's script costs the host in CPU, in-process:
the whole of ``Server.receive`` (decode, checks, the match, the journal into SQLite, the
fan-out and the packing of every frame, the group commit) with the sockets left out.

    .venv/bin/python bench/host_commands.py [--matches 40] [--rounds 7]

Each round opens ``matches`` matches of 10 seats on the 30-territory ring (fog on) and
plays three turns of the script: every seat sends its orders, then a chat line, nine say
ready, then the tenth ends the turn. Prints, per kind, the smallest over the rounds of the
CPU time per command (``turn end`` is the last ready, adjudication and every seat's turn
result included): the smallest, because other work on the machine only ever adds. What a
socket write costs is left to bench/server_load.py, which runs the same script over
loopback.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import msgpack

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import server.outbox  # noqa: E402
from game.protocol import RateLimit  # noqa: E402
from server.app import Connection, Server  # noqa: E402
from server.scenarios import ScenarioShelf  # noqa: E402
from server.storage import open_store  # noqa: E402
from server_load import ring_scenario  # noqa: E402

SEATS = 10
TURNS = 3
KINDS = ("orders", "chat", "ready", "turn end")


class Socketless:
    """A connection's websocket with nothing behind it (the outbox's writes are left out)."""


def frames(kind: str, turn: int) -> list[bytes]:
    """The frame each seat sends for one step of the script."""
    def one(k: int) -> dict[str, Any]:
        if kind == "orders":
            return {"type": "orders", "orders": [{"op": "build", "territory": f"T{3 * k}",
                                                  "n": 1}]}
        if kind == "chat":
            return {"type": "chat", "channel": "public", "text": f"t{turn}"}
        return {"type": "ready", "ready": True}
    return [msgpack.packb({**one(k), "rid": 1}) for k in range(SEATS)]


async def one_round(server: Server, matches: int, best: dict[str, float]) -> None:
    loop = asyncio.get_running_loop()
    rooms = []
    for m in range(matches):
        seats = [Connection(Socketless(), RateLimit(loop.time()), server.outbox, "bench")
                 for _ in range(SEATS)]   # type: ignore[arg-type]
        for conn in seats:
            conn.limit.allow = lambda now: True   # the script is faster than the rate
        server.receive(seats[0], msgpack.packb({"type": "create_match", "scenario": "ring",
                                                "seed": m, "fog": True, "rid": 1}))
        match_id = list(server.matches)[-1]
        for k, conn in enumerate(seats):
            server.receive(conn, msgpack.packb({"type": "join", "match": match_id,
                                                "seat": f"P{k}", "rid": 1}))
        server.outbox.flush()
        rooms.append(seats)
    for turn in range(TURNS):
        for kind in KINDS:
            sent = frames("ready" if kind == "turn end" else kind, turn)
            who = ([SEATS - 1] if kind == "turn end"
                   else range(SEATS - 1) if kind == "ready" else range(SEATS))
            began = time.process_time()
            for seats in rooms:
                for k in who:
                    server.receive(seats[k], sent[k])
            server.outbox.flush()
            per_command = (time.process_time() - began) / (len(rooms) * len(who))
            best[kind] = min(best.get(kind, float("inf")), per_command)
            await asyncio.sleep(0)
    for seats in rooms:
        for conn in seats:
            server.core.unfollow(conn)


async def measure(matches: int, rounds: int) -> dict[str, float]:
    server.outbox.write = lambda ws, frames: 0   # no sockets: nothing is written
    best: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as data:
        host = Server(open_store(data), ScenarioShelf({"ring": ring_scenario(SEATS)}),
                      creations_per_hour=1_000_000, max_connections=1_000_000,
                      max_connections_per_address=1_000_000)
        host.chat_rate.allow = lambda *key: True   # every seat chats each turn, at once
        for _ in range(rounds):
            await one_round(host, matches, best)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--matches", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    best = asyncio.run(measure(args.matches, args.rounds))
    print(f"{args.matches} matches of {SEATS}, {TURNS} turns, best of {args.rounds} rounds; "
          "host CPU per command:")
    for kind in KINDS:
        print(f"  {kind:<9} {1e6 * best[kind]:7.1f} µs")
    turn = SEATS * (best["orders"] + best["chat"]) + (SEATS - 1) * best["ready"] \
        + best["turn end"]
    print(f"  a turn of one match (the whole script): {1e3 * turn:.2f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
