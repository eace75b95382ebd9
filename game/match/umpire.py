"""The umpire's commands, a part of ``Match``: the clock, the planning stage,
channels, roles, review before release, edits of the world, injects, rollback and fork.

Each command checks everything, then records one event; the fold below applies it, so a
replay of the log rebuilds exactly what the umpire did. Rationales (for amended orders and
edits of the world) are pushed to the umpire alone and stay in the log for the debrief.
"""

from __future__ import annotations

import copy
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING, Any, Protocol

from game.engine import State, validate_power_orders
from game.world_edits.edits import EditError, edit_state
from game.world_edits.injects import LEAK, apply_inject, inject_problems, inject_text, \
    leaked_pacts, normalised_inject

from . import clock
from .channels import MAX_CHANNELS, STAGES, channel_from_config, channel_from_json
from .dashboard import dashboard
from .errors import MatchError
from .outcome import Outcome, Push
from .phases import PLANNING, REVIEW
from .review import MAX_FEEDBACK_LENGTH, MAX_RATIONALE_LENGTH, Pending
from .roles import ANALYST, OBSERVER, ROLE_KINDS, RoleToken
from .seats import UMPIRE, new_token, token_hash
from .visibility import PactAliases, seat_view

if TYPE_CHECKING:
    from .core import MatchCore, Record
    from .visibility import Visibility

MAX_ROLE_TOKENS = 200


def _outcome(reply: dict[str, Any] | None = None, pushes: list[Push] | None = None) -> Outcome:
    return Outcome(reply or {}, pushes or [])


def _rationale(text: Any) -> str:
    if not isinstance(text, str) or not text.strip() or len(text) > MAX_RATIONALE_LENGTH:
        raise MatchError("not_allowed", f"a rationale is 1 to {MAX_RATIONALE_LENGTH} "
                                        "characters of text")
    return text


def _seconds(value: Any, what: str, positive: bool = True) -> float:
    if not clock.within(value) or (positive and value <= 0):
        raise MatchError("not_allowed", f"{what} is a {'positive ' if positive else ''}"
                                        f"number of seconds, at most {clock.MAX_SECONDS:.0f}")
    return float(value)


class TurnCycle(Protocol):
    """What the umpire's commands ask of the match's turn cycle (``Match`` is one)."""

    def snapshot(self, seat: str) -> dict[str, Any]: ...

    def _run_engine(self) -> tuple[State, dict[str, Any]]: ...

    def _commit(self, result: tuple[State, dict[str, Any]], reason: str, at: float,
                feedback: dict[str, str]) -> list[Push]: ...

    def _start_planning(self, at: float) -> None: ...

    def _start_stage_clock(self, at: float) -> None: ...

    def _begin_turn(self, now: float) -> list[Push]: ...

    def _adjudicate_if_all_ready(self, now: float) -> list[Push]: ...


