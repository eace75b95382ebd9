"""The projector's show: one turn's war outcomes replayed on its own, held, then played again.

``ReplayShow`` keeps the replay time the projector draws at. It runs by itself (nobody sits
at the projector), pauses on Space, steps row by row on the arrow keys, and after the last
step holds the new map for a while before looping (or holds for good with ``loop=False``).

The rows are what the report column lists in large type: one per replay step, except that a
turn's many moves make a single row ("Armies march: 12 moves."), as on the map's caption
(they start together anyway).

Pure Python (the replay's steps only), so the tests drive it without a window.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.render.replay import TurnReplay

HOLD_SECONDS = 10.0     # the new map stays this long after the last step before a loop
STEP_BACK_SLOP = 0.25   # Left this soon after a row began goes to the row before it


@dataclass(frozen=True)
class Row:
    """One line of the report column and the replay time it begins at."""

    start: float
    text: str
    phase: str


def rows_of(replay: TurnReplay) -> list[Row]:
    """The report column's rows, in replay order (see the module docstring)."""
    moves = [s for s in replay.steps if s.event.get("type") == "moved"]
    rows: list[Row] = []
    for step in replay.steps:
        if step.event.get("type") != "moved":
            rows.append(Row(step.start, step.text, step.phase))
        elif step is moves[0]:
            text = f"Armies march: {len(moves)} moves." if len(moves) > 1 else step.text
            rows.append(Row(step.start, text, "moves"))
    return rows


class ReplayShow:
    """The replay clock of the projector (see the module docstring)."""

    def __init__(self, hold: float = HOLD_SECONDS, loop: bool = True) -> None:
        self.hold = hold
        self.loop = loop
        self.replay: TurnReplay | None = None
        self.rows: list[Row] = []
        self.turn: int | None = None
        self.label = ""
        self.t = 0.0
        self.paused = False
        self.loops = 0          # how many times the replay started again by itself

    def start(self, replay: TurnReplay, turn: int, label: str) -> None:
        """Play ``replay`` from the beginning (a new turn's result)."""
        self.replay, self.turn, self.label = replay, turn, label
        self.rows = rows_of(replay)
        self.t, self.paused, self.loops = 0.0, False, 0

    def swap(self, replay: TurnReplay) -> None:
        """The same turn on a changed map (an umpire's edit after it): keep the time."""
        self.replay = replay
        self.rows = rows_of(replay)

    @property
    def duration(self) -> float:
        return self.replay.duration if self.replay is not None else 0.0

    @property
    def finished(self) -> bool:
        return self.replay is None or self.t >= self.duration

    def update(self, dt: float) -> None:
        if self.replay is None or self.paused:
            return
        self.t += dt
        if self.loop and self.t >= self.duration + self.hold:
            self.t = 0.0
            self.loops += 1

    def replay_t(self) -> float:
        """The time to draw the replay at (the end, while holding)."""
        return min(self.t, self.duration)

    def hold_left(self) -> float | None:
        """Seconds until the replay starts again, while holding before a loop."""
        if self.replay is None or not self.loop or self.t < self.duration:
            return None
        return max(0.0, self.duration + self.hold - self.t)

    def current(self) -> int | None:
        """The index of the row being told (None before the first)."""
        begun = [i for i, row in enumerate(self.rows) if row.start <= self.t]
        return begun[-1] if begun else None

    def toggle_pause(self) -> None:
        self.paused = not self.paused

    def step(self, direction: int) -> None:
        """Go to the next row (1) or back one (-1), and stay there: the room is talking."""
        if self.replay is None:
            return
        self.paused = True
        if direction > 0:
            later = [r.start for r in self.rows if r.start > self.t + 1e-6]
            self.t = later[0] if later else self.duration
        else:
            earlier = [r.start for r in self.rows if r.start < self.t - STEP_BACK_SLOP]
            self.t = earlier[-1] if earlier else 0.0
