"""The top bar of the game screen: the turn and season, whose screen this is, the treasury
and legitimacy (in ruleset 2 also the treasury's net a turn after upkeep and the score
against par), every seat's ready flag, the deadline countdown and the connection status."""

from __future__ import annotations

import time
from typing import Any, Mapping

import pygame

from game.engine.params import Rules
from game.words import palette
from ..connection import CLOSED, CONNECTING, OPEN, RECONNECTING
from ..model import MatchModel
from game.render import fonts
from ..standing import outlook, outlook_words, score_now
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


# How a ready chip is drawn, widest first: a bar too narrow for every power's chip at one
# style takes the next (smaller type, then the colour dot and tick alone), so no power drops.
CHIP_STYLES = ((12, 24, True), (11, 20, True), (10, 16, True), (10, 16, False))
CHIP_GAP = 6


class TopBar:
    """Draws the bar; holds nothing but the last layout (for tests and tooltips)."""

    def __init__(self, values: Mapping[str, int] | None = None, rules: Rules | None = None) -> None:
        self.flags: dict[str, pygame.Rect] = {}
        self.chip_style = CHIP_STYLES[0]
        self.values: Mapping[str, int] = values or {}    # the map's territory values
        self.rules = rules or Rules()
        self.facts_box: pygame.Rect | None = None       # where the treasury facts were drawn

    def draw(self, surf: pygame.Surface, rect: pygame.Rect, model: MatchModel, status: str,
             *, player: str = "", replaying: Any = None, now: float | None = None) -> None:
        pygame.draw.rect(surf, BAR, rect)
        pygame.draw.line(surf, palette.INK_SOFT, rect.bottomleft, rect.bottomright)
        cy = rect.centery
        right = self._draw_right(surf, rect, model, status, now)
        chips = [p for p in model.ready if model.seats.get(p, {}).get("kind") != "empty"]
        # Named chips in smaller type, then the left side giving up detail (the player's
        # name, then the treasury), and only then bare dots: no power's chip is ever
        # dropped, and the seat's own figures go only when even the smallest names do not fit.
        room = {d: right - rect.x - self._left_width(model, player, replaying, d) - 12
                for d in (2, 1, 0)}
        named = [st for st in CHIP_STYLES if st[2]]
        bare = [st for st in CHIP_STYLES if not st[2]]
        style, detail = CHIP_STYLES[-1], 0
        for st, d in [(st, d) for d in (2, 1, 0) for st in named] + \
                [(st, d) for st in bare for d in (2, 1, 0)]:
            if _chips_width(model, chips, st) <= room[d]:
                style, detail = st, d
                break
        self.chip_style = style
        self.facts_box = None
        self._draw_left(surf, rect, model, player, replaying, detail)
        self.flags = {}
        for power in reversed(chips):
            box = self._draw_chip(surf, model, power, right, cy, self.chip_style)
            self.flags[power] = box
            right = box.x - CHIP_GAP

    def tooltip(self, pos: tuple[int, int], model: MatchModel) -> str | None:
        """The words for what is under ``pos``: a chip (the power's name and whether it is
        ready), or the seat's treasury facts (in ruleset 2, the income, upkeep and net a
        turn, and the score against par spelled out)."""
        for power, box in self.flags.items():
            if box.collidepoint(pos):
                ready = model.ready.get(power, False)
                return f"{model.power_name(power)}: {'ready' if ready else 'still planning'}"
        if self.facts_box is not None and self.facts_box.collidepoint(pos):
            return self._facts_tip(model)
        return None

    def _facts_tip(self, model: MatchModel) -> str | None:
        words = []
        o = outlook(model.view, self.values, model.seat, self.rules)
        if o is not None:
            words.append(f"Treasury: {outlook_words(o)} if nothing changes hands")
        score = score_now(model, self.values, rules=self.rules)
        if score is not None:
            words.append(f"Score against par if the game ended now: {score:+g}")
        return "; ".join(words) or None

    def _draw_chip(self, surf: pygame.Surface, model: MatchModel, power: str, right: int,
                   cy: int, style: tuple[int, int, bool]) -> pygame.Rect:
        size, pad, named = style
        ready = model.ready.get(power, False)
        label = (power if named else "") + (" \u2713" if ready else "")
        img = fonts.text(label.strip(), size, palette.INK if ready else FAINT, bold=ready) \
            if label.strip() else None
        w = _chip_width(img.get_width() if img else 0, pad)
        box = pygame.Rect(right - w, cy - 11, w, 22)
        pygame.draw.rect(surf, palette.PARCHMENT if ready else BAR, box, border_radius=11)
        pygame.draw.rect(surf, palette.INK_SOFT, box, 1, border_radius=11)
        dot_x = box.x + (10 if img else box.width // 2)
        pygame.draw.circle(surf, _colour(model, power), (dot_x, cy), 5)
        if img is not None:
            surf.blit(img, (box.x + _text_x(pad), cy - img.get_height() // 2))
        return box

    def _who(self, model: MatchModel, player: str, detail: int) -> str:
        return model.power_name(model.seat) + (f" ({player})" if player and detail >= 2 else "")

    def _facts(self, model: MatchModel) -> str:
        mine = model.view.get("powers", {}).get(model.seat, {})
        facts = []
        if mine.get("treasury") is not None:
            o = outlook(model.view, self.values, model.seat, self.rules)
            net = f" ({o.net:+d} a turn)" if o is not None else ""
            facts.append(f"{mine['treasury']} IP{net}")
        if mine.get("legitimacy") is not None:
            facts.append(f"legitimacy {mine['legitimacy']}")
        score = score_now(model, self.values, rules=self.rules)
        if score is not None:
            facts.append(f"score {score:+g} vs par")
        return " · ".join(facts)

    def _left_width(self, model: MatchModel, player: str, replaying: Any, detail: int) -> int:
        """How far the left side reaches at this level of detail (2: all, 0: the least)."""
        return self._draw_left(None, pygame.Rect(0, 0, 0, 0), model, player, replaying, detail)

    def _draw_left(self, surf: pygame.Surface | None, rect: pygame.Rect, model: MatchModel,
                   player: str, replaying: Any, detail: int) -> int:
        """Draw (or, with no surface, measure) the left side; returns its right end."""
        x = rect.x + 14
        cy = rect.centery

        def put(img: pygame.Surface, at_x: int) -> None:
            if surf is not None:
                surf.blit(img, (at_x, cy - img.get_height() // 2))

        turn = fonts.text(f"Turn {model.turn}", 18, palette.INK, bold=True, style="serif")
        put(turn, x)
        x += turn.get_width() + 8
        # A scenario without seasons labels its turns "Turn N": said once is enough.
        if model.label and model.label != f"Turn {model.turn}":
            label = fonts.text(model.label, 16, palette.INK_SOFT, style="serif")
            put(label, x)
            x += label.get_width()
        x += 22
        if model.is_power:
            if surf is not None:
                colour = _colour(model, model.seat)
                pygame.draw.circle(surf, colour, (x + 8, cy), 8)
                pygame.draw.circle(surf, palette.INK, (x + 8, cy), 8, 1)
            img = fonts.text(self._who(model, player, detail), 15, palette.INK, bold=True)
            put(img, x + 22)
            x += 30 + img.get_width()
            facts = self._facts(model) if detail >= 1 else ""
            if facts:
                img = fonts.text(facts, 13, FAINT)
                put(img, x)
                if surf is not None:
                    self.facts_box = img.get_rect(midleft=(x, cy)).inflate(0, 8)
                x += img.get_width() + 18
        elif model.seat:
            img = fonts.text(f"Watching as {model.seat}", 15, palette.INK_SOFT)
            put(img, x)
            x += img.get_width() + 18
        if replaying is not None:
            words = "War outcomes \u2014 Space or a click to skip" if detail >= 1 \
                else "War outcomes"
            img = fonts.text(words, 14, RED_INK, bold=True)
            put(img, x)
            x += img.get_width() + 18
        return x - rect.x

    def _draw_right(self, surf: pygame.Surface, rect: pygame.Rect, model: MatchModel,
                    status: str, now: float | None) -> int:
        """Connection, stage and countdown, right to left; returns where the chips end."""
        cy = rect.centery
        right = rect.right - 96
        dot = STATUS_COLOURS.get(status, FAINT)
        img = fonts.text(status, 12, FAINT)
        right -= img.get_width()
        surf.blit(img, (right, cy - img.get_height() // 2))
        pygame.draw.circle(surf, dot, (right - 9, cy), 5)
        right -= 24
        for text, size, colour, bold, gap in clock_parts(model, now):
            img = fonts.text(text, size, colour, bold=bold)
            right -= img.get_width()
            surf.blit(img, (right, cy - img.get_height() // 2))
            right -= gap
        return right


def clock_parts(model: MatchModel, now: float | None = None
                ) -> list[tuple[str, int, tuple[int, int, int], bool, int]]:
    """The clock's words, right to left: (text, size, colour, bold, gap after). A result
    held for the umpire's review stops the turn's clock for everyone, so the bar says so
    rather than count down a deadline that no longer runs."""
    parts: list[tuple[str, int, tuple[int, int, int], bool, int]] = []
    if model.over:
        return parts
    if getattr(model, "phase", "planning") == "review":
        return [("result under review", 15, RED_INK, True, 18)]
    if getattr(model, "paused", False):
        parts.append(("clock paused", 15, RED_INK, True, 18))
    elif getattr(model, "stage", "orders") == "negotiation":
        parts.append(("negotiation", 13, FAINT, True, 14))
    if model.deadline_at is not None:
        left = max(0.0, model.deadline_at - (time.time() if now is None else now))
        parts.append((f"{countdown(left)} left", 15, RED_INK if left < 60 else palette.INK,
                      True, 18))
    return parts


def _chips_width(model: MatchModel, chips: list[str], style: tuple[int, int, bool]) -> int:
    size, pad, named = style
    total = 0
    for power in chips:
        ready = model.ready.get(power, False)
        label = ((power if named else "") + (" \u2713" if ready else "")).strip()
        total += _chip_width(fonts.font(size, bold=ready).size(label)[0] if label else 0,
                             pad) + CHIP_GAP
    return total


# A chip's label starts right of its colour dot (centred 10 px in, radius 5), whatever the
# style's padding, so smaller type never draws the dot over the first letter.
LABEL_FROM = 17


def _text_x(pad: int) -> int:
    return max(pad - 6, LABEL_FROM)


def _chip_width(label_width: int, pad: int) -> int:
    """A chip's width: the bare dot alone is ``pad`` wide; a label adds its own width."""
    return _text_x(pad) + label_width + 6 if label_width else pad


def _colour(model: MatchModel, power: str) -> tuple[int, int, int]:
    for entry in model.powers:
        if entry["id"] == power:
            return palette.power_colour(power, entry.get("color"))
    return palette.NEUTRAL
