"""What the lobby makes of the match summaries (``Match.summary``): the seats a player may
join, and the one order every lobby lists matches in (docs/PROTOCOL.md, ``list_matches``).

The host orders the list, not the client: the list comes a page at a time, and only an
order the host keeps across pages (and across a restart) shows every match exactly once.
The order: the matches the asking player holds a seat in, then open matches with a free
seat, then matches being played, then finished ones; within each, the latest activity
(``active_at``: a seat taken or given up, a turn played) first, the match id last, so that
two matches active at the same moment keep one order.
"""

from __future__ import annotations

from typing import Any, Collection, Mapping

from .phases import OVER

HELD, OPEN, RUNNING, FINISHED = range(4)     # the lobby's groups, in the order shown


def free_seats(summary: Mapping[str, Any]) -> list[str]:
    """The human seats nobody holds: the ones a player may join."""
    return [s["power"] for s in summary.get("seats", [])
            if s.get("kind") == "human" and not s.get("occupied")]


def lobby_group(summary: Mapping[str, Any], held: Collection[str] = ()) -> int:
    """Which of the lobby's groups the match is in, for a player holding seats in ``held``."""
    if summary.get("match") in held:
        return HELD
    if summary.get("phase") == OVER:
        return FINISHED
    return OPEN if free_seats(summary) else RUNNING


def lobby_order(summaries: Mapping[str, Mapping[str, Any]],
                held: Collection[str] = ()) -> list[str]:
    """The match ids of ``summaries`` (match id -> summary) in the lobby's order. A summary
    stored before matches carried ``active_at`` counts as active at time 0 (the oldest)."""
    def key(match_id: str) -> tuple[int, float, str]:
        summary = summaries[match_id]
        active = summary.get("active_at")
        when = float(active) if isinstance(active, (int, float)) else 0.0
        return lobby_group(summary, held), -when, match_id
    return sorted(summaries, key=key)
