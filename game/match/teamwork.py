"""Team play and the players' notes for the umpire, mixed into ``Match``.

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
from typing import Any

from .channels import ORDERS
from .errors import MatchError
from .outcome import Outcome, Push
from .roles import ANALYST, member_id
from .seats import EMPTY, UMPIRE, new_token, token_hash
from .teams import Member, OrderKey, copy_orders, keyed, merge_drafts

MAX_NOTE_LENGTH = 2000


class TeamCommands:
    """Commands and folds for teams, intents and insights (see the module docstring)."""

    def join_team(self, power: str, now: float, *, name: str = "", role: str = "",
                  password: str = "") -> Outcome:
        """Join ``power``'s team with a role name. The first to join becomes the lead (the
        seat id is the power); later ones are members with ids ``POWER.2``, ``POWER.3``…
        The reply carries the new seat id and its token (shown only here)."""
        seat = self.seats.get(power) if isinstance(power, str) else None
        if seat is None or seat.kind == EMPTY:
            raise MatchError("bad_seat", f"there is no seat {power!r} to take in this match")
        if not seat.occupied:
            outcome = self.join(power, now, name=name, password=password, role=role)
            outcome.reply["lead"] = True
            return outcome
        self.check_password(password)
        self._check_name(name, role)
        size = 1 + sum(1 for m in self.members.values() if m.power == power)
        if size >= self.team_size:
            raise MatchError("seat_taken", f"the team of {power} is full "
                                           f"({self.team_size} people)")
        member = member_id(power, self.member_count.get(power, 0) + 2)
        token = new_token()
        pushes = self._record({"type": "member_joined", "seat": power, "member": member,
                               "token": token_hash(token), "name": name, "role": role}, now)
        return Outcome({"seat": member, "token": token, "lead": False}, pushes)

    def sign_off(self, seat: str, now: float) -> Outcome:
        """The team lead signs the shared draft off: it becomes the power's orders."""
        power = self._need_lead(seat)
        if self.stage != ORDERS:
            raise MatchError("not_allowed", "orders are not open yet: this is the "
                                            "negotiation window")
        if power not in self.drafts:
            raise MatchError("bad_orders", f"{power}'s team has no draft to sign off")
        draft = copy.deepcopy(self.drafts[power])
        pushes = self._record({"type": "orders", "seat": power, "orders": draft,
                               "signed_off": True}, now)
        return Outcome({"orders": self.aliases.orders(draft)}, pushes)

    def state_intent(self, seat: str, text: Any, now: float) -> Outcome:
        """The power's intent for this turn, a private statement for the umpire (a later one
        in the same turn replaces it; both stay in the log)."""
        self._need_power_planning(seat)
        return Outcome({"turn": self.turn}, self._record(
            self._acting(seat, {"type": "intent", "turn": self.turn,
                                "text": self._note_text(text)}), now))

    def note_insight(self, seat: str, text: Any, now: float) -> Outcome:
        """A thought a player notes at any moment, even after the match is over."""
        if self.power_of(seat) is None:
            raise MatchError("not_allowed", "only a power's team notes insights")
        return Outcome({"turn": self.turn}, self._record(
            self._acting(seat, {"type": "insight", "turn": self.turn,
                                "text": self._note_text(text)}), now))

    @staticmethod
    def _note_text(text: Any) -> str:
        if not isinstance(text, str) or not text.strip() or len(text) > MAX_NOTE_LENGTH:
            raise MatchError("not_allowed", f"a note is 1 to {MAX_NOTE_LENGTH} characters "
                                            "of text")
        return text

    # --- the shared draft, merged order by order ---------------------------------------------

    # Each draft of the turn, by revision (revision 0: empty), and who last set each order.
    draft_history: dict[str, list[list[dict[str, Any]]]]
    draft_editors: dict[str, dict[OrderKey, str]]

    def draft_rev(self, power: str) -> int:
        """The revision of the power's draft this turn (0 before any change)."""
        return len(self.draft_history.get(power, [[]])) - 1

    def _merge_draft(self, seat: str, power: str, orders: list[Any], base: Any
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
            member = self.members.get(by)
            who = (member.name if member is not None else self.seats[power].name) or by
            told.append({"order": mine.get(key), "kept": theirs.get(key), "by": by,
                         "name": who})
        return merged, told

    def _draft_changed(self, power: str, orders: list[dict[str, Any]], by: str) -> int:
        """Fold a new draft (or signed set) into the history; returns its revision."""
        history = self.draft_history.setdefault(power, [[]])
        editors = self.draft_editors.setdefault(power, {})
        before = keyed(history[-1])
        for key, order in keyed(orders).items():
            if before.get(key) != order:
                editors[key] = by
        history.append(copy_orders(orders))
        return len(history) - 1

    def _reset_drafts(self) -> None:
        self.draft_history = {}
        self.draft_editors = {}

    # --- the fold ------------------------------------------------------------------------

    def _on_member_joined(self, event: dict[str, Any]) -> list[Push]:
        power = event["seat"]
        self.member_count[power] = self.member_count.get(power, 0) + 1
        self.members[event["member"]] = Member(
            id=event["member"], power=power, role=event["role"], name=event["name"],
            token_hash=event["token"])
        return [self._seat_push(power)]

    def _note(self, event: dict[str, Any], notes: list[dict[str, Any]]) -> list[Push]:
        note = {k: event[k] for k in ("seq", "at", "seat", "member", "turn", "text")
                if k in event}
        notes.append(note)
        return [Push(self._note_audience(event["seat"]), {"type": event["type"], **note})]

    def _on_intent(self, event: dict[str, Any]) -> list[Push]:
        return self._note(event, self.intents)

    def _on_insight(self, event: dict[str, Any]) -> list[Push]:
        return self._note(event, self.insights)
