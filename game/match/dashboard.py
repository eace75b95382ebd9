"""The umpire's dashboard: who has submitted, who is idle, open proposals and
the pact matrix, computed from a match on request (it is a reading, not an event).

    {"turn": 3, "label": "Spring 1901", "phase": "planning", "stage": "orders",
     "clock": {... the clock push ...},
     "powers": [{"power": "RED", "kind": "human", "occupied": true, "name": "Ada",
                 "eliminated": false, "submitted": true, "draft": true, "ready": false,
                 "orders": 3, "last_action": 1700000100.0, "idle": 42.0,
                 "members": [{"id": "RED.2", "role": "foreign minister", "name": "Bo",
                              "last_action": null, "idle": null}]}],
     "proposals": [... open proposals, as the proposal push ...],
     "pacts": [{"id": "P1", "kind": "defensive", "members": [...], "secret": false,
                "revealed": true, "name": ""}],
     "pact_matrix": {"RED": {"BLU": ["P1"]}, "BLU": {"RED": ["P1"]}},
     "wars": [["BLU", "GRN"]]}

``idle`` is the seconds since the seat's last own action (joining, chat, proposals,
orders, drafts, ready, notes), or null if it never acted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .planning import OPEN

if TYPE_CHECKING:
    from .core import MatchCore


def _idle(match: MatchCore, seat: str, now: float) -> tuple[float | None, float | None]:
    last = match.last_action.get(seat)
    return last, (None if last is None else max(0.0, now - last))


def dashboard(match: MatchCore, now: float) -> dict[str, Any]:
    """The dashboard of ``match`` at time ``now`` (see the module docstring)."""
    state = match.state
    ids = match.powers
    rows = []
    for power in ids:
        seat = match.seats[power]
        last, idle = _idle(match, power, now)
        members = []
        for member in match.members.values():
            if member.power == power:
                m_last, m_idle = _idle(match, member.id, now)
                members.append({**member.public(), "last_action": m_last, "idle": m_idle})
        rows.append({"power": power, "kind": seat.kind, "occupied": seat.occupied,
                     "name": seat.name, "role": seat.role,
                     "eliminated": state.power(power).eliminated,
                     "submitted": power in match.orders, "draft": power in match.drafts,
                     "ready": bool(match.ready.get(power)),
                     "orders": len(match.orders.get(power, [])),
                     "last_action": last, "idle": idle, "members": members})
    matrix: dict[str, dict[str, list[str]]] = {p: {} for p in ids}
    pacts = []
    for pact in state.pacts:
        if not pact.active:
            continue
        pacts.append({"id": pact.id, "kind": pact.kind, "members": list(pact.members),
                      "secret": pact.secret, "revealed": pact.revealed, "name": pact.name})
        for a in pact.members:
            for b in pact.members:
                if a != b:
                    matrix[a].setdefault(b, []).append(pact.id)
    return {"turn": match.turn, "label": state.label, "phase": match.phase,
            "stage": match.stage, "clock": match.clock(), "powers": rows,
            "proposals": [p.to_json() for p in match.proposals.values() if p.status == OPEN],
            "pacts": pacts, "pact_matrix": matrix,
            "wars": [[ids[p], ids[q]] for p, q in sorted(state.wars)]}
