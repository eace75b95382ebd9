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
