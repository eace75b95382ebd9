"""Tests run headless: pygame draws to surfaces, never to a screen or a sound card."""

import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture(scope="module")
def pygame_ready():
    """pygame initialised for a module of rendering tests (headless, see above)."""
    import pygame

    pygame.init()
    yield


@pytest.fixture(scope="module")
def turn():
    """The client's sample turn: (scenario, state before, state after, report)."""
    from game.client.render.sample import sample_turn

    return sample_turn()
