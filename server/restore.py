"""Bringing a host's matches back from storage at startup, one at a time: a match whose log
does not replay (a corrupted database, a log from an incompatible version) is set aside as
broken, with the reason, and every other match is served. ``casus host --check DATA`` runs
the same replay and prints what it finds."""

from __future__ import annotations

import logging
from typing import Any, Callable, Iterable

from game.match import Match
from game.match.seats import token_matches

from .storage import UNREADABLE, Event

log = logging.getLogger("casus.server")

MAX_REASON = 300   # characters of an exception's text kept as a broken match's reason

Journal = Callable[[dict[str, Any]], None]


def replay_each(logs: dict[str, list[Event]], journal_for: Callable[[str], Journal] | None = None
                ) -> tuple[dict[str, Match], dict[str, "Broken"]]:
    """Every log replayed into a match, or set aside with the reason it does not replay."""
    matches: dict[str, Match] = {}
    broken: dict[str, Broken] = {}
    for match_id, events in logs.items():
        try:
            unreadable = next((e[UNREADABLE] for e in events if UNREADABLE in e), None)
            if unreadable is not None:
                raise ValueError(unreadable)
            matches[match_id] = Match.replay(
                events, journal=journal_for(match_id) if journal_for else None)
        except Exception as err:   # any failure of one log must leave the others served
            broken[match_id] = Broken.of(events, err)
            log.error("match %s is broken and will not be served: %s", match_id,
                      broken[match_id].reason)
    return matches, broken


class Broken:
    """A match whose log does not replay: why, and the hash of its umpire's token (from the
    first event, when it can be read) so that its umpire can be told the reason."""

    def __init__(self, reason: str, umpire_hash: str | None) -> None:
        self.reason = reason
        self.umpire_hash = umpire_hash

    @classmethod
    def of(cls, events: Iterable[Event], err: Exception) -> "Broken":
        first = next(iter(events), None)
        umpire = first.get("umpire") if isinstance(first, dict) else None
        text = f"{type(err).__name__}: {err}"
        if len(text) > MAX_REASON:
            text = text[:MAX_REASON - 1] + "…"
        return cls(text, umpire if isinstance(umpire, str) else None)

    def opened_by(self, token: str) -> bool:
        """Whether ``token`` is this match's umpire token."""
        return token_matches(token, self.umpire_hash)
