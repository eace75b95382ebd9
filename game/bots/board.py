"""A seat's view as arrays, for deciding quickly (a bot reads nothing else).

The view is the canonical state JSON a seat receives (RULES.md §7, §8): fogged unit counts
and hidden treasuries are null, invisible pacts are absent. Under fog every territory next
to one the bot owns is visible, so the places it can attack or be attacked from are known;
far-off counts are unknown and left at zero with ``seen`` false.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np

from game.engine import MapGraph, Rules
from game.engine.seat import allies_in, bound_in


@dataclass
class Board:
    graph: MapGraph
    rules: Rules
    ids: list[str]
    me: int
    turn: int
    owner: np.ndarray          # power index, -1 neutral
    forces: np.ndarray         # territories × powers, 0 where unseen
    garrison: np.ndarray
    seen: np.ndarray           # territories whose counts the seat sees
    war: np.ndarray            # powers × powers
    aggressor: dict[tuple[int, int], int | None]
    pacts: list[dict[str, Any]]  # active pacts the seat sees
    legitimacy: list[int]
    credibility: list[int]
    treasury: list[int | None]
    eliminated: list[bool]
    defence: np.ndarray        # terrain × capital factor of each territory for its owner
    capital: dict[int, int]    # power -> its capital territory
    # Ruleset 2: every power's total units, public whatever the fog (RULES.md §11.4);
    # None where the view does not carry them (ruleset 1).
    totals: np.ndarray | None = None
    # Ruleset 2: each power's par (RULES.md §11.1), None where the seat was not given them.
    par: list[int] | None = None

    @property
    def me_id(self) -> str:
        return self.ids[self.me]

    @property
    def live(self) -> list[int]:
        return [p for p in range(len(self.ids)) if not self.eliminated[p]]

    def pacts_of(self, p: int, kinds: tuple[str, ...] | None = None) -> list[dict[str, Any]]:
        pid = self.ids[p]
        return [d for d in self.pacts
                if pid in d["members"] and (kinds is None or d["kind"] in kinds)]

    @cached_property
    def index(self) -> dict[str, int]:
        """Each power's index by its id (``ids`` never changes once the board is made)."""
        return {pid: i for i, pid in enumerate(self.ids)}

    def allies(self, p: int) -> set[int]:
        return {self.index[m] for m in allies_in(self.pacts, self.ids[p])}

    def bound(self, p: int) -> set[int]:
        """Powers p may not attack without a breach (the engine's rule, game.engine.seat)."""
        return {self.index[m] for m in bound_in(self.pacts, self.ids[p])}

    def territories_of(self, p: int) -> np.ndarray:
        return np.flatnonzero(self.owner == p)

    def units(self, p: int) -> int:
        return int(self.forces[:, p].sum())

    def army(self, p: int) -> float:
        """p's whole army as far as the seat may know it: the public total in ruleset 2,
        else the units it sees."""
        if self.totals is not None:
            return float(self.totals[p])
        return float(self.forces[:, p].sum())

    def value(self, p: int) -> int:
        return int(self.graph.values[self.owner == p].sum())


def board_from_view(view: dict[str, Any], power: str, graph: MapGraph, rules: Rules,
                    power_ids: list[str], pars: dict[str, int] | None = None) -> Board:
    """The board a seat playing ``power`` sees in ``view``."""
    index = {pid: i for i, pid in enumerate(power_ids)}
    n_t, n_p = len(graph), len(power_ids)
    owner = np.full(n_t, -1, dtype=np.int64)
    forces = np.zeros((n_t, n_p), dtype=np.float64)
    garrison = np.zeros(n_t, dtype=np.float64)
    seen = np.zeros(n_t, dtype=bool)
    for t, tid in enumerate(graph.ids):
        terr = view["territories"][tid]
        own = terr["owner"]
        owner[t] = index[own] if own is not None else -1
        here = terr["forces"]
        if here is None:
            continue
        seen[t] = True
        for pid, n in here.items():
            if pid == "neutral":
                garrison[t] = n
            else:
                forces[t, index[pid]] = n
    war = np.zeros((n_p, n_p), dtype=bool)
    aggressor: dict[tuple[int, int], int | None] = {}
    for w in view["wars"]:
        p, q = (index[x] for x in w["between"])
        war[p, q] = war[q, p] = True
        aggressor[(min(p, q), max(p, q))] = index[w["aggressor"]] if w["aggressor"] else None
    powers = view["powers"]
    public = view.get("strength")
    totals = (np.array([float(public.get(pid) or 0) for pid in power_ids])
              if isinstance(public, dict) else None)
    defence = np.array([rules.terrain(t.terrain) for t in graph.territories])
    capital: dict[int, int] = {}
    for t, terr in enumerate(graph.territories):
        if terr.capital_of in index:
            capital[index[terr.capital_of]] = t
            if owner[t] == index[terr.capital_of]:
                defence[t] *= rules.capital_defense
    return Board(
        graph=graph, rules=rules, ids=list(power_ids), me=index[power], turn=int(view["turn"]),
        owner=owner, forces=forces, garrison=garrison, seen=seen, war=war, aggressor=aggressor,
        pacts=[d for d in view["pacts"] if d["status"] == "active"],
        legitimacy=[int(powers[p]["legitimacy"]) for p in power_ids],
        credibility=[int(powers[p]["credibility"]) for p in power_ids],
        treasury=[powers[p]["treasury"] for p in power_ids],
        eliminated=[bool(powers[p]["eliminated"]) for p in power_ids],
        defence=defence, capital=capital, totals=totals,
        par=[int(pars.get(p, 1)) for p in power_ids] if pars else None)
