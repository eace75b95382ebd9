"""The top bar of the game screen: the turn and season, whose screen this is, the treasury
and legitimacy, every seat's ready flag, the deadline countdown and the connection status."""

from __future__ import annotations

import time
from typing import Any

import pygame

from game.words import palette
from ..connection import CLOSED, CONNECTING, OPEN, RECONNECTING
from ..model import MatchModel
from ..render import fonts
from .common import FAINT, GREEN_INK, RED_INK

STATUS_COLOURS = {OPEN: GREEN_INK, CONNECTING: (196, 140, 20), RECONNECTING: (196, 140, 20),
                  CLOSED: RED_INK}
BAR = (222, 208, 176)


def countdown(seconds: float) -> str:
    """"4:05" or "1:02:30" for a number of seconds."""
    s = int(seconds)
    h, rest = divmod(s, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


class TopBar:
    """Draws the bar; holds nothing but the last layout (for tests)."""

    def __init__(self) -> None:
        self.flags: dict[str, pygame.Rect] = {}

    def draw(self, surf: pygame.Surface, rect: pygame.Rect, model: MatchModel, status: str,
             *, player: str = "", replaying: Any = None, now: float | None = None) -> None:
        pygame.draw.rect(surf, BAR, rect)
        pygame.draw.line(surf, palette.INK_SOFT, rect.bottomleft, rect.bottomright)
        x = rect.x + 14
        cy = rect.centery
        turn = fonts.text(f"Turn {model.turn}", 18, palette.INK, bold=True, style="serif")
        surf.blit(turn, (x, cy - turn.get_height() // 2))
        x += turn.get_width() + 8
        # A scenario without seasons labels its turns "Turn N": said once is enough.
        if model.label and model.label != f"Turn {model.turn}":
            label = fonts.text(model.label, 16, palette.INK_SOFT, style="serif")
            surf.blit(label, (x, cy - label.get_height() // 2))
            x += label.get_width()
        x += 22
        if model.is_power:
            colour = _colour(model, model.seat)
            pygame.draw.circle(surf, colour, (x + 8, cy), 8)
            pygame.draw.circle(surf, palette.INK, (x + 8, cy), 8, 1)
            who = model.power_name(model.seat) + (f" ({player})" if player else "")
            img = fonts.text(who, 15, palette.INK, bold=True)
            surf.blit(img, (x + 22, cy - img.get_height() // 2))
            x += 30 + img.get_width()
            mine = model.view.get("powers", {}).get(model.seat, {})
            facts = []
            if mine.get("treasury") is not None:
                facts.append(f"{mine['treasury']} IP")
            if mine.get("legitimacy") is not None:
                facts.append(f"legitimacy {mine['legitimacy']}")
            if facts:
                img = fonts.text(" · ".join(facts), 13, FAINT)
                surf.blit(img, (x, cy - img.get_height() // 2))
                x += img.get_width() + 18
        elif model.seat:
            img = fonts.text(f"Watching as {model.seat}", 15, palette.INK_SOFT)
            surf.blit(img, (x, cy - img.get_height() // 2))
            x += img.get_width() + 18
        if replaying is not None:
            img = fonts.text("War outcomes — Space or a click to skip", 14, RED_INK, bold=True)
            surf.blit(img, (x, cy - img.get_height() // 2))
            x += img.get_width() + 18
        # Right side: connection, countdown, ready flags (drawn right to left).
        right = rect.right - 96
        dot = STATUS_COLOURS.get(status, FAINT)
        img = fonts.text(status, 12, FAINT)
        right -= img.get_width()
        surf.blit(img, (right, cy - img.get_height() // 2))
        pygame.draw.circle(surf, dot, (right - 9, cy), 5)
        right -= 24
        paused = getattr(model, "paused", False)
        if paused and not model.over:
            img = fonts.text("clock paused", 15, RED_INK, bold=True)
            right -= img.get_width()
            surf.blit(img, (right, cy - img.get_height() // 2))
            right -= 18
        elif getattr(model, "stage", "orders") == "negotiation" and not model.over:
            img = fonts.text("negotiation", 13, FAINT, bold=True)
            right -= img.get_width()
            surf.blit(img, (right, cy - img.get_height() // 2))
            right -= 14
        if model.deadline_at is not None and not model.over:
            left = max(0.0, model.deadline_at - (time.time() if now is None else now))
            img = fonts.text(f"{countdown(left)} left", 15,
                             RED_INK if left < 60 else palette.INK, bold=True)
            right -= img.get_width()
            surf.blit(img, (right, cy - img.get_height() // 2))
            right -= 18
        self.flags = {}
        for power in reversed(list(model.ready)):
            if model.seats.get(power, {}).get("kind") == "empty":
                continue   # nobody plays it: no flag to wait for
            if right < x + 40:
                break
            ready = model.ready.get(power, False)
            short = power
            img = fonts.text(short + (" ✓" if ready else ""), 12,
                             palette.INK if ready else FAINT, bold=ready)
            w = img.get_width() + 24
            box = pygame.Rect(right - w, cy - 11, w, 22)
            pygame.draw.rect(surf, palette.PARCHMENT if ready else BAR, box, border_radius=11)
            pygame.draw.rect(surf, palette.INK_SOFT, box, 1, border_radius=11)
            pygame.draw.circle(surf, _colour(model, power), (box.x + 10, cy), 5)
            surf.blit(img, (box.x + 18, cy - img.get_height() // 2))
            self.flags[power] = box
            right = box.x - 6


def _colour(model: MatchModel, power: str) -> tuple[int, int, int]:
    for entry in model.powers:
        if entry["id"] == power:
            return palette.hex_colour(entry.get("color"))
    return palette.NEUTRAL
