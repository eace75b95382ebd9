"""Every shipped scenario (game/data/maps/*.scenario.toml) renders: each territory in its owner's
colour, each one pickable at its anchor. Skipped while no scenario has been shipped."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pygame
import pytest

from game.render import MapRenderer

from game.data import MAPS_DIR as MAPS
SCENARIOS = sorted(MAPS.glob("*.scenario.toml"))
SIZE = (1280, 720)


def _commonest(r: MapRenderer, frame: np.ndarray, tid: str) -> tuple[int, int, int]:
    """The commonest colour inside a territory's outline in ``frame`` (the drawn surface's
    pixels, read once for all the territories)."""
    mask = pygame.Surface(frame.shape[:2])
    pts = r.screen_polygon(tid)
    drawn = pygame.draw.polygon(mask, (255, 255, 255), pts)
    pygame.draw.polygon(mask, (0, 0, 0), pts, 3)
    # Outside the rectangle the polygon was drawn in, the mask is empty.
    x, y = slice(drawn.left, drawn.right), slice(drawn.top, drawn.bottom)
    pixels = frame[x, y][pygame.surfarray.pixels_red(mask)[x, y] > 0]
    colours, counts = np.unique(pixels.reshape(-1, 3), axis=0, return_counts=True)
    return tuple(int(c) for c in colours[counts.argmax()])


@pytest.mark.skipif(not SCENARIOS, reason="no shipped scenarios yet")
@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.name)
def test_a_shipped_scenario_renders_every_territory_in_its_owners_colour(path: Path):
    from game.engine import initial_state
    from game.engine.view import view
    from game.maps import load_scenario

    pygame.init()
    scenario = load_scenario(path)
    doc = view(initial_state(scenario, seed=1), "spectator")
    r = MapRenderer(scenario.map_doc, scenario.powers, SIZE)
    r.set_options(links=False, names=False)  # names may spill over small lands
    r.set_view(doc)
    surf = pygame.Surface(SIZE)
    r.draw(surf)
    pygame.image.save(surf, f"/tmp/render_shipped_{path.name.split('.')[0]}.png")
    frame = pygame.surfarray.array3d(surf)
    for t in r.geometry.territories:
        assert r.territory_at(r.anchor_screen(t.id)) == t.id
        if t.area * r.camera.zoom ** 2 > 400:  # big enough on screen to have a majority
            owner = doc["territories"][t.id]["owner"]
            assert _commonest(r, frame, t.id) == r.fill_for(owner, t.terrain), t.id