class Umpiring:
    """The umpire's side of a match (see the module docstring)."""

    def __init__(self, core: MatchCore, visibility: Visibility, record: Record,
                 cycle: TurnCycle) -> None:
        self.core = core
        self.visibility = visibility
        self.record = record
        self.cycle = cycle

    # --- roles and observers ---------------------------------------------------------------

    def create_role_token(self, seat: str, role: Any, now: float, label: Any = "") -> Outcome:
        """A token that opens an ``observer`` or ``analyst`` seat (shown only here)."""
        core = self.core
        core.need_umpire(seat)
        if role not in ROLE_KINDS:
            raise MatchError("not_allowed", f"a role token is for one of "
                                            f"{', '.join(ROLE_KINDS)}, not {role!r}")
        if not isinstance(label, str) or len(label) > 40:
            raise MatchError("not_allowed", "a role token's label is at most 40 characters")
        if len(core.role_tokens) >= MAX_ROLE_TOKENS:
            raise MatchError("not_allowed", f"a match has at most {MAX_ROLE_TOKENS} role tokens")
        token = new_token()
        token_id = f"T{len(core.role_tokens) + 1}"
        self.record({"type": "role_token", "id": token_id, "role": role,
                     "token": token_hash(token), "label": label}, now)
        return _outcome({"id": token_id, "role": role, "token": token, "label": label})

    def revoke_role_token(self, seat: str, token_id: Any, now: float) -> Outcome:
        """Stop a role token from opening its seat (a token that went astray). Connections
        already open keep their seat until they close: the host closes them (docs)."""
        self.core.need_umpire(seat)
        known = [t for t in self.core.role_tokens if t.id == token_id and not t.revoked]
        if not known:
            raise MatchError("bad_token", f"there is no role token {token_id!r} to revoke")
        return _outcome({"id": token_id, "role": known[0].role}, self.record(
            {"type": "role_revoked", "id": token_id}, now))

    def set_observer_access(self, seat: str, full: Any, now: float) -> Outcome:
        """Let observers see everything (as analysts do), or only the public view."""
        self.core.need_umpire(seat)
        if not isinstance(full, bool):
            raise MatchError("not_allowed", "observer access is full (true) or public (false)")
        return _outcome({"full": full}, self.record({"type": "observer_access",
                                                     "full": full}, now))

    # --- channels and stages ---------------------------------------------------------------

    def set_channel(self, seat: str, config: Any, now: float) -> Outcome:
        """Add a named channel, or change one (its history stays with it)."""
        core = self.core
        core.need_umpire(seat)
        try:
            channel = channel_from_config(config, core.powers)
        except ValueError as err:
            raise MatchError("bad_channel", str(err)) from None
        if channel.id not in core.channels and len(core.channels) >= MAX_CHANNELS:
            raise MatchError("bad_channel", f"a match has at most {MAX_CHANNELS} channels")
        old = core.channels.get(channel.id)
        if old is not None and (old.kind != channel.kind or old.members != channel.members):
            raise MatchError("bad_channel", f"channel {channel.id} already exists with other "
                                            "members; close it and open one with a new id")
        return _outcome({"channel": channel.id},
                        self.record({"type": "channel_set", "channel": channel.to_json()}, now))

    def close_channel(self, seat: str, channel_id: Any, now: float) -> Outcome:
        """Close a named channel for writing; its members keep reading its history."""
        self.core.need_umpire(seat)
        channel = self.core.channels.get(channel_id) if isinstance(channel_id, str) else None
        if channel is None:
            raise MatchError("bad_channel", f"there is no channel {channel_id!r} to close")
        closed = replace(channel, stages=(), writers=())
        return _outcome({"channel": channel.id},
                        self.record({"type": "channel_set", "channel": closed.to_json()}, now))

    def set_stage(self, seat: str, stage: Any, now: float, every_turn: Any = False) -> Outcome:
        """Move this turn's planning to ``negotiation`` (orders refused) or ``orders``; with
        ``every_turn`` later turns open in that stage too."""
        self.core.need_umpire(seat)
        self.core.need_phase(PLANNING)
        if stage not in STAGES or not isinstance(every_turn, bool):
            raise MatchError("not_allowed", f"the stage is one of {', '.join(STAGES)}")
        return _outcome({"stage": stage}, self.record(
            {"type": "stage", "stage": stage, "every_turn": every_turn}, now))

    # --- the clock -------------------------------------------------------------------------

    def pause(self, seat: str, now: float) -> Outcome:
        """Stop the clock: the deadline waits, and ready flags adjudicate nothing."""
        core = self.core
        core.need_umpire(seat)
        core.need_phase(PLANNING)
        if core.paused:
            raise MatchError("not_allowed", "the match is already paused")
        return _outcome({}, self.record({"type": "paused"}, now))

    def resume(self, seat: str, now: float) -> Outcome:
        """Restart the clock with the time that was left; adjudicates at once if every
        awaited seat is ready."""
        core = self.core
        core.need_umpire(seat)
        core.need_phase(PLANNING)
        if not core.paused:
            raise MatchError("not_allowed", "the match is not paused")
        pushes = self.record({"type": "resumed"}, now)
        return _outcome({}, pushes + self.cycle._adjudicate_if_all_ready(now))

    def adjust_deadline(self, seat: str, seconds: Any, now: float) -> Outcome:
        """Extend (positive) or shorten (negative) this turn's deadline by ``seconds``."""
        core = self.core
        core.need_umpire(seat)
        core.need_phase(PLANNING)
        seconds = _seconds(seconds, "a change of deadline", positive=False)
        if core.paused:
            if core.remaining is None:
                raise MatchError("not_allowed", "this turn has no deadline to move")
            if core.remaining + seconds <= 0:
                raise MatchError("not_allowed", "that leaves no time; adjudicate now instead")
            if core.remaining + seconds > clock.MAX_SECONDS:
                raise MatchError("not_allowed", "that leaves more than "
                                                f"{clock.MAX_SECONDS:.0f} s on the clock")
        else:
            if core.deadline_at is None:
                raise MatchError("not_allowed", "this turn has no deadline to move; set one")
            if core.deadline_at + seconds <= now:
                raise MatchError("not_allowed", "that puts the deadline in the past; "
                                                "adjudicate now instead")
            if core.deadline_at + seconds - now > clock.MAX_SECONDS:
                raise MatchError("not_allowed", "that puts the deadline more than "
                                                f"{clock.MAX_SECONDS:.0f} s from now")
        return _outcome({"deadline_at": None if core.paused else core.deadline_at + seconds},
                        self.record({"type": "clock_adjusted", "seconds": seconds}, now))

    def set_warning(self, seat: str, seconds: Any, now: float) -> Outcome:
        """Warn everyone ``seconds`` before each deadline (None: no warning)."""
        self.core.need_umpire(seat)
        if seconds is not None:
            seconds = _seconds(seconds, "a warning")
        return _outcome({}, self.record({"type": "warning_set", "seconds": seconds}, now))

    def set_bot_takeover(self, seat: str, personalities: Any, now: float) -> Outcome:
        """Hand human seats with no orders at the deadline to bots (``personalities``: a map
        from power to bot personality, {} for the default everywhere), or stop (None)."""
        core = self.core
        core.need_umpire(seat)
        if personalities is not None and not (
                isinstance(personalities, dict)
                and all(p in core.seats and isinstance(name, str) and len(name) <= 40
                        for p, name in personalities.items())):
            raise MatchError("not_allowed", "bot takeover maps powers of this match to bot "
                                            "personalities, or is off (none)")
        takeover = None if personalities is None else {
            p: personalities.get(p, "") for p in core.powers}
        return _outcome({"takeover": takeover}, self.record(
            {"type": "takeover_set", "takeover": takeover}, now))

    # --- review before release ----------------------------------------------------------------

    def set_review(self, seat: str, on: Any, now: float) -> Outcome:
        """Hold each adjudicated result for the umpire's release (from the next
        adjudication on)."""
        self.core.need_umpire(seat)
        if not isinstance(on, bool):
            raise MatchError("not_allowed", "review is on (true) or off (false)")
        return _outcome({"review": on}, self.record({"type": "review_set", "on": on}, now))

    def amend_order(self, seat: str, power: Any, index: Any, order: Any, rationale: Any,
                    now: float) -> Outcome:
        """During review: replace the power's order at ``index`` (``order``), skip it
        (``order`` None), or add one (``index`` = the number of its orders); the engine
        re-runs at once on the amended orders."""
        core = self.core
        core.need_umpire(seat)
        core.need_phase(REVIEW)
        if not isinstance(power, str) or power not in core.seats:
            raise MatchError("bad_seat", f"there is no power {power!r} in this match")
        orders = core.orders.get(power, [])
        limit = len(orders) if order is None else len(orders) + 1
        if not (isinstance(index, int) and not isinstance(index, bool) and 0 <= index < limit):
            action = "skip" if order is None else "edit"
            raise MatchError("bad_orders", f"{power} has {len(orders)} orders; there is no "
                                           f"order {index!r} to {action}")
        rationale = _rationale(rationale)
        doc = None
        if order is not None:
            accepted, rejected = validate_power_orders(core.state, power, [order])
            if rejected:
                raise MatchError("bad_orders", f"the amended order is refused: "
                                               f"{rejected[0].reason}")
            doc = dict(accepted[0].doc)
        return _outcome({}, self.record({"type": "order_amended", "power": power,
                                         "index": index, "order": doc,
                                         "rationale": rationale}, now))

    def release_result(self, seat: str, feedback: Any, now: float) -> Outcome:
        """Release the result under review to everyone, with optional feedback (a map from
        power to text) that each power alone receives."""
        core = self.core
        core.need_umpire(seat)
        core.need_phase(REVIEW)
        feedback = {} if feedback is None else feedback
        if not (isinstance(feedback, dict) and all(
                p in core.seats and isinstance(t, str) and len(t) <= MAX_FEEDBACK_LENGTH
                for p, t in feedback.items())):
            raise MatchError("not_allowed", f"feedback maps powers of this match to text of "
                                            f"at most {MAX_FEEDBACK_LENGTH} characters")
        feedback = {p: t for p, t in feedback.items() if t.strip()}
        pushes = self.record({"type": "result_released", "feedback": feedback}, now)
        return _outcome({}, pushes + self.cycle._begin_turn(now))

    # --- the world ---------------------------------------------------------------------------

    def edit_world(self, seat: str, edit: Any, rationale: Any, now: float) -> Outcome:
        """Change the world now (see ``edits.py`` for the kinds), with a rationale."""
        core = self.core
        core.need_umpire(seat)
        core.need_phase(PLANNING)
        rationale = _rationale(rationale)
        try:
            edited = edit_state(core.state, edit)
        except EditError as err:
            raise MatchError("bad_edit", str(err)) from None
        return _outcome({"hash": edited.hash()}, self.record(
            {"type": "world_edited", "edit": copy.deepcopy(edit), "rationale": rationale}, now))

    def inject(self, seat: str, doc: Any, now: float) -> Outcome:
        """An ad hoc inject (see ``injects.py``), fired at once."""
        core = self.core
        core.need_umpire(seat)
        core.need_phase(PLANNING)
        problems = inject_problems(doc, core.powers, core.scenario.map.ids)
        if problems:
            raise MatchError("bad_inject", "; ".join(problems))
        inject = normalised_inject(doc)
        if inject["kind"] == LEAK and not leaked_pacts(core.state, inject):
            raise MatchError("bad_inject", "there is no unrevealed secret pact to leak")
        return _outcome({}, self.record({"type": "inject", "source": "umpire",
                                         "inject": inject}, now))

    # --- rollback and fork -------------------------------------------------------------------

    def rollback(self, seat: str, turn: Any, now: float) -> Outcome:
        """Go back to the start of ``turn`` (this turn, to restart it): later results,
        orders and proposals are dropped, while seats, chat and notes stay. The log keeps
        everything, the rollback included."""
        self.core.need_umpire(seat)
        state = self.core.turn_played(turn)
        pushes = self.record({"type": "rolled_back", "turn": turn}, now)
        return _outcome({"turn": turn, "hash": state.hash()}, pushes + self.cycle._begin_turn(now))

    def dashboard(self, seat: str, now: float) -> dict[str, Any]:
        """What the umpire's console shows (umpire and analysts only); see dashboard.py."""
        if seat not in (UMPIRE, ANALYST):
            raise MatchError("not_allowed", "only the umpire and analysts see the dashboard")
        return dashboard(self.core, now)

    # --- the fold ------------------------------------------------------------------------------

    def _on_role_token(self, event: dict[str, Any]) -> list[Push]:
        token = RoleToken(event["role"], event["token"], event["label"], event["id"])
        self.core.role_tokens.append(token)
        return [Push(frozenset({UMPIRE}), {"type": "role_token", **token.public()})]

    def _on_role_revoked(self, event: dict[str, Any]) -> list[Push]:
        core = self.core
        core.role_tokens = [replace(t, revoked=True) if t.id == event["id"] else t
                            for t in core.role_tokens]
        (token,) = [t for t in core.role_tokens if t.id == event["id"]]
        return [Push(frozenset({UMPIRE}), {"type": "role_token", **token.public()})]

    def _on_observer_access(self, event: dict[str, Any]) -> list[Push]:
        self.core.observers_see_all = event["full"]
        return [Push(frozenset({OBSERVER}), make=lambda: {
            "type": "snapshot", "snapshot": self.cycle.snapshot(OBSERVER)}),
                Push(frozenset({UMPIRE}), {"type": "observer_access", "full": event["full"]})]

    def _on_channel_set(self, event: dict[str, Any]) -> list[Push]:
        channel = channel_from_json(event["channel"])
        self.core.channels[channel.id] = channel
        return [Push(self.visibility.readers((channel.id,)),
                     {"type": "channel", **channel.to_json()})]

    def _on_stage(self, event: dict[str, Any]) -> list[Push]:
        core = self.core
        before = core.stage
        core.stage = event["stage"]
        if event["every_turn"]:
            core.opening_stage = event["stage"]
        if core.talks_deadline is not None and before != core.stage:
            # With a talks deadline each stage has its own clock: moving from talks to
            # orders (by the clock or the umpire) starts the orders' deadline afresh.
            core.warned = False
            self.cycle._start_stage_clock(event["at"])
        return [self.visibility.clock_push()]

    def _on_paused(self, event: dict[str, Any]) -> list[Push]:
        core = self.core
        core.paused = True
        core.remaining = (None if core.deadline_at is None
                          else max(0.0, core.deadline_at - event["at"]))
        core.deadline_at = None
        return [self.visibility.clock_push()]

    def _on_resumed(self, event: dict[str, Any]) -> list[Push]:
        core = self.core
        core.paused = False
        core.deadline_at = None if core.remaining is None else event["at"] + core.remaining
        core.remaining = None
        return [self.visibility.clock_push()]

    def _on_clock_adjusted(self, event: dict[str, Any]) -> list[Push]:
        core = self.core
        # Repaired as they are applied: older versions stored unbounded changes.
        if core.paused:
            core.remaining = clock.repaired_span(core.remaining + event["seconds"])
        else:
            core.deadline_at = clock.repaired_at(core.deadline_at + event["seconds"],
                                                 event["at"])
        if event["seconds"] > 0:
            core.warned = False
        return [self.visibility.clock_push()]

    def _on_warning_set(self, event: dict[str, Any]) -> list[Push]:
        self.core.warning = clock.repaired_span(event["seconds"])
        self.core.warned = False
        return [self.visibility.clock_push()]

    def _on_takeover_set(self, event: dict[str, Any]) -> list[Push]:
        self.core.takeover = event["takeover"]
        return [Push(frozenset({UMPIRE}), {"type": "takeover_set",
                                            "takeover": event["takeover"]})]

    def _on_review_set(self, event: dict[str, Any]) -> list[Push]:
        self.core.review = event["on"]
        return [Push(frozenset({UMPIRE}), {"type": "review_set", "on": event["on"]})]

    def _pending(self) -> Pending:
        """The result under review (these are read and folded only during review)."""
        pending = self.core.pending
        if pending is None:
            raise ValueError("no result is under review")
        return pending

    def review_message(self) -> dict[str, Any]:
        """What the umpire is shown of the result under review."""
        core, pending = self.core, self._pending()
        return {"type": "review", "turn": core.turn, "label": core.state.label,
                "reason": pending.reason, "orders": copy.deepcopy(core.orders),
                "report": pending.report, "view": seat_view(pending.state, UMPIRE, core.aliases),
                "amendments": copy.deepcopy(pending.amendments)}

    def review_push(self) -> Push:
        # The pending result goes to the umpire alone: nobody else learns anything of a
        # result before its release.
        return Push(frozenset({UMPIRE}), make=self.review_message)

    def _on_order_amended(self, event: dict[str, Any]) -> list[Push]:
        power, index, order = event["power"], event["index"], event["order"]
        # A new list: the old one may be the one a logged event holds.
        orders = list(self.core.orders.get(power, []))
        if order is None:
            del orders[index]
        elif index == len(orders):
            orders.append(order)
        else:
            orders[index] = order
        self.core.orders[power] = orders
        pending = self._pending()
        pending.result = self.cycle._run_engine()
        pending.amendments.append({k: copy.deepcopy(event[k]) for k in
                                   ("seq", "power", "index", "order", "rationale")})
        return [self.review_push()]

    def _on_result_released(self, event: dict[str, Any]) -> list[Push]:
        pending = self._pending()
        return self.cycle._commit(pending.result, pending.reason, event["at"],
                                  event["feedback"])

    def view_pushes(self, cause: str) -> list[Push]:
        """Every seat's new view of the current state, after a change outside a turn."""
        core = self.core
        pushes = []
        state, turn = core.state, core.turn
        for seat in self.visibility.everyone() - frozenset(core.members):
            pushes.append(Push(frozenset({seat}), make=partial(
                _view_message, state, self.visibility.sees(seat), cause, turn, core.aliases)))
        return pushes

    def _on_world_edited(self, event: dict[str, Any]) -> list[Push]:
        core = self.core
        core.state = edit_state(core.state, event["edit"])
        return self.view_pushes("edit") + [Push(frozenset({UMPIRE}), {
            "type": "world_edited", "edit": event["edit"], "rationale": event["rationale"],
            "hash": core.state.hash()})]

    def _on_inject(self, event: dict[str, Any]) -> list[Push]:
        core = self.core
        inject = event["inject"]
        before = core.state
        message = {"type": "inject", "turn": core.turn, "at": event["at"],
                   "source": event["source"], **copy.deepcopy(inject),
                   "text": inject_text(inject, {p.id: p.name for p in core.scenario.powers})}
        if inject["kind"] == LEAK:
            message["pacts"] = leaked_pacts(before, inject)
        core.injects.append(message)     # for the snapshots of those who join later
        core.state = apply_inject(before, inject)
        seen = self.visibility
        pushes = seen.split_by_ids(seen.inject_audience(inject), message,
                                   core.aliases.inject(message))
        if core.state is not before:
            pushes += self.view_pushes("inject")
        return pushes

    def _on_rolled_back(self, event: dict[str, Any]) -> list[Push]:
        core = self.core
        k = event["turn"] - core.first_turn
        core.state = core.states[k]
        core.states = core.states[:k + 1]
        core.reports = core.reports[:k]
        core.pending = None
        core.feedback = {}
        self.cycle._start_planning(event["at"])
        return [self.visibility.clock_push()] + self.view_pushes("rollback")

    def _on_forked(self, event: dict[str, Any]) -> list[Push]:
        return [Push(frozenset({UMPIRE}), {"type": "forked", "match": event["match"],
                                            "turn": event["turn"]})]


def _view_message(state: State, sees: str, cause: str, turn: int,
                  aliases: PactAliases) -> dict[str, Any]:
    """A seat's fresh view after the umpire changed the world (``cause``: ``edit``,
    ``inject`` or ``rollback``)."""
    return {"type": "view", "cause": cause, "turn": turn, "label": state.label,
            "view": seat_view(state, sees, aliases)}
