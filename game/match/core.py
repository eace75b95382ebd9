"""The data of one match, and the readings and checks every part of it shares.

A ``Match`` is this core plus parts that each own one job (visibility, team play, order
sharing, briefs, the umpire's commands). A part is handed the core, typed as ``MatchCore``,
and whatever else it calls (the match's ``record``, its visibility, its turn cycle) when the
match builds it: what a part may read and call is written in its constructor, where mypy
checks every use. The fields are changed only by the folds of the log's events
(docs/ARCHITECTURE.md, "A match is its event log", and "Inside a match").
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from game.engine import Scenario, State

from .channels import ORDERS, Channel
from .errors import MatchError
from .outcome import Push
from .phases import OVER, PLANNING, REVIEW
from .planning import ChatMessage, Proposal
from .review import Pending
from .roles import RoleToken
from .seats import BOT, HUMAN, UMPIRE, Seat, password_matches
from .teams import MAX_TEAM_SIZE, Member

if TYPE_CHECKING:
    from .visibility import PactAliases

MAX_NAME_LENGTH = 40

#: How a part changes the match: journal the event, fold it, log it; the pushes it causes.
Record = Callable[[dict[str, Any], float], list[Push]]


class MatchCore:
    """What a match holds (see the module docstring); ``Match`` builds it."""

    def __init__(self) -> None:
        self.log: list[dict[str, Any]] = []
        self.match_id = ""
        self.name = ""
        self.forked_from: dict[str, Any] | None = None
        self.scenario: Scenario
        self.state: State
        self.aliases: PactAliases
        self.seats: dict[str, Seat] = {}
        self.members: dict[str, Member] = {}        # team members other than the leads
        self.member_count: dict[str, int] = {}      # members a team ever had (ids never reused)
        self.team_size = MAX_TEAM_SIZE
        self.talks_deadline: float | None = None     # seconds of the negotiation stage
        self.role_tokens: list[RoleToken] = []
        self.observers_see_all = False
        self.deadline: float | None = None
        self.deadline_at: float | None = None
        self.paused = False
        self.remaining: float | None = None         # seconds left, while paused
        self.warning: float | None = None           # seconds before the deadline to warn
        self.warned = False
        self.password_salt = ""
        self.password_hash = ""
        self.umpire_hash = ""
        self.channels: dict[str, Channel] = {}
        self.opening_stage = ORDERS
        self.stage = ORDERS
        self.chat: list[ChatMessage] = []
        self.proposals: dict[str, Proposal] = {}
        self.proposal_count = 0
        self.drafts: dict[str, list[dict[str, Any]]] = {}
        self.orders: dict[str, list[dict[str, Any]]] = {}
        self.ready: dict[str, bool] = {}
        self.review = False
        self.pending: Pending | None = None
        self.feedback: dict[str, str] = {}          # the umpire's words with the last result
        self.takeover: dict[str, str] | None = None  # power -> bot personality, when enabled
        self.last_action: dict[str, float] = {}     # seat or member id -> time of its last act
        self.active_at = 0.0     # when the lobby's summary last changed (LOBBY_EVENTS)
        self.injects: list[dict[str, Any]] = []     # as told, for later snapshots
        self.intents: list[dict[str, Any]] = []
        self.insights: list[dict[str, Any]] = []
        # Turn n's report is reports[n - first_turn - 1]; states[n - first_turn] is the
        # state at the start of turn n, as adjudicated (before that turn's injects and
        # edits). A fork's first turn is the turn it was forked at.
        self.first_turn = 1
        self.states: list[State] = []
        self.reports: list[dict[str, Any]] = []

    # --- reading -------------------------------------------------------------------------

    @property
    def turn(self) -> int:
        return self.state.turn

    @property
    def phase(self) -> str:
        """``planning``, ``review`` (a result awaits the umpire's release) or ``over``."""
        if self.state.over:
            return OVER
        return REVIEW if self.pending is not None else PLANNING

    @property
    def powers(self) -> list[str]:
        return self.scenario.power_ids

    def state_at(self, turn: int) -> State:
        """The state at the start of ``turn``, as adjudicated (IndexError if never played)."""
        if not self.first_turn <= turn <= self.first_turn + len(self.states) - 1:
            raise IndexError(turn)
        return self.states[turn - self.first_turn]

    def power_of(self, seat: str) -> str | None:
        """The power a seat plays for (a lead or a team member), or None."""
        if not isinstance(seat, str):
            return None
        if seat in self.seats:
            return seat
        member = self.members.get(seat)
        return member.power if member is not None else None

    def awaited(self) -> list[str]:
        """The powers whose ready flags end the planning phase: human seats, and bot seats a
        bot has joined, of powers still in the game."""
        return [p for p, seat in self.seats.items()
                if not self.state.power(p).eliminated
                and (seat.kind == HUMAN or (seat.kind == BOT and seat.occupied))]

    def seat_public(self, power: str) -> dict[str, Any]:
        """What everyone may know of a power's seat and team (never a token)."""
        return {**self.seats[power].public(),
                "members": [m.public() for m in self.members.values() if m.power == power]}

    def clock(self) -> dict[str, Any]:
        """The turn's clock as everyone sees it (the ``clock`` push)."""
        return {"type": "clock", "turn": self.turn, "deadline_at": self.deadline_at,
                "paused": self.paused, "remaining": self.remaining, "warning": self.warning,
                "stage": self.stage}

    # --- checks shared by commands --------------------------------------------------------

    def check_password(self, password: Any) -> None:
        """Raise unless the password opens this match (always, when it has none)."""
        if self.password_hash and not password_matches(password, self.password_salt,
                                                       self.password_hash):
            raise MatchError("bad_password", "the match password is wrong")

    @staticmethod
    def check_name(name: Any, role: Any) -> None:
        for what, value in (("player name", name), ("role name", role)):
            if not isinstance(value, str) or len(value) > MAX_NAME_LENGTH:
                raise MatchError("not_allowed", f"a {what} is at most {MAX_NAME_LENGTH} "
                                                "characters")

    def need_phase(self, phase: str) -> None:
        if self.phase == phase:
            return
        if self.phase == OVER:
            raise MatchError("not_planning", "the match is over")
        if self.phase == REVIEW:
            raise MatchError("not_planning", "the turn's result is under the umpire's review")
        raise MatchError("not_planning", "there is no result under review")

    def need_power_planning(self, seat: str) -> str:
        """The power ``seat`` plays for, if it may act in this planning phase."""
        power = self.power_of(seat)
        if power is None:
            raise MatchError("not_allowed", "only a power's seat can do that")
        self.need_phase(PLANNING)
        if self.state.power(power).eliminated:
            raise MatchError("not_allowed", f"{power} has been eliminated")
        return power

    def need_lead(self, seat: str) -> str:
        power = self.need_power_planning(seat)
        if seat != power:
            raise MatchError("not_allowed", f"only the lead of {power}'s team can do that")
        return power

    @staticmethod
    def need_umpire(seat: str) -> None:
        if seat != UMPIRE:
            raise MatchError("not_allowed", "only the umpire can do that")

    def turn_played(self, turn: Any) -> State:
        """The state at the start of ``turn``, or a MatchError when it is no turn of this
        match (for the umpire's rollback and fork)."""
        try:
            if isinstance(turn, bool) or not isinstance(turn, int):
                raise IndexError(turn)
            return self.state_at(turn)
        except IndexError:
            raise MatchError("bad_turn", f"turn is a turn of this match, from "
                                         f"{self.first_turn} to {self.turn}, not "
                                         f"{turn!r}") from None

    def acting(self, seat: str, event: dict[str, Any]) -> dict[str, Any]:
        """The event of a power's command, naming the power and, when it is not the lead,
        the team member who gave it."""
        power = self.power_of(seat)
        event = {"type": event["type"], "seat": power,
                 **{k: v for k, v in event.items() if k not in ("type", "seat")}}
        if seat != power:
            event["member"] = seat
        return event
