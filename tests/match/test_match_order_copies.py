"""copy_orders: the draft's private copy of an order list, without copy.deepcopy's cost."""

from __future__ import annotations

import copy

from game.match.teams import copy_orders


def containers(value: object) -> list[object]:
    """Every map and list inside ``value``, itself included."""
    found: list[object] = []
    if isinstance(value, (dict, list)):
        found.append(value)
        for item in (value.values() if isinstance(value, dict) else value):
            found += containers(item)
    return found


def test_a_copy_equals_deepcopy_and_shares_no_map_or_list_with_the_original():
    orders = [{"op": "build", "territory": "T0", "n": 1},
              {"op": "move", "from": "T1", "to": "T2", "n": 3.5, "note": None,
               "terms": {"powers": ["A", "B"], "nested": [{"x": True}]}},
              "not an order", 7, ("a", "tuple")]
    copied = copy_orders(orders)
    assert copied == copy.deepcopy(orders)
    originals = {id(c) for c in containers(orders)}
    assert not originals & {id(c) for c in containers(copied)}
    copied[1]["terms"]["powers"].append("C")     # changing the copy leaves the original
    assert orders[1]["terms"]["powers"] == ["A", "B"]
