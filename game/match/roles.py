"""Who follows a match and what each may see (RULES.md §7).

A connection's seat is one of:

- a power id (``RED``): the team lead of that power, or its only player;
- a team member id (``RED.2``, ``RED.3``…): another member of RED's team, who sees what RED
  sees and edits RED's drafts, but whose orders count only once the lead signs them off;
- ``spectator``: the public view, joined freely (with the match password, if any);
- ``observer``: read-only, joined with a role token the umpire made; the public view, or
  everything when the umpire allows it;
- ``analyst``: read-only, joined with a role token; everything the umpire sees except the
  umpire's own rationales and the pending result under review;
- ``umpire``: everything, and drives the match.
"""

from __future__ import annotations

from dataclasses import dataclass

from .seats import SPECTATOR, UMPIRE

OBSERVER = "observer"
ANALYST = "analyst"
ROLE_KINDS: tuple[str, ...] = (OBSERVER, ANALYST)
READ_ONLY: frozenset[str] = frozenset({SPECTATOR, OBSERVER, ANALYST})

MEMBER_SEPARATOR = "."


@dataclass(frozen=True)
class RoleToken:
    """A token the umpire made for an observer or an analyst (only its hash is kept).
    ``id`` (``T1``, ``T2``…) names it to the umpire, who may revoke it."""

    role: str
    token_hash: str
    label: str = ""
    id: str = ""
    revoked: bool = False

    def public(self) -> dict[str, object]:
        """What the umpire's console lists (never the token)."""
        return {"id": self.id, "role": self.role, "label": self.label,
                "revoked": self.revoked}


def member_id(power: str, number: int) -> str:
    """The seat id of a power's ``number``-th team member (the lead is number 1: ``power``)."""
    return power if number == 1 else f"{power}{MEMBER_SEPARATOR}{number}"


def power_of_member(seat: str) -> str:
    """The power a power or member seat id belongs to (``RED.2`` -> ``RED``)."""
    return seat.split(MEMBER_SEPARATOR, 1)[0]


def view_seat(seat: str, observers_see_all: bool) -> str:
    """The engine seat whose view ``seat`` gets: a power's for its team, the umpire's for
    analysts (and observers when allowed), the public one for everyone else."""
    if seat in (UMPIRE, ANALYST):
        return UMPIRE
    if seat == OBSERVER:
        return UMPIRE if observers_see_all else SPECTATOR
    if seat == SPECTATOR:
        return SPECTATOR
    return power_of_member(seat)
