"""Small boards built in code, so each rules test shows exactly the situation it is about."""

from __future__ import annotations

from typing import Any

from game.engine import Scenario, State, build_scenario, initial_state


def board(territories: str | list[Any], edges: list[Any], powers: dict[str, dict[str, Any]],
          *, pacts: list[dict[str, Any]] | None = None, neutral: dict[str, int] | None = None,
          rules: dict[str, Any] | None = None, **scenario: Any) -> Scenario:
    """A scenario from compact descriptions.

    ``territories``: "A B C" (plains, value 1) or a list of ids or dicts (id, terrain, value,
    capital_of). ``edges``: "A-B" (land) or "A~B" (sea) strings, or [a, b, kind] lists.
    ``powers``: id -> {"territories": "A B", "forces": {"A": 3}, ...}. Rules default to
    sigma = 0, so combat is exact.
    """
    if isinstance(territories, str):
        territories = territories.split()
    terr_docs = [t if isinstance(t, dict) else {"id": t} for t in territories]
    edge_docs = []
    for e in edges:
        if isinstance(e, str):
            kind = "sea" if "~" in e else "land"
            a, b = e.replace("~", "-").split("-")
            edge_docs.append([a, b, kind])
        else:
            edge_docs.append(list(e))
    power_docs = []
    for pid, doc in powers.items():
        doc = dict(doc)
        if isinstance(doc.get("territories"), str):
            doc["territories"] = doc["territories"].split()
        power_docs.append({"id": pid, **doc})
    scenario_doc: dict[str, Any] = {
        "name": "test", "powers": power_docs, "pacts": pacts or [],
        "neutral": {"forces": neutral or {}}, "rules": {"sigma": 0, **(rules or {})},
        **scenario,
    }
    map_doc = {"name": "test", "territories": terr_docs, "edges": edge_docs}
    return build_scenario(map_doc, scenario_doc)


def start(*args: Any, seed: int = 1, **kwargs: Any) -> State:
    return initial_state(board(*args, **kwargs), seed=seed)


def forces(state: State, territory: str) -> dict[str, int]:
    """Units in a territory by power id (and 'neutral'), zeros left out."""
    doc = state.to_json()["territories"][territory]["forces"]
    return dict(doc)


def owner(state: State, territory: str) -> str | None:
    return state.to_json()["territories"][territory]["owner"]


def events(report: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e for e in report["events"] if e["type"] == kind]


def move(a: str, b: str, n: int) -> dict[str, Any]:
    return {"op": "move", "from": a, "to": b, "n": n}
