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
    from game.render.sample import sample_turn

    return sample_turn()


@pytest.fixture(scope="session")
def pg_cluster():
    """The PostgreSQL server of the session (tests/pg_cluster.py); skips the test, saying
    why, when there is none and none can be started."""
    from pg_cluster import Cluster

    cluster = Cluster()
    yield cluster
    cluster.close()


@pytest.fixture
def pg_url(pg_cluster):
    """The URL of an empty PostgreSQL schema of this test's own."""
    if not pg_cluster.url:
        pytest.skip(pg_cluster.reason)
    return pg_cluster.fresh()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_at(request, tmp_path):
    """Where a store lives, once for each kind: a data folder (SQLite) or a database URL
    (PostgreSQL). Open it with server.storage.open_store, as often as a test needs."""
    if request.param == "sqlite":
        return str(tmp_path / "data")
    return request.getfixturevalue("pg_url")
