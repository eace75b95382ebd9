"""Workshop mode on one laptop: a ``LocalHost`` that also runs the umpire's commands.

``LocalHost`` (game/client/connection.py) answers only the commands of ordinary hot-seat
play; a facilitator running a workshop on one machine, or a test driving the console,
needs the rest of docs/PROTOCOL.md §10 too. ``WorkshopHost`` answers them exactly as the
server does (server/app.py): the same message checks, the same ``Match`` methods and the
same reply shapes, so the console meets online what it meets here.

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

from game import protocol
from game.client.connection import LocalConnection, LocalHost, write_save
from game.match import Match, MatchError, Outcome
from game.match.commands import MATCH_COMMANDS
from game.protocol import ProtocolError
from server.app import MATCH_COMMANDS as SERVER_COMMANDS

# Workshop commands that act as the connection's seat: message type -> Match method and the
# message fields passed to it in order. The server's table is the reference; the one in
# game/match/commands.py (which LocalHost uses) does not list them yet.
WORKSHOP_COMMANDS: dict[str, tuple[str, tuple[str, ...]]] = {
    kind: entry for kind, entry in SERVER_COMMANDS.items() if kind not in MATCH_COMMANDS}


class WorkshopHost(LocalHost):
    """A ``LocalHost`` that also answers the workshop commands (see the module docstring)."""

    def __init__(self, match: Match, **kwargs: Any) -> None:
        super().__init__(match, **kwargs)
        self.forks: dict[str, Match] = {}
        self.fork_tokens: dict[str, str] = {}

    def tick(self) -> None:
        """Warn before the deadline (when the umpire set a warning) and adjudicate when it
        comes: ``LocalHost.tick`` looks at the deadline alone."""
        alarm = self.match.next_alarm
        if alarm is not None and self.clock() >= alarm:
            self.fan_out(self.match.tick(self.clock()))
            self.run_bots()

    def handle(self, conn: LocalConnection, message: dict[str, Any]) -> None:
        kind = message.get("type")
        special: dict[str, Callable[[LocalConnection, dict[str, Any]], Any]] = {
            "role_token": self._role_token, "set_stage": self._set_stage,
            "release_result": self._release_result, "dashboard": self._dashboard,
            "fork": self._fork,
        }
        if kind in MATCH_COMMANDS or (kind not in WORKSHOP_COMMANDS and kind not in special):
            super().handle(conn, message)
            return
        rid = message.get("rid")
        try:
            checked = protocol.decode(protocol.encode(message))
            if kind in special:
                result = special[kind](conn, checked)
                outcome = result if isinstance(result, Outcome) else Outcome(result)
            else:
                method, fields = WORKSHOP_COMMANDS[kind]
                outcome = getattr(self.match, method)(
                    conn.seat, *(checked[f] for f in fields), self.clock())
                outcome.reply = {"type": "ok", "of": kind, **outcome.reply}
        except (ProtocolError, MatchError) as err:
            conn.deliver(protocol.error(err.code, err.message, rid))
            return
        if rid is not None:
            outcome.reply["rid"] = rid
        conn.deliver(outcome.reply)
        self.fan_out(outcome)
        self.run_bots()

    # --- the commands whose replies have a shape of their own ----------------------------

    def _ok(self, kind: str, outcome: Outcome) -> Outcome:
        outcome.reply = {"type": "ok", "of": kind, **outcome.reply}
        return outcome

    def _role_token(self, conn: LocalConnection, m: dict[str, Any]) -> Outcome:
        return self._ok("role_token", self.match.create_role_token(
            conn.seat, m["role"], self.clock(), label=m.get("label", "")))

    def _set_stage(self, conn: LocalConnection, m: dict[str, Any]) -> Outcome:
        return self._ok("set_stage", self.match.set_stage(
            conn.seat, m["stage"], self.clock(), every_turn=m.get("every_turn", False)))

    def _release_result(self, conn: LocalConnection, m: dict[str, Any]) -> Outcome:
        return self._ok("release_result", self.match.release_result(
            conn.seat, m.get("feedback"), self.clock()))

    def _dashboard(self, conn: LocalConnection, m: dict[str, Any]) -> dict[str, Any]:
        return {"type": "dashboard", **self.match.dashboard(conn.seat, self.clock())}

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
