"""The map a handout prints: the client's own renderer, drawn off screen into a PNG."""

from __future__ import annotations

import base64
import io
import os
from typing import Any

#: The map's size on the page, in pixels (printed at about 17 cm wide).
MAP_SIZE = (1400, 980)


def map_png(scenario: Any, seat_view: dict[str, Any], size: tuple[int, int] = MAP_SIZE
            ) -> bytes:
    """The map as ``seat_view`` shows it (owners, units, the pacts the seat knows), as PNG
    bytes. Needs no display: pygame draws into a plain surface."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    import pygame

    from game.client.render import MapRenderer

    # Only what drawing needs: no sound device (a laptop may have none), no window.
    pygame.display.init()
    pygame.font.init()
    renderer = MapRenderer(scenario.map_doc, scenario.powers, viewport=size)
    renderer.set_view(seat_view)
    surface = pygame.Surface(size)
    renderer.draw(surface)
    out = io.BytesIO()
    pygame.image.save(surface, out, "map.png")
    return out.getvalue()


def data_url(png: bytes) -> str:
    """PNG bytes as a ``data:`` URL, so the page needs no file beside it."""
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")
