"""Positions and sights for the bots' decision tests: a scenario's start with wars, engaged
pacts and power records set; what a power sees of it; a proposal it receives."""

from __future__ import annotations

from typing import Any

from game.bots.decide import Seen
from game.engine import Scenario, State, initial_state, state_from_json
from game.engine.view import view


def position(scenario: Scenario, *, wars: list[tuple[str, str]] = (),
             engaged: dict[str, list[str]] | None = None,
             powers: dict[str, dict[str, Any]] | None = None) -> State:
    """The scenario's start with wars (aggressor first), pacts engaged and power records."""
    doc = initial_state(scenario, seed=1).to_json()
    doc["wars"] = [{"between": sorted(pair), "aggressor": pair[0]} for pair in wars]
    for pact in doc["pacts"]:
        pact["engaged_against"] = (engaged or {}).get(pact["id"], [])
    for pid, changes in (powers or {}).items():
        doc["powers"][pid].update(changes)
    return state_from_json(doc, scenario)


def seen(state: State, power: str, proposals: list[dict[str, Any]] = (), *,
         pars: bool = False) -> Seen:
    """What ``power`` sees; with ``pars`` (ruleset 2) also every power's par, as its
    snapshot carries them, so it knows who is heading for the win."""
    return Seen(power=power, view=view(state, power), graph=state.scenario.map,
                rules=state.scenario.rules, power_ids=state.scenario.power_ids,
                proposals=list(proposals), seed=0,
                pars={p.id: p.par for p in state.scenario.powers} if pars else {})


def proposal(terms: dict[str, Any], proposer: str = "BLU") -> dict[str, Any]:
    members = terms.get("members") or [p for side in terms["sides"] for p in side]
    return {"id": "X1", "proposer": proposer, "terms": terms, "members": members,
            "turn": 1, "accepted": [proposer], "status": "open"}
