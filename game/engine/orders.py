"""Orders (RULES.md §4): their JSON and text forms, and validation against the turn's start.

Validation never raises on bad input: every order that cannot stand is returned as a
``Rejection`` with a sentence a player can act on, and the other orders are unaffected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable

from .state import State
from .vocabulary import OrderOp

ORDER_FIELDS: dict[str, tuple[str, ...]] = {
    "move": ("from", "to", "n"),
    "declare_war": ("target",),
    "invoke": ("pact",),
    "offer_peace": ("target",),
    "withdraw": ("pact",),
    "break": ("pact",),
    "build": ("territory", "n"),
    "transfer": ("to", "amount"),
}

# Ruleset 2's orders, kept apart so that ruleset 1's list of orders (and every message that
# names it) stays as it was; in ruleset 1 they are rejected with a reason.
RULESET2_ORDER_FIELDS: dict[str, tuple[str, ...]] = {
    "decline": ("pact",),
}

MAX_ORDERS_PER_POWER = 10_000


@dataclass(frozen=True)
class Order:
    """A checked order of one power: ``doc`` is its canonical JSON form."""

    power: int
    doc: dict[str, Any]

    @property
    def op(self) -> str:
        return self.doc["op"]


@dataclass(frozen=True)
class Rejection:
    power: str
    order: Any
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {"power": self.power, "order": self.order, "reason": self.reason}


class OrderSyntaxError(ValueError):
    """A line of the text notation that cannot be read."""


# --- the text notation ------------------------------------------------------------------

_TOKEN = r"[A-Za-z0-9_]+"
_TEXT_FORMS: list[tuple[re.Pattern[str], Any]] = [
    (re.compile(rf"^({_TOKEN})\s*->\s*({_TOKEN})\s+(\d+)$"),
     lambda m: {"op": "move", "from": m[1], "to": m[2], "n": int(m[3])}),
    (re.compile(rf"^war\s+({_TOKEN})$", re.I), lambda m: {"op": "declare_war", "target": m[1]}),
    (re.compile(rf"^invoke\s+({_TOKEN})$", re.I), lambda m: {"op": "invoke", "pact": m[1]}),
    (re.compile(rf"^peace\s+({_TOKEN})$", re.I), lambda m: {"op": "offer_peace", "target": m[1]}),
    (re.compile(rf"^withdraw\s+({_TOKEN})$", re.I), lambda m: {"op": "withdraw", "pact": m[1]}),
    (re.compile(rf"^break\s+({_TOKEN})$", re.I), lambda m: {"op": "break", "pact": m[1]}),
    (re.compile(rf"^decline\s+({_TOKEN})$", re.I), lambda m: {"op": "decline", "pact": m[1]}),
    (re.compile(rf"^build\s+({_TOKEN})\s+(\d+)$", re.I),
     lambda m: {"op": "build", "territory": m[1], "n": int(m[2])}),
    (re.compile(rf"^give\s+({_TOKEN})\s+(\d+)$", re.I),
     lambda m: {"op": "transfer", "to": m[1], "amount": int(m[2])}),
]
_POWER_PREFIX = re.compile(rf"^({_TOKEN})\s*:\s*(.*)$")


def parse_order_text(text: str) -> dict[str, Any]:
    """One order in the text notation (``BER -> WAR 10``, ``war POL`` …) as its JSON form."""
    line = " ".join(text.split())
    for pattern, build in _TEXT_FORMS:
        match = pattern.match(line)
        if match:
            return build(match)
    raise OrderSyntaxError(
        f"cannot read {text.strip()!r} as an order; the forms are 'BER -> WAR 10', 'war POL', "
        "'invoke P1', 'peace POL', 'withdraw P1', 'break P1', 'build BER 3', 'give ITA 5' "
        "(and in ruleset 2 'decline P1')")


def order_text(doc: dict[str, Any]) -> str:
    """The text notation of an order in JSON form (for people and reports)."""
    op = doc.get("op")
    if op == "move":
        return f"{doc['from']} -> {doc['to']} {doc['n']}"
    if op == "build":
        return f"build {doc['territory']} {doc['n']}"
    if op == "transfer":
        return f"give {doc['to']} {doc['amount']}"
    word = {"declare_war": "war", "offer_peace": "peace"}.get(op, op)
    return f"{word} {doc.get('target') or doc.get('pact')}"


def parse_orders_text(text: str) -> dict[str, list[dict[str, Any]]]:
    """A whole orders file in the text notation.

    Each line is ``POWER: order``; a line ``POWER:`` alone makes the following bare orders
    that power's. Blank lines and ``#`` comments are skipped. Raises OrderSyntaxError naming
    the line.
    """
    orders: dict[str, list[dict[str, Any]]] = {}
    current: str | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        match = _POWER_PREFIX.match(line)
        if match:
            current, line = match[1], match[2].strip()
            orders.setdefault(current, [])
            if not line:
                continue
        if current is None:
            raise OrderSyntaxError(f"line {number}: which power's order is {raw.strip()!r}? "
                                   "Write it as 'POWER: order'")
        try:
            orders[current].append(parse_order_text(line))
        except OrderSyntaxError as err:
            raise OrderSyntaxError(f"line {number}: {err}") from None
    return orders


# --- validation -------------------------------------------------------------------------


def _shape_problem(doc: Any) -> str | None:
    """Why an order document is malformed, or None."""
    if not isinstance(doc, dict):
        return "an order must be an object with an 'op'"
    op = doc.get("op")
    if op not in ORDER_FIELDS and op not in RULESET2_ORDER_FIELDS:
        return f"unknown order {op!r}; the orders are {', '.join(ORDER_FIELDS)}"
    fields = ORDER_FIELDS.get(op) or RULESET2_ORDER_FIELDS[op]
    expected = set(fields) | {"op"}
    extra = set(doc) - expected
    if extra:
        return f"{op} takes {', '.join(fields)}, not {', '.join(sorted(map(str, extra)))}"
    for key in fields:
        if key not in doc:
            return f"{op} needs {key!r}"
        value = doc[key]
        if key in ("n", "amount"):
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                return f"{key!r} must be a whole number of at least 1, not {value!r}"
        elif not isinstance(value, str):
            return f"{key!r} must be an id, not {value!r}"
    return None


class _Validator:
    """Checks one power's orders in list order, keeping the running totals §4 speaks of."""

    def __init__(self, state: State, p: int) -> None:
        self.state = state
        self.p = p
        self.scenario = state.scenario
        self.me = self.scenario.power_ids[p]
        ps = state.powers[p]
        self.crisis = ps.legitimacy < self.scenario.rules.crisis
        self.moved: dict[int, int] = {}
        self.built: dict[int, int] = {}
        self.spent = 0
        self.treasury = ps.treasury
        self.withdrawing: set[str] = set()

    def problem(self, doc: dict[str, Any]) -> str | None:
        return _CHECKS[doc["op"]](self, doc)

    # Each check returns the reason for rejecting, or None (and then commits its totals).

    def _territory(self, tid: str) -> int | None:
        return self.scenario.map.index.get(tid)

    def _target(self, doc: dict[str, Any]) -> tuple[int | None, str | None]:
        q = self.scenario.power_index.get(doc["target"])
        if q is None:
            return None, f"unknown power {doc['target']!r}"
        if q == self.p:
            return None, "a power cannot target itself"
        return q, None

    def _member_pact(self, doc: dict[str, Any]):
        pact = self.state.pact(doc["pact"])
        if pact is None:
            return None, f"unknown pact {doc['pact']!r}"
        if not pact.active:
            return None, f"pact {pact.id} has ended"
        if self.me not in pact.members:
            return None, f"{self.me} is not a member of pact {pact.id}"
        return pact, None

    def _check_move(self, doc: dict[str, Any]) -> str | None:
        src, dst = self._territory(doc["from"]), self._territory(doc["to"])
        if src is None:
            return f"unknown territory {doc['from']!r}"
        if dst is None:
            return f"unknown territory {doc['to']!r}"
        if not self.scenario.map.adjacent(src, dst):
            return f"{doc['from']} and {doc['to']} are not adjacent"
        have = int(self.state.forces[src, self.p])
        already = self.moved.get(src, 0)
        if already + doc["n"] > have:
            return (f"{self.me} has {have} units in {doc['from']}, "
                    f"{already} already ordered out" if already else
                    f"{self.me} has only {have} units in {doc['from']}")
        self.moved[src] = already + doc["n"]
        return None

    def _check_declare_war(self, doc: dict[str, Any]) -> str | None:
        q, problem = self._target(doc)
        if problem:
            return problem
        if self.state.powers[q].eliminated:
            return f"{doc['target']} has been eliminated"
        if self.crisis:
            return f"{self.me} is in crisis (legitimacy below {self.scenario.rules.crisis})"
        return None

    def _check_offer_peace(self, doc: dict[str, Any]) -> str | None:
        q, problem = self._target(doc)
        if problem:
            return problem
        if not self.state.at_war(self.p, q):
            return f"{self.me} is not at war with {doc['target']}"
        return None

    def _check_invoke(self, doc: dict[str, Any]) -> str | None:
        pact, problem = self._member_pact(doc)
        if problem:
            return problem
        if pact.kind != "offensive":
            return f"pact {pact.id} is {pact.kind.replace('_', '-')}, not offensive"
        if self.crisis:
            return f"{self.me} is in crisis (legitimacy below {self.scenario.rules.crisis})"
        return None

    def _check_withdraw(self, doc: dict[str, Any]) -> str | None:
        pact, problem = self._member_pact(doc)
        if problem:
            return problem
        if self.me in pact.withdrawing or pact.id in self.withdrawing:
            return f"{self.me} is already withdrawing from pact {pact.id}"
        self.withdrawing.add(pact.id)
        return None

    def _check_break(self, doc: dict[str, Any]) -> str | None:
        return self._member_pact(doc)[1]

    def _check_decline(self, doc: dict[str, Any]) -> str | None:
        """Ruleset 2: a standing answer to a call to arms under one pact this turn."""
        if self.scenario.rules.ruleset != 2:
            return "decline belongs to ruleset 2, and this game plays ruleset 1"
        pact, problem = self._member_pact(doc)
        if problem:
            return problem
        if not pact.is_alliance:
            return (f"pact {pact.id} is {pact.kind.replace('_', '-')}: only a defensive or "
                    "offensive pact calls its members to arms")
        return None

    def _cost(self, n: int) -> int:
        rules = self.scenario.rules
        return n * rules.build_cost * (2 if self.crisis else 1)

    def _check_build(self, doc: dict[str, Any]) -> str | None:
        t = self._territory(doc["territory"])
        if t is None:
            return f"unknown territory {doc['territory']!r}"
        if self.state.owner[t] != self.p:
            return f"{self.me} does not own {doc['territory']}"
        terr = self.scenario.map.territories[t]
        cap = terr.value + (self.scenario.rules.capital_build_bonus
                            if terr.capital_of == self.me else 0)
        already = self.built.get(t, 0)
        if already + doc["n"] > cap:
            return f"at most {cap} units can be raised in {terr.id} in a turn"
        cost = self._cost(doc["n"])
        if self.spent + cost > self.treasury:
            return f"raising {doc['n']} costs {cost} IP; {self.me} has {self.treasury - self.spent} left"
        self.built[t] = already + doc["n"]
        self.spent += cost
        return None

    def _check_transfer(self, doc: dict[str, Any]) -> str | None:
        q = self.scenario.power_index.get(doc["to"])
        if q is None:
            return f"unknown power {doc['to']!r}"
        if q == self.p:
            return "a power cannot give IP to itself"
        if self.state.powers[q].eliminated:
            return f"{doc['to']} has been eliminated"
        if self.spent + doc["amount"] > self.treasury:
            return f"{self.me} has {self.treasury - self.spent} IP left, not {doc['amount']}"
        self.spent += doc["amount"]
        return None



