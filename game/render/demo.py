"""A window with the map renderer and nothing else: how a game screen drives it.

    .venv/bin/python -m game.render.demo [MAP.map.json]

Mouse wheel zooms at the pointer, dragging pans, clicking selects, hovering shows the
tooltip. Keys: R replays the sample turn, 1–5 toggle link kinds (defensive, offensive,
non-aggression, peace, wars), L the legend, N names, B badges, T terrain, F fits the map,
Esc quits. With no map given it shows the sample map and its sample turn.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from typing import Any

import pygame

from game.words.narrate import Names
from .frames import run_frames
from .renderer import MapRenderer
from .replay import TurnReplay
from .sample import sample_powers, sample_turn

TOGGLE_KEYS = {pygame.K_1: "defensive", pygame.K_2: "offensive", pygame.K_3: "non_aggression",
               pygame.K_4: "peace", pygame.K_5: "wars", pygame.K_l: "legend"}
OPTION_KEYS = {pygame.K_n: "names", pygame.K_b: "badges", pygame.K_t: "terrain"}


@dataclass
class MapScreen:
    """The input handling a game screen wraps around a ``MapRenderer``."""

    renderer: MapRenderer
    replay: TurnReplay | None = None
    replay_started: float | None = None
    dragging: bool = False
    drag_moved: float = 0.0
    clock: float = 0.0
    after_view: dict[str, Any] | None = field(default=None, repr=False)

    def handle(self, event: pygame.event.Event) -> bool:
        """Apply one event; False when the window should close."""
        r = self.renderer
        if event.type == pygame.QUIT or (event.type == pygame.KEYDOWN
                                         and event.key == pygame.K_ESCAPE):
            return False
        if event.type == pygame.MOUSEWHEEL:
            r.camera.zoom_at(pygame.mouse.get_pos(), 1.15 ** event.y)
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            self.dragging, self.drag_moved = True, 0.0
        elif event.type == pygame.MOUSEMOTION and self.dragging:
            r.camera.pan(*event.rel)
            self.drag_moved += abs(event.rel[0]) + abs(event.rel[1])
        elif event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            if self.drag_moved < 4:  # a click, not a drag
                r.selected = r.territory_at(event.pos)
            self.dragging = False
        elif event.type == pygame.KEYDOWN:
            if event.key in TOGGLE_KEYS:
                r.toggles = r.toggles.toggled(TOGGLE_KEYS[event.key])
            elif event.key in OPTION_KEYS:
                name = OPTION_KEYS[event.key]
                r.set_options(**{name: not getattr(r.options, name)})
            elif event.key == pygame.K_f:
                r.fit()
            elif event.key == pygame.K_r and self.replay is not None:
                self.replay_started = self.clock
        return True

    def frame(self, screen: pygame.Surface, dt: float) -> None:
        self.clock += dt
        r = self.renderer
        mouse = pygame.mouse.get_pos()
        r.hover_at(None if self.dragging else mouse)
        if self.replay is not None and self.replay_started is not None:
            t = self.clock - self.replay_started
            r.draw(screen, self.clock, replay=self.replay, replay_t=t)
            if self.replay.finished(t):
                self.replay_started = None
        else:
            r.draw(screen, self.clock)
            if not self.dragging:
                r.draw_tooltip(screen, mouse)


def build_screen(argv: list[str]) -> MapScreen:
    from game.engine.view import view

    if argv:
        with open(argv[0], encoding="utf-8") as f:
            doc = json.load(f)
        return MapScreen(MapRenderer(doc, sample_powers()))
    scenario, before, after, report = sample_turn()
    v0, v1 = view(before, "spectator"), view(after, "spectator")
    renderer = MapRenderer(scenario.map_doc, scenario.powers)
    renderer.set_view(v0)
    replay = TurnReplay(report, v0, v1, Names.from_scenario(scenario, v0, v1))
    return MapScreen(renderer, replay)


def main(argv: list[str] | None = None, frames: int | None = None) -> None:
    """Run the window; ``frames`` stops after that many frames (for smoke tests)."""
    pygame.init()
    pygame.display.set_mode((1280, 720), pygame.RESIZABLE)
    pygame.display.set_caption("Casus Foederis — map")
    ms = build_screen(sys.argv[1:] if argv is None else argv)
    run_frames(ms.handle, ms.frame, frames)


if __name__ == "__main__":
    main()
