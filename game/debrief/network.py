"""The alliance network per turn: map snapshots with pact links and wars, drawn by the game's
``MapRenderer`` (``game.render``, the one drawing of a map) on an off-screen pygame Surface
(SDL's dummy video driver, so no window and no display are needed).
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass, replace

from game.engine import State
from game.engine.view import UMPIRE, view

from .record import MatchRecord

SNAPSHOT_SIZE = (720, 405)
MAX_SNAPSHOTS = 24   # a long match shows this many turns, evenly spread, first and last kept


@dataclass(frozen=True)
class Snapshot:
    turn: int          # 0: the start; n: the end of turn n
    label: str         # the season of turn n ("Spring 1900"); the first season for 0
    png: bytes


def chosen_states(record: MatchRecord, limit: int = MAX_SNAPSHOTS
                  ) -> list[tuple[int, str, State]]:
    """(turn, season, state) for the start and the end of every turn, thinned evenly to
    ``limit``."""
    first = record.states[0]
    states = [(0, first.label, first)] + [(t.number, t.label, t.after) for t in record.turns]
    if limit < 2:
        return states[-1:]          # room for one: the latest
    if len(states) <= limit:
        return states
    picks = sorted({round(k * (len(states) - 1) / (limit - 1)) for k in range(limit)})
    return [states[k] for k in picks]


def _start_pygame() -> None:
    # A report is made without a screen: SDL's dummy driver unless the caller chose one.
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame

    if not pygame.get_init():
        pygame.init()
    if not pygame.font.get_init():
        pygame.font.init()


def snapshot_png(renderer: object, state: State, size: tuple[int, int]) -> bytes:
    """One state drawn with its links (the umpire's view: every pact, secret or not)."""
    import pygame

    surf = pygame.Surface(size)
    renderer.set_view(view(state, UMPIRE))         # type: ignore[attr-defined]
    renderer.fit()                                  # type: ignore[attr-defined]
    renderer.draw(surf, t=0.0)                      # type: ignore[attr-defined]
    out = io.BytesIO()
    pygame.image.save(surf, out, "snapshot.png")
    return out.getvalue()


def network_snapshots(record: MatchRecord, size: tuple[int, int] = SNAPSHOT_SIZE,
                      limit: int = MAX_SNAPSHOTS) -> list[Snapshot]:
    """The alliance network at the start and after each turn, as PNG images."""
    _start_pygame()
    from game.render import MapRenderer

    renderer = MapRenderer(record.scenario.map_doc, record.scenario.powers, viewport=size)
    renderer.zoom_settle = 0.0     # every snapshot is final: never a stretched stale layer
    # The legend is shown once beside the snapshots (legend_png), not over every map.
    renderer.toggles = replace(renderer.toggles, legend=False)
    return [Snapshot(turn, label, snapshot_png(renderer, state, size))
            for turn, label, state in chosen_states(record, limit)]


def legend_png() -> bytes:
    """The key to the links (pact kinds, wars, engaged and secret pacts), once."""
    _start_pygame()
    import pygame

    from game.render.links import LinkToggles, legend_surface

    legend = legend_surface(LinkToggles())
    out = io.BytesIO()
    pygame.image.save(legend, out, "legend.png")
    return out.getvalue()
