"""Helpers for the umpire's console tests (a workshop hot-seat host with a fake clock, the
console on a headless app, posted widget events), and the workshop feed's own tests."""

from __future__ import annotations


import pygame
import pygame_gui

from game.client.app import App
from game.client.model import MatchModel
from game.client.workshop import WorkshopFeed, WorkshopHost, workshop_panels
from game.client.workshop.console import ConsoleScreen
from game.client.workshop.feed import ANSWERS, CLOCK, NOTES, REVIEW
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
    from test_client_helpers import press_button
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


def test_the_feed_folds_the_clock_review_notes_and_answers():
    feed = WorkshopFeed("umpire")
    feed.load_snapshot({"turn": 2, "label": "Autumn 1900", "deadline_at": 100.0,
                        "warning": 30, "stage": "orders", "review": True})
    assert feed.seconds_left(40.0) == 60.0 and not feed.in_warning(40.0)
    assert feed.in_warning(75.0)
    assert feed.apply({"type": "clock", "turn": 2, "deadline_at": None, "paused": True,
                       "remaining": 25.0, "warning": 30, "stage": "negotiation"}) == {CLOCK}
    assert feed.paused and feed.seconds_left(10_000.0) == 25.0 and feed.stage == "negotiation"
    assert feed.apply({"type": "review", "turn": 2, "orders": {}, "report": {}}) == {REVIEW}
    assert feed.phase == "review"
    assert feed.apply({"type": "intent", "seq": 4, "seat": "RED", "turn": 2,
                       "text": "hold"}) == {NOTES}
    assert feed.my_notes("intent", "RED") == [{"seq": 4, "seat": "RED", "turn": 2,
                                               "text": "hold"}]
    assert feed.my_notes("intent", "GRN") == []
    assert feed.apply({"type": "error", "rid": 9, "code": "not_allowed",
                       "message": "no"}) == {ANSWERS}
    assert feed.answers[9].ok is False and feed.last_error.message == "no"
    assert feed.apply({"type": "unknown_push"}) == frozenset()


def test_every_seat_gets_the_workshop_tabs_that_are_its_own():
    host, conns = workshop()
    umpire = MatchModel.from_snapshot(conns["umpire"].poll()[0]["snapshot"])
    red = MatchModel.from_snapshot(conns["RED"].poll()[0]["snapshot"])
    spectator = MatchModel.from_snapshot(host.connect("spectator").poll()[0]["snapshot"])
    assert [p.title for p in workshop_panels(umpire)] == [
        "Clock", "Review", "World", "Injects", "History", "Status", "Roles"]
    assert [p.title for p in workshop_panels(red)] == ["Notes"]
    assert workshop_panels(spectator) == []
    analyst = MatchModel.from_snapshot(host.connect("analyst").poll()[0]["snapshot"])
    assert [p.title for p in workshop_panels(analyst)] == ["Status"]


def test_the_host_answers_workshop_commands_as_the_server_does():
    host, conns = workshop()
    ump, red = conns["umpire"], conns["RED"]
    ump.poll(), red.poll()
    rid = ump.send({"type": "pause"})
    replies = ump.poll()
    assert {"type": "ok", "of": "pause", "rid": rid} in replies
    assert of_type(red.poll(), "clock")[0]["paused"] is True
    red.send({"type": "pause"})
    error = of_type(red.poll(), "error")[0]
    assert error["code"] == "not_allowed"
    ump.send({"type": "pause", "extra": 1})
    assert of_type(ump.poll(), "error")[0]["code"] == "bad_message"
    ump.send({"type": "dashboard"})
    board = of_type(ump.poll(), "dashboard")[0]
    assert [row["power"] for row in board["powers"]] == ["RED", "GRN", "BLU", "YEL"]


def test_a_plain_hot_seat_game_gets_no_workshop_tabs():
    from game.client.connection import LocalHost
    host = LocalHost.new(TUTORIAL, MatchSettings(seed=1), clock=FakeClock())
    conn = host.join("RED", "Ada")
    model = MatchModel.from_snapshot(conn.poll()[0]["snapshot"])
    assert workshop_panels(model, conn) == []
    host, conns = workshop()
    model = MatchModel.from_snapshot(conns["RED"].poll()[0]["snapshot"])
    assert [p.title for p in workshop_panels(model, conns["RED"])] == ["Notes"]


def test_the_tap_shows_the_feed_every_message_and_still_hands_them_all_on():
    from game.client.workshop import feed_of

    class Wire:
        seat = "umpire"

        def __init__(self) -> None:
            self.inbox = [{"type": "clock", "turn": 4, "deadline_at": 50.0, "paused": False,
                           "remaining": None, "warning": None, "stage": "orders"},
                          {"type": "chat", "channel": "public", "text": "hi"}]

        def poll(self) -> list[dict]:
            out, self.inbox = self.inbox, []
            return out

    wire = Wire()
    feed = feed_of(wire)
    assert feed_of(wire) is feed                       # one feed per connection
    assert [m["type"] for m in wire.poll()] == ["clock", "chat"]
    assert feed.turn == 4 and feed.deadline_at == 50.0
    assert wire.poll() == []


def test_an_online_connection_gets_the_workshop_tabs():
    host, conns = workshop()
    model = MatchModel.from_snapshot(conns["RED"].poll()[0]["snapshot"])

    class Online:          # a network connection: no host in this process
        seat = "RED"
        url = "ws://127.0.0.1:8765"
    assert [p.title for p in workshop_panels(model, Online())] == ["Notes"]
