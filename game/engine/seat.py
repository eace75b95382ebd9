"""One seat's view read in the rules' own words: who owns a place, who is allied, at war or
bound to whom, and the forces the seat sees.

A view (``view(state, seat)``) is plain JSON, so the client and the bots, which hold only
views, used to read "allied" out of its pact documents each in their own way. ``SeatView``
and the two functions below are the one reading; ``State.allies`` is the same rule on the
engine's own pacts (both take the kinds from ``ALLIANCE_KINDS``).
"""

from __future__ import annotations

from typing import Any, Iterable, Iterator, Mapping

from .vocabulary import PactKind

# Defensive and offensive pacts make their members allies (RULES.md §2).
ALLIANCE_KINDS: tuple[str, ...] = (PactKind.DEFENSIVE, PactKind.OFFENSIVE)
ACTIVE = "active"


def allies_in(pacts: Iterable[Mapping[str, Any]], power: str) -> Iterator[str]:
    """The powers sharing an active alliance with ``power``, in pact and member order (a
    power may come more than once); ``pacts`` are pact documents as a view lists them."""
    for pact in pacts:
        if pact.get("status") == ACTIVE and pact.get("kind") in ALLIANCE_KINDS:
            members = pact.get("members", ())
            if power in members:
                yield from (m for m in members if m != power)


def bound_in(pacts: Iterable[Mapping[str, Any]], power: str) -> Iterator[str]:
    """The powers ``power`` may not attack without a breach: partners in any active pact
    (allies and non-aggression partners; a peace binds as one while its truce lasts)."""
    for pact in pacts:
        if pact.get("status") == ACTIVE:
            members = pact.get("members", ())
            if power in members:
                yield from (m for m in members if m != power)


class SeatView:
    """A read-only reading of one seat's view. Nothing here sees more than the view holds:
    a hidden count is None, an unseen pact is not there."""

    __slots__ = ("_view",)

    def __init__(self, view: Mapping[str, Any]) -> None:
        self._view = view

    @property
    def seat(self) -> str | None:
        seat = self._view.get("seat")
        return None if seat is None else str(seat)

    def owner(self, territory: str) -> str | None:
        """The territory's owner (None: neutral or unknown territory)."""
        owner = self._view.get("territories", {}).get(territory, {}).get("owner")
        return None if owner is None else str(owner)

    def forces(self, territory: str, power: str) -> int | None:
        """The power's units there as the seat sees them; None when fog hides the count."""
        forces = self._view.get("territories", {}).get(territory, {}).get("forces")
        if forces is None:
            return None
        return int(forces.get(power, 0))

    def at_war(self, a: str, b: str) -> bool:
        return any(set(w.get("between", [])) == {a, b} for w in self._view.get("wars", []))

    def allies(self, power: str) -> set[str]:
        return set(allies_in(self._view.get("pacts", []), power))

    def allied(self, a: str, b: str) -> bool:
        """Whether two different powers share an active defensive or offensive pact."""
        return a != b and b in self.allies(a)

    def bound(self, a: str, b: str) -> bool:
        """Whether ``a`` may not attack ``b`` without breaking a pact."""
        return a != b and b in set(bound_in(self._view.get("pacts", []), a))
