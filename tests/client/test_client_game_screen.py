"""The game screen, driven by posted mouse and key events on the tutorial map (headless).

Screenshots go to /tmp/client/ for a person to look at."""

from __future__ import annotations

import pygame
import pytest

from game.words import palette
from game.client.app import App
from game.client.hotseat import HotseatGame, SeatChoice
from game.client.hotseat.table import first_message
from game.client.orders_ui import ACCEPTED, REJECTED
from game.client.screens.orders_draw import REJECTED_COLOUR
from game.client.screens.draft_editor import SEND_DELAY
from game.client.screens.game import GameScreen
from game.client.screens.top_bar import countdown
from game.engine.combat import odds
from game.maps import load_scenario, resolve_scenario
from client_helpers import (SHOTS, click, colour_near, commonest_in, drag, key, move_to,
                                 press_button, run)

pytestmark = pytest.mark.usefixtures("pygame_ready")

TUTORIAL = load_scenario(resolve_scenario("tutorial"))


def ticks():
    n = iter(range(1, 1_000_000))
    return lambda: float(next(n))


@pytest.fixture
def table():
    seats = {"RED": SeatChoice("human", "Ada"), "GRN": SeatChoice("human", "Gus"),
             "BLU": SeatChoice("empty"), "YEL": SeatChoice("empty")}
    game = HotseatGame.new(TUTORIAL, seats, fog=False, seed=7, clock=ticks())
    yield game
    game.close()


def open_screen(game: HotseatGame, power: str = "RED", size=(1280, 720), **kwargs):
    app = App(size)
    screen = GameScreen(app, game.conns[power], game.models[power], map_doc=TUTORIAL.map_doc,
                        rules=TUTORIAL.rules, draft=game.draft(power), player="Ada", **kwargs)
    app.push(screen)
    run(app, 2)
    return app, screen


def server_orders(game: HotseatGame, power: str) -> list[dict]:
    return game.match.orders.get(power, [])


def test_a_drag_from_your_units_to_a_neighbour_creates_the_move_for_all_of_them(table):
    app, screen = open_screen(table)
    drag(app, screen.map.anchor("BOR"), screen.map.anchor("NRE"))
    assert screen.draft.orders == [{"op": "move", "from": "BOR", "to": "NRE", "n": 3}]
    assert server_orders(table, "RED") == [{"op": "move", "from": "BOR", "to": "NRE", "n": 3}]
    assert screen.draft.entries[0].status == ACCEPTED
    assert screen.selected == 0 and screen.slider is not None
    app.screenshot(f"{SHOTS}/game_drag_move.png")


def test_a_drag_that_pans_starts_where_you_have_no_units(table):
    app, screen = open_screen(table)
    before = screen.map.renderer.camera.offset
    drag(app, screen.map.anchor("LOR"), (screen.map.anchor("LOR")[0] - 100,
                                         screen.map.anchor("LOR")[1]))
    assert screen.draft.orders == []
    after = screen.map.renderer.camera.offset
    assert after[0] > before[0] and after[1] == pytest.approx(before[1])


def test_click_then_click_a_neighbour_moves_and_keys_set_how_many(table):
    app, screen = open_screen(table)
    click(app, screen.map.anchor("ALB"))
    assert screen.source == "ALB"
    click(app, screen.map.anchor("FEN"))
    assert screen.draft.orders == [{"op": "move", "from": "ALB", "to": "FEN", "n": 6}]
    key(app, pygame.K_LEFT)
    key(app, pygame.K_MINUS)
    assert screen.draft.orders[0]["n"] == 4
    key(app, pygame.K_2, unicode="2")
    assert screen.draft.orders[0]["n"] == 2
    key(app, pygame.K_UP)
    assert screen.draft.orders[0]["n"] == 6
    key(app, pygame.K_DOWN)
    run(app, round(SEND_DELAY * 60) + 2)          # the amount rests: the draft is sent
    assert server_orders(table, "RED") == [{"op": "move", "from": "ALB", "to": "FEN", "n": 1}]


