"""Teams: several people sharing one power's seat.

The first person to take a power's seat is its **lead** (seat id = the power id). Others
join the team with ``join_team`` and get member ids ``RED.2``, ``RED.3``… Every member
sees what the power sees, talks on the team channel and edits the team's shared order
draft; the draft becomes the power's orders only when the lead signs it off. A player
alone is a team of one whose lead is that player, so their orders count at once.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

MAX_TEAM_SIZE = 12
MAX_ROLE_LENGTH = 40


@dataclass
class Member:
    """One team member other than the lead. ``token_hash`` is None once released."""

    id: str
    power: str
    role: str = ""
    name: str = ""
    token_hash: str | None = None

    def public(self) -> dict[str, Any]:
        """What everyone may know about the member (never the token)."""
        return {"id": self.id, "power": self.power, "role": self.role, "name": self.name}


# --- merging a team's shared draft, order by order ---------------------------------------------
# Several people edit one draft at once. Each sends the whole set it sees, with the revision
# it started from (``base``); the match merges it into the draft as it now is: orders the
# sender added, changed or removed are taken, orders others added meanwhile are kept, and an
# order both changed is left as the first changed it (the sender is told who).

OrderKey = tuple[Any, ...]

# The fields that name what an order of each kind acts on (see ``order_key``).
_KEY_FIELDS: dict[str, tuple[str, ...]] = {
    "move": ("from", "to"), "build": ("territory",), "transfer": ("to",),
    "declare_war": ("target",), "offer_peace": ("target",), "invoke": ("pact",),
    "withdraw": ("pact",), "break": ("pact",)}


def order_key(order: Any) -> tuple[Any, ...]:
    """What an order acts on, so two versions of it are recognised as the same order: a
    move by its route, a build by its territory, a gift by its receiver, a declaration or
    offer by its target, a pact order by its pact (the amounts are what one edits)."""
    if not isinstance(order, dict):
        return ("?", repr(order))
    op = order.get("op")
    field = _KEY_FIELDS.get(str(op))
    if field is None:
        return (op, repr(sorted(order.items(), key=str)))
    return (op, *(repr(order.get(f)) for f in field))


def copy_orders(orders: Any) -> Any:
    """A private copy of an order list as it came in (MessagePack or JSON: maps, lists and
    scalars): what ``copy.deepcopy`` gives for such data, at a fraction of its cost, since
    every order a seat sends is copied into its draft and the draft's history."""
    if isinstance(orders, list):
        return [copy_orders(item) for item in orders]
    if isinstance(orders, dict):
        return {key: copy_orders(value) for key, value in orders.items()}
    if orders is None or isinstance(orders, (str, int, float)):
        return orders   # bool is an int
    return copy.deepcopy(orders)


def keyed(orders: list[Any]) -> dict[OrderKey, Any]:
    """Orders by key, a repeated key numbered by its occurrence (two moves on one route)."""
    out: dict[OrderKey, Any] = {}
    seen: dict[tuple[Any, ...], int] = {}
    for order in orders:
        key = order_key(order)
        seen[key] = seen.get(key, 0) + 1
        out[(*key, seen[key])] = order
    return out


def merge_drafts(base: list[Any], mine: list[Any], theirs: list[Any]
                 ) -> tuple[list[Any], list[OrderKey]]:
    """The three-way merge of a team draft: ``mine`` edited from ``base`` while the draft
    became ``theirs``. Returns the merged orders (theirs' order, then what mine added) and
    the keys of the orders mine changed that someone else had changed first (kept as
    theirs)."""
    b, m, t = keyed(base), keyed(mine), keyed(theirs)
    merged = dict(t)
    conflicts: list[OrderKey] = []
    for key in list(m) + [k for k in b if k not in m]:
        before, after, now = b.get(key), m.get(key), t.get(key)
        if after == before:
            continue                        # the sender left this order alone
        if now == before or now == after:   # nobody else touched it (or made the same edit)
            if after is None:
                merged.pop(key, None)
            else:
                merged[key] = after
        else:
            conflicts.append(key)
    return list(merged.values()), conflicts
