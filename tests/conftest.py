"""Tests run headless: pygame draws to surfaces, never to a screen or a sound card.

The hosts the tests start keep their logs in the store ``CASUS_TEST_STORE`` names
(tests/store_switch.py): memory by default, a fresh SQLite folder or a fresh PostgreSQL
schema per host otherwise. Every test that starts a host is marked ``host``, so that
``pytest -m host`` (``make test-pg``) runs exactly those."""

import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
sys.path.insert(0, str(Path(__file__).parent))

import pg_cluster as pg_server  # noqa: E402
import store_switch  # noqa: E402

# A test module that imports one of these starts hosts (or names a module that does); a test
# that runs ``casus host`` in some other way says so with ``pytestmark = pytest.mark.host``.
HOST_HELPERS = ("server_helpers", "online_helpers", "lobby_helpers", "host_transcript")


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "host: starts a host; its store follows CASUS_TEST_STORE (make test-pg)")
    if store_switch.kind() not in store_switch.KINDS:
        raise pytest.UsageError(f"{store_switch.ENV}={store_switch.kind()!r}: the store must "
                                f"be one of {', '.join(store_switch.KINDS)}")


def pytest_collection_modifyitems(config, items):
    """Mark ``host`` every test of a module that uses the helpers that start hosts."""
    starts_host: dict[str, bool] = {}
    # Known before any fixture runs (a module's own host would fail rather than skip).
    unavailable = ""
    if store_switch.kind() == "postgresql" and not os.environ.get(pg_server.ENV) and \
            pg_server.binaries() is None:
        unavailable = f"{store_switch.ENV}=postgresql, but PostgreSQL is not installed " \
                      f"(no initdb) and {pg_server.ENV} is not set"
    for item in items:
        path = str(item.path)
        if path not in starts_host:
            source = Path(path).read_text(encoding="utf-8")
            starts_host[path] = any(name in source for name in HOST_HELPERS)
        if starts_host[path] and not item.get_closest_marker("host"):
            item.add_marker(pytest.mark.host)
        if unavailable and item.get_closest_marker("host"):
            item.add_marker(pytest.mark.skip(reason=unavailable))


@pytest.fixture(autouse=True)
def one_translation_folder():
    """Each pygame_gui UIManager adds its translations folder to python-i18n's load path
    again, and every widget text with a full stop in it lists each entry of that path: after
    a few hundred windows in one test process, a few seconds a module. A player's window
    makes one manager; the tests keep the path as one window leaves it."""
    yield
    i18n = sys.modules.get("i18n")
    if i18n is not None:
        i18n.load_path[:] = list(dict.fromkeys(i18n.load_path))


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
    cluster = pg_server.Cluster()
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


@pytest.fixture(scope="session", autouse=True)
def host_stores(request, tmp_path_factory):
    """Where the hosts of the ``host`` tests keep their logs (tests/store_switch.py): each
    new store in a folder or a schema of its own. Set for the session, so that a host a
    module's fixture starts has its store too."""
    kind = store_switch.kind()
    if kind == "postgresql":
        cluster = request.getfixturevalue("pg_cluster")
        if cluster.url:
            store_switch.fresh = cluster.fresh
    elif kind == "sqlite":
        store_switch.fresh = lambda: str(tmp_path_factory.mktemp("data"))
    yield
    store_switch.fresh = None


@pytest.fixture(autouse=True)
def host_store_present(request, host_stores):
    """Skips a ``host`` test, saying why, when the switch asks for PostgreSQL and there is
    none."""
    if store_switch.kind() == "postgresql" and store_switch.fresh is None and \
            request.node.get_closest_marker("host"):
        pytest.skip(request.getfixturevalue("pg_cluster").reason)
