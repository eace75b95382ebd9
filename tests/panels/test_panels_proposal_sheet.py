"""The proposal sheet: presets, the two sides of the deal, numbers by keyboard beside the
sliders, clashes with pacts in force, and a bot's likely answer before sending."""

from __future__ import annotations

import pytest
from pygame_gui.elements import UIHorizontalSlider, UITextEntryLine

from builders import board
from game.bots.board import board_from_view
from game.bots.diplomacy import answer
from game.bots.personality import personality
from game.client.app import App
from game.client.hotseat import HotseatGame, SeatChoice
from game.client.panels import PactsPanel
from panels_table import Table
from game.client.screens.game import GameScreen
from game.engine.view import view
from client_helpers import run
from pact_scenes import scene
from test_panels_chat import SCENARIO
from panels_support import all_text, button


def pacts_tab(game: HotseatGame, scenario, power: str) -> tuple[App, GameScreen]:
    """Ada's game screen for ``power`` at 1280x720, open on the Pacts tab."""
    app = App((1280, 720))
    screen = GameScreen(app, game.conns[power], game.models[power],
                        map_doc=scenario.map_doc, rules=scenario.rules,
                        draft=game.draft(power), player="Ada", tab="Pacts")
    app.push(screen)
    run(app, 2)
    return app, screen


@pytest.fixture
def form(pygame_ready):
    table = Table(SCENARIO, ["RED", "BLU", "GRN"])
    panel = table.open("RED", PactsPanel)
    panel.open_form()
    table.settle("RED")
    return table, panel


def test_a_preset_fills_the_deal_and_both_sides_read_it(form):
    table, panel = form
    table.click("RED", button(panel, "Blueland", nth=0))      # a member
    table.click("RED", button(panel, "Guarantee"))
    draft = panel.form.draft
    assert draft.kind == "defensive" and draft.burden_pct == 0 and "RED" in draft.pledges
    text = all_text(panel)
    assert "<b>You give</b><br>Defence of Blueland: " + f"{draft.pledges['RED']} units" in text
    table.click("RED", button(panel, "Peace with transfers"))
    assert panel.form.draft.kind == "peace"


def test_a_number_typed_beside_a_slider_sets_it(form):
    table, panel = form
    slider = next(e for e in panel.content.elements if isinstance(e, UIHorizontalSlider))
    box = next(e for e in panel.content.elements if isinstance(e, UITextEntryLine)
               and e.get_text() == "20")                     # the burden share's box
    box.set_text("")
    table.type("RED", box, "35")
    assert panel.form.draft.burden_pct == 35
    assert int(slider.get_current_value()) == 35
    assert "35% of forces" in [getattr(e, "text", "") for e in panel.content.elements]


def test_a_separate_peace_is_flagged_before_sending(pygame_ready):
    state = scene()            # RED and GRN engaged against BLU, both at war with it
    table = Table(state.scenario, ["RED", "GRN", "BLU"])
    table.seats["RED"].model.view = view(state, "RED")
    panel = table.open("RED", PactsPanel)
    panel.open_form()
    table.settle("RED")
    table.click("RED", button(panel, "Peace with transfers"))
    assert panel.form.draft.other_side == ["BLU"]
    text = all_text(panel).replace("A separate", "a separate")
    assert "a separate peace with BLU breaks your defensive pact with GRN" in text
    assert "P_" not in text        # a pact is named in words, never by its opaque id
    assert "GRN fights on" in all_text(panel)


def test_a_bots_likely_answer_is_its_own_rule_on_the_seats_view(pygame_ready):
    scenario = board(["R", "B", "G"], ["R-B", "B-G"],
                     {"RED": {"territories": "R", "forces": {"R": 5}},
                      "BLU": {"territories": "B", "forces": {"B": 5}},
                      "GRN": {"territories": "G", "forces": {"G": 9}}})
    seats = {"RED": SeatChoice("human", "Ada"), "BLU": SeatChoice("bot", "", "loyal"),
             "GRN": SeatChoice("empty")}
    n = iter(range(1, 1_000_000))
    game = HotseatGame.new(scenario, seats, fog=False, seed=3, clock=lambda: float(next(n)))
    try:
        app, screen = pacts_tab(game, scenario, "RED")
        terms = {"kind": "non_aggression", "members": ["RED", "BLU"], "notice": 1,
                 "duration": 4}
        guess = screen.likely_answer("BLU", terms)
        seen = board_from_view(game.models["RED"].view, "BLU", screen.graph, scenario.rules,
                               ["RED", "BLU", "GRN"])
        expected = answer(seen, personality("loyal"),
                          {"id": "draft", "terms": terms, "members": ["RED", "BLU"]},
                          {"RED": "RED", "BLU": "BLU", "GRN": "GRN"})
        assert (guess.accept, guess.say) == (expected.accept, expected.say)
        assert screen.likely_answer("RED", terms) is None       # a person: no guess
        panel = screen.sidebar.panels[screen.sidebar.current]
        panel.open_form()
        panel.form.draft.members = ["RED", "BLU"]
        panel.form.draft.kind = "non_aggression"
        panel.rebuild()
        run(app, 2)
        verdict = "likely yes" if guess.accept else "likely no"
        assert f"BLU (bot): <font color='#2f6b3a'>{verdict}</font>" in all_text(panel) \
            or f"BLU (bot): <font color='#b22222'>{verdict}</font>" in all_text(panel)
        app.screenshot("/tmp/client/proposal_sheet.png")
    finally:
        game.close()


def test_many_likely_answers_scroll_in_their_box_and_leave_propose_in_view(pygame_ready):
    # Germany offers non-aggression to six bots: six likely answers, two lines each. They
    # scroll in a box of their own, so Propose stays on the sheet without scrolling it.
    from game.client.panels.proposal_form import WARNINGS_MAX
    from game.maps import load_scenario, resolve_scenario

    scenario = load_scenario(resolve_scenario("europe-1939"))
    seats = {p.id: SeatChoice("bot", "", "loyal") for p in scenario.powers}
    seats["GER"] = SeatChoice("human", "Ada")
    game = HotseatGame.new(scenario, seats, fog=False, seed=3)
    try:
        app, screen = pacts_tab(game, scenario, "GER")
        panel = screen.sidebar.panels[screen.sidebar.current]
        panel.open_form()
        panel.form.draft.kind = "non_aggression"
        panel.form.draft.members = ["GER", "ITA", "SOV", "HUN", "RUM", "POL", "FRA"]
        panel.rebuild()
        run(app, 2)
        text = all_text(panel)
        assert all(f"{name} (bot): " in text for name in ("Italy", "France", "Poland"))
        assert panel.form.propose_button.rect.bottom <= panel.content.rect.bottom
        boxes = [e for e in panel.content.elements if "(bot): " in getattr(e, "html_text", "")]
        assert boxes and boxes[0].rect.height <= WARNINGS_MAX
        app.screenshot("/tmp/client/proposal_sheet_many_answers.png")
    finally:
        game.close()
