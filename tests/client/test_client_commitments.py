"""The commitments meter on the game screen: the audit's figures, before Done and in Pacts."""

from __future__ import annotations

import pytest

from builders import events, move
from game.client.app import App
from game.client.orders_ui import commitment_line
from game.engine.commitments import Commitment
from game.client.hotseat import HotseatGame, SeatChoice
from game.client.panels.pacts import PactsPanel
from game.client.screens.game import GameScreen
from game.engine import adjudicate
from game.engine.view import view
from client_helpers import run
from pact_scenes import scene
from panels_support import all_text

pytestmark = pytest.mark.usefixtures("pygame_ready")


@pytest.fixture
def screen():
    state = scene()          # RED and GRN's pact engaged against BLU; 0.5 burden share
    seats = {"RED": SeatChoice("human", "Ada"), "GRN": SeatChoice("human", "Gus"),
             "BLU": SeatChoice("empty")}
    n = iter(range(1, 1_000_000))
    game = HotseatGame.new(state.scenario, seats, fog=False, seed=7,
                           clock=lambda: float(next(n)))
    model = game.models["RED"]
    model.view = view(state, "RED")    # the engaged turn, as the seat sees it
    app = App((1280, 720))
    done: list[bool] = []
    shown = GameScreen(app, game.conns["RED"], model, map_doc=game.match.scenario.map_doc,
                       rules=state.scenario.rules, draft=game.draft("RED"), player="Ada",
                       tab="Pacts", on_done=lambda: done.append(True))
    app.push(shown)
    run(app, 2)
    yield app, shown, state, done
    game.close()


def test_the_meter_shows_the_audits_figures_and_warns_once_before_done(screen):
    app, shown, state, done = screen
    orders = [move("R", "F", 3)]
    for order in orders:
        shown.add_order(order)
    run(app, 2)
    (meter,) = shown.commitments()
    _, report = adjudicate(state, {"RED": orders})
    (audit,) = [e for e in events(report, "shortfall") if e["power"] == "RED"]
    assert (meter.required, meter.committed) == (audit["required"], audit["committed"]) == (5, 3)
    line = "You owe GRN 5 units against BLU; your orders commit 3"
    assert shown.order_list.meter == [(line, False)]
    shown.done()
    assert done == [] and any(line in text for text, _ in shown.toasts)
    shown.done()                                   # the second press goes on
    assert done == [True]
    # The same figures on the pact's card in the Pacts tab.
    panel = shown.sidebar.panels[shown.sidebar.current]
    assert isinstance(panel, PactsPanel)
    panel.rebuild()
    assert line in all_text(panel)
    app.screenshot("/tmp/client/commitments_meter.png")


def test_enough_units_near_the_enemy_keep_the_commitment_and_done_needs_one_press(screen):
    app, shown, _state, done = screen
    shown.add_order(move("R", "F", 6))
    run(app, 2)
    (meter,) = shown.commitments()
    assert meter.kept and shown.order_list.meter[0][1]
    shown.done()
    assert done == [True]


def test_a_share_owed_says_how_many_whole_units_keep_it():
    # The audit may owe a share of units (a burden share of 37 is 7.4): the player moves
    # whole units, and 8 is the least that keeps it (committed >= owed).
    share = Commitment("P1", "RED", "BLU", 7.4, 3)
    assert commitment_line(share, "Italy") == \
        "You owe Italy 7.4 units (8 to keep it) against BLU; your orders commit 3"
    whole = Commitment("P1", "RED", "BLU", 5, 3)
    assert commitment_line(whole, "Italy") == "You owe Italy 5 units against BLU; your orders commit 3"