# Each order op and the check of §4 it goes through, named rather than found by an f-string
# (tests/engine/test_engine_vocabulary.py checks every op of ORDER_FIELDS has one).
_CHECKS: dict[str, Callable[[_Validator, dict[str, Any]], str | None]] = {
    OrderOp.MOVE: _Validator._check_move,
    OrderOp.DECLARE_WAR: _Validator._check_declare_war,
    OrderOp.INVOKE: _Validator._check_invoke,
    OrderOp.OFFER_PEACE: _Validator._check_offer_peace,
    OrderOp.WITHDRAW: _Validator._check_withdraw,
    OrderOp.BREAK: _Validator._check_break,
    OrderOp.BUILD: _Validator._check_build,
    OrderOp.TRANSFER: _Validator._check_transfer,
    OrderOp.DECLINE: _Validator._check_decline,
}


def validate_power_orders(state: State, power: str, docs: Any) -> tuple[list[Order], list[Rejection]]:
    """Check one power's orders against the start of the turn (RULES.md §4)."""
    scenario = state.scenario
    p = scenario.power_index.get(power)
    if p is None:
        return [], [Rejection(str(power), docs, f"unknown power {power!r}")]
    if not isinstance(docs, list):
        return [], [Rejection(power, docs, "a power's orders must be a list")]
    if state.powers[p].eliminated:
        return [], [Rejection(power, d, f"{power} has been eliminated") for d in docs]
    if len(docs) > MAX_ORDERS_PER_POWER:
        return [], [Rejection(power, None, f"more than {MAX_ORDERS_PER_POWER} orders")]
    validator = _Validator(state, p)
    accepted: list[Order] = []
    rejected: list[Rejection] = []
    for doc in docs:
        problem = _shape_problem(doc) or validator.problem(doc)
        if problem:
            rejected.append(Rejection(power, doc, problem))
        else:
            accepted.append(Order(p, dict(doc)))
    return accepted, rejected


def validate_orders(state: State, orders: Any) -> tuple[list[Order], list[Rejection]]:
    """Check every power's orders; the accepted ones come in scenario order, then list order."""
    if orders is None:
        orders = {}
    if not isinstance(orders, dict):
        return [], [Rejection("", orders, "orders must be an object keyed by power id")]
    accepted: list[Order] = []
    rejected: list[Rejection] = []
    unknown = [key for key in orders if key not in state.scenario.power_index and key != "signed"]
    for key in unknown:
        rejected.append(Rejection(str(key), orders[key], f"unknown power {key!r}"))
    for power in state.scenario.power_ids:
        if power in orders:
            ok, bad = validate_power_orders(state, power, orders[power])
            accepted.extend(ok)
            rejected.extend(bad)
    return accepted, rejected
