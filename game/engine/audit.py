"""Step 6 of adjudication (RULES.md §5): the obligations audit (burden sharing)."""

from __future__ import annotations

from .commitments import owed
from .turn import Turn


def audit_obligations(turn: Turn) -> None:
    """For each pact engaged against an enemy E, each member at war with E owes one
    commitment, kept if it committed at least what it owes (``commitments.owed``: its pledge
    or burden share of its units at the start of the turn, in ruleset 2 only of those within
    reach): its units in or next to the front, plus its units lost this turn fighting E.
    In ruleset 2 a member with no unit within reach and none committed owes nothing that turn
    (``out_of_reach``)."""
    state = turn.state
    reach = turn.rules.ruleset == 2
    for pact in state.pacts:
        if not pact.active:
            continue
        for enemy_id in list(pact.engaged_against):
            e = turn.index[enemy_id]
            for member in pact.members:
                m = turn.index[member]
                if not state.at_war(m, e):
                    continue
                due = owed(state, member, pact, enemy_id, turn.start_forces)
                committed = due.committed + turn.lost_against.get((m, e), 0)
                extra: dict[str, int] = {}
                if reach:
                    if due.within_reach == 0 and committed == 0:
                        turn.emit("out_of_reach", pact=pact.id, power=member,
                                  against=enemy_id, **turn.pact_about(pact))
                        continue
                    extra["within_reach"] = due.within_reach
                kept = committed >= due.required
                turn.commitment(m, kept)
                turn.emit("honoured" if kept else "shortfall", pact=pact.id, power=member,
                          against=enemy_id, committed=committed,
                          required=round(due.required, 4), **extra, **turn.pact_about(pact))
    turn.disengage_finished()
