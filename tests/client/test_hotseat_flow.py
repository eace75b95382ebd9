"""The hot-seat game on the screens, driven by posted events: start, hand-off, planning,
war outcomes, a pact signed at the table, match over, and resuming a saved game."""

from __future__ import annotations

import pygame
import pytest

from game.words import palette
from game.client.app import App
from game.client.hotseat import list_saves
from game.client.hotseat.flow import HotseatFlow
from game.client.screens.orders_draw import ARROW_COLOURS
from game.client.screens.game import GameScreen
from game.client.screens.handoff import HandoffScreen
from game.client.screens.outcome import OutcomeScreen
from game.client.screens.over import OverScreen
from game.client.screens.start import EMPTY, StartScreen
from client_helpers import (SHOTS, click, colour_near, drag, key, press_button,
                                 quit_to_title, run)
from hotseat_helpers import start, take_seat

pytestmark = pytest.mark.usefixtures("pygame_ready")


def test_start_hand_off_plan_done_and_the_next_player_sees_none_of_it(tmp_path):
    app, flow = start(tmp_path)
    handoff = app.top
    assert isinstance(handoff, HandoffScreen)
    assert (handoff.power_name, handoff.player) == ("Redland", "Ada")
    take_seat(app)
    game_screen = app.top
    assert isinstance(game_screen, GameScreen) and game_screen.model.seat == "RED"
    drag(app, game_screen.map.anchor("ALB"), game_screen.map.anchor("DUN"))
    assert game_screen.draft.orders == [{"op": "move", "from": "ALB", "to": "DUN", "n": 6}]
    press_button(app, game_screen.widgets["done"])
    # The hand-off to Greenmark: the game screen has gone, widgets, panels and all.
    handoff = app.top
    assert isinstance(handoff, HandoffScreen) and handoff.power_name == "Greenmark"
    assert app.scenes == [handoff]
    assert game_screen.widgets == {} and game_screen.sidebar is None
    assert list(app.manager.get_root_container().elements) == [handoff.button]
    run(app, 2)
    app.screenshot(f"{SHOTS}/handoff.png")
    # Not one pixel of Redland's attack arrow is on the screen.
    w, h = app.size
    arrow = ARROW_COLOURS["invade"]
    assert not any(tuple(app.screen.get_at((x, y)))[:3] == arrow
                   for x in range(0, w, 3) for y in range(0, h, 3))
    # Redland's order was saved before the screen changed hands.
    assert flow.game.match.orders["RED"] == [{"op": "move", "from": "ALB", "to": "DUN", "n": 6}]


def test_everyone_watches_the_battle_on_the_public_view_then_the_next_turn(tmp_path):
    app, flow = start(tmp_path)
    take_seat(app)
    screen = app.top
    screen.add_move("BOR", "NRE")                  # 3 against a garrison of 1 on plains
    key(app, pygame.K_RETURN, mod=pygame.KMOD_CTRL)   # Done
    take_seat(app)             # Greenmark
    key(app, pygame.K_RETURN, mod=pygame.KMOD_CTRL)
    outcome = app.top
    assert isinstance(outcome, OutcomeScreen)
    assert outcome.record.before["seat"] == "spectator"
    battles = [i for i, e in outcome.events if e["type"] == "battle"]
    assert battles, "the attack on Northreach was a battle"
    outcome.seek(battles[0])
    step = outcome.map.playing.replay.step_at(outcome.map.replay_time())
    app.run(frames=round(step.duration * 0.6 * 60))
    at = outcome.map.playing.replay.battle_point(outcome.map.renderer, step.event)
    probe = (at[0] + outcome.map.rect.x, at[1] + outcome.map.rect.y + 8)
    assert colour_near(app.screen, probe, palette.BATTLE_MARKER, 4) > 10
    app.screenshot(f"{SHOTS}/outcome_battle.png")
    press_button(app, outcome.buttons["continue"])
    handoff = app.top
    assert isinstance(handoff, HandoffScreen) and handoff.power_name == "Redland"
    assert flow.game.match.turn == 2
    assert "Last turn's report is in the Report tab." in handoff.notes
    press_button(app, handoff.button)             # too soon: a double-click on Done
    assert app.top is handoff
    take_seat(app)
    screen = app.top
    assert screen.model.view["territories"]["NRE"]["owner"] == "RED"
    app.screenshot(f"{SHOTS}/game_turn2.png")


