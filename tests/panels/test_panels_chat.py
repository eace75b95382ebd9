"""The chat panel: sending with the keyboard, unread counts, and new private groups."""

from __future__ import annotations

import pygame
import pytest

from builders import board
from game.client.panels import ChatPanel
from panels_table import Table
from game.client.panels.frame import readable

from panels_support import all_text, button, widget_texts

SCENARIO = board("R B G", ["R-B", "B-G"],
                 {"RED": {"territories": "R", "name": "Redland", "color": "#c0392b"},
                  "BLU": {"territories": "B", "name": "Blueland", "color": "#2e6fb7"},
                  "GRN": {"territories": "G", "name": "Greenland", "color": "#f1c40f"}})


@pytest.fixture
def table(pygame_ready):
    return Table(SCENARIO, ["RED", "BLU", "GRN"])


def test_typing_and_pressing_enter_sends_to_the_public_channel(table):
    chat = table.open("RED", ChatPanel)
    table.type("RED", chat.entry, "Peace in our time")
    table.key("RED", pygame.K_RETURN)
    for power in ("RED", "BLU", "GRN"):
        (message,) = table.seats[power].model.chat
        assert (message["channel"], message["from"], message["text"]) == (
            "public", "RED", "Peace in our time")
    assert chat.entry.get_text() == ""
    history = chat.history_box.html_text
    # The sender's power name, in its colour (darkened enough to read), then the text.
    assert f"<font color='{readable('#c0392b')}'><b>Redland</b></font>" in history
    assert history.endswith("Peace in our time")
    table.save("RED", "/tmp/panels/chat_public.png")


def test_unread_counts_grow_while_hidden_and_clear_when_shown(table):
    chat = table.open("BLU", ChatPanel)
    chat.set_visible(False)
    red = table.seats["RED"].conn
    red.send({"type": "chat", "channel": "public", "text": "one"})
    red.send({"type": "chat", "channel": "public", "text": "two"})
    red.send({"type": "chat", "channel": ["RED", "BLU"], "text": "just us"})
    table.pump()
    assert (chat.unread("public"), chat.unread(("RED", "BLU"))) == (2, 1)
    assert "Public (2)" in widget_texts(chat)
    chat.set_visible(True)
    assert "Public" in widget_texts(chat) and "Redland (1)" in widget_texts(chat)
    table.click("BLU", button(chat, "Redland (1)"))
    assert chat.current == ("RED", "BLU")
    assert "Redland" in widget_texts(chat) and "just us" in chat.history_box.html_text
    assert "one" not in chat.history_box.html_text
    # The seat's own messages never count as unread.
    table.type("BLU", chat.entry, "hello")
    table.click("BLU", button(chat, "Send"))
    assert "Redland" in widget_texts(chat)


def test_a_new_group_is_picked_from_the_powers_and_reaches_only_them(table):
    chat = table.open("RED", ChatPanel)
    table.click("RED", button(chat, "New group…"))
    assert not button(chat, "Open group").is_enabled
    table.click("RED", button(chat, "Greenland"))
    table.click("RED", button(chat, "Open group"))
    assert chat.current == ("RED", "GRN")
    assert "Heard by Redland, Greenland." in all_text(chat)
    table.type("RED", chat.entry, "A word in private")
    table.key("RED", pygame.K_RETURN)
    assert [m["channel"] for m in table.seats["GRN"].model.chat] == [["RED", "GRN"]]
    assert table.seats["BLU"].model.chat == []
    table.save("RED", "/tmp/panels/chat_group.png")


def test_a_spectator_reads_public_chat_but_cannot_write(table):
    table.seats["RED"].conn.send({"type": "chat", "channel": "public", "text": "hear ye"})
    table.pump()
    seat = table._seat("spectator", table.host.connect("spectator"))
    table.seats["spectator"] = seat
    chat = table.open("spectator", ChatPanel)
    assert "hear ye" in chat.history_box.html_text
    assert not chat.entry.is_enabled and not button(chat, "Send").is_enabled
    assert "New group…" not in widget_texts(chat)


def test_a_message_on_a_new_channel_does_not_interrupt_typing(table):
    chat = table.open("RED", ChatPanel)
    table.type("RED", chat.entry, "Half a sent")
    table.seats["BLU"].conn.send({"type": "chat", "channel": ["BLU", "RED"], "text": "psst"})
    table.pump()
    assert "Blueland (1)" in widget_texts(chat)          # the panel was rebuilt
    assert chat.entry.is_focused and chat.entry.get_text() == "Half a sent"
    for ch in "ence":
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=ch))
    table.settle("RED")
    assert chat.entry.get_text() == "Half a sentence"


def test_earlier_messages_asks_the_host_for_the_page_before_and_shows_it_on_top(table):
    # As a host's snapshot holds only the newest chat: the first 30 messages are not here.
    model = table.seats["BLU"].model
    model.chat[:] = [{"channel": "public", "from": "RED", "text": f"m{i}", "turn": 1}
                     for i in range(30, 40)]
    model.extra["chat_from"] = 30
    chat = table.open("BLU", ChatPanel)
    assert chat.badge() == 0
    table.save("BLU", "/tmp/panels/chat_earlier.png")
    sent: list[dict] = []
    conn = table.seats["BLU"].conn
    send = conn.send
    conn.send = lambda message: (sent.append(message), send(message))[1]
    table.click("BLU", button(chat, "Earlier messages"))
    assert sent == [{"type": "chat_history", "before": 30}]
    # The host's page arrives: it goes on top, unread counts unchanged, the button stays
    # while there is more before it, and goes once the oldest message is here.
    for first in (10, 0):
        page = [{"channel": "public", "from": "RED", "text": f"m{i}", "turn": 1}
                for i in range(first, first + (20 if first else 10))]
        chat.refresh(model.apply({"type": "chat_page", "messages": page, "chat_from": first}))
        table.settle("BLU")
        history = chat.history_box.html_text
        assert history.index(f" m{first}<br>") < history.rindex(" m39")
        assert chat.badge() == 0
        assert ("Earlier messages" in widget_texts(chat)) == bool(first)
    assert [m["text"] for m in model.chat] == [f"m{i}" for i in range(40)]
    assert "Earlier messages" not in widget_texts(chat)
