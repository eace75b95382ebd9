"""One match's life (ARCHITECTURE.md): seats, chat, proposals, orders, ready flags,
deadlines, adjudication, and the event log that all of it is a fold of.

Every command is checked first; only then is its event written to the journal (storage),
appended to the log and applied. ``Match.replay(log)`` applies the same events in the same
order, so it rebuilds the same match (the same state hash) without re-running any checks.
There is no clock here: each command carries ``now`` (seconds, any epoch the caller likes),
so a deadline is just a number compared with another.

Commands return an ``Outcome``: the reply for the caller and the pushes for the seats that
must hear of it. Everything that leaves for a seat goes through ``view``/``view_report`` or
through the visibility rules of this module (RULES.md §7); nothing secret is handed out to
be hidden later.
"""

from __future__ import annotations

import copy
import secrets
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any, Callable, Iterable

from game.engine import Scenario, State, adjudicate, build_scenario, initial_state, \
    pact_problems, rules_with, validate_power_orders
from game.engine.params import Rules, rules_to_dict
from game.engine.terms import pact_members
from game.engine.view import view, view_report

from .errors import MatchError
from .planning import DECLINED, OPEN, PUBLIC, SIGNED, WITHDRAWN, ChatMessage, Proposal, \
    channel_key, channel_wire
from .seats import BOT, EMPTY, HUMAN, SEAT_KINDS, SPECTATOR, UMPIRE, Seat, new_token, \
    password_hash, password_matches, token_hash, token_matches

PLANNING = "planning"
OVER = "over"

MAX_CHAT_LENGTH = 2000
MAX_OPEN_PROPOSALS = 20   # per proposer per turn: proposals are cheap to make, costly to read
MAX_NAME_LENGTH = 40

Journal = Callable[[dict[str, Any]], None]


@dataclass(frozen=True)
class MatchSettings:
    """How a match is set up. ``fog`` None keeps the scenario's; ``deadline`` is seconds of
    planning per turn (None: no deadline); ``seats`` maps powers to human/bot/empty
    (unlisted powers are human); ``personalities`` names the bot personality of bot seats
    (game/bots; unlisted bot seats get the default one)."""

    name: str = ""
    seed: int = 0
    fog: bool | None = None
    deadline: float | None = None
    password: str = ""
    seats: dict[str, str] = field(default_factory=dict)
    personalities: dict[str, str] = field(default_factory=dict)


class Push:
    """A message for every connection whose seat is in ``seats``.

    A push may be given a function that makes its message instead of the message: it is
    made on first use, so a per-seat turn result for a seat nobody follows, or any push
    while a log is replayed, costs nothing.
    """

    __slots__ = ("seats", "_message", "_make")

    def __init__(self, seats: frozenset[str], message: dict[str, Any] | None = None, *,
                 make: Callable[[], dict[str, Any]] | None = None) -> None:
        if (message is None) == (make is None):
            raise ValueError("a push needs a message or a way to make one, not both")
        self.seats = seats
        self._message = message
        self._make = make

    @property
    def message(self) -> dict[str, Any]:
        if self._message is None:
            self._message = self._make()
            self._make = None
        return self._message

    def __repr__(self) -> str:
        return f"Push({sorted(self.seats)}, {self.message.get('type')!r})"


@dataclass
class Outcome:
    reply: dict[str, Any] = field(default_factory=dict)
    pushes: list[Push] = field(default_factory=list)


def _scenario_of(created: dict[str, Any]) -> Scenario:
    """The scenario a match was created with, from the documents its log carries.

    The log keeps the map and scenario documents themselves, so a saved match replays the
    same way even after the shipped map files change.
    """
    docs = created["scenario"]
    scenario = build_scenario(docs["map"], docs["scenario"])
    return replace(scenario, rules=rules_with(Rules(), created["rules"]))


