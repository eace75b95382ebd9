"""The game screen's F1 page is built when it is first shown, not each time the screen is
entered (a hot-seat hand-off enters it every turn), and a page that cannot be built gives
way to the plain card (game/client/screens/help.py)."""

from __future__ import annotations

from types import SimpleNamespace

import pygame
import pygame_gui

from game.client.panels import HelpOverlay
from game.client.screens.help import HelpOverlay as CardHelp
from game.client.screens.help import PanelsHelp, make_help
from game.engine.params import Rules

AREA = pygame.Rect(0, 0, 1280, 800)
CTX = SimpleNamespace(rules=Rules(ruleset=2))


class Counting(HelpOverlay):
    """The panels' page, counting how often it is built."""

    built = 0

    def __init__(self, *args, **kwargs) -> None:
        type(self).built += 1
        super().__init__(*args, **kwargs)


class Broken:
    def __init__(self, *args, **kwargs) -> None:
        raise RuntimeError("no theme")


def _manager() -> pygame_gui.UIManager:
    if pygame.display.get_surface() is None:      # fonts need a display format
        pygame.display.set_mode(AREA.size)
    return pygame_gui.UIManager(AREA.size)


def test_the_page_is_built_at_the_first_f1_and_only_once(pygame_ready):
    Counting.built = 0
    manager = _manager()
    help_ = make_help(Counting, manager, AREA, CTX)
    assert isinstance(help_, PanelsHelp)
    help_.set_rect(pygame.Rect(0, 0, 1400, 900))
    assert Counting.built == 0 and not help_.visible
    f1 = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_F1, mod=0, unicode="")
    assert not help_.process_event(f1)            # not shown: the screen handles F1
    help_.toggle()
    assert Counting.built == 1 and help_.visible
    assert help_.overlay is not None and help_.overlay.area == pygame.Rect(0, 0, 1400, 900)
    assert help_.process_event(f1) and not help_.visible
    help_.visible = True
    assert Counting.built == 1 and help_.visible
    help_.kill()


def test_a_page_that_cannot_be_built_gives_way_to_the_card(pygame_ready):
    help_ = make_help(Broken, _manager(), AREA, CTX)
    help_.visible = True
    assert help_.visible and isinstance(help_.fallback, CardHelp)
    assert help_.fallback.rules is CTX.rules
    surface = pygame.Surface(AREA.size)
    surface.fill((0, 0, 0))
    help_.draw(surface, AREA)
    assert surface.get_at(AREA.center) != pygame.Color(0, 0, 0)   # the card is drawn
    click = pygame.event.Event(pygame.MOUSEBUTTONUP, button=1, pos=AREA.center)
    assert help_.process_event(click) and not help_.visible
