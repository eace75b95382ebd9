"""The frame loop of a window that shows nothing but one view: the map demo and the replay
viewer. (The game's own window, game/client/app.py, has a loop of its own: screens, a
fixed step for tests, sound.)"""

from __future__ import annotations

from typing import Callable

import pygame


def run_frames(handle: Callable[[pygame.event.Event], bool],
               draw: Callable[[pygame.Surface, float], None],
               frames: int | None = None) -> None:
    """Run at 60 frames a second until ``handle`` returns False for an event (the window
    closes), or for ``frames`` frames (smoke tests): each frame passes every event to
    ``handle``, then draws on the display surface with the seconds since the last frame."""
    clock = pygame.time.Clock()
    n = 0
    running = True
    while running and (frames is None or n < frames):
        dt = clock.tick(60) / 1000
        for event in pygame.event.get():
            running = handle(event) and running
        draw(pygame.display.get_surface(), dt)
        pygame.display.flip()
        n += 1
