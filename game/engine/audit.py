"""Step 6 of adjudication (RULES.md §5): the obligations audit (burden sharing)."""

from __future__ import annotations

from .commitments import committed as commitment, owed
from .turn import Turn


def audit_obligations(turn: Turn) -> None:
    """For each pact engaged against an enemy E, each member at war with E owes one
    commitment, kept if it committed at least its pledge (or burden share of its units at
    the start of the turn): its units in or next to E's territories, plus its units lost
    this turn fighting E."""
    state = turn.state
    graph = turn.scenario.map
    near_cache: dict[int, object] = {}
    for pact in state.pacts:
        if not pact.active:
            continue
        for enemy_id in list(pact.engaged_against):
            e = turn.index[enemy_id]
            if e not in near_cache:
                near_cache[e] = graph.near(state.owner == e)
            near = near_cache[e]
            for member in pact.members:
                m = turn.index[member]
                if not state.at_war(m, e):
                    continue
                committed = commitment(state.forces[:, m], near, turn.lost_against.get((m, e), 0))
                required = owed(pact.pledges, pact.burden_share, member,
                                int(turn.start_units[m]))
                kept = committed >= required
                turn.commitment(m, kept)
                turn.emit("honoured" if kept else "shortfall", pact=pact.id, power=member,
                          against=enemy_id, committed=committed,
                          required=round(required, 4), **turn.pact_about(pact))
    turn.disengage_finished()
