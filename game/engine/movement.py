"""Step 4 of adjudication (RULES.md §5): simultaneous movement and combat.

The sequence: legality, border clashes, territory battles (attacking sides among themselves,
then the last side against the defenders), capture, then units going back and retreating.

Units are counted in a dense territories × powers array; only territories where someone
is attacked are looked at one by one, so a quiet territory costs nothing beyond NumPy's
array arithmetic.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .combat import BattleResult, Stack, fight, keep_units, side_strength
from .turn import Turn


@dataclass
class Movement:
    """What step 4 works with, built once."""

    turn: Turn
    allied: np.ndarray
    war: np.ndarray
    integrated: frozenset[frozenset[int]]
    neutral: int                                   # the index standing for neutral garrisons
    stay: np.ndarray                               # units not ordered out, territories × powers
    movers: dict[tuple[int, int, int], Stack] = field(default_factory=dict)  # (src, dst, p)
    going_back: list[Stack] = field(default_factory=list)     # origin = where they return
    retreating: list[tuple[Stack, int]] = field(default_factory=list)  # (stack, from)


def resolve_movement(turn: Turn) -> None:
    state = turn.state
    n_powers = len(state.powers)
    index = turn.index
    integrated = frozenset(
        frozenset(index[m] for m in pact.members) for pact in state.pacts
        if pact.active and pact.integrated_command)
    move = Movement(turn=turn, allied=state.alliance_matrix(), war=state.war_matrix(),
                    integrated=integrated, neutral=n_powers, stay=state.forces.copy())
    _legal_moves(move)
    _border_clashes(move)
    after = _territory_battles(move)
    _go_back_and_retreat(move, after)
    state.forces = after


# --- legality -------------------------------------------------------------------------------


def _legal_moves(move: Movement) -> None:
    """Keep the moves allowed by the wars after step 3; charge for violating neutrality."""
    turn = move.turn
    state = turn.state
    graph = turn.scenario.map
    entered_neutral: set[tuple[int, int]] = set()
    for order in turn.orders["move"]:
        p = order.power
        src, dst = graph.index[order.doc["from"]], graph.index[order.doc["to"]]
        o = int(state.owner[dst])
        if o >= 0 and o != p and not move.allied[p, o] and not move.war[p, o]:
            turn.reject(order, f"{turn.ids[p]} may not enter {order.doc['to']}: "
                               f"{turn.ids[o]} is neither its ally nor at war with it")
            continue
        if o < 0:
            entered_neutral.add((p, dst))
        n = order.doc["n"]
        move.stay[src, p] -= n
        stack = move.movers.get((src, dst, p))
        if stack is None:
            factor = turn.rules.amphibious if graph.sea[(src, dst)] else 1.0
            move.movers[(src, dst, p)] = Stack(p, src, n, factor, arrived=True, sent=n)
        else:
            stack.units += n
            stack.sent += n
    for (src, dst, p), stack in move.movers.items():
        turn.emit("moved", power=turn.ids[p], **{"from": graph.territories[src].id},
                  to=graph.territories[dst].id, n=stack.units, sea=stack.factor != 1.0)
    for p, dst in sorted(entered_neutral):
        turn.legitimacy(p, -turn.rules.neutrality_cost, "neutrality",
                        territory=graph.territories[dst].id)
        turn.emit("neutrality_violated", power=turn.ids[p], territory=graph.territories[dst].id)


# --- battles ----------------------------------------------------------------------------------


def _powers(stacks: list[Stack]) -> set[int]:
    return {s.power for s in stacks}


def _strength(move: Movement, stacks: list[Stack], multiplier: float = 1.0) -> float:
    return side_strength(move.turn.rules, stacks, move.integrated, multiplier)


def _units_by_power(move: Movement, stacks: list[Stack]) -> dict[str, int]:
    ids = move.turn.ids
    out: dict[str, int] = {}
    for s in sorted(stacks, key=lambda s: s.power):
        key = ids[s.power] if s.power < move.neutral else "neutral"
        out[key] = out.get(key, 0) + s.units
    return out


def _battle(move: Movement, kind: str, where: dict, side_a: list[Stack], side_d: list[Stack],
            z: float | None, d_multiplier: float = 1.0) -> BattleResult:
    """Fight one battle, cut both sides to their survivors, record losses and the event."""
    turn = move.turn
    before_a = _units_by_power(move, side_a)
    before_d = _units_by_power(move, side_d)
    units_before = [s.units for s in side_a + side_d]
    result = fight(turn.rules, _strength(move, side_a), _strength(move, side_d, d_multiplier), z)
    keep_units(side_a, result.a_kept)
    keep_units(side_d, result.d_kept)
    lost: dict[int, int] = {}
    for s, before in zip(side_a + side_d, units_before):
        if s.power < move.neutral and before > s.units:
            lost[s.power] = lost.get(s.power, 0) + before - s.units
    for s_side, other in ((side_a, side_d), (side_d, side_a)):
        for m in _powers(s_side):
            if m in lost:
                turn.lost[m] += lost[m]
                for e in _powers(other):
                    if e < move.neutral:
                        turn.lost_against[(m, e)] += lost[m]
    turn.emit("battle", kind=kind, **where,
              attackers=before_a, defenders=before_d,
              attackers_after=_units_by_power(move, side_a),
              defenders_after=_units_by_power(move, side_d),
              attack=round(result.a, 4), defence=round(result.d, 4),
              luck=round(result.a_luck / result.a, 4) if result.a else 1.0,
              winner="attackers" if result.a_wins else "defenders")
    return result


def _border_clashes(move: Movement) -> None:
    """Units of powers at war moving x→y and y→x meet in the open before anything arrives.
    The winners go on; the losers' survivors go back to their origin."""
    turn = move.turn
    graph = turn.scenario.map
    routes: dict[tuple[int, int], list[Stack]] = {}
    for (src, dst, _p), stack in move.movers.items():
        routes.setdefault((src, dst), []).append(stack)
    clashes = []
    for (x, y), forward in sorted(routes.items()):
        if x > y or (y, x) not in routes:
            continue
        backward = routes[(y, x)]
        side_a = [s for s in forward if any(move.war[s.power, b.power] for b in backward)]
        side_d = [s for s in backward if any(move.war[s.power, f.power] for f in forward)]
        if side_a and side_d:
            clashes.append((x, y, side_a, side_d))
    for (x, y, side_a, side_d), z in zip(clashes, turn.draws(len(clashes))):
        where = {"territory": graph.territories[x].id, "to": graph.territories[y].id}
        result = _battle(move, "border", where, side_a, side_d, z)
        losers = side_d if result.a_wins else side_a
        for stack in losers:
            dst = y if stack.origin == x else x
            del move.movers[(stack.origin, dst, stack.power)]
            if stack.units:
                move.going_back.append(stack)


