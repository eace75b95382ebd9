"""One match's life (docs/ARCHITECTURE.md): seats and teams, chat, proposals, orders, ready
flags, deadlines, adjudication, and the event log that all of it is a fold of.

Every command is checked first; only then is its event written to the journal (storage),
appended to the log and applied. ``Match.replay(log)`` applies the same events in the same
order, so it rebuilds the same match (the same state hash) without re-running any checks.
There is no clock here: each command carries ``now`` (seconds, any epoch the caller likes),
so a deadline is just a number compared with another.

Commands return an ``Outcome``: the reply for the caller and the pushes for the seats that
must hear of it. Who may see what is decided in ``visibility.py`` alone (RULES.md §7): every
push is addressed, and every per-seat message cut, through it; nothing secret is handed out
to be hidden later. A push addressed to a power reaches its whole team (``_record`` adds the
members), so handlers name powers, never members.

The workshop's commands live beside this core: team play in ``teamwork.py``, the
umpire's in ``umpire.py``; both are mixed into ``Match`` and follow the same rules.
"""

from __future__ import annotations

import copy
import secrets
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any, Callable, Iterable

from game.engine import Scenario, State, adjudicate, build_scenario, initial_state, \
    pact_problems, rules_with, state_from_json, validate_power_orders
from game.engine.params import Rules, rules_to_dict
from game.engine.world import PowerInfo
from game.engine.terms import pact_members
from game.world_edits.injects import scripted_for

from . import clock
from .briefs import BriefCommands
from .channels import NEGOTIATION, ORDERS, PUBLIC, STAGES, TEAM_PREFIX, Channel, \
    channel_from_json, opening_channels, team_channel
from .errors import MatchError
from .log_events import LogEvent
from .outcome import Outcome, Push
from .phases import OVER, PLANNING, REVIEW
from .planning import DECLINED, OPEN, SIGNED, WITHDRAWN, ChatMessage, Proposal, \
    channel_key
from .review import Pending
from .roles import RoleToken
from .seats import BOT, EMPTY, HUMAN, SEAT_KINDS, UMPIRE, Seat, new_token, \
    password_hash, password_matches, token_hash, token_matches
from .teams import MAX_TEAM_SIZE, Member, copy_orders
from .sharing import SharingCommands
from .teamwork import TeamCommands
from .umpire import UmpireCommands
from .visibility import PactAliases, Visibility, seat_report, seat_view


MAX_CHAT_LENGTH = 2000
MAX_OPEN_PROPOSALS = 20   # per proposer per turn: proposals are cheap to make, costly to read
MAX_NAME_LENGTH = 40

Journal = Callable[[dict[str, Any]], None]


@dataclass(frozen=True)
class MatchSettings:
    """How a match is set up. ``fog`` None keeps the scenario's; ``deadline`` is seconds of
    planning per turn (None: no deadline); ``seats`` maps powers to human/bot/empty
    (unlisted powers are human); ``personalities`` names the bot personality of bot seats
    (game/bots; unlisted bot seats get the default one) and, with ``bot_takeover``, of the
    bot that takes over a human seat with no orders at the deadline. ``review`` holds each
    turn's result for the umpire to release; ``opening_stage`` is the planning stage each
    turn starts in (``negotiation`` refuses orders until the umpire opens them);
    ``team_size`` is the most people one power's team may hold; ``channels`` are named
    channels the match opens with (configs as the umpire's ``set_channel`` takes);
    ``talks_deadline`` is seconds of the negotiation stage, after which orders open by
    themselves and ``deadline`` runs (None: the umpire opens orders)."""

    name: str = ""
    seed: int = 0
    fog: bool | None = None
    deadline: float | None = None
    password: str = ""
    seats: dict[str, str] = field(default_factory=dict)
    personalities: dict[str, str] = field(default_factory=dict)
    review: bool = False
    bot_takeover: bool = False
    opening_stage: str = ORDERS
    team_size: int = MAX_TEAM_SIZE
    channels: tuple[dict[str, Any], ...] = ()
    talks_deadline: float | None = None


#: The workshop options of a ``create_match`` message (docs/PROTOCOL.md §5), each the
#: MatchSettings field of the same name; the match checks their values.
WORKSHOP_OPTIONS = ("review", "bot_takeover", "opening_stage", "team_size", "channels",
                    "talks_deadline")


def workshop_settings(message: dict[str, Any]) -> dict[str, Any]:
    """The MatchSettings fields a ``create_match`` message sets for a workshop (only those
    it carries, so the others keep their defaults)."""
    options = {k: message[k] for k in WORKSHOP_OPTIONS if k in message}
    if "channels" in options:
        options["channels"] = tuple(options["channels"])
    return options


def _scenario_of(created: dict[str, Any]) -> Scenario:
    """The scenario a match was created with, from the documents its log carries.

    The log keeps the map and scenario documents themselves, so a saved match replays the
    same way even after the shipped map files change.
    """
    docs = created["scenario"]
    scenario = build_scenario(docs["map"], docs["scenario"])
    return replace(scenario, rules=rules_with(Rules(), created["rules"]))


