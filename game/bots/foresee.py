"""A bot's likely answer to a proposal, judged on what the asking seat sees.

The bot's own decision (``diplomacy.answer``) is a pure function of a board and a
personality; here the board is built from the *asker's* view, never the bot's, so the
forecast tells the asker nothing it could not know (the bot may see more and answer
otherwise). Personalities are public (each seat's ``personality`` in the seat list).
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence

from game.engine.params import Rules
from game.engine.terms import pact_members
from game.engine.world import MapGraph

from .board import board_from_view
from .diplomacy import Answer, answer
from .personality import TABLE, personality


def likely_answer(view: Mapping[str, Any], bot: str, terms: Mapping[str, Any], graph: MapGraph,
                  rules: Rules, power_ids: Sequence[str], personality_name: str = "",
                  names: Mapping[str, str] | None = None,
                  proposer: str | None = None) -> Answer | None:
    """What ``bot`` would likely answer to a proposal of ``terms`` (None when it could not
    be judged: an unknown personality, or the bot is not among the members)."""
    members = pact_members(dict(terms))
    if bot not in members or (personality_name and personality_name not in TABLE):
        return None
    proposal = {"id": "draft", "terms": dict(terms), "members": list(members),
                "proposer": proposer, "status": "open"}
    board = board_from_view(dict(view), bot, graph, rules, list(power_ids))
    return answer(board, personality(personality_name), proposal, dict(names or {}))
