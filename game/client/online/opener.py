"""Taking a seat online, one frame at a time: the join (or rejoin, or spectate), then the map.

A screen must not wait on the network, so ``Opener`` is stepped each frame with what the
connection delivered. Once the ``joined`` reply has come it asks for the match's map; pushes
that arrive in between are folded into the model, so nothing is missed before the game
screen takes over the connection::

    opener = Opener(conn, {"type": "join", "match": "16f33baa", "seat": "RED", "name": "Ada"})
    ...each frame: opener.step(conn.poll())
    if opener.done: GameScreen(app, conn, opener.model, map_doc=opener.map_doc)
    if opener.error: show it

Pure Python (no pygame): the lobby, the ``casus join`` shortcut and the tests share it.
"""

from __future__ import annotations

import time
from typing import Any

from game.engine.params import Rules, rules_from_dict

from ..model import MatchModel

JOINING, FETCHING, DONE, FAILED = "joining", "fetching", "done", "failed"
PATIENCE = 20.0     # seconds to wait for the host's answers before giving up

# Sentences for the refusals a player may meet while taking a seat (PROTOCOL.md §8).
REFUSALS = {
    "bad_password": "The match password is wrong.",
    "seat_taken": "Someone already holds that seat: choose another, or spectate.",
    "bad_token": "That seat token no longer opens a seat of this match (the umpire may "
                 "have released it).",
    "no_match": "There is no such match on this host (any more).",
    "bad_seat": "There is no such seat in this match.",
}


class Opener:
    """One attempt to take a seat and fetch the map (see the module docstring)."""

    def __init__(self, conn: Any, request: dict[str, Any]) -> None:
        self.conn = conn
        self.request = dict(request)
        self.state = JOINING
        self.model: MatchModel | None = None
        self.map_doc: dict[str, Any] | None = None
        self.rules: Rules | None = None   # the match's rule parameters, from the map reply
        self.token: str | None = None     # the seat token a join returned (or the one used)
        self.error = ""
        self.others: list[dict[str, Any]] = []   # messages not for the opener (the lobby's)
        self.rid = conn.send(self.request)
        self._map_rid: Any = None
        self.started = time.monotonic()

    @property
    def done(self) -> bool:
        return self.state == DONE

    @property
    def failed(self) -> bool:
        return self.state == FAILED

    def step(self, messages: list[dict[str, Any]], now: float | None = None) -> None:
        for message in messages:
            self._take(message)
        now = time.monotonic() if now is None else now
        if self.state in (JOINING, FETCHING) and now - self.started > PATIENCE:
            # A request lost with a dropped socket is never answered: say so, let the
            # player try again rather than wait for ever.
            self.state = FAILED
            self.error = "The host did not answer in time: try again."

    def _take(self, message: dict[str, Any]) -> None:
        rid = message.get("rid")
        if self.state == JOINING and rid == self.rid:
            if message.get("type") == "error":
                self._fail(message)
                return
            if message.get("type") != "joined":
                self._fail({"message": f"the host answered {message.get('type')!r}"})
                return
            self.model = MatchModel.from_snapshot(message["snapshot"])
            self.token = message.get("token") or self.request.get("token")
            self.state = FETCHING
            self._map_rid = self.conn.send({"type": "map"})
        elif self.state == FETCHING and rid == self._map_rid:
            if message.get("type") != "map":
                self._fail(message)
                return
            self.map_doc = message["map"]
            self.rules = rules_from_dict(message.get("rules"))   # None from an older host
            self.state = DONE
        elif self.state == FETCHING and message.get("type") == "joined":
            # A reconnect in between: the fresh snapshot is the whole truth.
            self.model = MatchModel.from_snapshot(message["snapshot"])
        elif self.state in (FETCHING, DONE) and self.model is not None and rid is None:
            self.model.apply(message)
        else:
            self.others.append(message)

    def _fail(self, message: dict[str, Any]) -> None:
        self.state = FAILED
        code = message.get("code", "")
        if code == "seat_taken" and self.request.get("type") == "join_team":
            code = ""      # a full team: the host's own words say so ("the team of RED is full")
        self.error = REFUSALS.get(code) or _sentence(str(message.get("message") or
                                                         "the host refused"))


def _sentence(text: str) -> str:
    text = text.strip()
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."
