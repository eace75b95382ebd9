"""The demo map screen, driven by posted mouse and key events as a player would."""

from __future__ import annotations

import pygame

from game.render.demo import MapScreen, build_screen


def post(kind: int, **attrs) -> pygame.event.Event:
    return pygame.event.Event(kind, attrs)


def test_wheel_zooms_drag_pans_click_selects_and_keys_toggle_links():
    pygame.init()
    screen = pygame.display.set_mode((1280, 720))
    ms: MapScreen = build_screen([])
    r = ms.renderer
    ms.frame(screen, 1 / 60)
    zoom = r.camera.zoom
    assert ms.handle(post(pygame.MOUSEWHEEL, x=0, y=2, flipped=False))
    assert r.camera.zoom > zoom
    offset = r.camera.offset
    ms.handle(post(pygame.MOUSEBUTTONDOWN, button=1, pos=(600, 300)))
    ms.handle(post(pygame.MOUSEMOTION, rel=(40, 10), pos=(640, 310), buttons=(1, 0, 0)))
    ms.handle(post(pygame.MOUSEBUTTONUP, button=1, pos=(640, 310)))
    assert r.camera.offset != offset and r.selected is None     # a drag selects nothing
    r.fit()
    at = r.anchor_screen("HAR7")
    ms.handle(post(pygame.MOUSEBUTTONDOWN, button=1, pos=at))
    ms.handle(post(pygame.MOUSEBUTTONUP, button=1, pos=at))
    assert r.selected == "HAR7"
    ms.handle(post(pygame.KEYDOWN, key=pygame.K_1, mod=0, unicode="1", scancode=0))
    assert not r.toggles.defensive
    ms.handle(post(pygame.KEYDOWN, key=pygame.K_r, mod=0, unicode="r", scancode=0))
    for _ in range(30):
        ms.frame(screen, 0.25)
    assert ms.replay_started is not None       # 7.5 s in: still replaying
    pygame.image.save(screen, "/tmp/render_demo_replay.png")
    assert not ms.handle(post(pygame.KEYDOWN, key=pygame.K_ESCAPE, mod=0, unicode="", scancode=0))
