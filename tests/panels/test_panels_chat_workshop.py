"""The chat panel in a workshop match: the team channel, the umpire's named channels
(labelled by name and kind), press without authors, and a send box that says why it is
closed. Ordinary chat is tested in test_panels_chat.py."""

from __future__ import annotations

import pygame
import pytest

from game.client.panels import ChatPanel, PowersPanel
from panels_table import Table

from test_panels_chat import SCENARIO     # the same three powers as ordinary chat
from panels_support import all_text, button, widget_texts


@pytest.fixture
def table(pygame_ready):
    table = Table(SCENARIO, ["RED", "BLU", "GRN"])
    host = table.host
    outcome = host.match.join_team("RED", host.clock(), name="Bo", role="foreign minister")
    host.fan_out(outcome)
    table.seats["RED.2"] = table._seat("RED.2", host.connect("RED.2"))
    table.pump()
    return table


def umpire(table: Table, *messages: dict) -> None:
    """The umpire's commands, each accepted."""
    conn = table.host.connect("umpire")
    for message in messages:
        conn.send(message)
    replies = [m for m in conn.poll() if m.get("rid") is not None]
    assert [r["type"] for r in replies] == ["ok"] * len(messages), replies
    conn.close()
    table.pump()


def test_team_messages_go_only_to_the_team_and_show_under_its_tab(table):
    chat = table.open("RED.2", ChatPanel)
    assert {"Public", "Team"} <= set(widget_texts(chat))
    table.click("RED.2", button(chat, "Team"))
    assert "Heard by your team: RED player, Bo." in all_text(chat)
    table.type("RED.2", chat.entry, "Hold the border")
    table.key("RED.2", pygame.K_RETURN)
    lead = table.open("RED", ChatPanel)
    assert "Team (1)" in widget_texts(lead)
    assert "Hold the border" not in lead.history_box.html_text      # Public is shown
    table.click("RED", button(lead, "Team (1)"))
    assert lead.current == "team:RED"
    assert "Redland</b></font> <b>· Bo (foreign minister)</b>" in lead.history_box.html_text
    assert "Hold the border" in lead.history_box.html_text
    # Nobody else hears it, and the member's own message is not unread for the member.
    assert table.seats["BLU"].model.chat == [] and table.seats["GRN"].model.chat == []
    assert chat.unread("team:RED") == 0
    table.save("RED", "/tmp/panels/chat_team.png")


def test_a_player_alone_has_no_team_tab(table):
    chat = table.open("BLU", ChatPanel)
    assert "Public" in widget_texts(chat) and "Team" not in widget_texts(chat)


def test_a_press_message_shows_no_author_to_players(table):
    umpire(table, {"type": "set_channel", "channel": {"id": "herald", "kind": "press",
                                                      "name": "The Herald",
                                                      "writers": ["RED"]}})
    red = table.open("RED", ChatPanel)
    table.click("RED", button(red, "The Herald · press"))
    table.type("RED", red.entry, "Blueland arms in secret!")
    table.key("RED", pygame.K_RETURN)
    blu = table.open("BLU", ChatPanel)
    (message,) = table.seats["BLU"].model.chat
    assert message["from"] == "press" and "member" not in message
    table.click("BLU", button(blu, "The Herald · press (1)"))
    history = blu.history_box.html_text
    assert "<b>Press</b>" in history and "Blueland arms in secret!" in history
    assert "Redland" not in history
    # Blueland is not among the writers: the box says so.
    assert not blu.entry.is_enabled and not button(blu, "Send").is_enabled
    assert "Only Redland write here." in all_text(blu)
    table.save("BLU", "/tmp/panels/chat_press.png")


def test_a_channel_closed_to_writing_in_negotiation_says_why(table):
    umpire(table, {"type": "set_channel", "channel": {"id": "talks", "kind": "plenary",
                                                      "name": "Talks", "stages": ["orders"]}},
           {"type": "set_stage", "stage": "negotiation"})
    chat = table.open("RED.2", ChatPanel)
    table.click("RED.2", button(chat, "Talks · plenary"))
    assert not chat.entry.is_enabled and not button(chat, "Send").is_enabled
    assert "Writing opens in the orders stage (now: negotiation)." in all_text(chat)
    table.save("RED.2", "/tmp/panels/chat_stage.png")
    # The umpire opens orders: the box opens at once; closing the channel shuts it again.
    umpire(table, {"type": "set_stage", "stage": "orders"})
    assert chat.entry.is_enabled and button(chat, "Send").is_enabled
    table.type("RED.2", chat.entry, "Agreed")
    table.key("RED.2", pygame.K_RETURN)
    assert [m["text"] for m in table.seats["GRN"].model.chat] == ["Agreed"]
    umpire(table, {"type": "close_channel", "channel": "talks"})
    assert not chat.entry.is_enabled
    assert "The umpire has closed this channel: you can still read it." in all_text(chat)
    assert "Agreed" in chat.history_box.html_text


def test_the_powers_panel_names_the_seats_team(table):
    powers = table.open("RED.2", PowersPanel)
    assert ("Team: <b>RED player</b> (lead) · <b>Bo</b> (foreign minister, you)"
            in all_text(powers))
    other = table.open("BLU", PowersPanel)
    assert "Team:" not in all_text(other)
