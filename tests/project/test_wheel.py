"""A wheel that runs anywhere: build it, install it in a fresh venv, play from a bare folder.

Offline by design: the wheel is built with the running interpreter's setuptools (no build
isolation, nothing downloaded) and installed without dependencies; the fresh venv borrows the
running environment's packages (pygame, NumPy, ...) through a .pth file, which adds their
folder but not the editable install's finder, so `game` can only come from the wheel.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _can_build() -> bool:
    try:
        import setuptools
    except ImportError:
        return False
    major = int(setuptools.__version__.split(".")[0])
    return major >= 77 and shutil.which("pip", path=str(Path(sys.executable).parent)) is not None


pytestmark = pytest.mark.skipif(not _can_build(), reason="needs setuptools>=77 and pip in this "
                                "environment to build and install a wheel offline")


def _run(args: list[str], cwd: Path) -> str:
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"{args} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def test_the_wheel_plays_the_shipped_scenarios_from_a_bare_folder(tmp_path):
    # Build from a copy, so the checkout gets no build/ or egg-info under parallel tests.
    src = tmp_path / "src"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "build")
    for name in ("game", "server"):
        shutil.copytree(ROOT / name, src / name, ignore=ignore)
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, src / name)
    dist = tmp_path / "dist"
    _run([sys.executable, "-c", f"from setuptools import build_meta; "
          f"build_meta.build_wheel({str(dist)!r})"], cwd=src)
    [wheel] = dist.glob("*.whl")

    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=tmp_path)
    python = venv / "bin" / "python"
    site = Path(_run([str(python), "-c", "import sysconfig; "
                      "print(sysconfig.get_paths()['purelib'])"], cwd=tmp_path).strip())
    (site / "shared.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    _run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
          "--no-deps", "--no-index", str(wheel)], cwd=tmp_path)

    bare = tmp_path / "bare"
    bare.mkdir()
    where = _run([str(python), "-c", "import game; print(game.__file__)"], cwd=bare)
    assert Path(where.strip()).is_relative_to(site)
    casus = venv / "bin" / "casus"
    played = _run([str(casus), "simulate", "tutorial", "--games", "2"], cwd=bare)
    assert "entrapment" in played
    checked = _run([str(casus), "map", "check", "europe-1939"], cwd=bare)
    assert checked.strip().endswith("europe-1939.scenario.toml: no problems")
    assert str(site) in checked
