"""Which store the tests' hosts keep their event logs in, chosen by one switch for the whole
run: ``CASUS_TEST_STORE``.

- ``memory`` (the default): logs in memory, the fastest, what ``make test`` runs;
- ``sqlite``: a fresh data folder for every host a test starts;
- ``postgresql``: a fresh schema for every host a test starts, in the server
  tests/pg_cluster.py provides (``CASUS_TEST_PG``, or a throwaway cluster of its own).
  ``make test-pg`` runs every host test this way.

A fresh store per host keeps the tests independent of each other (and under pytest-xdist)
exactly as a fresh MemoryStorage did. A test that restarts a host on the same store asks for
one ``location`` and opens it as often as it needs.

tests/conftest.py sets ``fresh`` for each test that starts a host (those marked ``host``);
the helpers that start hosts (server_helpers.running_server, online_helpers.HostThread) and
the tests that run ``casus host`` call ``location``, ``open_location`` and ``host_flags``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from server.storage import MemoryStorage, Storage, open_store

ENV = "CASUS_TEST_STORE"
KINDS = ("memory", "sqlite", "postgresql")

# Where a new store of the chosen kind lives (a folder, a database URL); set per test by
# tests/conftest.py, None outside a host test.
fresh: Callable[[], str] | None = None


def kind() -> str:
    """The store the switch names (conftest refuses any other value before a test runs)."""
    return os.environ.get(ENV, "").strip() or "memory"


def location(default: str | Path | None = None) -> str | None:
    """Where a new store of the chosen kind lives: a database URL (postgresql), a fresh data
    folder (sqlite; ``default`` when the test gives one); with the memory switch,
    ``default`` (a test that needs a store on disk names its own folder) or None: memory."""
    if kind() == "memory" or (kind() == "sqlite" and default is not None):
        return None if default is None else str(default)
    if fresh is None:
        raise RuntimeError(f"{ENV}={kind()}: this test starts a host but is not marked 'host' "
                           "(tests/conftest.py marks the modules that use the host helpers)")
    return fresh()


def open_location(where: str | Path | None) -> Storage:
    """The store at ``where`` (from ``location``); None is a new MemoryStorage."""
    return MemoryStorage() if where is None else open_store(where)


def host_flags(default: str | Path) -> list[str]:
    """The ``casus host`` options naming a new store of the chosen kind (a data folder,
    ``default``, unless the switch says postgresql)."""
    where = location(default)
    assert where is not None
    return ["--db", where] if where.startswith("postgresql://") else ["--data", where]
