"""The scripts in tools/ and bench/ a newcomer tries with --help answer it, and none takes
--help for a folder to write into (tools/wire_dump.py filled a folder named '--help' with
5.6 MB of dumps, in the checkout it was run from)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# bench/diplomacy_process.py runs in a venv of its own, with the diplomacy package.
SCRIPTS = sorted(p for p in [*ROOT.glob("tools/*.py"), *ROOT.glob("bench/*.py")]
                 if p.name not in ("__init__.py", "diplomacy_process.py"))


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_help_is_answered_and_writes_nothing(tmp_path, script):
    done = subprocess.run([sys.executable, str(script), "--help"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120,
                          env={"PYTHONPATH": str(ROOT), "SDL_VIDEODRIVER": "dummy",
                               "SDL_AUDIODRIVER": "dummy", "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr[-1000:]
    assert "usage" in done.stdout.lower(), done.stdout[:500]
    assert list(tmp_path.iterdir()) == []
