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
# style takes the next (smaller type, then the colour dot and tick alone).
CHIP_STYLES = ((12, 24, True), (11, 20, True), (10, 16, True), (10, 16, False))
CHIP_GAP = 6
# The "+3" chip that stands for the powers whose chips did not fit: its type and padding.
MORE_STYLE = (10, 16, True)


class TopBar:
    """Draws the bar; holds nothing but the last layout (for tests and tooltips)."""

    def __init__(self, values: Mapping[str, int] | None = None, rules: Rules | None = None) -> None:
        self.flags: dict[str, pygame.Rect] = {}
        self.chip_style = CHIP_STYLES[0]
        self.values: Mapping[str, int] = values or {}    # the map's territory values
        self.rules = rules or Rules()
        self.facts_box: pygame.Rect | None = None       # where the treasury facts were drawn
        self.folded: list[str] = []                     # the powers behind the "+N" chip
        self.more_box: pygame.Rect | None = None        # where the "+N" chip was drawn

    def draw(self, surf: pygame.Surface, rect: pygame.Rect, model: MatchModel, status: str,
             *, player: str = "", replaying: Any = None, now: float | None = None) -> None:
        pygame.draw.rect(surf, BAR, rect)
        pygame.draw.line(surf, palette.INK_SOFT, rect.bottomleft, rect.bottomright)
        cy = rect.centery
        right = self._draw_right(surf, rect, model, status, now)
        chips = [p for p in model.ready if model.seats.get(p, {}).get("kind") != "empty"]
        room = {d: right - rect.x - self._left_width(model, player, replaying, d) - 12
                for d in (2, 1, 0)}
        self.chip_style, detail, shown = _fit(model, chips, room)
        self.facts_box = None
        self._draw_left(surf, rect, model, player, replaying, detail)
        self.flags = {}
        self.folded = chips[shown:]
        self.more_box = None
        if self.folded:
            self.more_box = _draw_pill(surf, _more_label(model, self.folded),
                                       _all_ready(model, self.folded), None, right, cy,
                                       MORE_STYLE)
            right = self.more_box.x - CHIP_GAP
        for power in reversed(chips[:shown]):
            box = self._draw_chip(surf, model, power, right, cy, self.chip_style)
            self.flags[power] = box
            right = box.x - CHIP_GAP

    def tooltip(self, pos: tuple[int, int], model: MatchModel) -> str | None:
        """The words for what is under ``pos``: a chip (the power's name and whether it is
        ready), the "+N" chip (how many, then the same for each power it stands for), or
        the seat's treasury facts (in ruleset 2, the income, upkeep and net a turn, and the
        score against par spelled out)."""
        for power, box in self.flags.items():
            if box.collidepoint(pos):
                return _chip_words(model, power)
        if self.more_box is not None and self.more_box.collidepoint(pos):
            return "; ".join([f"{len(self.folded)} more powers",
                              *(_chip_words(model, power) for power in self.folded)])
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
        return _draw_pill(surf, _chip_label(model, power, style[2]),
                          model.ready.get(power, False), _colour(model, power), right, cy, style)

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


def _fit(model: MatchModel, chips: list[str], room: Mapping[int, int]
         ) -> tuple[tuple[int, int, bool], int, int]:
    """The chip style, the left side's detail (2: all, 1: without the player's name, 0:
    without the seat's own figures) and how many chips are drawn, the rest standing behind
    one "+N" chip. The seat's own treasury, legitimacy and score matter more to its player
    than the other powers' chips: named chips in smaller type first, then the player's
    name, then bare dots, then the "+N" chip; the figures go only when the bar is too
    narrow for even the "+N" chip beside them (narrower than 1280 px)."""
    named = [st for st in CHIP_STYLES if st[2]]
    bare = [st for st in CHIP_STYLES if not st[2]]
    for st, d in [(st, d) for d in (2, 1) for st in named] + \
            [(st, d) for st in bare for d in (2, 1)]:
        if _chips_width(model, chips, st) <= room[d]:
            return st, d, len(chips)
    style = bare[-1]
    reach = [0]                     # reach[k]: the width of the first k dots
    for power in chips:
        reach.append(reach[-1] + _chips_width(model, [power], style))
    for d in (1, 0):
        for shown in range(len(chips) - 1, -1, -1):
            folded = chips[shown:]
            more = _pill_width(_more_label(model, folded), _all_ready(model, folded),
                               MORE_STYLE[0], MORE_STYLE[1], dotted=False) + CHIP_GAP
            if reach[shown] + more <= room[d]:
                return style, d, shown
    return style, 0, 0


