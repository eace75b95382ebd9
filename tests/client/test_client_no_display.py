"""Without a display, the windowed commands say so instead of running where no one sees.

SDL falls back to its offscreen driver when there is no display (a terminal over ssh, a
server): ``casus play`` then ran an invisible game and the terminal waited for ever.
"""

from __future__ import annotations

import pygame
import pytest

from game.cli.main import main


@pytest.fixture
def no_display(monkeypatch):
    """pygame as it starts with no display and no SDL_VIDEODRIVER: on the offscreen driver."""
    monkeypatch.delenv("SDL_VIDEODRIVER", raising=False)
    monkeypatch.setattr(pygame.display, "init", lambda: None)   # whatever this machine has
    monkeypatch.setattr(pygame.display, "get_driver", lambda: "offscreen")


@pytest.mark.parametrize("args", [["play", "--frames", "1"],
                                  ["replay", "{save}", "--frames", "1"]])
def test_a_window_with_no_display_is_one_sentence(tmp_path, capsys, no_display, args):
    from game.client.connection import LocalHost
    from game.maps import load_scenario, resolve_scenario
    save = tmp_path / "save.json"
    LocalHost.new(load_scenario(resolve_scenario("tutorial")), save_path=save)
    args = [a.replace("{save}", str(save)) for a in args]
    assert main([*args, "--saves", str(tmp_path)] if args[0] == "play" else args) == 2
    err = capsys.readouterr().err
    assert err == (f"casus {args[0]}: cannot open a window (no display: neither DISPLAY nor "
                   "WAYLAND_DISPLAY is set); is a display available?\n")


def test_the_offscreen_driver_asked_for_by_name_still_opens(tmp_path, monkeypatch):
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    monkeypatch.setattr(pygame.display, "get_driver", lambda: "dummy")
    assert main(["play", "--saves", str(tmp_path), "--frames", "1"]) == 0
