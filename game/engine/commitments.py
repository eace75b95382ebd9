"""What a pact member owes (RULES.md §5 step 6, and "Reach" in ruleset 2): the one place the
obligations audit and anyone showing a player "what I owe" compute it.

Ruleset 1: a member at war with an enemy E of an engaged pact owes its pledge, or
burden_share × all its units at the start of the turn, and commits its units in or next to
E's territories (plus its units lost fighting E, which only the audit knows).

Ruleset 2 adds reach: the *front* is E's territories, or only those in the pact's
``theatre`` when it names one (the theatre itself when E holds none of it); a member owes
only from its units within ``reach`` moves of the front, and commits its units in or next to
the front. A member with no unit within reach owes nothing that turn.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from .state import Pact, State


class Owed(NamedTuple):
    """One member's obligation under one engaged pact against one enemy."""

    pact: str
    power: str
    enemy: str
    required: float        # units it must commit (its pledge or burden share)
    within_reach: int      # its units that count toward the requirement
    committed: int         # its units now in or next to the front (losses not included)


def front(state: State, pact: Pact, enemy: int) -> np.ndarray:
    """The territories a pact fights ``enemy`` for: the enemy's, narrowed in ruleset 2 to the
    pact's theatre when it names one (the whole theatre when the enemy holds none of it)."""
    mask = state.owner == enemy
    if state.scenario.rules.ruleset == 2 and pact.theatre:
        index = state.scenario.map.index
        theatre = np.zeros(len(state.owner), dtype=bool)
        theatre[[index[t] for t in pact.theatre if t in index]] = True
        mask = mask & theatre if (mask & theatre).any() else theatre
    return mask


def within(state: State, mask: np.ndarray, moves: int) -> np.ndarray:
    """The territories at most ``moves`` edges from one in ``mask``."""
    graph = state.scenario.map
    out = mask
    for _ in range(moves):
        grown = graph.near(out)
        if (grown == out).all():
            break
        out = grown
    return out


def owed(state: State, power: str, pact: Pact, enemy: str,
         start_forces: np.ndarray | None = None) -> Owed:
    """What ``power`` owes under ``pact`` against ``enemy``, reckoned from ``start_forces``
    (the units at the start of the turn; default the state's own) and committed from the
    state's forces now. The audit calls it after movement with the turn's start forces; a
    client calls it on the state a player is planning from."""
    index = state.scenario.power_index
    m, e = index[power], index[enemy]
    forces = state.forces if start_forces is None else start_forces
    fighting = front(state, pact, e)
    zone = state.scenario.map.near(fighting)
    if state.scenario.rules.ruleset == 2:
        reach = within(state, fighting, state.scenario.rules.reach)
        base = int(forces[reach, m].sum())
        required: float = (min(pact.pledges[power], base) if power in pact.pledges
                           else pact.burden_share * base)
    else:
        base = int(forces[:, m].sum())
        required = pact.pledges[power] if power in pact.pledges else pact.burden_share * base
    return Owed(pact.id, power, enemy, required, base, int(state.forces[zone, m].sum()))


def obligations(state: State, power: str) -> list[Owed]:
    """Everything ``power`` owes now: one entry per engaged pact it belongs to and enemy it
    is at war with, in pact order then enemy order (as the audit takes them)."""
    index = state.scenario.power_index
    out = []
    for pact in state.pacts:
        if not pact.active or power not in pact.members:
            continue
        for enemy in pact.engaged_against:
            if state.at_war(index[power], index[enemy]):
                out.append(owed(state, power, pact, enemy))
    return out
