"""The rules of Casus Foederis (RULES.md) as a library: plain data in, plain data out.

    scenario = build_scenario(map_doc, scenario_doc)      # or game.maps.load_scenario(path)
    state = initial_state(scenario, seed=7)
    new_state, report = adjudicate(state, {"RED": [{"op": "move", ...}]})
    view(new_state, "RED")                               # what one seat may see

The engine does no I/O, never mutates its inputs and draws all chance from the generator
that RULES.md §5 names, so the same state, orders and seed give the same result everywhere.
"""

from .adjudicate import GameOver, adjudicate
from .combat import Odds, odds
from .orders import Rejection, parse_order_text, parse_orders_text, validate_orders, \
    validate_power_orders, OrderSyntaxError, order_text
from .params import ParamError, Rules, rules_with
from .seat import ALLIANCE_KINDS, SeatView
from .state import Pact, PowerState, State, StateError, canonical_dumps, credibility, \
    initial_state, state_from_json, state_hash
from .terms import normalised_terms, pact_problems
from .view import view, view_report
from .vocabulary import Order, OrderOp, PactKind, ReportEvent
from .world import MapGraph, Scenario, ScenarioError, Territory, build_map, build_scenario

__all__ = [
    "GameOver", "adjudicate", "Odds", "odds", "Rejection", "parse_order_text",
    "parse_orders_text", "validate_orders", "validate_power_orders", "OrderSyntaxError",
    "order_text", "ParamError", "Rules", "rules_with", "Pact", "PowerState", "State",
    "StateError", "canonical_dumps", "credibility", "initial_state", "state_from_json",
    "state_hash", "normalised_terms", "pact_problems", "MapGraph", "Scenario",
    "ScenarioError", "Territory", "build_map", "build_scenario", "view", "view_report",
    "ALLIANCE_KINDS", "SeatView", "Order", "OrderOp", "PactKind", "ReportEvent",
]
