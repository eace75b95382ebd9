"""Edge cases: hostile and very long text, the end of the game, and rejoining."""

from __future__ import annotations

import pytest

from builders import board
from game.client.model import OVER, MatchModel
from game.client.panels import ChatPanel, InboxPanel, PactsPanel, PowersPanel, ReportPanel
from panels_table import Table

from panels_support import all_text, widget_texts

SCENARIO = board("R S N B C X Y", ["R-S", "R-N", "N-B", "B-C", "C-X", "X-Y"],
                 {"RED": {"territories": "R S", "forces": {"R": 6}, "name": "Redland"},
                  "BLU": {"territories": "B C", "forces": {"B": 2}, "name": "Blueland"}},
                 neutral={"N": 1})


@pytest.fixture
def table(pygame_ready):
    return Table(SCENARIO, ["RED", "BLU"])


def test_markup_in_players_text_is_shown_as_text_not_obeyed(table):
    chat = table.open("BLU", ChatPanel)
    hostile = "<font color='#ff0000' size=7>SHOUT</font> <a href='x'>click</a> & co"
    table.seats["RED"].conn.send({"type": "chat", "channel": "public", "text": hostile})
    table.seats["RED"].conn.send({"type": "propose", "terms": {
        "kind": "non_aggression", "members": ["RED", "BLU"], "name": "<b>Trust</b> me"}})
    table.pump()
    history = chat.history_box.html_text
    assert "&lt;font color='#ff0000' size=7&gt;SHOUT&lt;/font&gt;" in history
    assert "&lt;a href='x'&gt;click&lt;/a&gt; &amp; co" in history
    assert "<a href" not in history
    inbox = table.open("BLU", InboxPanel)
    assert "&lt;b&gt;Trust&lt;/b&gt; me" in all_text(inbox)
    table.save("BLU", "/tmp/panels/edge_hostile.png")


def test_a_very_long_message_and_name_wrap_inside_the_panel(table):
    long_text = "word " * 400
    table.seats["RED"].conn.send({"type": "chat", "channel": "public", "text": long_text})
    table.seats["RED"].conn.send({"type": "propose", "terms": {
        "kind": "non_aggression", "members": ["RED", "BLU"], "name": "N" * 120}})
    table.pump()
    for cls in (ChatPanel, InboxPanel):
        panel = table.open("BLU", cls)
        for element in panel.content.elements:
            assert element.rect.right <= panel.root.rect.right, (cls.__name__, element)
    table.save("BLU", "/tmp/panels/edge_long.png")


def test_when_the_game_is_over_the_panels_report_it_and_offer_no_actions(pygame_ready):
    # A small map: taking the neutral N gives Redland two thirds of it, and the game.
    table = Table(board("R N B", ["R-N", "N-B"],
                        {"RED": {"territories": "R", "forces": {"R": 6}, "name": "Redland"},
                         "BLU": {"territories": "B", "forces": {"B": 2}, "name": "Blueland"}},
                        neutral={"N": 1}), ["RED", "BLU"])
    red, blu = table.seats["RED"].conn, table.seats["BLU"].conn
    panels = {cls: table.open("RED", cls) for cls in (PactsPanel, PowersPanel, ReportPanel)}
    red.send({"type": "orders", "orders": [{"op": "move", "from": "R", "to": "N", "n": 5}]})
    red.send({"type": "ready", "ready": True})
    blu.send({"type": "ready", "ready": True})
    table.pump()
    model = table.seats["RED"].model
    assert model.over and model.winner["kind"] == "solo" and model.winner["powers"] == ["RED"]
    for panel in panels.values():
        panel.set_visible(True)
        panel.refresh(frozenset({OVER}))
    assert "The game is over. Redland won the game." in all_text(panels[ReportPanel])
    assert "Propose a pact…" not in widget_texts(panels[PactsPanel])
    assert "Declare war" not in widget_texts(panels[PowersPanel])
    assert "Give" not in widget_texts(panels[PowersPanel])


def test_panels_follow_a_new_model_after_a_rejoin(table):
    chat = table.open("RED", ChatPanel)
    pacts = table.open("RED", PactsPanel)
    snapshot = table.host.match.snapshot("RED")
    table.seats["RED"].ctx.model = MatchModel.from_snapshot({**snapshot, "seat": "RED"})
    table.seats["RED"].conn.send({"type": "chat", "channel": "public", "text": "back again"})
    table.pump()     # the table applies to the seat's old model; the context has the new one
    table.seats["RED"].ctx.model.apply({"type": "chat", "channel": "public", "from": "RED",
                                        "text": "back again", "turn": 1, "at": 1.0})
    chat.set_visible(True)
    chat.refresh(frozenset({"chat"}))
    assert "back again" in chat.history_box.html_text
    pacts.set_visible(True)
    pacts.refresh(frozenset({"view"}))
    assert "Propose a pact…" in widget_texts(pacts)
