"""The report in a real browser: Debian's headless Chromium renders the page, its DOM has
every section, its console stays silent and a screenshot shows the page.

Skipped when Chromium is not installed (.ci/run installs it where it can).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pygame
import pytest

from game.debrief import rebuild
from game.debrief.page import SECTIONS, report_html
from debrief_scripted import scripted_match

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--no-first-run", "--disable-component-update", "--disable-sync",
         "--enable-logging=stderr", "--v=0"]


def chromium(page: Path, profile: Path, *args: str) -> subprocess.CompletedProcess:
    """One bounded run of headless Chromium on a local file."""
    return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args,
                           page.resolve().as_uri()],
                          capture_output=True, text=True, timeout=120, check=False)


def console_messages(stderr: str) -> list[str]:
    """What the page wrote to the console (Chromium logs each message as CONSOLE)."""
    return [line for line in stderr.splitlines() if re.search(r":CONSOLE[:(]", line)]


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("report")
    path = folder / "report.html"
    path.write_text(report_html(rebuild(scripted_match().log)), encoding="utf-8")
    return path


def test_the_console_check_catches_a_page_that_errs(tmp_path):
    bad = tmp_path / "bad.html"
    bad.write_text("<html><body><script>console.error('boom'); missing();</script>"
                   "</body></html>", encoding="utf-8")
    run = chromium(bad, tmp_path / "profile", "--dump-dom")
    messages = console_messages(run.stderr)
    assert len(messages) == 2 and '"boom"' in messages[0]


def test_chromium_renders_every_section_without_a_console_message(page, tmp_path):
    run = chromium(page, tmp_path / "profile", "--dump-dom")
    assert run.returncode == 0, run.stderr[-2000:]
    dom = run.stdout
    assert "<h1>After-action report: Scripted</h1>" in dom
    for key, title in SECTIONS:
        assert f'<section id="{key}">' in dom, key
    assert dom.count('src="data:image/png;base64,') == 7
    assert console_messages(run.stderr) == []


def test_a_screenshot_of_the_report_shows_the_page(page, tmp_path):
    shot = tmp_path / "shot.png"
    run = chromium(page, tmp_path / "profile", f"--screenshot={shot}",
                   "--window-size=1200,2400", "--hide-scrollbars")
    assert run.returncode == 0 and shot.exists(), run.stderr[-2000:]
    image = pygame.image.load(str(shot))
    assert image.get_size() == (1200, 2400)
    # The page's paper colour at the margin, and ink (the title) near the top.
    assert tuple(image.get_at((5, 5)))[:3] == (0xfb, 0xf7, 0xee)
    dark = sum(1 for x in range(60, 600, 2) for y in range(20, 60, 2)
               if sum(tuple(image.get_at((x, y)))[:3]) < 250)
    assert dark > 100
    # The snapshots and plots were decoded: many colours, not a blank or a broken image.
    colours = {tuple(image.get_at((x, y)))[:3] for x in range(0, 1200, 7)
               for y in range(1200, 2400, 7)}
    assert len(colours) > 200


def test_chromium_renders_a_workshop_report_with_its_struck_through_turn(tmp_path):
    from debrief_workshop_script import workshop_match

    path = tmp_path / "workshop.html"
    path.write_text(report_html(rebuild(workshop_match().log), images=False), encoding="utf-8")
    run = chromium(path, tmp_path / "profile", "--dump-dom")
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.count("<li class=\"rolled-back\">") == 1
    assert "Review before release</h3>" in run.stdout
    assert console_messages(run.stderr) == []
