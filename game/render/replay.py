"""``TurnReplay``: the war outcomes of one turn, animated on the map.

The report's events (RULES.md §8) become timed steps in the order the adjudicator resolved
them (§5): the diplomacy of steps 1–3 (breaches, invocations, wars declared, pacts
triggered, members called to war or entrapped), then move arrows, battles with before → after
counts and the winner, captures recolouring territories, retreats and destroyed stacks, the
burden-sharing audit (shortfalls), and the end of the turn. Within a phase, events that
happened at once overlap, so a 2,000-territory turn still plays in seconds.

    replay = TurnReplay(report, view_before, view_after, names)
    # each frame, with t seconds since the replay began:
    renderer.draw(screen, replay=replay, replay_t=t)
    caption = replay.caption(t)          # the sentence for the turn-report panel
    if t >= replay.duration: ...          # the renderer now shows view_after

Building the steps is pure; the drawing lives in ``replay_draw``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Mapping

from game.words.narrate import Names, headline, narrate
from .links import owners_of

if TYPE_CHECKING:
    import pygame

    from .renderer import MapRenderer

Event = Mapping[str, Any]
Point = tuple[float, float]

# phase: (event types, seconds per event, most stagger between events, phase budget)
PHASES: tuple[tuple[str, frozenset[str], float, float, float], ...] = (
    ("diplomacy", frozenset({"pact_signed", "pact_broken", "pact_withdrawn", "withdrawal_notice",
                             "pact_ended", "peace", "ceded", "pact_invoked", "war_declared",
                             "pact_triggered", "called_to_war"}), 1.4, 1.3, 9.0),
    ("moves", frozenset({"moved", "neutrality_violated"}), 1.4, 0.08, 2.0),
    ("battles", frozenset({"battle"}), 1.3, 0.7, 4.5),
    ("captures", frozenset({"captured"}), 0.8, 0.25, 1.6),
    ("retreats", frozenset({"retreated", "returned", "destroyed"}), 1.0, 0.3, 1.8),
    ("audit", frozenset({"shortfall"}), 1.6, 1.6, 6.0),
    ("end", frozenset({"collapse", "eliminated", "went_home", "disbanded", "victory"}),
     1.4, 1.0, 5.0),
)
PHASE_GAP = 0.3
HOLD = 1.0  # seconds the last frame stays before the replay counts as finished


@dataclass(frozen=True)
class ReplayStep:
    """One event's moment in the replay."""

    phase: str
    start: float
    duration: float
    event: dict[str, Any]
    text: str                  # the narration sentence
    headline: str | None       # short map callout, for the events that get one

    @property
    def end(self) -> float:
        return self.start + self.duration

    def progress(self, t: float) -> float:
        """0 before the step, 1 after it, linear in between."""
        if self.duration <= 0:
            return 1.0 if t >= self.start else 0.0
        return min(1.0, max(0.0, (t - self.start) / self.duration))


def _redundant(event: Event, events: list[dict[str, Any]]) -> bool:
    """A partner's war_declared repeats its called_to_war, which tells more (the ally)."""
    if event.get("type") != "war_declared" or event.get("cause") == "declaration":
        return False
    return any(e.get("type") == "called_to_war" and e.get("power") == event.get("power")
               and e.get("against") == event.get("target") for e in events)


def build_steps(events: list[dict[str, Any]], names: Names, speed: float = 1.0
                ) -> tuple[list[ReplayStep], dict[str, tuple[float, float]]]:
    """The timed steps of a report's events, and each phase's (start, end)."""
    steps: list[ReplayStep] = []
    spans: dict[str, tuple[float, float]] = {}
    clock = 0.0
    for phase, types, each, stagger_max, budget in PHASES:
        chosen = [e for e in events if e.get("type") in types and not _redundant(e, events)]
        if not chosen:
            continue
        n = len(chosen)
        stagger = stagger_max if n == 1 else min(stagger_max, max(0.0, (budget - each) / (n - 1)))
        for k, e in enumerate(chosen):
            steps.append(ReplayStep(phase, (clock + k * stagger) / speed, each / speed, dict(e),
                                    narrate(e, names), headline(e, names)))
        end = clock + each + stagger * (n - 1)
        spans[phase] = (clock / speed, end / speed)
        clock = end + PHASE_GAP
    return steps, spans


