"""The hover tooltip: everything the seat's view tells about one territory, in a small card.

``territory_facts`` is plain text (a panel can show the same lines); ``draw_tooltip`` paints
the card next to the mouse, kept inside the surface.
"""

from __future__ import annotations

from typing import Any, Mapping

import pygame

from game.words import palette
from . import draw, fonts
from .geometry import TerritoryShape

TERRAIN_WORDS = {"plains": "plains", "forest": "forest", "marsh": "marsh", "hills": "hills",
                 "urban": "city", "mountains": "mountains"}


def territory_facts(t: TerritoryShape, view: Mapping[str, Any] | None,
                    power_names: Mapping[str, str]) -> list[str]:
    """Title line first, then what the view shows: owner, capital, value, forces, wars."""
    def name(pid: str | None) -> str:
        return power_names.get(pid or "", pid or "neutral")

    lines = [t.name]
    terrain = TERRAIN_WORDS.get(t.terrain, t.terrain)
    lines.append(f"{terrain.capitalize()}, worth {t.value} IP a turn")
    doc = (view or {}).get("territories", {}).get(t.id)
    if doc is not None:
        owner = doc.get("owner")
        lines.append(f"Held by {name(owner)}" if owner else "Neutral")
    if t.capital_of:
        lines.append(f"Capital of {name(t.capital_of)}")
    if doc is not None:
        forces = doc.get("forces")
        if forces is None:
            lines.append("Forces: unknown (beyond your sight)")
        else:
            present = [f"{'Neutral garrison' if p == 'neutral' else name(p)} {n}"
                       for p, n in forces.items() if n]
            lines.append("Forces: " + (", ".join(present) if present else "none"))
    return lines


def draw_tooltip(surf: pygame.Surface, lines: list[str], at: tuple[float, float]) -> pygame.Rect:
    """A parchment card below-right of ``at`` (flipped to stay on screen)."""
    title = fonts.text(lines[0], 16, palette.INK, bold=True, style="serif")
    body = [fonts.text(line, 13, palette.INK_SOFT) for line in lines[1:]]
    pad = 9
    w = max([title.get_width()] + [b.get_width() for b in body]) + 2 * pad
    h = title.get_height() + sum(b.get_height() + 2 for b in body) + 2 * pad + 2
    rect = pygame.Rect(round(at[0]) + 16, round(at[1]) + 18, w, h)
    bounds = surf.get_rect()
    if rect.right > bounds.right:
        rect.right = round(at[0]) - 10
    if rect.bottom > bounds.bottom:
        rect.bottom = round(at[1]) - 10
    rect.clamp_ip(bounds)
    shadow = pygame.Surface(rect.size, pygame.SRCALPHA)
    draw.pill(shadow, shadow.get_rect(), (0, 0, 0, 70), radius=7)
    surf.blit(shadow, rect.move(3, 3))
    draw.pill(surf, rect, palette.CALLOUT_BG, palette.CALLOUT_BORDER, radius=7)
    y = rect.y + pad
    surf.blit(title, (rect.x + pad, y))
    y += title.get_height() + 2
    pygame.draw.line(surf, palette.PARCHMENT_DARK, (rect.x + pad, y), (rect.right - pad, y))
    y += 3
    for b in body:
        surf.blit(b, (rect.x + pad, y))
        y += b.get_height() + 2
    return rect
