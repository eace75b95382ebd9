"""Pact terms from untrusted hands (proposals over the wire, scenario files) give problems,
never exceptions."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.engine import pact_problems

POWERS, TERRITORIES = ["RED", "BLU", "GRN"], ["ALB", "BOR"]

anything = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=4)
                        | st.sampled_from(POWERS + TERRITORIES),
                        lambda inner: st.lists(inner, max_size=3)
                        | st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=8)


@pytest.mark.parametrize("transfer, problem", [
    ({"territory": ["ALB"], "to": "RED"}, "transfer 1 names unknown territory ['ALB']"),
    ({"territory": "ALB", "to": ["RED"]}, "transfer 1 must go to a power on one of the sides"),
    ({"territory": "XXX", "to": "RED"}, "transfer 1 names unknown territory 'XXX'"),
])
def test_bad_peace_transfers_are_named(transfer, problem):
    terms = {"kind": "peace", "sides": [["RED"], ["BLU"]], "transfers": [transfer]}
    assert any(p.startswith(problem) for p in pact_problems(terms, POWERS, TERRITORIES))


def test_a_territory_transferred_twice_is_named_once():
    transfer = {"territory": "ALB", "to": "RED"}
    terms = {"kind": "peace", "sides": [["RED"], ["BLU"]], "transfers": [transfer, transfer]}
    assert pact_problems(terms, POWERS, TERRITORIES) == ["transfer 2 transfers ALB a second time"]


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(["kind", "members", "target", "burden_share", "pledges",
                                        "against", "notice", "duration", "secret", "name",
                                        "sides", "transfers", "truce", "integrated_command"]),
                       anything)
       .map(lambda d: {**d, "kind": d.get("kind") if d.get("kind") in
                       ("defensive", "offensive", "non_aggression", "peace") else "peace"}))
def test_any_terms_give_problems_not_exceptions(terms):
    problems = pact_problems(terms, POWERS, TERRITORIES)
    assert all(isinstance(p, str) for p in problems)
