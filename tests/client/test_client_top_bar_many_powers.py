"""The seat's own treasury (with its net a turn), legitimacy and score against par stay in
the top bar at 1280x720 however many powers sit at the table: on cold-war, the largest
shipped scenario, the chips shrink to colour dots; on a generated map of thirty powers,
the chips that do not fit stand behind one "+N" chip whose tooltip names them."""

from __future__ import annotations

import pytest

from game.client.app import App
from game.client.hotseat import HotseatGame, SeatChoice
from game.client.screens.game import GameScreen
from game.client.screens.top_bar import TopBar
from game.engine import build_scenario
from game.maps import load_scenario, resolve_scenario
from game.maps.generate import generate

pytestmark = pytest.mark.usefixtures("pygame_ready")

PLAYER = "Maximilian Alexandrovich"


def _bars(scenario, seats_to_look_at: int | None = None):
    """(power, the game screen's top bar, its model) for each seat, at 1280x720, every
    other power ready (a tick widens its chip)."""
    seats = {p.id: SeatChoice("human", PLAYER) for p in scenario.powers}
    game = HotseatGame.new(scenario, seats, fog=True, seed=1)
    try:
        for power in list(seats)[::2]:
            game.conns[power].send({"type": "ready", "ready": True})
        game.pump()
        app = App((1280, 720))
        for power in list(seats)[:seats_to_look_at]:
            screen = GameScreen(app, game.conns[power], game.models[power],
                                map_doc=scenario.map_doc, rules=scenario.rules,
                                draft=game.draft(power), on_done=lambda: None, player=PLAYER)
            app.replace(screen)
            app.run(frames=1)
            yield power, screen.top_bar, screen.model, app
    finally:
        game.close()


def _assert_laid_out(bar: TopBar, model) -> None:
    assert bar.facts_box is not None                             # the seat's own figures
    assert set(bar.flags) | set(bar.folded) == set(model.ready)  # no power dropped
    assert not set(bar.flags) & set(bar.folded)
    boxes = sorted(bar.flags.values(), key=lambda b: b.x)
    if bar.more_box is not None:
        boxes.append(bar.more_box)
    assert bar.facts_box.right < boxes[0].x                      # nothing overlaps
    assert all(a.right < b.x for a, b in zip(boxes, boxes[1:]))


def test_cold_war_keeps_every_seats_own_figures_beside_every_chip_at_1280x720():
    scenario = load_scenario(resolve_scenario("cold-war"))
    looked = 0
    for power, bar, model, app in _bars(scenario):
        _assert_laid_out(bar, model)
        assert not bar.folded                                    # ten dots fit
        tip = bar.tooltip(bar.facts_box.center, model)
        assert tip is not None and "upkeep" in tip and "par" in tip, power
        facts = bar._facts(model)
        assert "a turn" in facts and "legitimacy" in facts and "vs par" in facts
        if power == "USA":          # the longest name leaves the least room
            app.screenshot("/tmp/client/topbar_cold_war_1280.png")
        looked += 1
    assert looked == len(scenario.powers) == 10


def test_thirty_powers_fold_into_a_more_chip_that_names_them():
    scenario = build_scenario(*generate(80, 30, 11, shapes=False))
    for power, bar, model, app in _bars(scenario, seats_to_look_at=1):
        app.screenshot("/tmp/client/topbar_thirty_powers_1280.png")
        _assert_laid_out(bar, model)
        assert bar.folded and bar.more_box is not None
        tip = bar.tooltip(bar.more_box.center, model)
        assert tip is not None
        heading, *lines = tip.split("; ")
        assert heading == f"{len(bar.folded)} more powers"
        assert len(lines) == len(bar.folded)
        for line, folded in zip(lines, bar.folded):
            ready = "ready" if model.ready[folded] else "still planning"
            assert line == f"{model.power_name(folded)}: {ready}"
        assert bar.more_box.right <= 1280


def test_the_more_chip_is_ticked_only_when_every_power_behind_it_is_ready():
    from game.client.screens import top_bar

    class Model:
        ready = {"A": True, "B": False, "C": True}

    assert top_bar._more_label(Model(), ["A", "C"]) == "+2 \u2713"
    assert top_bar._more_label(Model(), ["A", "B"]) == "+2"
