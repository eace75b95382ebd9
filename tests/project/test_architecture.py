"""The layer rules, read from the source with the AST (tools/imports.py draws the same picture).

Each layer imports only the layers below it (docs/ARCHITECTURE.md). The few imports that still
run up are listed in ALLOWED with the reason each one stays; a new one fails here, and so does
an allowed one that has gone (so the list only shrinks).
"""

from __future__ import annotations

import functools
import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("casus_imports", ROOT / "tools" / "imports.py")
imports = importlib.util.module_from_spec(_spec)
sys.modules["casus_imports"] = imports
_spec.loader.exec_module(imports)

# (importing file, imported module): why it may still run up a layer.
ALLOWED: dict[tuple[str, str], str] = {}


@functools.cache
def _all_imports() -> tuple[imports.Import, ...]:
    """Every import of game/ and server/, read once for the tests of this module."""
    return tuple(imports.all_imports())


def _upward() -> set[tuple[str, str]]:
    return {(imp.path, imp.target) for imp, src, dst in imports.crossings(list(_all_imports()))
            if imports.is_upward(src, dst)}


def test_no_import_runs_up_a_layer_beyond_the_allowed_ones():
    extra = sorted(_upward() - set(ALLOWED))
    assert not extra, "imports that run up a layer (docs/ARCHITECTURE.md): " + ", ".join(
        f"{path} imports {target}" for path, target in extra)


def test_every_allowed_crossing_still_exists():
    gone = sorted(set(ALLOWED) - _upward())
    assert not gone, f"crossings fixed, drop them from ALLOWED: {gone}"


def test_every_package_belongs_to_a_layer():
    for folder in ("game", "server"):
        for path in (ROOT / folder).rglob("*.py"):
            assert imports.layer_of(imports.module_name(path)) is not None, path


def test_the_reader_sees_an_upward_import(tmp_path):
    # The checker must be able to fail: an engine module importing the client is flagged.
    fake = imports.Import("game.engine.x", "game.client.app", "game/engine/x.py", 1, False)
    [(imp, src, dst)] = imports.crossings([fake])
    assert (src, dst) == ("game.engine", "game.client") and imports.is_upward(src, dst)
    beside = imports.Import("game.bots.x", "game.client", "game/bots/x.py", 1, True)
    assert imports.is_upward(*imports.crossings([beside])[0][1:])
    down = imports.Import("game.client.x", "game.engine", "game/client/x.py", 1, False)
    assert not imports.is_upward(*imports.crossings([down])[0][1:])


def test_relative_and_lazy_imports_are_read(tmp_path):
    found = imports.imports_in(ROOT / "game" / "match" / "__init__.py")
    assert any(imp.target.startswith("game.match.") for imp in found)


def test_the_engine_imports_nothing_above_it():
    for imp in _all_imports():
        if imports.layer_of(imp.source) == "game.engine":
            layer = imports.layer_of(imp.target)
            assert layer in (None, "game.engine"), f"{imp.path}:{imp.line} imports {imp.target}"


def test_loading_the_maps_loads_neither_the_match_nor_the_wire():
    # The scenario checker shares the injects' one definition without pulling the match in.
    import subprocess
    code = ("import sys, game.maps; "
            "print([m for m in ('game.match', 'game.protocol', 'msgpack') "
            "if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                         check=True)
    assert out.stdout.strip() == "[]"


def test_no_tracker_numbers_in_the_code():
    # Code says why in its own words; a tracker number means nothing to a reader of the source.
    import re
    pattern = re.compile(r"\b[Ii]ssues? #?\d+\b")
    cited = [f"{path.relative_to(ROOT)}:{n}"
             for folder in ("game", "server", "bench", "tools")
             for path in (ROOT / folder).rglob("*.py")
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if pattern.search(line)]
    assert not cited
