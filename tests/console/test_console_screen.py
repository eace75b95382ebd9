"""The console screen itself: its tabs by key, resizing between 1280×720 and 1920×1080, a
rejoin that rebuilds it, and typing that never drives the map."""

from __future__ import annotations

import pygame
import pytest

from game.client.workshop.console import ConsoleLayout
from client_helpers import click, key
from console_support import (SHOTS, drain, open_console, panel, press_label,
                                  workshop)

pytestmark = pytest.mark.usefixtures("pygame_ready")


def test_function_keys_open_the_console_tabs():
    host, conns = workshop()
    app, screen = open_console(host)
    for k, title in [(pygame.K_F3, "Review"), (pygame.K_F7, "Status"), (pygame.K_F2, "Clock")]:
        key(app, k)
        assert screen.sidebar.titles[screen.sidebar.current] == title


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_the_console_lays_out_at_both_sizes_and_follows_a_resize(size):
    host, conns = workshop()
    app, screen = open_console(host, size=size, tab="World")
    layout = ConsoleLayout.of(size)
    assert screen.map.rect == layout.map and screen.sidebar.rect == layout.sidebar
    assert layout.map.width >= size[0] * 0.6
    app.screenshot(f"{SHOTS}/console_{size[0]}.png")
    other = (1920, 1080) if size == (1280, 720) else (1280, 720)
    app.resize(other)
    app.run(frames=2)
    assert screen.sidebar.rect == ConsoleLayout.of(other).sidebar
    world = panel(screen, "World")
    assert world.rect.right <= other[0] and world.button_labelled("Apply the edit") is not None


def test_a_rejoin_rebuilds_the_model_from_the_new_snapshot():
    host, conns = workshop()
    app, screen = open_console(host)
    conns["RED"].send({"type": "ready", "ready": True})
    conns["GRN"].send({"type": "ready", "ready": True})
    app.run(frames=2)
    assert screen.model.turn == 2
    screen.conn.deliver({"type": "joined", "match": "ws1", "seat": "umpire",
                         "snapshot": host.match.snapshot("umpire")})
    app.run(frames=2)
    assert screen.model.turn == 2 and screen.feed.turn == 2
    assert screen.ctx.model is screen.model


def test_typing_in_a_form_never_drives_the_map():
    host, conns = workshop()
    app, screen = open_console(host, tab="World")
    world = panel(screen, "World")
    renderer = screen.map.renderer
    before = (renderer.toggles, renderer.options)
    click(app, world.entries["rationale"].rect.center)
    key(app, pygame.K_1, unicode="1")         # the map's key for defensive pacts
    key(app, pygame.K_n, unicode="n")         # and for names
    assert (renderer.toggles, renderer.options) == before
    drain(conns["RED"])


def test_the_top_bar_counts_ready_seats_and_a_held_result_is_announced():
    host, conns = workshop(review=True)
    app, screen = open_console(host)
    assert ("ready 0/2", 14) == screen._top_parts()[-2][:2]
    conns["RED"].send({"type": "ready", "ready": True})
    app.run(frames=2)
    assert screen._top_parts()[-2][0] == "ready 1/2"
    conns["GRN"].send({"type": "ready", "ready": True})
    app.run(frames=2)
    assert any("waits for your review" in t for t, _ in screen.toasts)
    assert any(text == "result under review" for text, *_ in screen._top_parts())
    app.screenshot(f"{SHOTS}/console_review_arrives.png")


def test_a_closed_connection_is_said_and_nothing_breaks():
    host, conns = workshop()
    app, screen = open_console(host, tab="Clock")
    clock_tab = panel(screen, "Clock")
    screen.conn.close()
    press_label(app, clock_tab, "Pause")
    assert not host.match.paused
    assert any("connection is closed" in t for t, _ in screen.toasts)
    key(app, pygame.K_F7)                       # the status tab asks quietly, no crash
    app.run(frames=3)