def test_a_second_move_out_of_a_territory_gets_only_the_units_left(table):
    app, screen = open_screen(table)
    drag(app, screen.map.anchor("ALB"), screen.map.anchor("FEN"))
    key(app, pygame.K_4, unicode="4")
    drag(app, screen.map.anchor("ALB"), screen.map.anchor("DUN"))
    assert screen.draft.orders == [{"op": "move", "from": "ALB", "to": "FEN", "n": 4},
                                   {"op": "move", "from": "ALB", "to": "DUN", "n": 2}]
    key(app, pygame.K_RIGHT)                      # nothing left to add
    assert screen.draft.orders[1]["n"] == 2


def test_the_attack_arrow_shows_the_engines_odds(table):
    app, screen = open_screen(table)
    drag(app, screen.map.anchor("ALB"), screen.map.anchor("DUN"))
    # Dunmore: neutral mountains (x2.0) with a garrison of 3; Redland sends 6.
    expected = odds(TUTORIAL.rules, 6, 3, defence_factor=TUTORIAL.rules.terrain("mountains"))
    preview = screen.previews[0]
    assert preview.odds == expected
    label, note = screen.describe(0)
    assert label == "Albion → Dunmore, 6 units"
    assert note.startswith(f"{round(expected.p_win * 100)}% to win · 6 vs 3")
    assert "legitimacy" in note                   # entering neutral land costs legitimacy
    app.screenshot(f"{SHOTS}/game_attack_odds.png")


def test_a_move_into_a_power_not_at_war_says_war_must_be_declared_first(table):
    app, screen = open_screen(table)
    drag(app, screen.map.anchor("FEN"), screen.map.anchor("SOL"))
    preview = screen.previews[0]
    assert (preview.kind, preview.odds) == ("needs_war", None)
    assert screen.describe(0)[1] == "not at war with Yellowmark: declare war first"
    screen.add_order({"op": "declare_war", "target": "YEL"})
    run(app, 2)
    preview = screen.previews[0]
    # Solace: Yellowmark's urban capital (x1.5 x1.25) held by 5; Redland sends 2.
    assert preview.kind == "attack"
    assert preview.odds == odds(TUTORIAL.rules, 2, 5, defence_factor=1.5 * 1.25)
    assert [e.order["op"] for e in screen.draft.entries] == ["move", "declare_war"]
    app.screenshot(f"{SHOTS}/game_declare_war.png")


def test_the_build_tool_builds_by_click_and_unbuilds_by_right_click(table):
    app, screen = open_screen(table)
    key(app, pygame.K_b)
    assert screen.tool == "build"
    click(app, screen.map.anchor("ALB"))
    click(app, screen.map.anchor("ALB"))
    assert screen.draft.orders == [{"op": "build", "territory": "ALB", "n": 2}]
    click(app, screen.map.anchor("ALB"), button=3)
    assert screen.draft.orders == [{"op": "build", "territory": "ALB", "n": 1}]
    click(app, screen.map.anchor("NRE"))          # not Redland's: refused where it was made
    assert screen.draft.orders == [{"op": "build", "territory": "ALB", "n": 1}]
    assert any("only build in your own" in text for text, _ in screen.toasts)
    run(app, 2)
    assert server_orders(table, "RED") == [{"op": "build", "territory": "ALB", "n": 1}]


def test_a_rejected_order_is_marked_on_the_map_and_in_the_list_with_its_reason(table):
    app, screen = open_screen(table)
    screen.add_order({"op": "build", "territory": "CYM", "n": 1})   # Greenmark's land
    run(app, 3)
    entry = screen.draft.entries[0]
    assert entry.status == REJECTED and "CYM" in entry.reason
    assert screen.describe(0)[1] == entry.reason
    (drawn,) = screen.drawn
    cross_at = (drawn.tag.right + 9 + screen.map.rect.x, drawn.tag.centery + screen.map.rect.y)
    assert colour_near(app.screen, cross_at, REJECTED_COLOUR, 6) > 5
    move_to(app, (drawn.tag.centerx + screen.map.rect.x, drawn.tag.centery + screen.map.rect.y))
    app.screenshot(f"{SHOTS}/game_rejected.png")


