"""What a command gives back: the reply for the caller and the pushes for the seats that
must hear of it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable


class Push:
    """A message for every connection whose seat is in ``seats``.

    A push may be given a function that makes its message instead of the message: it is
    made on first use, so a per-seat turn result for a seat nobody follows, or any push
    while a log is replayed, costs nothing.
    """

    __slots__ = ("seats", "_message", "_make")

    def __init__(self, seats: frozenset[str], message: dict[str, Any] | None = None, *,
                 make: Callable[[], dict[str, Any]] | None = None) -> None:
        if (message is None) == (make is None):
            raise ValueError("a push needs a message or a way to make one, not both")
        self.seats = seats
        self._message = message
        self._make = make

    @property
    def message(self) -> dict[str, Any]:
        if self._message is None:
            assert self._make is not None      # __init__ takes a message or a way to make one
            self._message = self._make()
            self._make = None
        return self._message

    def __repr__(self) -> str:
        return f"Push({sorted(self.seats)}, {self.message.get('type')!r})"


@dataclass
class Outcome:
    reply: dict[str, Any] = field(default_factory=dict)
    pushes: list[Push] = field(default_factory=list)
