"""The rules' words as enumerations: each list matches what the engine writes and checks."""

from __future__ import annotations

import json
import re
from pathlib import Path

from game.engine import OrderOp, PactKind, ReportEvent, canonical_dumps
from game.engine.orders import _CHECKS, ORDER_FIELDS, RULESET2_ORDER_FIELDS

# Every op either ruleset knows (ruleset 2's are kept apart so ruleset 1's list is unchanged).
ALL_ORDER_FIELDS = {**ORDER_FIELDS, **RULESET2_ORDER_FIELDS}
from game.engine.terms import PACT_KINDS

ROOT = Path(__file__).resolve().parents[2]


def test_every_order_op_has_fields_and_a_check():
    assert set(OrderOp) == set(ALL_ORDER_FIELDS) == set(_CHECKS)


def test_each_order_typeddict_has_the_fields_the_engine_checks():
    from typing import get_args, get_type_hints

    from game.engine.vocabulary import ORDER_TYPES, Order
    assert set(ORDER_TYPES) == set(OrderOp) and set(ORDER_TYPES.values()) == set(get_args(Order))
    for op, shape in ORDER_TYPES.items():
        hints = get_type_hints(shape)
        assert get_args(hints["op"]) == (op.value,)
        assert tuple(hints)[1:] == ALL_ORDER_FIELDS[op], op


def test_pact_kinds_are_the_terms_kinds():
    assert set(PactKind) == set(PACT_KINDS)


def test_every_event_the_engine_emits_is_a_report_event():
    emitted = set()
    for path in (ROOT / "game" / "engine").glob("*.py"):
        emitted |= set(re.findall(r"\bemit\(\s*\"([a-z_]+)\"", path.read_text(encoding="utf-8")))
    assert emitted and emitted <= set(ReportEvent), sorted(emitted - set(ReportEvent))


def test_every_report_event_is_documented():
    doc = (ROOT / "docs" / "ENGINE.md").read_text(encoding="utf-8")
    section = doc[doc.index("## Report events"):]
    missing = [e.value for e in ReportEvent if f"`{e.value}`" not in section]
    assert not missing


def test_members_serialise_as_their_strings():
    doc = {"kind": PactKind.NON_AGGRESSION, "op": OrderOp.DECLARE_WAR}
    assert json.dumps(doc) == json.dumps({"kind": "non_aggression", "op": "declare_war"})
    assert canonical_dumps(doc) == canonical_dumps({"kind": "non_aggression",
                                                    "op": "declare_war"})
