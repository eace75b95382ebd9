"""The host's core, without I/O: what both the websocket host (server/app.py) and the
in-process hosts (the hot-seat ``LocalHost``, the workshop's ``WorkshopHost``) do with a
checked request, in the manner of websockets' sans-I/O protocol objects and boardgame.io's
master.

The core keeps the registry of matches (with a hook that brings a match in from a store),
which connection follows which match as which seat, and the request table (message type →
handler, one explicit dict). It runs a request, lets the bot seats act after it, looks at
deadlines when asked, and creates and forks matches with one id allocator. It never reads a
socket, a file or the event loop: a transport hands it a checked message and gets back a
``Result`` (the reply, the pushes with the connections each is for, and the connections to
close), which it encodes and writes as it likes. Time comes from the clock the transport
gives it; the event log goes to the journal the transport gives each match.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, NamedTuple, Union

from game import protocol
from game.engine.world import Scenario
from game.match import BOT, SPECTATOR, Match, MatchError, MatchSettings, Outcome
from game.match.commands import MATCH_COMMANDS, map_reply, run_command
from game.protocol import ProtocolError

log = logging.getLogger("casus.server")

Journal = Callable[[dict[str, Any]], None]
Reply = Union[Outcome, dict[str, Any]]
# What plays the bot seats of a match: what they did, and whether they may have more to do
# (the transport should let them act again soon, on the next tick).
BotPlayer = Callable[[Match, float], tuple[list[Outcome], bool]]


def new_match_id(taken: Callable[[str], bool]) -> str:
    """A fresh match id: eight hex digits no match of this host uses (``taken``)."""
    while True:
        match_id = secrets.token_hex(4)
        if not taken(match_id):
            return match_id


@dataclass(eq=False)
class Link:
    """A connection as the core knows it: the match it follows as which seat, the seat token
    it came with (never sent back), the network address it counts against. The seat comes
    from a join, never from a message, so no message can act for another seat."""

    match_id: str | None = None
    seat: str | None = None
    token: str | None = None
    address: str = ""


class Delivery(NamedTuple):
    """One push, encoded once, and the connections it goes to."""

    audience: list[Link]
    frame: bytes


@dataclass
class Result:
    """What one request produced: the reply to its sender (encoded), pushes for the
    followers of the match, and connections that must be closed (with the reason to give
    them)."""

    reply: bytes
    deliveries: list[Delivery] = field(default_factory=list)
    closes: list[tuple[Link, str]] = field(default_factory=list)


Handler = Callable[[Link, dict[str, Any]], Reply]


class HostCore:
    """Matches, their followers and the request table (see the module docstring).

    ``clock``: the transport's clock; ``journal_for(match_id)``: the journal a new match
    records to (None: none); ``bots``: what plays bot seats (None: nobody); ``load(match_id,
    message)``: brings a match the registry does not hold in from a store (and registers it
    with ``add``), or returns None, or refuses with a ``ProtocolError``; ``reserved(match_id)``:
    ids in use outside the registry (unloaded, broken, kept aside), never handed out;
    ``chat_snapshot``: how many of the newest chat messages a join's snapshot carries (None:
    all); ``chat_page``: the most a ``chat_history`` page holds; ``links_per_token``:
    connections one seat token may open on a match (None: any); ``where``: how a refusal of
    a request this host does not answer names the host.
    """

    def __init__(self, clock: Callable[[], float], *,
                 journal_for: Callable[[str], Journal | None] = lambda match_id: None,
                 bots: BotPlayer | None = None,
                 load: Callable[[str, dict[str, Any]], Match | None] | None = None,
                 reserved: Callable[[str], bool] = lambda match_id: False,
                 chat_snapshot: int | None = None, chat_page: int = 100,
                 links_per_token: int | None = None,
                 where: str = "on this host") -> None:
        self.clock = clock
        self.journal_for = journal_for
        self.bots = bots
        self.load = load
        self.reserved = reserved
        self.chat_snapshot = chat_snapshot
        self.chat_page = chat_page
        self.links_per_token = links_per_token
        self.where = where
        self.matches: dict[str, Match] = {}
        self.followers: dict[str, set[Link]] = {}
        # Each match's followers grouped by seat, for ``fan_out``: made again only after the
        # followers change (every change goes through this class, which drops it).
        self._by_seat: dict[str, dict[str | None, list[Link]]] = {}
        self.bots_pending: set[str] = set()   # matches whose bots have more to do
        self.requests: dict[str, Handler] = {}
        self._closes: list[tuple[Link, str]] = []   # of the request being handled

    # --- the registry ----------------------------------------------------------------------

    def add(self, match: Match) -> None:
        self.matches[match.match_id] = match
        self.followers[match.match_id] = set()
        self._by_seat.pop(match.match_id, None)

    def remove(self, match_id: str) -> None:
        """Forget a match (unloaded to the store, or never committed)."""
        self.matches.pop(match_id, None)
        self.followers.pop(match_id, None)
        self._by_seat.pop(match_id, None)
        self.bots_pending.discard(match_id)

    def new_match_id(self) -> str:
        return new_match_id(lambda match_id: match_id in self.matches
                            or self.reserved(match_id))

    def create(self, scenario: Scenario, settings: MatchSettings,
               now: float) -> tuple[Match, str]:
        """A new match, registered, and its umpire's token (its bots have not acted yet:
        ``play_bots``)."""
        match_id = self.new_match_id()
        match, umpire_token = Match.create(scenario, match_id=match_id, now=now,
                                           settings=settings,
                                           journal=self.journal_for(match_id))
        self.add(match)
        return match, umpire_token

    def fork(self, link: Link, message: dict[str, Any],
             now: float) -> tuple[Match, dict[str, Any]]:
        """A new match from the followed one's turn ``message['turn']`` (not registered:
        the caller decides where it lives), and the ``forked`` reply."""
        match, seat = self.acting(link)
        match_id = self.new_match_id()
        child, umpire_token = match.fork(seat, message["turn"], match_id, now,
                                         name=message.get("name", ""),
                                         journal=self.journal_for(match_id))
        return child, {"type": "forked", "match": match_id, "umpire_token": umpire_token,
                       "turn": message["turn"], "summary": child.summary()}

    # --- who follows what ------------------------------------------------------------------

    def follow(self, link: Link, match: Match, seat: str, token: str | None = None) -> None:
        link.match_id = match.match_id
        link.seat = seat
        link.token = token
        self.followers[match.match_id].add(link)
        self._by_seat.pop(match.match_id, None)

    def unfollow(self, link: Link) -> None:
        """The connection is gone (it stays as it was, for a last look)."""
        if link.match_id is not None:
            self.followers.get(link.match_id, set()).discard(link)
            self._by_seat.pop(link.match_id, None)

    def unseat(self, match_id: str, seat: str, reason: str) -> list[tuple[Link, str]]:
        """Stop every connection of ``seat`` following the match; they are to be closed."""
        closes = []
        self._by_seat.pop(match_id, None)
        for other in list(self.followers[match_id]):
            if other.seat == seat:
                self.followers[match_id].discard(other)
                other.match_id = other.seat = None
                closes.append((other, reason))
        return closes

    def followed(self, link: Link) -> Match:
        return self.acting(link)[0]

    def acting(self, link: Link) -> tuple[Match, str]:
        """The match ``link`` follows and its seat there (refused if it follows none)."""
        if link.match_id is None or link.seat is None:
            raise ProtocolError("not_joined", "join, rejoin or spectate a match first")
        return self.matches[link.match_id], link.seat

    def to_follow(self, link: Link, message: dict[str, Any]) -> Match:
        """The match a join, rejoin or spectate names, from the registry or the store."""
        if link.match_id is not None:
            raise ProtocolError("already_joined", "this connection already follows a match; "
                                                  "open another connection for another")
        match = self.matches.get(message["match"])
        if match is None and self.load is not None:
            match = self.load(message["match"], message)
        if match is None:
            raise ProtocolError("no_match", f"there is no match {message['match']!r}")
        return match

    # --- requests --------------------------------------------------------------------------

    def handle(self, link: Link, message: dict[str, Any]) -> Result:
        """Run one checked request from ``link``: its reply (with its ``rid``), then what it
        made for the match's followers, then what the bots did after it. A refusal
        (``ProtocolError``, ``MatchError``) is raised, and nothing has changed."""
        self._closes = []
        handler = self.requests.get(message["type"])
        if handler is None:
            raise ProtocolError("not_allowed", f"{message['type']} is not available "
                                               f"{self.where}")
        reply = handler(link, message)
        outcome = reply if isinstance(reply, Outcome) else Outcome(reply)
        if message.get("rid") is not None:
            outcome.reply["rid"] = message["rid"]
        # Encoded now: what the bots do next must not show in the reply.
        result = Result(protocol.encode(outcome.reply), closes=self._closes)
        if link.match_id is not None:
            result.deliveries = self.fan_out(link.match_id, outcome)
            result.deliveries += self.play_bots(link.match_id)
        return result

    def close_later(self, closes: Iterable[tuple[Link, str]]) -> None:
        """Connections the request being handled closes (returned in its ``Result``)."""
        self._closes.extend(closes)

    def fan_out(self, match_id: str, outcome: Outcome) -> list[Delivery]:
        """Each push with the connections of the seats it is for (a push nobody follows is
        never even made: a turn result is built lazily)."""
        followers = self.followers.get(match_id)
        if not followers or not outcome.pushes:
            return []
        by_seat = self._by_seat.get(match_id)
        if by_seat is None:
            by_seat = self._by_seat[match_id] = {}
            for link in followers:
                by_seat.setdefault(link.seat, []).append(link)
        deliveries = []
        for push in outcome.pushes:
            audience = [link for seat in push.seats for link in by_seat.get(seat, ())]
            if audience:
                deliveries.append(Delivery(audience, protocol.encode(push.message)))
        return deliveries

    def play_bots(self, match_id: str) -> list[Delivery]:
        """Let the bot seats of a match act; what they did, for its followers."""
        match = self.matches.get(match_id)
        if match is None or self.bots is None:
            return []
        self.bots_pending.discard(match_id)
        outcomes, more = self.bots(match, self.clock())
        if more:
            self.bots_pending.add(match_id)
        return [d for outcome in outcomes for d in self.fan_out(match_id, outcome)]

    def due(self, now: float) -> list[str]:
        """The matches with a deadline or a warning due at ``now`` (also those that passed
        while the host was down)."""
        return [match_id for match_id, match in self.matches.items()
                if match.next_alarm is not None and now >= match.next_alarm]

    def deadline(self, match_id: str, now: float, contain: bool = True) -> list[Delivery]:
        """Warn of the near deadline or adjudicate the match whose deadline has come. With
        ``contain``, a match that fails is logged and left as it was, so that the others go
        on (a host of many matches); without, the failure is raised to the caller."""
        match = self.matches[match_id]
        turn = match.turn
        try:
            outcome = match.tick(now)
        except Exception:
            if not contain:
                raise
            log.exception("deadline of match %s failed", match_id)
            return []
        if match.turn != turn:
            self.bots_pending.add(match_id)   # a new turn: the bots plan it
        return self.fan_out(match_id, outcome)

    def play_pending(self) -> list[Delivery]:
        """Let the bots that have more to do act."""
        return [d for match_id in list(self.bots_pending) for d in self.play_bots(match_id)]

    # --- the request table -----------------------------------------------------------------

    def match_requests(self) -> dict[str, Handler]:
        """What every host answers: ping, the map, the dashboard and every match command."""
        return {"ping": self.ping, "map": self.map, "dashboard": self.dashboard,
                **{name: self.match_command for name in MATCH_COMMANDS}}

    def seat_requests(self) -> dict[str, Handler]:
        """Taking a seat by message, and the chat's older pages (a host with a lobby)."""
        return {"join": self.join, "rejoin": self.rejoin, "spectate": self.spectate,
                "join_team": self.join_team, "chat_history": self.chat_history}

    def ping(self, link: Link, message: dict[str, Any]) -> Reply:
        return {"type": "pong", "version": protocol.PROTOCOL_VERSION}

    def map(self, link: Link, message: dict[str, Any]) -> Reply:
        return map_reply(self.followed(link))

    def dashboard(self, link: Link, message: dict[str, Any]) -> Reply:
        match, seat = self.acting(link)
        return {"type": "dashboard", **match.dashboard(seat, self.clock())}

    def match_command(self, link: Link, message: dict[str, Any]) -> Outcome:
        match, seat = self.acting(link)
        return run_command(match, seat, message, self.clock())

    def spectators_refused(self, handler: Handler) -> Handler:
        """``handler``, refused to spectators before the match is asked (the in-process
        hosts' reading: their spectator is a screen, not a seat)."""
        def refuse(link: Link, message: dict[str, Any]) -> Reply:
            if link.seat == SPECTATOR:
                raise MatchError("not_allowed", "spectators cannot act in the match")
            return handler(link, message)
        return refuse

    def human_seat(self, match: Match, power: str) -> None:
        """People cannot take a seat the host's bot plays (it takes it without the
        password; it would act for whoever joined)."""
        seat = match.seats.get(power)
        if seat is not None and seat.kind == BOT:
            raise ProtocolError("bad_seat", f"the seat of {power} is played by the host's bot")

    def snapshot(self, match: Match, seat: str) -> dict[str, Any]:
        """The match as ``seat`` sees it, with only the newest ``chat_snapshot`` chat
        messages: ``chat_from`` is the index of the first one sent, and ``chat_history``
        pages back."""
        if self.chat_snapshot is None:
            return match.snapshot(seat)
        snapshot = dict(match.snapshot(seat))
        chat = snapshot.get("chat", [])
        first = max(0, len(chat) - self.chat_snapshot)
        snapshot["chat"] = chat[first:]
        snapshot["chat_from"] = first
        return snapshot

    def join(self, link: Link, message: dict[str, Any]) -> Reply:
        match = self.to_follow(link, message)
        self.human_seat(match, message["seat"])
        outcome = match.join(message["seat"], self.clock(), name=message.get("name", ""),
                             password=message.get("password", ""))
        self.follow(link, match, message["seat"], outcome.reply["token"])
        outcome.reply = {"type": "joined", "match": match.match_id, "seat": message["seat"],
                         "token": outcome.reply["token"],
                         "snapshot": self.snapshot(match, message["seat"])}
        return outcome

    def rejoin(self, link: Link, message: dict[str, Any]) -> Reply:
        match = self.to_follow(link, message)
        token = message["token"]
        seat = match.seat_for_token(token)
        if seat is None:
            raise ProtocolError("bad_token", "that token opens no seat of this match")
        if self.links_per_token is not None:
            following = sum(1 for other in self.followers[match.match_id]
                            if other.token == token)
            if following >= self.links_per_token:
                raise ProtocolError("too_many_connections", f"{following} connections "
                                    "already follow this match with that token (the most "
                                    "there may be); close one first")
        self.follow(link, match, seat, token)
        return {"type": "joined", "match": match.match_id, "seat": seat,
                "snapshot": self.snapshot(match, seat)}

    def spectate(self, link: Link, message: dict[str, Any]) -> Reply:
        match = self.to_follow(link, message)
        match.check_password(message.get("password", ""))  # a private match is private
        self.follow(link, match, SPECTATOR)
        return {"type": "joined", "match": match.match_id, "seat": SPECTATOR,
                "snapshot": self.snapshot(match, SPECTATOR)}

    def join_team(self, link: Link, message: dict[str, Any]) -> Reply:
        match = self.to_follow(link, message)
        self.human_seat(match, message["seat"])
        outcome = match.join_team(message["seat"], self.clock(), name=message.get("name", ""),
                                  role=message.get("role", ""),
                                  password=message.get("password", ""))
        seat = outcome.reply["seat"]
        self.follow(link, match, seat, outcome.reply["token"])
        outcome.reply = {"type": "joined", "match": match.match_id, "seat": seat,
                         "token": outcome.reply["token"], "lead": outcome.reply["lead"],
                         "snapshot": self.snapshot(match, seat)}
        return outcome

    def chat_history(self, link: Link, message: dict[str, Any]) -> Reply:
        """Older chat, a page at a time: the (at most ``chat_page``) messages this seat may
        read just before index ``before`` (the ``chat_from`` of the snapshot, then of each
        page)."""
        match, seat = self.acting(link)
        chat = match.snapshot(seat)["chat"]
        before = min(message["before"], len(chat))
        first = max(0, before - max(1, min(message.get("limit", self.chat_page),
                                           self.chat_page)))
        return {"type": "chat_page", "messages": chat[first:before], "chat_from": first}
