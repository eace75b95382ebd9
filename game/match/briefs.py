"""The scenario's briefings in a match, mixed into ``Match``: who may read which brief, and
the umpire reissuing one during play.

The public situation brief is for everyone; a power's brief is for its team alone (and for
the seats that see everything: the umpire, analysts, observers given full access). A brief
never reaches any other seat: not in a snapshot, not in a push.
"""

from __future__ import annotations

from typing import Any

from game.maps.briefs import MAX_BRIEF_LENGTH, PUBLIC, briefs_of

from .errors import MatchError
from .outcome import Outcome, Push
from .roles import view_seat
from .seats import UMPIRE


class BriefCommands:
    """Reading and reissuing briefs (see the module docstring)."""

    briefs: dict[str, str]

    def _init_briefs(self, event: dict[str, Any]) -> None:
        """The briefs a ``created`` event starts with: a fork's own (as reissued in its
        parent), else the scenario's."""
        carried = event.get("briefs")
        self.briefs = (dict(carried) if isinstance(carried, dict)
                       else briefs_of(event["scenario"]["scenario"]))

    def briefs_for(self, seat: str) -> dict[str, str]:
        """The briefs ``seat`` may read (brief id -> Markdown)."""
        if view_seat(seat, self.observers_see_all) == UMPIRE:
            return dict(self.briefs)
        power = self.power_of(seat)
        return {k: t for k, t in self.briefs.items() if k == PUBLIC or k == power}

    def _brief_readers(self, brief: str) -> frozenset[str]:
        if brief == PUBLIC:
            return self._everyone()
        return frozenset({brief}) | self._insiders()

    def set_brief(self, seat: str, brief: Any, text: Any, now: float) -> Outcome:
        """The umpire reissues a brief (``public`` or a power's) with new text; its readers
        get it at once, and it is what later joiners read."""
        self._need_umpire(seat)
        if brief != PUBLIC and brief not in self.powers:
            raise MatchError("not_allowed", f"a brief is {PUBLIC!r} or a power of this "
                                            f"match ({', '.join(self.powers)}), not {brief!r}")
        if not isinstance(text, str) or not text.strip() or len(text) > MAX_BRIEF_LENGTH:
            raise MatchError("not_allowed", f"a brief is 1 to {MAX_BRIEF_LENGTH} characters "
                                            "of text")
        return Outcome({"brief": brief}, self._record(
            {"type": "brief_set", "brief": brief, "text": text}, now))

    def _on_brief_set(self, event: dict[str, Any]) -> list[Push]:
        self.briefs[event["brief"]] = event["text"]
        return [Push(self._brief_readers(event["brief"]),
                     {"type": "brief", "brief": event["brief"], "text": event["text"],
                      "turn": self.turn})]
