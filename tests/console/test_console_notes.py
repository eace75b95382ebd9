"""The players' notes tab on the game screen: the intent for this turn goes to the umpire
and the team only, an insight can be noted at any time, and each team lists its own notes.

The game screen lists the workshop tabs through ``workshop_panels(model, conn)``, after its
own tabs."""

from __future__ import annotations

import pytest

import game.client.screens.game as game_screen
from game.client.app import App
from game.client.model import MatchModel
from game.client.workshop import workshop_panels
from client_helpers import press_button
from console_support import (SHOTS, TUTORIAL, drain, of_type, open_console, panel,
                                  shown_text,
                                  press_label, workshop, write)
from client_helpers import type_text

pytestmark = pytest.mark.usefixtures("pygame_ready")


@pytest.fixture
def wired():
    """The game screen lists the workshop tabs after its own (GameScreen.enter_sidebar
    adds ``workshop_panels(model, conn)``); nothing to patch any more."""
    yield


def player_screen(host, power: str, size=(1280, 720)):
    conn = host.connect(power)
    model = MatchModel.from_snapshot(conn.poll()[0]["snapshot"])
    assert [p.title for p in workshop_panels(model)] == ["Notes"]
    app = App(size)
    screen = game_screen.GameScreen(app, conn, model, map_doc=TUTORIAL.map_doc)
    app.push(screen)
    app.run(frames=3)
    assert screen.sidebar.select_title("Notes")
    app.run(frames=2)
    return app, screen, screen.sidebar.panels[screen.sidebar.current]


def test_an_intent_typed_and_sent_reaches_the_umpire_and_the_team_only(wired):
    host, conns = workshop()
    drain(conns["GRN"]), drain(conns["umpire"])
    app, screen, notes = player_screen(host, "RED")
    type_text(app, notes.entries["intent"], "Keep Greenmark close; test the south.")
    assert notes.texts["intent"] == "Keep Greenmark close; test the south."
    press_button(app, notes.button_labelled("Send intent"))
    assert [(n["seat"], n["turn"], n["text"]) for n in host.match.intents] == [
        ("RED", 1, "Keep Greenmark close; test the south.")]
    assert of_type(drain(conns["umpire"]), "intent")[0]["text"] == \
        "Keep Greenmark close; test the south."
    assert not of_type(drain(conns["GRN"]), "intent")
    notes = screen.sidebar.panels[screen.sidebar.current]
    app.run(frames=2)
    assert notes.button_labelled("Update intent") is not None
    assert notes.texts.get("intent", "") == ""
    app.screenshot(f"{SHOTS}/notes_intent.png")


def test_insights_are_noted_any_time_and_listed_for_the_team(wired):
    host, conns = workshop()
    app, screen, notes = player_screen(host, "RED")
    write(app, notes, "insight", "They blinked first.")
    press_label(app, notes, "Note insight")
    conns["GRN"].send({"type": "insight", "text": "Redland is bluffing."})
    app.run(frames=3)
    assert [(n["seat"], n["text"]) for n in host.match.insights] == [
        ("RED", "They blinked first."), ("GRN", "Redland is bluffing.")]
    assert [n["text"] for n in screen.sidebar.panels[screen.sidebar.current]
            .feed.my_notes("insight", "RED")] == ["They blinked first."]
    assert "Redland is bluffing" not in repr(drain(screen.conn))


def test_an_empty_note_is_not_sent(wired):
    host, conns = workshop()
    app, screen, notes = player_screen(host, "RED")
    press_label(app, notes, "Send intent")
    assert host.match.intents == []
    assert any("Write your intent" in t for t, _ in screen.toasts)


def test_the_umpire_reads_every_intent_in_the_log_and_the_feed():
    host, conns = workshop()
    conns["RED"].send({"type": "intent", "text": "Hold."})
    conns["GRN"].send({"type": "intent", "text": "Strike."})
    app, screen = open_console(host)
    assert [(n["seat"], n["text"]) for n in screen.feed.intents] == [("RED", "Hold."),
                                                                     ("GRN", "Strike.")]


def test_the_umpire_reads_each_intent_beside_that_powers_orders_and_on_the_status_tab():
    host, conns = workshop(review=True)
    conns["RED"].send({"type": "intent", "text": "Take Northreach quietly."})
    conns["GRN"].send({"type": "insight", "text": "Redland looks north."})
    conns["RED"].send({"type": "orders", "orders": [
        {"op": "move", "from": "BOR", "to": "NRE", "n": 3}]})
    conns["RED"].send({"type": "ready", "ready": True})
    conns["GRN"].send({"type": "ready", "ready": True})
    app, screen = open_console(host, tab="Review")
    review = panel(screen, "Review")
    assert "Intent: <i>Take Northreach quietly.</i>" in shown_text(review)
    status = panel(screen, "Status")
    app.run(frames=3)
    status = panel(screen, "Status")
    text = shown_text(status)
    assert "Take Northreach quietly." in text and "Redland looks north." in text
    assert "<b>Greenmark</b>: none yet" in text


def test_news_from_the_umpire_is_announced_and_listed_for_its_targets(wired):
    host, conns = workshop()
    app, screen, notes = player_screen(host, "RED")
    conns["umpire"].send({"type": "inject", "inject": {
        "kind": "announcement", "targets": ["RED"], "title": "Summit",
        "text": "A summit is called in Geneva."}})
    conns["umpire"].send({"type": "inject", "inject": {
        "kind": "announcement", "targets": ["GRN"], "title": "Secret",
        "text": "Only for Greenmark."}})
    app.run(frames=3)
    assert [t for t, _ in screen.toasts if t.startswith("News")] == ["News: Summit"]
    notes = screen.sidebar.panels[screen.sidebar.current]
    text = shown_text(notes)
    assert "A summit is called in Geneva." in text and "Only for Greenmark" not in text
