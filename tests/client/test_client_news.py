"""News the player should not miss: unread badges, a bot's reason with its decline, the
round's first tab, one toast per action, no map tooltip over the help page."""

from __future__ import annotations

import pytest

from builders import board
from game.client.app import App
from game.client.hotseat import HotseatGame, SeatChoice
from game.client.hotseat.flow import news_tab
from game.client.panels import InboxPanel
from game.client.screens.game import GameScreen
from client_helpers import run
from panels_support import all_text

pytestmark = pytest.mark.usefixtures("pygame_ready")

SCENARIO = board(["R", "B", "G"], ["R-B", "B-G"],
                 {"RED": {"territories": "R", "forces": {"R": 5}},
                  "BLU": {"territories": "B", "forces": {"B": 5}},
                  "GRN": {"territories": "G", "forces": {"G": 5}}})


@pytest.fixture
def table():
    yield from make_table("bot")


@pytest.fixture
def quiet_table():
    yield from make_table("empty")


def make_table(blue: str):
    seats = {"RED": SeatChoice("human", "Ada"), "GRN": SeatChoice("human", "Gus"),
             "BLU": SeatChoice(blue, "", "dove" if blue == "bot" else "")}
    n = iter(range(1, 1_000_000))
    game = HotseatGame.new(SCENARIO, seats, fog=False, seed=3, clock=lambda: float(next(n)))
    yield game
    game.close()


def open_screen(game, power="RED", tab=None):
    app = App((1280, 720))
    screen = GameScreen(app, game.conns[power], game.models[power], map_doc=SCENARIO.map_doc,
                        rules=SCENARIO.rules, draft=game.draft(power), player=power, tab=tab,
                        on_done=lambda: None)
    app.push(screen)
    run(app, 2)
    return app, screen


def tab_text(screen, title):
    return next(t.text for t, p in zip(screen.sidebar.tabs, screen.sidebar.panels)
                if p.title == title)


def test_chat_and_inbox_tabs_count_what_is_unread(quiet_table):
    table = quiet_table
    app, screen = open_screen(table, "RED")
    assert tab_text(screen, "Chat") == "Chat" and tab_text(screen, "Inbox") == "Inbox"
    table.conns["GRN"].send({"type": "chat", "channel": "public", "text": "hello"})
    table.conns["GRN"].send({"type": "propose", "terms": {
        "kind": "non_aggression", "members": ["GRN", "RED"], "notice": 1, "duration": 4}})
    run(app, 20)
    assert tab_text(screen, "Chat") == "Chat 1" and tab_text(screen, "Inbox") == "Inbox 1"
    screen.sidebar.select_title("Chat")
    run(app, 20)
    assert tab_text(screen, "Chat") == "Chat"


def test_a_bots_reason_for_declining_is_shown_with_the_proposal(table):
    app, screen = open_screen(table, "RED", tab="Inbox")
    table.conns["RED"].send({"type": "propose", "terms": {
        "kind": "defensive", "members": ["RED", "BLU"], "notice": 1, "duration": 0}})
    table.host.run_bots()
    run(app, 4)
    inbox = screen.sidebar.panels[screen.sidebar.current]
    assert isinstance(inbox, InboxPanel)
    (proposal,) = [p for p in table.models["RED"].proposals.values()
                   if p["proposer"] == "RED"]
    assert proposal["status"] == "declined" and proposal["by"] == "BLU"
    reason = "We join no alliance that could drag us into others' wars."
    assert reason in [m["text"] for m in table.models["RED"].chat]
    assert f"“{reason}”".replace("'", "&#x27;") in all_text(inbox) or f"“{reason}”" in \
        all_text(inbox)


def test_a_later_round_opens_on_the_inbox(table):
    assert news_tab(table, "RED") is None          # round one: the report
    table.host.save_meta(round=2)
    assert news_tab(table, "RED") == "Inbox"


def test_an_order_from_a_panel_shows_one_toast(table):
    app, screen = open_screen(table, "RED")
    powers = screen.sidebar.panels[[p.title for p in screen.sidebar.panels].index("Powers")]
    powers._order({"op": "declare_war", "target": "BLU"})
    run(app, 2)
    assert [t for t, _ in screen.toasts] == ["Order added: Declare war on BLU."]


def test_no_map_tooltip_over_the_help_page(table):
    app, screen = open_screen(table, "RED")
    drawn = []
    screen.map.draw_tooltip = lambda surface: drawn.append(True)
    app.mouse = screen.map.anchor("R")
    run(app, 1)
    assert drawn
    drawn.clear()
    screen.help.visible = True
    run(app, 1)
    assert not drawn
