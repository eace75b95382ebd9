"""``make play`` on a fresh clone: the first run says it is setting up .venv before the quiet
minute or two of installing, rather than looking hung (``make -n`` shows what it would run,
without running it)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
@pytest.mark.parametrize("target", ["play", "test"])
def test_the_first_run_says_it_sets_up_the_venv_first(tmp_path, target):
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy(ROOT / name, tmp_path / name)
    plan = subprocess.run(["make", "-n", target], cwd=tmp_path, capture_output=True,
                          text=True, timeout=60, check=True).stdout.splitlines()
    setup = next(i for i, line in enumerate(plan) if " -m venv " in line)
    assert plan[setup - 1].startswith("echo \"Setting up .venv")
    assert any("pip install --quiet" in line for line in plan[setup:])
