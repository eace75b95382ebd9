"""Figures per power per turn (territory value, units, legitimacy, credibility) and the
losses of each war, for the report's plots and tables and for the export.

Turn 0 in a series is the start of the match; turn n is the end of turn n.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from game.engine import State

from .record import MatchRecord

Event = dict[str, Any]

MEASURES: tuple[tuple[str, str], ...] = (
    ("value", "Territory value (IP per turn)"),
    ("units", "Units"),
    ("legitimacy", "Legitimacy"),
    ("credibility", "Credibility"),
)


def power_figures(state: State, power: str) -> dict[str, int]:
    """One power's measures in one state."""
    i = state.scenario.power_index[power]
    ps = state.powers[i]
    return {"value": state.owned_value(i), "units": int(state.forces[:, i].sum()),
            "legitimacy": ps.legitimacy, "credibility": ps.credibility,
            "territories": int((state.owner == i).sum()), "treasury": ps.treasury}


@dataclass(frozen=True)
class Series:
    turns: tuple[int, ...]                         # 0, 1, 2, …
    values: dict[str, dict[str, tuple[int, ...]]]  # measure -> power -> one per turn


def series(record: MatchRecord) -> Series:
    """Every measure of MEASURES for every power, from the start to the last adjudication."""
    states = [record.states[0]] + [t.after for t in record.turns]
    first = record.states[0].turn - 1
    turns = tuple(first + k for k in range(len(states)))
    table = {m: {p: [] for p in record.powers} for m, _ in MEASURES}
    for state in states:
        for p in record.powers:
            figures = power_figures(state, p)
            for m, _ in MEASURES:
                table[m][p].append(figures[m])
    return Series(turns, {m: {p: tuple(v) for p, v in by.items()} for m, by in table.items()})


@dataclass(frozen=True)
class WarLosses:
    """One war (a pair of powers, or a power against the neutrals) and its losses."""

    sides: tuple[str, str]          # scenario order; "neutral" last
    losses: tuple[int, int]         # units each side lost in battles against the other
    battles: int
    first_turn: int


def _enemy(side: dict[str, int], order: dict[str, int]) -> str:
    """The opposing side's main power: most units before the battle, ties scenario order."""
    return min(side, key=lambda p: (-side[p], order.get(p, len(order))))


def war_losses(record: MatchRecord) -> list[WarLosses]:
    """Units lost per war. Each power's battle losses count against the war with the
    opposing side's main power (the one with most units in that battle), so a coalition
    battle is booked to the war it was mainly part of."""
    order = {p: i for i, p in enumerate(record.powers)}
    wars: dict[tuple[str, str], list[int]] = {}
    for turn in record.turns:
        for e in turn.report.get("events", []):
            if e["type"] != "battle":
                continue
            att, dfn = e.get("attackers", {}), e.get("defenders", {})
            if not att or not dfn:
                continue
            after = {"attackers": e.get("attackers_after", {}),
                     "defenders": e.get("defenders_after", {})}
            touched: set[tuple[str, str]] = set()
            for side, other, key in ((att, dfn, "attackers"), (dfn, att, "defenders")):
                enemy = _enemy(other, order)
                for p, n in side.items():
                    lost = n - after[key].get(p, 0)
                    pair = tuple(sorted((p, enemy), key=lambda x: order.get(x, len(order))))
                    cell = wars.setdefault(pair, [0, 0, 0, turn.number])
                    cell[0 if pair[0] == p else 1] += lost
                    touched.add(pair)
            for pair in touched:
                wars[pair][2] += 1
    return [WarLosses(pair, (v[0], v[1]), v[2], v[3]) for pair, v in wars.items()]
