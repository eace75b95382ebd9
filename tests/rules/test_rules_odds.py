"""RULES.md §5 step 4 (luck): the attacker wins with probability Φ(ln(a/d)/σ): 79% at 1.5 : 1,
92% at 2 : 1, 99% at 3 : 1 with σ = 0.5; with σ = 0 the outcome is exact (a tie goes to D)."""

from __future__ import annotations

import math
from statistics import NormalDist

import pytest

from game.engine import Rules, odds, rules_with

PHI = NormalDist().cdf


@pytest.mark.parametrize("attackers, defenders, percent", [(15, 10, 79), (20, 10, 92), (30, 10, 99)])
def test_win_chance_at_the_force_ratios_quoted_in_the_rules(attackers, defenders, percent):
    assert round(100 * odds(Rules(), attackers, defenders).p_win) == percent


@pytest.mark.parametrize("attackers, defenders", [(15, 10), (20, 10), (30, 10), (7, 9), (1, 4), (12, 5)])
def test_win_chance_is_phi_of_log_ratio_over_sigma(attackers, defenders):
    expected = PHI(math.log(attackers / defenders) / 0.5)
    assert odds(Rules(), attackers, defenders).p_win == pytest.approx(expected, abs=1e-9)


def test_equal_strengths_give_even_odds():
    assert odds(Rules(), 10, 10).p_win == pytest.approx(0.5, abs=1e-12)


def test_factors_multiply_the_strengths():
    # 20 amphibious units (x 0.5) against 8 on hills (x 1.5): a = 10, d = 12.
    result = odds(Rules(), 20, 8, attack_factor=0.5, defence_factor=1.5)
    assert result.attack_strength == pytest.approx(10) and result.defence_strength == pytest.approx(12)
    assert result.p_win == pytest.approx(PHI(math.log(10 / 12) / 0.5), abs=1e-9)


def test_sigma_is_a_parameter():
    rules = rules_with(Rules(), {"sigma": 1.0})
    assert odds(rules, 15, 10).p_win == pytest.approx(PHI(math.log(1.5)), abs=1e-9)   # 0.657


@pytest.mark.parametrize("attackers, defenders, p", [(11, 10, 1.0), (10, 10, 0.0), (9, 10, 0.0)])
def test_sigma_zero_is_exact_and_a_tie_goes_to_the_defender(attackers, defenders, p):
    assert odds(rules_with(Rules(), {"sigma": 0}), attackers, defenders).p_win == p


def test_sigma_zero_survivors_are_exact():
    exact = rules_with(Rules(), {"sigma": 0})
    win = odds(exact, 20, 10)
    # k = sqrt(1 - .75 x .25) = .9014: 20 -> 18.03 -> 18; the loser 10 -> 5.
    assert (win.attacker_survivors, win.defender_survivors) == (18, 5)
    loss = odds(exact, 10, 10)
    # Tie: D wins and keeps sqrt(1 - .75) = .5 -> 5; A 10 -> 5.
    assert (loss.attacker_survivors, loss.defender_survivors) == (5, 5)


def test_expected_survivors_lie_between_the_extremes():
    result = odds(Rules(), 15, 10)
    # Whatever the draw, A keeps at least half (as loser, 7.5 -> 8; as winner >= .5 x 15).
    assert 7.5 <= result.attacker_survivors <= 15
    assert 5 <= result.defender_survivors <= 10
