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

A ``Match`` is composed: its data and the checks every command shares are the core
(``core.py``); each other job is a part it holds and builds with exactly what that part
reads and calls: who sees what (``visibility.py``), team play (``teamwork.py``), order
sharing (``sharing.py``), briefs (``briefs.py``), the umpire's commands (``umpire.py``).
The match itself keeps the players' commands, the turn cycle and the log; the parts'
commands are its own too, so callers see one ``Match``.
"""

from __future__ import annotations

import copy
import secrets
from dataclasses import dataclass, field, replace
from functools import partial, wraps
from typing import Any, Callable, Iterable, TypeVar

from game.engine import Scenario, State, adjudicate, build_scenario, initial_state, \
    pact_problems, state_from_json, validate_power_orders
from game.engine.params import recorded_rules, rules_to_dict
from game.engine.world import PowerInfo
from game.engine.terms import pact_members
from game.world_edits.injects import scripted_for

from . import clock
from .briefs import Briefings
from .channels import NEGOTIATION, ORDERS, PUBLIC, STAGES, TEAM_PREFIX, \
    channel_from_json, opening_channels, team_channel
from .core import MatchCore
from .errors import MatchError, ReplayError
from .log_events import LogEvent
from .outcome import Outcome, Push
from .phases import PLANNING
from .planning import DECLINED, OPEN, SIGNED, WITHDRAWN, ChatMessage, Proposal, \
    channel_key
from .review import Pending
from .seats import BOT, EMPTY, HUMAN, SEAT_KINDS, UMPIRE, Seat, new_token, \
    password_hash, token_hash, token_matches
from .sharing import OrderSharing
from .teams import MAX_TEAM_SIZE, copy_orders
from .teamwork import Teamwork
from .umpire import Umpiring
from .visibility import PactAliases, Visibility, seat_report, seat_view


MAX_CHAT_LENGTH = 2000
MAX_OPEN_PROPOSALS = 20   # per proposer per turn: proposals are cheap to make, costly to read

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
    return replace(scenario, rules=recorded_rules(created["rules"]))


class Match(MatchCore):
    """One match. Build it with ``Match.create``, ``Match.replay`` or ``fork``, never
    directly."""

    def __init__(self, journal: Journal | None = None) -> None:
        super().__init__()
        self.journal = journal
        self._result: tuple[State, dict[str, Any]] | None = None
        # The parts, each handed what it reads (the core) and calls (the log's record, who
        # sees what, the turn cycle).
        self.visibility = Visibility(self)
        self.teamwork = Teamwork(self, self.visibility, self._record, self.join)
        self.order_sharing = OrderSharing(self, self.visibility, self._record)
        self.briefings = Briefings(self, self.visibility, self._record)
        self.umpiring = Umpiring(self, self.visibility, self._record, self)
        # The parts' commands and readings are the match's own: the host's table
        # (commands.py), the bots and the tests call them on the match.
        self.sees = self.visibility.sees
        self.sees_all = self.visibility.sees_all
        self.seat_view = self.visibility.seat_view
        self.join_team = self.teamwork.join_team
        self.sign_off = self.teamwork.sign_off
        self.state_intent = self.teamwork.state_intent
        self.note_insight = self.teamwork.note_insight
        self.draft_rev = self.teamwork.draft_rev
        self.share_orders = self.order_sharing.share_orders
        self.allies_of = self.order_sharing.allies_of
        self.shares_with = self.order_sharing.shares_with
        self.shared_for = self.order_sharing.shared_for
        self.briefs_for = self.briefings.briefs_for
        self.set_brief = self.briefings.set_brief
        umpiring = self.umpiring
        self.create_role_token = umpiring.create_role_token
        self.revoke_role_token = umpiring.revoke_role_token
        self.set_observer_access = umpiring.set_observer_access
        self.set_channel = umpiring.set_channel
        self.close_channel = umpiring.close_channel
        self.set_stage = umpiring.set_stage
        self.pause = umpiring.pause
        self.resume = umpiring.resume
        self.adjust_deadline = umpiring.adjust_deadline
        self.set_warning = umpiring.set_warning
        self.set_bot_takeover = umpiring.set_bot_takeover
        self.set_review = umpiring.set_review
        self.amend_order = umpiring.amend_order
        self.release_result = umpiring.release_result
        self.edit_world = umpiring.edit_world
        self.inject = umpiring.inject
        self.rollback = umpiring.rollback
        self.dashboard = umpiring.dashboard

    @property
    def briefs(self) -> dict[str, str]:
        """The briefs as they now read (brief id -> Markdown)."""
        return self.briefings.briefs

    @property
    def sharing(self) -> set[str]:
        """The powers sharing their planned orders with their allies."""
        return self.order_sharing.sharing

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
            try:
                match._apply(event)
            except Exception as err:   # a bare KeyError reads "'seat'": name the event too
                detail = f"{type(err).__name__}: {err}" if str(err) else type(err).__name__
                raise ReplayError(f"event {len(match.log)} ({event.get('type')}) is not "
                                  f"valid ({detail})") from err
            match.log.append(event)
        match.journal = journal
        return match

    # --- reading -------------------------------------------------------------------------

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

    def summary(self) -> dict[str, Any]:
        """What the lobby shows about the match (nothing secret)."""
        return {"match": self.match_id, "name": self.name, "scenario": self.scenario.name,
                "turn": self.turn, "label": self.state.label, "phase": self.phase,
                "fog": bool(self.scenario.rules.fog), "deadline": self.deadline,
                "password": bool(self.password_hash),
                "seats": [self.seat_public(p) for p in self.seats],
                "forked_from": copy.deepcopy(self.forked_from), "active_at": self.active_at}

    def _par_of(self, info: PowerInfo) -> dict[str, Any]:
        """Ruleset 2: a power's par and objective points, so a client can show the score
        against par (public scenario terms; nothing in a ruleset-1 snapshot changes)."""
        if self.scenario.rules.ruleset != 2:
            return {}
        return {"par": info.par, "objectives": dict(info.objectives)}

    def public_powers(self) -> list[dict[str, Any]]:
        """The powers as every seat's snapshot lists them: id, name, colour and, in ruleset
        2, par and objectives."""
        return [{"id": p.id, "name": p.name, "color": p.color, **self._par_of(p)}
                for p in self.scenario.powers]

    def snapshot(self, seat: str) -> dict[str, Any]:
        """Everything ``seat`` may know now: sent on joining and on every reconnect."""
        sees = self.visibility.sees(seat)
        power = self.power_of(seat)
        last = self.reports[-1] if self.reports else None
        report = (seat_report(last, self.states[-2], self.states[-1], sees, self.aliases)
                  if last is not None else None)
        snap = {
            **self.summary(), "seat": seat, "power": power, "deadline_at": self.deadline_at,
            "paused": self.paused, "remaining": self.remaining, "warning": self.warning,
            "stage": self.stage, "review": self.review,
            "powers": self.public_powers(),
            "ready": dict(self.ready),
            "view": seat_view(self.state, sees, self.aliases),
            "orders": self.visibility.orders_for(seat),
            "drafts": self.visibility.drafts_for(seat),
            "shared": self.order_sharing.shared_for(power),
            "sharing": power in self.order_sharing.sharing,
            "chat": self.visibility.chat_for(seat),
            "injects": self.visibility.injects_for(seat),
            "channels": self.visibility.channels_for(seat),
            "proposals": self.visibility.proposals_for(seat),
            "report": report,
            "feedback": self.visibility.feedback_for(seat, self.feedback),
            "winner": self.visibility.winner_for(seat, self.state.winner),
            "briefs": self.briefings.briefs_for(seat),
        }
        if self.pending is not None:
            snap["review_since"] = self.pending.since
        if power is not None:
            snap["draft_rev"] = {power: self.teamwork.draft_rev(power)}
        if self.visibility.reads_notes(seat):
            snap["intents"] = self.visibility.notes_for(seat, self.intents)
            snap["insights"] = self.visibility.notes_for(seat, self.insights)
        if seat == UMPIRE:
            snap["role_tokens"] = [t.public() for t in self.role_tokens]
            if self.pending is not None:
                snap["pending"] = self.umpiring.review_message()
        return snap

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
        self.check_name(name, role)
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
        power = self.need_power_planning(seat)
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
        pushes = self._record(self.acting(seat, {"type": "proposed", "proposal": proposal_id,
                                                 "terms": copy.deepcopy(terms)}), now)
        return Outcome({"proposal": proposal_id}, pushes)

    def accept(self, seat: str, proposal_id: Any, now: float) -> Outcome:
        proposal, power = self._open_proposal(seat, proposal_id)
        if power in proposal.accepted:
            return Outcome({"proposal": proposal.id, "status": proposal.status})
        pushes = self._record(self.acting(seat, {"type": "accepted",
                                                 "proposal": proposal.id}), now)
        return Outcome({"proposal": proposal.id, "status": proposal.status}, pushes)

    def decline(self, seat: str, proposal_id: Any, now: float) -> Outcome:
        proposal, power = self._open_proposal(seat, proposal_id)
        if power == proposal.proposer:
            raise MatchError("not_allowed", "the proposer withdraws a proposal, not declines it")
        pushes = self._record(self.acting(seat, {"type": "declined",
                                                 "proposal": proposal.id}), now)
        return Outcome({"proposal": proposal.id, "status": DECLINED}, pushes)

    def withdraw(self, seat: str, proposal_id: Any, now: float) -> Outcome:
        proposal, power = self._open_proposal(seat, proposal_id)
        if power != proposal.proposer:
            raise MatchError("not_allowed", "only the proposer can withdraw a proposal")
        pushes = self._record(self.acting(seat, {"type": "withdrawn",
                                                 "proposal": proposal.id}), now)
        return Outcome({"proposal": proposal.id, "status": WITHDRAWN}, pushes)

    def submit_orders(self, seat: str, orders: Any, now: float, base: Any = None) -> Outcome:
        """Replace the team's draft with this set. Each order is checked at once against
        the start of the turn; the accepted ones are kept, the others come back with the
        engine's reason. From the team lead while orders are open, the draft is signed at
        once and counts (``signed`` true); from another member, or during a negotiation
        window, it stays a draft until the lead signs it off."""
        power = self.need_power_planning(seat)
        if not isinstance(orders, list):
            raise MatchError("bad_orders", "orders must be a list")
        orders, unknown = self.aliases.real_orders(orders, self.state, power)
        # A team member who edited an older draft has it merged in (teamwork.py).
        orders, conflicts = self.teamwork.merge_draft(power, orders, base)
        accepted, rejected = validate_power_orders(self.state, power, orders)
        docs = [dict(order.doc) for order in accepted]
        signed = seat == power and self.stage == ORDERS
        event = {"type": "orders" if signed else "draft", "seat": power, "orders": docs}
        pushes = self._record(self.acting(seat, event), now)
        known = [p.id for p in self.state.pacts]
        reply = {"accepted": self.aliases.orders(docs), "signed": signed,
                 "rejected": unknown + [
                     {"order": self.aliases.order(r.order),
                      "reason": self.aliases.text(r.reason, known)}
                     for r in rejected]}
        if base is not None:
            reply.update(rev=self.teamwork.draft_rev(power),
                         conflicts=[{**c, "order": self.aliases.order(c["order"]),
                                     "kept": self.aliases.order(c["kept"])}
                                    for c in conflicts])
        return Outcome(reply, pushes)

    def set_ready(self, seat: str, ready: bool, now: float) -> Outcome:
        """Raise or lower the power's ready flag (the team lead's call); the turn is
        adjudicated at once when every awaited seat is ready and the clock is running."""
        power = self.need_lead(seat)
        if not isinstance(ready, bool):
            raise MatchError("not_allowed", "ready is true or false")
        if ready and self.stage != ORDERS:
            raise MatchError("not_allowed", "orders are not open yet: this is the "
                                            "negotiation window")
        pushes = self._record({"type": "ready", "seat": power, "ready": ready}, now)
        if ready:
            pushes += self._adjudicate_if_all_ready(now)
        return Outcome({"ready": ready}, pushes)

    def _adjudicate_if_all_ready(self, now: float) -> list[Push]:
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
            for power, personality in self._idle_humans():
                pushes += self._record({"type": "seat_to_bot", "seat": power,
                                        "personality": personality}, now)
            pushes += self._adjudicate("deadline", now)
        return Outcome({}, pushes)

    def _idle_humans(self) -> list[tuple[str, str]]:
        """Human seats of live powers that gave no orders, when bots take such seats over,
        each with the personality of the bot that takes it."""
        takeover = self.takeover
        if takeover is None:
            return []
        return [(p, takeover[p]) for p, seat in self.seats.items() if seat.kind == HUMAN
                and p in takeover and p not in self.orders
                and not self.state.power(p).eliminated]

    def force_adjudicate(self, seat: str, now: float) -> Outcome:
        """The umpire ends the planning phase now."""
        self.need_umpire(seat)
        self.need_phase(PLANNING)
        return Outcome({}, self._adjudicate("umpire", now))

    def set_deadline(self, seat: str, deadline_at: float | None, now: float) -> Outcome:
        """The umpire moves (or removes, with None) this turn's deadline."""
        self.need_umpire(seat)
        self.need_phase(PLANNING)
        if deadline_at is not None and not (isinstance(deadline_at, (int, float))
                                            and clock.within(deadline_at - now)):
            raise MatchError("not_allowed", "a deadline is a time in seconds, at most "
                                            f"{clock.MAX_SECONDS:.0f} s from now, or none")
        return Outcome({}, self._record({"type": "deadline", "deadline_at": deadline_at}, now))

    def release_seat(self, seat: str, power: Any, now: float) -> Outcome:
        """The umpire frees a power's seat or a team member's place (a player who lost the
        token, or left): the old token stops working and someone else may join; orders
        already given stay."""
        self.need_umpire(seat)
        held = self.seats.get(power) if isinstance(power, str) else None
        member = self.members.get(power) if isinstance(power, str) else None
        if (held is None or not held.occupied) and member is None:
            raise MatchError("bad_seat", f"no one holds a seat {power!r} to release")
        return Outcome({"seat": power}, self._record({"type": "released", "seat": power}, now))

    def _open_proposal(self, seat: str, proposal_id: Any) -> tuple[Proposal, str]:
        power = self.need_power_planning(seat)
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

    def fork(self, seat: str, turn: Any, match_id: str, now: float, *, name: Any = "",
             journal: Journal | None = None) -> tuple[Match, str]:
        """A new match starting at the start of ``turn`` of this one, and its umpire token
        (the umpire's command). Its log begins with a ``created`` event carrying that
        state, so it replays to the same hash; seats start free. This match's log records
        the fork."""
        self.need_umpire(seat)
        state = self.turn_played(turn)
        if not isinstance(name, str) or len(name) > 64:
            raise MatchError("not_allowed", "a match name is at most 64 characters")
        created = self.log[0]
        umpire_token = new_token()
        event = {k: copy.deepcopy(v) for k, v in created.items() if k not in ("seq", "at")}
        event.update({
            "match": match_id, "name": name or f"{self.name} (from turn {turn})",
            "state": state.to_json(), "umpire": token_hash(umpire_token),
            "forked_from": {"match": self.match_id, "turn": turn, "hash": state.hash()},
            "seats": {p: s.kind for p, s in self.seats.items()},
            "personalities": {p: s.personality for p, s in self.seats.items()
                              if s.personality},
            "deadline": self.deadline, "review": self.review,
            "opening_stage": self.opening_stage,
            "channels": [c.to_json() for c in self.channels.values()],
            "briefs": dict(self.briefings.briefs),
        })
        child = Match(journal)
        child._record(event, now)
        child._begin_turn(now)
        self._record({"type": "forked", "match": match_id, "turn": turn}, now)
        return child, umpire_token

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
            push.seats = self.visibility.with_members(push.seats)
        return pushes

    def _apply(self, event: dict[str, Any]) -> list[Push]:
        handler = FOLD.get(event["type"])
        if handler is None:
            raise ValueError(f"unknown event type {event['type']!r} in the log")
        actor = event.get("member") or (event.get("seat") if event["type"] in PLAYER_ACTS
                                        else None)
        if actor:
            self.last_action[actor] = event["at"]
        if event["type"] in LOBBY_EVENTS:
            self.active_at = float(event["at"])
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
        self.briefings.init_briefs(event)
        self._start_planning(event["at"])
        return []

    def _on_joined(self, event: dict[str, Any]) -> list[Push]:
        seat = self.seats[event["seat"]]
        seat.token_hash = event["token"]
        seat.name = event["name"]
        seat.role = event.get("role", "")
        return [self.visibility.seat_push(seat.power)]

    def _on_released(self, event: dict[str, Any]) -> list[Push]:
        member = self.members.pop(event["seat"], None)
        if member is not None:
            return [self.visibility.seat_push(member.power)]
        seat = self.seats[event["seat"]]
        seat.token_hash = None
        seat.name = ""
        seat.role = ""
        return [self.visibility.seat_push(seat.power)]

    def _on_chat(self, event: dict[str, Any]) -> list[Push]:
        key = tuple(event["channel"])
        named = self.channels.get(key[0]) if len(key) == 1 else None
        message = ChatMessage(key, event["seat"], event["text"], self.turn, event["at"],
                              member=event.get("member", ""),
                              hidden=named is not None and named.hides_author)
        self.chat.append(message)
        readers = self.visibility.readers(key)
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
        return [Push(self.visibility.proposal_audience(proposal.members), message)]

    def _on_orders(self, event: dict[str, Any]) -> list[Push]:
        power = event["seat"]
        self.orders[power] = event["orders"]
        self.drafts[power] = copy_orders(event["orders"])
        rev = self.teamwork.draft_changed(power, event["orders"], event.get("member", power))
        message = {"type": "orders", "power": power, "orders": event["orders"], "rev": rev}
        return self._own_orders_pushes(power, message)

    def _on_draft(self, event: dict[str, Any]) -> list[Push]:
        power = event["seat"]
        self.drafts[power] = event["orders"]
        rev = self.teamwork.draft_changed(power, event["orders"], event.get("member", power))
        message = {"type": "draft", "power": power, "orders": event["orders"],
                   "by": event.get("member", power), "rev": rev}
        return self._own_orders_pushes(power, message)

    def _own_orders_pushes(self, power: str, message: dict[str, Any]) -> list[Push]:
        """A power's orders or draft: to its team and the insiders (the team sees pacts by
        their aliases), and to the partners it shares its planned orders with."""
        seen = self.visibility
        return [*seen.split_by_ids(frozenset({power}) | seen.insiders(), message,
                                   {**message, "orders": self.aliases.orders(message["orders"])}),
                *self.order_sharing.shared_pushes(power)]

    def _on_ready(self, event: dict[str, Any]) -> list[Push]:
        self.ready[event["seat"]] = event["ready"]
        return [Push(self.visibility.everyone(),
                     {"type": "ready", "power": event["seat"], "ready": event["ready"]})]

    def _on_deadline(self, event: dict[str, Any]) -> list[Push]:
        if self.paused:
            at = clock.repaired_at(event["deadline_at"], event["at"])
            self.remaining = None if at is None else max(0.0, at - event["at"])
        else:
            self.deadline_at = clock.repaired_at(event["deadline_at"], event["at"])
        self.warned = False
        return [Push(self.visibility.everyone(),
                     {"type": "deadline", "turn": self.turn, "deadline_at": self.deadline_at}),
                self.visibility.clock_push()]

    def _on_warned(self, event: dict[str, Any]) -> list[Push]:
        self.warned = True
        left = None if self.deadline_at is None else max(0.0, self.deadline_at - event["at"])
        return [Push(self.visibility.everyone(),
                     {"type": "deadline_warning", "turn": self.turn,
                      "deadline_at": self.deadline_at, "seconds_left": left})]

    def _on_seat_to_bot(self, event: dict[str, Any]) -> list[Push]:
        seat = self.seats[event["seat"]]
        seat.kind = BOT
        seat.personality = event["personality"]
        return [self.visibility.seat_push(seat.power)]

    def _on_adjudicated(self, event: dict[str, Any]) -> list[Push]:
        result = self._result or self._run_engine()
        if event.get("review"):
            self.pending = Pending(reason=event["reason"], result=result, since=event["at"])
            # That a result waits, and since when, is public (the phase says so anyway):
            # the room is told, so the projector can say why nothing happens. The result
            # itself goes to the umpire alone.
            told = Push(self.visibility.everyone() - {UMPIRE}, {
                "type": "under_review", "turn": self.turn, "since": event["at"]})
            return [self.umpiring.review_push(), told]
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
        stage = self.stage
        self._start_planning(at)
        pushes = []
        # One push per power reaches its whole team (``_record`` adds the members).
        for seat in self.visibility.everyone() - frozenset(self.members):
            sees = self.visibility.sees(seat)
            power = self.power_of(seat)
            words = (dict(feedback) if sees == UMPIRE
                     else {power: feedback[power]} if power in feedback else {})
            pushes.append(Push(frozenset({seat}), make=partial(
                _turn_result, before, after, report, sees, reason, self.deadline_at, words,
                self.aliases)))
        if self.stage != stage:
            # The turn result does not carry the stage: a turn that opens in another stage
            # than the last one ended in (talks, when orders were opened by hand) says so.
            pushes.append(self.visibility.clock_push())
        if after.over:
            message: dict[str, Any] = {"type": "match_over",
                                       "winner": copy.deepcopy(after.winner)}
            pushes += self.visibility.split_by_ids(
                self.visibility.everyone(), message,
                {**message, "winner": self.aliases.event(message["winner"])})
        return pushes

    def _start_planning(self, at: float) -> None:
        """A new planning phase: proposals lapse, drafts, orders and ready flags are
        cleared, the turn opens in the opening stage and its clock starts (or waits, while
        the umpire keeps the match paused)."""
        self.proposals = {}
        self.orders = {}
        self.drafts = {}
        self.teamwork.reset_drafts()
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


