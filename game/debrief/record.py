"""A finished (or running) match, rebuilt from its event log alone, turn by turn.

``rebuild(log)`` folds the log through ``Match.replay`` and cuts it into ``TurnRecord``s:
the state before and after each adjudicated turn, its report, and the log events of its
planning phase. Every other module of the debrief reads a ``MatchRecord`` and nothing else.

The debrief sees everything (it is the umpire's after-action view): run it on a running
match only as the umpire.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from game.client.narrate import Names
from game.engine import Scenario, State
from game.match import Match

from .source import MatchSourceError, check_log

Event = dict[str, Any]


# Times in a log are seconds in any epoch the writer chose; the server and hot-seat use the
# Unix epoch. Times after this one (March 1973) are taken to be Unix times.
UNIX_TIME_FROM = 1e8


def wall_clock(at: float) -> str | None:
    """A log time as 'YYYY-MM-DD HH:MM:SS' UTC, or None if it is not a Unix time."""
    if not at >= UNIX_TIME_FROM:
        return None
    try:
        return datetime.fromtimestamp(at, timezone.utc).strftime("%Y-%m-%d %H:%M:%S")
    except (OverflowError, OSError, ValueError):
        return None


class _LenientMatch(Match):
    """A Match that steps over event types it does not know instead of refusing the log.

    Logs written by a newer version (workshop events, say) can still be debriefed: the
    events the rules never see are listed, and the turns are folded as usual.
    """

    def __init__(self, journal: Any = None) -> None:
        super().__init__(journal)
        self.unfolded: list[Event] = []

    def _apply(self, event: Event) -> list[Any]:
        if getattr(self, f"_on_{event['type']}", None) is None:
            self.unfolded.append(event)
            return []
        return super()._apply(event)


@dataclass(frozen=True)
class TurnRecord:
    """One adjudicated turn: ``before`` is the state its orders were given against."""

    number: int
    label: str
    before: State
    after: State
    report: dict[str, Any]
    events: tuple[Event, ...]      # log events from the turn's start to its adjudication
    reason: str                    # why it was adjudicated: all_ready, deadline, umpire
    started_at: float              # when its planning began (the previous adjudication)

    @property
    def ended_at(self) -> float:
        return float(self.events[-1]["at"])


@dataclass(frozen=True)
class MatchRecord:
    """Everything a debrief needs, rebuilt from the log."""

    match_id: str
    name: str
    scenario: Scenario
    log: tuple[Event, ...]
    states: tuple[State, ...]          # states[k]: the start of turn states[0].turn + k
    turns: tuple[TurnRecord, ...]
    pending: tuple[Event, ...]         # log events after the last adjudication
    turn_of: tuple[int, ...]           # the turn each log event belongs to
    unfolded: tuple[Event, ...]        # events of types this version does not fold
    names: Names
    seats: dict[str, dict[str, Any]]

    @property
    def powers(self) -> list[str]:
        return self.scenario.power_ids

    @property
    def final(self) -> State:
        return self.states[-1]

    @property
    def over(self) -> bool:
        return self.final.over

    def power_name(self, pid: str | None) -> str:
        return self.names.power(pid)


def rebuild(log: list[Event], where: str = "the log") -> MatchRecord:
    """The match the log describes; a log that cannot be folded (a corrupt or hand-edited
    file) raises ``MatchSourceError`` naming the event where folding failed."""
    check_log(log, where)
    match = _LenientMatch(None)
    for i, event in enumerate(log):
        try:
            match._apply(event)
        except MatchSourceError:
            raise
        except Exception as err:  # a log event missing a field, naming an unknown seat…
            detail = f"{type(err).__name__}: {err}" if str(err) else type(err).__name__
            raise MatchSourceError(f"the event log of {where} cannot be replayed: event {i} "
                                   f"({event.get('type')}) is not valid ({detail})") from None
        match.log.append(event)
    return _cut_into_turns(match, log)


def _cut_into_turns(match: _LenientMatch, log: list[Event]) -> MatchRecord:
    first = match.states[0].turn
    turns: list[TurnRecord] = []
    turn_of: list[int] = []
    current: list[Event] = []
    started = float(log[0]["at"]) if log else 0.0
    k = 0
    for event in log:
        turn_of.append(first + k)
        current.append(event)
        if event["type"] == "adjudicated":
            before, after = match.states[k], match.states[k + 1]
            turns.append(TurnRecord(before.turn, before.label, before, after, match.reports[k],
                                    tuple(current), str(event.get("reason", "")), started))
            current = []
            started = float(event["at"])
            k += 1
    views = [s.shared_json() for s in match.states]
    names = Names.from_scenario(match.scenario, *views)
    seats = {p: {"kind": s.kind, "name": s.name, "personality": s.personality}
             for p, s in match.seats.items()}
    return MatchRecord(match.match_id, match.name, match.scenario, tuple(log),
                       tuple(match.states), tuple(turns), tuple(current), tuple(turn_of),
                       tuple(match.unfolded), names, seats)