def test_a_proposal_signed_at_the_table_shows_as_a_pact_link(tmp_path):
    app, flow = start(tmp_path, people=("RED", "BLU"))
    take_seat(app)             # Redland plans
    red = app.top
    # (The proposal form is the panels branch's: the proposal goes through the connection.)
    red.conn.send({"type": "propose", "terms": {"kind": "defensive",
                                                 "members": ["RED", "BLU"]}})
    press_button(app, red.widgets["done"])
    handoff = app.top
    assert handoff.power_name == "Blueland"
    assert "1 proposal awaits your answer." in handoff.notes
    take_seat(app)
    blue = app.top
    (proposal,) = blue.model.awaiting_me()
    blue.conn.send({"type": "accept", "proposal": proposal["id"]})
    run(app, 2)
    assert blue.model.proposals[proposal["id"]]["status"] == "signed"
    press_button(app, blue.widgets["done"])
    handoff = app.top                             # Redland hears its proposal was signed
    assert (handoff.power_name, flow.game.round) == ("Redland", 2)
    take_seat(app)
    press_button(app, app.top.widgets["done"])
    outcome = app.top
    assert isinstance(outcome, OutcomeScreen)
    assert any(e["type"] == "pact_signed" for _, e in outcome.events)
    press_button(app, outcome.buttons["continue"])
    take_seat(app)
    screen = app.top
    kinds = {(link.kind, tuple(sorted((link.a, link.b)))) for link in screen.map.renderer.links}
    assert ("defensive", ("BLU", "RED")) in kinds
    run(app, 2)
    a, b = screen.map.anchor("ALB"), screen.map.anchor("KEL")
    mid = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
    assert colour_near(app.screen, mid, palette.LINK_DEFENSIVE, 3) > 0
    app.screenshot(f"{SHOTS}/game_pact_signed.png")


def test_the_match_over_screen_gives_the_result_and_scores(tmp_path):
    app, flow = start(tmp_path)
    game = flow.game
    while game.match.phase != "over":
        for power in list(game.queue):
            game.finish_planning(power)
        game.finish_watching()
    flow.advance()
    over = app.top
    assert isinstance(over, OverScreen)
    assert over.winner == game.match.state.winner
    run(app, 2)
    app.screenshot(f"{SHOTS}/over.png")
    press_button(app, over.buttons["menu"])
    assert isinstance(app.top, StartScreen)


def test_menu_then_resume_returns_to_the_same_player_with_the_orders_kept(tmp_path):
    app, flow = start(tmp_path)
    take_seat(app)
    press_button(app, app.top.widgets["done"])    # Redland done, nothing ordered
    take_seat(app)             # Greenmark plans...
    gus = app.top
    gus.add_build("CYM", 1)
    run(app, 2)
    quit_to_title(app)                            # ...and goes back to the title
    menu = app.top
    assert isinstance(menu, StartScreen)
    (save,) = list_saves(tmp_path)
    assert save.players == ("Ada", "Gus")
    run(app, 2)
    app.screenshot(f"{SHOTS}/start_with_save.png")
    menu.save_choice = 0
    press_button(app, menu.widgets["resume"])
    handoff = app.top
    assert isinstance(handoff, HandoffScreen) and handoff.power_name == "Greenmark"
    take_seat(app)
    assert app.top.draft.orders == [{"op": "build", "territory": "CYM", "n": 1}]


def test_the_start_screen_needs_a_person_and_says_so(tmp_path):
    app = App()
    flow = HotseatFlow(app, saves_dir=tmp_path, initial="tutorial")
    flow.start_menu()
    screen = app.top
    for row in screen.rows:
        row.kind = EMPTY
    screen._build_seats()
    run(app, 2)
    press_button(app, screen.widgets["start"])
    assert app.top is screen and "At least one seat must be a person" in screen.error
    assert list_saves(tmp_path) == []


def test_choosing_a_scenario_lists_its_powers_as_seats(tmp_path):
    app = App()
    flow = HotseatFlow(app, saves_dir=tmp_path, initial="tutorial")
    flow.start_menu()
    run(app, 2)
    screen = app.top
    titles = [s.title for s in screen.scenarios]
    lst = screen.widgets["scenarios"]
    item = next(i for i in lst.item_list if i["text"] == "Europe 1939")
    click(app, item["button_element"].rect.center, frames=3)
    assert screen.scenario.title == "Europe 1939" and "Europe 1939" in titles
    assert [r.name for r in screen.rows][:3] == ["Germany", "Italy", "Soviet Union"]
    assert len(screen.seat_widgets) == len(screen.rows) == 8
    app.screenshot(f"{SHOTS}/start_europe.png")


def test_a_damaged_save_is_refused_on_the_start_screen_with_its_name(tmp_path):
    app = App()
    flow = HotseatFlow(app, saves_dir=tmp_path, initial="tutorial")
    bad = tmp_path / "broken.json"
    bad.write_text('{"events": [{"type": "nonsense"}], "meta": {"table": 1}}', encoding="utf-8")
    flow.resume(bad)
    screen = app.top
    assert isinstance(screen, StartScreen)
    assert "broken.json cannot be replayed" in screen.error


