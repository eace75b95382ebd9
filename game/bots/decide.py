"""One seat's decision, as a pure function of what the seat sees.

``Seen`` holds exactly what a player of that seat receives (its view, the proposals that
name it, the map and rules everyone knows), so the in-process driver and the network bot
build the same ``Seen`` and decide the same way. Chance (which turn to propose, whether a
half-willing bot goes to war) comes from a generator seeded by the bot seed, the turn and
the power: the match seed is kept from players (it would foretell every battle's luck), so
the bot seed is derived from the match id, which every seat knows.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from game.engine import MapGraph, Rules

from .board import Board, board_from_view
from .calls import call_answers
from .conduct import off_limits
from .diplomacy import LEGITIMACY_MARGIN, Answer, Offer, answer, choose_war, leave_pacts, \
    propose, seek_peace, transfers
from .orders import orders_for
from .personality import personality


@dataclass(frozen=True)
class Seen:
    """What a seat knows when it decides."""

    power: str
    view: dict[str, Any]
    graph: MapGraph
    rules: Rules
    power_ids: list[str]
    proposals: list[dict[str, Any]] = field(default_factory=list)
    seed: int = 0
    names: dict[str, str] = field(default_factory=dict)
    # Proposals naming the seat in earlier turns, as it last saw them (status, turn): its
    # memory of refusals.
    history: list[dict[str, Any]] = field(default_factory=list)
    # Ruleset 2: each power's par (RULES.md §11.1), public scenario terms that the seat's
    # snapshot carries; empty in ruleset 1.
    pars: dict[str, int] = field(default_factory=dict)


@dataclass
class Decision:
    """A turn's decision: proposals (each with its line of chat), public chat, orders, and
    notes on the choices made (for tests and the curious)."""

    offers: list[Offer]
    chat: list[str]
    orders: list[dict[str, Any]]
    notes: list[str]


def pars_in(powers: list[dict[str, Any]]) -> dict[str, int]:
    """Each power's par from a snapshot's list of powers (ruleset 2 carries them; RULES.md
    §11.1): what the in-process driver and the network bot both give ``Seen``."""
    return {p["id"]: int(p["par"]) for p in powers if "par" in p}


def bot_seed(match_id: str) -> int:
    """The bot seed of a match: stable across machines and transports."""
    return zlib.crc32(match_id.encode("utf-8"))


def _rng(seen: Seen, board: Board, salt: int) -> np.random.Generator:
    return np.random.default_rng([seen.seed, board.turn, board.me, salt])


def board_of(seen: Seen) -> Board:
    return board_from_view(seen.view, seen.power, seen.graph, seen.rules, seen.power_ids,
                           seen.pars)


def decide(seen: Seen, personality_name: str = "") -> Decision:
    """The bot's proposals, chat and orders for this turn."""
    pers = personality(personality_name)
    board = board_of(seen)
    me = board.me
    if board.eliminated[me]:
        return Decision([], [], [], ["eliminated"])
    rules = board.rules
    leave, says = leave_pacts(board, pers, seen.names)
    war, declared, war_says = choose_war(board, pers, _rng(seen, board, 1), seen.names)
    peace = [o for o in seek_peace(board, pers)
             if board.ids.index(o["target"]) not in declared]
    neutral_ok = (board.legitimacy[me] - rules.neutrality_cost
                  >= rules.crisis + LEGITIMACY_MARGIN
                  and _rng(seen, board, 2).random() < pers.neutral_appetite)
    budget = int(board.treasury[me] or 0)
    gifts = transfers(board, pers, budget)
    budget -= sum(int(g["amount"]) for g in gifts)
    moves, notes = orders_for(board, pers, declared, neutral_ok, budget)
    orders = leave + war + peace + moves + gifts
    offers = propose(board, pers, _rng(seen, board, 3), seen.names,
                     avoid=off_limits(board, orders),
                     proposals=seen.proposals, history=seen.history)
    notes = notes + [f"war on {board.ids[q]}" for q in sorted(declared)]
    declines = call_answers(board, pers)   # ruleset 2 only
    return Decision(offers, says + war_says, orders + declines, notes)


def answers(seen: Seen, personality_name: str = "") -> list[Answer]:
    """Answers to the open proposals naming the bot that it has not yet accepted."""
    open_ = [p for p in seen.proposals if p.get("status") == "open"
             and seen.power in p.get("members", []) and seen.power not in p.get("accepted", [])]
    if not open_:
        return []
    pers = personality(personality_name)
    board = board_of(seen)
    if board.eliminated[board.me]:
        return []
    # The bot's orders this turn are a function of its view alone, so the decision made
    # when it gave them is made again here: it signs nothing with a power it attacks.
    avoid = off_limits(board, decide(seen, personality_name).orders)
    return [answer(board, pers, p, seen.names, avoid=avoid, proposals=seen.proposals)
            for p in open_]