class Match(TeamCommands, UmpireCommands, SharingCommands, BriefCommands, Visibility):
    """One match. Build it with ``Match.create``, ``Match.replay`` or ``fork``, never
    directly."""

    def __init__(self, journal: Journal | None = None) -> None:
        self.journal = journal
        self.log: list[dict[str, Any]] = []
        self.match_id = ""
        self.name = ""
        self.forked_from: dict[str, Any] | None = None
        self.scenario: Scenario
        self.state: State
        self.seats: dict[str, Seat] = {}
        self.members: dict[str, Member] = {}        # team members other than the leads
        self.member_count: dict[str, int] = {}      # members a team ever had (ids never reused)
        self.team_size = MAX_TEAM_SIZE
        self.talks_deadline: float | None = None     # seconds of the negotiation stage
        self.role_tokens: list[RoleToken] = []
        self.observers_see_all = False
        self.deadline: float | None = None
        self.deadline_at: float | None = None
        self.paused = False
        self.remaining: float | None = None         # seconds left, while paused
        self.warning: float | None = None           # seconds before the deadline to warn
        self.warned = False
        self.password_salt = ""
        self.password_hash = ""
        self.umpire_hash = ""
        self.channels: dict[str, Channel] = {}
        self.opening_stage = ORDERS
        self.stage = ORDERS
        self.chat: list[ChatMessage] = []
        self.proposals: dict[str, Proposal] = {}
        self.proposal_count = 0
        self.drafts: dict[str, list[dict[str, Any]]] = {}
        self.sharing: set[str] = set()       # powers sharing planned orders with allies
        self.orders: dict[str, list[dict[str, Any]]] = {}
        self.ready: dict[str, bool] = {}
        self.review = False
        self.pending: Pending | None = None
        self.feedback: dict[str, str] = {}          # the umpire's words with the last result
        self.takeover: dict[str, str] | None = None  # power -> bot personality, when enabled
        self.last_action: dict[str, float] = {}     # seat or member id -> time of its last act
        self.injects: list[dict[str, Any]] = []     # as told, for later snapshots
        self.intents: list[dict[str, Any]] = []
        self.insights: list[dict[str, Any]] = []
        # Turn n's report is reports[n - first_turn - 1]; states[n - first_turn] is the
        # state at the start of turn n, as adjudicated (before that turn's injects and
        # edits). A fork's first turn is the turn it was forked at.
        self.first_turn = 1
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
        if settings.deadline is not None and not (clock.within(settings.deadline)
                                                  and settings.deadline > 0):
            raise MatchError("not_allowed", "a deadline must be a positive number of seconds, "
                                            f"at most {clock.MAX_SECONDS:.0f}")
        if settings.talks_deadline is not None and not (
                isinstance(settings.talks_deadline, (int, float))
                and not isinstance(settings.talks_deadline, bool)
                and clock.within(settings.talks_deadline) and settings.talks_deadline > 0):
            raise MatchError("not_allowed", "the talks deadline is a positive number of "
                                            f"seconds, at most {clock.MAX_SECONDS:.0f}")
        if settings.opening_stage not in STAGES:
            raise MatchError("not_allowed", f"a turn opens in one of {', '.join(STAGES)}")
        if not 1 <= settings.team_size <= MAX_TEAM_SIZE:
            raise MatchError("not_allowed", f"a team holds 1 to {MAX_TEAM_SIZE} people")
        try:
            channels = opening_channels(settings.channels, scenario.power_ids)
        except ValueError as err:
            raise MatchError("bad_channel", str(err)) from None
        rules = rules_to_dict(scenario.rules)
        if settings.fog is not None:
            rules["fog"] = bool(settings.fog)
        umpire_token = new_token()
        salt = secrets.token_hex(8)
        seats = {p: settings.seats.get(p, HUMAN) for p in scenario.power_ids}
        event = {
            "type": "created", "match": match_id, "name": settings.name or scenario.name,
            "scenario": {"map": scenario.map_doc, "scenario": scenario.scenario_doc},
            "rules": rules, "seed": int(settings.seed), "deadline": settings.deadline,
            "seats": seats,
            "personalities": {p: str(name) for p, name in settings.personalities.items()
                              if settings.seats.get(p) == BOT},
            "password_salt": salt,
            "password_hash": password_hash(settings.password, salt) if settings.password else "",
            "umpire": token_hash(umpire_token),
            "review": bool(settings.review),
            "takeover": ({p: str(settings.personalities.get(p, "")) for p, kind in seats.items()
                          if kind == HUMAN} if settings.bot_takeover else None),
            "opening_stage": settings.opening_stage,
            "team_size": settings.team_size,
        }
        if channels:    # only then, so a match without them logs what it always did
            event["channels"] = channels
        if settings.talks_deadline is not None:
            event["talks_deadline"] = float(settings.talks_deadline)
        match = cls(journal)
        match._record(event, now)
        match._begin_turn(now)
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
        """``planning``, ``review`` (a result awaits the umpire's release) or ``over``."""
        if self.state.over:
            return OVER
        return REVIEW if self.pending is not None else PLANNING

    @property
    def powers(self) -> list[str]:
        return self.scenario.power_ids

    def state_at(self, turn: int) -> State:
        """The state at the start of ``turn``, as adjudicated (IndexError if never played)."""
        if not self.first_turn <= turn <= self.first_turn + len(self.states) - 1:
            raise IndexError(turn)
        return self.states[turn - self.first_turn]

    def seat_for_token(self, token: str) -> str | None:
        """The seat a token opens: a power, a team member id (``RED.2``), ``umpire``,
        ``observer`` or ``analyst``; None when it opens nothing."""
        if token_matches(token, self.umpire_hash):
            return UMPIRE
        for seat in self.seats.values():
            if token_matches(token, seat.token_hash):
                return seat.power
        for member in self.members.values():
            if token_matches(token, member.token_hash):
                return member.id
        for role in self.role_tokens:
            if not role.revoked and token_matches(token, role.token_hash):
                return role.role
        return None

    def power_of(self, seat: str) -> str | None:
        """The power a seat plays for (a lead or a team member), or None."""
        if not isinstance(seat, str):
            return None
        if seat in self.seats:
            return seat
        member = self.members.get(seat)
        return member.power if member is not None else None

    def awaited(self) -> list[str]:
        """The powers whose ready flags end the planning phase: human seats, and bot seats a
        bot has joined, of powers still in the game."""
        return [p for p, seat in self.seats.items()
                if not self.state.power(p).eliminated
                and (seat.kind == HUMAN or (seat.kind == BOT and seat.occupied))]

    def seat_public(self, power: str) -> dict[str, Any]:
        """What everyone may know of a power's seat and team (never a token)."""
        return {**self.seats[power].public(),
                "members": [m.public() for m in self.members.values() if m.power == power]}

    def summary(self) -> dict[str, Any]:
        """What the lobby shows about the match (nothing secret)."""
        return {"match": self.match_id, "name": self.name, "scenario": self.scenario.name,
                "turn": self.turn, "label": self.state.label, "phase": self.phase,
                "fog": bool(self.scenario.rules.fog), "deadline": self.deadline,
                "password": bool(self.password_hash),
                "seats": [self.seat_public(p) for p in self.seats],
                "forked_from": copy.deepcopy(self.forked_from)}

    def clock(self) -> dict[str, Any]:
        """The turn's clock as everyone sees it (the ``clock`` push)."""
        return {"type": "clock", "turn": self.turn, "deadline_at": self.deadline_at,
                "paused": self.paused, "remaining": self.remaining, "warning": self.warning,
                "stage": self.stage}

    def _par_of(self, info: PowerInfo) -> dict[str, Any]:
        """Ruleset 2: a power's par and objective points, so a client can show the score
        against par (public scenario terms; nothing in a ruleset-1 snapshot changes)."""
        if self.scenario.rules.ruleset != 2:
            return {}
        return {"par": info.par, "objectives": dict(info.objectives)}

    def snapshot(self, seat: str) -> dict[str, Any]:
        """Everything ``seat`` may know now: sent on joining and on every reconnect."""
        sees = self.sees(seat)
        power = self.power_of(seat)
        last = self.reports[-1] if self.reports else None
        report = (seat_report(last, self.states[-2], self.states[-1], sees, self.aliases)
                  if last is not None else None)
        snap = {
            **self.summary(), "seat": seat, "power": power, "deadline_at": self.deadline_at,
            "paused": self.paused, "remaining": self.remaining, "warning": self.warning,
            "stage": self.stage, "review": self.review,
            "powers": [{"id": p.id, "name": p.name, "color": p.color, **self._par_of(p)}
                       for p in self.scenario.powers],
            "ready": dict(self.ready),
            "view": seat_view(self.state, sees, self.aliases),
            "orders": self._orders_for(seat),
            "drafts": self._drafts_for(seat),
            "shared": self.shared_for(power),
            "sharing": power in self.sharing,
            "chat": self._chat_for(seat),
            "injects": self._injects_for(seat),
            "channels": self._channels_for(seat),
            "proposals": self._proposals_for(seat),
            "report": report,
            "feedback": self._feedback_for(seat, self.feedback),
            "winner": self._winner_for(seat, self.state.winner),
            "briefs": self.briefs_for(seat),
        }
        if self.pending is not None:
            snap["review_since"] = self.pending.since
        if power is not None:
            snap["draft_rev"] = {power: self.draft_rev(power)}
        if self._reads_notes(seat):
            snap["intents"] = self._notes_for(seat, self.intents)
            snap["insights"] = self._notes_for(seat, self.insights)
        if seat == UMPIRE:
            snap["role_tokens"] = [t.public() for t in self.role_tokens]
            if self.pending is not None:
                snap["pending"] = self._review_message()
        return snap

    def check_password(self, password: Any) -> None:
        """Raise unless the password opens this match (always, when it has none)."""
        if self.password_hash and not password_matches(password, self.password_salt,
                                                        self.password_hash):
            raise MatchError("bad_password", "the match password is wrong")

    def _chat_for(self, seat: str) -> list[dict[str, Any]]:
        """The chat history ``seat`` may read, press authors hidden but for the umpire."""
        hears: dict[tuple[str, ...], bool] = {}   # a match has few channels, many messages
        out = []
        for message in self.chat:
            if message.channel not in hears:
                hears[message.channel] = self._hears(seat, message.channel)
            if hears[message.channel]:
                out.append(message.to_json(reveal=seat == UMPIRE))
        return out

    # --- commands ------------------------------------------------------------------------

    def join(self, power: str, now: float, *, name: str = "", password: str = "",
             role: str = "") -> Outcome:
        """Take an open seat as its lead; the reply carries the seat's secret token (shown
        only here). ``role`` is the lead's role name in the team, if any."""
        seat = self.seats.get(power)
        if seat is None or seat.kind == EMPTY:
            raise MatchError("bad_seat", f"there is no seat {power!r} to take in this match")
        if seat.kind != BOT:   # a bot seat is the host's: its bot needs no password, and
            self.check_password(password)   # the host refuses the seat to people
        if seat.occupied:
            raise MatchError("seat_taken", f"the seat of {power} is already taken")
        self._check_name(name, role)
        token = new_token()
        event = {"type": "joined", "seat": power, "token": token_hash(token), "name": name}
        if role:
            event["role"] = role
        pushes = self._record(event, now)
        return Outcome({"seat": power, "token": token}, pushes)

    def send_chat(self, seat: str, channel: Any, text: str, now: float) -> Outcome:
        """Say something on a channel: ``"public"``, ``"team"`` (the seat's own team),
        ``"team:POWER"`` (the umpire, to a team), a channel the umpire configured, or a list
        of two or more powers including the sender's."""
        key = self._writable_channel(seat, channel)
        if not isinstance(text, str) or not text.strip() or len(text) > MAX_CHAT_LENGTH:
            raise MatchError("not_allowed", f"a chat message is 1 to {MAX_CHAT_LENGTH} "
                                            "characters of text")
        power = self.power_of(seat)
        event = {"type": "chat", "seat": power or UMPIRE, "channel": list(key), "text": text}
        if power is not None and seat != power:
            event["member"] = seat
        return Outcome({}, self._record(event, now))

    def _writable_channel(self, seat: str, channel: Any) -> tuple[str, ...]:
        """The key of the channel ``seat`` may write on now, or a MatchError saying why not."""
        power = self.power_of(seat)
        if power is None and seat != UMPIRE:
            raise MatchError("not_allowed", f"a {seat} seat cannot chat")
        if channel == "team" and power is not None:
            return (team_channel(power),)
        if isinstance(channel, str) and channel.startswith(TEAM_PREFIX):
            team = channel[len(TEAM_PREFIX):]
            if team not in self.seats or (power is not None and team != power):
                raise MatchError("bad_channel", f"{seat} does not belong to {channel}")
            return (channel,)
        named = self.channels.get(channel) if isinstance(channel, str) else None
        if named is not None:
            if power is not None and not named.may_write(power, self.stage):
                if power not in named.members:
                    raise MatchError("bad_channel", f"{power} is not a member of {named.id}")
                if not named.stages:
                    raise MatchError("not_allowed", f"the umpire has closed {named.id}")
                raise MatchError("not_allowed", f"{power} may not write on {named.id} "
                                                f"during {self.stage}")
            return (named.id,)
        key = channel_key(channel, self.powers)
        if key is None:
            raise MatchError("bad_channel", "a channel is 'public', 'team', a channel of this "
                                            "match or a list of two or more different powers")
        if seat == UMPIRE:
            if key != (PUBLIC,):
                raise MatchError("bad_channel", "the umpire speaks on public, team or "
                                                "configured channels, not private ones")
        elif key != (PUBLIC,) and power not in key:
            raise MatchError("bad_channel", f"{power} is not a member of that channel")
        return key

    def propose(self, seat: str, terms: Any, now: float) -> Outcome:
        """Propose a pact with full terms; the proposer must be among its members and counts
        as accepting it."""
        power = self._need_power_planning(seat)
        live = [p for p in self.powers if not self.state.power(p).eliminated]
        problems = pact_problems(terms, live, self.scenario.map.ids, self.scenario.rules.ruleset)
        if not problems and power not in pact_members(terms):
            problems = [f"the proposer {power} must be one of the pact's members"]
        if problems:
            raise MatchError("bad_terms", "; ".join(problems))
        mine = sum(1 for p in self.proposals.values() if p.proposer == power)
        if mine >= MAX_OPEN_PROPOSALS:
            raise MatchError("not_allowed", f"at most {MAX_OPEN_PROPOSALS} proposals per "
                                            "power per turn")
        proposal_id = self.aliases.proposal_id(self.proposal_count + 1)
        pushes = self._record(self._acting(seat, {"type": "proposed", "proposal": proposal_id,
                                                  "terms": copy.deepcopy(terms)}), now)
        return Outcome({"proposal": proposal_id}, pushes)

    def accept(self, seat: str, proposal_id: Any, now: float) -> Outcome:
        proposal, power = self._open_proposal(seat, proposal_id)
        if power in proposal.accepted:
            return Outcome({"proposal": proposal.id, "status": proposal.status})
        pushes = self._record(self._acting(seat, {"type": "accepted",
                                                  "proposal": proposal.id}), now)
        return Outcome({"proposal": proposal.id, "status": proposal.status}, pushes)

    def decline(self, seat: str, proposal_id: Any, now: float) -> Outcome:
        proposal, power = self._open_proposal(seat, proposal_id)
        if power == proposal.proposer:
            raise MatchError("not_allowed", "the proposer withdraws a proposal, not declines it")
        pushes = self._record(self._acting(seat, {"type": "declined",
                                                  "proposal": proposal.id}), now)
        return Outcome({"proposal": proposal.id, "status": DECLINED}, pushes)

    def withdraw(self, seat: str, proposal_id: Any, now: float) -> Outcome:
        proposal, power = self._open_proposal(seat, proposal_id)
        if power != proposal.proposer:
            raise MatchError("not_allowed", "only the proposer can withdraw a proposal")
        pushes = self._record(self._acting(seat, {"type": "withdrawn",
                                                  "proposal": proposal.id}), now)
        return Outcome({"proposal": proposal.id, "status": WITHDRAWN}, pushes)

    def submit_orders(self, seat: str, orders: Any, now: float, base: Any = None) -> Outcome:
        """Replace the team's draft with this set. Each order is checked at once against
        the start of the turn; the accepted ones are kept, the others come back with the
        engine's reason. From the team lead while orders are open, the draft is signed at
        once and counts (``signed`` true); from another member, or during a negotiation
        window, it stays a draft until the lead signs it off."""
        power = self._need_power_planning(seat)
        if not isinstance(orders, list):
            raise MatchError("bad_orders", "orders must be a list")
        orders, unknown = self.aliases.real_orders(orders, self.state, power)
        # A team member who edited an older draft has it merged in (teamwork.py).
        orders, conflicts = self._merge_draft(seat, power, orders, base)
        accepted, rejected = validate_power_orders(self.state, power, orders)
        docs = [dict(order.doc) for order in accepted]
        signed = seat == power and self.stage == ORDERS
        event = {"type": "orders" if signed else "draft", "seat": power, "orders": docs}
        pushes = self._record(self._acting(seat, event), now)
        known = [p.id for p in self.state.pacts]
        reply = {"accepted": self.aliases.orders(docs), "signed": signed,
                 "rejected": unknown + [
                     {"order": self.aliases.order(r.order),
                      "reason": self.aliases.text(r.reason, known)}
                     for r in rejected]}
        if base is not None:
            reply.update(rev=self.draft_rev(power),
                         conflicts=[{**c, "order": self.aliases.order(c["order"]),
                                     "kept": self.aliases.order(c["kept"])}
                                    for c in conflicts])
        return Outcome(reply, pushes)

    def set_ready(self, seat: str, ready: bool, now: float) -> Outcome:
        """Raise or lower the power's ready flag (the team lead's call); the turn is
        adjudicated at once when every awaited seat is ready and the clock is running."""
        power = self._need_lead(seat)
        if not isinstance(ready, bool):
            raise MatchError("not_allowed", "ready is true or false")
        if ready and self.stage != ORDERS:
            raise MatchError("not_allowed", "orders are not open yet: this is the "
                                            "negotiation window")
        pushes = self._record({"type": "ready", "seat": power, "ready": ready}, now)
        if ready:
            pushes += self._adjudicate_if_all_ready(now)
        return Outcome({"ready": ready}, pushes)

    def _adjudicate_if_all_ready(self, now: float) -> list:
        awaited = self.awaited()
        if (not self.paused and self.phase == PLANNING and awaited
                and all(self.ready.get(p) for p in awaited)):
            return self._adjudicate("all_ready", now)
        return []

    @property
    def next_alarm(self) -> float | None:
        """When ``tick`` next has something to do (a warning or the deadline), or None."""
        if self.phase != PLANNING or self.deadline_at is None:
            return None
        if self.warning is not None and not self.warned:
            return min(self.deadline_at, self.deadline_at - self.warning)
        return self.deadline_at

    def tick(self, now: float) -> Outcome:
        """Let time pass: warns when the deadline is near (once per turn, if the umpire set a
        warning), and adjudicates the turn if its deadline has come, first handing human
        seats with no orders to bots when the match does that."""
        if self.phase != PLANNING or self.deadline_at is None:
            return Outcome()
        pushes: list[Push] = []
        if (self.warning is not None and not self.warned
                and self.deadline_at - self.warning <= now < self.deadline_at):
            pushes += self._record({"type": "warned", "deadline_at": self.deadline_at}, now)
        if now >= self.deadline_at and self.stage == NEGOTIATION \
                and self.talks_deadline is not None:
            # The talks are over: orders open by themselves, and their own clock starts.
            pushes += self._record({"type": "stage", "stage": ORDERS, "every_turn": False,
                                    "timed": True}, now)
            return Outcome({}, pushes)
        if now >= self.deadline_at:
            for power in self._idle_humans():
                pushes += self._record({"type": "seat_to_bot", "seat": power,
                                        "personality": self.takeover.get(power, "")}, now)
            pushes += self._adjudicate("deadline", now)
        return Outcome({}, pushes)

    def _idle_humans(self) -> list[str]:
        """Human seats of live powers that gave no orders, when bots take such seats over."""
        if self.takeover is None:
            return []
        return [p for p, seat in self.seats.items() if seat.kind == HUMAN
                and p in self.takeover and p not in self.orders
                and not self.state.power(p).eliminated]

    def force_adjudicate(self, seat: str, now: float) -> Outcome:
        """The umpire ends the planning phase now."""
        self._need_umpire(seat)
        self._need_phase(PLANNING)
        return Outcome({}, self._adjudicate("umpire", now))

    def set_deadline(self, seat: str, deadline_at: float | None, now: float) -> Outcome:
        """The umpire moves (or removes, with None) this turn's deadline."""
        self._need_umpire(seat)
        self._need_phase(PLANNING)
        if deadline_at is not None and not (isinstance(deadline_at, (int, float))
                                            and clock.within(deadline_at - now)):
            raise MatchError("not_allowed", "a deadline is a time in seconds, at most "
                                            f"{clock.MAX_SECONDS:.0f} s from now, or none")
        return Outcome({}, self._record({"type": "deadline", "deadline_at": deadline_at}, now))

    def release_seat(self, seat: str, power: Any, now: float) -> Outcome:
        """The umpire frees a power's seat or a team member's place (a player who lost the
        token, or left): the old token stops working and someone else may join; orders
        already given stay."""
        self._need_umpire(seat)
        held = self.seats.get(power) if isinstance(power, str) else None
        member = self.members.get(power) if isinstance(power, str) else None
        if (held is None or not held.occupied) and member is None:
            raise MatchError("bad_seat", f"no one holds a seat {power!r} to release")
        return Outcome({"seat": power}, self._record({"type": "released", "seat": power}, now))

    # --- checks shared by commands --------------------------------------------------------

    def _check_name(self, name: Any, role: Any) -> None:
        for what, value in (("player name", name), ("role name", role)):
            if not isinstance(value, str) or len(value) > MAX_NAME_LENGTH:
                raise MatchError("not_allowed", f"a {what} is at most {MAX_NAME_LENGTH} "
                                                "characters")

    def _need_phase(self, phase: str) -> None:
        if self.phase == phase:
            return
        if self.phase == OVER:
            raise MatchError("not_planning", "the match is over")
        if self.phase == REVIEW:
            raise MatchError("not_planning", "the turn's result is under the umpire's review")
        raise MatchError("not_planning", "there is no result under review")

    def _need_power_planning(self, seat: str) -> str:
        """The power ``seat`` plays for, if it may act in this planning phase."""
        power = self.power_of(seat)
        if power is None:
            raise MatchError("not_allowed", "only a power's seat can do that")
        self._need_phase(PLANNING)
        if self.state.power(power).eliminated:
            raise MatchError("not_allowed", f"{power} has been eliminated")
        return power

    def _need_lead(self, seat: str) -> str:
        power = self._need_power_planning(seat)
        if seat != power:
            raise MatchError("not_allowed", f"only the lead of {power}'s team can do that")
        return power

    def _need_umpire(self, seat: str) -> None:
        if seat != UMPIRE:
            raise MatchError("not_allowed", "only the umpire can do that")

    def _acting(self, seat: str, event: dict[str, Any]) -> dict[str, Any]:
        """The event of a power's command, naming the power and, when it is not the lead,
        the team member who gave it."""
        power = self.power_of(seat)
        event = {"type": event["type"], "seat": power,
                 **{k: v for k, v in event.items() if k not in ("type", "seat")}}
        if seat != power:
            event["member"] = seat
        return event

    def _open_proposal(self, seat: str, proposal_id: Any) -> tuple[Proposal, str]:
        power = self._need_power_planning(seat)
        proposal = self.proposals.get(proposal_id) if isinstance(proposal_id, str) else None
        if proposal is None or power not in proposal.members:
            raise MatchError("no_proposal", f"there is no proposal {proposal_id!r} for {power}")
        if proposal.status != OPEN:
            raise MatchError("no_proposal", f"proposal {proposal.id} is {proposal.status}")
        return proposal, power

    def _adjudicate(self, reason: str, now: float) -> list[Push]:
        # Run the engine before recording: should it fail, nothing has been written and the
        # log stays replayable. The fold then takes this result instead of recomputing it.
        self._result = self._run_engine()
        event: dict[str, Any] = {"type": "adjudicated", "reason": reason}
        if self.review:
            event["review"] = True
        try:
            pushes = self._record(event, now)
        finally:
            self._result = None
        if not self.review:
            pushes += self._begin_turn(now)
        return pushes

    def _run_engine(self) -> tuple[State, dict[str, Any]]:
        """The turn adjudicated with the orders in and the proposals signed, in signing order."""
        signed = [p.terms for p in self.proposals.values() if p.status == SIGNED]
        return adjudicate(self.state, {p: list(o) for p, o in self.orders.items()}, signed)

    def _begin_turn(self, now: float) -> list[Push]:
        """Fire the scenario's injects for the turn that has just begun (a new turn, a
        rollback to one, a fork from one). They are events like any other, so a replay
        finds them in the log and never fires them again."""
        pushes: list[Push] = []
        if self.state.over:
            return pushes
        for inject in scripted_for(self.scenario.scenario_doc, self.turn, self.state):
            pushes += self._record({"type": "inject", "source": "scenario",
                                    "inject": inject}, now)
        return pushes

    # --- the log -------------------------------------------------------------------------

    def _record(self, event: dict[str, Any], now: float) -> list[Push]:
        """Journal the event, then apply it and append it to the log: the one way a match
        changes. Returns the pushes it causes, each addressed to whole teams."""
        event = {"seq": len(self.log), "at": float(now), **event}
        if self.journal is not None:
            self.journal(event)
        pushes = self._apply(event)
        self.log.append(event)
        for push in pushes:
            push.seats = self._with_members(push.seats)
        return pushes

    def _apply(self, event: dict[str, Any]) -> list[Push]:
        handler = FOLD.get(event["type"])
        if handler is None:
            raise ValueError(f"unknown event type {event['type']!r} in the log")
        actor = event.get("member") or (event.get("seat") if event["type"] in PLAYER_ACTS
                                        else None)
        if actor:
            self.last_action[actor] = event["at"]
        return handler(self, event)

    # --- the fold: one method per event type (FOLD below lists them) ----------------------

    def _on_created(self, event: dict[str, Any]) -> list[Push]:
        self.match_id = event["match"]
        self.name = event["name"]
        self.scenario = _scenario_of(event)
        if event.get("state") is not None:   # a fork starts where its parent was
            self.state = state_from_json(event["state"], self.scenario)
        else:
            self.state = initial_state(self.scenario, seed=event["seed"])
        self.forked_from = event.get("forked_from")
        self.first_turn = self.state.turn
        self.states = [self.state]
        personalities = event.get("personalities", {})
        self.seats = {p: Seat(p, kind, personality=personalities.get(p, ""))
                      for p, kind in event["seats"].items()}
        self.deadline = clock.repaired_span(event["deadline"])
        self.password_salt = event["password_salt"]
        self.password_hash = event["password_hash"]
        self.umpire_hash = event["umpire"]
        self.aliases = PactAliases(self.password_salt, self.umpire_hash)
        self.review = bool(event.get("review", False))
        self.takeover = event.get("takeover")
        self.opening_stage = event.get("opening_stage", ORDERS)
        self.team_size = event.get("team_size", MAX_TEAM_SIZE)
        self.talks_deadline = event.get("talks_deadline")
        self.channels = {c["id"]: channel_from_json(c) for c in event.get("channels", [])}
        self._init_briefs(event)
        self._start_planning(event["at"])
        return []

    def _on_joined(self, event: dict[str, Any]) -> list[Push]:
        seat = self.seats[event["seat"]]
        seat.token_hash = event["token"]
        seat.name = event["name"]
        seat.role = event.get("role", "")
        return [self._seat_push(seat.power)]

    def _on_released(self, event: dict[str, Any]) -> list[Push]:
        member = self.members.pop(event["seat"], None)
        if member is not None:
            return [self._seat_push(member.power)]
        seat = self.seats[event["seat"]]
        seat.token_hash = None
        seat.name = ""
        seat.role = ""
        return [self._seat_push(seat.power)]

    def _seat_push(self, power: str) -> Push:
        return Push(self._everyone(), {"type": "seat", **self.seat_public(power)})

    def _on_chat(self, event: dict[str, Any]) -> list[Push]:
        key = tuple(event["channel"])
        named = self.channels.get(key[0]) if len(key) == 1 else None
        message = ChatMessage(key, event["seat"], event["text"], self.turn, event["at"],
                              member=event.get("member", ""),
                              hidden=named is not None and named.hides_author)
        self.chat.append(message)
        readers = self._readers(key)
        if not message.hidden:
            return [Push(readers, {"type": "chat", **message.to_json()})]
        # Press: the author goes to the umpire alone; everyone else gets a copy without it.
        return [Push(frozenset({UMPIRE}), {"type": "chat", **message.to_json()}),
                Push(readers - {UMPIRE}, {"type": "chat", **message.to_json(reveal=False)})]

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
        message = {"type": "proposal", **proposal.to_json()}
        if by:
            message["by"] = by
        return [Push(self._proposal_audience(proposal.members), message)]

    def _on_orders(self, event: dict[str, Any]) -> list[Push]:
        power = event["seat"]
        self.orders[power] = event["orders"]
        self.drafts[power] = copy_orders(event["orders"])
        rev = self._draft_changed(power, event["orders"], event.get("member", power))
        message = {"type": "orders", "power": power, "orders": event["orders"], "rev": rev}
        return [*self._split_by_ids(frozenset({power}) | self._insiders(), message,
                                    {**message, "orders": self.aliases.orders(event["orders"])}),
                *self._shared_pushes(power)]

    def _on_draft(self, event: dict[str, Any]) -> list[Push]:
        power = event["seat"]
        self.drafts[power] = event["orders"]
        rev = self._draft_changed(power, event["orders"], event.get("member", power))
        message = {"type": "draft", "power": power, "orders": event["orders"],
                   "by": event.get("member", power), "rev": rev}
        return [*self._split_by_ids(frozenset({power}) | self._insiders(), message,
                                    {**message, "orders": self.aliases.orders(event["orders"])}),
                *self._shared_pushes(power)]

    def _on_ready(self, event: dict[str, Any]) -> list[Push]:
        self.ready[event["seat"]] = event["ready"]
        return [Push(self._everyone(),
                     {"type": "ready", "power": event["seat"], "ready": event["ready"]})]

    def _on_deadline(self, event: dict[str, Any]) -> list[Push]:
        if self.paused:
            at = clock.repaired_at(event["deadline_at"], event["at"])
            self.remaining = None if at is None else max(0.0, at - event["at"])
        else:
            self.deadline_at = clock.repaired_at(event["deadline_at"], event["at"])
        self.warned = False
        return [Push(self._everyone(), {"type": "deadline", "turn": self.turn,
                                        "deadline_at": self.deadline_at}),
                self._clock_push()]

    def _clock_push(self) -> Push:
        return Push(self._everyone(), self.clock())

    def _on_warned(self, event: dict[str, Any]) -> list[Push]:
        self.warned = True
        left = None if self.deadline_at is None else max(0.0, self.deadline_at - event["at"])
        return [Push(self._everyone(), {"type": "deadline_warning", "turn": self.turn,
                                        "deadline_at": self.deadline_at,
                                        "seconds_left": left})]

    def _on_seat_to_bot(self, event: dict[str, Any]) -> list[Push]:
        seat = self.seats[event["seat"]]
        seat.kind = BOT
        seat.personality = event["personality"]
        return [self._seat_push(seat.power)]

    def _on_adjudicated(self, event: dict[str, Any]) -> list[Push]:
        result = self._result or self._run_engine()
        if event.get("review"):
            self.pending = Pending(reason=event["reason"], result=result, since=event["at"])
            # That a result waits, and since when, is public (the phase says so anyway):
            # the room is told, so the projector can say why nothing happens. The result
            # itself goes to the umpire alone.
            told = Push(self._everyone() - {UMPIRE}, {
                "type": "under_review", "turn": self.turn, "since": event["at"]})
            return [self._review_push(), told]
        return self._commit(result, event["reason"], event["at"], {})

    def _commit(self, result: tuple[State, dict[str, Any]], reason: str, at: float,
                feedback: dict[str, str]) -> list[Push]:
        """Make an adjudicated result the match's: the new turn begins, and every seat gets
        its own view of it (with the umpire's feedback for its power, if any)."""
        before = self.state
        after, report = result
        self.state = after
        self.states.append(after)
        self.reports.append(report)
        self.pending = None
        self.feedback = dict(feedback)
        self._start_planning(at)
        pushes = []
        # One push per power reaches its whole team (``_record`` adds the members).
        for seat in self._everyone() - frozenset(self.members):
            sees = self.sees(seat)
            power = self.power_of(seat)
            words = (dict(feedback) if sees == UMPIRE
                     else {power: feedback[power]} if power in feedback else {})
            pushes.append(Push(frozenset({seat}), make=partial(
                _turn_result, before, after, report, sees, reason, self.deadline_at, words,
                self.aliases)))
        if after.over:
            message = {"type": "match_over", "winner": copy.deepcopy(after.winner)}
            pushes += self._split_by_ids(self._everyone(), message,
                                         {**message, "winner": self.aliases.event(
                                             message["winner"])})
        return pushes

    def _start_planning(self, at: float) -> None:
        """A new planning phase: proposals lapse, drafts, orders and ready flags are
        cleared, the turn opens in the opening stage and its clock starts (or waits, while
        the umpire keeps the match paused)."""
        self.proposals = {}
        self.orders = {}
        self.drafts = {}
        self._reset_drafts()
        self.ready = {p: False for p in self.seats}
        self.stage = self.opening_stage
        self.warned = False
        self._start_stage_clock(at)

    def _stage_seconds(self) -> float | None:
        """How long the stage the turn is in may last: the talks deadline while negotiating
        (when the match has one), else the deadline per turn."""
        if self.state.over:
            return None
        if self.stage == NEGOTIATION and self.talks_deadline is not None:
            return self.talks_deadline
        return self.deadline

    def _start_stage_clock(self, at: float) -> None:
        seconds = self._stage_seconds()
        if self.paused:
            self.deadline_at, self.remaining = None, seconds
        else:
            self.deadline_at = None if seconds is None else at + seconds


