"""Full garbage collections when the host is quiet, never in the middle of a burst.

CPython's collector starts a full (generation 2) collection on its own once enough objects
have survived, and that collection walks every object the host holds: every match's log,
states and views. Under bench/server_load.py such a pause took 126 ms, in the middle of a
hundred turn ends, and made the p99 fan-out latency (the young generations cost ~1 ms at
most). So the host turns off the automatic full collections and makes them itself: when no
frame has arrived for ``QUIET_SECONDS`` (and the last one is ``MIN_INTERVAL`` old), or,
on a host that is never quiet, every ``MAX_INTERVAL``. Young garbage is still collected
as usual; what waits for the next full collection is only cyclic garbage that had lived
long (a closed connection's objects, say), a bounded amount.

This is the host process's policy, set by ``serve_until``: a ``Server`` built in a test
leaves the interpreter's collector alone.
"""

from __future__ import annotations

import gc
import logging
import time
from typing import Callable

log = logging.getLogger("casus.server")

QUIET_SECONDS = 1.0     # no frame for this long: a good moment for a full collection
MIN_INTERVAL = 30.0     # but not more often than this
MAX_INTERVAL = 300.0    # and at least this often, quiet or not

# A generation-2 threshold the counts never reach: no automatic full collection.
NEVER = 1 << 30


class Collector:
    """Paces full collections (see the module docstring). Use as a context manager around
    the host's life; call ``tick`` now and then with the time of the last frame."""

    def __init__(self, clock: Callable[[], float] = time.monotonic,
                 collect: Callable[[], object] = gc.collect) -> None:
        self.clock = clock
        self.collect = collect
        self.last_full = clock()
        self._saved: tuple[int, int, int] | None = None

    def __enter__(self) -> "Collector":
        self._saved = gc.get_threshold()
        young, middle, _ = self._saved
        gc.set_threshold(young, middle, NEVER)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._saved is not None:
            gc.set_threshold(*self._saved)
            self._saved = None

    def tick(self, last_frame_at: float) -> bool:
        """Collect in full if it is time (see the module docstring); whether it did."""
        now = self.clock()
        since = now - self.last_full
        quiet = now - last_frame_at >= QUIET_SECONDS
        if not (since >= MAX_INTERVAL or (quiet and since >= MIN_INTERVAL)):
            return False
        began = time.perf_counter()
        self.collect()
        self.last_full = self.clock()
        log.debug("full garbage collection in %.1f ms (%s)",
                  1000 * (time.perf_counter() - began), "quiet" if quiet else "overdue")
        return True
