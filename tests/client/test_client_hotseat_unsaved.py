"""A hot-seat game whose save cannot be written (disk full, saves folder gone) carries on.

It used to close the window: the OSError of the save ran up through the screen's event loop
("unexpected error"), or, once caught, the table showed an outcome of a turn never played
(IndexError). Now the action is refused with a sentence, the turn waits, and the file still
holds the game as it was, to resume once it can be saved.
"""

from __future__ import annotations

import pytest

import game.client.connection as connection
from game.client.connection import SaveError
from game.client.hotseat import HotseatGame, SeatChoice
from game.client.screens.start import StartScreen
from game.maps import load_scenario, resolve_scenario
from client_helpers import press_button, run
from hotseat_helpers import start, take_seat

SEATS = {"RED": SeatChoice("human", "Ada"), "GRN": SeatChoice("human", "Gus"),
         "BLU": SeatChoice("empty"), "YEL": SeatChoice("empty")}


def disk_full(monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(connection, "write_save", refuse)


def test_an_action_that_cannot_be_saved_is_refused_with_a_sentence(tmp_path, monkeypatch):
    game = HotseatGame.new(load_scenario(resolve_scenario("tutorial")), SEATS, fog=False,
                           save_path=tmp_path / "g.json", seed=2)
    conn = game.conns["RED"]
    conn.poll()
    before = len(game.match.log)
    disk_full(monkeypatch)
    conn.send({"type": "chat", "channel": "public", "text": "hello"})
    [error] = [m for m in conn.poll() if m["type"] == "error"]
    assert error["code"] == "internal"
    assert "could not be saved" in error["message"] and "No space left on device" in \
        error["message"] and "g.json" in error["message"]
    assert len(game.match.log) == before


def test_a_turn_that_cannot_be_saved_is_not_played_and_resumes_later(tmp_path, monkeypatch):
    path = tmp_path / "g.json"
    game = HotseatGame.new(load_scenario(resolve_scenario("tutorial")), SEATS, fog=False,
                           save_path=path, seed=2)
    game.finish_planning("RED")
    with monkeypatch.context() as patch:
        disk_full(patch)
        with pytest.raises(SaveError, match=r"could not be saved \(No space left on device\), "
                                            "so the turn was not played"):
            game.finish_planning("GRN")
        assert game.match.turn == 1
    game.close()
    again = HotseatGame.resume(path)       # the file holds turn 1, as it was
    assert again.match.turn == 1 and again.queue == ["GRN"]
    again.finish_planning("GRN")
    assert again.match.turn == 2


@pytest.mark.usefixtures("pygame_ready")
def test_the_table_goes_back_to_the_start_screen_saying_why(tmp_path, monkeypatch):
    app, flow = start(tmp_path)
    take_seat(app)
    press_button(app, app.top.widgets["done"])
    take_seat(app)
    disk_full(monkeypatch)
    press_button(app, app.top.widgets["done"])     # the last Done plays the turn: not saved
    run(app, 2)
    assert isinstance(app.top, StartScreen) and flow.game is None
    assert "The game could not be saved (No space left on device), so the turn was not " \
           "played" in app.top.error
