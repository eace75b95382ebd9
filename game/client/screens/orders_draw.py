"""A seat's draft orders on the map: move arrows with the engine's odds, builds, rejections.

Drawn every frame over the map (after the links), in screen pixels of the map's surface:

- a move is an arrow from its territory to the neighbour, coloured by what it does
  (reinforce: ink; attack: red; into neutral land: amber; not yet at war: grey and dashed)
  with a tag at its middle: the units, and for an attack the chance to win;
- a build is a green "+n" tag on the territory;
- a rejected order is drawn in red with a cross, so the refusal shows where it was made;
- the selected order is drawn thicker, with a gold outline.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import pygame

from game.words import palette
from ..orders_ui import ATTACK, INVADE, NEEDS_WAR, REINFORCE, REJECTED, UNKNOWN, ArrowPreview
from game.render import draw, fonts

Colour = tuple[int, int, int]
Point = tuple[float, float]

ARROW_COLOURS: dict[str, Colour] = {
    REINFORCE: (52, 44, 36),
    ATTACK: (168, 30, 26),
    INVADE: (196, 120, 20),
    NEEDS_WAR: (120, 112, 100),
    UNKNOWN: (140, 40, 36),
}
REJECTED_COLOUR: Colour = (200, 20, 20)
BUILD_COLOUR: Colour = (46, 120, 60)
SELECTED_OUTLINE: Colour = palette.SELECTED


@dataclass(frozen=True)
class DrawnOrder:
    """Where an order was drawn: its tag's rectangle, for clicks on the map."""

    index: int
    tag: pygame.Rect


def tag(surf: pygame.Surface, text: str, centre: Point, colour: Colour, *,
        selected: bool = False) -> pygame.Rect:
    """A small rounded label in ``colour`` with white text, centred on ``centre``."""
    img = fonts.text(text, 13, (255, 255, 255), bold=True)
    rect = img.get_rect(center=(round(centre[0]), round(centre[1]))).inflate(12, 5)
    draw.pill(surf, rect, colour, SELECTED_OUTLINE if selected else palette.INK)
    if selected:
        pygame.draw.rect(surf, SELECTED_OUTLINE, rect.inflate(4, 4), 2,
                         border_radius=rect.height // 2 + 2)
    surf.blit(img, img.get_rect(center=rect.center))
    return rect


def cross(surf: pygame.Surface, centre: Point, r: float = 9) -> None:
    """The red cross of a rejected order."""
    cx, cy = centre
    pygame.draw.circle(surf, (255, 255, 255), (cx, cy), r + 2)
    pygame.draw.circle(surf, REJECTED_COLOUR, (cx, cy), r + 2, 2)
    for dx in (-1, 1):
        pygame.draw.line(surf, REJECTED_COLOUR, (cx - r * 0.55, cy - dx * r * 0.55),
                         (cx + r * 0.55, cy + dx * r * 0.55), 3)


def move_arrow(surf: pygame.Surface, a: Point, b: Point, preview: ArrowPreview | None, n: int,
               *, rejected: bool = False, selected: bool = False) -> pygame.Rect:
    """One move arrow from a to b with its tag; returns the tag's rectangle."""
    kind = preview.kind if preview is not None else REINFORCE
    colour = REJECTED_COLOUR if rejected else ARROW_COLOURS.get(kind, ARROW_COLOURS[REINFORCE])
    a2, b2 = draw.shorten(a, b, 10, 12)
    width = 6 if selected else 4
    if selected:
        draw.arrow(surf, SELECTED_OUTLINE, a2, b2, width + 4, head=18)
    draw.arrow(surf, colour, a2, b2, width, head=15, outline=palette.INK,
               dashed_body=kind == NEEDS_WAR and not rejected)
    text = str(n)
    if preview is not None and preview.percent is not None and not rejected:
        text += f" · {preview.percent}%"
    elif preview is not None and preview.kind == UNKNOWN and not rejected:
        text += " · ?"
    mid = ((a2[0] + b2[0]) / 2, (a2[1] + b2[1]) / 2)
    rect = tag(surf, text, mid, colour, selected=selected)
    if rejected:
        cross(surf, (rect.right + 9, rect.centery))
    return rect


def build_tag(surf: pygame.Surface, at: Point, n: int, *, rejected: bool = False,
              selected: bool = False) -> pygame.Rect:
    """A build's "+n" tag centred on ``at`` (below the territory's unit badges)."""
    rect = tag(surf, f"+{n}", at, REJECTED_COLOUR if rejected else BUILD_COLOUR,
               selected=selected)
    if rejected:
        cross(surf, (rect.right + 9, rect.centery))
    return rect


def draw_draft(surf: pygame.Surface, entries: list, anchor: Callable[[str], Point],
               preview: Callable[[int], ArrowPreview | None],
               selected: int | None = None,
               build_at: Callable[[str], Point] | None = None) -> list[DrawnOrder]:
    """Every move and build of the draft; ``anchor`` maps a territory to surface pixels
    (arrows run between anchors), ``build_at`` to where its build tag goes (default: just
    below the anchor), ``preview(i)`` is entry i's arrow preview. Returns where each
    order's tag went."""
    if build_at is None:
        def build_at(tid: str) -> Point:
            x, y = anchor(tid)
            return (x, y + 22)
    out = []
    pairs = {(e.order.get("from"), e.order.get("to")) for e in entries
             if e.order.get("op") == "move"}
    for i, entry in enumerate(entries):
        order = entry.order
        rejected = entry.status == REJECTED
        try:
            if order.get("op") == "move":
                a, b = anchor(order["from"]), anchor(order["to"])
                if (order["to"], order["from"]) in pairs:
                    # Moves both ways along one border: each keeps to its right.
                    a, b = draw.offset_segment(a, b, 7)
                rect = move_arrow(surf, a, b,
                                  preview(i), int(order.get("n", 0)), rejected=rejected,
                                  selected=i == selected)
            elif order.get("op") == "build":
                rect = build_tag(surf, build_at(order["territory"]), int(order.get("n", 0)),
                                 rejected=rejected, selected=i == selected)
            else:
                continue
        except KeyError:   # an order naming a territory not on this map: the list says so
            continue
        out.append(DrawnOrder(i, rect))
    return out


def drag_arrow(surf: pygame.Surface, a: Point, b: Point, valid: bool) -> None:
    """The arrow that follows the mouse while a move is dragged."""
    colour = ARROW_COLOURS[REINFORCE] if valid else NEEDS_WAR_COLOUR
    draw.arrow(surf, colour, a, b, 4, head=15, outline=palette.INK, dashed_body=not valid)


NEEDS_WAR_COLOUR = ARROW_COLOURS[NEEDS_WAR]
