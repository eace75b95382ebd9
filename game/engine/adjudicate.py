"""``adjudicate``: one turn of the rules (RULES.md §5), steps 1 to 8 in order."""

from __future__ import annotations

from typing import Any

from .audit import audit_obligations
from .diplomacy import break_pacts, expire_pacts, make_peace, run_war_cascade, sign_pacts, \
    withdraw_from_pacts
from .economy import run_economy
from .endturn import end_turn
from .movement import resolve_movement
from .orders import Rejection, validate_orders
from .politics import domestic_politics
from .state import State
from .turn import Turn


class GameOver(ValueError):
    """Raised when asked to adjudicate a game that has already been won."""


def adjudicate(state: State, orders: Any, signed: Any = None) -> tuple[State, dict[str, Any]]:
    """Adjudicate one turn: the new state and the turn report. The input is not changed.

    ``orders`` maps power ids to lists of orders in the JSON form of RULES.md §4 (it may
    also carry ``"signed"``); ``signed`` lists the pacts, as proposal terms, signed during
    this turn's planning. Invalid orders and pacts are listed in ``report["rejected"]`` with a
    reason and do not affect the rest. All chance comes from the generator seeded by
    ``(state.seed, state.turn)``.
    """
    if state.winner is not None:
        raise GameOver(f"the game is over ({state.winner['kind']} victory)")
    if signed is None and isinstance(orders, dict):
        signed = orders.get("signed")
    accepted, rejected = validate_orders(state, orders)
    if signed is None:
        signed = []
    elif not isinstance(signed, list):
        rejected.append(Rejection("", signed, "'signed' must be a list of pacts"))
        signed = []
    turn = Turn(state.copy(), accepted)
    turn.rejected.extend(rejected)
    sign_pacts(turn, signed)      # step 1
    break_pacts(turn)
    withdraw_from_pacts(turn)
    expire_pacts(turn)
    make_peace(turn)              # step 2
    run_war_cascade(turn)         # step 3
    resolve_movement(turn)        # step 4
    run_economy(turn)             # step 5
    audit_obligations(turn)       # step 6
    domestic_politics(turn)       # step 7
    end_turn(turn)                # step 8
    report = {
        "turn": state.turn,
        "label": state.label,
        "events": turn.events,
        "rejected": [r.to_json() for r in turn.rejected],
    }
    return turn.state.freeze(), report
