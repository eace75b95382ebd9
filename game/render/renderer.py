"""``MapRenderer``: the map at the heart of the game screen.

    renderer = MapRenderer(scenario.map_doc, scenario.powers)   # once per match
    renderer.set_view(view_doc)                                  # whenever a view arrives
    # each frame (the surface's size drives the camera's viewport):
    renderer.hover_at(pygame.mouse.get_pos())
    renderer.draw(screen, t=clock_seconds)                       # or replay=..., replay_t=...
    renderer.draw_tooltip(screen, pygame.mouse.get_pos())
    # input: renderer.camera.zoom_at(mouse, 1.15) on the wheel, camera.pan(dx, dy) on a
    # drag, renderer.territory_at(mouse) on a click, renderer.toggles = toggles.toggled(...)

Drawing splits into a cached static layer (``static_layer``: rebuilt only when zoom,
window size, options or view change, or the camera pans past the cache's margin) and cheap
per-frame overlays: replay recolouring, hover and selection, alliance links, replay marks,
the legend. That split is what keeps a 2,000-territory map at 60 fps.
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Iterable, Mapping

import pygame

from game.words import palette
from game.words.colours import neighbours_of
from .camera import Camera
from .geometry import MapGeometry
from .links import HUB_RADIUS, Link, LinkToggles, compute_links, draw_legend, draw_links
from .static_layer import LayerKey, build_static, draw_territory_label, territory_label
from .badges import badge_items
from .labels import Placement, place_names
from .layout import LabelLayout
from .tooltip import draw_tooltip, territory_facts

if TYPE_CHECKING:
    from .replay import TurnReplay

Colour = tuple[int, int, int]

CACHE_MARGIN = 256  # pixels of map kept beyond each screen edge, so small pans are free
PLACEMENTS_KEPT = 12  # name placements kept (zoom levels and views)


@dataclass(frozen=True)
class RenderOptions:
    """What the map shows; the game screen's view menu binds to these."""

    names: bool = True
    badges: bool = True
    terrain: bool = True
    links: bool = True
    captions: bool = True   # the replay's narration band (off when a panel shows it)


@dataclass(frozen=True)
class PowerStyle:
    id: str
    name: str
    colour: Colour


def power_styles(powers: Iterable[Any]) -> list[PowerStyle]:
    """PowerInfo objects, or dicts with id/name/color, as styles in scenario order."""
    out = []
    for p in powers:
        get = p.get if isinstance(p, Mapping) else (lambda k, d=None, p=p: getattr(p, k, d))
        out.append(PowerStyle(get("id"), get("name", get("id")), palette.hex_colour(get("color"))))
    return out


