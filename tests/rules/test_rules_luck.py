"""RULES.md §5: all chance comes from Generator(PCG64(SeedSequence([seed, turn]))), one
standard normal draw per battle in the order step 4 fights them: border clashes first, then
territories in map order, the battles between attacking sides before the battle for the
territory. Side A's strength becomes a' = a x exp(sigma z); A wins iff a' > d; the winner keeps
sqrt(1 - 0.75 (l/w)^2) with a' standing for side A.

Each test reproduces the draws here, predicts every battle from RULES.md, and checks the
engine's battle events against the prediction over many seeds; it also checks that enough of
those seeds would have come out differently with the draws in another order, so that the test
really pins the order down.
"""

from __future__ import annotations

import math

import numpy as np

from rules_helpers import battles, edit, kept_fraction, move, run, share_survivors, start, with_wars

SEEDS = range(1, 41)


def draws(seed: int, turn: int, n: int) -> list[float]:
    rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence([seed, turn])))
    return [float(rng.standard_normal()) for _ in range(n)]   # one draw per battle, in order


def fight(a_units, d_units, a, d, z, sigma=0.5, beta=0.5):
    """(A wins, A's stacks after, D's stacks after) of one battle (stacks in power order)."""
    a_luck = a * math.exp(sigma * z)
    if a_luck > d:
        return True, share_survivors(a_units, kept_fraction(a_luck, d, beta)), \
            share_survivors(d_units, 1 - beta)
    return False, share_survivors(a_units, 1 - beta), \
        share_survivors(d_units, kept_fraction(d, a_luck, beta))


def outcome(b):
    return b["attackers_after"], b["defenders_after"]


def duel_state(seed, turn=1, sigma=0.5):
    s = start(["A", "B", "C"], ["A-B", "B-C"],
              {"RED": {"territories": "A", "forces": {"A": 10}},
               "BLU": {"territories": "B C", "forces": {"B": 8}}},
              rules={"sigma": sigma}, seed=seed)
    s = with_wars(s, ("RED", "BLU", "RED"))
    if turn != 1:
        s = edit(s, lambda doc: doc.update(turn=turn))
    return s


def test_a_battle_uses_the_first_draw_of_the_seed_turn_generator():
    wins = set()
    for seed in SEEDS:
        _, report = run(duel_state(seed), {"RED": [move("A", "B", 10)]})
        (z,) = draws(seed, 1, 1)
        won, a_after, d_after = fight([10], [8], 10, 8, z)    # plains: d = 8
        wins.add(won)
        assert outcome(battles(report)[0]) == ({"RED": a_after[0]}, {"BLU": d_after[0]}), seed
    assert wins == {True, False}                    # both branches were exercised


def test_the_draw_depends_on_the_turn():
    differs = 0
    for seed in SEEDS:
        _, report = run(duel_state(seed, turn=3), {"RED": [move("A", "B", 10)]})
        z3, z1 = draws(seed, 3, 1)[0], draws(seed, 1, 1)[0]
        predicted = fight([10], [8], 10, 8, z3)
        assert outcome(battles(report)[0]) == ({"RED": predicted[1][0]}, {"BLU": predicted[2][0]}), seed
        differs += predicted != fight([10], [8], 10, 8, z1)
    assert differs > 0


def test_sigma_is_a_parameter():
    for seed in SEEDS:
        _, report = run(duel_state(seed, sigma=1.0), {"RED": [move("A", "B", 10)]})
        (z,) = draws(seed, 1, 1)
        _, a_after, d_after = fight([10], [8], 10, 8, z, sigma=1.0)
        assert outcome(battles(report)[0]) == ({"RED": a_after[0]}, {"BLU": d_after[0]}), seed


def two_battles_state(seed):
    # X (BLU, first in map order) is attacked from C; A and B clash on their common edge.
    #   X(0) - C(3)      A(1) - B(2)
    s = start(["X", "A", "B", "C"], ["C-X", "A-B"],
              {"RED": {"territories": "A C", "forces": {"A": 10, "C": 9}},
               "BLU": {"territories": "X B", "forces": {"X": 8, "B": 10}}}, seed=seed,
              rules={"sigma": 0.5})
    return with_wars(s, ("RED", "BLU", "RED"))


def test_border_clashes_are_drawn_before_territory_battles():
    differs = 0
    for seed in SEEDS:
        # Everyone leaves A and B, so the clash winners walk in without a further battle.
        _, report = run(two_battles_state(seed), {"RED": [move("A", "B", 10), move("C", "X", 9)],
                                                  "BLU": [move("B", "A", 10)]})
        border = [b for b in battles(report) if b["kind"] == "border"]
        territory = [b for b in battles(report) if b["kind"] == "territory"]
        assert len(border) == 1 and len(territory) == 1
        z1, z2 = draws(seed, 1, 2)
        # Clash: A = the group from A (earlier than B), RED 10 vs BLU 10, no terrain.
        clash = fight([10], [10], 10, 10, z1)
        x = fight([9], [8], 9, 8, z2)
        assert outcome(border[0]) == ({"RED": clash[1][0]}, {"BLU": clash[2][0]}), seed
        assert outcome(territory[0]) == ({"RED": x[1][0]}, {"BLU": x[2][0]}), seed
        differs += (clash, x) != (fight([10], [10], 10, 10, z2), fight([9], [8], 9, 8, z1))
    assert differs > 0


