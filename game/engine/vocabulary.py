"""The rules' fixed words as enumerations (pact kinds, order ops, report event types) and
the orders' JSON shapes as TypedDicts.

Each enumeration is a ``StrEnum`` whose values are the very strings of the JSON (RULES.md
§4, §8 and docs/ENGINE.md), so a member compares equal to, hashes like and serialises as its
string: documents stay byte-identical whether they hold members or plain strings. Code that
checks a word against the rules' list names it here rather than spelling the string again.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal, TypedDict, Union


class PactKind(StrEnum):
    """The kinds of pact (RULES.md §2)."""

    DEFENSIVE = "defensive"
    OFFENSIVE = "offensive"
    NON_AGGRESSION = "non_aggression"
    PEACE = "peace"


class OrderOp(StrEnum):
    """The orders a power may give in a turn (RULES.md §4)."""

    MOVE = "move"
    DECLARE_WAR = "declare_war"
    INVOKE = "invoke"
    OFFER_PEACE = "offer_peace"
    WITHDRAW = "withdraw"
    BREAK = "break"
    BUILD = "build"
    TRANSFER = "transfer"
    DECLINE = "decline"          # ruleset 2: a standing answer to a call to arms (RULES.md §11.2)


# One order as JSON (RULES.md §4), typed for programs that write orders (bots, tools): each op
# with its fields. ORDER_FIELDS in orders.py is what the engine checks; a test keeps both equal.
MoveOrder = TypedDict("MoveOrder", {"op": Literal["move"], "from": str, "to": str, "n": int})


class DeclareWarOrder(TypedDict):
    op: Literal["declare_war"]
    target: str


class InvokeOrder(TypedDict):
    op: Literal["invoke"]
    pact: str


class OfferPeaceOrder(TypedDict):
    op: Literal["offer_peace"]
    target: str


class WithdrawOrder(TypedDict):
    op: Literal["withdraw"]
    pact: str


class BreakOrder(TypedDict):
    op: Literal["break"]
    pact: str


class BuildOrder(TypedDict):
    op: Literal["build"]
    territory: str
    n: int


class TransferOrder(TypedDict):
    op: Literal["transfer"]
    to: str
    amount: int


class DeclineOrder(TypedDict):
    op: Literal["decline"]
    pact: str


Order = Union[MoveOrder, DeclareWarOrder, InvokeOrder, OfferPeaceOrder, WithdrawOrder,
              BreakOrder, BuildOrder, TransferOrder, DeclineOrder]
ORDER_TYPES: dict[OrderOp, type] = {
    OrderOp.MOVE: MoveOrder, OrderOp.DECLARE_WAR: DeclareWarOrder, OrderOp.INVOKE: InvokeOrder,
    OrderOp.OFFER_PEACE: OfferPeaceOrder, OrderOp.WITHDRAW: WithdrawOrder,
    OrderOp.BREAK: BreakOrder, OrderOp.BUILD: BuildOrder, OrderOp.TRANSFER: TransferOrder,
    OrderOp.DECLINE: DeclineOrder,
}


class ReportEvent(StrEnum):
    """The ``type`` of each event in a turn report (docs/ENGINE.md, "Report events")."""

    PACT_SIGNED = "pact_signed"
    PACT_BROKEN = "pact_broken"
    WITHDRAWAL_NOTICE = "withdrawal_notice"
    PACT_WITHDRAWN = "pact_withdrawn"
    PACT_ENDED = "pact_ended"
    PEACE = "peace"
    CEDED = "ceded"
    PACT_INVOKED = "pact_invoked"
    PACT_TRIGGERED = "pact_triggered"
    CALLED_TO_WAR = "called_to_war"
    WAR_DECLARED = "war_declared"
    MOVED = "moved"
    NEUTRALITY_VIOLATED = "neutrality_violated"
    BATTLE = "battle"
    CAPTURED = "captured"
    RETREATED = "retreated"
    RETURNED = "returned"
    DESTROYED = "destroyed"
    BUILT = "built"
    DISBANDED = "disbanded"
    HONOURED = "honoured"
    INCOME = "income"
    TRANSFER = "transfer"
    LEGITIMACY = "legitimacy"
    COLLAPSE = "collapse"
    WENT_HOME = "went_home"
    ELIMINATED = "eliminated"
    VICTORY = "victory"
    # ruleset 2 (RULES.md §11)
    DECLINED = "declined"
    OUT_OF_REACH = "out_of_reach"
    UPKEEP = "upkeep"