def test_the_cross_in_the_order_list_removes_the_order(table):
    app, screen = open_screen(table)
    screen.add_move("BOR", "NRE")
    screen.add_build("ALB", 1)
    run(app, 2)
    row = next(r for r in screen.order_list.rows if r.index == 0)
    click(app, row.remove.center)
    assert screen.draft.orders == [{"op": "build", "territory": "ALB", "n": 1}]
    assert server_orders(table, "RED") == [{"op": "build", "territory": "ALB", "n": 1}]
    key(app, pygame.K_DELETE)                     # the build was selected
    assert screen.draft.orders == [] and server_orders(table, "RED") == []


def test_each_territory_shows_its_owners_colour_and_the_alliance_link_its_colour(table):
    app, screen = open_screen(table)
    key(app, pygame.K_f)                          # the whole map
    run(app, 2)
    renderer = screen.map.renderer
    view = screen.model.view
    for t in renderer.geometry.territories:
        owner = view["territories"][t.id]["owner"]
        got = commonest_in(app.screen, renderer.screen_polygon(t.id), screen.map.rect.topleft)
        assert got == renderer.fill_for(owner, t.terrain), t.id
    # The Entente (a defensive pact) links the capitals of Redland and Greenmark.
    a, b = screen.map.anchor("ALB"), screen.map.anchor("CYM")
    mid = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
    assert colour_near(app.screen, mid, palette.LINK_DEFENSIVE, 3) > 0
    app.screenshot(f"{SHOTS}/game_1280.png")


def test_the_window_resizes_and_never_below_1280_by_720(table):
    app, screen = open_screen(table)
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=1920, h=1080, size=(1920, 1080)))
    run(app, 2)
    assert app.size == (1920, 1080)
    assert screen.map.rect.right == screen.layout.sidebar.x == 1920 - screen.layout.sidebar.width
    assert screen.widgets["done"].rect.bottom <= 1080
    screen.add_move("ALB", "DUN")
    run(app, 2)
    app.screenshot(f"{SHOTS}/game_1920.png")
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=800, h=500, size=(800, 500)))
    run(app, 2)
    assert app.size == (1280, 720)


def test_keys_cycle_your_territories_open_help_and_switch_tabs(table):
    app, screen = open_screen(table)
    key(app, pygame.K_TAB)
    assert screen.source == "BOR"                 # Redland's first territory with units
    key(app, pygame.K_TAB)
    assert screen.source == "ALB"
    key(app, pygame.K_TAB, mod=pygame.KMOD_SHIFT)
    assert screen.source == "BOR"
    key(app, pygame.K_F1)
    assert screen.help.visible
    app.screenshot(f"{SHOTS}/game_help.png")
    key(app, pygame.K_ESCAPE)
    assert not screen.help.visible
    key(app, pygame.K_ESCAPE)                     # nothing selected any more
    before = screen.map.renderer.camera.offset
    key(app, pygame.K_RIGHT)                      # no order selected: the arrows pan
    assert screen.map.renderer.camera.offset[0] > before[0]
    titles = screen.sidebar.titles
    press_button(app, screen.sidebar.tabs[-1])
    assert screen.sidebar.current == len(titles) - 1


