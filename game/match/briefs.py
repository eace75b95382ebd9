"""The scenario's briefings in a match, a part of ``Match``: who may read which brief, and
the umpire reissuing one during play.

The public situation brief is for everyone; a power's brief is for its team alone (and for
the seats that see everything: the umpire, analysts, observers given full access). A brief
never reaches any other seat: not in a snapshot, not in a push.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from game.maps.briefs import MAX_BRIEF_LENGTH, PUBLIC, briefs_of

from .errors import MatchError
from .outcome import Outcome, Push
from .roles import view_seat
from .seats import UMPIRE

if TYPE_CHECKING:
    from .core import MatchCore, Record
    from .visibility import Visibility


class Briefings:
    """Reading and reissuing briefs (see the module docstring); it owns the briefs as they
    now read (brief id -> Markdown)."""

    def __init__(self, core: MatchCore, visibility: Visibility, record: Record) -> None:
        self.core = core
        self.visibility = visibility
        self.record = record
        self.briefs: dict[str, str] = {}

    def init_briefs(self, event: dict[str, Any]) -> None:
        """The briefs a ``created`` event starts with: a fork's own (as reissued in its
        parent), else the scenario's."""
        carried = event.get("briefs")
        self.briefs = (dict(carried) if isinstance(carried, dict)
                       else briefs_of(event["scenario"]["scenario"]))

    def briefs_for(self, seat: str) -> dict[str, str]:
        """The briefs ``seat`` may read (brief id -> Markdown)."""
        if view_seat(seat, self.core.observers_see_all) == UMPIRE:
            return dict(self.briefs)
        power = self.core.power_of(seat)
        return {k: t for k, t in self.briefs.items() if k == PUBLIC or k == power}

    def _brief_readers(self, brief: str) -> frozenset[str]:
        if brief == PUBLIC:
            return self.visibility.everyone()
        return frozenset({brief}) | self.visibility.insiders()

    def set_brief(self, seat: str, brief: Any, text: Any, now: float) -> Outcome:
        """The umpire reissues a brief (``public`` or a power's) with new text; its readers
        get it at once, and it is what later joiners read."""
        self.core.need_umpire(seat)
        powers = self.core.powers
        if brief != PUBLIC and brief not in powers:
            raise MatchError("not_allowed", f"a brief is {PUBLIC!r} or a power of this "
                                            f"match ({', '.join(powers)}), not {brief!r}")
        if not isinstance(text, str) or not text.strip() or len(text) > MAX_BRIEF_LENGTH:
            raise MatchError("not_allowed", f"a brief is 1 to {MAX_BRIEF_LENGTH} characters "
                                            "of text")
        return Outcome({"brief": brief}, self.record(
            {"type": "brief_set", "brief": brief, "text": text}, now))

    def _on_brief_set(self, event: dict[str, Any]) -> list[Push]:
        self.briefs[event["brief"]] = event["text"]
        return [Push(self._brief_readers(event["brief"]),
                     {"type": "brief", "brief": event["brief"], "text": event["text"],
                      "turn": self.core.turn})]
