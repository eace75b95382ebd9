"""The top bar keeps the seat's own treasury, legitimacy and score against par on the
busiest shipped scenario at 1280x720: the chips shrink first, the player's name goes next."""

from __future__ import annotations

import pygame
import pytest

from game.client.app import App
from game.client.hotseat import HotseatGame, SeatChoice
from game.client.screens.game import GameScreen
from game.maps import load_scenario, resolve_scenario

pytestmark = pytest.mark.usefixtures("pygame_ready")


def test_europe_1939_shows_the_seats_treasury_beside_every_chip_at_1280x720():
    scenario = load_scenario(resolve_scenario("europe-1939"))
    seats = {p.id: SeatChoice("human", "Maximilian Alexandrovich") for p in scenario.powers}
    game = HotseatGame.new(scenario, seats, fog=True, seed=1)
    try:
        for power in list(seats)[::2]:
            game.conns[power].send({"type": "ready", "ready": True})   # ticks widen chips
        game.pump()
        app = App((1280, 720))
        power = "GER"
        screen = GameScreen(app, game.conns[power], game.models[power],
                            map_doc=scenario.map_doc, rules=scenario.rules,
                            draft=game.draft(power), on_done=lambda: None,
                            player="Maximilian Alexandrovich")
        app.replace(screen)
        app.run(frames=2)
        app.screenshot("/tmp/client/topbar_europe_1280.png")
        bar = screen.top_bar
        assert set(bar.flags) == set(screen.model.ready)           # no chip dropped
        assert bar.chip_style[2]                                     # chips still named
        assert bar.facts_box is not None                             # the seat's figures
        boxes = sorted(bar.flags.values(), key=lambda b: b.x)
        assert bar.facts_box.right < boxes[0].x                      # nothing overlaps
        tip = bar.tooltip(bar.facts_box.center, screen.model)
        assert tip is not None and "upkeep" in tip
    finally:
        game.close()


def test_no_chip_style_draws_the_colour_dot_over_its_label():
    from game.client.screens import top_bar
    from game.client.model import MatchModel

    model = MatchModel.__new__(MatchModel)
    model.ready = {"GER": True}
    model.powers = [{"id": "GER", "color": "#ff00ff"}]
    bar = top_bar.TopBar()
    for style in top_bar.CHIP_STYLES:
        surf = pygame.Surface((200, 40))
        surf.fill((0, 0, 0))
        box = bar._draw_chip(surf, model, "GER", 190, 20, style)
        label_from = box.x + top_bar._text_x(style[1])
        dot = top_bar._colour(model, "GER")
        dot_right = max(x for x in range(box.x, box.right) for y in range(box.y, box.bottom)
                        if tuple(surf.get_at((x, y)))[:3] == dot)
        assert dot_right < label_from, style
