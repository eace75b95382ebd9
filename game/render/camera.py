"""The camera: which part of the map is on screen, and how big.

World coordinates are map pixels (RULES.md §9 ``pos``/``shape``); screen coordinates are
pixels of the surface the map is drawn into. ``zoom`` is screen pixels per world pixel and
``offset`` the world point at the screen's top-left corner.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Camera:
    """A pan-and-zoom view of the map. Mutable: the game screen drives it from input."""

    viewport: tuple[int, int] = (1280, 720)
    zoom: float = 1.0
    offset: tuple[float, float] = (0.0, 0.0)
    min_zoom: float = 0.05
    max_zoom: float = 8.0

    def world_to_screen(self, x: float, y: float) -> tuple[float, float]:
        return ((x - self.offset[0]) * self.zoom, (y - self.offset[1]) * self.zoom)

    def screen_to_world(self, x: float, y: float) -> tuple[float, float]:
        return (x / self.zoom + self.offset[0], y / self.zoom + self.offset[1])

    def world_rect(self) -> tuple[float, float, float, float]:
        """The world rect (x0, y0, x1, y1) on screen."""
        x0, y0 = self.offset
        return (x0, y0, x0 + self.viewport[0] / self.zoom, y0 + self.viewport[1] / self.zoom)

    def fit(self, world_size: tuple[float, float], margin: int = 16,
            insets: tuple[int, int, int, int] = (0, 0, 0, 0)) -> None:
        """Show the whole map, centred in the viewport less ``insets`` (left, top, right,
        bottom: panels drawn over the map), with a margin; also sets the smallest zoom
        allowed (half of fit: zooming further out only shows more sea)."""
        w, h = world_size
        left, top, right, bottom = insets
        vw = self.viewport[0] - left - right
        vh = self.viewport[1] - top - bottom
        z = min((vw - 2 * margin) / max(w, 1), (vh - 2 * margin) / max(h, 1))
        z = max(z, 1e-3)
        self.min_zoom = z * 0.5
        self.zoom = z
        self.offset = (w / 2 - (left + vw / 2) / z, h / 2 - (top + vh / 2) / z)

    def resize(self, viewport: tuple[int, int]) -> None:
        """Keep the world point at the centre of the screen where it was."""
        if viewport == self.viewport:
            return
        cx, cy = self.screen_to_world(self.viewport[0] / 2, self.viewport[1] / 2)
        self.viewport = viewport
        self.offset = (cx - viewport[0] / (2 * self.zoom), cy - viewport[1] / (2 * self.zoom))

    def pan(self, dx: float, dy: float) -> None:
        """Move the map with the mouse by (dx, dy) screen pixels (drag direction)."""
        self.offset = (self.offset[0] - dx / self.zoom, self.offset[1] - dy / self.zoom)

    def zoom_at(self, screen: tuple[float, float], factor: float) -> None:
        """Zoom by ``factor`` keeping the world point under ``screen`` in place (mouse wheel)."""
        wx, wy = self.screen_to_world(*screen)
        self.zoom = min(self.max_zoom, max(self.min_zoom, self.zoom * factor))
        self.offset = (wx - screen[0] / self.zoom, wy - screen[1] / self.zoom)

    def centre_on(self, x: float, y: float) -> None:
        z = self.zoom
        self.offset = (x - self.viewport[0] / (2 * z), y - self.viewport[1] / (2 * z))