def test_territory_battles_are_drawn_in_map_order():
    differs = 0
    for seed in SEEDS:
        s = start(["X", "A", "Y", "C"], ["A-X", "C-Y"],
                  {"RED": {"territories": "A C", "forces": {"A": 12, "C": 7}},
                   "BLU": {"territories": "X Y", "forces": {"X": 9, "Y": 6}}}, seed=seed,
                  rules={"sigma": 0.5})
        s = with_wars(s, ("RED", "BLU", "RED"))
        # Orders list Y's attack first: the order of the orders must not matter.
        _, report = run(s, {"RED": [move("C", "Y", 7), move("A", "X", 12)]})
        by_place = {b["territory"]: b for b in battles(report)}
        z1, z2 = draws(seed, 1, 2)
        x, y = fight([12], [9], 12, 9, z1), fight([7], [6], 7, 6, z2)
        assert outcome(by_place["X"]) == ({"RED": x[1][0]}, {"BLU": x[2][0]}), seed
        assert outcome(by_place["Y"]) == ({"RED": y[1][0]}, {"BLU": y[2][0]}), seed
        differs += (x, y) != (fight([12], [9], 12, 9, z2), fight([7], [6], 7, 6, z1))
    assert differs > 0


def test_battles_between_attacking_sides_are_drawn_before_the_battle_for_the_territory():
    differs = 0
    for seed in SEEDS:
        # G (GRN, 4 units) is attacked by RED 10 and BLU 6, at war with each other; then H
        # (GRN, later in map order) is attacked by YEL 5 against 4.
        s = start(["R", "B", "G", "H", "Y"], ["R-G", "B-G", "Y-H", "G-H"],
                  {"RED": {"territories": "R", "forces": {"R": 10}},
                   "BLU": {"territories": "B", "forces": {"B": 6}},
                   "GRN": {"territories": "G H", "forces": {"G": 4, "H": 4}},
                   "YEL": {"territories": "Y", "forces": {"Y": 5}}}, seed=seed,
                  rules={"sigma": 0.5})
        s = with_wars(s, ("RED", "BLU", "RED"), ("RED", "GRN", "RED"), ("BLU", "GRN", "BLU"),
                      ("YEL", "GRN", "YEL"))
        _, report = run(s, {"RED": [move("R", "G", 10)], "BLU": [move("B", "G", 6)],
                            "YEL": [move("Y", "H", 5)]})
        fought = battles(report)
        z1, z2, z3 = draws(seed, 1, 3)

        def predict(zs, zt, zh):
            # Between the sides, A is the stronger: RED 10 vs BLU 6, in the open.
            red_won, red_after, blu_after = fight([10], [6], 10, 6, zs)
            survivor = ("RED", red_after[0]) if red_won else ("BLU", blu_after[0])
            # The surviving side attacks GRN's 4 in G (plains).
            g = fight([survivor[1]], [4], survivor[1], 4, zt)
            h = fight([5], [4], 5, 4, zh)
            return red_after, blu_after, survivor, g, h

        red_after, blu_after, survivor, g, h = predict(z1, z2, z3)
        assert [b["kind"] for b in fought] == ["attackers", "territory", "territory"]
        assert outcome(fought[0]) == ({"RED": red_after[0]}, {"BLU": blu_after[0]}), seed
        assert outcome(fought[1]) == ({survivor[0]: g[1][0]}, {"GRN": g[2][0]}), seed
        assert outcome(fought[2]) == ({"YEL": h[1][0]}, {"GRN": h[2][0]}), seed
        differs += predict(z1, z2, z3) != predict(z2, z1, z3)
    assert differs > 0


def test_border_clashes_are_drawn_by_lower_then_higher_territory_index():
    differs = 0
    for seed in SEEDS:
        # Two clashes on the edges (0, 2) and (0, 1): (0, 1) is fought first. RED leaves X0
        # empty and BLU leaves X1, X2 empty, so no territory battle follows.
        s = start(["X0", "X1", "X2"], ["X0-X2", "X0-X1"],
                  {"RED": {"territories": "X0", "forces": {"X0": 18}},
                   "BLU": {"territories": "X1 X2", "forces": {"X1": 7, "X2": 9}}}, seed=seed,
                  rules={"sigma": 0.5})
        s = with_wars(s, ("RED", "BLU", "RED"))
        _, report = run(s, {"RED": [move("X0", "X2", 10), move("X0", "X1", 8)],
                            "BLU": [move("X2", "X0", 9), move("X1", "X0", 7)]})
        fought = battles(report)
        assert [b["kind"] for b in fought] == ["border", "border"]
        by_edge = {b["to"]: b for b in fought}      # both start from X0 (the lower index)
        z1, z2 = draws(seed, 1, 2)
        first, second = fight([8], [7], 8, 7, z1), fight([10], [9], 10, 9, z2)
        assert outcome(by_edge["X1"]) == ({"RED": first[1][0]}, {"BLU": first[2][0]}), seed
        assert outcome(by_edge["X2"]) == ({"RED": second[1][0]}, {"BLU": second[2][0]}), seed
        differs += (first, second) != (fight([8], [7], 8, 7, z2), fight([10], [9], 10, 9, z1))
    assert differs > 0
