"""``casus play``: the start screen, resuming a save, and one-sentence errors."""

from __future__ import annotations

import pytest

from game.cli.main import main
from game.client.hotseat import HotseatGame, SeatChoice
from game.maps import load_scenario, resolve_scenario


def test_play_opens_the_start_screen_with_a_saves_folder_and_a_size(tmp_path):
    assert main(["play", "europe-1939", "--saves", str(tmp_path), "--size", "1920x1080",
                 "--frames", "3"]) == 0


def test_play_resumes_a_saved_game(tmp_path):
    scenario = load_scenario(resolve_scenario("tutorial"))
    game = HotseatGame.new(scenario, {"RED": SeatChoice("human", "Ada"),
                                      "GRN": SeatChoice("human", "Gus"),
                                      "BLU": SeatChoice("empty"), "YEL": SeatChoice("empty")},
                           fog=True, save_path=tmp_path / "g.json", seed=2)
    game.close()
    assert main(["play", "--resume", str(tmp_path / "g.json"), "--frames", "3"]) == 0


@pytest.mark.parametrize("args, message", [
    (["--resume", "/nowhere/game.json"], "there is no saved game at /nowhere/game.json"),
    (["--size", "big"], "--size takes WIDTHxHEIGHT, e.g. 1920x1080, not 'big'"),
])
def test_play_says_what_is_wrong_in_one_sentence(args, message, capsys):
    assert main(["play", *args, "--frames", "1"]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_play_refuses_a_file_that_is_not_a_save_by_name(tmp_path, capsys):
    bad = tmp_path / "notes.json"
    bad.write_text("[1, 2", encoding="utf-8")
    assert main(["play", "--resume", str(bad), "--frames", "1"]) == 2
    err = capsys.readouterr().err
    assert "notes.json is not a saved game" in err and err.count("\n") == 1
