"""Hot-seat chat: what another player wrote while you were away is unread on your screen."""

from __future__ import annotations

import pygame
import pytest

from game.client.panels.chat import ChatPanel
from game.client.screens.game import GameScreen
from client_helpers import SHOTS, key, type_text
from hotseat_helpers import start, take_seat

pytestmark = pytest.mark.usefixtures("pygame_ready")


def chat_tab(screen: GameScreen) -> tuple[ChatPanel, str]:
    sidebar = screen.sidebar
    assert sidebar is not None
    for tab, panel in zip(sidebar.tabs, sidebar.panels):
        if isinstance(panel, ChatPanel):
            return panel, tab.text
    raise AssertionError("no Chat tab")


def test_a_message_written_before_your_turn_is_unread_until_you_open_the_chat(tmp_path):
    app, flow = start(tmp_path)
    take_seat(app)                                   # Redland (Ada)
    ada = app.top
    assert isinstance(ada, GameScreen)
    ada.sidebar.select_title("Chat")
    panel, _ = chat_tab(ada)
    type_text(app, panel.entry, "Greenmark, hold Eriu")
    key(app, pygame.K_RETURN)
    assert [m["text"] for m in ada.model.chat] == ["Greenmark, hold Eriu"]
    key(app, pygame.K_ESCAPE)                        # out of the chat line
    key(app, pygame.K_RETURN, mod=pygame.KMOD_CTRL)  # Done
    take_seat(app)                                   # Greenmark (Gus)
    gus = app.top
    assert isinstance(gus, GameScreen) and gus.model.seat == "GRN"
    app.run(frames=30)                               # the badges are counted again
    panel, label = chat_tab(gus)
    app.screenshot(f"{SHOTS}/hotseat_chat_unread.png")
    assert panel.badge() == 1 and label == "Chat 1"
    gus.sidebar.select_title("Chat")
    app.run(frames=30)
    assert panel.badge() == 0 and chat_tab(gus)[1] == "Chat"
    key(app, pygame.K_RETURN, mod=pygame.KMOD_CTRL)  # Done: the turn is played
    # Read once, read for good: Greenmark's next screen does not count it again.
    assert flow.game.chat_marks("GRN")
