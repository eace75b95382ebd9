"""Pact partners share their planned orders: a part of ``Match``.

A power may share the orders it is planning with its allies (the powers sharing an active
defensive or offensive pact with it); under integrated command they are always shared.
A partner's screen counts them in its attack odds ("with Blueland's 8: 71%") and its
commitments meter. Nothing else leaves: the orders go to the partners the rule names, by
the same pushes as everything else, and a seat that stops sharing takes them back.

- ``share_orders``: ``{"type": "share_orders", "share": true}`` (a standing choice, kept
  from turn to turn); the event ``{"type": "sharing", "seat": POWER, "share": BOOL}``.
- pushes: ``{"type": "shared_orders", "power": P, "orders": [...] | null}`` to each
  partner (null: no longer shared), and ``{"type": "sharing", "power": P, "share": BOOL}``
  to P's own team; the snapshot carries ``shared`` (by power) and ``sharing``.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from .outcome import Outcome, Push

if TYPE_CHECKING:
    from .core import MatchCore, Record
    from .visibility import Visibility


class OrderSharing:
    """The command, its fold and the audience rule (see the module docstring); it owns
    which powers share their planned orders (a standing choice, kept from turn to turn)."""

    def __init__(self, core: MatchCore, visibility: Visibility, record: Record) -> None:
        self.core = core
        self.visibility = visibility
        self.record = record
        self.sharing: set[str] = set()       # powers sharing planned orders with allies

    def share_orders(self, seat: str, share: bool, now: float) -> Outcome:
        power = self.core.need_power_planning(seat)
        event = self.core.acting(seat, {"type": "sharing", "seat": power,
                                        "share": bool(share)})
        return Outcome({"share": bool(share)}, self.record(event, now))

    def _on_sharing(self, event: dict[str, Any]) -> list[Push]:
        power, share = event["seat"], bool(event["share"])
        (self.sharing.add if share else self.sharing.discard)(power)
        pushes = [Push(frozenset({power}), {"type": "sharing", "power": power,
                                            "share": share})]
        return pushes + self.shared_pushes(power, withdraw=True)

    def allies_of(self, power: str) -> tuple[set[str], set[str]]:
        """``power``'s allies now, and those of them under integrated command with it."""
        allies: set[str] = set()
        integrated: set[str] = set()
        for pact in self.core.state.pacts:
            if pact.active and pact.is_alliance and power in pact.members:
                others = {m for m in pact.members if m != power}
                allies |= others
                if pact.integrated_command:
                    integrated |= others
        return allies, integrated

    def shares_with(self, power: str, partner: str) -> bool:
        """Whether ``partner`` may see ``power``'s planned orders."""
        allies, integrated = self.allies_of(power)
        return partner in integrated or (power in self.sharing and partner in allies)

    def _planned(self, power: str) -> list[dict[str, Any]]:
        """``power``'s planned orders as its partners see them (they are players: they know
        pacts by their aliases, visibility.PactAliases)."""
        core = self.core
        return core.aliases.orders(copy.deepcopy(core.drafts.get(power,
                                                                 core.orders.get(power, []))))

    def shared_pushes(self, power: str, *, withdraw: bool = False) -> list[Push]:
        """``power``'s planned orders to each partner who may see them (and, with
        ``withdraw``, the news that they no longer may to the other allies)."""
        allies, _ = self.allies_of(power)
        seeing = frozenset(q for q in allies if self.shares_with(power, q))
        pushes = []
        if seeing:
            # Copied only when someone is told (a power without allies is the common case).
            orders = self._planned(power)
            pushes.append(Push(seeing, {"type": "shared_orders", "power": power,
                                        "orders": orders}))
        if withdraw and allies - seeing:
            pushes.append(Push(frozenset(allies - seeing),
                               {"type": "shared_orders", "power": power, "orders": None}))
        return pushes

    def shared_for(self, power: str | None) -> dict[str, list[dict[str, Any]]]:
        """The partners' planned orders ``power`` may see (its snapshot's ``shared``)."""
        if power is None:
            return {}
        return {p: self._planned(p)
                for p in sorted(set(self.core.drafts) | set(self.core.orders))
                if p != power and self.shares_with(p, power)}
