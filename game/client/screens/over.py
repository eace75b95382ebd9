"""The match-over screen: who won, how, and every power's score (in ruleset 2 the score
against par, with each power's par beside it; the scores are the engine's, from ``winner``)."""

from __future__ import annotations

from typing import Any, Callable, Mapping

import pygame
import pygame_gui
from pygame_gui.elements import UIButton

from game.words import palette
from ..app import App, Scene
from game.render import fonts
from .common import FAINT, blit_text, card, paper_background, swatch

KIND_WORDS = {"solo": "won alone", "coalition": "won together, as a coalition",
              "draw": "shared a draw", "turn_limit": "led when time ran out"}


def result_sentence(winner: Mapping[str, Any] | None, name: Callable[[str], str]) -> str:
    """"France won alone." and the like, from the state's ``winner``."""
    if not winner:
        return "The match is over."
    powers = [name(p) for p in winner.get("powers", [])]
    if not powers:
        return "The match is over: nobody won."
    who = powers[0] if len(powers) == 1 else ", ".join(powers[:-1]) + " and " + powers[-1]
    words = KIND_WORDS.get(str(winner.get("kind")), "won")
    if len(powers) == 1 and "together" in words:
        words = "won"
    return f"{who} {words}."


class OverScreen(Scene):
    """The result card; Enter or the button goes back to the start screen."""

    def __init__(self, app: App, *, winner: Mapping[str, Any] | None, powers: list[dict],
                 players: Mapping[str, str], on_menu: Callable[[], None],
                 title: str = "") -> None:
        super().__init__(app)
        self.winner = winner or {}
        self.powers = powers
        self.players = players
        self.on_menu = on_menu
        self.title = title
        self.buttons: dict[str, UIButton] = {}

    def name(self, pid: str) -> str:
        return next((str(p.get("name", pid)) for p in self.powers if p["id"] == pid), pid)

    @property
    def against_par(self) -> bool:
        """Ruleset 2: the snapshot's powers carry their par (game.match.Match.snapshot)."""
        return any("par" in p for p in self.powers)

    def score_words(self, pid: str) -> str:
        """The engine's score as shown: signed against par in ruleset 2 ("+12.5")."""
        score = (self.winner.get("scores", {}) or {}).get(pid)
        if score is None:
            return "—"
        return f"{score:+g}" if self.against_par else str(score)

    def card_rect(self) -> pygame.Rect:
        w, h = self.app.size
        # Wider in ruleset 2, for the par column between the player and the score.
        rect = pygame.Rect(0, 0, 760 if self.against_par else 680,
                           min(h - 80, 190 + 32 * len(self.powers) + 70))
        rect.center = (w // 2, h // 2)
        return rect

    def enter(self) -> None:
        r = self.card_rect()
        self.buttons = {
            "menu": UIButton(pygame.Rect(r.centerx - 230, r.bottom - 64, 220, 44),
                             "Back to the start", self.manager, object_id="#primary_button"),
            "quit": UIButton(pygame.Rect(r.centerx + 10, r.bottom - 64, 220, 44), "Quit",
                             self.manager),
        }

    def leave(self) -> None:
        for b in self.buttons.values():
            b.kill()
        self.buttons = {}

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.buttons.get("menu"):
                self.on_menu()
                return True
            if event.ui_element is self.buttons.get("quit"):
                self.app.quit()
                return True
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.on_menu()
            return True
        return False

    def draw(self, surface: pygame.Surface) -> None:
        paper_background(surface)
        r = self.card_rect()
        card(surface, r, radius=14)
        y = blit_text(surface, self.title or "The match is over", (r.centerx, r.y + 24),
                      size=30, bold=True, style="serif", centre=True)
        y = blit_text(surface, result_sentence(self.winner, self.name), (r.centerx, y + 6),
                      size=20, style="serif", centre=True, width=None)
        y += 18
        scores = self.winner.get("scores", {}) or {}
        winners = set(self.winner.get("powers", []))
        ranked = sorted(self.powers, key=lambda p: -float(scores.get(p["id"], 0)))
        head = fonts.text("Power", 13, FAINT, bold=True)
        surface.blit(head, (r.x + 70, y))
        surface.blit(fonts.text("Player", 13, FAINT, bold=True), (r.x + 300, y))
        score_head = fonts.text("Score against par" if self.against_par else "Score", 13,
                                FAINT, bold=True)
        surface.blit(score_head, (r.right - 70 - score_head.get_width(), y))
        if self.against_par:
            par_head = fonts.text("Par", 13, FAINT, bold=True)
            surface.blit(par_head, (r.right - 200 - par_head.get_width(), y))
        y += 22
        for p in ranked:
            if y > r.bottom - 90:
                break
            pid = p["id"]
            swatch(surface, palette.power_colour(p["id"], p.get("color")), (r.x + 52, y + 10))
            bold = pid in winners
            surface.blit(fonts.text(self.name(pid) + ("  ★" if bold else ""), 16, palette.INK,
                                    bold=bold), (r.x + 70, y))
            surface.blit(fonts.text(self.players.get(pid, "nobody (empty seat)"), 15,
                                    palette.INK_SOFT if pid in self.players else FAINT),
                         (r.x + 300, y))
            score = fonts.text(self.score_words(pid), 16, palette.INK, bold=bold)
            surface.blit(score, (r.right - 70 - score.get_width(), y))
            if "par" in p:
                par = fonts.text(str(p["par"]), 15, palette.INK_SOFT)
                surface.blit(par, (r.right - 200 - par.get_width(), y))
            y += 30
