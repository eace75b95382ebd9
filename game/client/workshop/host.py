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

from pathlib import Path
from typing import Any, Callable

from game.client.connection import LocalHost, write_save
from game.host import Link
from game.match import Match


class WorkshopHost(LocalHost):
    """A ``LocalHost`` that also forks (see the module docstring)."""

    def __init__(self, match: Match, **kwargs: Any) -> None:
        self.forks: dict[str, Match] = {}
        self.fork_tokens: dict[str, str] = {}
        super().__init__(match, **kwargs)
        # The forks are kept here, not served: their ids are taken all the same.
        self.core.reserved = lambda match_id: match_id in self.forks

    def requests(self) -> dict[str, Callable[[Link, dict[str, Any]], Any]]:
        return {**super().requests(), "fork": self._fork}

    def _fork(self, conn: Link, m: dict[str, Any]) -> dict[str, Any]:
        child, reply = self.core.fork(conn, m, self.clock())
        match_id = child.match_id
        self.forks[match_id] = child
        self.fork_tokens[match_id] = reply["umpire_token"]
        path = self.fork_path(match_id)
        if path is not None:
            write_save(path, child.log)
            child.journal = lambda event: write_save(path, [*child.log, event])
        return reply

    def fork_path(self, match_id: str) -> Path | None:
        """Where a fork of this match is saved: beside the parent's save, if it has one."""
        if self.save_path is None:
            return None
        return self.save_path.with_name(f"{self.save_path.stem}.fork-{match_id}.json")
