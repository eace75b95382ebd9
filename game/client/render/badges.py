"""Unit badges: one small pill per power with units in a territory, in the power's colour,
with the count; a single grey "?" where the seat's view hides the forces (RULES.md §7)."""

from __future__ import annotations

from typing import Mapping, Sequence

import pygame

from .. import palette
from . import draw, fonts

Colour = tuple[int, int, int]

FOG_BADGE = (150, 144, 132)
NEUTRAL_BADGE = (128, 122, 110)


def badge_items(forces: Mapping[str, int] | None, power_order: Sequence[str]
                ) -> list[tuple[str, str]]:
    """(power id or 'neutral' or '?', label) per badge, in scenario power order."""
    if forces is None:
        return [("?", "?")]
    order = {p: i for i, p in enumerate(power_order)}
    present = [(p, n) for p, n in forces.items() if n]
    present.sort(key=lambda item: order.get(item[0], len(order)))
    return [(p, str(n)) for p, n in present]


def badge_colour(who: str, power_colours: Mapping[str, Colour]) -> Colour:
    if who == "?":
        return FOG_BADGE
    if who == "neutral":
        return NEUTRAL_BADGE
    return power_colours.get(who, NEUTRAL_BADGE)


def draw_badges(surf: pygame.Surface, forces: Mapping[str, int] | None,
                power_colours: Mapping[str, Colour], power_order: Sequence[str],
                centre: tuple[float, float], height: int) -> list[pygame.Rect]:
    """Draw a centred row of badges; returns their rects (for tests and tooltips)."""
    items = badge_items(forces, power_order)
    if not items:
        return []
    size = max(9, height - 3)
    surfaces = []
    for who, label in items:
        fill = badge_colour(who, power_colours)
        txt = fonts.text(label, size, palette.text_on(fill), bold=True)
        w = max(height, txt.get_width() + 10)
        surfaces.append((fill, txt, w))
    gap = 3
    total = sum(w for _, _, w in surfaces) + gap * (len(surfaces) - 1)
    x = centre[0] - total / 2
    y = centre[1] - height / 2
    rects = []
    for fill, txt, w in surfaces:
        rect = pygame.Rect(round(x), round(y), w, height)
        shadow = rect.move(1, 1)
        draw.pill(surf, shadow, palette.darker(fill, 0.55))
        draw.pill(surf, rect, fill, palette.darker(fill, 0.45))
        surf.blit(txt, txt.get_rect(center=rect.center))
        rects.append(rect)
        x += w + gap
    return rects
