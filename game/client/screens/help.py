"""The help overlay: the keys and a short summary of the rules (F1 or ?).

The panels provide the fuller help page (``game.client.panels.HelpOverlay``, with the
rules summary); this one is the fallback when they cannot be loaded, so the keys are never
a secret.
"""

from __future__ import annotations

import pygame

from game.engine.params import Rules
from game.words import palette
from game.words.rules_summary import score_words
from game.render import fonts
from .common import FAINT, blit_text, card

KEYS: tuple[tuple[str, str], ...] = (
    ("Drag, or click then click", "move units to a neighbouring territory"),
    ("Left/Right or +/-, digits, Up/Down",
     "how many units the selected order moves or builds (Up: all, Down: one)"),
    ("Delete", "remove the selected order"),
    ("B / M", "build tool / move tool; right-click builds one fewer"),
    ("Tab / Shift+Tab", "next / previous territory with your units"),
    ("Ctrl+Enter", "Done (hot-seat: pass the screen on; online: ready)"),
    ("Ctrl+S", "sign off the team's draft (a workshop team's lead)"),
    ("Wheel, PgUp / PgDn", "zoom; drag with the right button to pan; F fits the map"),
    ("Arrow keys", "move the map (when no order is selected)"),
    ("1-5, L", "show or hide pact links by kind, the legend"),
    ("N, U, T", "names, unit badges, terrain"),
    ("R", "watch the last turn's war outcomes again; Space or Esc skips"),
    ("F1 or ?", "this page"),
)

RULES = (
    "Each turn everyone plans at once: chat, propose pacts, give orders. Then the turn is "
    "adjudicated: pacts take effect, wars are declared, allies are called in by their "
    "pacts (the casus foederis), armies move and fight, and the treasury is paid. "
    "An attack wins more often the more it outnumbers the defence: about 79% at 1.5 : 1, "
    "92% at 2 : 1; hills, cities, mountains and capitals help the defender. Breaking a pact "
    "costs legitimacy and credibility; a power in crisis (legitimacy under 25) cannot "
    "declare war."
)


def rules_text(rules: Rules | None = None) -> str:
    """The card's rules paragraph; ruleset 2 adds its scoring in a sentence (RULES.md §11.1)."""
    if rules is None or rules.ruleset != 2:
        return RULES
    return f"{RULES} {score_words()}"


class HelpOverlay:
    """A card over the map listing the keys; any key or click closes it."""

    def __init__(self, rules: Rules | None = None) -> None:
        self.visible = False
        self.rules = rules      # the match's rules: which ruleset the card summarises

    def toggle(self) -> None:
        self.visible = not self.visible

    def process_event(self, event: pygame.event.Event) -> bool:
        if not self.visible:
            return False
        if event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONUP):
            self.visible = False
        return event.type in (pygame.KEYDOWN, pygame.KEYUP, pygame.MOUSEBUTTONDOWN,
                              pygame.MOUSEBUTTONUP, pygame.MOUSEMOTION, pygame.MOUSEWHEEL)

    def set_rect(self, rect: pygame.Rect) -> None:
        pass

    def kill(self) -> None:
        self.visible = False

    def draw(self, surf: pygame.Surface, area: pygame.Rect) -> None:
        if not self.visible:
            return
        shade = pygame.Surface(area.size, pygame.SRCALPHA)
        shade.fill((20, 16, 12, 120))
        surf.blit(shade, area.topleft)
        rect = pygame.Rect(0, 0, min(760, area.width - 40), min(560, area.height - 40))
        rect.center = area.center
        card(surf, rect)
        y = blit_text(surf, "How to play", (rect.x + 24, rect.y + 18), size=24, bold=True,
                      style="serif")
        y += 8
        keys_imgs = [fonts.text(keys, 14, palette.INK, bold=True) for keys, _ in KEYS]
        # The second column starts past the widest key, so a long one never runs into it.
        column = rect.x + 24 + max(img.get_width() for img in keys_imgs) + 16
        for img, (_, what) in zip(keys_imgs, KEYS):
            surf.blit(img, (rect.x + 24, y))
            surf.blit(fonts.text(what, 14, palette.INK_SOFT), (column, y))
            y += img.get_height() + 5
        y += 10
        y = blit_text(surf, rules_text(self.rules), (rect.x + 24, y), size=14,
                      width=rect.width - 48)
        blit_text(surf, "Any key or click closes this page.", (rect.centerx, rect.bottom - 28),
                  size=12, colour=FAINT, centre=True)


class PanelsHelp:
    """The panels' help page (``game.client.panels.HelpOverlay``) with the game screen's
    keys listed, behind the same small interface as ``HelpOverlay``. The page is built the
    first time it is shown: building it lays out the whole rules text (about 0.3 s), and
    the game screen is entered at every hot-seat hand-off, where F1 is seldom pressed. A
    page that cannot be built gives way to this module's card."""

    def __init__(self, overlay_cls: type, manager, rect: pygame.Rect, ctx) -> None:
        self.overlay_cls, self.manager, self.ctx = overlay_cls, manager, ctx
        self.area = pygame.Rect(rect)
        self.overlay = None
        self.fallback: HelpOverlay | None = None

    def _page(self):
        """The page, built now if it was not yet (None once it failed: the card serves)."""
        if self.overlay is None and self.fallback is None:
            try:
                self.overlay = self.overlay_cls(self.manager, self.area, self.ctx,
                                                shortcuts=list(KEYS))
            except Exception:   # a help page that cannot be built must not stop the game
                self.fallback = HelpOverlay(getattr(self.ctx, "rules", None))
        return self.overlay

    @property
    def visible(self) -> bool:
        if self.fallback is not None:
            return self.fallback.visible
        return self.overlay is not None and bool(self.overlay.visible)

    @visible.setter
    def visible(self, value: bool) -> None:
        if value != self.visible:
            self.toggle()

    def toggle(self) -> None:
        page = self._page()
        if page is not None:
            page.toggle()
        elif self.fallback is not None:
            self.fallback.toggle()

    def process_event(self, event: pygame.event.Event) -> bool:
        if self.fallback is not None:
            return self.fallback.process_event(event)
        if not self.visible:
            return False
        assert self.overlay is not None
        if self.overlay.process_event(event):
            return True
        if event.type == pygame.KEYDOWN and event.key == pygame.K_F1:
            self.overlay.hide()
            return True
        # While the page is up, the map and the keys underneath rest.
        return event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP,
                              pygame.MOUSEWHEEL)

    def set_rect(self, rect: pygame.Rect) -> None:
        self.area = pygame.Rect(rect)
        if self.overlay is not None:
            self.overlay.set_rect(rect)

    def kill(self) -> None:
        if self.overlay is not None:
            self.overlay.kill()
        if self.fallback is not None:
            self.fallback.kill()

    def draw(self, surf: pygame.Surface, area: pygame.Rect) -> None:
        """pygame_gui draws the page itself; the card, when it stands in, is drawn here."""
        if self.fallback is not None:
            self.fallback.draw(surf, area)


def make_help(overlay_cls: type | None, manager, rect: pygame.Rect, ctx):
    """The panels' help page when installed, else this module's card."""
    rules = getattr(ctx, "rules", None)
    if overlay_cls is None:
        return HelpOverlay(rules)
    return PanelsHelp(overlay_cls, manager, rect, ctx)