# Events a player's own action causes: they count towards the dashboard's idle times.
# Each type of log event and the method that folds it into the match (the mixins' among them),
# named rather than found by an f-string: the one place that says which events a log may hold.
FOLD: dict[str, Callable[[Match, dict[str, Any]], list[Push]]] = {
    LogEvent.CREATED: Match._on_created,
    LogEvent.JOINED: Match._on_joined,
    LogEvent.RELEASED: Match._on_released,
    LogEvent.CHAT: Match._on_chat,
    LogEvent.PROPOSED: Match._on_proposed,
    LogEvent.ACCEPTED: Match._on_accepted,
    LogEvent.DECLINED: Match._on_declined,
    LogEvent.WITHDRAWN: Match._on_withdrawn,
    LogEvent.ORDERS: Match._on_orders,
    LogEvent.DRAFT: Match._on_draft,
    LogEvent.READY: Match._on_ready,
    LogEvent.DEADLINE: Match._on_deadline,
    LogEvent.WARNED: Match._on_warned,
    LogEvent.SEAT_TO_BOT: Match._on_seat_to_bot,
    LogEvent.ADJUDICATED: Match._on_adjudicated,
    LogEvent.MEMBER_JOINED: Match._on_member_joined,
    LogEvent.INTENT: Match._on_intent,
    LogEvent.INSIGHT: Match._on_insight,
    LogEvent.ROLE_TOKEN: Match._on_role_token,
    LogEvent.ROLE_REVOKED: Match._on_role_revoked,
    LogEvent.OBSERVER_ACCESS: Match._on_observer_access,
    LogEvent.CHANNEL_SET: Match._on_channel_set,
    LogEvent.STAGE: Match._on_stage,
    LogEvent.PAUSED: Match._on_paused,
    LogEvent.RESUMED: Match._on_resumed,
    LogEvent.CLOCK_ADJUSTED: Match._on_clock_adjusted,
    LogEvent.WARNING_SET: Match._on_warning_set,
    LogEvent.TAKEOVER_SET: Match._on_takeover_set,
    LogEvent.REVIEW_SET: Match._on_review_set,
    LogEvent.ORDER_AMENDED: Match._on_order_amended,
    LogEvent.RESULT_RELEASED: Match._on_result_released,
    LogEvent.WORLD_EDITED: Match._on_world_edited,
    LogEvent.INJECT: Match._on_inject,
    LogEvent.ROLLED_BACK: Match._on_rolled_back,
    LogEvent.FORKED: Match._on_forked,
    LogEvent.SHARING: Match._on_sharing,
    LogEvent.BRIEF_SET: Match._on_brief_set,
}

PLAYER_ACTS = frozenset({"joined", "chat", "proposed", "accepted", "declined", "withdrawn",
                         "orders", "draft", "ready", "signed_off", "intent", "insight",
                         "member_joined"})


def _turn_result(before: State, after: State, report: dict[str, Any], sees: str, reason: str,
                 deadline_at: float | None, feedback: dict[str, str],
                 aliases: PactAliases) -> dict[str, Any]:
    """What one seat is told when a turn has been adjudicated: its view of the new state and
    its filtered report. States are frozen, so making this later gives the same message."""
    return {"type": "turn_result", "turn": after.turn, "label": after.label, "reason": reason,
            "deadline_at": deadline_at, "view": seat_view(after, sees, aliases),
            "report": seat_report(report, before, after, sees, aliases), "feedback": feedback}
