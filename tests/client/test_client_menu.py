"""The in-game menu and the sound cues (headless: no audio device is ever opened)."""

from __future__ import annotations

import numpy as np
import pygame
import pytest

import json

from pygame_gui.elements import UITextBox

from game.client.app import App
from game.client.settings import Settings, read_settings, write_settings
from game.words import palette
from game.client.hotseat import HotseatGame, SeatChoice
from game.client.screens.game import GameScreen
from game.client.screens.menu import MenuScreen
from game.client.sound import BATTLE, PACT, WAR, Sounds, synthesise
from game.maps import load_scenario, resolve_scenario
from client_helpers import key, press_button, run

pytestmark = pytest.mark.usefixtures("pygame_ready")

TUTORIAL = load_scenario(resolve_scenario("tutorial"))


@pytest.fixture
def screen(request):
    seats = {"RED": SeatChoice("human", "Ada"), "GRN": SeatChoice("human", "Gus"),
             "BLU": SeatChoice("empty"), "YEL": SeatChoice("empty")}
    n = iter(range(1, 1_000_000))
    game = HotseatGame.new(TUTORIAL, seats, fog=False, seed=7, clock=lambda: float(next(n)))
    app = App((1280, 720), settings_file=getattr(request, "param", None))
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


@pytest.fixture
def settings_file(tmp_path):
    path = tmp_path / "casus-foederis" / "settings.json"
    yield path
    palette.use_colour_blind(False)     # the palette is the process's: leave it as found


@pytest.mark.parametrize("screen", [pytest.param(None, id="file")], indirect=True)
def test_settings_are_saved_and_read_at_the_next_start(screen, settings_file):
    app, shown, _left = screen
    app.settings_file = settings_file
    key(app, pygame.K_ESCAPE)
    menu = app.top
    press_button(app, menu.buttons["settings"])
    for name in ("sound", "colour_blind", "speed", "scale"):
        press_button(app, menu.buttons[name])
    assert palette.colour_blind()
    saved = json.loads(settings_file.read_text())
    assert saved == {"sound": False, "colour_blind": True, "animation_speed": 2.0,
                     "ui_scale": 1.25}
    palette.use_colour_blind(False)
    again = App((1280, 720), settings_file=settings_file)
    assert again.settings == Settings(sound=False, colour_blind=True, animation_speed=2.0,
                                      ui_scale=1.25)
    assert again.sounds.muted and palette.colour_blind()
    assert font_size(again.manager, "#panel_text") == round(14 * 1.25)


def font_size(manager, object_id: str) -> int:
    """The point size of a text box's font made with ``object_id`` now."""
    box = UITextBox("x", pygame.Rect(0, 0, 200, -1), manager, object_id=object_id)
    try:
        return box.ui_theme.get_font(box.combined_element_ids).point_size
    finally:
        box.kill()


def test_the_ui_scale_enlarges_the_panels_text_at_once(screen):
    app, shown, _left = screen
    before = font_size(app.manager, "#panel_text")
    key(app, pygame.K_ESCAPE)
    menu = app.top
    press_button(app, menu.buttons["settings"])
    press_button(app, menu.buttons["scale"])
    press_button(app, menu.buttons["scale"])
    assert app.settings.ui_scale == 1.5
    assert (before, font_size(app.manager, "#panel_text"),
            font_size(app.manager, "#muted_text")) == (14, 21, round(13 * 1.5))
    key(app, pygame.K_ESCAPE)
    key(app, pygame.K_ESCAPE)
    run(app, 2)
    app.screenshot("/tmp/client/ui_scale_150.png")
    press_button(app, shown.widgets["leave"])
    press_button(app, app.top.buttons["settings"])
    press_button(app, app.top.buttons["scale"])     # back to 100%
    assert font_size(app.manager, "#panel_text") == 14


def test_a_damaged_settings_file_reads_as_the_defaults_field_by_field(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text("{not json")
    assert read_settings(path) == Settings()
    path.write_text(json.dumps({"sound": "yes", "colour_blind": True, "ui_scale": 7,
                                "animation_speed": 0.5}))
    assert read_settings(path) == Settings(colour_blind=True, animation_speed=0.5)
    assert read_settings(tmp_path / "none.json") == Settings()
    blocked = tmp_path / "file"
    blocked.write_text("")
    problem = write_settings(Settings(), blocked / "settings.json")
    assert problem.startswith("The settings could not be saved to ") and problem.endswith(".")
