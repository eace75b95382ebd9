"""A tooltip showing when the menu opens (Esc) is closed, and the menu's dimmed backdrop
does not keep it: neither a widget's tooltip (pygame_gui's) nor one the game screen draws
itself (the top bar's chips). The same for the workshop's confirmation dialogs."""

from __future__ import annotations

import sys
from pathlib import Path

import pygame
import pygame_gui
import pytest

from game.client.app import App
from game.client.hotseat import HotseatGame, SeatChoice
from game.client.screens.game import GameScreen
from game.client.screens.menu import MenuScreen
from game.maps import load_scenario, resolve_scenario
from client_helpers import move_to, post, run

pytestmark = pytest.mark.usefixtures("pygame_ready")


def _live_tooltips(app: App) -> list:
    return [s for s in app.manager.get_sprite_group().sprites()
            if isinstance(s, pygame_gui.elements.UITooltip) and s.alive()]


def _follow_posted_mouse(app: App) -> None:
    """pygame_gui reads the pointer from the system, which posted events do not move under
    the dummy video driver: let it read the app's pointer instead."""
    manager = app.manager
    manager._update_mouse_position = lambda: setattr(manager, "mouse_position", app.mouse)


@pytest.fixture
def game_screen():
    scenario = load_scenario(resolve_scenario("tutorial"))
    seats = {p.id: SeatChoice("human", "Ada") for p in scenario.powers}
    game = HotseatGame.new(scenario, seats, fog=True, seed=1)
    try:
        app = App((1280, 720))
        _follow_posted_mouse(app)
        power = next(iter(seats))
        screen = GameScreen(app, game.conns[power], game.models[power],
                            map_doc=scenario.map_doc, rules=scenario.rules,
                            draft=game.draft(power), on_done=lambda: None,
                            on_leave=lambda: None, player="Ada")
        app.replace(screen)
        run(app, 2)
        yield app, screen
    finally:
        game.close()


def _clean_frame(app: App) -> pygame.Surface:
    """The screen with the pointer off every widget and chip."""
    move_to(app, (app.size[0] // 2, app.size[1] - 2))
    run(app, 2)
    return app.screen.copy()


def _press_escape(app: App) -> MenuScreen:
    post(pygame.KEYDOWN, key=pygame.K_ESCAPE, mod=0, unicode="\x1b", scancode=41)
    run(app, 1)
    menu = app.top
    assert isinstance(menu, MenuScreen)
    return menu


def _same(a: pygame.Surface, b: pygame.Surface, rect: pygame.Rect) -> bool:
    rect = rect.clip(a.get_rect())
    return pygame.image.tobytes(a.subsurface(rect), "RGB") == \
        pygame.image.tobytes(b.subsurface(rect), "RGB")


def test_esc_over_a_widgets_tooltip_opens_the_menu_over_a_backdrop_without_it(game_screen):
    app, screen = game_screen
    clean = _clean_frame(app)
    button = screen.widgets["fit"]
    move_to(app, button.rect.center)
    run(app, 90)                                        # longer than the tooltip's delay
    (tip,) = _live_tooltips(app)
    tip_rect = tip.rect.copy()
    app.screenshot("/tmp/client/menu_tooltip_before_esc.png")
    assert not _same(app.screen, clean, tip_rect)       # the tooltip is on the screen
    menu = _press_escape(app)
    run(app, 2)
    app.screenshot("/tmp/client/menu_tooltip_after_esc.png")
    assert not _live_tooltips(app)
    assert menu.backdrop is not None and _same(menu.backdrop, clean, tip_rect)


def test_esc_over_a_top_bar_chip_opens_the_menu_over_a_backdrop_without_its_words(game_screen):
    app, screen = game_screen
    clean = _clean_frame(app)
    chip = next(iter(screen.top_bar.flags.values()))
    move_to(app, chip.center)
    run(app, 2)
    below = pygame.Rect(chip.x - 20, screen.layout.top.bottom, 360, 80)
    assert not _same(app.screen, clean, below)          # the chip's words are drawn
    menu = _press_escape(app)
    assert menu.backdrop is not None and _same(menu.backdrop, clean, below)


def test_a_confirmation_dialog_closes_tooltips_and_keeps_the_maps_card_off_its_words():
    sys.path.insert(0, str(Path(__file__).parents[1] / "console"))
    from console_support import open_console, panel
    from test_console_history import two_turns_played

    host, _ = two_turns_played()
    app, screen = open_console(host, tab="History")
    _follow_posted_mouse(app)
    move_to(app, screen.leave_button.rect.center)
    run(app, 90)
    assert _live_tooltips(app)                          # "Leave the console ..."
    history = panel(screen, "History")
    history.confirm("Roll back?", "Go back to the start of turn 2?", "Roll back",
                    lambda: None)
    run(app, 1)
    assert not _live_tooltips(app)
    dialog = history.dialog.rect
    assert dialog.x + 30 < screen.layout.map.right < dialog.right - 10
    move_to(app, (dialog.right - 10, dialog.y + 150))   # on the dialog, off the map
    run(app, 2)
    clean = app.screen.copy()
    move_to(app, (dialog.x + 30, dialog.y + 150))       # on the dialog, over the map
    run(app, 2)
    app.screenshot("/tmp/client/dialog_over_the_map.png")
    # (Inside its shadow, where the map's hover outline shows through.)
    assert _same(app.screen, clean, dialog.inflate(-24, -24))
