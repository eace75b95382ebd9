"""The static map: sea, coasts, territory fills, terrain, borders, capitals, names, badges.

It changes only when the zoom, the window or the view (a new turn) changes, so the renderer
draws it once into a cached surface (``StaticLayer``) and blits that every frame. The cache
covers the screen plus a margin, so panning a little reuses it; panning further or zooming
rebuilds it once.

Drawing order does some of the work: every territory is first outlined thickly in shallow
water and coastline ink, then filled; the fills of neighbours cover the inner half of those
outlines, so the thick coast survives only where land meets sea. Sea lanes are drawn before
the fills for the same reason: they show only over water.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Mapping, Sequence

import numpy as np
import pygame

from game.words import palette
from . import draw, fonts
from .badges import draw_badges
from .geometry import MapGeometry, TerritoryShape
from .labels import Placement, name_style
from .layout import LabelLayout, label_layout

Colour = tuple[int, int, int]


@dataclass(frozen=True)
class LayerKey:
    """What the cached surface depends on; any change means a rebuild."""

    zoom: float
    size: tuple[int, int]
    view_version: int
    options: tuple


def build_static(surf: pygame.Surface, geo: MapGeometry, fills: Sequence[Colour],
                 forces: Sequence[Mapping[str, int] | None] | None,
                 power_colours: Mapping[str, Colour], power_order: Sequence[str],
                 zoom: float, origin: tuple[float, float], *,
                 placement: Placement | None = None, badges: bool = True,
                 terrain: bool = True) -> None:
    """Draw the static map into ``surf``, whose (0, 0) is world point ``origin / zoom``.

    ``fills`` is one colour per territory (owner and terrain already mixed in),
    ``forces`` the view's forces per territory (None where fogged), ``placement`` the names
    shown (``labels.place_names``; None: no names).
    """
    w, h = surf.get_size()
    ox, oy = origin
    world_rect = (ox / zoom - 4, oy / zoom - 4, (ox + w) / zoom + 4, (oy + h) / zoom + 4)
    vis = geo.visible(world_rect).tolist()

    def pts(poly: np.ndarray) -> list[tuple[float, float]]:
        return (poly * zoom - (ox, oy)).tolist()

    screen_polys = {i: pts(geo.territories[i].polygon) for i in vis}

    _sea(surf, zoom, origin)
    # Shallows and coastline, under the fills (see the module docstring).
    shallow_w = max(2, int(round(min(10, 5 * zoom ** 0.5))))
    # Two bands of shallow water, the outer one fainter: the coast fades into the sea as
    # on an engraved chart, instead of stopping at a hard line.
    offshore = palette.mix(palette.SEA, palette.SHALLOWS, 0.45)
    for i in vis:
        pygame.draw.polygon(surf, offshore, screen_polys[i], shallow_w * 4)
    for i in vis:
        pygame.draw.polygon(surf, palette.SHALLOWS, screen_polys[i], shallow_w * 2)
    _sea_lanes(surf, geo, zoom, origin, set(vis))
    coast_w = 3 if zoom >= 0.6 else 2
    for i in vis:
        pygame.draw.polygon(surf, palette.INK_SOFT, screen_polys[i], coast_w)
    for i in vis:
        pygame.draw.polygon(surf, fills[i], screen_polys[i])
    if terrain:
        _terrain_glyphs(surf, geo, fills, zoom, origin, vis)
    # Internal borders: a thin darker line of the fill reads as a province boundary
    # without cutting a country into a mosaic.
    # Zoomed far out, full-strength borders would turn a big map into graph paper.
    shade = 0.32 if geo.typical_span * zoom >= 40 else 0.16
    for i in vis:
        pygame.draw.aalines(surf, palette.darker(fills[i], shade), True, screen_polys[i])
    if placement is not None or badges:
        _labels(surf, geo, forces, power_colours, power_order, zoom, origin, vis,
                placement=placement, badges=badges)


def _sea(surf: pygame.Surface, zoom: float, origin: tuple[float, float]) -> None:
    """Open water with faint wave strokes on a grid fixed to the world, so they pan with it."""
    surf.fill(palette.SEA)
    step = 46.0  # screen pixels between waves
    w, h = surf.get_size()
    ox, oy = origin
    x_start = -((ox) % step)
    y_start = -((oy) % step)
    row = int(math.floor(oy / step))
    y = y_start
    while y < h + step:
        shift = step / 2 if row % 2 else 0.0
        x = x_start + shift - step
        while x < w + step:
            rect = pygame.Rect(int(x), int(y), 12, 6)
            pygame.draw.arc(surf, palette.SEA_DEEP, rect, 0.3, math.pi - 0.3, 1)
            x += step
        y += step
        row += 1


def _sea_lanes(surf: pygame.Surface, geo: MapGeometry, zoom: float,
               origin: tuple[float, float], vis: set[int]) -> None:
    ox, oy = origin
    for a, b, kind in geo.edges:
        if kind != "sea" or (a not in vis and b not in vis):
            continue
        pa, pb = geo.territories[a].anchor, geo.territories[b].anchor
        draw.dashed(surf, palette.SEA_LANE, (pa[0] * zoom - ox, pa[1] * zoom - oy),
                    (pb[0] * zoom - ox, pb[1] * zoom - oy), 2 if zoom > 0.8 else 1,
                    dash=7, gap=6)


def _terrain_glyphs(surf: pygame.Surface, geo: MapGeometry, fills: Sequence[Colour],
                    zoom: float, origin: tuple[float, float], vis: list[int]) -> None:
    """Small marks in the cartographer's manner: peaks, hills, trees, reeds, blocks."""
    spacing_px = geo.glyph_spacing * zoom
    if spacing_px < 9:
        return  # too small to read as texture; the tint carries terrain at this zoom
    s = int(max(3, min(7, round(spacing_px * 0.22))))
    ox, oy = origin
    stamps: list[tuple[pygame.Surface, tuple[float, float]]] = []
    for i in vis:
        spots = geo.glyph_spots[i]
        if not len(spots):
            continue
        t = geo.territories[i]
        stamp = glyph_stamp(t.terrain, palette.darker(fills[i], 0.30), s)
        half = stamp.get_width() / 2
        stamps.extend((stamp, (x - half, y - half))
                      for x, y in (spots * zoom - (ox, oy)).tolist())
    surf.fblits(stamps)