class TurnReplay:
    """A turn's report as an animation over the map, plus its narration."""

    def __init__(self, report: Mapping[str, Any], before: Mapping[str, Any],
                 after: Mapping[str, Any], names: Names | None = None,
                 speed: float = 1.0) -> None:
        self.report = report
        self.before = before
        self.after = after
        self.names = names or Names()
        self.steps, self.phases = build_steps(list(report.get("events", [])), self.names, speed)
        last = max((s.end for s in self.steps), default=0.0)
        self.duration = last + HOLD
        self._owners = owners_of(before)
        self._wars = self._new_wars()

    def _new_wars(self) -> list[tuple[str, str, float, float]]:
        """Every war begun this turn, with the moment its story is told: the declaration,
        the invocation or the call to war (whose war_declared event is not a step)."""
        out = []
        for e in self.report.get("events", []):
            if e.get("type") != "war_declared":
                continue
            a, b = e.get("power"), e.get("target")
            when = next((s for s in self.steps if s.event == e), None) or next(
                (s for s in self.steps if s.event.get("type") == "called_to_war"
                 and s.event.get("power") == a and s.event.get("against") == b), None)
            if when is not None:
                out.append((a, b, when.start, when.duration))
        return out

    # --- time ---------------------------------------------------------------------------

    def view_at(self, t: float) -> Mapping[str, Any]:
        """The view the map shows under the animation: before, until the replay is done."""
        return self.after if t >= self.duration else self.before

    def finished(self, t: float) -> bool:
        return t >= self.duration

    def active(self, t: float) -> list[ReplayStep]:
        return [s for s in self.steps if s.start <= t < s.end]

    def caption(self, t: float) -> str | None:
        """The sentence for the most recent step begun by t (moves are summed up)."""
        begun = [s for s in self.steps if s.start <= t]
        if not begun:
            return None
        last = begun[-1]
        if last.phase == "moves":
            moves = [s for s in self.steps if s.phase == "moves"]
            return f"Armies march: {len(moves)} move{'s' if len(moves) != 1 else ''}." \
                if len(moves) > 1 else moves[0].text
        return last.text

    def step_at(self, t: float) -> ReplayStep | None:
        begun = [s for s in self.steps if s.start <= t]
        return begun[-1] if begun else None

    def seek_event(self, index: int) -> float:
        """The replay time at which report event ``index`` begins (click an event: show it)."""
        event = self.report.get("events", [])[index]
        for s in self.steps:
            if s.event == event:
                return s.start
        return 0.0

    # --- drawing (replay_draw does the work) ----------------------------------------------

    def battle_point(self, r: "MapRenderer", event: Event) -> Point | None:
        """Where a battle's marker goes on screen (tests and click-to-show use it)."""
        from . import replay_draw
        return replay_draw.battle_point(self, r, event)

    def draw_under(self, surf: "pygame.Surface", r: "MapRenderer", t: float) -> None:
        """Captures and cessions recolour their territories as they happen (under links)."""
        from . import replay_draw
        replay_draw.draw_under(self, surf, r, t)

    def draw_over(self, surf: "pygame.Surface", r: "MapRenderer", t: float,
                  caption: bool = True) -> None:
        """Arrows, battle markers, retreats, wars and callouts at replay time t."""
        from . import replay_draw
        replay_draw.draw_over(self, surf, r, t, caption)

    def draw_caption(self, surf: "pygame.Surface", t: float,
                     avoid: "pygame.Rect | None" = None) -> "pygame.Rect | None":
        """The narration band at the bottom of the map, clear of ``avoid``."""
        from . import replay_draw
        return replay_draw.draw_caption(self, surf, t, avoid)
