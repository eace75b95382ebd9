"""A bot's word: the rules it keeps in negotiating, whatever its personality.

- It signs (proposes or accepts) no pact with a power it attacks this turn, nor with the
  target of an offensive pact of its own (a partner's invocation would make it break the
  new pact at once): a pact signed and broken in one turn is a breach for nothing. Peace
  is the exception with a power it is already fighting: signed peace ends the war before
  any move (RULES.md §5 steps 2 and 4), so the attack is called off, not a breach; but no
  peace with a power it declares war on or invokes a pact against this turn.
- It signs no duplicate: no pact of the same kind with the same members (and, offensive,
  the same target) as one in force or one already proposed this turn; of two such
  proposals in one turn only the first (lowest number) is accepted.
- It remembers refusals: a proposal declined in the last ``REFUSAL_TURNS`` turns is not
  made again unless things changed (``changed``); and a power that declined a strike (an
  offensive pact) naming the bot is left out of the bot's strikes for the rest of the game
  (``declined_strikes``).

Everything here reads only what the seat knows: its board, this turn's proposals naming it
and the proposals naming it in earlier turns (``Seen.history``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from game.engine.terms import pact_key

from .board import Board

# A declined proposal is not repeated for this many turns (unless things changed).
REFUSAL_TURNS = 4
LIVE = ("open", "signed")


def terms_key(terms: dict[str, Any], members: Iterable[str]) -> tuple[Any, ...]:
    return pact_key(str(terms.get("kind")), members, terms.get("target"))


def _number(proposal_id: str) -> int:
    digits = "".join(c for c in str(proposal_id) if c.isdigit())
    return int(digits) if digits else 0


def in_force(board: Board, key: tuple[Any, ...]) -> bool:
    """A pact the seat sees in force is the same as ``key``."""
    return any(pact_key(d["kind"], d["members"], d.get("target")) == key for d in board.pacts)


def duplicate(board: Board, key: tuple[Any, ...], proposals: list[dict[str, Any]],
              before: str | None = None) -> bool:
    """The pact ``key`` is in force, or proposed this turn (open or signed; only proposals
    numbered before ``before``, when given)."""
    if in_force(board, key):
        return True
    return any(p.get("status") in LIVE and terms_key(p["terms"], p["members"]) == key
               and (before is None or _number(p["id"]) < _number(before))
               for p in proposals)


@dataclass(frozen=True)
class OffLimits:
    """Powers the bot may sign nothing with this turn (``pacts``), and those it may not
    even make peace with (``peace``, a subset)."""

    pacts: frozenset[int] = frozenset()
    peace: frozenset[int] = frozenset()

    def forbids(self, kind: str | None, powers: Iterable[int | None]) -> bool:
        barred = self.peace if kind == "peace" else self.pacts
        return any(q in barred for q in powers)


def off_limits(board: Board, orders: list[dict[str, Any]]) -> OffLimits:
    """What the bot's orders this turn bar it from signing: wars it starts (declarations,
    invocations) and the targets of its offensive pacts bar every pact, peace included;
    moves into a power's land bar every pact but peace."""
    index = board.index
    graph = board.graph
    starts = {index[d["target"]] for d in board.pacts_of(board.me, ("offensive",))
              if d.get("target") in index}
    moved: set[int] = set()
    for o in orders:
        if o.get("op") == "declare_war" and o.get("target") in index:
            starts.add(index[o["target"]])
        elif o.get("op") == "invoke":
            doc = next((d for d in board.pacts if d["id"] == o.get("pact")), None)
            if doc is not None and doc.get("target") in index:
                starts.add(index[doc["target"]])
        elif o.get("op") == "move":
            owner = int(board.owner[graph.index[o["to"]]])
            if owner >= 0 and owner != board.me:
                moved.add(owner)
    friends = board.allies(board.me)
    return OffLimits(frozenset(starts | moved) - friends, frozenset(starts) - friends)


def changed(board: Board, terms: dict[str, Any], others: list[int]) -> bool:
    """Things changed for a declined proposal when a power it was made to is now at war
    with the pact's adversary (the offensive target or a defensive pact's ``against``):
    it has a quarrel of its own now, which it did not have when it declined."""
    index = board.index
    foes = [index[f] for f in [terms.get("target"), *terms.get("against", [])] if f in index]
    return any(board.war[q, f] for q in others for f in foes)


def refused_lately(board: Board, history: list[dict[str, Any]], terms: dict[str, Any],
                   members: list[str]) -> bool:
    """A proposal with the same pact was declined in the last ``REFUSAL_TURNS`` turns and
    nothing has changed since."""
    key = terms_key(terms, members)
    others = [board.ids.index(m) for m in members if m != board.me_id and m in board.ids]
    return any(p.get("status") == "declined" and board.turn - int(p.get("turn", -99))
               <= REFUSAL_TURNS and terms_key(p["terms"], p["members"]) == key
               for p in history) and not changed(board, terms, others)


def declined_strike(p: dict[str, Any]) -> bool:
    """A past proposal that was an offensive pact declined by a member (``by``)."""
    return p.get("status") == "declined" and bool(p.get("by")) \
        and p["terms"].get("kind") == "offensive"


def declined_strikes(board: Board, history: list[dict[str, Any]]) -> frozenset[int]:
    """The powers that declined an offensive pact naming the bot, at any time in the game
    (members are told who declined): one refusal sinks a whole offer, and a power that
    refused a strike (a loner refuses them all) would sink the next one too, so a balancer
    makes its strikes without it."""
    return frozenset(board.index[p["by"]] for p in history
                     if declined_strike(p) and p["by"] in board.index
                     and p["by"] != board.me_id)


def remembered(p: dict[str, Any], turn: int) -> bool:
    """A proposal of an earlier turn the bot keeps in its history at ``turn``: every one of
    the last ``REFUSAL_TURNS`` turns (``refused_lately``), and a declined strike for the
    whole game (``declined_strikes``)."""
    return turn - int(p.get("turn", turn)) <= REFUSAL_TURNS or declined_strike(p)
