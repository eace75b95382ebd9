"""The hot-seat game started on its screens with posted events (shared by the client's and
the replay's screen tests)."""

from __future__ import annotations

from pathlib import Path

from game.client.app import App
from game.client.hotseat.flow import HotseatFlow
from game.client.screens.handoff import ARM_SECONDS, HandoffScreen
from game.client.screens.start import EMPTY, PERSON, StartScreen
from client_helpers import SHOTS, press_button, run

def take_seat(app: App) -> None:
    """The next player takes the screen: wait for the hand-off card, then click it."""
    assert isinstance(app.top, HandoffScreen)
    run(app, round(ARM_SECONDS * 60) + 2)
    press_button(app, app.top.button)


def start(tmp_path: Path, people=("RED", "GRN"), size=(1280, 720), fog=False):
    """The start screen with ``people`` at their seats (the rest empty) and Start pressed."""
    app = App(size)
    flow = HotseatFlow(app, saves_dir=tmp_path, initial="tutorial")
    flow.start_menu()
    run(app, 2)
    screen = app.top
    assert isinstance(screen, StartScreen)
    for row in screen.rows:
        row.kind = PERSON if row.power in people else EMPTY
    screen.fog = fog
    screen._build_seats()
    for row, widgets in zip(screen.rows, screen.seat_widgets):
        if "name" in widgets:
            widgets["name"].set_text({"RED": "Ada", "GRN": "Gus", "BLU": "Bea"}[row.power])
    run(app, 2)
    app.screenshot(f"{SHOTS}/start_{size[0]}.png")
    press_button(app, screen.widgets["start"])
    return app, flow