class Match:
    """One match. Build it with ``Match.create`` or ``Match.replay``, never directly."""

    def __init__(self, journal: Journal | None = None) -> None:
        self.journal = journal
        self.log: list[dict[str, Any]] = []
        self.match_id = ""
        self.name = ""
        self.scenario: Scenario
        self.state: State
        self.seats: dict[str, Seat] = {}
        self.deadline: float | None = None
        self.deadline_at: float | None = None
        self.password_salt = ""
        self.password_hash = ""
        self.umpire_hash = ""
        self.chat: list[ChatMessage] = []
        self.proposals: dict[str, Proposal] = {}
        self.proposal_count = 0
        self.orders: dict[str, list[dict[str, Any]]] = {}
        self.ready: dict[str, bool] = {}
        # Turn n's report is reports[n - 1]; states[n - 1] is the state at the start of turn n.
        self.states: list[State] = []
        self.reports: list[dict[str, Any]] = []
        self._result: tuple[State, dict[str, Any]] | None = None

    # --- building ------------------------------------------------------------------------

    @classmethod
    def create(cls, scenario: Scenario, *, match_id: str, now: float,
               settings: MatchSettings = MatchSettings(),
               journal: Journal | None = None) -> tuple["Match", str]:
        """A new match and its umpire token (shown once: only its hash is kept)."""
        for power, kind in settings.seats.items():
            if power not in scenario.power_index:
                raise MatchError("bad_seat", f"there is no power {power!r} in {scenario.name}")
            if kind not in SEAT_KINDS:
                raise MatchError("bad_seat", f"a seat is one of {', '.join(SEAT_KINDS)}, "
                                             f"not {kind!r}")
        if settings.deadline is not None and not settings.deadline > 0:
            raise MatchError("not_allowed", "a deadline must be a positive number of seconds")
        rules = rules_to_dict(scenario.rules)
        if settings.fog is not None:
            rules["fog"] = bool(settings.fog)
        umpire_token = new_token()
        salt = secrets.token_hex(8)
        event = {
            "type": "created", "match": match_id, "name": settings.name or scenario.name,
            "scenario": {"map": scenario.map_doc, "scenario": scenario.scenario_doc},
            "rules": rules, "seed": int(settings.seed), "deadline": settings.deadline,
            "seats": {p: settings.seats.get(p, HUMAN) for p in scenario.power_ids},
            "personalities": {p: str(name) for p, name in settings.personalities.items()
                              if settings.seats.get(p) == BOT},
            "password_salt": salt,
            "password_hash": password_hash(settings.password, salt) if settings.password else "",
            "umpire": token_hash(umpire_token),
        }
        match = cls(journal)
        match._record(event, now)
        return match, umpire_token

    @classmethod
    def replay(cls, log: Iterable[dict[str, Any]], journal: Journal | None = None) -> "Match":
        """The match a log describes, rebuilt event by event (no checks are re-run: the log
        holds only commands that were accepted). ``journal`` receives later events only."""
        match = cls(None)
        for event in log:
            if event.get("seq") != len(match.log):
                raise ValueError(f"event log out of order at {len(match.log)}: "
                                 f"found seq {event.get('seq')!r}")
            match._apply(event)
            match.log.append(event)
        match.journal = journal
        return match

    # --- reading -------------------------------------------------------------------------

    @property
    def turn(self) -> int:
        return self.state.turn

    @property
    def phase(self) -> str:
        return OVER if self.state.over else PLANNING

    @property
    def powers(self) -> list[str]:
        return self.scenario.power_ids

    def seat_for_token(self, token: str) -> str | None:
        """The seat (a power or ``umpire``) a token opens, or None."""
        if token_matches(token, self.umpire_hash):
            return UMPIRE
        for seat in self.seats.values():
            if token_matches(token, seat.token_hash):
                return seat.power
        return None

    def awaited(self) -> list[str]:
        """The powers whose ready flags end the planning phase: human seats, and bot seats a
        bot has joined, of powers still in the game."""
        return [p for p, seat in self.seats.items()
                if not self.state.power(p).eliminated
                and (seat.kind == HUMAN or (seat.kind == BOT and seat.occupied))]

    def summary(self) -> dict[str, Any]:
        """What the lobby shows about the match (nothing secret)."""
        return {"match": self.match_id, "name": self.name, "scenario": self.scenario.name,
                "turn": self.turn, "label": self.state.label, "phase": self.phase,
                "fog": bool(self.scenario.rules.fog), "deadline": self.deadline,
                "password": bool(self.password_hash),
                "seats": [s.public() for s in self.seats.values()]}

    def snapshot(self, seat: str) -> dict[str, Any]:
        """Everything ``seat`` may know now: sent on joining and on every reconnect."""
        last = self.reports[-1] if self.reports else None
        report = (view_report(last, self.states[-2], self.states[-1], seat)
                  if last is not None else None)
        return {
            **self.summary(), "seat": seat, "deadline_at": self.deadline_at,
            "powers": [{"id": p.id, "name": p.name, "color": p.color}
                       for p in self.scenario.powers],
            "ready": dict(self.ready),
            "view": view(self.state, seat),
            "orders": self._orders_for(seat),
            "chat": [m.to_json() for m in self.chat if self._hears(seat, m.channel)],
            "proposals": [p.to_json() for p in self.proposals.values()
                          if seat == UMPIRE or seat in p.members],
            "report": report,
            "winner": copy.deepcopy(self.state.winner),
        }

    def check_password(self, password: Any) -> None:
        """Raise unless the password opens this match (always, when it has none)."""
        if self.password_hash and not password_matches(password, self.password_salt,
                                                        self.password_hash):
            raise MatchError("bad_password", "the match password is wrong")

    def _orders_for(self, seat: str) -> dict[str, list[dict[str, Any]]]:
        if seat == UMPIRE:
            return copy.deepcopy(self.orders)
        if seat in self.orders:
            return {seat: copy.deepcopy(self.orders[seat])}
        return {}

    def _hears(self, seat: str, channel: tuple[str, ...]) -> bool:
        return channel == (PUBLIC,) or seat == UMPIRE or seat in channel

    def _everyone(self) -> frozenset[str]:
        return frozenset(self.powers) | {SPECTATOR, UMPIRE}

    # --- commands ------------------------------------------------------------------------

    def join(self, power: str, now: float, *, name: str = "", password: str = "") -> Outcome:
        """Take an open seat; the reply carries the seat's secret token (shown only here)."""
        seat = self.seats.get(power)
        if seat is None or seat.kind == EMPTY:
            raise MatchError("bad_seat", f"there is no seat {power!r} to take in this match")
        self.check_password(password)
        if seat.occupied:
            raise MatchError("seat_taken", f"the seat of {power} is already taken")
        if not isinstance(name, str) or len(name) > MAX_NAME_LENGTH:
            raise MatchError("not_allowed", f"a player name is at most {MAX_NAME_LENGTH} "
                                            "characters")
        token = new_token()
        pushes = self._record({"type": "joined", "seat": power, "token": token_hash(token),
                               "name": name}, now)
        return Outcome({"seat": power, "token": token}, pushes)

    def send_chat(self, seat: str, channel: Any, text: Any, now: float) -> Outcome:
        """Post to the public channel or to a group of powers the sender belongs to."""
        key = channel_key(channel, self.powers)
        if key is None:
            raise MatchError("bad_channel", "a channel is 'public' or a list of two or more "
                                            "different powers of this match")
        if seat == UMPIRE:
            if key != (PUBLIC,):
                raise MatchError("bad_channel", "the umpire speaks on the public channel only")
        elif seat not in self.seats:
            raise MatchError("not_allowed", "spectators cannot chat")
        elif key != (PUBLIC,) and seat not in key:
            raise MatchError("bad_channel", f"{seat} is not a member of that channel")
        if not isinstance(text, str) or not text.strip() or len(text) > MAX_CHAT_LENGTH:
            raise MatchError("not_allowed", f"a chat message is 1 to {MAX_CHAT_LENGTH} "
                                            "characters of text")
        return Outcome({}, self._record({"type": "chat", "seat": seat, "channel": list(key),
                                         "text": text}, now))

    def propose(self, seat: str, terms: Any, now: float) -> Outcome:
        """Propose a pact with full terms; the proposer must be among its members and counts
        as accepting it."""
        self._need_power_planning(seat)
        live = [p for p in self.powers if not self.state.power(p).eliminated]
        problems = pact_problems(terms, live, self.scenario.map.ids)
        if not problems and seat not in pact_members(terms):
            problems = [f"the proposer {seat} must be one of the pact's members"]
        if problems:
            raise MatchError("bad_terms", "; ".join(problems))
        mine = sum(1 for p in self.proposals.values() if p.proposer == seat)
        if mine >= MAX_OPEN_PROPOSALS:
            raise MatchError("not_allowed", f"at most {MAX_OPEN_PROPOSALS} proposals per "
                                            "power per turn")
        proposal_id = f"X{self.proposal_count + 1}"
        pushes = self._record({"type": "proposed", "seat": seat, "proposal": proposal_id,
                               "terms": copy.deepcopy(terms)}, now)
        return Outcome({"proposal": proposal_id}, pushes)

    def accept(self, seat: str, proposal_id: Any, now: float) -> Outcome:
        proposal = self._open_proposal(seat, proposal_id)
        if seat in proposal.accepted:
            return Outcome({"proposal": proposal.id, "status": proposal.status})
        pushes = self._record({"type": "accepted", "seat": seat, "proposal": proposal.id}, now)
        return Outcome({"proposal": proposal.id, "status": proposal.status}, pushes)

    def decline(self, seat: str, proposal_id: Any, now: float) -> Outcome:
        proposal = self._open_proposal(seat, proposal_id)
        if seat == proposal.proposer:
            raise MatchError("not_allowed", "the proposer withdraws a proposal, not declines it")
        pushes = self._record({"type": "declined", "seat": seat, "proposal": proposal.id}, now)
        return Outcome({"proposal": proposal.id, "status": DECLINED}, pushes)

    def withdraw(self, seat: str, proposal_id: Any, now: float) -> Outcome:
        proposal = self._open_proposal(seat, proposal_id)
        if seat != proposal.proposer:
            raise MatchError("not_allowed", "only the proposer can withdraw a proposal")
        pushes = self._record({"type": "withdrawn", "seat": seat, "proposal": proposal.id}, now)
        return Outcome({"proposal": proposal.id, "status": WITHDRAWN}, pushes)

    def submit_orders(self, seat: str, orders: Any, now: float) -> Outcome:
        """Replace the seat's orders with this set. Each order is checked at once against
        the start of the turn; the accepted ones are kept, the others come back with the
        engine's reason."""
        self._need_power_planning(seat)
        if not isinstance(orders, list):
            raise MatchError("bad_orders", "orders must be a list")
        accepted, rejected = validate_power_orders(self.state, seat, orders)
        docs = [dict(order.doc) for order in accepted]
        pushes = self._record({"type": "orders", "seat": seat, "orders": docs}, now)
        return Outcome({"accepted": docs,
                        "rejected": [{"order": r.order, "reason": r.reason} for r in rejected]},
                       pushes)

    def set_ready(self, seat: str, ready: bool, now: float) -> Outcome:
        """Raise or lower the seat's ready flag; the turn is adjudicated at once when every
        awaited seat is ready."""
        self._need_power_planning(seat)
        if not isinstance(ready, bool):
            raise MatchError("not_allowed", "ready is true or false")
        pushes = self._record({"type": "ready", "seat": seat, "ready": ready}, now)
        awaited = self.awaited()
        if ready and awaited and all(self.ready.get(p) for p in awaited):
            pushes += self._adjudicate("all_ready", now)
        return Outcome({"ready": ready}, pushes)

    def tick(self, now: float) -> Outcome:
        """Let time pass: adjudicates the turn if its deadline has come."""
        if (self.phase == PLANNING and self.deadline_at is not None
                and now >= self.deadline_at):
            return Outcome({}, self._adjudicate("deadline", now))
        return Outcome()

    def force_adjudicate(self, seat: str, now: float) -> Outcome:
        """The umpire ends the planning phase now."""
        self._need_umpire(seat)
        if self.phase != PLANNING:
            raise MatchError("not_planning", "the match is over")
        return Outcome({}, self._adjudicate("umpire", now))

    def set_deadline(self, seat: str, deadline_at: float | None, now: float) -> Outcome:
        """The umpire moves (or removes, with None) this turn's deadline."""
        self._need_umpire(seat)
        if self.phase != PLANNING:
            raise MatchError("not_planning", "the match is over")
        if deadline_at is not None and not isinstance(deadline_at, (int, float)):
            raise MatchError("not_allowed", "a deadline is a time in seconds, or none")
        return Outcome({}, self._record({"type": "deadline", "deadline_at": deadline_at}, now))

    def release_seat(self, seat: str, power: Any, now: float) -> Outcome:
        """The umpire frees a power's seat (a player who lost the token, or left): the old
        token stops working and someone else may join; orders already given stay."""
        self._need_umpire(seat)
        held = self.seats.get(power) if isinstance(power, str) else None
        if held is None or not held.occupied:
            raise MatchError("bad_seat", f"no one holds a seat {power!r} to release")
        return Outcome({"seat": power}, self._record({"type": "released", "seat": power}, now))

    # --- checks shared by commands --------------------------------------------------------

    def _need_power_planning(self, seat: str) -> None:
        if seat not in self.seats:
            raise MatchError("not_allowed", "only a power's seat can do that")
        if self.phase != PLANNING:
            raise MatchError("not_planning", "the match is over")
        if self.state.power(seat).eliminated:
            raise MatchError("not_allowed", f"{seat} has been eliminated")

    def _need_umpire(self, seat: str) -> None:
        if seat != UMPIRE:
            raise MatchError("not_allowed", "only the umpire can do that")

    def _open_proposal(self, seat: str, proposal_id: Any) -> Proposal:
        self._need_power_planning(seat)
        proposal = self.proposals.get(proposal_id) if isinstance(proposal_id, str) else None
        if proposal is None or seat not in proposal.members:
            raise MatchError("no_proposal", f"there is no proposal {proposal_id!r} for {seat}")
        if proposal.status != OPEN:
            raise MatchError("no_proposal", f"proposal {proposal.id} is {proposal.status}")
        return proposal

    def _adjudicate(self, reason: str, now: float) -> list[Push]:
        # Run the engine before recording: should it fail, nothing has been written and the
        # log stays replayable. The fold then takes this result instead of recomputing it.
        self._result = self._run_engine()
        try:
            return self._record({"type": "adjudicated", "reason": reason}, now)
        finally:
            self._result = None

    def _run_engine(self) -> tuple[State, dict[str, Any]]:
        """The turn adjudicated with the orders in and the proposals signed, in signing order."""
        signed = [p.terms for p in self.proposals.values() if p.status == SIGNED]
        return adjudicate(self.state, {p: list(o) for p, o in self.orders.items()}, signed)

    # --- the log -------------------------------------------------------------------------

    def _record(self, event: dict[str, Any], now: float) -> list[Push]:
        """Journal the event, then apply it and append it to the log: the one way a match
        changes. Returns the pushes it causes."""
        event = {"seq": len(self.log), "at": float(now), **event}
        if self.journal is not None:
            self.journal(event)
        pushes = self._apply(event)
        self.log.append(event)
        return pushes

    def _apply(self, event: dict[str, Any]) -> list[Push]:
        handler = getattr(self, f"_on_{event['type']}", None)
        if handler is None:
            raise ValueError(f"unknown event type {event['type']!r} in the log")
        return handler(event)

    # --- the fold: one method per event type ----------------------------------------------

    def _on_created(self, event: dict[str, Any]) -> list[Push]:
        self.match_id = event["match"]
        self.name = event["name"]
        self.scenario = _scenario_of(event)
        self.state = initial_state(self.scenario, seed=event["seed"])
        self.states = [self.state]
        personalities = event.get("personalities", {})
        self.seats = {p: Seat(p, kind, personality=personalities.get(p, ""))
                      for p, kind in event["seats"].items()}
        self.deadline = event["deadline"]
        self.password_salt = event["password_salt"]
        self.password_hash = event["password_hash"]
        self.umpire_hash = event["umpire"]
        self._start_planning(event["at"])
        return []

    def _on_joined(self, event: dict[str, Any]) -> list[Push]:
        seat = self.seats[event["seat"]]
        seat.token_hash = event["token"]
        seat.name = event["name"]
        return [Push(self._everyone(), {"type": "seat", **seat.public()})]

    def _on_released(self, event: dict[str, Any]) -> list[Push]:
        seat = self.seats[event["seat"]]
        seat.token_hash = None
        seat.name = ""
        return [Push(self._everyone(), {"type": "seat", **seat.public()})]

    def _on_chat(self, event: dict[str, Any]) -> list[Push]:
        key = tuple(event["channel"])
        message = ChatMessage(key, event["seat"], event["text"], self.turn, event["at"])
        self.chat.append(message)
        audience = self._everyone() if key == (PUBLIC,) else frozenset(key) | {UMPIRE}
        return [Push(audience, {"type": "chat", **message.to_json()})]

    def _on_proposed(self, event: dict[str, Any]) -> list[Push]:
        self.proposal_count += 1
        proposal = Proposal(id=event["proposal"], proposer=event["seat"],
                            terms=event["terms"], members=pact_members(event["terms"]),
                            turn=self.turn, accepted=[event["seat"]])
        self.proposals[proposal.id] = proposal
        return self._proposal_push(proposal)

    def _on_accepted(self, event: dict[str, Any]) -> list[Push]:
        proposal = self.proposals[event["proposal"]]
        proposal.accepted.append(event["seat"])
        if set(proposal.accepted) >= set(proposal.members):
            proposal.status = SIGNED
        return self._proposal_push(proposal)

    def _on_declined(self, event: dict[str, Any]) -> list[Push]:
        proposal = self.proposals[event["proposal"]]
        proposal.status = DECLINED
        return self._proposal_push(proposal, by=event["seat"])

    def _on_withdrawn(self, event: dict[str, Any]) -> list[Push]:
        proposal = self.proposals[event["proposal"]]
        proposal.status = WITHDRAWN
        return self._proposal_push(proposal)

    def _proposal_push(self, proposal: Proposal, by: str | None = None) -> list[Push]:
        # Proposals are seen only by the powers they name (RULES.md §7), secret or not.
        message = {"type": "proposal", **proposal.to_json()}
        if by:
            message["by"] = by
        return [Push(frozenset(proposal.members) | {UMPIRE}, message)]

    def _on_orders(self, event: dict[str, Any]) -> list[Push]:
        self.orders[event["seat"]] = event["orders"]
        return [Push(frozenset({event["seat"], UMPIRE}),
                     {"type": "orders", "power": event["seat"], "orders": event["orders"]})]

    def _on_ready(self, event: dict[str, Any]) -> list[Push]:
        self.ready[event["seat"]] = event["ready"]
        return [Push(self._everyone(),
                     {"type": "ready", "power": event["seat"], "ready": event["ready"]})]

    def _on_deadline(self, event: dict[str, Any]) -> list[Push]:
        self.deadline_at = event["deadline_at"]
        return [Push(self._everyone(), {"type": "deadline", "turn": self.turn,
                                        "deadline_at": self.deadline_at})]

    def _on_adjudicated(self, event: dict[str, Any]) -> list[Push]:
        before = self.state
        after, report = self._result or self._run_engine()
        self.state = after
        self.states.append(after)
        self.reports.append(report)
        self._start_planning(event["at"])
        pushes = []
        for seat in self._everyone():
            pushes.append(Push(frozenset({seat}), make=partial(
                _turn_result, before, after, report, seat, event["reason"], self.deadline_at)))
        if after.over:
            pushes.append(Push(self._everyone(), {"type": "match_over",
                                                  "winner": copy.deepcopy(after.winner)}))
        return pushes

    def _start_planning(self, at: float) -> None:
        """A new planning phase: proposals lapse, orders and ready flags are cleared."""
        self.proposals = {}
        self.orders = {}
        self.ready = {p: False for p in self.seats}
        self.deadline_at = (at + self.deadline
                            if self.deadline is not None and not self.state.over else None)


def _turn_result(before: State, after: State, report: dict[str, Any], seat: str, reason: str,
                 deadline_at: float | None) -> dict[str, Any]:
    """What one seat is told when a turn has been adjudicated: its view of the new state and
    its filtered report. States are frozen, so making this later gives the same message."""
    return {"type": "turn_result", "turn": after.turn, "label": after.label, "reason": reason,
            "deadline_at": deadline_at, "view": view(after, seat),
            "report": view_report(report, before, after, seat)}
