"""Which matches a host keeps in memory: finished matches nobody follows are unloaded after
``unload_after`` seconds (``casus host --unload-after``). Their logs stay in storage and
their lobby summaries stay listed; joining, rejoining or spectating one loads it back.

A long-running host would otherwise hold every match it ever served: each keeps its states,
reports and log in memory, and most finished matches are never looked at again.
"""

from __future__ import annotations

from typing import Any

from game.match import Match


def finished_at(match: Match) -> float | None:
    """When the match ended (the time of the adjudication that decided it), or None while
    it is still being played."""
    if not match.state.over:
        return None
    for event in reversed(match.log):
        if event["type"] == "adjudicated":
            return float(event["at"])
    return float(match.log[-1]["at"]) if match.log else None


class Residency:
    """The unload rule and the summaries of unloaded matches."""

    def __init__(self, unload_after: float | None) -> None:
        if unload_after is not None and unload_after < 0:
            raise ValueError("unload_after is a number of seconds ≥ 0, or None for never")
        self.unload_after = unload_after
        self.unloaded: dict[str, dict[str, Any]] = {}   # match id -> its lobby summary

    def due(self, match: Match, followed: bool, now: float) -> bool:
        """Whether ``match`` should leave memory now: finished at least ``unload_after``
        seconds ago, and no connection follows it (a player still looking at the final
        map keeps it)."""
        if self.unload_after is None or followed:
            return False
        ended = finished_at(match)
        return ended is not None and now - ended >= self.unload_after
