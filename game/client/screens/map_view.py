"""The map as a part of a screen: a ``MapRenderer`` in a rectangle, with the camera on the
mouse and the keys, and the war-outcome replay playing in it.

Screens give it the rectangle the map owns (the window less the bars and the sidebar) and
forward events; positions are window pixels and it translates them. The left button is
the screen's (orders, selection): the map pans with the right or middle button, or with
a left drag that started where the screen had nothing to do.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

import pygame

from game.words.narrate import Names
from game.render import MapRenderer, TurnReplay
from game.render.links import LinkToggles

TOGGLE_KEYS = {pygame.K_1: "defensive", pygame.K_2: "offensive", pygame.K_3: "non_aggression",
               pygame.K_4: "peace", pygame.K_5: "wars", pygame.K_l: "legend"}
OPTION_KEYS = {pygame.K_n: "names", pygame.K_u: "badges", pygame.K_t: "terrain"}
ZOOM_STEP = 1.15
# Arrow keys move the map (the map's content moves the other way, as in a drag).
ARROW_PAN = {pygame.K_LEFT: (80, 0), pygame.K_RIGHT: (-80, 0), pygame.K_UP: (0, 80),
             pygame.K_DOWN: (0, -80)}
CLICK_SLOP = 5   # pixels a press may wander and still count as a click
READABLE_SPAN = 28  # screen pixels: a typical territory narrower than this is hard to read


@dataclass
class Playing:
    """A replay under way: its animation and when it began."""

    replay: TurnReplay
    started: float
    turn: int


class MapView:
    """A renderer placed in a rectangle of the window."""

    def __init__(self, map_doc: Mapping[str, Any], powers: Any, rect: pygame.Rect) -> None:
        self.renderer = MapRenderer(map_doc, powers, viewport=rect.size)
        self.rect = pygame.Rect(rect)
        self.renderer.fit()
        self.panning: int | None = None        # the mouse button panning the map
        self.pan_moved = 0.0
        self.playing: Playing | None = None
        self.clock = 0.0
        self.mouse: tuple[int, int] | None = None   # window pixels, None off the map

    # --- geometry -----------------------------------------------------------------------

    def set_rect(self, rect: pygame.Rect) -> None:
        self.rect = pygame.Rect(rect)
        self.renderer.resize(rect.size)

    def local(self, pos: tuple[int, int]) -> tuple[int, int]:
        return (pos[0] - self.rect.x, pos[1] - self.rect.y)

    def contains(self, pos: tuple[int, int]) -> bool:
        return self.rect.collidepoint(pos)

    def territory_at(self, pos: tuple[int, int]) -> str | None:
        """The territory under a window position (None: sea or off the map)."""
        if not self.contains(pos):
            return None
        return self.renderer.territory_at(self.local(pos))

    def anchor(self, tid: str) -> tuple[float, float]:
        """A territory's label centre in window pixels."""
        x, y = self.renderer.anchor_screen(tid)
        return (x + self.rect.x, y + self.rect.y)

    def centre_on(self, tid: str) -> None:
        self.renderer.centre_on(tid)

    def frame(self, tids: list[str], readable: float = READABLE_SPAN, most: float = 3.0) -> None:
        """Open on the whole map, fitted to the map's own rectangle (so nothing starts under
        a panel); only where the whole map would leave territories too small to read
        (narrower than ``readable`` pixels, on very big maps) zoom in, centred on these
        territories (a player's country), no closer than ``most`` times the whole-map zoom
        and never past the map's edges."""
        self.renderer.fit()
        cam = self.renderer.camera
        geo = self.renderer.geometry
        whole = cam.zoom
        boxes = [geo.territories[geo.index[t]].bbox for t in tids if t in geo.index]
        span = geo.typical_span * whole
        if not boxes or span >= readable:
            return
        x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
        x1, y1 = max(b[2] for b in boxes), max(b[3] for b in boxes)
        cam.zoom = min(whole * readable / span, whole * most)
        cam.centre_on((x0 + x1) / 2, (y0 + y1) / 2)
        self.keep_on_map()

    def keep_on_map(self) -> None:
        """Move the camera so the map fills the view where it can (no sea beyond its edge
        while more map lies on the other side)."""
        cam = self.renderer.camera
        w, h = self.renderer.geometry.size
        vw, vh = cam.viewport[0] / cam.zoom, cam.viewport[1] / cam.zoom
        ox = (w - vw) / 2 if vw >= w else min(max(cam.offset[0], 0.0), w - vw)
        oy = (h - vh) / 2 if vh >= h else min(max(cam.offset[1], 0.0), h - vh)
        cam.offset = (ox, oy)

    # --- input ----------------------------------------------------------------------------

    def handle(self, event: pygame.event.Event) -> bool:
        """Camera input (wheel, right/middle drag, view keys); True if used."""
        r = self.renderer
        if event.type == pygame.MOUSEWHEEL:
            if self.mouse is not None:
                r.camera.zoom_at(self.local(self.mouse), ZOOM_STEP ** event.y)
                return True
            return False
        if event.type == pygame.MOUSEBUTTONDOWN and event.button in (2, 3) \
                and self.contains(event.pos):
            self.start_pan(event.button)
            return True
        if event.type == pygame.MOUSEMOTION:
            self.mouse = event.pos if self.contains(event.pos) else None
            if self.panning is not None:
                r.camera.pan(*event.rel)
                self.pan_moved += abs(event.rel[0]) + abs(event.rel[1])
                return True
            return False
        if event.type == pygame.MOUSEBUTTONUP and event.button == self.panning:
            self.panning = None
            return self.pan_moved > CLICK_SLOP
        if event.type == pygame.KEYDOWN:
            return self.handle_key(event)
        return False

    def start_pan(self, button: int) -> None:
        self.panning, self.pan_moved = button, 0.0

    def handle_key(self, event: pygame.event.Event) -> bool:
        r = self.renderer
        ctrl = event.mod & pygame.KMOD_CTRL
        centre = (self.rect.width // 2, self.rect.height // 2)
        if event.key in (pygame.K_PAGEUP,) or (ctrl and event.key in (pygame.K_EQUALS,
                                                                      pygame.K_PLUS)):
            r.camera.zoom_at(centre, ZOOM_STEP)
        elif event.key in (pygame.K_PAGEDOWN,) or (ctrl and event.key == pygame.K_MINUS):
            r.camera.zoom_at(centre, 1 / ZOOM_STEP)
        elif event.key == pygame.K_f and not ctrl:
            r.fit()
        elif event.key in ARROW_PAN:
            dx, dy = ARROW_PAN[event.key]
            r.camera.pan(dx, dy)
        elif event.key in TOGGLE_KEYS and not ctrl:
            r.toggles = r.toggles.toggled(TOGGLE_KEYS[event.key])
        elif event.key in OPTION_KEYS and not ctrl:
            name = OPTION_KEYS[event.key]
            r.set_options(**{name: not getattr(r.options, name)})
        else:
            return False
        return True

    # --- replays --------------------------------------------------------------------------

    def play(self, report: Mapping[str, Any], before: Mapping[str, Any],
             after: Mapping[str, Any], names: Names, turn: int) -> TurnReplay:
        replay = TurnReplay(report, before, after, names)
        self.playing = Playing(replay, self.clock, turn)
        return replay

    def replay_time(self) -> float:
        return 0.0 if self.playing is None else self.clock - self.playing.started

    def stop(self) -> None:
        if self.playing is not None:
            self.renderer.set_view(self.playing.replay.after)
        self.playing = None

    def seek(self, t: float) -> None:
        if self.playing is not None:
            self.playing = Playing(self.playing.replay, self.clock - t, self.playing.turn)

    # --- drawing --------------------------------------------------------------------------

    def update(self, dt: float) -> None:
        self.clock += dt

    def draw(self, surface: pygame.Surface) -> pygame.Surface:
        """Draw the map into its rectangle; returns the subsurface (for overlays)."""
        sub = surface.subsurface(self.rect.clip(surface.get_rect()))
        r = self.renderer
        busy = self.panning is not None and self.pan_moved > CLICK_SLOP
        r.hover_at(None if (busy or self.mouse is None) else self.local(self.mouse))
        if self.playing is not None:
            t = self.replay_time()
            r.draw(sub, self.clock, replay=self.playing.replay, replay_t=t)
        else:
            r.draw(sub, self.clock)
        return sub

    def draw_tooltip(self, surface: pygame.Surface) -> None:
        if self.mouse is None or self.panning is not None or self.playing is not None:
            return
        sub = surface.subsurface(self.rect.clip(surface.get_rect()))
        self.renderer.draw_tooltip(sub, self.local(self.mouse))

    @property
    def toggles(self) -> LinkToggles:
        return self.renderer.toggles
