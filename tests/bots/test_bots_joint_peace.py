"""A bot that stands by its partners makes no separate peace, but a peace its partners
sign with it is not a separate one: every member of its side ends the war together
(docs/BOTS.md, "answers"; RULES.md §5 step 2). Constructed positions."""

from __future__ import annotations

from bot_scenes import seen
from pact_scenes import scene

from game.bots.decide import board_of
from game.bots.diplomacy import answer
from game.bots.personality import personality

SEPARATE = "Our allies fight on; we will not make a separate peace."


def _answer(sides: list[list[str]]) -> str:
    # RED and GRN are engaged against BLU by their defensive pact, both at war with it;
    # BLU offers peace, and GRN (loyal: it stands by its partners) answers.
    state = scene()
    board = board_of(seen(state, "GRN"))
    members = sorted({m for side in sides for m in side})
    proposal = {"id": "Q1", "proposer": "BLU", "members": members,
                "terms": {"kind": "peace", "sides": sides, "transfers": []}}
    return answer(board, personality("loyal"), proposal, {}).say


def test_a_peace_with_blu_alone_is_a_separate_peace():
    assert _answer([["BLU"], ["GRN"]]) == SEPARATE


def test_a_peace_its_partner_signs_too_is_not_a_separate_peace():
    assert _answer([["BLU"], ["RED", "GRN"]]) != SEPARATE
