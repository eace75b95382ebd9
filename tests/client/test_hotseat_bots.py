"""Hot-seat with bot seats."""

from __future__ import annotations

from game.bots import PERSONALITIES
from game.client.app import App
from game.client.hotseat import HotseatGame, Over, Plan, SeatChoice, Watch
from game.client.hotseat.flow import HotseatFlow
from game.client.screens.start import BOT
from game.maps import load_scenario, resolve_scenario
from client_helpers import run

TUTORIAL = load_scenario(resolve_scenario("tutorial"))


def test_bots_take_their_seats_and_the_turns_end_when_everyone_is_ready():
    seats = {"RED": SeatChoice("human", "Ada"),
             "GRN": SeatChoice("bot", personality=PERSONALITIES[0]),
             "BLU": SeatChoice("bot", personality=PERSONALITIES[-1]), "YEL": SeatChoice("bot")}
    game = HotseatGame.new(TUTORIAL, seats, fog=True, seed=3)
    assert {p: (s.kind, s.occupied) for p, s in game.match.seats.items()} == {
        "RED": ("human", True), "GRN": ("bot", True), "BLU": ("bot", True),
        "YEL": ("bot", True)}
    assert game.match.seats["GRN"].personality == PERSONALITIES[0]
    watched = 0
    while not isinstance(step := game.step(), Over):
        if isinstance(step, Plan):
            assert step.power == "RED"
            game.finish_planning("RED")
        else:
            assert isinstance(step, Watch)
            watched += 1
            game.finish_watching()
    reasons = [e["reason"] for e in game.match.log if e["type"] == "adjudicated"]
    assert watched == len(reasons)
    # Every turn is played, unless a power wins before the last (real bots can).
    victory = any(e["type"] == "victory" for e in game.match.reports[-1]["events"])
    assert len(reasons) == TUTORIAL.rules.max_turns or (
        len(reasons) < TUTORIAL.rules.max_turns and victory)
    assert set(reasons) == {"all_ready"}        # no umpire needed: the bots said ready
    game.close()


def test_the_start_screen_offers_bots_with_their_personalities(tmp_path, pygame_ready):
    app = App()
    flow = HotseatFlow(app, saves_dir=tmp_path, initial="tutorial")
    flow.start_menu()
    run(app, 2)
    screen = app.top
    assert [r.kind for r in screen.rows] == ["Person", "Person", BOT, BOT]
    assert screen.seat_widgets[2]["personality"].selected_option[0] == PERSONALITIES[0]
    screen.rows[3].personality = PERSONALITIES[-1]
    setup = screen.new_game()
    assert setup.seats["YEL"] == SeatChoice("bot", "", PERSONALITIES[-1])
    assert setup.seats["BLU"] == SeatChoice("bot", "", PERSONALITIES[0])
