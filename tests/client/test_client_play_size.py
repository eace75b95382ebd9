"""``casus play --size`` smaller than the window can be: the terminal says what it opened."""

from __future__ import annotations

from game.cli.main import main


def test_a_size_below_the_smallest_window_is_told_not_silently_changed(tmp_path, capsys):
    assert main(["play", "--saves", str(tmp_path), "--size", "1024x600", "--frames", "1"]) == 0
    err = capsys.readouterr().err
    assert "--size 1024x600 opened it at 1280x720" in err and err.count("\n") == 1


def test_a_size_the_window_can_take_says_nothing(tmp_path, capsys):
    assert main(["play", "--saves", str(tmp_path), "--size", "1400x800", "--frames", "1"]) == 0
    assert capsys.readouterr().err == ""
