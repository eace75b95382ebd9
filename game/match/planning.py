"""The planning phase's pieces: chat channels and messages, and pact proposals."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .channels import PRESS_AUTHOR, PUBLIC

# Proposal statuses. An open proposal becomes signed when its last member accepts; declined
# or withdrawn ones are closed for good; open ones lapse when the turn is adjudicated.
OPEN = "open"
SIGNED = "signed"
DECLINED = "declined"
WITHDRAWN = "withdrawn"


def channel_key(channel: Any, power_order: list[str]) -> tuple[str, ...] | None:
    """The canonical key of a channel: ``("public",)`` or its members in scenario order.

    Returns None for something that is not a channel of this match (unknown powers, fewer
    than two members, a power named twice).
    """
    if channel == PUBLIC:
        return (PUBLIC,)
    if not isinstance(channel, list) or not all(isinstance(p, str) for p in channel):
        return None
    members = set(channel)
    if len(members) != len(channel) or len(members) < 2 or not members <= set(power_order):
        return None
    return tuple(p for p in power_order if p in members)


def channel_wire(key: tuple[str, ...]) -> str | list[str]:
    """A channel key as the wire writes it: a named channel (``public``, ``team:RED``, an
    umpire's channel id) as its name, a private channel as its list of powers."""
    return key[0] if len(key) == 1 else list(key)


@dataclass(frozen=True)
class ChatMessage:
    """One message said. ``sender`` is the power (or ``umpire``) it speaks for, ``member``
    the team member who wrote it when that is not the lead; ``hidden`` messages (press)
    show their author to the umpire only."""

    channel: tuple[str, ...]
    sender: str
    text: str
    turn: int
    at: float
    member: str = ""
    hidden: bool = False

    def to_json(self, reveal: bool = True) -> dict[str, Any]:
        """The message as a seat sees it: with ``reveal`` False a hidden author is never
        written, not even the member."""
        doc: dict[str, Any] = {"channel": channel_wire(self.channel), "from": self.sender,
                               "text": self.text, "turn": self.turn, "at": self.at}
        if self.hidden:
            doc["press"] = True
            if not reveal:
                doc["from"] = PRESS_AUTHOR
                return doc
        if self.member:
            doc["member"] = self.member
        return doc


@dataclass
class Proposal:
    """A pact proposed during this turn's planning, with the terms as the proposer wrote
    them (the engine fills in defaults when it signs the pact)."""

    id: str
    proposer: str
    terms: dict[str, Any]
    members: list[str]
    turn: int
    accepted: list[str] = field(default_factory=list)
    status: str = OPEN

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "proposer": self.proposer, "terms": self.terms,
                "members": list(self.members), "turn": self.turn,
                "accepted": list(self.accepted), "status": self.status}
