"""Ruleset 2: how a bot answers calls to arms (RULES.md §11.2).

Turns are simultaneous, so the answer is a standing instruction given while planning: for each
defensive or offensive pact the bot belongs to, it orders ``decline`` when being called to war
under that pact this turn would be a bad bet for it. The bet is read from public strength (the
total units of every power, public in ruleset 2): the pact's members together against the
strongest power the pact could call them to fight. A bot declines when the members' share of
the combined strength falls below ``1 − loyalty``: the loyal bot (loyalty 1) always honours,
the opportunist (0.3) declines unless its side is clearly the stronger, the others in between.
"""

from __future__ import annotations

from typing import Any

from .board import Board
from .personality import Personality


def _enemies(board: Board, pact: dict[str, Any]) -> list[int]:
    """The powers a call under this pact could set the bot against."""
    if pact["kind"] == "offensive":
        target = pact.get("target")
        return [board.ids.index(target)] if target in board.ids else []
    members = set(pact["members"])
    against = set(pact.get("against") or [])
    return [p for p in board.live if board.ids[p] not in members
            and (not against or board.ids[p] in against)]


def call_answers(board: Board, pers: Personality) -> list[dict[str, Any]]:
    """The ``decline`` orders the bot gives this turn (none outside ruleset 2)."""
    if board.rules.ruleset != 2 or pers.loyalty >= 1.0:
        return []
    strength = [board.army(p) for p in range(len(board.ids))]
    index = board.index
    orders = []
    for pact in board.pacts_of(board.me, ("defensive", "offensive")):
        enemies = [e for e in _enemies(board, pact) if not board.war[board.me, e]]
        if not enemies:
            continue
        side = sum(strength[index[m]] for m in pact["members"] if m in index)
        enemy = max(strength[e] for e in enemies)
        if side + enemy > 0 and side / (side + enemy) < 1.0 - pers.loyalty:
            orders.append({"op": "decline", "pact": pact["id"]})
    return orders
