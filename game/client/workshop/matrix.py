"""The pact matrix: powers × powers, each cell coloured by the pacts between the two (by
kind) or red for war, drawn as one image for the dashboard."""

from __future__ import annotations

from typing import Any, Mapping, Sequence

import pygame

from game.words import palette
from game.render import fonts

KIND_COLOURS = {"defensive": palette.LINK_DEFENSIVE, "offensive": palette.LINK_OFFENSIVE,
                "non_aggression": palette.LINK_NON_AGGRESSION, "peace": palette.LINK_PEACE}
KIND_WORDS = {"defensive": "defensive", "offensive": "offensive",
              "non_aggression": "non-aggression", "peace": "peace"}
HEADER = 46


def cell_kinds(dashboard: Mapping[str, Any], a: str, b: str) -> list[str]:
    """The kinds of the active pacts between ``a`` and ``b``, and "war" if they fight."""
    kinds = {p["id"]: p["kind"] for p in dashboard.get("pacts", [])}
    out = [kinds.get(pid, "?") for pid in dashboard.get("pact_matrix", {}).get(a, {}).get(b, [])]
    if sorted([a, b]) in [sorted(w) for w in dashboard.get("wars", [])]:
        out.append("war")
    return out


def draw_matrix(dashboard: Mapping[str, Any], powers: Sequence[Mapping[str, Any]],
                width: int) -> pygame.Surface:
    """The matrix with a legend, ``width`` pixels wide."""
    ids = [p["id"] for p in powers]
    colour = {p["id"]: palette.hex_colour(p.get("color")) for p in powers}
    n = max(1, len(ids))
    cell = max(14, min(40, (width - HEADER) // n))
    font = fonts.font(12, bold=True)
    legend_h = 40
    surf = pygame.Surface((width, HEADER + cell * n + legend_h), pygame.SRCALPHA)
    surf.fill((*palette.PARCHMENT, 255))
    for i, p in enumerate(ids):
        x = HEADER + i * cell
        pygame.draw.rect(surf, colour[p], (x + 1, 2, cell - 2, HEADER - 6))
        label = font.render(p[:4], True, palette.text_on(colour[p]))
        label = pygame.transform.rotate(label, 90) if label.get_width() > cell - 2 else label
        surf.blit(label, label.get_rect(center=(x + cell // 2, HEADER // 2 - 1)))
        y = HEADER + i * cell
        pygame.draw.rect(surf, colour[p], (2, y + 1, HEADER - 6, cell - 2))
        label = font.render(p[:5], True, palette.text_on(colour[p]))
        surf.blit(label, label.get_rect(center=(HEADER // 2 - 1, y + cell // 2)))
    for i, a in enumerate(ids):
        for j, b in enumerate(ids):
            rect = pygame.Rect(HEADER + j * cell + 1, HEADER + i * cell + 1, cell - 2, cell - 2)
            if a == b:
                pygame.draw.rect(surf, palette.PARCHMENT_DARK, rect)
                continue
            kinds = cell_kinds(dashboard, a, b)
            if not kinds:
                pygame.draw.rect(surf, palette.lighter(palette.PARCHMENT_DARK, 0.5), rect)
            else:
                # One stripe per pact (and war), so two pacts between a pair both show.
                h = rect.height / len(kinds)
                for k, kind in enumerate(kinds):
                    c = palette.LINK_WAR if kind == "war" else KIND_COLOURS.get(
                        kind, palette.INK_SOFT)
                    pygame.draw.rect(surf, c, (rect.x, rect.y + round(k * h), rect.width,
                                               round((k + 1) * h) - round(k * h)))
            pygame.draw.rect(surf, palette.INK_SOFT, rect, 1)
    x, y = 2, HEADER + cell * n + 8
    for kind, c in [*KIND_COLOURS.items(), ("war", palette.LINK_WAR)]:
        word = font.render(KIND_WORDS.get(kind, kind), True, palette.INK)
        if x + 16 + word.get_width() > width:
            x, y = 2, y + 16
        pygame.draw.rect(surf, c, (x, y + 2, 12, 12))
        surf.blit(word, (x + 16, y))
        x += 16 + word.get_width() + 12
    return surf