def _chip_label(model: MatchModel, power: str, named: bool) -> str:
    """A chip's words: the power's id if the style names it, a tick if it is ready."""
    tick = " \u2713" if model.ready.get(power, False) else ""
    return ((power if named else "") + tick).strip()


def _more_label(model: MatchModel, folded: list[str]) -> str:
    """"+3", with a tick when every power it stands for is ready."""
    return f"+{len(folded)}" + (" \u2713" if _all_ready(model, folded) else "")


def _all_ready(model: MatchModel, powers: list[str]) -> bool:
    return all(model.ready.get(p, False) for p in powers)


def _chip_words(model: MatchModel, power: str) -> str:
    ready = model.ready.get(power, False)
    return f"{model.power_name(power)}: {'ready' if ready else 'still planning'}"


def _draw_pill(surf: pygame.Surface, label: str, ready: bool,
               dot: tuple[int, int, int] | None, right: int, cy: int,
               style: tuple[int, int, bool]) -> pygame.Rect:
    """One chip, its right edge at ``right``: a rounded box, the colour ``dot`` (none on
    the "+N" chip) and the label; a ready chip is filled and its label bold."""
    size, pad, _named = style
    img = fonts.text(label, size, palette.INK if ready else FAINT, bold=ready) \
        if label else None
    w = _chip_width(img.get_width() if img else 0, pad, dotted=dot is not None)
    box = pygame.Rect(right - w, cy - 11, w, 22)
    pygame.draw.rect(surf, palette.PARCHMENT if ready else BAR, box, border_radius=11)
    pygame.draw.rect(surf, palette.INK_SOFT, box, 1, border_radius=11)
    if dot is not None:
        pygame.draw.circle(surf, dot, (box.x + (10 if img else box.width // 2), cy), 5)
    if img is not None:
        x = box.x + _text_x(pad) if dot is not None else box.centerx - img.get_width() // 2
        surf.blit(img, (x, cy - img.get_height() // 2))
    return box


def _pill_width(label: str, ready: bool, size: int, pad: int, *, dotted: bool) -> int:
    """The width ``_draw_pill`` gives this chip (a ready chip's label is bold)."""
    return _chip_width(fonts.font(size, bold=ready).size(label)[0] if label else 0, pad,
                       dotted=dotted)


def _chips_width(model: MatchModel, chips: list[str], style: tuple[int, int, bool]) -> int:
    size, pad, named = style
    return sum(_pill_width(_chip_label(model, power, named), model.ready.get(power, False),
                           size, pad, dotted=True) + CHIP_GAP for power in chips)


# A chip's label starts right of its colour dot (centred 10 px in, radius 5), whatever the
# style's padding, so smaller type never draws the dot over the first letter.
LABEL_FROM = 17


def _text_x(pad: int) -> int:
    return max(pad - 6, LABEL_FROM)


def _chip_width(label_width: int, pad: int, *, dotted: bool = True) -> int:
    """A chip's width: the bare dot alone is ``pad`` wide; a label adds its own width
    (after the dot, or between two paddings of 8 px on the "+N" chip, which has none)."""
    if not dotted:
        return label_width + 16
    return _text_x(pad) + label_width + 6 if label_width else pad


def _colour(model: MatchModel, power: str) -> tuple[int, int, int]:
    for entry in model.powers:
        if entry["id"] == power:
            return palette.power_colour(power, entry.get("color"))
    return palette.NEUTRAL
