"""The order list: every order of the draft in words, its odds or its rejection, and a
cross to remove it. Clicking a row selects the order (the map shows it, the slider edits
its amount); the wheel scrolls a long list.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import pygame

from game.words import palette
from ..orders_ui import ACCEPTED, PENDING, REJECTED, DraftEntry
from game.render import fonts
from .common import FAINT, GREEN_INK, RED_INK, wrap

ROW_PAD = 6
REMOVE_SIZE = 18
# What an empty list says: how to give orders, or, to a seat that gives none (a spectator,
# an observer), that it only watches.
HOW_TO_ORDER = ("No orders yet. Drag from a territory with your units to a neighbour to "
                "move; press B to build.")
WATCHING = "You are watching: this seat gives no orders."


@dataclass
class Row:
    index: int
    rect: pygame.Rect
    remove: pygame.Rect


@dataclass
class OrderList:
    """A list drawn in ``rect``; ``describe(i)`` gives entry i's label and note."""

    rect: pygame.Rect
    scroll: int = 0
    rows: list[Row] = field(default_factory=list)
    hovered: int | None = None
    caption: str = ""       # a team's line under the heading: who changed it, signed or not
    # The commitments meter: (line, kept) for each engaged pact, under the heading.
    meter: list[tuple[str, bool]] = field(default_factory=list)
    empty_note: str = HOW_TO_ORDER

    def hit(self, pos: tuple[int, int]) -> tuple[str, int] | None:
        """("remove", i) or ("select", i) for a click at ``pos``, else None."""
        for row in self.rows:
            if row.remove.collidepoint(pos):
                return ("remove", row.index)
            if row.rect.collidepoint(pos):
                return ("select", row.index)
        return None

    def scroll_by(self, lines: int) -> None:
        self.scroll = max(0, self.scroll + lines * 24)

    def draw(self, surf: pygame.Surface, entries: list[DraftEntry],
             describe: Callable[[int], tuple[str, str]], selected: int | None) -> None:
        r = self.rect
        pygame.draw.rect(surf, palette.PARCHMENT, r)
        heading = fonts.text("Orders", 15, palette.INK, bold=True, style="serif")
        surf.blit(heading, (r.x + 10, r.y + 6))
        counts = (f"{len(entries)} order{'s' if len(entries) != 1 else ''}"
                  if entries else "")
        rejected = sum(e.status == REJECTED for e in entries)
        if rejected:
            counts += f" · {rejected} rejected"
        if counts:
            img = fonts.text(counts, 12, RED_INK if rejected else FAINT)
            surf.blit(img, (r.right - img.get_width() - 10, r.y + 9))
        top = r.y + 30
        if self.caption:
            for line in wrap(self.caption, r.width - 20, 12)[:2]:
                img = fonts.text(line, 12, palette.INK_SOFT)
                surf.blit(img, (r.x + 10, top - 4))
                top += 15
            top += 4
        for line, kept in self.meter:
            for part in wrap(line, r.width - 20, 12)[:2]:
                img = fonts.text(part, 12, GREEN_INK if kept else RED_INK)
                surf.blit(img, (r.x + 10, top - 4))
                top += 15
            top += 2
        pygame.draw.line(surf, palette.PARCHMENT_DARK, (r.x + 8, top - 3), (r.right - 8, top - 3))
        self.rows = []
        if not entries:
            y = top + 6
            for line in wrap(self.empty_note, r.width - 24, 13):
                img = fonts.text(line, 13, FAINT)
                surf.blit(img, (r.x + 12, y))
                y += img.get_height() + 1
            return
        clip = surf.get_clip()
        body = pygame.Rect(r.x, top, r.width, r.bottom - top - 4)
        surf.set_clip(body)
        # Keep the selected row in sight when the list is taller than its box.
        layouts = []
        y = 0
        for i, entry in enumerate(entries):
            label, note = describe(i)
            lines = wrap(label, r.width - 52, 14)
            notes = wrap(note, r.width - 40, 12) if note else []
            h = ROW_PAD * 2 + 17 * len(lines) + 15 * len(notes)
            layouts.append((i, entry, lines, notes, y, h))
            y += h + 2
        total = y
        self.scroll = max(0, min(self.scroll, total - body.height))
        if selected is not None and selected < len(layouts):
            _, _, _, _, sy, sh = layouts[selected]
            if sy < self.scroll:
                self.scroll = sy
            elif sy + sh > self.scroll + body.height:
                self.scroll = sy + sh - body.height
        for i, entry, lines, notes, y, h in layouts:
            row = pygame.Rect(r.x + 6, top + y - self.scroll, r.width - 12, h)
            if row.bottom < body.top or row.top > body.bottom:
                continue
            fill = (palette.HOVER if i == self.hovered else palette.PARCHMENT)
            if i == selected:
                fill = (250, 236, 190)
            pygame.draw.rect(surf, fill, row, border_radius=6)
            if entry.status == REJECTED:
                pygame.draw.rect(surf, RED_INK, row, 1, border_radius=6)
            elif i == selected:
                pygame.draw.rect(surf, palette.SELECTED, row, 2, border_radius=6)
            mark, colour = {ACCEPTED: ("✓", GREEN_INK), REJECTED: ("✗", RED_INK),
                            PENDING: ("…", FAINT)}.get(entry.status, ("", FAINT))
            ty = row.y + ROW_PAD
            img = fonts.text(mark, 14, colour, bold=True)
            surf.blit(img, (row.x + 6, ty))
            for line in lines:
                img = fonts.text(line, 14, palette.INK)
                surf.blit(img, (row.x + 24, ty))
                ty += 17
            for line in notes:
                img = fonts.text(line, 12, RED_INK if entry.status == REJECTED else FAINT)
                surf.blit(img, (row.x + 24, ty))
                ty += 15
            remove = pygame.Rect(0, 0, REMOVE_SIZE, REMOVE_SIZE)
            remove.topright = (row.right - 6, row.y + ROW_PAD - 1)
            pygame.draw.rect(surf, palette.PARCHMENT_DARK, remove, border_radius=4)
            x_img = fonts.text("×", 16, palette.INK, bold=True)
            surf.blit(x_img, x_img.get_rect(center=remove.center))
            self.rows.append(Row(i, row.clip(body), remove))
        surf.set_clip(clip)
