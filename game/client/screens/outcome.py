"""The war outcomes, watched together: the public map replaying the turn, and the report
told in words beside it. Clicking a sentence shows its moment on the map."""

from __future__ import annotations

from typing import Any, Callable, Mapping

import pygame
import pygame_gui
from pygame_gui.elements import UIButton

from game.words import palette
from ..app import App, Scene
from ..model import TurnRecord
from game.words.narrate import Names, narrate
from game.render import fonts
from .common import FAINT, blit_text, wrap
from .map_view import MapView

SIDE = 420
SKIP_TYPES = frozenset({"legitimacy", "income"})


class OutcomeScreen(Scene):
    """One turn's outcome on the spectator's (public) view."""

    def __init__(self, app: App, record: TurnRecord, *, map_doc: Mapping[str, Any],
                 powers: Any, on_continue: Callable[[], None], title: str = "") -> None:
        super().__init__(app)
        self.record = record
        self.map_doc = map_doc
        self.powers = powers
        self.on_continue = on_continue
        self.title = title or f"War outcomes — {record.label}"
        self.names = Names.from_docs(map_doc, powers, record.before, record.after)
        self.events = [(i, e) for i, e in enumerate(record.report.get("events", []))
                       if e.get("type") not in SKIP_TYPES]
        self.map = MapView(map_doc, powers, self._map_rect())
        self.map.renderer.set_options(captions=True)
        self.map.play(record.report, record.before, record.after, self.names, record.turn)
        self.rows: list[tuple[pygame.Rect, int]] = []
        self.scroll = 0
        self.buttons: dict[str, UIButton] = {}

    def _map_rect(self) -> pygame.Rect:
        w, h = self.app.size
        return pygame.Rect(0, 56, w - SIDE, h - 56)

    def enter(self) -> None:
        self.map.set_rect(self._map_rect())
        w, h = self.app.size
        self.buttons = {
            "continue": UIButton(pygame.Rect(w - SIDE + 16, h - 58, SIDE - 32, 44),
                                 "Continue", self.manager, object_id="#primary_button"),
            "again": UIButton(pygame.Rect(w - SIDE + 16, h - 108, SIDE - 32, 38),
                              "Watch again", self.manager),
        }

    def leave(self) -> None:
        for b in self.buttons.values():
            b.kill()
        self.buttons = {}

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.buttons.get("continue"):
                self.on_continue()
                return True
            if event.ui_element is self.buttons.get("again"):
                self.replay()
                return True
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                self.on_continue()
                return True
            if event.key in (pygame.K_SPACE, pygame.K_ESCAPE) and self.map.playing:
                self.map.stop()
                return True
            if event.key == pygame.K_r:
                self.replay()
                return True
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            for rect, index in self.rows:
                if rect.collidepoint(event.pos):
                    self.seek(index)
                    return True
        if event.type == pygame.MOUSEWHEEL and self.app.mouse[0] > self.app.size[0] - SIDE:
            self.scroll = max(0, self.scroll - 30 * event.y)
            return True
        return self.map.handle(event)

    def replay(self) -> None:
        self.map.play(self.record.report, self.record.before, self.record.after, self.names,
                      self.record.turn)

    def seek(self, index: int) -> None:
        """Show report event ``index``: replay from its moment."""
        if self.map.playing is None:
            self.replay()
        assert self.map.playing is not None
        self.map.seek(self.map.playing.replay.seek_event(index))

    def update(self, dt: float) -> None:
        self.map.update(dt)
        if self.map.playing is not None and self.map.playing.replay.finished(
                self.map.replay_time()):
            self.map.stop()

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(palette.PARCHMENT_DARK)
        self.map.draw(surface)
        w, h = self.app.size
        pygame.draw.rect(surface, (222, 208, 176), (0, 0, w, 56))
        pygame.draw.line(surface, palette.INK_SOFT, (0, 56), (w, 56))
        blit_text(surface, self.title, (16, 14), size=22, bold=True, style="serif")
        title_right = 16 + fonts.text(self.title, 22, palette.INK, True, "serif").get_width()
        fog = bool(self.record.before.get("fog"))
        words = ("Fog of war: what all can see (each player watches their own turn after the "
                 "hand-off)" if fog else "The public view")
        for keys in (" · Space skips · R replays · click a sentence to see it", ""):
            hint = fonts.text(words + keys, 12, FAINT)
            if w - hint.get_width() - 16 > title_right + 16:
                break
        surface.blit(hint, (w - hint.get_width() - 16, 22))
        side = pygame.Rect(w - SIDE, 56, SIDE, h - 56)
        pygame.draw.rect(surface, palette.PARCHMENT, side)
        pygame.draw.line(surface, palette.INK_SOFT, side.topleft, side.bottomleft)
        blit_text(surface, "The turn in words", (side.x + 16, side.y + 12), size=17,
                  bold=True, style="serif")
        self._draw_events(surface, pygame.Rect(side.x + 8, side.y + 42, SIDE - 16,
                                               side.height - 42 - 120))

    def _draw_events(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        clip = surface.get_clip()
        surface.set_clip(area)
        current = None
        if self.map.playing is not None:
            step = self.map.playing.replay.step_at(self.map.replay_time())
            current = step.event if step is not None else None
        y = area.y - self.scroll
        self.rows = []
        if not self.events:
            blit_text(surface, "A quiet turn: nothing happened that anyone could see.",
                      (area.x + 8, y + 4), size=14, colour=FAINT, width=area.width - 16)
        for index, event in self.events:
            lines = wrap(narrate(event, self.names), area.width - 30, 14)
            h = 17 * len(lines) + 10
            rect = pygame.Rect(area.x, y, area.width, h)
            if event == current:
                pygame.draw.rect(surface, (250, 236, 190), rect, border_radius=6)
            elif rect.collidepoint(self.app.mouse):
                pygame.draw.rect(surface, palette.HOVER, rect, border_radius=6)
            ty = y + 5
            for line in lines:
                surface.blit(fonts.text(line, 14, palette.INK), (area.x + 18, ty))
                ty += 17
            pygame.draw.circle(surface, palette.INK_SOFT, (area.x + 9, y + 13), 3)
            if rect.bottom > area.y and rect.top < area.bottom:
                self.rows.append((rect.clip(area), index))
            y += h + 2
        total = y + self.scroll - area.y
        self.scroll = max(0, min(self.scroll, total - area.height))
        surface.set_clip(clip)

    def draw_over(self, surface: pygame.Surface) -> None:
        self.map.draw_tooltip(surface)
