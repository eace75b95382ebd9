"""Team play and the players' notes for the umpire: a part of ``Match``.

- ``join_team``: join a power's team (as its lead if nobody holds the seat yet);
- ``sign_off``: the lead makes the team's shared draft the power's orders;
- ``state_intent``: the power's private intent for this turn, for the umpire and the debrief;
- ``note_insight``: a thought noted at any time, for the same readers.

Intent and insight events are read by the debrief; their fields are stable:
``{"type": "intent" | "insight", "seat": POWER, "member": SEAT (only when not the lead),
"turn": N, "text": TEXT}`` plus the log's ``seq`` and ``at``. Each goes to the power's own
team, the umpire and analysts, never to anyone else.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any, Protocol

from .channels import ORDERS
from .errors import MatchError
from .outcome import Outcome, Push
from .roles import member_id
from .seats import EMPTY, new_token, token_hash
from .teams import Member, OrderKey, copy_orders, keyed, merge_drafts

if TYPE_CHECKING:
    from .core import MatchCore, Record
    from .visibility import Visibility

MAX_NOTE_LENGTH = 2000


class JoinAsLead(Protocol):
    """The match's ``join``: how the first of a team takes the power's seat."""

    def __call__(self, power: str, now: float, *, name: str = "", password: str = "",
                 role: str = "") -> Outcome: ...


class Teamwork:
    """Commands and folds for teams, intents and insights (see the module docstring); it
    owns the history of each team's shared draft this turn."""

    def __init__(self, core: MatchCore, visibility: Visibility, record: Record,
                 join: JoinAsLead) -> None:
        self.core = core
        self.visibility = visibility
        self.record = record
        self.join = join
        # Each draft of the turn, by revision (revision 0: empty), and who last set each order.
        self.draft_history: dict[str, list[list[dict[str, Any]]]] = {}
        self.draft_editors: dict[str, dict[OrderKey, str]] = {}

    def join_team(self, power: str, now: float, *, name: str = "", role: str = "",
                  password: str = "") -> Outcome:
        """Join ``power``'s team with a role name. The first to join becomes the lead (the
        seat id is the power); later ones are members with ids ``POWER.2``, ``POWER.3``…
        The reply carries the new seat id and its token (shown only here)."""
        core = self.core
        seat = core.seats.get(power) if isinstance(power, str) else None
        if seat is None or seat.kind == EMPTY:
            raise MatchError("bad_seat", f"there is no seat {power!r} to take in this match")
        if not seat.occupied:
            outcome = self.join(power, now, name=name, password=password, role=role)
            outcome.reply["lead"] = True
            return outcome
        core.check_password(password)
        core.check_name(name, role)
        size = 1 + sum(1 for m in core.members.values() if m.power == power)
        if size >= core.team_size:
            raise MatchError("seat_taken", f"the team of {power} is full "
                                           f"({core.team_size} people)")
        member = member_id(power, core.member_count.get(power, 0) + 2)
        token = new_token()
        pushes = self.record({"type": "member_joined", "seat": power, "member": member,
                              "token": token_hash(token), "name": name, "role": role}, now)
        return Outcome({"seat": member, "token": token, "lead": False}, pushes)

    def sign_off(self, seat: str, now: float) -> Outcome:
        """The team lead signs the shared draft off: it becomes the power's orders."""
        core = self.core
        power = core.need_lead(seat)
        if core.stage != ORDERS:
            raise MatchError("not_allowed", "orders are not open yet: this is the "
                                            "negotiation window")
        if power not in core.drafts:
            raise MatchError("bad_orders", f"{power}'s team has no draft to sign off")
        draft = copy.deepcopy(core.drafts[power])
        pushes = self.record({"type": "orders", "seat": power, "orders": draft,
                              "signed_off": True}, now)
        return Outcome({"orders": core.aliases.orders(draft)}, pushes)

    def state_intent(self, seat: str, text: Any, now: float) -> Outcome:
        """The power's intent for this turn, a private statement for the umpire (a later one
        in the same turn replaces it; both stay in the log)."""
        core = self.core
        core.need_power_planning(seat)
        return Outcome({"turn": core.turn}, self.record(
            core.acting(seat, {"type": "intent", "turn": core.turn,
                               "text": self._note_text(text)}), now))

    def note_insight(self, seat: str, text: Any, now: float) -> Outcome:
        """A thought a player notes at any moment, even after the match is over."""
        core = self.core
        if core.power_of(seat) is None:
            raise MatchError("not_allowed", "only a power's team notes insights")
        return Outcome({"turn": core.turn}, self.record(
            core.acting(seat, {"type": "insight", "turn": core.turn,
                               "text": self._note_text(text)}), now))

    @staticmethod
    def _note_text(text: Any) -> str:
        if not isinstance(text, str) or not text.strip() or len(text) > MAX_NOTE_LENGTH:
            raise MatchError("not_allowed", f"a note is 1 to {MAX_NOTE_LENGTH} characters "
                                            "of text")
        return text

    # --- the shared draft, merged order by order ---------------------------------------------

    def draft_rev(self, power: str) -> int:
        """The revision of the power's draft this turn (0 before any change)."""
        return len(self.draft_history.get(power, [[]])) - 1

    def merge_draft(self, power: str, orders: list[Any], base: Any
                    ) -> tuple[list[Any], list[dict[str, Any]]]:
        """``orders`` merged into the power's draft when the sender edited an older
        revision (``base``); with the orders both changed (kept as the first made them)
        and who made them. Without ``base`` the set replaces the draft, as it always did."""
        history = self.draft_history.get(power, [[]])
        if (not isinstance(base, int) or isinstance(base, bool) or not 0 <= base < len(history)
                or base == len(history) - 1):
            return orders, []
        merged, clashes = merge_drafts(history[base], orders, history[-1])
        mine, theirs = keyed(orders), keyed(history[-1])
        editors = self.draft_editors.get(power, {})
        told = []
        for key in clashes:
            by = editors.get(key, power)
            member = self.core.members.get(by)
            who = (member.name if member is not None else self.core.seats[power].name) or by
            told.append({"order": mine.get(key), "kept": theirs.get(key), "by": by,
                         "name": who})
        return merged, told

    def draft_changed(self, power: str, orders: list[dict[str, Any]], by: str) -> int:
        """Fold a new draft (or signed set) into the history; returns its revision."""
        history = self.draft_history.setdefault(power, [[]])
        editors = self.draft_editors.setdefault(power, {})
        before = keyed(history[-1])
        for key, order in keyed(orders).items():
            if before.get(key) != order:
                editors[key] = by
        history.append(copy_orders(orders))
        return len(history) - 1

    def reset_drafts(self) -> None:
        """A new planning phase: no draft has a history yet."""
        self.draft_history = {}
        self.draft_editors = {}

    # --- the fold ------------------------------------------------------------------------

    def _on_member_joined(self, event: dict[str, Any]) -> list[Push]:
        core = self.core
        power = event["seat"]
        core.member_count[power] = core.member_count.get(power, 0) + 1
        core.members[event["member"]] = Member(
            id=event["member"], power=power, role=event["role"], name=event["name"],
            token_hash=event["token"])
        return [self.visibility.seat_push(power)]

    def _note(self, event: dict[str, Any], notes: list[dict[str, Any]]) -> list[Push]:
        note: dict[str, Any] = {k: event[k] for k in ("seq", "at", "seat", "member", "turn",
                                                      "text") if k in event}
        notes.append(note)
        return [Push(self.visibility.note_audience(event["seat"]),
                     {"type": event["type"], **note})]

    def _on_intent(self, event: dict[str, Any]) -> list[Push]:
        return self._note(event, self.core.intents)

    def _on_insight(self, event: dict[str, Any]) -> list[Push]:
        return self._note(event, self.core.insights)
