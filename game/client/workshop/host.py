"""Workshop mode on one laptop: a ``LocalHost`` that also runs the umpire's commands.

``LocalHost`` (game/client/connection.py) answers every match command of docs/PROTOCOL.md
through the same table as the server (game/match/commands.py), the umpire's included; what
it cannot do alone is fork, since a fork is a second match. ``WorkshopHost`` keeps forks
beside the match it was made from, so the console meets here what it meets online.

    host = WorkshopHost.new(scenario, MatchSettings(review=True))
    umpire = host.connect("umpire")
    umpire.send({"type": "pause"})

A fork made here stays in this process (``host.forks``), saved beside the parent's save
file when there is one, so the facilitator can open it after the session.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any, Callable

from game.client.connection import LocalConnection, LocalHost, write_save
from game.match import Match


class WorkshopHost(LocalHost):
    """A ``LocalHost`` that also forks (see the module docstring)."""

    def __init__(self, match: Match, **kwargs: Any) -> None:
        super().__init__(match, **kwargs)
        self.forks: dict[str, Match] = {}
        self.fork_tokens: dict[str, str] = {}

    def requests(self) -> dict[str, Callable[[LocalConnection, dict[str, Any]], Any]]:
        return {**super().requests(), "fork": self._fork}

    def _fork(self, conn: LocalConnection, m: dict[str, Any]) -> dict[str, Any]:
        match_id = secrets.token_hex(4)
        while match_id in self.forks or match_id == self.match.match_id:
            match_id = secrets.token_hex(4)
        path = self.fork_path(match_id)
        journal = None
        if path is not None:
            journal = (lambda child_path: lambda event: write_save(
                child_path, [*self.forks[match_id].log, event]))(path)
        child, umpire_token = self.match.fork(conn.seat, m["turn"], match_id, self.clock(),
                                              name=m.get("name", ""), journal=None)
        self.forks[match_id] = child
        self.fork_tokens[match_id] = umpire_token
        if path is not None:
            write_save(path, child.log)
            child.journal = journal
        return {"type": "forked", "match": match_id, "umpire_token": umpire_token,
                "turn": m["turn"], "summary": child.summary()}

    def fork_path(self, match_id: str) -> Path | None:
        """Where a fork of this match is saved: beside the parent's save, if it has one."""
        if self.save_path is None:
            return None
        return self.save_path.with_name(f"{self.save_path.stem}.fork-{match_id}.json")