def _attacking_sides(move: Movement, attackers: list[Stack]) -> list[list[Stack]]:
    """Split attackers at war with each other into sides: strongest power first, each
    joining the first side it is at war with no member of, else starting a new one."""
    by_power: dict[int, list[Stack]] = {}
    for s in attackers:
        by_power.setdefault(s.power, []).append(s)
    ranked = sorted(by_power, key=lambda p: (-sum(s.units * s.factor for s in by_power[p]), p))
    sides: list[tuple[list[int], list[Stack]]] = []
    for p in ranked:
        for members, stacks in sides:
            if not any(move.war[p, q] for q in members):
                members.append(p)
                stacks.extend(by_power[p])
                break
        else:
            sides.append(([p], list(by_power[p])))
    return [stacks for _members, stacks in sides]


def _territory_battles(move: Movement) -> np.ndarray:
    """Fight every territory battle in map order; return where units stand after them."""
    turn = move.turn
    state = turn.state
    n_t, n_p = state.forces.shape
    arrivals: dict[int, list[Stack]] = {}
    arrived = np.zeros((n_t, n_p), dtype=np.int64)
    for (src, dst, p), stack in move.movers.items():
        if not stack.units:
            continue  # cut to nothing in a border clash it won
        arrivals.setdefault(dst, []).append(stack)
        arrived[dst, p] += stack.units
    after = move.stay + arrived
    # hostile[t, p]: units of p in t would attack (at war with the owner, or t is neutral).
    owner = state.owner
    hostile = state.by_owner(move.war, neutral=True)
    contested = np.flatnonzero(((after > 0) & hostile).any(axis=1))

    battles = []
    for t in contested.tolist():
        stacks = [Stack(p, t, int(move.stay[t, p]), sent=int(move.stay[t, p]))
                  for p in np.flatnonzero(move.stay[t]).tolist()]
        stacks += arrivals.get(t, [])
        o = int(owner[t])
        if o >= 0:
            defenders = [s for s in stacks if s.power == o or not move.war[s.power, o]]
            attackers = [s for s in stacks if s.power != o and move.war[s.power, o]]
        else:
            defenders = ([Stack(move.neutral, t, int(state.garrison[t]))]
                         if state.garrison[t] else [])
            attackers = stacks
        sides = _attacking_sides(move, attackers)
        n_draws = len(sides) - 1 + (1 if defenders else 0)
        battles.append((t, defenders, sides, n_draws))
    draws = iter(turn.draws(sum(b[3] for b in battles)))
    for t, defenders, sides, _n in battles:
        after[t] = 0
        if state.owner[t] < 0:
            state.garrison[t] = 0
        for stack in _fight_for_territory(move, t, defenders, sides, draws):
            if stack.power == move.neutral:
                state.garrison[t] += stack.units
            else:
                after[t, stack.power] += stack.units
    return after


