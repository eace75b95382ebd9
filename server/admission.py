"""Who may connect, and how often a network address or a seat may do the costly things.

The rate limit of game/protocol.py is per connection, so on its own it lets one client
multiply its share by opening more connections. The host therefore also counts connections
per network address and in total (refused with close code 1013, "try again later"), and
keeps rate buckets that outlive a connection: ``list_matches`` per address and chat per
seat, over all of the seat's connections. Every number is in server/limits.py.
"""

from __future__ import annotations

from typing import Hashable

from game.protocol import RateLimit

from .limits import MAX_CONNECTIONS, MAX_CONNECTIONS_PER_ADDRESS

MAX_BUCKETS = 10_000   # rate buckets kept before the idle ones are forgotten


class Admission:
    """Open connections per address and in total."""

    def __init__(self, per_address: int = MAX_CONNECTIONS_PER_ADDRESS,
                 total: int = MAX_CONNECTIONS) -> None:
        self.per_address = per_address
        self.total = total
        self.open: dict[str, int] = {}
        self.count = 0

    def admit(self, address: str) -> str | None:
        """Count a new connection from ``address``, or say why it is refused (then it is
        not counted)."""
        if self.count >= self.total:
            return f"the host has {self.total} connections open; try again later"
        if self.open.get(address, 0) >= self.per_address:
            return (f"at most {self.per_address} connections from one address; "
                    "close one first")
        self.open[address] = self.open.get(address, 0) + 1
        self.count += 1
        return None

    def leave(self, address: str) -> None:
        left = self.open.get(address, 0) - 1
        if left > 0:
            self.open[address] = left
        else:
            self.open.pop(address, None)
        self.count -= 1


class Buckets:
    """One token bucket per key (an address, a seat), kept across connections. A bucket
    idle long enough to be full again is the same as none, so those are forgotten when
    there are many."""

    def __init__(self, rate: float, burst: float) -> None:
        self.rate = rate
        self.burst = burst
        self.buckets: dict[Hashable, RateLimit] = {}

    def allow(self, key: Hashable, now: float) -> bool:
        bucket = self.buckets.get(key)
        if bucket is None:
            if len(self.buckets) >= MAX_BUCKETS:
                self._forget_full(now)
            bucket = self.buckets[key] = RateLimit(now, self.rate, self.burst)
        return bucket.allow(now)

    def _forget_full(self, now: float) -> None:
        refill = self.burst / self.rate
        for key in [k for k, b in self.buckets.items() if now - b.last >= refill]:
            del self.buckets[key]
