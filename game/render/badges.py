"""Unit badges: one small pill per power with units in a territory, in the power's colour,
with the count; a single grey "?" where the seat's view hides the forces (RULES.md §7)."""

from __future__ import annotations

from functools import lru_cache
from typing import Mapping, Sequence

import pygame

from game.words import palette
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
                centre: tuple[float, float], height: int) -> pygame.Rect | None:
    """Draw a centred row of badges; returns the row's rect (None: nothing to show)."""
    items = badge_items(forces, power_order)
    if not items:
        return None
    row = badge_row(tuple((label, badge_colour(who, power_colours)) for who, label in items),
                    height)
    rect = row.get_rect(center=(round(centre[0]), round(centre[1])))
    surf.blit(row, rect)
    return rect


GAP = 3  # pixels between the pills of a row


def pill_width(label: str, height: int) -> int:
    """How wide one badge is (badge_row draws it so; name placement keeps clear of it)."""
    return max(height, fonts.font(max(9, height - 3), bold=True).size(label)[0] + 10)


def badge_row_size(labels: Sequence[str], height: int) -> tuple[int, int]:
    """The size of the row ``badge_row`` draws for these labels."""
    if not labels:
        return (0, 0)
    return (sum(pill_width(x, height) for x in labels) + GAP * (len(labels) - 1) + 1,
            height + 1)


@lru_cache(maxsize=4096)
def badge_row(items: tuple[tuple[str, Colour], ...], height: int) -> pygame.Surface:
    """A row of pills, cached: on a big map most territories share a few (colour, count)
    rows, and blitting one surface is far cheaper than drawing pills and text each time."""
    size = max(9, height - 3)
    pieces = []
    for label, fill in items:
        txt = fonts.text(label, size, palette.text_on(fill), bold=True)
        pieces.append((fill, txt, pill_width(label, height)))
    gap = GAP
    width = badge_row_size([label for label, _ in items], height)[0]
    row = pygame.Surface((width, height + 1), pygame.SRCALPHA)
    x = 0
    for fill, txt, w in pieces:
        rect = pygame.Rect(x, 0, w, height)
        draw.pill(row, rect.move(1, 1), palette.darker(fill, 0.55))
        draw.pill(row, rect, fill, palette.darker(fill, 0.45))
        row.blit(txt, txt.get_rect(center=rect.center))
        x += w + gap
    return row
