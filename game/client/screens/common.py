"""Drawing helpers the screens share: wrapped text, headings, cards, small buttons' hit areas.

Everything here draws with the game's palette and fonts (``render.fonts``), so the screens
read as one book: parchment cards, ink text, serif headings.
"""

from __future__ import annotations

from typing import Any, Mapping

import pygame

from game.words import palette
from game.render import draw, fonts

Colour = tuple[int, int, int]

RED_INK = (160, 36, 30)
GREEN_INK = (46, 110, 56)
FAINT = (120, 108, 92)


def kill_widgets(*groups: Mapping[str, Any]) -> None:
    """Take every widget of the given name → widget maps off the screen."""
    for group in groups:
        for widget in group.values():
            widget.kill()


def close_tooltips(manager: Any) -> None:
    """Close every widget's tooltip now (pygame_gui's, shown after a hover): a menu or a
    modal dialog opening over the widgets must not keep the words of one under it. The
    widget starts counting its hover delay again, so the tooltip comes back only if the
    pointer stays on it that long."""
    group = manager.get_sprite_group()
    for element in group.sprites():
        if getattr(element, "tool_tip", None) is not None:
            element.tool_tip.kill()
            element.tool_tip = None
            element.hover_time = 0.0
    group.update_visibility()     # what draw_ui blits, or it draws the killed tooltip once more


def modal_open(manager: Any) -> bool:
    """Whether a blocking dialog (a confirmation) is up: while it is, a screen draws no
    tooltip of its own, which would otherwise lie over the dialog's words."""
    return any(getattr(window, "is_blocking", False) and window.alive()
               for window in manager.get_window_stack().get_full_stack())


def three_columns(size: tuple[int, int], left_share: float,
                  middle_share: float) -> tuple[pygame.Rect, pygame.Rect, pygame.Rect]:
    """The three cards of a form screen (start, lobby, create a match) under its title:
    ``left_share`` and ``middle_share`` of the width, the right one the rest. On a big
    screen the form keeps a readable size and sits in the middle."""
    w, h = size
    gap, top = 20, 96
    total = min(w - 48, 1500)
    left = (w - total) // 2
    usable = total - 2 * gap
    a = int(usable * left_share)
    b = int(usable * middle_share)
    c = usable - a - b
    height = min(h - top - 24, 820)
    top += max(0, (h - top - 24 - height) // 2)
    return (pygame.Rect(left, top, a, height), pygame.Rect(left + a + gap, top, b, height),
            pygame.Rect(left + a + b + 2 * gap, top, c, height))


def wrap(text: str, width: int, size: int = 14, *, bold: bool = False,
         style: str = "sans") -> list[str]:
    """Greedy word wrap of ``text`` to ``width`` pixels (explicit newlines are kept)."""
    return fonts.wrap(text, width, size, bold, style)


def blit_text(surf: pygame.Surface, text: str, pos: tuple[int, int], *, size: int = 14,
              colour: Colour = palette.INK, bold: bool = False, style: str = "sans",
              width: int | None = None, line_gap: int = 2, centre: bool = False) -> int:
    """Draw text (wrapped to ``width`` when given) from ``pos``; returns the y below it."""
    x, y = pos
    lines = wrap(text, width, size, bold=bold, style=style) if width else [text]
    for line in lines:
        img = fonts.text(line, size, colour, bold, style)
        surf.blit(img, (x - img.get_width() // 2, y) if centre else (x, y))
        y += img.get_height() + line_gap
    return y


def text_height(text: str, width: int, *, size: int = 14, bold: bool = False,
                style: str = "sans", line_gap: int = 2) -> int:
    """How far down ``blit_text`` with these arguments draws (what it adds to ``pos``'s y)."""
    lines = wrap(text, width, size, bold=bold, style=style)
    return len(lines) * (fonts.font(size, bold, style).get_height() + line_gap)


def card(surf: pygame.Surface, rect: pygame.Rect, *, fill: Colour = palette.PARCHMENT,
         border: Colour = palette.INK_SOFT, radius: int = 10, shadow: bool = True) -> None:
    """A parchment card with a soft shadow."""
    if shadow:
        sh = pygame.Surface(rect.size, pygame.SRCALPHA)
        draw.pill(sh, sh.get_rect(), (0, 0, 0, 60), radius=radius)
        surf.blit(sh, rect.move(3, 4))
    draw.pill(surf, rect, fill, border, radius=radius)


def paper_background(surf: pygame.Surface) -> None:
    """The backdrop of the menus: the sea with a faint grid of meridians."""
    surf.fill(palette.SEA)
    w, h = surf.get_size()
    for x in range(0, w, 80):
        pygame.draw.line(surf, palette.SEA_DEEP, (x, 0), (x, h))
    for y in range(0, h, 80):
        pygame.draw.line(surf, palette.SEA_DEEP, (0, y), (w, y))


def swatch(surf: pygame.Surface, colour: Colour, centre: tuple[int, int], r: int = 7) -> None:
    pygame.draw.circle(surf, colour, centre, r)
    pygame.draw.circle(surf, palette.INK, centre, r, 1)


# What the banner across the map says while an online connection is down (by status).
CONNECTION_BANNERS = {"reconnecting": "Reconnecting… your orders are kept and sent again "
                                      "once back",
                      "closed": "Disconnected from the host"}


def connection_banner(surf: pygame.Surface, area: pygame.Rect, conn: object) -> int | None:
    """While an online connection is down, a banner across the top of ``area``; returns
    the y below it (None when all is well, or for a hot-seat connection, which closes only
    as its screen goes)."""
    status = getattr(conn, "status", "")
    text = CONNECTION_BANNERS.get(status)
    if text is None or not hasattr(conn, "reconnects"):
        return None
    if status == "closed" and getattr(conn, "error", ""):
        text = f"{text}: {conn.error}"   # type: ignore[attr-defined]
    img = fonts.text(text, 16, palette.PARCHMENT, bold=True)
    rect = pygame.Rect(area.x, area.y, area.width, img.get_height() + 16)
    shade = pygame.Surface(rect.size, pygame.SRCALPHA)
    shade.fill((*RED_INK, 225) if status == "closed" else (150, 104, 14, 225))
    surf.blit(shade, rect)
    surf.blit(img, img.get_rect(center=rect.center))
    return rect.bottom
