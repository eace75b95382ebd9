"""Step 8 of adjudication (RULES.md §5) and winning (RULES.md §6)."""

from __future__ import annotations

from typing import Any

import numpy as np

from .state import State
from .turn import Turn


def nearest_owned(state: State, p: int, start: int) -> int | None:
    """The territory of power p fewest edges from ``start`` (ties: map order), or None."""
    graph = state.scenario.map
    owned = state.owner == p
    if not owned.any():
        return None
    seen = {start}
    frontier = [start]
    while frontier:
        hits = [t for t in frontier if owned[t]]
        if hits:
            return min(hits)
        nxt = []
        for t in frontier:
            for c in graph.neighbours[t]:
                if c not in seen:
                    seen.add(c)
                    nxt.append(c)
        frontier = nxt
    return None


def send_guests_home(turn: Turn) -> None:
    """Units in a territory whose owner is no longer their ally (nor at war with them) go
    home to their power's nearest territory, or are disbanded."""
    state = turn.state
    graph = turn.scenario.map
    allied = state.alliance_matrix()
    war = state.war_matrix()
    # welcome[t, p]: p's units may stay in t.
    welcome = state.by_owner(allied | war | np.eye(len(state.powers), dtype=bool),
                             neutral=False)
    ts, ps = np.nonzero((state.forces > 0) & ~welcome)
    for t, p in zip(ts.tolist(), ps.tolist()):
        n = int(state.forces[t, p])
        state.forces[t, p] = 0
        home = nearest_owned(state, p, t)
        if home is None:
            turn.emit("disbanded", power=turn.ids[p], territory=graph.territories[t].id, n=n,
                      reason="no_home")
        else:
            state.forces[home, p] += n
            turn.emit("went_home", power=turn.ids[p], **{"from": graph.territories[t].id},
                      to=graph.territories[home].id, n=n)


def eliminate_powers(turn: Turn) -> None:
    """A power that owns no territory is eliminated: its units disband, it leaves every pact,
    its wars end."""
    state = turn.state
    graph = turn.scenario.map
    owns = np.bincount(state.owner[state.owner >= 0], minlength=len(state.powers))
    for p, ps in enumerate(state.powers):
        if ps.eliminated or owns[p]:
            continue
        ps.eliminated = True
        for t in np.flatnonzero(state.forces[:, p]).tolist():
            turn.emit("disbanded", power=turn.ids[p], territory=graph.territories[t].id,
                      n=int(state.forces[t, p]), reason="eliminated")
        state.forces[:, p] = 0
        for pact in state.pacts:
            if pact.active:
                turn.leave(p, pact)
        for pair in [pair for pair in state.wars if p in pair]:
            turn.end_war(*pair)
        turn.emit("eliminated", power=turn.ids[p])
    turn.disengage_finished()


def scores(state: State) -> dict[str, float | int]:
    """End-of-game scores: 10 × owned value + C / 5 + objective points (RULES.md §6); in
    ruleset 2, scores against par (``scores_against_par``)."""
    if state.scenario.rules.ruleset == 2:
        return scores_against_par(state)
    out: dict[str, float | int] = {}
    for p, info in enumerate(state.scenario.powers):
        objective = objective_points(state, p)
        # One division at the end keeps a score like 42.2 exact in binary floating point.
        fifths = 50 * state.owned_value(p) + state.powers[p].credibility + 5 * objective
        out[info.id] = fifths // 5 if fifths % 5 == 0 else fifths / 5
    return out


def objective_points(state: State, p: int) -> int:
    """The scenario's objective points of the territories power p holds."""
    owned = state.owner == p
    index = state.scenario.map.index
    return sum(points for tid, points in state.scenario.powers[p].objectives.items()
               if owned[index[tid]])


def scores_against_par(state: State) -> dict[str, float | int]:
    """Ruleset 2: 100 × (owned value − par) / par + (C − 50) / 5 + objective points, rounded
    to one decimal (half up): what a power achieved against its start, so that a small power
    that holds its own and keeps its word can outscore a large one that stalls."""
    out: dict[str, float | int] = {}
    for p, info in enumerate(state.scenario.powers):
        par = max(1, info.par)
        # In tenths, as an exact fraction: tenths = 1000 (v − par) / par + 2 (C − 50) + 10 obj.
        numerator = (1000 * (state.owned_value(p) - par)
                     + par * (2 * (state.powers[p].credibility - 50)
                              + 10 * objective_points(state, p)))
        tenths = (2 * numerator + par) // (2 * par)          # round half up
        out[info.id] = tenths // 10 if tenths % 10 == 0 else tenths / 10
    return out


def check_victory(turn: Turn) -> dict[str, Any] | None:
    """Solo victory, then coalition victory, then the turn limit (RULES.md §6)."""
    state = turn.state
    rules = turn.rules
    total = turn.scenario.map.total_value
    values = state.owned_values()
    owned = {p: values[p] for p, ps in enumerate(state.powers) if not ps.eliminated}
    if total:
        leaders = [p for p, v in owned.items() if v >= rules.victory_share * total]
        if leaders:
            best = min(leaders, key=lambda p: (-owned[p], p))
            return {"kind": "solo", "powers": [turn.ids[best]], "scores": scores(state)}
        if turn.scenario.coalition_victory:
            for pact in state.pacts:
                if pact.active:
                    value = sum(owned.get(turn.index[m], 0) for m in pact.members)
                    if value >= rules.coalition_share * total:
                        return {"kind": "coalition", "powers": list(pact.members),
                                "pact": pact.id, "scores": scores(state)}
    if rules.max_turns and turn.turn >= rules.max_turns:
        final = scores(state)
        top = max(final.values())
        return {"kind": "turn_limit", "powers": [pid for pid, s in final.items() if s == top],
                "scores": final}
    return None


def end_turn(turn: Turn) -> None:
    send_guests_home(turn)
    eliminate_powers(turn)
    winner = check_victory(turn)
    if winner:
        turn.state.winner = winner
        turn.emit("victory", **winner)
    turn.state.turn += 1
