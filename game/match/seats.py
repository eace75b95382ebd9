"""Seats: who plays each power, and the secret tokens that open them.

Only hashes of tokens are kept (in the match and so in its log and its storage): whoever
reads a saved match learns nothing that lets them act for a seat.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

HUMAN = "human"
BOT = "bot"
EMPTY = "empty"
SEAT_KINDS: tuple[str, ...] = (HUMAN, BOT, EMPTY)

SPECTATOR = "spectator"
UMPIRE = "umpire"


def new_token() -> str:
    """A fresh secret seat token (128 bits, URL-safe). Never one starting with "-": people
    paste tokens on command lines (``casus join ... --token T``), where a leading dash
    reads as an option."""
    while (token := secrets.token_urlsafe(16)).startswith("-"):
        pass
    return token


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def token_matches(token: str, digest: str | None) -> bool:
    """Constant-time comparison, so the time taken leaks nothing about the digest."""
    return digest is not None and hmac.compare_digest(token_hash(token), digest)


def password_hash(password: str, salt: str) -> str:
    return hashlib.sha256(f"{salt}:{password}".encode("utf-8")).hexdigest()


def password_matches(password: object, salt: str, digest: str) -> bool:
    return isinstance(password, str) and hmac.compare_digest(password_hash(password, salt),
                                                             digest)


@dataclass
class Seat:
    """One power's seat. ``kind`` says who is expected to play it; ``token_hash`` is set once
    somebody has joined it."""

    power: str
    kind: str = HUMAN
    token_hash: str | None = None
    name: str = ""
    personality: str = ""   # a bot seat's personality (game/bots); "" for the default
    role: str = ""          # the lead's role name in the team (head of government, ...)

    @property
    def occupied(self) -> bool:
        return self.token_hash is not None

    def public(self) -> dict[str, object]:
        """What everyone may know about the seat (never the token)."""
        return {"power": self.power, "kind": self.kind, "occupied": self.occupied,
                "name": self.name, "personality": self.personality, "role": self.role}
