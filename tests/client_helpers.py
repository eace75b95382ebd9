"""Helpers for the client's screen tests: a headless app, posted mouse and key events, and
pixel readers (tests/client/test_client_helpers.py keeps the pixel readers honest)."""

from __future__ import annotations

import numpy as np
import pygame

from game.client.app import App

SHOTS = "/tmp/client"


def run(app: App, frames: int = 2) -> None:
    app.run(frames=frames)


def post(kind: int, **fields) -> None:
    pygame.event.post(pygame.event.Event(kind, **fields))


def move_to(app: App, pos, rel=(0, 0), buttons=(0, 0, 0)) -> None:
    post(pygame.MOUSEMOTION, pos=tuple(int(c) for c in pos), rel=rel, buttons=buttons)
    run(app, 1)


def click(app: App, pos, button: int = 1, frames: int = 2) -> None:
    """Press and release at ``pos`` (a few frames, so widget events arrive too)."""
    pos = tuple(int(c) for c in pos)
    move_to(app, pos)
    post(pygame.MOUSEBUTTONDOWN, pos=pos, button=button)
    run(app, 1)
    post(pygame.MOUSEBUTTONUP, pos=pos, button=button)
    run(app, frames)


def drag(app: App, a, b, button: int = 1, steps: int = 6) -> None:
    """Press at ``a``, move in steps to ``b``, release there."""
    a = tuple(int(c) for c in a)
    b = tuple(int(c) for c in b)
    move_to(app, a)
    post(pygame.MOUSEBUTTONDOWN, pos=a, button=button)
    run(app, 1)
    last = a
    for k in range(1, steps + 1):
        p = (round(a[0] + (b[0] - a[0]) * k / steps), round(a[1] + (b[1] - a[1]) * k / steps))
        held = tuple(i == button - 1 for i in range(3))
        post(pygame.MOUSEMOTION, pos=p, rel=(p[0] - last[0], p[1] - last[1]), buttons=held)
        last = p
        run(app, 1)
    post(pygame.MOUSEBUTTONUP, pos=b, button=button)
    run(app, 2)


def key(app: App, k: int, mod: int = 0, unicode: str = "", frames: int = 2) -> None:
    post(pygame.KEYDOWN, key=k, mod=mod, unicode=unicode, scancode=0)
    post(pygame.KEYUP, key=k, mod=mod, unicode=unicode, scancode=0)
    run(app, frames)


def press_button(app: App, button, frames: int = 3) -> None:
    """Click a pygame_gui button where it is drawn."""
    click(app, button.rect.center, frames=frames)


def commonest_in(surface: pygame.Surface, points: list[tuple[float, float]],
                 offset=(0, 0)) -> tuple[int, int, int]:
    """The commonest colour inside a polygon (given in a sub-area's pixels, at ``offset``),
    leaving its outline out."""
    mask = pygame.Surface(surface.get_size())
    pts = [(x + offset[0], y + offset[1]) for x, y in points]
    pygame.draw.polygon(mask, (255, 255, 255), pts)
    pygame.draw.polygon(mask, (0, 0, 0), pts, 4)
    inside = pygame.surfarray.pixels_red(mask) > 0
    rgb = pygame.surfarray.array3d(surface)[inside]
    colours, counts = np.unique(rgb.reshape(-1, 3), axis=0, return_counts=True)
    return tuple(int(c) for c in colours[counts.argmax()])


def colour_near(surface: pygame.Surface, at, colour, radius: int = 3) -> int:
    """How many pixels within ``radius`` of ``at`` have exactly ``colour``."""
    x0, y0 = round(at[0]), round(at[1])
    return sum(tuple(surface.get_at((x, y)))[:3] == tuple(colour)
               for x in range(x0 - radius, x0 + radius + 1)
               for y in range(y0 - radius, y0 + radius + 1)
               if surface.get_rect().collidepoint(x, y))


def quit_to_title(app: App) -> None:
    """From the game screen: Menu, Quit to the title screen, Yes."""
    press_button(app, app.top.widgets["leave"])
    press_button(app, app.top.buttons["quit"])
    press_button(app, app.top.buttons["confirm"])


def type_text(app: App, entry, text: str) -> None:
    """Click into an entry line and type, as a player would."""
    click(app, entry.rect.center)
    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=text))
    app.run(frames=2)
