"""Battles (RULES.md §5, step 4, "A battle") and the odds of an attack.

A battle is Lanchester's square law fought to a break point: the loser loses the fraction
β of its units, the winner keeps ``sqrt(1 − (1 − (1 − β)²) × (l / w)²)``. Luck multiplies
side A's strength by ``exp(σ z)``, z a standard normal draw.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np

from .params import Rules


@dataclass(eq=False)
class Stack:
    """Units of one power from one origin, in one place (RULES.md: "one stack per power and
    origin"). ``power`` is the power's index, or the number of powers for a neutral garrison,
    so neutral sorts last. ``factor`` is the amphibious multiplier (1 unless it crossed a sea
    edge this turn). ``arrived`` tells arrivals from stayers."""

    power: int
    origin: int
    units: int
    factor: float = 1.0
    arrived: bool = False
    sent: int = 0  # units at the start of the battle, for capture ties


def winner_kept(rules: Rules, winner: float, loser: float) -> float:
    """The fraction of its units a winning side keeps (Lanchester to a break point)."""
    ratio = loser / winner if winner > 0 else 0.0
    loss = 1.0 - (1.0 - rules.break_loss) ** 2
    return math.sqrt(max(0.0, 1.0 - loss * ratio * ratio))


def keep_units(stacks: list[Stack], kept: float) -> None:
    """Cut a side down to ``floor(total × kept + 0.5)`` units, shared among its stacks by
    largest remainder of ``units × kept`` (ties: power order, then origin order)."""
    if len(stacks) == 1:  # the common case: nothing to share out
        stacks[0].units = math.floor(stacks[0].units * kept + 0.5)
        return
    total = sum(s.units for s in stacks)
    target = math.floor(total * kept + 0.5)
    shares = [s.units * kept for s in stacks]
    floors = [math.floor(x) for x in shares]
    extra = target - sum(floors)
    order = sorted(range(len(stacks)),
                   key=lambda i: (-(shares[i] - floors[i]), stacks[i].power, stacks[i].origin))
    for rank, i in enumerate(order):
        stacks[i].units = floors[i] + (1 if rank < extra else 0)


@dataclass(frozen=True)
class BattleResult:
    a: float          # side A's effective strength before luck
    d: float          # side D's effective strength
    a_luck: float     # a × exp(σ z)
    a_wins: bool
    a_kept: float
    d_kept: float


def fight(rules: Rules, a: float, d: float, z: float | None) -> BattleResult:
    """Decide a battle between effective strengths ``a`` (side A) and ``d`` (side D).

    ``z`` is the battle's normal draw (None when σ = 0). Ties go to D.
    """
    a_luck = a * math.exp(rules.sigma * z) if z is not None else a
    a_wins = a_luck > d
    loser_kept = 1.0 - rules.break_loss
    if a_wins:
        return BattleResult(a, d, a_luck, True, winner_kept(rules, a_luck, d), loser_kept)
    return BattleResult(a, d, a_luck, False, loser_kept, winner_kept(rules, d, a_luck))


def friction(rules: Rules, powers: set[int], integrated: frozenset[frozenset[int]]) -> float:
    """Coalition friction: a side of several powers fights at ``coalition_friction`` of its
    strength unless all of them share one active pact with integrated command."""
    if len(powers) <= 1:
        return 1.0
    if any(powers <= group for group in integrated):
        return 1.0
    return rules.coalition_friction


def side_strength(rules: Rules, stacks: list[Stack],
                  integrated: frozenset[frozenset[int]], multiplier: float = 1.0) -> float:
    """Effective strength of a side: units × amphibious × terrain/capital × friction. The
    one strength rule: movement fights with it, ``foresight.attack_odds`` foresees with it."""
    raw = sum(s.units * s.factor for s in stacks) * multiplier
    if len(stacks) == 1:
        return raw
    return raw * friction(rules, {s.power for s in stacks}, integrated)


# --- odds ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Odds:
    """What an attack can expect: the chance it succeeds, and expected survivors."""

    p_win: float
    attacker_survivors: float
    defender_survivors: float
    attack_strength: float
    defence_strength: float


_NORMAL = NormalDist()
_QUADRATURE_POINTS = 256


def _kept_units(units: int, kept: np.ndarray | float) -> np.ndarray:
    return np.floor(units * np.asarray(kept) + 0.5)


def odds(rules: Rules, attackers: int, defenders: int, *, attack_factor: float = 1.0,
         defence_factor: float = 1.0) -> Odds:
    """The chance that ``attackers`` units beat ``defenders`` units, and expected survivors.

    ``attack_factor`` multiplies the attackers' units (amphibious, coalition friction);
    ``defence_factor`` the defenders' (terrain, capital, friction). The win chance is exact,
    Φ(ln(a/d)/σ); expected survivors integrate the luck draw numerically (to about 1e-4),
    counting whole units as the battle does (one stack per side).
    """
    a = attackers * attack_factor
    d = defenders * defence_factor
    loser_kept = 1.0 - rules.break_loss
    if defenders == 0:  # nothing to fight: the attackers walk in
        return Odds(1.0 if attackers else 0.0, float(attackers), 0.0, a, d)
    if rules.sigma == 0 or a == 0 or d == 0:  # the outcome does not depend on luck
        result = fight(rules, a, d, None)
        return Odds(float(result.a_wins), float(_kept_units(attackers, result.a_kept)),
                    float(_kept_units(defenders, result.d_kept)), a, d)
    z0 = math.log(d / a) / rules.sigma       # A wins when z > z0
    p_win = 1.0 - _NORMAL.cdf(z0)
    # Midpoint rule in probability space on each side of z0, where the outcome is smooth.
    u0 = 1.0 - p_win
    mids = (np.arange(_QUADRATURE_POINTS) + 0.5) / _QUADRATURE_POINTS
    expected_att = expected_def = 0.0
    for lo, hi, wins in ((0.0, u0, False), (u0, 1.0, True)):
        width = hi - lo
        if width <= 0:
            continue
        u = np.clip(lo + mids * width, 1e-12, 1 - 1e-12)
        z = np.array([_NORMAL.inv_cdf(x) for x in u])
        a_luck = a * np.exp(rules.sigma * z)
        ratio = (d / a_luck) if wins else (a_luck / d)
        winner = np.sqrt(np.maximum(0.0, 1.0 - (1.0 - loser_kept ** 2) * ratio * ratio))
        att_kept, def_kept = (winner, loser_kept) if wins else (loser_kept, winner)
        expected_att += width * float(np.mean(_kept_units(attackers, att_kept)))
        expected_def += width * float(np.mean(_kept_units(defenders, def_kept)))
    return Odds(p_win, expected_att, expected_def, a, d)
