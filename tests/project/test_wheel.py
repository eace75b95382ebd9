"""A wheel that runs anywhere: build it, install it in a fresh venv, play from a bare folder.

Every file of game/data ships in it, and the commands that read each kind of it (scenarios and
maps, briefs, the report's and handouts' drawing) run from a folder outside the checkout.

Offline by design: the wheel is built with the running interpreter's setuptools (no build
isolation, nothing downloaded) and installed without dependencies; the fresh venv borrows the
running environment's packages (pygame, NumPy, ...) through a .pth file, which adds their
folder but not the editable install's finder, so `game` can only come from the wheel.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Installed:
    wheel: Path
    python: Path
    casus: Path
    site: Path
    bare: Path      # a folder outside the checkout, where the commands run

    def run(self, *args: str) -> str:
        return _run([str(self.casus), *args], cwd=self.bare)


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Installed:
    """The wheel, built from a copy of the checkout and installed in a fresh venv."""
    tmp_path = tmp_path_factory.mktemp("wheel")
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
    return Installed(wheel, python, venv / "bin" / "casus", site, bare)


def test_the_wheel_carries_the_one_version_number(installed):
    # pyproject.toml reads it from game.__version__: one place, in the wheel's name and in
    # casus --version alike.
    from game import __version__
    assert installed.wheel.name.startswith(f"casus_foederis-{__version__}-")
    assert installed.run("--version").strip() == f"casus {__version__}"


def test_the_wheel_plays_the_shipped_scenarios_from_a_bare_folder(installed):
    played = installed.run("simulate", "tutorial", "--games", "2")
    assert "entrapment" in played
    checked = installed.run("map", "check", "europe-1939")
    assert checked.strip().endswith("europe-1939.scenario.toml: no problems")
    assert str(installed.site) in checked


def test_every_file_of_the_package_data_is_in_the_wheel(installed):
    # Maps, scenarios, briefs, outlines, the theme, fonts: whatever game/data holds ships,
    # so a kind of file added there without a package-data pattern fails here.
    data = ROOT / "game" / "data"
    shipped = {str(p.relative_to(ROOT)) for p in data.rglob("*")
               if p.is_file() and "__pycache__" not in p.parts}
    with zipfile.ZipFile(installed.wheel) as wheel:
        in_wheel = set(wheel.namelist())
    kinds = {p.rsplit(".", 1)[-1] for p in shipped}
    assert {"json", "toml", "md"} <= kinds
    assert sorted(shipped - in_wheel) == []
    # And the installed game finds them there: the maps and the client's theme.
    found = _run([str(installed.python), "-c", "from game.data import MAPS_DIR, THEME_PATH; "
                  "print(MAPS_DIR); print(THEME_PATH)"], cwd=installed.bare).split()
    assert all(Path(p).exists() and Path(p).is_relative_to(installed.site) for p in found)


def test_the_wheel_adjudicates_writes_handouts_and_a_report(installed):
    bare = installed.bare
    (bare / "orders.txt").write_text("RED: ALB -> DUN 5\nBLU: LOR -> NRE 2\n")
    turn = json.loads(installed.run("adjudicate", "tutorial", "--orders", "orders.txt",
                                    "--set", "sigma=0"))
    assert turn["state"]["turn"] == 2 and turn["report"]["events"]

    # The handouts print each power's brief, read from the wheel's own briefs folder.
    installed.run("handouts", "tutorial", "--out", "handouts", "--no-pdf")
    brief = (ROOT / "game/data/maps/tutorial.briefs/RED.md").read_text(encoding="utf-8")
    phrase = re.search(r"[A-Za-z][A-Za-z ,]{24,}", brief.split("\n", 2)[2]).group(0)
    assert phrase in (bare / "handouts" / "RED.html").read_text(encoding="utf-8")

    # A match played by bots at one table, then its after-action report.
    _run([str(installed.python), "-c", BOT_GAME], cwd=bare)
    reported = installed.run("report", "game.json", "--out", "report", "--no-images")
    [page] = (bare / "report").glob("report-*.html")
    assert str(page.name) in reported and "Tutorial" in page.read_text(encoding="utf-8")
    assert "usage: casus host" in installed.run("host", "--help")


# Four bot seats play the tutorial to its end through the hot-seat table's host, saved as a
# hot-seat game is.
BOT_GAME = """
from pathlib import Path
from game.cli.common import load_scenario_arg
from game.client.connection import LocalHost
from game.match import MatchSettings
scenario = load_scenario_arg("tutorial")
seats = {power: "bot" for power in scenario.power_ids}
host = LocalHost.new(scenario, MatchSettings(name="bots", seed=4, seats=seats),
                     save_path=Path("game.json"))
for _ in range(40):
    if host.match.state.over:
        break
    host.run_bots()
    host.tick()
assert host.match.state.over, host.match.state.turn
"""
