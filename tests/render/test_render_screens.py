"""The game screen as a player first sees it: the whole map fitted into the map's own
rectangle (nothing under the side panel), and every power's chip in the top bar, at 1280x720
and 1920x1080 on every shipped scenario."""

from __future__ import annotations

import pygame
import pytest

from game.client.app import App
from game.client.hotseat import HotseatGame, SeatChoice
from game.client.screens.game import GameScreen
from game.maps import list_scenarios, load_scenario

SHIPPED = [i.name for i in list_scenarios()]
SIZES = [(1280, 720), (1920, 1080)]
LONG_NAME = "Maximilian Alexandrovich"


def first_screens(name: str, size: tuple[int, int], ready: bool = False):
    """Each human seat's first game screen (every seat a person with a long name)."""
    info = next(i for i in list_scenarios() if i.name == name)
    scenario = load_scenario(info.path)
    seats = {p.id: SeatChoice("human", LONG_NAME) for p in scenario.powers}
    game = HotseatGame.new(scenario, seats, fog=False, seed=1)
    if ready:
        for power in list(seats)[::2]:
            game.conns[power].send({"type": "ready", "ready": True})
        game.pump()
    app = App(size)
    for power in seats:
        screen = GameScreen(app, game.conns[power], game.models[power],
                            map_doc=scenario.map_doc, rules=scenario.rules,
                            draft=game.draft(power), on_done=lambda: None, player=LONG_NAME)
        app.replace(screen)
        app.run(frames=2)
        yield power, app, screen
    game.close()


@pytest.mark.parametrize("name", SHIPPED)
@pytest.mark.parametrize("size", SIZES)
def test_each_player_opens_on_the_whole_map_inside_the_map_area(name, size):
    for power, _app, screen in first_screens(name, size):
        r = screen.map.renderer
        w, h = r.geometry.size
        x0, y0 = r.world_to_screen(0, 0)
        x1, y1 = r.world_to_screen(w, h)
        area = screen.map.rect
        assert r.camera.viewport == area.size
        assert (x0, y0) >= (0, 0) and x1 <= area.width and y1 <= area.height, power
        # ... and fills it: the map's long side spans the area less the fitting margin.
        assert max((x1 - x0) / area.width, (y1 - y0) / area.height) > 0.9
        break   # one seat per size is enough for the camera; all seats for the chips below


@pytest.mark.parametrize("name", SHIPPED)
@pytest.mark.parametrize("ready", [False, True])
def test_every_powers_chip_is_in_the_top_bar_at_1280x720(name, ready):
    for power, app, screen in first_screens(name, (1280, 720), ready):
        chips = screen.top_bar.flags
        assert set(chips) == set(screen.model.ready), power
        boxes = sorted(chips.values(), key=lambda b: b.x)
        bar = screen.layout.top
        assert all(bar.contains(b) for b in boxes)
        assert all(a.right <= b.x for a, b in zip(boxes, boxes[1:]))   # none overlap
        # The chip's colour dot is drawn in the power's colour.
        surf = pygame.display.get_surface()
        for pid, box in chips.items():
            colour = screen.map.renderer.power_colours[pid]
            pixels = {tuple(surf.get_at((x, box.centery)))[:3] for x in range(box.x, box.right)}
            assert colour in pixels, pid
        tip = screen.top_bar.tooltip(boxes[0].center, screen.model)
        assert tip is not None and ":" in tip
        if name != "tutorial":
            break
