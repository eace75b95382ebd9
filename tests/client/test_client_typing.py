"""Typing never fires shortcuts: while a text field has the focus, every key is the field's.

Headless: posted key and text events go through the App's one routing place."""

from __future__ import annotations

import pygame
import pytest

from game.client.app import App
from game.client.hotseat import HotseatGame, SeatChoice
from game.client.orders_ui import MOVE
from game.client.panels import ChatPanel
from game.client.screens.game import GameScreen
from game.maps import load_scenario, resolve_scenario
from client_helpers import click, key, run

pytestmark = pytest.mark.usefixtures("pygame_ready")

TUTORIAL = load_scenario(resolve_scenario("tutorial"))


@pytest.fixture
def table():
    seats = {"RED": SeatChoice("human", "Ada"), "GRN": SeatChoice("human", "Gus"),
             "BLU": SeatChoice("empty"), "YEL": SeatChoice("empty")}
    n = iter(range(1, 1_000_000))
    game = HotseatGame.new(TUTORIAL, seats, fog=False, seed=7, clock=lambda: float(next(n)))
    # A turn played, so R (the replay of the last turn) has something to start.
    game.finish_planning("RED")
    game.finish_planning("GRN")
    game.finish_watching()
    game.pump()
    yield game
    game.close()


def typed(app: App, text: str) -> None:
    """Type like a keyboard does: a key press (with its character) and the text it makes."""
    for ch in text:
        code = pygame.key.key_code(ch) if ch.isalnum() else pygame.K_SPACE
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=code, mod=0, unicode=ch,
                                             scancode=0))
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=ch))
        pygame.event.post(pygame.event.Event(pygame.KEYUP, key=code, mod=0, unicode=ch,
                                             scancode=0))
        run(app, 1)


def snapshot(screen: GameScreen) -> tuple:
    r = screen.map.renderer
    return (screen.tool, r.toggles, r.options,
            screen.help.visible, screen.map.playing is not None, screen.draft.orders,
            r.camera.offset, r.camera.zoom, screen.sidebar.current)


def test_typed_chat_reaches_the_field_and_changes_nothing_on_the_map(table):
    app = App((1280, 720))
    screen = GameScreen(app, table.conns["RED"], table.models["RED"], map_doc=TUTORIAL.map_doc,
                        rules=TUTORIAL.rules, draft=table.draft("RED"), player="Ada",
                        tab="Chat")
    app.push(screen)
    run(app, 2)
    chat = screen.sidebar.panels[screen.sidebar.current]
    assert isinstance(chat, ChatPanel)
    click(app, chat.entry.rect.center)
    assert app.typing()
    before = snapshot(screen)
    # b: Build, t: terrain, 3: offensive links, r: replay, ?: help, f: fit, n: names...
    sentence = "hello Bob, lets hit Blue 3 times? ready? fn"
    typed(app, sentence)
    key(app, pygame.K_F1)                 # and the function keys are not shortcuts either
    key(app, pygame.K_TAB)
    assert chat.entry.get_text() == sentence
    assert snapshot(screen) == before
    # Esc leaves the field; the next key is a shortcut again.
    key(app, pygame.K_ESCAPE)
    assert not app.typing()
    key(app, pygame.K_b, unicode="b")
    assert screen.tool != MOVE
    assert chat.entry.get_text() == sentence
