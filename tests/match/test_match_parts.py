"""A match's parts depend on its core, never on ``Match`` itself: each is handed what it reads
and calls (docs/ARCHITECTURE.md, "Inside a match"), so none may import the match module to
reach for more."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

MATCH_DIR = Path(__file__).resolve().parents[2] / "game" / "match"
PARTS = ("core", "visibility", "teamwork", "sharing", "briefs", "umpire", "dashboard")


def _imported_modules(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = "." * node.level + (node.module or "")
            found.add(base)
            found.update(f"{base}.{a.name}" if node.module else f"{base}{a.name}"
                         for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return found


@pytest.mark.parametrize("part", PARTS)
def test_a_part_never_imports_the_match(part):
    imported = _imported_modules(MATCH_DIR / f"{part}.py")
    assert not imported & {".match", "game.match.match"}, part


def test_the_check_sees_an_import_of_the_match(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("if True:\n    from .match import Match\n", encoding="utf-8")
    assert ".match" in _imported_modules(sample)
    sample.write_text("from . import match\n", encoding="utf-8")
    assert ".match" in _imported_modules(sample)