@lru_cache(maxsize=512)
def glyph_stamp(terrain: str, ink: Colour, s: int) -> pygame.Surface:
    """One terrain mark of size s, drawn once and stamped many times."""
    stamp = pygame.Surface((4 * s, 4 * s), pygame.SRCALPHA)
    x = y = 2 * s
    if terrain == "mountains":
        pygame.draw.lines(stamp, ink, False, [(x - s, y + s * 0.6), (x, y - s * 0.7),
                                              (x + s, y + s * 0.6)], 2)
    elif terrain == "hills":
        pygame.draw.arc(stamp, ink, pygame.Rect(x - s, y - s * 0.4, 2 * s, 1.6 * s),
                        0.2, math.pi - 0.2, 1)
    elif terrain == "forest":
        pygame.draw.circle(stamp, ink, (x, y - s * 0.2), s * 0.55)
        pygame.draw.line(stamp, ink, (x, y), (x, y + s * 0.7), 1)
    elif terrain == "marsh":
        for k in (-1, 0, 1):
            half = s * (0.7 - 0.2 * abs(k))
            yk = y + k * s * 0.35
            pygame.draw.line(stamp, ink, (x - half, yk), (x + half, yk), 1)
    elif terrain == "urban":
        r = s * 0.45
        pygame.draw.rect(stamp, ink, pygame.Rect(x - r, y - r, 2 * r, 2 * r))
    return stamp


def territory_label(t: TerritoryShape, zoom: float, typical_span: float, size: int,
                    text: str | None = None) -> tuple[pygame.Surface | None, LabelLayout]:
    """A territory's name surface at font ``size`` (0 or None: hidden) and the layout around
    its anchor. ``labels.place_names`` picks the size, so that names never overlap."""
    label = None
    if size:
        label = fonts.halo_text(text or t.name, size, palette.INK, palette.PARCHMENT,
                                **name_style(t))
    lay = label_layout(t, zoom, None, typical_span, name_size=size if label else 0)
    return label, lay


def draw_territory_label(surf: pygame.Surface, t: TerritoryShape, zoom: float,
                         typical_span: float, at: tuple[float, float], size: int,
                         moved: tuple[float, float] | None = None, text: str | None = None
                         ) -> LabelLayout:
    """The capital star and the name of one territory, centred on its screen anchor ``at``
    (``moved``: the name's offset from the anchor when placement set it beside the star)."""
    label, lay = territory_label(t, zoom, typical_span, size, text)
    ax, ay = at
    if lay.star_radius:
        draw.star(surf, palette.CAPITAL_STAR, palette.INK, ax, ay + lay.star_y, lay.star_radius)
    if label is not None:
        dx, dy = moved if moved is not None else (0.0, lay.name_y)
        surf.blit(label, label.get_rect(center=(round(ax + dx), round(ay + dy))))
    return lay


def _labels(surf: pygame.Surface, geo: MapGeometry,
            forces: Sequence[Mapping[str, int] | None] | None,
            power_colours: Mapping[str, Colour], power_order: Sequence[str], zoom: float,
            origin: tuple[float, float], vis: list[int], *, placement: Placement | None,
            badges: bool) -> None:
    ox, oy = origin
    for i in vis:
        t = geo.territories[i]
        at = (t.anchor[0] * zoom - ox, t.anchor[1] * zoom - oy)
        moved = placement.centre_of(i) if placement else None
        lay = draw_territory_label(surf, t, zoom, geo.typical_span, at,
                                   placement.size_of(i) if placement else 0, moved,
                                   placement.text_of(t) if placement else None)
        if moved is not None:   # a name beside its star leaves the badges where they were
            lay = label_layout(t, zoom, None, geo.typical_span, name_size=0)
        if badges and lay.badge_height and forces is not None:
            row = placement.badges_at(i) if placement else None
            centre = (at[0], at[1] + lay.badge_y) if row is None else (row[0] - ox, row[1] - oy)
            draw_badges(surf, forces[i], power_colours, power_order, centre, lay.badge_height)
