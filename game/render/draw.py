"""Drawing primitives pygame lacks: dashed, dotted and jagged lines, arrows, stars, pills.

All take screen coordinates and draw straight into a surface; none keeps state.
"""

from __future__ import annotations

import math

import pygame

Point = tuple[float, float]
Colour = tuple[int, int, int] | tuple[int, int, int, int]


def _unit(a: Point, b: Point) -> tuple[float, float, float]:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy)
    if length < 1e-9:
        return 0.0, 0.0, 0.0
    return dx / length, dy / length, length


def shorten(a: Point, b: Point, start: float, end: float) -> tuple[Point, Point]:
    """The segment a→b with ``start`` pixels cut from a and ``end`` from b."""
    ux, uy, length = _unit(a, b)
    if length <= start + end:
        mid = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
        return mid, mid
    return (a[0] + ux * start, a[1] + uy * start), (b[0] - ux * end, b[1] - uy * end)


def offset_segment(a: Point, b: Point, d: float) -> tuple[Point, Point]:
    """The segment moved sideways by d pixels (parallel links between the same capitals)."""
    ux, uy, _ = _unit(a, b)
    nx, ny = -uy * d, ux * d
    return (a[0] + nx, a[1] + ny), (b[0] + nx, b[1] + ny)


def line(surf: pygame.Surface, colour: Colour, a: Point, b: Point, width: int = 1) -> None:
    if width <= 1:
        pygame.draw.aaline(surf, colour, a, b)
    else:
        pygame.draw.line(surf, colour, a, b, width)


def dashed(surf: pygame.Surface, colour: Colour, a: Point, b: Point, width: int = 1,
           dash: float = 10, gap: float = 6, phase: float = 0.0) -> None:
    ux, uy, length = _unit(a, b)
    pos = -(phase % (dash + gap))
    while pos < length:
        s = max(pos, 0.0)
        e = min(pos + dash, length)
        if e > s:
            line(surf, colour, (a[0] + ux * s, a[1] + uy * s),
                 (a[0] + ux * e, a[1] + uy * e), width)
        pos += dash + gap


def dotted(surf: pygame.Surface, colour: Colour, a: Point, b: Point, radius: float = 2,
           gap: float = 8) -> None:
    ux, uy, length = _unit(a, b)
    n = max(1, int(length // gap))
    step = length / n
    for i in range(n + 1):
        pygame.draw.circle(surf, colour, (a[0] + ux * step * i, a[1] + uy * step * i), radius)


def jagged(surf: pygame.Surface, colour: Colour, a: Point, b: Point, width: int = 2,
           amplitude: float = 5, wavelength: float = 14) -> None:
    """A zigzag from a to b: the front line of a war."""
    ux, uy, length = _unit(a, b)
    if length == 0:
        return
    nx, ny = -uy, ux
    n = max(2, int(length // (wavelength / 2)))
    pts = []
    for i in range(n + 1):
        t = length * i / n
        side = 0 if i in (0, n) else (amplitude if i % 2 else -amplitude)
        pts.append((a[0] + ux * t + nx * side, a[1] + uy * t + ny * side))
    pygame.draw.lines(surf, colour, False, pts, width)


def arrow_head(surf: pygame.Surface, colour: Colour, tip: Point, frm: Point,
               size: float = 10, outline: Colour | None = None) -> None:
    ux, uy, length = _unit(frm, tip)
    if length == 0:
        return
    nx, ny = -uy, ux
    base = (tip[0] - ux * size, tip[1] - uy * size)
    pts = [tip, (base[0] + nx * size * 0.55, base[1] + ny * size * 0.55),
           (base[0] - nx * size * 0.55, base[1] - ny * size * 0.55)]
    pygame.draw.polygon(surf, colour, pts)
    if outline is not None:
        pygame.draw.polygon(surf, outline, pts, 1)


def arrow(surf: pygame.Surface, colour: Colour, a: Point, b: Point, width: int = 3,
          head: float = 12, outline: Colour | None = None, dashed_body: bool = False) -> None:
    """A thick arrow a→b with an optional dark outline so it reads on any fill."""
    ux, uy, length = _unit(a, b)
    if length < 2:
        return
    body_end = (b[0] - ux * head * 0.8, b[1] - uy * head * 0.8)
    if outline is not None and not dashed_body:
        pygame.draw.line(surf, outline, a, body_end, width + 2)
    if dashed_body:
        dashed(surf, colour, a, body_end, width, dash=8, gap=5)
    else:
        pygame.draw.line(surf, colour, a, body_end, width)
    arrow_head(surf, colour, b, a, head, outline)


def star_points(cx: float, cy: float, r: float, points: int = 5) -> list[Point]:
    out = []
    for i in range(points * 2):
        rad = r if i % 2 == 0 else r * 0.45
        ang = -math.pi / 2 + i * math.pi / points
        out.append((cx + rad * math.cos(ang), cy + rad * math.sin(ang)))
    return out


def star(surf: pygame.Surface, fill: Colour, outline: Colour, cx: float, cy: float,
         r: float) -> None:
    pts = star_points(cx, cy, r)
    pygame.draw.polygon(surf, fill, pts)
    pygame.draw.polygon(surf, outline, pts, 1)


def pill(surf: pygame.Surface, rect: pygame.Rect, fill: Colour, border: Colour | None = None,
         radius: int | None = None) -> None:
    """A rounded rectangle (badges, callouts)."""
    r = rect.height // 2 if radius is None else radius
    pygame.draw.rect(surf, fill, rect, border_radius=r)
    if border is not None:
        pygame.draw.rect(surf, border, rect, 1, border_radius=r)


def lerp(a: Point, b: Point, t: float) -> Point:
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)


def swords(surf: pygame.Surface, colour: Colour, cx: float, cy: float, r: float,
           width: int = 2) -> None:
    """Crossed swords: two diagonal blades with hilts."""
    for sx in (-1, 1):
        a = (cx - sx * r, cy + r)
        b = (cx + sx * r, cy - r)
        pygame.draw.line(surf, colour, a, b, width)
        # the hilt: a short crossguard near the grip end
        gx, gy = cx - sx * r * 0.55, cy + r * 0.55
        pygame.draw.line(surf, colour, (gx - r * 0.3, gy - sx * r * 0.3),
                         (gx + r * 0.3, gy + sx * r * 0.3), width)
