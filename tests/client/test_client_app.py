"""The app shell: the scene stack, events to widgets first, resizing, closing, frames."""

from __future__ import annotations

import pygame
import pygame_gui
import pytest

from game.client.app import MIN_SIZE, App, Scene
from client_helpers import SHOTS, click, key, run

pytestmark = pytest.mark.usefixtures("pygame_ready")


class Recorder(Scene):
    """A scene that writes down what happens to it, with one button."""

    def __init__(self, app, name, log, closable=True):
        super().__init__(app)
        self.name, self.log, self.closable = name, log, closable
        self.button = None
        self.keys = []
        self.pressed = 0
        self.frames = 0

    def enter(self):
        self.log.append(f"enter {self.name}")
        self.button = pygame_gui.elements.UIButton(pygame.Rect(40, 40, 160, 40), self.name,
                                                   self.manager)

    def leave(self):
        self.log.append(f"leave {self.name}")
        self.button.kill()

    def handle(self, event):
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.button:
            self.pressed += 1
            return True
        if event.type == pygame.KEYDOWN:
            self.keys.append(event.key)
            return True
        return False

    def update(self, dt):
        self.frames += 1

    def draw(self, surface):
        surface.fill((10, 20, 30))

    def close_requested(self):
        self.log.append(f"close? {self.name}")
        return self.closable


def test_the_stack_enters_and_leaves_scenes_so_only_the_top_one_has_widgets():
    log = []
    app = App()
    a = app.push(Recorder(app, "a", log))
    b = app.push(Recorder(app, "b", log))
    assert log == ["enter a", "leave a", "enter b"]
    assert list(app.manager.get_root_container().elements) == [b.button]
    app.pop()
    assert log[-2:] == ["leave b", "enter a"] and app.top is a
    c = app.replace(Recorder(app, "c", log))
    assert log[-2:] == ["leave a", "enter c"] and app.scenes == [c]
    app.reset(Recorder(app, "d", log))
    assert log[-2:] == ["leave c", "enter d"] and len(app.scenes) == 1


def test_widgets_hear_the_mouse_first_and_the_scene_gets_their_events_and_keys():
    log = []
    app = App()
    scene = app.push(Recorder(app, "a", log))
    run(app, 2)
    click(app, scene.button.rect.center)
    assert scene.pressed == 1
    key(app, pygame.K_x)
    assert scene.keys == [pygame.K_x]
    assert scene.frames >= 5
    assert tuple(app.screen.get_at((600, 400)))[:3] == (10, 20, 30)
    app.screenshot(f"{SHOTS}/app.png")


def test_the_window_never_shrinks_below_1280_by_720_and_the_scene_hears_of_resizes():
    log = []
    app = App((640, 480))
    assert app.size == MIN_SIZE
    app.push(Recorder(app, "a", log))
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=1600, h=900, size=(1600, 900)))
    run(app, 1)
    assert app.size == (1600, 900)
    assert log[-2:] == ["leave a", "enter a"]     # the default resize rebuilds the widgets
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=300, h=200, size=(300, 200)))
    run(app, 1)
    assert app.size == MIN_SIZE


def test_closing_the_window_asks_the_top_scene():
    log = []
    app = App()
    app.push(Recorder(app, "a", log, closable=False))
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    run(app, 1)
    assert app.running and log[-1] == "close? a"
    app.replace(Recorder(app, "b", log, closable=True))
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    app.run(frames=5)
    assert not app.running and log[-1] == "close? b"
