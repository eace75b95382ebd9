"""What one seat knows about its match, kept up to date from the messages it receives.

The client never computes what a seat may see: it starts from the snapshot the match sends
on joining (docs/PROTOCOL.md §5) and folds in the pushes that follow (§7). Every screen reads
this model, in hot-seat and online play alike, and ``apply`` says which parts changed so a
screen redraws only what it must.

Pure Python: no pygame, so the bots and the tests can use it too.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any, Callable

# The parts of the model a message can change (``apply``'s answer).
SEATS = "seats"
READY = "ready"
DEADLINE = "deadline"
VIEW = "view"
ORDERS = "orders"
CHAT = "chat"
PROPOSALS = "proposals"
REPORT = "report"
OVER = "over"
CLOCK = "clock"        # the turn timer: pause, warning, stage (the deadline is DEADLINE)
NEWS = "news"          # injects: the umpire's (or the scenario's) news for this seat
DRAFT = "draft"        # a team's shared draft of orders (workshop teams)


@dataclass(frozen=True)
class TurnRecord:
    """One adjudicated turn as this seat saw it: enough to replay its war outcomes."""

    turn: int                  # the turn the report is about
    label: str                 # its season, e.g. "Spring 1939"
    report: dict[str, Any]     # the seat's filtered report
    before: dict[str, Any]     # the seat's view before the turn
    after: dict[str, Any]      # the seat's view after it
    reason: str = ""           # all_ready, deadline or umpire


@dataclass
class MatchModel:
    """A seat's knowledge of its match. Build it with ``from_snapshot``.

    ``seat`` is the power the seat plays for, a team member's too (so every screen that
    asks "is this my power, are these my orders" needs no change for teams); ``member`` is
    the member's own seat id (``RED.2``) when the seat is not its team's lead, else "".
    """

    seat: str
    match_id: str
    name: str
    scenario: str
    turn: int
    label: str
    phase: str
    fog: bool
    deadline: float | None
    deadline_at: float | None
    seats: dict[str, dict[str, Any]]
    powers: list[dict[str, Any]]
    ready: dict[str, bool]
    view: dict[str, Any]
    orders: dict[str, list[dict[str, Any]]]
    chat: list[dict[str, Any]]
    proposals: dict[str, dict[str, Any]]
    report: dict[str, Any] | None
    winner: dict[str, Any] | None
    history: list[TurnRecord] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)   # snapshot keys this client ignores
    member: str = ""

    KNOWN = ("match", "name", "scenario", "turn", "label", "phase", "fog", "deadline",
             "deadline_at", "seats", "powers", "ready", "view", "orders", "chat",
             "proposals", "report", "winner", "seat", "password")

    @classmethod
    def from_snapshot(cls, snapshot: dict[str, Any]) -> "MatchModel":
        snap = copy.deepcopy(snapshot)
        seat, member = snap["seat"], ""
        power = snap.get("power")
        if isinstance(power, str) and power != seat and \
                any(s.get("power") == power for s in snap.get("seats", [])):
            seat, member = power, snap["seat"]     # a team member plays for its power
        return cls(
            seat=seat, member=member, match_id=snap["match"], name=snap.get("name", ""),
            scenario=snap.get("scenario", ""), turn=snap["turn"], label=snap.get("label", ""),
            phase=snap.get("phase", "planning"), fog=bool(snap.get("fog", False)),
            deadline=snap.get("deadline"), deadline_at=snap.get("deadline_at"),
            seats={s["power"]: s for s in snap.get("seats", [])},
            powers=snap.get("powers", []), ready=dict(snap.get("ready", {})),
            view=snap["view"], orders=snap.get("orders", {}), chat=snap.get("chat", []),
            proposals={p["id"]: p for p in snap.get("proposals", [])},
            report=snap.get("report"), winner=snap.get("winner"),
            extra={k: v for k, v in snap.items() if k not in cls.KNOWN})

    # --- reading ---------------------------------------------------------------------------

    @property
    def is_power(self) -> bool:
        """Whether the seat plays a power (rather than watching or umpiring)."""
        return self.seat in self.seats

    @property
    def over(self) -> bool:
        return self.phase == "over"

    # --- teams (workshop mode) -------------------------------------------------------------

    @property
    def seat_id(self) -> str:
        """The seat's own id as the match knows it: ``RED.2`` for a team member."""
        return self.member or self.seat

    @property
    def is_member(self) -> bool:
        """A team member who is not the lead: edits the draft, cannot sign or be ready."""
        return bool(self.member)

    def team(self) -> list[dict[str, Any]]:
        """The seat's own power's team, lead first: ``{"id", "name", "role", "lead"}``;
        empty for a player alone (a team of one) and for seats that play no power."""
        seat = self.seats.get(self.seat) if self.is_power else None
        members = (seat or {}).get("members") or []
        if not members:
            return []
        lead = {"id": self.seat, "name": seat.get("name", ""), "role": seat.get("role", ""),
                "lead": True}
        return [lead, *({"id": m.get("id", ""), "name": m.get("name", ""),
                         "role": m.get("role", ""), "lead": False} for m in members)]

    def person(self, seat_id: str) -> str:
        """'Bo (foreign minister)': a team member's name and role, for "changed by"."""
        for p in self.team():
            if p["id"] == seat_id:
                name = p["name"] or p["id"]
                return f"{name} ({p['role']})" if p["role"] else name
        return seat_id

    def lead_name(self) -> str:
        seat = self.seats.get(self.seat) or {}
        return str(seat.get("name") or self.power_name(self.seat))

    @property
    def drafts(self) -> dict[str, list[dict[str, Any]]]:
        """The team's shared drafts this seat may see (its own power's), by power."""
        return self.extra.setdefault("drafts", {})

    @property
    def shared_orders(self) -> dict[str, list[dict[str, Any]]]:
        """The planned orders pact partners share with this seat this turn, by power (the
        attack odds and the commitments meter count them)."""
        return self.extra.setdefault("shared", {})

    def my_draft(self) -> list[dict[str, Any]]:
        """The team's current draft (the signed orders when there is none)."""
        if self.seat in self.drafts:
            return list(self.drafts[self.seat])
        return self.my_orders()

    def draft_by(self) -> str:
        """The seat id that last changed the team's draft ("" when unknown)."""
        return str(self.extra.get("draft_by", {}).get(self.seat, ""))

    # The workshop's keys stay in ``extra`` (the console's feed reads them from there too).

    @property
    def stage(self) -> str:
        """``negotiation`` (orders stay drafts, no ready flags) or ``orders``."""
        return str(self.extra.get("stage") or "orders")

    @property
    def paused(self) -> bool:
        return bool(self.extra.get("paused"))

    @property
    def remaining(self) -> float | None:
        """Seconds left on the clock while it is paused."""
        return self.extra.get("remaining")

    @property
    def injects(self) -> list[dict[str, Any]]:
        """Every inject told to this seat, oldest first."""
        return self.extra.setdefault("injects", [])

    def news(self, turn: int | None = None) -> list[dict[str, Any]]:
        """The injects told to this seat during ``turn`` (the current one by default)."""
        turn = self.turn if turn is None else turn
        return [i for i in self.injects if i.get("turn") == turn]

    def power_name(self, power: str) -> str:
        for entry in self.powers:
            if entry["id"] == power:
                return str(entry.get("name") or power)
        return power

    def my_orders(self) -> list[dict[str, Any]]:
        """The orders this seat has submitted this turn (empty for other seats)."""
        return list(self.orders.get(self.seat, []))

    def open_proposals(self) -> list[dict[str, Any]]:
        return [p for p in self.proposals.values() if p["status"] == "open"]

    def awaiting_me(self) -> list[dict[str, Any]]:
        """Open proposals naming this seat that it has not yet accepted."""
        return [p for p in self.open_proposals()
                if self.seat in p["members"] and self.seat not in p["accepted"]]

    def channels(self) -> list[str | list[str]]:
        """The channels this seat has heard on, public first, in order of first use."""
        seen: list[str | list[str]] = ["public"]
        for message in self.chat:
            if message["channel"] not in seen:
                seen.append(message["channel"])
        return seen

    # --- folding in messages ------------------------------------------------------------------

    def apply(self, message: dict[str, Any]) -> frozenset[str]:
        """Fold one push or reply into the model; returns the parts it changed."""
        handler = _FOLD.get(str(message.get("type")))
        if handler is None:
            return frozenset()
        return frozenset(handler(self, copy.deepcopy(message)))

    def _on_seat(self, m: dict[str, Any]) -> set[str]:
        m.pop("type")
        self.seats[m["power"]] = m
        return {SEATS}

    def _on_chat(self, m: dict[str, Any]) -> set[str]:
        m.pop("type")
        self.chat.append(m)
        # A bot says why it declined on its private channel with the proposer, right after
        # the decline: keep the line with the proposal, for the Inbox.
        waiting = self.extra.get("reason_due", {})
        pid = waiting.get(m.get("from"))
        proposal = self.proposals.get(pid) if pid else None
        if proposal is not None and isinstance(m.get("channel"), list) \
                and set(m["channel"]) == {m.get("from"), proposal.get("proposer")}:
            proposal["reason"] = m.get("text", "")
            del waiting[m["from"]]
            return {CHAT, PROPOSALS}
        return {CHAT}

    # A snapshot carries only the newest chat; ``chat_from`` (in ``extra``) is the index of
    # its first message in the seat's whole history, and a ``chat_history`` request with
    # ``older_chat()`` brings the page before it (docs/PROTOCOL.md §5).

    def older_chat(self) -> dict[str, Any] | None:
        """The request for the chat page before the oldest message held, or None when the
        whole history is here."""
        first = self.extra.get("chat_from", 0)
        return {"type": "chat_history", "before": first} if first else None

    def _on_chat_page(self, m: dict[str, Any]) -> set[str]:
        if m.get("messages") and m.get("chat_from", 0) < self.extra.get("chat_from", 0):
            self.chat[:0] = m["messages"]
            self.extra["chat_from"] = m["chat_from"]
        return {CHAT}

    def _on_proposal(self, m: dict[str, Any]) -> set[str]:
        m.pop("type")
        self.proposals[m["id"]] = m
        if m.get("status") == "declined" and m.get("by") \
                and (self.seats.get(m["by"]) or {}).get("kind") == "bot":
            self.extra.setdefault("reason_due", {})[m["by"]] = m["id"]
        return {PROPOSALS}

    def _on_orders(self, m: dict[str, Any]) -> set[str]:
        # Signed orders: the team's draft is the same set from now on (as the match keeps it).
        self.orders[m["power"]] = m["orders"]
        if self.drafts.get(m["power"]) != m["orders"]:   # (a sign-off changes no draft)
            self.extra.setdefault("draft_by", {})[m["power"]] = m["power"]
        self.drafts[m["power"]] = copy.deepcopy(m["orders"])
        self._note_rev(m)
        return {ORDERS, DRAFT}

    def _on_draft(self, m: dict[str, Any]) -> set[str]:
        # A team member (or the lead during a negotiation window) changed the shared draft.
        self.drafts[m["power"]] = m["orders"]
        self.extra.setdefault("draft_by", {})[m["power"]] = m.get("by", m["power"])
        self._note_rev(m)
        return {DRAFT}

    def _on_shared_orders(self, m: dict[str, Any]) -> set[str]:
        # A partner shares (or stops sharing: no orders) its planned orders with this seat.
        if m.get("orders") is None:
            self.shared_orders.pop(m["power"], None)
        else:
            self.shared_orders[m["power"]] = m["orders"]
        return {DRAFT}

    def _on_sharing(self, m: dict[str, Any]) -> set[str]:
        # The seat's own choice to share its planned orders with its allies.
        if m.get("power") == self.seat:
            self.extra["sharing"] = bool(m.get("share"))
        return {DRAFT}

    @property
    def sharing(self) -> bool:
        """Whether this seat shares its planned orders with its allies."""
        return bool(self.extra.get("sharing"))

    def _note_rev(self, m: dict[str, Any]) -> None:
        """The revision of a team's draft, which an edit names as its base so the match
        can merge it with edits made meanwhile (game/match/teams.py)."""
        if "rev" in m:
            self.extra.setdefault("draft_rev", {})[m.get("power", self.seat)] = m["rev"]

    def _on_ready(self, m: dict[str, Any]) -> set[str]:
        self.ready[m["power"]] = m["ready"]
        return {READY}

    def _on_deadline(self, m: dict[str, Any]) -> set[str]:
        self.deadline_at = m["deadline_at"]
        return {DEADLINE}

    def _on_clock(self, m: dict[str, Any]) -> set[str]:
        # The umpire paused, resumed, moved the deadline, set a warning or the stage.
        self.deadline_at = m.get("deadline_at")
        for key in ("paused", "remaining", "warning", "stage"):
            if key in m:
                self.extra[key] = m[key]
        return {DEADLINE, CLOCK}

    def _on_deadline_warning(self, m: dict[str, Any]) -> set[str]:
        if m.get("turn", self.turn) != self.turn:
            return set()
        self.deadline_at = m.get("deadline_at", self.deadline_at)
        self.extra["warned"] = m.get("seconds_left")
        return {DEADLINE, CLOCK}

    def _on_under_review(self, m: dict[str, Any]) -> set[str]:
        # The turn's result waits for the umpire: the clock is stopped until it is released
        # (the turn result then opens the next planning phase).
        if m.get("turn", self.turn) != self.turn:
            return set()
        self.phase = "review"
        return {CLOCK}

    def _on_inject(self, m: dict[str, Any]) -> set[str]:
        m.pop("type")
        self.injects.append(m)
        return {NEWS}

    def _on_channel(self, m: dict[str, Any]) -> set[str]:
        # A channel the umpire configured (or changed) that this seat may read.
        m.pop("type")
        channels = [c for c in self.extra.get("channels", []) if c.get("id") != m.get("id")]
        self.extra["channels"] = [*channels, m]
        return {CHAT}

    def _on_view(self, m: dict[str, Any]) -> set[str]:
        """A new view outside a turn: the umpire edited the world, an inject changed it,
        or the match was rolled back to the start of an earlier turn."""
        self.view = m["view"]
        self.turn = m.get("turn", self.turn)
        self.label = m.get("label", self.label)
        changed = {VIEW}
        if m.get("cause") == "rollback":
            # The turn starts again: later results, orders, flags and proposals are gone.
            self.phase = "planning"
            self.winner = None
            self.history = [r for r in self.history if r.turn < self.turn]
            self.report = self.history[-1].report if self.history else None
            self.orders, self.proposals = {}, {}
            self.extra["drafts"], self.extra["draft_by"] = {}, {}
            self.ready = {p: False for p in self.ready}
            changed |= {ORDERS, READY, PROPOSALS, REPORT, OVER, DRAFT}
        return changed

    def _on_snapshot(self, m: dict[str, Any]) -> set[str]:
        """A fresh snapshot pushed to an observer (the umpire changed what it may see):
        everything is replaced but the turns already watched."""
        fresh = MatchModel.from_snapshot(m["snapshot"])
        fresh.history = self.history
        self.__dict__.update(fresh.__dict__)
        return {SEATS, READY, DEADLINE, VIEW, ORDERS, CHAT, PROPOSALS, REPORT, OVER, CLOCK,
                NEWS, DRAFT}

    def _on_ok(self, m: dict[str, Any]) -> set[str]:
        # Replies that carry state of their own: the accepted orders (the push of the same
        # orders goes only to the seat's *other* connections in some transports).
        if m.get("of") == "orders" and self.is_power:
            accepted = m.get("accepted", [])
            self.drafts[self.seat] = copy.deepcopy(accepted)
            self._note_rev(m)
            self.extra.setdefault("draft_by", {})[self.seat] = self.seat_id
            if m.get("signed", True):       # a member's set (or a negotiation's) stays a draft
                self.orders[self.seat] = accepted
                return {ORDERS, DRAFT}
            return {DRAFT}
        if m.get("of") == "sign_off" and self.is_power:
            self.orders[self.seat] = m.get("orders", [])
            return {ORDERS, DRAFT}
        if m.get("of") == "ready" and self.is_power:
            self.ready[self.seat] = bool(m.get("ready"))
            return {READY}
        return set()

    def _on_turn_result(self, m: dict[str, Any]) -> set[str]:
        report = m["report"]
        self.history.append(TurnRecord(
            turn=report.get("turn", self.turn), label=report.get("label", self.label),
            report=report, before=self.view, after=m["view"], reason=m.get("reason", "")))
        self.view = m["view"]
        self.report = report
        self.turn = m["turn"]
        self.label = m.get("label", self.label)
        self.deadline_at = m.get("deadline_at")
        if self.phase == "review":      # the umpire released the result
            self.phase = "planning"
        self.extra.pop("warned", None)
        if m.get("feedback"):
            self.extra["feedback"] = m["feedback"]
        # A new planning phase: the match has cleared proposals, orders and ready flags.
        self.proposals = {}
        self.orders = {}
        self.extra["drafts"], self.extra["draft_by"], self.extra["shared"] = {}, {}, {}
        self.ready = {p: False for p in self.ready}
        return {VIEW, REPORT, PROPOSALS, ORDERS, READY, DEADLINE, DRAFT}

    def _on_match_over(self, m: dict[str, Any]) -> set[str]:
        self.phase = "over"
        self.winner = m.get("winner")
        return {OVER}


# Each message type the model folds in and its method, named rather than found by an f-string.
_FOLD: dict[str, Callable[[MatchModel, dict[str, Any]], set[str]]] = {
    "seat": MatchModel._on_seat,
    "chat": MatchModel._on_chat,
    "chat_page": MatchModel._on_chat_page,
    "proposal": MatchModel._on_proposal,
    "orders": MatchModel._on_orders,
    "draft": MatchModel._on_draft,
    "shared_orders": MatchModel._on_shared_orders,
    "sharing": MatchModel._on_sharing,
    "ready": MatchModel._on_ready,
    "deadline": MatchModel._on_deadline,
    "clock": MatchModel._on_clock,
    "deadline_warning": MatchModel._on_deadline_warning,
    "under_review": MatchModel._on_under_review,
    "inject": MatchModel._on_inject,
    "channel": MatchModel._on_channel,
    "view": MatchModel._on_view,
    "snapshot": MatchModel._on_snapshot,
    "ok": MatchModel._on_ok,
    "turn_result": MatchModel._on_turn_result,
    "match_over": MatchModel._on_match_over,
}
