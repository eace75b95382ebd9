"""Team play on the game screen (workshop teams, docs/CLIENT.md "Playing in a team").

Several people can share one power's seat: the lead (seat id = the power) and members
(``RED.2``…). Everyone edits the team's shared draft by sending ``orders`` as usual; the
draft becomes the power's orders only when the lead signs it off (``sign_off``), and only
the lead says ready. This module holds what the game screen needs for that and nothing
else: which mode the seat is in, when a ``draft`` or ``orders`` push replaces the draft on
screen, the sign-off request and its answer, and the words under the order list.

A player alone (a team of one) is in no team mode: the screen is exactly as before.
"""

from __future__ import annotations

from typing import Any, Callable

from ..model import MatchModel
from ..orders_ui import REJECTED, OrderDraft

LEAD = "lead"          # the lead of a team with members: Sign off beside Done
MEMBER = "member"      # a member: no Done button, a line saying the lead decides
ALONE = ""             # no team (or a team of one): nothing changes


def team_mode(model: MatchModel) -> str:
    """LEAD, MEMBER or ALONE for the seat ``model`` belongs to."""
    if not model.is_power:
        return ALONE
    if model.is_member:
        return MEMBER
    return LEAD if model.team() else ALONE


def member_line(model: MatchModel) -> str:
    """What a member reads where the lead's Done button would be."""
    return f"The lead ({model.lead_name()}) signs off and says ready"


class TeamPlay:
    """The team side of one seat's game screen."""

    def __init__(self, conn: Any, toast: Callable[[str], None]) -> None:
        self.conn = conn
        self.toast = toast
        self.sign_rid: Any = None      # the last sign_off request, to tell its answer

    # --- the shared draft ---------------------------------------------------------------

    @staticmethod
    def adopts(message: dict[str, Any], model: MatchModel) -> bool:
        """Whether a push replaces the draft on screen: another person's change to the
        team's draft, or (for a member) the orders the lead signed. The seat's own changes
        come back too and are ignored: its draft on screen is already that."""
        if message.get("power") != model.seat or not model.is_power:
            return False
        if message.get("type") == "draft":
            return message.get("by", model.seat) != model.seat_id
        if message.get("type") == "orders":
            return model.is_member
        return False

    @staticmethod
    def draft_of(message: dict[str, Any]) -> OrderDraft:
        return OrderDraft.from_orders(message.get("orders", []))

    # --- signing off --------------------------------------------------------------------

    def sign_off(self, model: MatchModel, flush: Callable[[], None]) -> None:
        """The lead makes the team's draft the power's orders (the match says no during a
        negotiation window, and the answer is shown)."""
        if team_mode(model) != LEAD:
            return
        flush()        # an amount still resting is part of what is signed
        try:
            self.sign_rid = self.conn.send({"type": "sign_off"})
        except Exception as err:   # a closed connection: say so, keep the draft
            self.toast(f"Not signed off: {err}")

    def reply(self, message: dict[str, Any]) -> bool:
        """Take the answer to the last sign_off; False if the message is not it."""
        if self.sign_rid is None or message.get("rid") != self.sign_rid:
            return False
        self.sign_rid = None
        if message.get("type") == "error":
            reason = str(message.get("message") or "refused")
            self.toast(f"Sign-off refused: {reason}.")
        else:
            n = len(message.get("orders", []))
            self.toast(f"Signed off: {n} {'order counts' if n == 1 else 'orders count'} now.")
        return True

    @staticmethod
    def signed(model: MatchModel, draft: OrderDraft) -> bool:
        """Whether the draft on screen is what the power's signed orders are (an empty
        draft counts as signed when nothing was ever signed: holding is the default)."""
        current = [e.order for e in draft.entries if e.status != REJECTED]
        return model.orders.get(model.seat, []) == current

    # --- words ----------------------------------------------------------------------------

    @staticmethod
    def caption(model: MatchModel, draft: OrderDraft) -> str:
        """The line under the order list's heading: whose change it shows, and whether
        the lead has signed it off ("" for a player alone)."""
        if team_mode(model) == ALONE:
            return ""
        by = model.draft_by()
        text = "Team draft"
        if by:
            text += f", last changed by {'you' if by == model.seat_id else model.person(by)}"
        if TeamPlay.signed(model, draft):
            text += " · signed off: these orders count"
        else:
            text += " · not signed off yet"
        return text
