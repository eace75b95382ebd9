"""The lobby shows the host's order and opens on its first row: the match the player holds
a seat in (from the seat book) above the open matches, the latest created first."""

from __future__ import annotations

import pytest

from game.client.online.seats import HeldSeat
from online_helpers import host_thread
from client_helpers import SHOTS, run
from lobby_helpers import flow_for, make_match, open_lobby

pytestmark = pytest.mark.usefixtures("pygame_ready")


def test_the_lobby_lists_the_players_own_match_first_and_chooses_the_first_row(tmp_path):
    with host_thread() as host:
        made = [make_match(host.url, name=name)["match"]
                for name in ("Monday", "Tuesday", "Wednesday")]
        umpire = make_match(host.url, name="Thursday")
        app, flow = flow_for(host.url, tmp_path)
        try:
            # The player kept the umpire's token of Thursday and a seat in Monday.
            flow.book.remember(HeldSeat(host.url, made[0], "RED", "t", name="Monday"))
            flow.book.remember(HeldSeat(host.url, umpire["match"], "umpire",
                                        umpire["umpire_token"], name="Thursday"))
            lobby = open_lobby(app, flow)
            order = [m["name"] for m in lobby.matches]
            assert order == ["Thursday", "Monday", "Wednesday", "Tuesday"]
            assert lobby.chosen == lobby.matches[0]["match"]
            widget = lobby.widgets["matches"]
            assert widget.get_single_selection() == widget.item_list[0]["text"]
            run(app, 2)
            app.screenshot(f"{SHOTS}/lobby-order.png")
        finally:
            flow.close()


def test_choosing_a_match_the_player_holds_a_seat_in_chooses_that_seat_for_rejoin(tmp_path):
    with host_thread() as host:
        monday = make_match(host.url, name="Monday")["match"]
        tuesday = make_match(host.url, name="Tuesday")["match"]
        app, flow = flow_for(host.url, tmp_path)
        try:
            flow.book.remember(HeldSeat(host.url, tuesday, "RED", "t2", name="Tuesday"))
            flow.book.remember(HeldSeat(host.url, monday, "BLU", "t1", name="Monday"))
            lobby = open_lobby(app, flow)
            held = lobby.widgets["held"]
            # The list opens on a held match, and Rejoin on the player's seat in it.
            first = lobby.matches[0]["match"]
            assert lobby.held[lobby.held_choice].match == first
            assert held.get_single_selection() == lobby.held[lobby.held_choice].describe()
            assert lobby.widgets["rejoin"].is_enabled
            other = next(m["match"] for m in lobby.matches if m["match"] != first)
            lobby.choose(other)
            assert lobby.held[lobby.held_choice].match == other
            assert (lobby.widgets["held"].get_single_selection()
                    == lobby.held[lobby.held_choice].describe())
            # A refresh of the same pick keeps a seat the player chose by hand.
            lobby.held_choice = next(i for i, h in enumerate(lobby.held) if h.match == first)
            lobby.choose(other)
            assert lobby.held[lobby.held_choice].match == first
        finally:
            flow.close()
