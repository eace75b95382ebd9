"""The map a handout prints: the client's own renderer, drawn off screen into a PNG."""

from __future__ import annotations

import base64
import io
import os
from typing import Any

#: The map's size on the page, in pixels (printed at about 17 cm wide).
MAP_SIZE = (1400, 980)


class MapPainter:
    """Draws one scenario's map as each seat sees it, into PNG bytes. The renderer (its
    geometry and static layers) is built once for all the pages. Needs no display: pygame
    draws into a plain surface."""

    def __init__(self, scenario: Any, size: tuple[int, int] = MAP_SIZE) -> None:
        os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
        import pygame

        from game.render import MapRenderer

        # Only what drawing needs: no sound device (a laptop may have none), no window.
        pygame.display.init()
        pygame.font.init()
        self.pygame = pygame
        self.renderer = MapRenderer(scenario.map_doc, scenario.powers, viewport=size)
        self.surface = pygame.Surface(size)

    def png(self, seat_view: dict[str, Any]) -> bytes:
        """The map as ``seat_view`` shows it: owners, units, the pacts the seat knows."""
        self.renderer.set_view(seat_view)
        self.renderer.draw(self.surface)
        out = io.BytesIO()
        self.pygame.image.save(self.surface, out, "map.png")
        return out.getvalue()


def map_png(scenario: Any, seat_view: dict[str, Any], size: tuple[int, int] = MAP_SIZE
            ) -> bytes:
    """One map as ``seat_view`` shows it, as PNG bytes (a painter for a single page)."""
    return MapPainter(scenario, size).png(seat_view)


def data_url(png: bytes) -> str:
    """PNG bytes as a ``data:`` URL, so the page needs no file beside it."""
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")
