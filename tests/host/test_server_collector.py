"""The host makes its full garbage collections itself, when it is quiet (server/collector.py)."""

from __future__ import annotations

import gc

from server.collector import MAX_INTERVAL, MIN_INTERVAL, NEVER, QUIET_SECONDS, Collector


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_automatic_full_collections_are_off_while_the_host_runs_and_back_after():
    before = gc.get_threshold()
    with Collector():
        assert gc.get_threshold() == (before[0], before[1], NEVER)
    assert gc.get_threshold() == before


def test_a_full_collection_waits_for_a_quiet_moment_or_is_overdue():
    clock, collected = Clock(), []
    collector = Collector(clock=clock, collect=lambda: collected.append(clock.now))
    start = clock.now
    # Busy: a frame came just now; quiet but too soon after the last collection.
    clock.now = start + MIN_INTERVAL + 1
    assert not collector.tick(last_frame_at=clock.now)
    clock.now = start + MIN_INTERVAL - 1
    assert not collector.tick(last_frame_at=clock.now - 10 * QUIET_SECONDS)
    # Quiet for long enough, and the last collection is old enough: collect.
    clock.now = start + MIN_INTERVAL + 1
    assert collector.tick(last_frame_at=clock.now - QUIET_SECONDS)
    assert collected == [start + MIN_INTERVAL + 1]
    # Never quiet: only once it is overdue.
    busy = clock.now
    clock.now = busy + MAX_INTERVAL - 1
    assert not collector.tick(last_frame_at=clock.now)
    clock.now = busy + MAX_INTERVAL
    assert collector.tick(last_frame_at=clock.now)
    assert collected == [start + MIN_INTERVAL + 1, busy + MAX_INTERVAL]
