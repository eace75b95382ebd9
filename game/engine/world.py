"""The fixed part of a game: the map graph and the scenario (powers, rules, calendar).

Nothing here changes during play; the changing part is ``state.State``. Both are built from
the plain documents of RULES.md §9, which ``game.maps`` reads from files and checks first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .params import Rules, rules_with
from .terms import normalised_terms


class ScenarioError(ValueError):
    """A map or scenario document the engine cannot build a game from."""


@dataclass(frozen=True)
class Territory:
    """One territory of the map, as the rules see it."""

    id: str
    name: str
    terrain: str = "plains"
    value: int = 1
    capital_of: str | None = None


@dataclass(frozen=True, eq=False)
class MapGraph:
    """Territories in map order and the edges between them.

    ``neighbours[i]`` lists the indices adjacent to territory i in map order, and
    ``sea[(i, j)]`` is True where the edge between i and j is a sea edge (both directions).
    """

    territories: tuple[Territory, ...]
    edges: tuple[tuple[int, int, str], ...]
    index: dict[str, int] = field(init=False)
    neighbours: tuple[tuple[int, ...], ...] = field(init=False)
    sea: dict[tuple[int, int], bool] = field(init=False)
    values: np.ndarray = field(init=False)
    edge_src: np.ndarray = field(init=False)   # every edge in both directions, as arrays
    edge_dst: np.ndarray = field(init=False)

    def __post_init__(self) -> None:
        index = {t.id: i for i, t in enumerate(self.territories)}
        adjacent: list[set[int]] = [set() for _ in self.territories]
        sea: dict[tuple[int, int], bool] = {}
        for i, j, kind in self.edges:
            adjacent[i].add(j)
            adjacent[j].add(i)
            sea[(i, j)] = sea[(j, i)] = kind == "sea"
        values = np.array([t.value for t in self.territories], dtype=np.int64)
        values.flags.writeable = False
        object.__setattr__(self, "index", index)
        object.__setattr__(self, "neighbours", tuple(tuple(sorted(a)) for a in adjacent))
        object.__setattr__(self, "sea", sea)
        object.__setattr__(self, "values", values)
        src = np.array([i for i, j, _ in self.edges] + [j for i, j, _ in self.edges],
                       dtype=np.int64)
        dst = np.array([j for i, j, _ in self.edges] + [i for i, j, _ in self.edges],
                       dtype=np.int64)
        object.__setattr__(self, "edge_src", src)
        object.__setattr__(self, "edge_dst", dst)

    def __len__(self) -> int:
        return len(self.territories)

    @property
    def ids(self) -> list[str]:
        return [t.id for t in self.territories]

    def adjacent(self, i: int, j: int) -> bool:
        return (i, j) in self.sea

    def near(self, mask: np.ndarray) -> np.ndarray:
        """The territories in ``mask`` and every territory adjacent to one of them."""
        out = mask.copy()
        out[self.edge_dst[mask[self.edge_src]]] = True
        return out

    @property
    def total_value(self) -> int:
        return int(self.values.sum())


@dataclass(frozen=True)
class PowerInfo:
    """A power as the scenario introduces it (what does not change in play)."""

    id: str
    name: str
    color: str = "#888888"
    objectives: dict[str, int] = field(default_factory=dict)
    # Ruleset 2: the value the power is scored against (default: what it owns at the start).
    par: int = 0


@dataclass(frozen=True, eq=False)
class Scenario:
    """Everything fixed about one game: map, powers in order, rules, calendar, start.

    ``map_doc`` and ``scenario_doc`` keep the documents it was built from, for the parts
    that are for people and clients (positions, shapes, descriptions, injects).
    """

    name: str
    map: MapGraph
    powers: tuple[PowerInfo, ...]
    rules: Rules
    start_year: int = 1
    seasons: tuple[str, ...] = ("Turn",)
    coalition_victory: bool = False
    description: str = ""
    map_doc: dict[str, Any] = field(default_factory=dict, repr=False)
    scenario_doc: dict[str, Any] = field(default_factory=dict, repr=False)
    power_index: dict[str, int] = field(init=False, repr=False)
    capital_power: np.ndarray = field(init=False, repr=False)
    ids: tuple[str, ...] = field(init=False, repr=False)   # power ids in order, kept

    def __post_init__(self) -> None:
        object.__setattr__(self, "power_index", {p.id: i for i, p in enumerate(self.powers)})
        object.__setattr__(self, "ids", tuple(p.id for p in self.powers))
        capital = np.array([self.power_index.get(t.capital_of, -1) if t.capital_of else -1
                            for t in self.map.territories], dtype=np.int64)
        capital.flags.writeable = False
        object.__setattr__(self, "capital_power", capital)

    @property
    def power_ids(self) -> list[str]:
        # A fresh list, as callers may keep or change it; copied from the kept tuple, since
        # the engine asks for it many times a turn.
        return list(self.ids)

    def label(self, turn: int) -> str:
        """The calendar name of a turn: turn 1 is the first season of ``start_year``."""
        n = len(self.seasons)
        season = self.seasons[(turn - 1) % n]
        year = self.start_year + (turn - 1) // n
        return f"{season} {year}"


def _territory_from_doc(doc: dict[str, Any]) -> Territory:
    return Territory(
        id=doc["id"],
        name=doc.get("name", doc["id"]),
        terrain=doc.get("terrain", "plains"),
        value=int(doc.get("value", 1)),
        capital_of=doc.get("capital_of"),
    )


def build_map(map_doc: dict[str, Any]) -> MapGraph:
    """The map graph of a map document (RULES.md §9). The document should be checked first."""
    try:
        territories = tuple(_territory_from_doc(t) for t in map_doc["territories"])
        index = {t.id: i for i, t in enumerate(territories)}
        edges = tuple((index[a], index[b], kind) for a, b, kind in map_doc["edges"])
    except (KeyError, TypeError, ValueError) as err:
        raise ScenarioError(f"the map document is malformed ({err!r}); run 'casus map check'")
    return MapGraph(territories=territories, edges=edges)


def build_scenario(map_doc: dict[str, Any], scenario_doc: dict[str, Any]) -> Scenario:
    """The scenario of a checked map document and scenario document (RULES.md §9)."""
    graph = build_map(map_doc)
    overrides = dict(scenario_doc.get("rules", {}))
    for key in ("max_turns", "fog", "ruleset"):
        if key in scenario_doc and key not in overrides:
            overrides[key] = scenario_doc[key]
    try:
        rules = rules_with(Rules(), overrides)
        values = {t.id: t.value for t in graph.territories}
        powers = tuple(
            PowerInfo(id=p["id"], name=p.get("name", p["id"]), color=p.get("color", "#888888"),
                      objectives={k: int(v) for k, v in p.get("objectives", {}).items()},
                      par=int(p.get("par", sum(values.get(t, 0)
                                                for t in p.get("territories", [])))))
            for p in scenario_doc["powers"])
    except (KeyError, TypeError, ValueError) as err:
        raise ScenarioError(f"the scenario document is malformed ({err}); "
                            "run 'casus map check'") from None
    return Scenario(
        name=scenario_doc.get("name", map_doc.get("name", "Untitled")),
        map=graph,
        powers=powers,
        rules=rules,
        start_year=int(scenario_doc.get("start_year", 1)),
        seasons=tuple(scenario_doc.get("seasons", ["Turn"])),
        coalition_victory=bool(scenario_doc.get("coalition_victory", False)),
        description=scenario_doc.get("description", ""),
        map_doc=map_doc,
        scenario_doc=scenario_doc,
    )


def initial_pact_terms(scenario: Scenario) -> list[dict[str, Any]]:
    """The normalised terms of the pacts in force at the start of the scenario."""
    return [normalised_terms(p, scenario.rules) for p in scenario.scenario_doc.get("pacts", [])]
