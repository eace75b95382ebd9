"""``casus play`` opens the window on a scenario (headless here) and closes cleanly."""

from game.cli.main import main


def test_play_opens_the_window_on_the_tutorial_and_closes(capsys):
    assert main(["play", "tutorial", "--frames", "3"]) == 0


def test_play_names_an_unknown_scenario_in_one_sentence(capsys):
    assert main(["play", "atlantis", "--frames", "1"]) == 2
    err = capsys.readouterr().err
    assert "there is no scenario called 'atlantis'" in err and err.count("\n") == 1