def test_online_done_raises_the_ready_flag_and_a_turn_result_replays_on_the_map():
    seats = {"RED": SeatChoice("human", "Ada"), "GRN": SeatChoice("empty"),
             "BLU": SeatChoice("empty"), "YEL": SeatChoice("empty")}
    game = HotseatGame.new(TUTORIAL, seats, fog=False, seed=7, clock=ticks())
    app, screen = open_screen(game)                # no on_done: Done is the ready flag
    screen.add_move("BOR", "NRE")
    press_button(app, screen.widgets["done"])
    run(app, 3)
    assert game.match.turn == 2                    # Redland was the only awaited seat
    assert screen.model.turn == 2 and screen.draft.orders == []
    assert screen.map.playing is not None and screen.map.playing.turn == 1
    key(app, pygame.K_SPACE)
    assert screen.map.playing is None
    game.close()


def test_a_new_joined_message_rebuilds_the_model_from_its_snapshot(table):
    app, screen = open_screen(table)
    old = screen.model
    table.conns["RED"].send({"type": "orders", "orders": [
        {"op": "build", "territory": "ALB", "n": 1}]})
    table.conns["RED"].deliver({"type": "joined", "match": table.match.match_id, "seat": "RED",
                                "snapshot": table.match.snapshot("RED")})
    run(app, 2)
    assert screen.model is not old
    assert screen.draft.orders == [{"op": "build", "territory": "ALB", "n": 1}]


def test_a_spectator_watches_with_done_disabled_and_gives_no_orders(table):
    spectator = table.host.connect("spectator")
    app = App()
    screen = GameScreen(app, spectator, first_message(spectator), map_doc=TUTORIAL.map_doc)
    app.push(screen)
    run(app, 2)
    assert screen.widgets["done"].text == "Watching" and not screen.widgets["done"].is_enabled
    drag(app, screen.map.anchor("ALB"), screen.map.anchor("DUN"))
    screen.add_order({"op": "declare_war", "target": "BLU"})
    assert screen.draft.orders == []
    assert any("Only a power" in text for text, _ in screen.toasts)


def test_online_ready_flag_shows_on_the_button_and_in_the_top_bar(table):
    app, screen = open_screen(table)
    press_button(app, screen.widgets["done"])
    run(app, 2)
    assert screen.model.ready["RED"] is True
    assert screen.widgets["done"].text == "Ready — click to plan more"
    assert set(screen.top_bar.flags) == {"RED", "GRN"}      # empty seats have no flag
    press_button(app, screen.widgets["done"])
    run(app, 2)
    assert screen.model.ready["RED"] is False


def test_the_countdown_reads_minutes_and_hours():
    assert (countdown(5), countdown(65), countdown(3725)) == ("0:05", "1:05", "1:02:05")


def test_after_a_reconnect_the_screens_own_draft_is_sent_again(table):
    app, screen = open_screen(table)
    screen.add_move("BOR", "NRE")
    run(app, 2)
    table.conns["RED"].send({"type": "orders", "orders": []})      # lost, say, in the drop
    table.conns["RED"].deliver({"type": "joined", "match": table.match.match_id, "seat": "RED",
                                "snapshot": table.match.snapshot("RED")})
    run(app, 3)
    assert screen.draft.orders == [{"op": "move", "from": "BOR", "to": "NRE", "n": 3}]
    assert server_orders(table, "RED") == screen.draft.orders
    table.conns["RED"].deliver({"type": "connection", "status": "reconnecting",
                                "message": "connection lost; trying again"})
    run(app, 2)
    assert any(text == "Connection lost; trying again" for text, _ in screen.toasts)


def test_done_with_rejected_orders_warns_once_then_goes_on(table):
    done = []
    app, screen = open_screen(table, on_done=lambda: done.append(True))
    screen.add_order({"op": "offer_peace", "target": "BLU"})   # not at war: rejected
    run(app, 2)
    assert screen.draft.entries[0].status == REJECTED
    press_button(app, screen.widgets["done"])
    assert done == []
    assert any("1 order was rejected" in text for text, _ in screen.toasts)
    press_button(app, screen.widgets["done"])
    assert done == [True]
