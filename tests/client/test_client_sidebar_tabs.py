"""The sidebar's tabs leave room for a two-digit unread count ("Chat 14", "Inbox 12")."""

from __future__ import annotations

import pytest

from game.client.app import App
from game.client.hotseat import HotseatGame, SeatChoice
from game.client.screens.game import GameScreen
from game.maps import load_scenario, resolve_scenario
from game.render import fonts
from client_helpers import run

pytestmark = pytest.mark.usefixtures("pygame_ready")


@pytest.mark.parametrize("name", ["tutorial", "europe-1939"])
def test_a_two_digit_badge_fits_its_tab_at_1280x720(name):
    scenario = load_scenario(resolve_scenario(name))
    seats = {p.id: SeatChoice("human", "Ada") for p in scenario.powers}
    game = HotseatGame.new(scenario, seats, fog=True, seed=1)
    try:
        app = App((1280, 720))
        power = scenario.powers[0].id
        screen = GameScreen(app, game.conns[power], game.models[power],
                            map_doc=scenario.map_doc, rules=scenario.rules,
                            draft=game.draft(power), on_done=lambda: None, player="Ada")
        app.replace(screen)
        run(app, 2)
        sidebar = screen.sidebar
        font = fonts.font(14)          # the theme's button type
        for tab, panel in zip(sidebar.tabs, sidebar.panels):
            label = panel.title + (" 14" if callable(getattr(panel, "badge", None)) else "")
            assert font.size(label)[0] + 8 <= tab.rect.width, label
        # The row still spans the sidebar exactly, tab after tab.
        assert sidebar.tabs[0].rect.x == sidebar.rect.x
        assert sidebar.tabs[-1].rect.right == sidebar.rect.right
        assert all(a.rect.right == b.rect.x for a, b in zip(sidebar.tabs, sidebar.tabs[1:]))
        for tab, panel in zip(sidebar.tabs, sidebar.panels):   # as a long game's badges
            tab.set_text(tab.text + (" 14" if callable(getattr(panel, "badge", None)) else ""))
        run(app, 1)
        app.screenshot(f"/tmp/client/sidebar_tabs_{name}.png")
    finally:
        game.close()
