"""The game screen keeps up with the umpire's pushes without a reload: news (a toast and the
Report tab), the clock paused (the top bar), an edit of the world (the map) and a rollback
(the draft cleared). Driven by a workshop match in this process."""

from __future__ import annotations

import pytest

from game.client.app import App
from game.client.model import MatchModel
from game.client.screens.game import GameScreen
from client_helpers import run
from console_support import TUTORIAL, shown_text, workshop

pytestmark = pytest.mark.usefixtures("pygame_ready")


def red_screen():
    host, conns = workshop()
    conn = host.connect("RED")
    model = MatchModel.from_snapshot(conn.poll()[0]["snapshot"])
    app = App((1280, 720))
    screen = GameScreen(app, conn, model, map_doc=TUTORIAL.map_doc, player="Ada")
    app.push(screen)
    run(app, 2)
    return host, conns, app, screen


def test_news_is_a_toast_and_a_line_of_the_report():
    _, conns, app, screen = red_screen()
    conns["umpire"].send({"type": "inject", "inject": {
        "kind": "announcement", "targets": ["RED"], "title": "Summit",
        "text": "A summit is called in Geneva."}})
    conns["umpire"].send({"type": "inject", "inject": {
        "kind": "announcement", "targets": ["GRN"], "title": "Secret", "text": "Not yours."}})
    run(app, 3)
    assert [t for t, _ in screen.toasts if t.startswith("News")] == ["News: Summit"]
    report = screen.sidebar.panels[0]
    assert report.title == "Report"
    text = shown_text(report)
    assert "<b>Summit</b> — A summit is called in Geneva." in text and "Secret" not in text


def test_the_clock_paused_and_resumed_is_said_and_shown():
    _, conns, app, screen = red_screen()
    assert screen.model.deadline_at is not None
    conns["umpire"].send({"type": "pause"})
    run(app, 2)
    assert screen.model.paused and screen.model.deadline_at is None
    assert "The umpire paused the clock." in [t for t, _ in screen.toasts]
    conns["umpire"].send({"type": "resume"})
    run(app, 2)
    assert not screen.model.paused and "The clock runs again." in [t for t, _ in screen.toasts]


def test_an_edit_redraws_the_map_and_a_rollback_clears_the_draft():
    host, conns, app, screen = red_screen()
    before = screen.model.view["territories"]["ALB"]["forces"]
    conns["umpire"].send({"type": "edit_world", "rationale": "reinforcements", "edit": {
        "kind": "add_units", "power": "RED", "territory": "ALB", "n": 4}})
    run(app, 2)
    assert screen.model.view["territories"]["ALB"]["forces"]["RED"] == before["RED"] + 4
    assert screen.map.renderer.view["territories"]["ALB"]["forces"]["RED"] == before["RED"] + 4
    assert "The umpire changed the map." in [t for t, _ in screen.toasts]
    screen.add_move("ALB", "DUN")
    run(app, 2)
    assert len(screen.draft) == 1
    conns["umpire"].send({"type": "rollback", "turn": 1})
    run(app, 2)
    assert len(screen.draft) == 0 and screen.model.orders == {}
    assert host.match.orders.get("RED", []) == []
    assert "The umpire rolled the match back to turn 1." in [t for t, _ in screen.toasts]


def test_a_configured_channel_gets_its_own_tab_not_the_public_one():
    _, conns, app, screen = red_screen()
    conns["umpire"].send({"type": "set_channel", "channel": {
        "id": "herald", "kind": "press", "name": "The Herald", "writers": ["RED"]}})
    run(app, 2)
    chat = next(p for p in screen.sidebar.panels if p.title == "Chat")
    assert chat.channels() == ["public", "herald"]
    assert chat.channel_label("herald") == "The Herald · press"     # by name and kind
    assert chat._audience("herald") == "everyone in the match"
    chat.switch("herald")
    chat.entry.set_text("Extra! Extra!")
    chat.send()
    run(app, 3)
    assert [m["text"] for m in chat.messages("herald")] == ["Extra! Extra!"]
    assert chat.messages("public") == []
    heard = [m for m in conns["GRN"].poll() if m["type"] == "chat"]
    assert [(m["channel"], m["from"]) for m in heard] == [("herald", "press")]


def test_in_the_negotiation_stage_done_waits_for_orders_to_open():
    _, conns, app, screen = red_screen()
    assert screen.widgets["done"].is_enabled
    conns["umpire"].send({"type": "set_stage", "stage": "negotiation"})
    run(app, 2)
    assert screen.model.stage == "negotiation"
    assert screen.widgets["done"].text == "Negotiation: orders later"
    assert not screen.widgets["done"].is_enabled
    assert "Negotiation: orders stay drafts until the umpire opens orders." in [
        t for t, _ in screen.toasts]
    conns["umpire"].send({"type": "set_stage", "stage": "orders"})
    run(app, 2)
    assert screen.widgets["done"].is_enabled and screen.widgets["done"].text == "Done"
