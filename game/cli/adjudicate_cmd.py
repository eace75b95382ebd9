"""``casus adjudicate``: the rules as a command, for games played on paper and for checking.

    casus adjudicate SCENARIO --orders ORDERS [--state STATE.json] [--seed N] [--set k=v ...]

prints ``{"state": …, "report": …}`` (and ``"ruleset": 2`` when the game plays ruleset 2; an
output without it is ruleset 1). ORDERS is the JSON of RULES.md §8 or the text notation of §4.
The output can be fed back with ``--state`` to play the next turn.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from game.cli.common import load_scenario_arg, read_json, read_text, with_settings, \
    write_json
from game.cli.main import UserError
from game.engine import GameOver, OrderSyntaxError, StateError, adjudicate, initial_state, \
    parse_orders_text, state_from_json


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "adjudicate", help="adjudicate one turn: scenario + orders in, state + report out",
        description="Adjudicate one turn and print {\"state\": ..., \"report\": ...} as JSON.")
    parser.add_argument("scenario", help="scenario file or shipped name (e.g. tutorial)")
    parser.add_argument("--orders", required=True,
                        help="orders as JSON ({\"RED\": [...], \"signed\": [...]}) or text "
                             "('RED: ALB -> BOR 3', one order a line)")
    parser.add_argument("--state", help="state JSON to start from (default: the scenario's "
                                        "start); the output of a previous run works too")
    parser.add_argument("--seed", type=int, help="match seed (default: the state's, or 0)")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="override a rule parameter, e.g. --set sigma=0 (repeatable)")
    parser.add_argument("--out", help="write the result to this file instead of stdout")
    parser.add_argument("--compact", action="store_true", help="one line of canonical JSON")
    parser.set_defaults(func=run)


def read_orders(path: str) -> Any:
    """Orders from a JSON file or a text-notation file (told apart by their first character)."""
    text = read_text(path, "orders")
    if text.lstrip().startswith(("{", "[")):   # JSON (a list is refused as such below)
        try:
            return json.loads(text)
        except json.JSONDecodeError as err:
            raise UserError(f"the orders file {path} is not valid JSON "
                            f"(line {err.lineno}, column {err.colno}: {err.msg})") from None
    try:
        return parse_orders_text(text)
    except OrderSyntaxError as err:
        raise UserError(f"the orders file {path}, {err}") from None


def run(args: argparse.Namespace) -> int:
    scenario = with_settings(load_scenario_arg(args.scenario), args.set)
    if args.seed is not None and args.seed < 0:
        raise UserError("--seed must be 0 or more")
    if args.state:
        doc = read_json(args.state, "state")
        if isinstance(doc, dict) and "state" in doc and "report" in doc:
            played = doc.get("ruleset", 1)
            if played != scenario.rules.ruleset:
                raise UserError(f"the state file {args.state} was played under ruleset "
                                f"{played}, and this game plays ruleset "
                                f"{scenario.rules.ruleset}; add --set ruleset={played}")
            doc = doc["state"]  # the output of a previous run
        if isinstance(doc, dict) and args.seed is not None:
            doc = {**doc, "seed": args.seed}
        try:
            state = state_from_json(doc, scenario)
        except StateError as err:
            raise UserError(f"the state file {args.state} does not fit the scenario: {err}")
    else:
        state = initial_state(scenario, seed=args.seed or 0)
    orders = read_orders(args.orders)
    if not isinstance(orders, dict):
        raise UserError(f"the orders file {args.orders} must hold an object keyed by power id")
    if orders and not any(key in scenario.power_index or key == "signed" for key in orders):
        # Another kind of JSON file (a save, a state, a map) given by mistake: every key would
        # be rejected as an unknown power and the turn played with no orders at all.
        raise UserError(f"the orders file {args.orders} names none of the powers of "
                        f"{scenario.name} ({', '.join(scenario.power_ids)}): is it an orders "
                        "file for this scenario?")
    try:
        new_state, report = adjudicate(state, orders)
    except GameOver as err:
        raise UserError(str(err)) from None
    result: dict[str, Any] = {"state": new_state.to_json(), "report": report}
    if scenario.rules.ruleset != 1:   # a ruleset-1 output stays as it always was
        result = {"ruleset": scenario.rules.ruleset, **result}
    write_json(result, args.out, compact=args.compact)
    return 0
