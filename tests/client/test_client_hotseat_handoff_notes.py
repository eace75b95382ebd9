"""The hand-off card says which tab the player's screen opens on, and only that one."""

from __future__ import annotations

import pytest

from game.client.screens.game import GameScreen
from game.client.screens.handoff import HandoffScreen
from client_helpers import press_button, run
from hotseat_helpers import start, take_seat

pytestmark = pytest.mark.usefixtures("pygame_ready")

BRIEF_NOTE = "Your brief opens first: your government's aims, fears and pacts, for your eyes only."


def test_a_second_round_opens_on_the_inbox_and_its_card_does_not_promise_the_brief(tmp_path):
    app, flow = start(tmp_path, people=("RED", "BLU"))
    assert BRIEF_NOTE in app.top.notes            # the first screen of the match: the brief
    take_seat(app)
    red = app.top
    assert red.sidebar.panels[red.sidebar.current].title == "Brief"
    red.conn.send({"type": "propose", "terms": {"kind": "non_aggression",
                                                 "members": ["RED", "BLU"]}})
    press_button(app, red.widgets["done"])
    take_seat(app)                                # Blueland signs it
    blue = app.top
    (proposal,) = blue.model.awaiting_me()
    blue.conn.send({"type": "accept", "proposal": proposal["id"]})
    run(app, 2)
    press_button(app, blue.widgets["done"])
    handoff = app.top                             # Redland again: its proposal was signed
    assert isinstance(handoff, HandoffScreen) and flow.game.round == 2
    assert any(note.startswith("Round 2") for note in handoff.notes)
    assert BRIEF_NOTE not in handoff.notes
    take_seat(app)
    red = app.top
    assert isinstance(red, GameScreen)
    assert red.sidebar.panels[red.sidebar.current].title == "Inbox"