Fold = Callable[[Match, dict[str, Any]], list[Push]]
_Part = TypeVar("_Part")


def _folded_by(part: Callable[[Match], _Part],
               fold: Callable[[_Part, dict[str, Any]], list[Push]]) -> Fold:
    """A part's fold method as a fold of the match (it keeps the method's name)."""
    @wraps(fold)
    def folded(match: Match, event: dict[str, Any]) -> list[Push]:
        return fold(part(match), event)
    return folded


def _teamwork(match: Match) -> Teamwork:
    return match.teamwork


def _umpiring(match: Match) -> Umpiring:
    return match.umpiring


def _order_sharing(match: Match) -> OrderSharing:
    return match.order_sharing


def _briefings(match: Match) -> Briefings:
    return match.briefings


# Each type of log event and the method that folds it into the match (the parts' among
# them), named rather than found by an f-string: the one place that says which events a log
# may hold.
FOLD: dict[str, Fold] = {
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
    LogEvent.MEMBER_JOINED: _folded_by(_teamwork, Teamwork._on_member_joined),
    LogEvent.INTENT: _folded_by(_teamwork, Teamwork._on_intent),
    LogEvent.INSIGHT: _folded_by(_teamwork, Teamwork._on_insight),
    LogEvent.ROLE_TOKEN: _folded_by(_umpiring, Umpiring._on_role_token),
    LogEvent.ROLE_REVOKED: _folded_by(_umpiring, Umpiring._on_role_revoked),
    LogEvent.OBSERVER_ACCESS: _folded_by(_umpiring, Umpiring._on_observer_access),
    LogEvent.CHANNEL_SET: _folded_by(_umpiring, Umpiring._on_channel_set),
    LogEvent.STAGE: _folded_by(_umpiring, Umpiring._on_stage),
    LogEvent.PAUSED: _folded_by(_umpiring, Umpiring._on_paused),
    LogEvent.RESUMED: _folded_by(_umpiring, Umpiring._on_resumed),
    LogEvent.CLOCK_ADJUSTED: _folded_by(_umpiring, Umpiring._on_clock_adjusted),
    LogEvent.WARNING_SET: _folded_by(_umpiring, Umpiring._on_warning_set),
    LogEvent.TAKEOVER_SET: _folded_by(_umpiring, Umpiring._on_takeover_set),
    LogEvent.REVIEW_SET: _folded_by(_umpiring, Umpiring._on_review_set),
    LogEvent.ORDER_AMENDED: _folded_by(_umpiring, Umpiring._on_order_amended),
    LogEvent.RESULT_RELEASED: _folded_by(_umpiring, Umpiring._on_result_released),
    LogEvent.WORLD_EDITED: _folded_by(_umpiring, Umpiring._on_world_edited),
    LogEvent.INJECT: _folded_by(_umpiring, Umpiring._on_inject),
    LogEvent.ROLLED_BACK: _folded_by(_umpiring, Umpiring._on_rolled_back),
    LogEvent.FORKED: _folded_by(_umpiring, Umpiring._on_forked),
    LogEvent.SHARING: _folded_by(_order_sharing, OrderSharing._on_sharing),
    LogEvent.BRIEF_SET: _folded_by(_briefings, Briefings._on_brief_set),
}

# Events that change what the lobby's summary shows (its seats, turn or phase): the time of
# the last one is the match's ``active_at``, by which the lobby orders matches. Private acts
# (orders, drafts, chat, proposals) leave it alone, so the lobby's order tells no one when
# a seat did something only some may see.
LOBBY_EVENTS = frozenset({LogEvent.CREATED, LogEvent.JOINED, LogEvent.RELEASED,
                          LogEvent.SEAT_TO_BOT, LogEvent.MEMBER_JOINED, LogEvent.ADJUDICATED,
                          LogEvent.RESULT_RELEASED, LogEvent.ROLLED_BACK})

# Events a player's own action causes: they count towards the dashboard's idle times.
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
