"""Step 7 of adjudication (RULES.md §5): domestic politics."""

from __future__ import annotations

from .state import round_half_up
from .turn import Turn


def _enemy(pair: tuple[int, int], p: int) -> int:
    return pair[1] if pair[0] == p else pair[0]


def domestic_politics(turn: Turn) -> None:
    """War weariness, the peace dividend and casualties move legitimacy; it is clamped to
    0–100 here, and a power at 0 collapses: its wars end and L becomes the crisis threshold."""
    state = turn.state
    rules = turn.rules
    for p, ps in enumerate(state.powers):
        if ps.eliminated:
            continue
        wars = [(pair, aggressor) for pair, aggressor in state.wars.items() if p in pair]
        if not wars:
            turn.legitimacy(p, rules.peace_gain, "peace")
        elif any(aggressor == p and not turn.fought_together(p, _enemy(pair, p))
                 for pair, aggressor in wars):
            turn.legitimacy(p, -rules.aggressor_war_cost, "war_as_aggressor")
        else:
            turn.legitimacy(p, -rules.war_cost, "war")
        lost = int(turn.lost[p])
        if lost:
            cost = round_half_up(rules.casualty_cost * lost / max(1, int(turn.start_units[p])))
            turn.legitimacy(p, -cost, "casualties", units=lost)
        ps.legitimacy = min(100, max(0, ps.legitimacy))
        if ps.legitimacy == 0:
            for pair in [pair for pair, _a in wars]:
                turn.end_war(*pair)
            ps.legitimacy = rules.crisis
            turn.emit("collapse", power=turn.ids[p],
                      wars_ended=[turn.ids[q] for pair, _a in wars for q in pair if q != p])
    turn.disengage_finished()