def reveal(app: App, panel, element) -> None:
    """Scroll a panel so that ``element`` is on screen (the panels scroll when long)."""
    panel.scroll_into_view(element)
    run(app, 2)


def test_the_panels_proposal_form_and_inbox_sign_a_pact_through_the_game_screens(tmp_path):
    pytest.importorskip("game.client.panels")
    from game.client.panels import InboxPanel, PactsPanel
    from panels_support import button as find

    def button(panel, text, nth=None):
        found = find(panel, text, nth)
        reveal(app, panel, found)
        return find(panel, text, nth)

    app, flow = start(tmp_path, people=("RED", "BLU"))
    take_seat(app)
    red = app.top
    key(app, PactsPanel.shortcut)
    pacts = red.sidebar.panels[red.sidebar.current]
    assert isinstance(pacts, PactsPanel)
    press_button(app, button(pacts, "Propose a pact…"))
    press_button(app, button(pacts, "Blueland", 0))
    press_button(app, button(pacts, "Propose"))
    app.screenshot(f"{SHOTS}/game_proposed.png")
    press_button(app, red.widgets["done"])
    take_seat(app)             # Blueland
    blue = app.top
    assert blue.sidebar.titles[blue.sidebar.current] == "Inbox"   # opened on what awaits
    key(app, InboxPanel.shortcut)
    inbox = blue.sidebar.panels[blue.sidebar.current]
    assert isinstance(inbox, InboxPanel)
    app.screenshot(f"{SHOTS}/game_inbox.png")
    press_button(app, button(inbox, "Accept"))
    (proposal,) = blue.model.proposals.values()
    assert proposal["status"] == "signed" and proposal["terms"]["members"] == ["RED", "BLU"]
    press_button(app, blue.widgets["done"])
    take_seat(app)             # Redland, round 2: its proposal was signed
    press_button(app, app.top.widgets["done"])
    outcome = app.top
    assert isinstance(outcome, OutcomeScreen)
    assert [p["members"] for p in outcome.record.after["pacts"]
            if p["kind"] == "defensive" and "BLU" in p["members"]] == [["RED", "BLU"]]


def test_enter_on_the_hand_off_and_a_click_on_a_sentence_of_the_outcome(tmp_path):
    app, flow = start(tmp_path)
    run(app, 40)
    key(app, pygame.K_RETURN)                     # the hand-off card: Enter shows the screen
    screen = app.top
    assert isinstance(screen, GameScreen)
    screen.add_move("ALB", "DUN")                 # 6 against 3 in the mountains: a battle
    key(app, pygame.K_RETURN, mod=pygame.KMOD_CTRL)
    run(app, 40)
    key(app, pygame.K_SPACE)                      # Greenmark
    key(app, pygame.K_RETURN, mod=pygame.KMOD_CTRL)
    outcome = app.top
    assert isinstance(outcome, OutcomeScreen)
    key(app, pygame.K_SPACE)                      # skip to the end
    assert outcome.map.playing is None
    run(app, 2)
    rect, index = next((r, i) for r, i in outcome.rows
                       if outcome.record.report["events"][i]["type"] == "battle")
    click(app, rect.center)
    playing = outcome.map.playing
    assert playing is not None
    assert playing.replay.step_at(outcome.map.replay_time()).event == \
        outcome.record.report["events"][index]


def test_names_typed_on_the_start_screen_survive_a_resize(tmp_path):
    app = App()
    flow = HotseatFlow(app, saves_dir=tmp_path, initial="tutorial")
    flow.start_menu()
    run(app, 2)
    screen = app.top
    screen.seat_widgets[0]["name"].set_text("Ada Lovelace")
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=1600, h=900, size=(1600, 900)))
    run(app, 2)
    assert screen.seat_widgets[0]["name"].get_text() == "Ada Lovelace"
    assert screen.new_game().seats["RED"].name == "Ada Lovelace"


def test_an_amount_sent_as_the_player_presses_done_is_marked_when_they_come_back(tmp_path):
    app, flow = start(tmp_path)
    take_seat(app)
    red = app.top
    red.add_move("ALB", "FEN")
    key(app, pygame.K_LEFT, frames=0)             # an amount still resting...
    press_button(app, red.widgets["done"])        # ...is sent by Done
    draft = flow.game.draft("RED")
    assert draft.orders == [{"op": "move", "from": "ALB", "to": "FEN", "n": 5}]
    assert [e.status for e in draft.entries] == ["accepted"]
    assert flow.game.match.orders["RED"] == draft.orders
