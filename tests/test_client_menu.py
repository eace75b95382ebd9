"""The in-game menu and the sound cues (headless: no audio device is ever opened)."""

from __future__ import annotations

import numpy as np
import pygame
import pytest

from game.client.app import App
from game.client.hotseat import HotseatGame, SeatChoice
from game.client.screens.game import GameScreen
from game.client.screens.menu import MenuScreen
from game.client.sound import BATTLE, PACT, WAR, Sounds, synthesise
from game.maps import load_scenario, resolve_scenario
from test_client_helpers import key, press_button, run

pytestmark = pytest.mark.usefixtures("pygame_ready")

TUTORIAL = load_scenario(resolve_scenario("tutorial"))


@pytest.fixture
def screen():
    seats = {"RED": SeatChoice("human", "Ada"), "GRN": SeatChoice("human", "Gus"),
             "BLU": SeatChoice("empty"), "YEL": SeatChoice("empty")}
    n = iter(range(1, 1_000_000))
    game = HotseatGame.new(TUTORIAL, seats, fog=False, seed=7, clock=lambda: float(next(n)))
    app = App((1280, 720))
    left: list[bool] = []
    shown = GameScreen(app, game.conns["RED"], game.models["RED"], map_doc=TUTORIAL.map_doc,
                       rules=TUTORIAL.rules, draft=game.draft("RED"), player="Ada",
                       on_done=lambda: None, on_leave=lambda: left.append(True))
    app.push(shown)
    run(app, 2)
    yield app, shown, left
    game.close()


def test_esc_opens_the_menu_and_resume_comes_back(screen):
    app, shown, left = screen
    key(app, pygame.K_ESCAPE)
    menu = app.top
    assert isinstance(menu, MenuScreen)
    app.screenshot("/tmp/client/menu.png")
    press_button(app, menu.buttons["resume"])
    assert app.top is shown and left == [] and "done" in shown.widgets


def test_quitting_asks_first(screen):
    app, shown, left = screen
    press_button(app, shown.widgets["leave"])
    menu = app.top
    press_button(app, menu.buttons["quit"])
    assert left == [] and set(menu.buttons) == {"confirm", "back"}
    press_button(app, menu.buttons["back"])
    assert menu.page == "main"
    press_button(app, menu.buttons["quit"])
    press_button(app, menu.buttons["confirm"])
    assert left == [True]


def test_settings_mute_and_set_the_replay_speed(screen):
    app, shown, _left = screen
    key(app, pygame.K_ESCAPE)
    menu = app.top
    press_button(app, menu.buttons["settings"])
    press_button(app, menu.buttons["sound"])
    assert app.sounds.muted and not app.settings.sound
    press_button(app, menu.buttons["speed"])
    assert app.settings.animation_speed == 2.0
    app.screenshot("/tmp/client/menu_settings.png")
    key(app, pygame.K_ESCAPE)          # back to the main page
    key(app, pygame.K_ESCAPE)          # and to the game
    assert app.top is shown
    key(app, pygame.K_m, mod=pygame.KMOD_CTRL)     # Ctrl+M: sound on again
    assert not app.sounds.muted and app.settings.sound


def test_a_turn_with_a_battle_a_pact_and_a_war_plays_each_cue_once(screen):
    app, shown, _left = screen
    report = {"events": [{"type": "battle"}, {"type": "battle"}, {"type": "pact_signed"},
                         {"type": "war_declared"}, {"type": "moved"}]}
    shown.sound_cues(report)
    assert app.sounds.played == [WAR, PACT, BATTLE]
    # Under SDL_AUDIODRIVER=dummy no sound is made for a device: the cues stay silent.
    assert not app.sounds.audible


def test_the_cues_are_made_in_code_short_and_distinct():
    waves = {cue: synthesise(cue) for cue in (BATTLE, PACT, WAR)}
    for wave in waves.values():
        assert wave.dtype == np.int16 and 0.3 < len(wave) / 22050 < 1.0
        assert np.abs(wave).max() > 20000
    assert len({w.tobytes() for w in waves.values()}) == 3
    assert np.array_equal(synthesise(BATTLE), waves[BATTLE])      # deterministic
    sounds = Sounds(muted=True)
    sounds.play(WAR)
    assert sounds.played == [WAR]
