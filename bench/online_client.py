"""What the online client's transport costs: connecting, a request's round trip through the
background thread, and getting a seat back after a dropped socket.

    .venv/bin/python bench/online_client.py [--pings 500] [--drops 20]

A host serving the test board runs on 127.0.0.1 in a thread of this process;
``WebSocketConnection`` is driven as the game's main loop drives it: ``send`` then ``poll``
until the reply is there (polling every millisecond here; the game polls once a frame, so
add up to 16 ms at 60 fps). Requests are paced under the host's rate limit (20 a second,
PROTOCOL.md §2). Figures are medians and 95th percentiles in milliseconds.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from game.client.net import Backoff, WebSocketConnection  # noqa: E402
from online_helpers import host_thread, reply_to  # noqa: E402


def wait(conn: WebSocketConnection, test, timeout: float = 10.0) -> dict:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        for message in conn.poll():
            if test(message):
                return message
        time.sleep(0.001)
    raise SystemExit("no answer within 10 s")


PACE = 1 / 18      # seconds between requests: under the host's 20 a second


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def line(label: str, ms: list[float]) -> str:
    return (f"{label:<34} median {statistics.median(ms):7.2f} ms   p95 {pct(ms, 0.95):7.2f} ms"
            f"   (n={len(ms)})")


def round_trip(conn: WebSocketConnection, message: dict) -> float:
    """Milliseconds from sending ``message`` to its reply; then a pause under the host's
    rate limit."""
    t = time.perf_counter()
    rid = conn.send(message)
    wait(conn, lambda m: m.get("rid") == rid)
    ms = (time.perf_counter() - t) * 1000
    time.sleep(PACE)
    return ms


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pings", type=int, default=100)
    parser.add_argument("--drops", type=int, default=20)
    args = parser.parse_args(argv)
    with host_thread() as host:
        opens = []
        for _ in range(20):
            t = time.perf_counter()
            conn = WebSocketConnection.open(host.url)
            opens.append((time.perf_counter() - t) * 1000)
            conn.close()
        print(line("open + version check", opens))
        conn = WebSocketConnection.open(host.url, backoff=Backoff(first=0.01, cap=0.05))
        match = reply_to(conn, conn.send({"type": "create_match", "scenario": "triangle",
                                          "seed": 1}))["match"]
        reply_to(conn, conn.send({"type": "join", "match": match, "seat": "RED"}))
        trips = [round_trip(conn, {"type": "ping"}) for _ in range(args.pings)]
        print(line("request round trip (ping)", trips))
        orders = [round_trip(conn, {"type": "orders", "orders": [
            {"op": "build", "territory": "R", "n": 1 + i % 3}]}) for i in range(args.pings)]
        print(line("orders round trip", orders))
        drops = []
        for _ in range(args.drops):
            t = time.perf_counter()
            conn.drop()
            wait(conn, lambda m: m.get("type") == "joined")
            drops.append((time.perf_counter() - t) * 1000)
            time.sleep(PACE)
        print(line("drop → seat back (rejoin snapshot)", drops)
              + f"   backoff first={conn.backoff.first:g} s")
        conn.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
