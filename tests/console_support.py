"""Helpers for the umpire's console tests (a workshop hot-seat host with a fake clock, the
console on a headless app, posted widget events)."""

from __future__ import annotations


import pygame
import pygame_gui

from game.client.app import App
from game.client.model import MatchModel
from game.client.workshop import WorkshopHost
from game.client.workshop.console import ConsoleScreen
from game.maps import load_scenario, resolve_scenario
from game.match import MatchSettings

SHOTS = "/tmp/console"
TUTORIAL = load_scenario(resolve_scenario("tutorial"))


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def workshop(review: bool = False, deadline: float | None = 600.0,
             clock: FakeClock | None = None) -> tuple[WorkshopHost, dict]:
    """A tutorial workshop: RED (Ada) and GRN (Gus) human, BLU and YEL empty; the players'
    connections by power and the umpire's."""
    clock = clock or FakeClock()
    settings = MatchSettings(seed=7, fog=False, deadline=deadline, review=review,
                             seats={"BLU": "empty", "YEL": "empty"})
    host = WorkshopHost.new(TUTORIAL, settings, clock=clock, match_id="ws1")
    conns = {"RED": host.join("RED", "Ada"), "GRN": host.join("GRN", "Gus")}
    conns["umpire"] = host.connect("umpire")
    return host, conns


def open_console(host: WorkshopHost, conn=None, size=(1280, 720), tab: str | None = None):
    """The console on a headless app, on a fresh umpire connection (as an umpire who
    rejoins; ``conn``, the umpire's earlier connection, is closed)."""
    if conn is not None:
        conn.close()
    conn = host.connect("umpire")
    model = MatchModel.from_snapshot(conn.poll()[0]["snapshot"])
    app = App(size)
    screen = ConsoleScreen(app, conn, model, map_doc=TUTORIAL.map_doc, tab=tab,
                           on_leave=lambda: None)
    app.push(screen)
    app.run(frames=3)
    return app, screen


def panel(screen, title: str):
    """Show the tab ``title`` and return its panel."""
    assert screen.sidebar.select_title(title), screen.sidebar.titles
    return screen.sidebar.panels[screen.sidebar.current]


def press(app: App, button, frames: int = 3) -> None:
    """Press a pygame_gui button by posting its event (it may be scrolled out of sight)."""
    assert button is not None
    pygame.event.post(pygame.event.Event(pygame_gui.UI_BUTTON_PRESSED, ui_element=button))
    app.run(frames=frames)


def press_label(app: App, p, label: str, frames: int = 3) -> None:
    press(app, p.button_labelled(label), frames)


def write(app: App, p, key: str, text: str) -> None:
    """Put ``text`` in the panel's entry ``key`` as typing would (the change event)."""
    entry = p.entries[key]
    entry.set_text(text)
    pygame.event.post(pygame.event.Event(pygame_gui.UI_TEXT_ENTRY_CHANGED,
                                         ui_element=entry, text=text))
    app.run(frames=2)


def choose(app: App, p, key: str, *options: str) -> None:
    """Toggle the chips ``options`` of the panel's choice ``key``."""
    for option in options:
        press(app, p.groups[key].buttons[option], frames=2)


def confirm(app: App, p) -> None:
    """Click the confirm button of the panel's open dialog."""
    from client_helpers import press_button
    assert p.dialog is not None
    dialog = p.dialog
    press_button(app, dialog.confirm_button)
    assert p.dialog is None and not dialog.alive()


def shown_text(p) -> str:
    """Everything the panel's column shows in words (text boxes, labels, buttons)."""
    return " ".join(str(getattr(e, "html_text", "") or getattr(e, "text", ""))
                    for e in p.flow.container.elements)


def drain(conn) -> list[dict]:
    return conn.poll()


def of_type(messages: list[dict], kind: str) -> list[dict]:
    return [m for m in messages if m.get("type") == kind]


# --- the feed, without pygame ----------------------------------------------------------------


