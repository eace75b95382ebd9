"""A finished (or running) match, rebuilt from its event log alone, turn by turn.

``rebuild(log)`` folds the log through ``Match.replay`` and cuts it into ``TurnRecord``s:
the state before and after each adjudicated turn, its report, and the log events of its
planning phase. Every other module of the debrief reads a ``MatchRecord`` and nothing else.

The debrief sees everything (it is the umpire's after-action view): run it on a running
match only as the umpire.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from typing import Any

from game.words.narrate import Names
from game.engine import Scenario, State
from game.match import Match
from game.match.match import FOLD

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
    """The real Match fold, stepping over event types it does not know instead of
    refusing the log.

    Every event this version writes (workshop mode's included) is folded by ``Match``
    itself; only a log written by a newer version can hold a type without a fold, and such
    events are listed in ``unfolded`` while the turns are folded as usual.
    """

    def __init__(self, journal: Any = None) -> None:
        super().__init__(journal)
        self.unfolded: list[Event] = []

    def _apply(self, event: Event) -> list[Any]:
        if event["type"] not in FOLD:
            self.unfolded.append(event)
            return []
        return super()._apply(event)


@dataclass(frozen=True)
class ReviewRecord:
    """A turn's result held for the umpire's review before release.

    ``held`` is the report as first adjudicated (before any amendment); ``amendments`` are
    the ``order_amended`` events, each with its rationale (umpire's eyes only during play);
    ``feedback`` maps powers to the words released with the result (empty while held)."""

    reason: str
    held: dict[str, Any]
    amendments: tuple[Event, ...]
    feedback: dict[str, str]
    released: bool


@dataclass(frozen=True)
class TurnRecord:
    """One adjudicated turn.

    ``before`` is the state its orders were given against: the start of the turn after any
    injects and world edits made while it was planned (``start`` is the turn's start as
    adjudicated, before them). ``events`` run from the turn's start to the event that made
    its result the match's (``adjudicated``, or ``result_released`` after a review)."""

    number: int
    label: str
    before: State
    after: State
    report: dict[str, Any]
    events: tuple[Event, ...]
    reason: str                    # why it was adjudicated: all_ready, deadline, umpire
    started_at: float              # when its planning began
    start: State | None = None     # the turn's start as adjudicated (None: same as before)
    review: ReviewRecord | None = None

    @property
    def committed_seq(self) -> int:
        """The seq of the event that made this turn's result the match's."""
        return int(self.events[-1]["seq"])

    @property
    def edited(self) -> bool:
        """True when injects or world edits changed the state while the turn was planned."""
        return self.start is not None and self.start.hash() != self.before.hash()


@dataclass(frozen=True)
class RolledBack:
    """A stretch of history the umpire rolled back: the turns it replaced (as first
    played) and the planning under way when the rollback came. The debrief keeps it so
    the room can discuss what was undone (it is shown struck through)."""

    to_turn: int                   # the rollback went back to the start of this turn
    seq: int                       # the ``rolled_back`` event's
    at: float
    turns: tuple[TurnRecord, ...]  # the adjudicated turns it undid, oldest first
    unfinished: tuple[Event, ...]  # events of the planning it interrupted
    unfinished_turn: int           # the turn that planning was for


@dataclass(frozen=True)
class MatchRecord:
    """Everything a debrief needs, rebuilt from the log.

    ``turns`` is the history that stands (after any rollback); ``rolled_back`` the
    stretches a rollback replaced, in the order they were undone."""

    match_id: str
    name: str
    scenario: Scenario
    log: tuple[Event, ...]
    states: tuple[State, ...]          # states[k]: the start of turn states[0].turn + k
    turns: tuple[TurnRecord, ...]
    pending: tuple[Event, ...]         # log events after the last result
    turn_of: tuple[int, ...]           # the turn each log event belongs to
    unfolded: tuple[Event, ...]        # events of types this version does not fold
    names: Names
    seats: dict[str, dict[str, Any]]
    rolled_back: tuple[RolledBack, ...] = ()
    under_review: ReviewRecord | None = None      # a result still held at the log's end
    forked_from: dict[str, Any] | None = None     # match, turn, hash: when a fork
    members: dict[str, dict[str, Any]] = field(default_factory=dict)  # RED.2 -> power, …

    @property
    def powers(self) -> list[str]:
        return self.scenario.power_ids

    @property
    def final(self) -> State:
        return self.states[-1]

    @property
    def over(self) -> bool:
        return self.final.over

    @property
    def superseded(self) -> frozenset[int]:
        """The seqs of log events whose turn was rolled back."""
        return frozenset(int(e["seq"]) for r in self.rolled_back
                         for e in (*(x for t in r.turns for x in t.events), *r.unfinished))

    def power_name(self, pid: str | None) -> str:
        return self.names.power(pid)


def rebuild(log: list[Event], where: str = "the log") -> MatchRecord:
    """The match the log describes; a log that cannot be folded (a corrupt or hand-edited
    file) raises ``MatchSourceError`` naming the event where folding failed."""
    check_log(log, where)
    cutter = _Cutter()
    for i, event in enumerate(log):
        try:
            cutter.fold(event)
        except MatchSourceError:
            raise
        except Exception as err:  # a log event missing a field, naming an unknown seat…
            detail = f"{type(err).__name__}: {err}" if str(err) else type(err).__name__
            raise MatchSourceError(f"the event log of {where} cannot be replayed: event {i} "
                                   f"({event.get('type')}) is not valid ({detail})") from None
    return cutter.record()


class _Cutter:
    """Folds a log through the real Match, watching it to cut the log into turns."""

    def __init__(self) -> None:
        self.match = _LenientMatch(None)
        self.turns: list[TurnRecord] = []
        self.rolled: list[RolledBack] = []
        self.turn_of: list[int] = []
        self.current: list[Event] = []
        self.started = 0.0
        self.start: State | None = None       # the current turn's start, as adjudicated
        self.held: tuple[State, Event, dict[str, Any]] | None = None   # under review

    def fold(self, event: Event) -> None:
        m = self.match
        kind = event["type"]
        created = kind == "created"
        before = None if created else m.state
        if kind == "rolled_back":
            self._roll_back(event)
        if not created:
            self.turn_of.append(m.turn)
        reports = len(m.reports)
        m._apply(event)
        m.log.append(event)
        if created:
            self.turn_of.append(m.turn)
        if created or kind == "rolled_back":
            self.started, self.start = float(event["at"]), m.state
        self.current.append(event)
        if kind == "adjudicated" and m.pending is not None:
            self.held = (before, event, m.pending.report)
        if len(m.reports) > reports:
            self._commit(event, before)

    def _commit(self, event: Event, before: State) -> None:
        m = self.match
        review = None
        reason = str(event.get("reason", ""))
        if self.held is not None:
            before, adjudicated, held = self.held
            reason = str(adjudicated.get("reason", ""))
            amendments = tuple(e for e in self.current if e["type"] == "order_amended")
            review = ReviewRecord(reason, held, amendments,
                                  dict(event.get("feedback") or {}), True)
            self.held = None
        start = self.start if self.start is not None and self.start is not before else None
        self.turns.append(TurnRecord(before.turn, before.label, before, m.state,
                                     m.reports[-1], tuple(self.current), reason,
                                     self.started, start, review))
        self.current = []
        self.started, self.start = float(event["at"]), m.state

    def _roll_back(self, event: Event) -> None:
        to_turn = event["turn"]
        undone = tuple(t for t in self.turns if t.number >= to_turn)
        self.rolled.append(RolledBack(to_turn, int(event["seq"]), float(event["at"]),
                                      undone, tuple(self.current), self.match.turn))
        self.turns = [t for t in self.turns if t.number < to_turn]
        self.current = []
        self.held = None

    def record(self) -> MatchRecord:
        m = self.match
        views = [s.shared_json() for s in m.states]
        names = Names.from_scenario(m.scenario, *views)
        names = replace(names, proposals={e["proposal"]: e.get("terms") or {} for e in m.log
                                          if e["type"] == "proposed" and "proposal" in e})
        seats = {p: {"kind": s.kind, "name": s.name, "personality": s.personality,
                     "role": s.role} for p, s in m.seats.items()}
        # Every member who ever joined, released ones included: the log names them.
        members = {e["member"]: {"power": e["seat"], "name": e.get("name", ""),
                                 "role": e.get("role", "")}
                   for e in m.log if e["type"] == "member_joined"}
        under = None
        if m.pending is not None and self.held is not None:
            under = ReviewRecord(m.pending.reason, self.held[2],
                                 tuple(e for e in self.current if e["type"] == "order_amended"),
                                 {}, False)
        return MatchRecord(m.match_id, m.name, m.scenario, tuple(m.log), tuple(m.states),
                           tuple(self.turns), tuple(self.current), tuple(self.turn_of),
                           tuple(m.unfolded), names, seats, tuple(self.rolled), under,
                           m.forked_from, members)
