"""A seat taken online whose token cannot be kept (disk full, a read-only home) is still
played: the game screen says so, and the token goes to the terminal for ``--token``.

Remembering the seat wrote the seat book with no guard, so the OSError ran up through the
screens and closed the client just as the player sat down.
"""

from __future__ import annotations

import pytest

from game.client.screens.game import GameScreen
from online_helpers import host_thread, until
from client_helpers import press_button
from lobby_helpers import flow_for, make_match, open_lobby, step

pytestmark = pytest.mark.usefixtures("pygame_ready")


def test_a_seat_that_cannot_be_remembered_is_played_and_its_token_shown(tmp_path, capsys,
                                                                        monkeypatch):
    with host_thread() as host:
        made = make_match(host.url, name="Friday", deadline=600, bots=["GRN"])
        app, flow = flow_for(host.url, tmp_path)

        def disk_full(held):
            raise OSError(28, "No space left on device")
        monkeypatch.setattr(flow.book, "remember", disk_full)
        try:
            lobby = open_lobby(app, flow)
            lobby.widgets["name"].set_text("Ada")
            press_button(app, lobby.widgets["join"])
            until(lambda: isinstance(app.top, GameScreen), step=step(app))
            screen = app.top
            assert screen.model.seat == "RED"
            [(said, _)] = screen.toasts
            assert said == (f"The seat could not be remembered in {tmp_path / 'seats.json'} "
                            "(No space left on device): its token is in the terminal.")
            assert (f"the token of seat RED in match {made['match']} is {screen.conn.token}"
                    in capsys.readouterr().err)
        finally:
            flow.close()


def test_forgetting_a_seat_the_book_cannot_drop_says_why(tmp_path, monkeypatch):
    import pygame
    import pygame_gui
    from game.client.online.seats import HeldSeat
    with host_thread() as host:
        made = make_match(host.url, name="Tuesday")
        app, flow = flow_for(host.url, tmp_path)
        flow.book.remember(HeldSeat(host.url, made["match"], "umpire", made["umpire_token"],
                                    name="Tuesday"))
        try:
            lobby = open_lobby(app, flow)
            pygame.event.post(pygame.event.Event(pygame_gui.UI_SELECTION_LIST_NEW_SELECTION,
                                                 text=lobby.held[0].describe(),
                                                 ui_element=lobby.widgets["held"]))
            step(app)()
            step(app)()

            def read_only(*args):
                raise PermissionError(13, "Permission denied")
            monkeypatch.setattr(flow.book, "forget", read_only)
            press_button(app, lobby.widgets["forget"])
            assert lobby.error == (f"Could not forget it: {tmp_path / 'seats.json'} "
                                   "(Permission denied).")
            assert [h.describe() for h in lobby.held] == ["Tuesday · umpire"]
        finally:
            flow.close()
