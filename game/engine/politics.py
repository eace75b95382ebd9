"""Step 7 of adjudication (RULES.md §5): domestic politics."""

from __future__ import annotations

from .state import round_half_up
from .turn import Turn


def fought_together(turn: Turn, p: int, enemy: int) -> bool:
    """Ruleset 2 (RULES.md §11.7): p's war on ``enemy`` is a coalition's war, which costs it
    no more than a war it did not start: a defensive or offensive pact p belongs to is
    engaged against the enemy and another of its members is at war with it too."""
    if turn.rules.ruleset != 2:
        return False
    me, them = turn.ids[p], turn.ids[enemy]
    return any(
        pact.active and me in pact.members and them in pact.engaged_against
        and any(turn.state.at_war(turn.index[m], enemy) for m in pact.members if m != me)
        for pact in turn.state.pacts)


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
        elif any(aggressor == p and not fought_together(turn, p, sum(pair) - p)
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