def _defeated(move: Movement, stacks: list[Stack], t: int) -> None:
    """A beaten side: arrivals go back to their origins, those who were there retreat."""
    for s in stacks:
        if not s.units:
            continue
        if s.arrived:
            move.going_back.append(s)
        else:
            move.retreating.append((s, t))


def _fight_for_territory(move: Movement, t: int, defenders: list[Stack],
                         sides: list[list[Stack]], draws) -> list[Stack]:
    """Resolve one territory; return the stacks that stand in it afterwards."""
    turn = move.turn
    state = turn.state
    terr = turn.scenario.map.territories[t]
    where = {"territory": terr.id}
    sides = sorted(sides, key=lambda side: -_strength(move, side))  # stable: ties keep order
    survivor = sides[0]
    for challenger in sides[1:]:
        a_side, d_side = ((survivor, challenger)
                          if _strength(move, survivor) >= _strength(move, challenger)
                          else (challenger, survivor))
        result = _battle(move, "attackers", where, a_side, d_side, next(draws))
        winner, loser = (a_side, d_side) if result.a_wins else (d_side, a_side)
        _defeated(move, loser, t)
        survivor = winner
    owner = int(state.owner[t])
    if defenders:
        multiplier = turn.rules.terrain(terr.terrain)
        if owner >= 0 and turn.scenario.capital_power[t] == owner:
            multiplier *= turn.rules.capital_defense
        result = _battle(move, "territory", where, survivor, defenders, next(draws), multiplier)
        if not result.a_wins:
            _defeated(move, survivor, t)
            return defenders
        for s in defenders:
            if s.units and s.power == move.neutral:
                turn.emit("destroyed", power="neutral", territory=terr.id, n=s.units,
                          reason="garrison_defeated")
            elif s.units:
                move.retreating.append((s, t))
    if not any(s.units for s in survivor):
        return []
    _capture(move, t, survivor)
    return survivor


def _capture(move: Movement, t: int, side: list[Stack]) -> None:
    """The attacking power with the most survivors (ties: most sent, then power order) takes
    the territory; a power losing its own capital pays for it, retaking it rallies."""
    turn = move.turn
    state = turn.state
    survivors: dict[int, list[int]] = {}
    for s in side:
        tally = survivors.setdefault(s.power, [0, 0])
        tally[0] += s.units
        tally[1] += s.sent
    taker = min(survivors, key=lambda p: (-survivors[p][0], -survivors[p][1], p))
    old = int(state.owner[t])
    state.owner[t] = taker
    terr = turn.scenario.map.territories[t]
    turn.emit("captured", territory=terr.id, power=turn.ids[taker],
              **{"from": turn.ids[old] if old >= 0 else None})
    capital_of = int(turn.scenario.capital_power[t])
    if capital_of >= 0:
        if old == capital_of and taker != capital_of:
            turn.legitimacy(old, -turn.rules.capital_loss_cost, "capital_lost", territory=terr.id)
        elif taker == capital_of and old != capital_of:
            turn.legitimacy(taker, turn.rules.capital_retake_gain, "capital_retaken",
                            territory=terr.id)


# --- going back and retreating ---------------------------------------------------------------


def _go_back_and_retreat(move: Movement, after: np.ndarray) -> None:
    """Units going back return to their origin if it is still their power's or an ally's;
    otherwise, like defeated units, they retreat to the adjacent territory of their power
    (else of an ally) holding most of their own units, or are destroyed."""
    turn = move.turn
    state = turn.state
    graph = turn.scenario.map
    allied = move.allied
    counts = after.copy()  # "holds the most of their own units after the battles"
    owner = state.owner

    def friendly(p: int, t: int) -> bool:
        o = int(owner[t])
        return o == p or (o >= 0 and bool(allied[p, o]))

    retreats = list(move.retreating)
    for stack in move.going_back:
        if friendly(stack.power, stack.origin):
            after[stack.origin, stack.power] += stack.units
            turn.emit("returned", power=turn.ids[stack.power],
                      to=graph.territories[stack.origin].id, n=stack.units)
        else:
            retreats.append((stack, stack.origin))
    for stack, frm in retreats:
        p = stack.power
        near = graph.neighbours[frm]
        options = [c for c in near if owner[c] == p] or [c for c in near if friendly(p, c)]
        if options:
            dest = min(options, key=lambda c: (-counts[c, p], c))
            after[dest, p] += stack.units
            turn.emit("retreated", power=turn.ids[p], **{"from": graph.territories[frm].id},
                      to=graph.territories[dest].id, n=stack.units)
        else:
            turn.lost[p] += stack.units
            turn.emit("destroyed", power=turn.ids[p], territory=graph.territories[frm].id,
                      n=stack.units, reason="no_retreat")
