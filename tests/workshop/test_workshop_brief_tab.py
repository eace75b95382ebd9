"""The Brief tab: each seat reads the public brief and its own, the brief opens by itself
when the seat's screen first opens, and the umpire reissues a brief from the console."""

from __future__ import annotations

import pygame
import pygame_gui
import pytest

import game.client.panels.brief as brief_module
import game.client.screens.game as game_screen
from game.client.app import App
from game.client.model import MatchModel
from game.client.panels.brief import brief_markup, brief_panels, opening_tab
from console_support import (SHOTS, TUTORIAL, choose, drain, of_type, open_console,
                                  panel, press_label, shown_text, workshop)

pytestmark = pytest.mark.usefixtures("pygame_ready")
BRIEFS = TUTORIAL.scenario_doc["briefs"]


def player_screen(host, power: str, size=(1280, 720)):
    conn = host.connect(power)
    model = MatchModel.from_snapshot(conn.poll()[0]["snapshot"])
    app = App(size)
    screen = game_screen.GameScreen(app, conn, model, map_doc=TUTORIAL.map_doc)
    app.push(screen)
    app.run(frames=3)
    return app, screen


def brief_tab(screen):
    assert screen.sidebar.select_title("Brief"), screen.sidebar.titles
    return screen.sidebar.panels[screen.sidebar.current]


def test_a_player_reads_the_public_brief_and_its_own_only():
    host, _ = workshop()
    app, screen = player_screen(host, "RED")
    tab = brief_tab(screen)
    app.run(frames=2)
    shown = shown_text(tab)
    assert "Albion" in shown                      # Redland's own brief
    assert "how a turn works" in shown            # the public one
    for other in ("GRN", "BLU", "YEL"):
        assert brief_markup(BRIEFS[other])[:120] not in shown
    assert set(tab.feed.briefs) == {"public", "RED"}
    app.screenshot(f"{SHOTS}/brief_tab_red.png")


def test_a_powers_screen_opens_on_its_brief_in_the_first_turn_only():
    host, _ = workshop()
    conn = host.connect("GRN")
    model = MatchModel.from_snapshot(conn.poll()[0]["snapshot"])
    assert opening_tab(model) == "Brief"
    app = App((1920, 1080))
    screen = game_screen.GameScreen(app, conn, model, map_doc=TUTORIAL.map_doc,
                                    tab=opening_tab(model))
    app.push(screen)
    app.run(frames=3)
    assert screen.sidebar.titles[screen.sidebar.current] == "Brief"
    app.screenshot(f"{SHOTS}/brief_start_grn.png")
    model.report = {"turn": 1, "events": []}          # a turn has been played
    assert opening_tab(model) is None
    spectator = MatchModel.from_snapshot(host.connect("spectator").poll()[0]["snapshot"])
    assert opening_tab(spectator) is None


def test_a_match_without_briefs_has_no_brief_tab():
    host, _ = workshop()
    model = MatchModel.from_snapshot(host.connect("RED").poll()[0]["snapshot"])
    assert brief_panels(model) == [brief_module.BriefPanel]
    model.extra.pop("briefs")
    assert brief_panels(model) == []


def test_the_umpire_reissues_a_brief_and_only_its_team_hears_it():
    host, conns = workshop()
    drain(conns["RED"]), drain(conns["GRN"])
    app, console = open_console(host)
    tab = panel(console, "Brief")
    app.run(frames=2)
    choose(app, tab, "brief", "GRN")
    assert tab.editor is not None and "Cymru" in tab.editor.get_text()
    tab.editor.set_text("Greenmark: the fleet is ready.")
    pygame.event.post(pygame.event.Event(pygame_gui.UI_TEXT_ENTRY_CHANGED,
                                         ui_element=tab.editor))
    app.run(frames=2)
    app.screenshot(f"{SHOTS}/brief_console.png")
    press_label(app, tab, "Reissue the GRN brief")
    assert host.match.briefs["GRN"] == "Greenmark: the fleet is ready."
    assert host.match.log[-1]["type"] == "brief_set"
    assert [m["text"] for m in of_type(drain(conns["GRN"]), "brief")] == [
        "Greenmark: the fleet is ready."]
    assert of_type(drain(conns["RED"]), "brief") == []


def test_a_player_hears_of_a_reissued_brief_in_a_toast():
    host, conns = workshop()
    app, screen = player_screen(host, "RED")
    host.match.set_brief("umpire", "public", "The bridge is down.", 5.0)
    conns["umpire"].send({"type": "set_brief", "brief": "public", "text": "The bridge is up."})
    app.run(frames=4)
    assert any("reissued the public brief" in text for text, _ in screen.toasts)
    tab = brief_tab(screen)
    app.run(frames=2)
    assert "The bridge is up." in shown_text(tab)
