"""Review before release: an adjudicated turn held for the umpire.

When a match reviews its turns, adjudication makes a ``Pending`` result instead of moving
the match on. The umpire sees every order and the full report, may skip or edit orders
(each amendment re-runs the engine on the amended orders, with a rationale only umpires
see), and then releases the result, with optional feedback to each power. Players learn
nothing of a result until it is released.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from game.engine import State

MAX_FEEDBACK_LENGTH = 2000
MAX_RATIONALE_LENGTH = 2000


@dataclass
class Pending:
    """A result waiting for release: why the turn was adjudicated, the engine's result on
    the orders as they now stand, and the umpire's amendments so far."""

    reason: str
    result: tuple[State, dict[str, Any]]
    amendments: list[dict[str, Any]] = field(default_factory=list)
    since: float = 0.0          # when the result was held for review (public)

    @property
    def state(self) -> State:
        return self.result[0]

    @property
    def report(self) -> dict[str, Any]:
        return self.result[1]
