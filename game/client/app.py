"""The app shell: one pygame window, a stack of scenes, one pygame_gui manager with the theme.

Hot-seat and online play both run in it (docs/CLIENT.md)::

    app = App()                        # opens the window (1280×720 at least, resizable)
    app.push(StartScreen(app, ...))    # scenes: start, game, hand-off, outcome, lobby...
    app.run()                          # 60 fps until the window closes or app.quit()

    app.run(frames=3)                  # headless tests: a few frames, then return
    pygame.event.post(...)             # and drive it with posted mouse and key events

Each frame the shell hands every event to pygame_gui first, then, unless a widget took it,
to the scene on top; updates the top scene and the widgets; draws the scene, the widgets,
then any overlay the scene wants above the widgets (tooltips, drag arrows). A scene builds
its widgets in ``enter`` and kills them in ``leave``, so a scene under another never
shows or hears anything (the hand-off screen relies on it).
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path
from typing import Callable

import pygame
import pygame_gui

from game.words import palette

from game.data import THEME_PATH

MIN_SIZE = (1280, 720)
FPS = 60
# The widgets that take typing: while one has the focus, keys are not shortcuts.
TEXT_FIELDS = (pygame_gui.elements.UITextEntryLine, pygame_gui.elements.UITextEntryBox)


#: The SDL video drivers that draw nowhere: the tests' choice, or SDL's fallback when there is
#: no display at all.
HEADLESS_DRIVERS = ("offscreen", "dummy")


def init_display() -> None:
    """Start pygame's display for a window a person will see. Without a display SDL falls
    back to its offscreen driver, and the game would run where no one sees it while the
    terminal waits; that is refused unless SDL_VIDEODRIVER asked for it (the tests do)."""
    pygame.display.init()
    if pygame.display.get_driver() in HEADLESS_DRIVERS and not os.environ.get("SDL_VIDEODRIVER"):
        pygame.display.quit()
        raise pygame.error("no display: neither DISPLAY nor WAYLAND_DISPLAY is set")


class Scene:
    """One screen of the app. Override what you need; every method has a quiet default."""

    def __init__(self, app: "App") -> None:
        self.app = app

    @property
    def manager(self) -> pygame_gui.UIManager:
        return self.app.manager

    def enter(self) -> None:
        """Became the top scene: build widgets."""

    def leave(self) -> None:
        """Stopped being the top scene (covered or removed): kill widgets."""

    def handle(self, event: pygame.event.Event) -> bool:
        """An event no widget took; True if the scene used it."""
        return False

    def update(self, dt: float) -> None:
        """Advance by ``dt`` seconds."""

    def draw(self, surface: pygame.Surface) -> None:
        """Draw under the widgets."""
        surface.fill(palette.PARCHMENT)

    def draw_over(self, surface: pygame.Surface) -> None:
        """Draw above the widgets (tooltips, drags)."""

    def resize(self, size: tuple[int, int]) -> None:
        """The window changed size (widgets are rebuilt by leave/enter unless overridden)."""
        self.leave()
        self.enter()

    def close_requested(self) -> bool:
        """The window's close button: True lets the app quit (saving is the scene's job)."""
        return True


class App:
    """The window, the scene stack and the widget manager."""

    def __init__(self, size: tuple[int, int] = MIN_SIZE, *, title: str = "Casus Foederis",
                 theme: Path | None = THEME_PATH, settings_file: Path | None = None) -> None:
        """``settings_file``: where the player's settings are read from now and saved to
        when the menu changes them (None: defaults, for this session only)."""
        # Not pygame.init(): the game has no sound, and opening the audio device only fills
        # the terminal with ALSA complaints on machines that have none.
        init_display()
        pygame.font.init()
        size = (max(size[0], MIN_SIZE[0]), max(size[1], MIN_SIZE[1]))
        with warnings.catch_warnings():
            # A size beyond what the display allows is cut down, with a RuntimeWarning of
            # several lines; the command that asked says it in one (play_cmd.size_note).
            warnings.simplefilter("ignore", RuntimeWarning)
            self.screen = pygame.display.set_mode(size, pygame.RESIZABLE)
        size = self.screen.get_size()
        pygame.display.set_caption(title)
        self.title = title
        theme_path = str(theme) if theme is not None and Path(theme).exists() else None
        self.manager = pygame_gui.UIManager(size, theme_path)
        self.theme_path = Path(theme_path) if theme_path is not None else None
        # Text boxes use bold and italic: load them now, not with a warning mid-game.
        self.manager.preload_fonts([
            {"name": "noto_sans", "point_size": 14, "style": style, "antialiased": "1"}
            for style in ("bold", "italic", "bold_italic")])
        self.scenes: list[Scene] = []
        self.clock = pygame.time.Clock()
        self.running = True
        self.time = 0.0
        self.frames = 0
        # The pointer as the events tell it: posted events (tests) move it too, which
        # pygame.mouse.get_pos() would not.
        self.mouse: tuple[int, int] = (0, 0)
        self.on_frame: Callable[["App"], None] | None = None
        # The player's settings for the session and the sound cues (the mixer opens only
        # when a cue first plays, and never under the dummy audio driver).
        from .settings import Settings, read_settings
        from .sound import Sounds
        self.settings_file = settings_file
        self.settings = read_settings(settings_file) if settings_file is not None \
            else Settings()
        self.sounds = Sounds()
        self.apply_settings(changed=frozenset() if self.settings == Settings()
                            else frozenset({"sound", "colour_blind", "ui_scale"}))

    # --- the player's settings ------------------------------------------------------------

    def apply_settings(self, changed: frozenset[str]) -> None:
        """Put the ``changed`` settings into effect (the replay speed is read every frame)."""
        from game.words import palette
        from .settings import apply_ui_scale
        if "sound" in changed:
            self.sounds.muted = not self.settings.sound
        if "colour_blind" in changed:
            palette.use_colour_blind(self.settings.colour_blind)
        if "ui_scale" in changed:
            apply_ui_scale(self.manager, self.theme_path, self.settings.ui_scale)

    def save_settings(self) -> str:
        """Keep the settings for the next start; '' when done (or kept for the session
        only), else one sentence why they could not be saved."""
        from .settings import write_settings
        if self.settings_file is None:
            return ""
        return write_settings(self.settings, self.settings_file)

    # --- the stack ---------------------------------------------------------------------------

    @property
    def size(self) -> tuple[int, int]:
        return self.screen.get_size()

    @property
    def top(self) -> Scene | None:
        return self.scenes[-1] if self.scenes else None

    def push(self, scene: Scene) -> Scene:
        if self.top is not None:
            self.top.leave()
        self.scenes.append(scene)
        scene.enter()
        return scene

    def pop(self) -> Scene | None:
        if not self.scenes:
            return None
        scene = self.scenes.pop()
        scene.leave()
        if self.top is not None:
            self.top.enter()
        return scene

    def replace(self, scene: Scene) -> Scene:
        """Swap the top scene for ``scene`` (the one under it is not woken in between)."""
        if self.scenes:
            self.scenes.pop().leave()
        self.scenes.append(scene)
        scene.enter()
        return scene

    def reset(self, scene: Scene) -> Scene:
        """Leave every scene and start again from ``scene``."""
        while self.scenes:
            self.scenes.pop().leave()
        return self.push(scene)

    def set_title(self, title: str) -> None:
        self.title = title
        pygame.display.set_caption(title)

    def quit(self) -> None:
        self.running = False

    # --- the loop -----------------------------------------------------------------------------

    def run(self, frames: int | None = None) -> None:
        """Run at 60 fps until the window closes or ``quit``; ``frames`` stops after that
        many frames (tests: no clock wait, a fixed 1/60 s per frame)."""
        n = 0
        while self.running and (frames is None or n < frames):
            dt = 1 / FPS if frames is not None else self.clock.tick(FPS) / 1000
            self.step(min(dt, 0.1))
            n += 1

    def step(self, dt: float) -> None:
        """One frame: events, update, draw, flip."""
        for event in pygame.event.get():
            self.dispatch(event)
        self.time += dt
        if self.top is not None:
            self.top.update(dt)
        self.manager.update(dt)
        self.draw(self.screen)
        pygame.display.flip()
        self.frames += 1
        if self.on_frame is not None:
            self.on_frame(self)

    def dispatch(self, event: pygame.event.Event) -> None:
        if event.type in (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
            self.mouse = tuple(int(c) for c in event.pos)  # type: ignore[assignment]
        if event.type == pygame.QUIT:
            if self.top is None or self.top.close_requested():
                self.running = False
            return
        if event.type == pygame.VIDEORESIZE:
            self.resize((event.w, event.h))
            return
        if self.manager.process_events(event):
            return
        if event.type in (pygame.KEYDOWN, pygame.KEYUP) and self.typing():
            # A focused text field owns the keyboard: pygame_gui types the characters (they
            # come as TEXTINPUT), and no letter may also act as a screen's shortcut. Esc
            # leaves the field, so the next key is a shortcut again.
            if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
                self.manager.set_focus_set(None)
            return
        if self.top is not None:
            self.top.handle(event)

    def typing(self) -> bool:
        """Whether a text field (a one-line entry or a text box) has the keyboard."""
        return any(isinstance(element, TEXT_FIELDS) for element in self.manager.get_focus_set()
                   or ())

    def resize(self, size: tuple[int, int]) -> None:
        """The window was resized: never below 1280×720, and every scene hears of it."""
        size = (max(int(size[0]), MIN_SIZE[0]), max(int(size[1]), MIN_SIZE[1]))
        if size != self.screen.get_size():
            self.screen = pygame.display.set_mode(size, pygame.RESIZABLE)
        self.manager.set_window_resolution(size)
        if self.top is not None:
            self.top.resize(size)

    def draw(self, surface: pygame.Surface) -> None:
        if self.top is not None:
            self.top.draw(surface)
        else:
            surface.fill(palette.PARCHMENT)
        self.manager.draw_ui(surface)
        if self.top is not None:
            self.top.draw_over(surface)

    def screenshot(self, path: Path | str) -> Path:
        """Save the window as a PNG (headless tests and docs)."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        pygame.image.save(self.screen, str(path))
        return path


def headless() -> bool:
    """Whether pygame draws to no screen (tests, benches)."""
    return os.environ.get("SDL_VIDEODRIVER") == "dummy"
