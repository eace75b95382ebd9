"""The engine's public face: what `game.engine` exports works as docs/ENGINE.md shows it."""

from __future__ import annotations

import re
import types
from pathlib import Path

import game.engine
from game.engine import view, view_report

DOC = (Path(__file__).resolve().parents[2] / "docs" / "ENGINE.md").read_text(encoding="utf-8")


def test_view_and_view_report_are_the_functions_not_the_module():
    assert callable(view) and not isinstance(view, types.ModuleType)
    assert callable(view_report) and not isinstance(view_report, types.ModuleType)
    assert {"view", "view_report"} <= set(game.engine.__all__)


def test_every_name_in_all_is_exported():
    missing = [name for name in game.engine.__all__ if not hasattr(game.engine, name)]
    assert not missing


def test_the_first_example_of_the_engine_doc_runs():
    example = re.search(r"```python\n(.*?)```", DOC, re.S).group(1)
    scope: dict[str, object] = {}
    exec(compile(example, "docs/ENGINE.md", "exec"), scope)      # noqa: S102 - our own doc
    seen = scope["view"](scope["new_state"], "RED")
    assert isinstance(seen, dict) and seen["turn"] == scope["new_state"].turn