class MapRenderer:
    """Draws one match's map into any surface, through a camera, from plain data."""

    def __init__(self, map_doc: Mapping[str, Any], powers: Iterable[Any],
                 viewport: tuple[int, int] = (1280, 720)) -> None:
        self.geometry = MapGeometry.from_doc(map_doc)
        self.powers = power_styles(powers)
        self._scenario_colours = palette.powers_from(powers)
        # Who borders whom (from the first view: the colour-blind palette keeps neighbours
        # apart, and colours must not change as borders move during a match).
        self._neighbours: set[frozenset[str]] | None = None
        self._palette_version = palette.version()
        self.power_colours: dict[str, Colour] = {}
        self._apply_colours()
        self.power_names: dict[str, str] = {p.id: p.name for p in self.powers}
        self.power_order: list[str] = [p.id for p in self.powers]
        self.camera = Camera(viewport=viewport)
        self.camera.fit(self.geometry.size)
        self.options = RenderOptions()
        self.toggles = LinkToggles()
        self.hovered: str | None = None
        self.selected: str | None = None
        self.view: Mapping[str, Any] | None = None
        self._view_version = 0
        self._fills: list[Colour] = [palette.territory_fill(None, t.terrain)
                                     for t in self.geometry.territories]
        self._forces: list[Mapping[str, int] | None] | None = None
        # Each territory's badge labels (what names keep clear of), and the name placements
        # kept per (zoom, view, options): placing is costly, a zoom level is revisited often.
        self._badge_labels: list[tuple[str, ...]] | None = None
        self._placements: OrderedDict[tuple, Placement] = OrderedDict()
        self._links: list[Link] = []
        self._layer: pygame.Surface | None = None
        self._layer_key: LayerKey | None = None
        self._layer_origin = (0, 0)
        self.layer_builds = 0  # how often the static layer was rebuilt (tests, bench)
        # Seconds the zoom must rest before the layer is rebuilt for it (0: at once).
        self.zoom_settle = 0.12
        self._pending_zoom: float | None = None
        self._pending_since = 0.0

    # --- data ---------------------------------------------------------------------------

    def set_view(self, view: Mapping[str, Any] | None) -> None:
        """Show a seat's view (RULES.md §7 JSON). The same object again costs nothing."""
        if view is self.view:
            return
        self.view = view
        self._view_version += 1
        geo = self.geometry
        terrs = (view or {}).get("territories", {})
        owners = [terrs.get(t.id, {}).get("owner") for t in geo.territories]
        if self._neighbours is None and view:
            self._neighbours = neighbours_of(
                dict(zip((t.id for t in geo.territories), owners)),
                ((geo.territories[a].id, geo.territories[b].id) for a, b, _ in geo.edges))
            self._apply_colours()
        self._fills = [self.fill_for(o, t.terrain) for o, t in zip(owners, geo.territories)]
        self._forces = ([terrs.get(t.id, {}).get("forces") for t in geo.territories]
                        if view else None)
        if view and self._sees_no_forces(view):
            # The public view under fog hides every army: a "?" on every territory would
            # only hide the map (a power's own view keeps its "?" at the edge of its sight).
            self._forces = [{} if f is None else f for f in self._forces or []]
        self._badge_labels = (None if self._forces is None else
                              [tuple(label for _, label in badge_items(f, self.power_order))
                               for f in self._forces])
        self._links = compute_links(view, geo) if view else []

    def _sees_no_forces(self, view: Mapping[str, Any]) -> bool:
        """A fogged view for a seat that is not a power (the table, a spectator)."""
        return bool(view.get("fog")) and view.get("seat") not in self.power_colours

    def recolour(self) -> None:
        """Take up a palette switched in the settings (the colour-blind one, or back)."""
        self._palette_version = palette.version()
        self._apply_colours()
        view, self.view = self.view, None
        self.set_view(view)       # new fills, and a new view version rebuilds the layer

    def _apply_colours(self) -> None:
        self.power_colours = palette.power_colours(self._scenario_colours,
                                                   self._neighbours or set())
        self.powers = [replace(p, colour=self.power_colours.get(p.id, p.colour))
                       for p in self.powers]

    def fill_for(self, owner: str | None, terrain: str) -> Colour:
        """The fill a territory of this owner and terrain gets (tests compare against it)."""
        colour = self.power_colours.get(owner) if owner else None
        return palette.territory_fill(colour, terrain)

    @property
    def links(self) -> list[Link]:
        return self._links

    # --- camera -------------------------------------------------------------------------

    def resize(self, size: tuple[int, int]) -> None:
        self.camera.resize((int(size[0]), int(size[1])))

    def fit(self, insets: tuple[int, int, int, int] = (0, 0, 0, 0)) -> None:
        """Show the whole map; ``insets`` (left, top, right, bottom) keep it clear of
        panels the game screen draws over the map."""
        self.camera.fit(self.geometry.size, insets=insets)

    def world_to_screen(self, x: float, y: float) -> tuple[float, float]:
        return self.camera.world_to_screen(x, y)

    def anchor_screen(self, tid: str) -> tuple[float, float]:
        """Where a territory's label centre is on screen."""
        t = self.geometry.territories[self.geometry.index[tid]]
        return self.camera.world_to_screen(*t.anchor)

    def territory_at(self, screen: tuple[float, float]) -> str | None:
        i = self.geometry.territory_at(*self.camera.screen_to_world(*screen))
        return None if i is None else self.geometry.territories[i].id

    def hover_at(self, screen: tuple[float, float] | None) -> str | None:
        self.hovered = None if screen is None else self.territory_at(screen)
        return self.hovered

    def set_options(self, **changes: bool) -> None:
        self.options = replace(self.options, **changes)

    # --- drawing ------------------------------------------------------------------------

    def draw(self, surf: pygame.Surface, t: float = 0.0, replay: "TurnReplay | None" = None,
             replay_t: float | None = None) -> None:
        """One frame. ``t`` is a clock in seconds for gentle animation; with a ``replay``,
        ``replay_t`` (default ``t``) is the time into the replay."""
        if surf.get_size() != self.camera.viewport:
            self.resize(surf.get_size())
        if self._palette_version != palette.version():
            self.recolour()
        rt = t if replay_t is None else replay_t
        if replay is not None:
            self.set_view(replay.view_at(rt))
        self._blit_static(surf)
        if replay is not None:
            replay.draw_under(surf, self, rt)
        self._draw_focus(surf)
        if self.options.links and self._links:
            draw_links(surf, self._links, self.camera, self.toggles, t, self._end_gap())
        if replay is not None:
            replay.draw_over(surf, self, rt, caption=False)
        legend = None
        if self.options.links and self.toggles.legend:
            legend = draw_legend(surf, self.toggles)
        if replay is not None and self.options.captions:
            replay.draw_caption(surf, rt, avoid=legend)

    def draw_tooltip(self, surf: pygame.Surface, mouse: tuple[float, float]) -> pygame.Rect | None:
        """The hover card for the territory under the mouse (call after ``draw``)."""
        tid = self.territory_at(mouse)
        if tid is None:
            return None
        t = self.geometry.territories[self.geometry.index[tid]]
        return draw_tooltip(surf, territory_facts(t, self.view, self.power_names), mouse)

    def centre_on(self, tid: str) -> None:
        """Bring a territory to the middle of the screen (clicking an event in the report)."""
        self.camera.centre_on(*self.geometry.territories[self.geometry.index[tid]].anchor)

    def _end_gap(self) -> float:
        """Links stop short of the capital stars, whose size follows the zoom."""
        star = max(5.0, min(9.0, self.geometry.typical_span * self.camera.zoom * 0.1))
        return star + 3

    def _blit_static(self, surf: pygame.Surface) -> None:
        cam = self.camera
        z = cam.zoom
        sx, sy = cam.offset[0] * z, cam.offset[1] * z   # the screen's origin, zoomed-world px
        vw, vh = cam.viewport
        key = LayerKey(round(z, 6), (vw, vh), self._view_version,
                       (self.options.names, self.options.badges, self.options.terrain))
        lx, ly = self._layer_origin
        layer = self._layer
        if (layer is not None and key == self._layer_key and sx >= lx and sy >= ly
                and sx + vw <= lx + layer.get_width() and sy + vh <= ly + layer.get_height()):
            surf.blit(layer, (round(lx - sx), round(ly - sy)))
            return
        if layer is not None and self._zooming(key):
            self._blit_scaled(surf, layer)
            return
        self._rebuild(key, sx, sy)
        assert self._layer is not None
        lx, ly = self._layer_origin
        surf.blit(self._layer, (round(lx - sx), round(ly - sy)))

    def _zooming(self, key: LayerKey) -> bool:
        """Whether only the zoom changed, and too recently to rebuild: a wheel turned notch
        by notch would otherwise rebuild the layer (~0.1 s on 2,000 territories) per notch."""
        old = self._layer_key
        if self.zoom_settle <= 0 or old is None or (old.size, old.view_version, old.options) \
                != (key.size, key.view_version, key.options):
            return False
        now = time.perf_counter()
        if self._pending_zoom != key.zoom:
            self._pending_zoom = key.zoom
            self._pending_since = now
        return now - self._pending_since < self.zoom_settle

    def _blit_scaled(self, surf: pygame.Surface, layer: pygame.Surface) -> None:
        """The stale layer stretched to the new zoom: blurry for a moment, never stuck."""
        assert self._layer_key is not None
        cam = self.camera
        z, z0 = cam.zoom, self._layer_key.zoom
        lx, ly = self._layer_origin
        # The screen's world rect, in the stale layer's pixels, clipped to the layer.
        x0, y0 = cam.offset[0] * z0 - lx, cam.offset[1] * z0 - ly
        src = pygame.Rect(math.floor(x0), math.floor(y0),
                          math.ceil(cam.viewport[0] * z0 / z) + 1,
                          math.ceil(cam.viewport[1] * z0 / z) + 1).clip(layer.get_rect())
        surf.fill(palette.SEA)
        if src.width <= 0 or src.height <= 0:
            return
        f = z / z0
        dest = (round((src.x - x0) * f), round((src.y - y0) * f))
        size = (max(1, round(src.width * f)), max(1, round(src.height * f)))
        surf.blit(pygame.transform.scale(layer.subsurface(src), size), dest)

    def _rebuild(self, key: LayerKey, sx: float, sy: float) -> None:
        vw, vh = key.size
        origin = (math.floor(sx) - CACHE_MARGIN, math.floor(sy) - CACHE_MARGIN)
        size = (vw + 2 * CACHE_MARGIN, vh + 2 * CACHE_MARGIN)
        if self._layer is None or self._layer.get_size() != size:
            self._layer = pygame.Surface(size).convert() if pygame.display.get_surface() \
                else pygame.Surface(size)
        build_static(self._layer, self.geometry, self._fills, self._forces,
                     self.power_colours, self.power_order, self.camera.zoom, origin,
                     placement=self.placement() if self.options.names else None,
                     badges=self.options.badges, terrain=self.options.terrain)
        self._layer_key = key
        self._layer_origin = origin
        self._pending_zoom = None
        self.layer_builds += 1

    def screen_polygon(self, tid: str) -> list[tuple[float, float]]:
        poly = self.geometry.territories[self.geometry.index[tid]].polygon
        cam = self.camera
        return ((poly - cam.offset) * cam.zoom).tolist()

    def fill_territory(self, surf: pygame.Surface, tid: str, colour: Colour,
                       alpha: int = 255) -> None:
        """Paint one territory over the static layer (replay captures, highlights)."""
        pts = self.screen_polygon(tid)
        if alpha >= 255:
            pygame.draw.polygon(surf, colour, pts)
            pygame.draw.aalines(surf, palette.darker(colour, 0.32), True, pts)
            return
        xs = [p[0] for p in pts]
        ys = [p[1] for p in pts]
        box = pygame.Rect(math.floor(min(xs)), math.floor(min(ys)),
                          math.ceil(max(xs) - min(xs)) + 2, math.ceil(max(ys) - min(ys)) + 2)
        box = box.clip(surf.get_rect())
        if box.width <= 0 or box.height <= 0:
            return
        tmp = pygame.Surface(box.size, pygame.SRCALPHA)
        pygame.draw.polygon(tmp, (*colour, alpha), [(x - box.x, y - box.y) for x, y in pts])
        surf.blit(tmp, box.topleft)

    def _draw_focus(self, surf: pygame.Surface) -> None:
        for tid, colour, width in ((self.hovered, palette.HOVER, 2),
                                   (self.selected, palette.SELECTED, 3)):
            if tid is None or tid not in self.geometry.index:
                continue
            if tid == self.hovered and tid != self.selected:
                self.fill_territory(surf, tid, palette.HOVER, 70)
            pts = self.screen_polygon(tid)
            pygame.draw.polygon(surf, palette.INK, pts, width + 2)
            pygame.draw.polygon(surf, colour, pts, width)

    def draw_name(self, surf: pygame.Surface, tid: str) -> None:
        """A territory's name (and capital star) over whatever was painted on it."""
        t = self.geometry.territories[self.geometry.index[tid]]
        draw_territory_label(surf, t, self.camera.zoom, self.geometry.typical_span,
                             self.camera.world_to_screen(*t.anchor), self.name_size(t.index),
                             self.placement().centre_of(t.index), self.placement().text_of(t))

    def label_layout(self, tid: str) -> LabelLayout:
        """Where a territory's star, name and badges are, relative to its screen anchor."""
        t = self.geometry.territories[self.geometry.index[tid]]
        # A name placed beside its star leaves the badges where they are without a name.
        moved = self.options.names and self.placement().centre_of(t.index) is not None
        return territory_label(t, self.camera.zoom, self.geometry.typical_span,
                               0 if moved else self.name_size(t.index))[1]

    def name_size(self, index: int) -> int:
        """The font size territory ``index``'s name is shown at, at this zoom (0: hidden,
        for want of room or because names are switched off)."""
        if not self.options.names:
            return 0
        return self.placement().size_of(index)

    def placement(self) -> Placement:
        """The names shown at this zoom, clear of each other, the stars and the badges
        (worked out once per zoom level and view, then kept)."""
        badges = self._badge_labels if self.options.badges else None
        key = (round(self.camera.zoom, 6), self._view_version, badges is not None)
        kept = self._placements.get(key)
        if kept is None:
            hubs = {(link.pb[0], link.pb[1], HUB_RADIUS + 3.0)
                    for link in self._links if link.hub}
            kept = self._placements[key] = place_names(self.geometry, key[0], badges,
                                                       sorted(hubs))
            while len(self._placements) > PLACEMENTS_KEPT:
                self._placements.popitem(last=False)
        self._placements.move_to_end(key)
        return kept
