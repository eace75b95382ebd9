"""The client's ruleset-2 pieces (RULES.md §11): the standing answer to a call to arms in
the Pacts tab, upkeep in the treasury line, public force totals in the Powers tab, and the
score against par in the top bar, by the engine's own arithmetic."""

from __future__ import annotations

import pygame
import pytest

from builders import board
from game.client.panels import PactsPanel, PowersPanel
from panels_table import Table

from panels_support import all_text, button, widget_texts

POWERS = {"RED": {"territories": "R", "forces": {"R": 6}, "name": "Redland", "treasury": 10},
          "BLU": {"territories": "B", "forces": {"B": 2}, "name": "Blueland"},
          "GRN": {"territories": "G", "forces": {"G": 3}, "name": "Greenland"}}
PACTS = [{"kind": "defensive", "members": ["RED", "BLU"], "name": "Entente"},
         {"kind": "non_aggression", "members": ["RED", "GRN"], "notice": 2}]


def scenario(ruleset: int = 2, **rules):
    return board("R B G", ["R-B", "B-G", "R-G"], POWERS, pacts=PACTS,
                 rules={"ruleset": ruleset, **rules})


@pytest.fixture
def table(pygame_ready):
    return Table(scenario(decline_cost=7), ["RED", "BLU"])


def test_decline_writes_the_order_and_honour_takes_it_out(table):
    pacts = table.open("RED", PactsPanel)
    table.save("RED", "/tmp/panels/ruleset2_pacts.png")
    text = all_text(pacts)
    assert "If called to arms under this pact this turn" in text
    assert "costs 7 legitimacy" in text              # the match's decline_cost, not a default
    assert not button(pacts, "Honour").is_enabled    # honouring is the standing answer
    table.click("RED", button(pacts, "Decline"))
    entente = table.host.match.aliases.alias("P1")
    assert table.seats["RED"].orders == [{"op": "decline", "pact": entente}]

    # Once the draft holds the decline, Honour is the choice on offer and takes it out.
    table.seats["RED"].conn.send({"type": "orders",
                                  "orders": [{"op": "decline", "pact": entente}]})
    table.pump()
    assert "You will decline" in all_text(pacts)
    assert not button(pacts, "Decline").is_enabled
    table.click("RED", button(pacts, "Honour"))
    assert table.seats["RED"].removed == [{"op": "decline", "pact": entente}]
    assert table.seats["RED"].orders == []


def test_only_defensive_and_offensive_pacts_of_ruleset_2_ask(pygame_ready):
    two = Table(scenario(), ["RED", "BLU"])
    assert widget_texts(two.open("RED", PactsPanel)).count("Decline") == 1   # not the NAP
    one = Table(scenario(ruleset=1), ["RED", "BLU"])
    assert "Decline" not in widget_texts(one.open("RED", PactsPanel))


def test_powers_shows_public_totals_and_the_treasury_net_of_upkeep_in_ruleset_2(pygame_ready):
    two = Table(scenario(upkeep=0.5), ["RED", "BLU"], fog=True)
    powers = two.open("RED", PowersPanel)
    two.save("RED", "/tmp/panels/ruleset2_powers.png")
    text = all_text(powers)
    # Every power's total, even Greenland's under fog: RED 6, BLU 2, GRN 3.
    assert text.count("Forces in all") == 3
    for n in (6, 2, 3):
        assert f"Forces in all <b>{n}</b> units" in text
    # RED owns R (value 1) and keeps 6 units at 0.5 IP each: +1 income − 3 upkeep = −2.
    assert "Next turn: +1 income \u2212 3 upkeep = -2 IP a turn" in text
    one = Table(scenario(ruleset=1), ["RED", "BLU"])
    text = all_text(one.open("RED", PowersPanel))
    assert "Forces in all" not in text and "upkeep" not in text


def tutorial_screen(power_index: int = 0):
    """The tutorial (ruleset 2) game screen of one seat, at 1280x720, after two frames."""
    from game.client.app import App
    from game.client.hotseat import HotseatGame, SeatChoice
    from game.client.screens.game import GameScreen
    from game.maps import load_scenario

    scenario = load_scenario("tutorial")
    seats = {p.id: SeatChoice("human", p.id) for p in scenario.powers}
    game = HotseatGame.new(scenario, seats, fog=False, seed=1)
    power = scenario.powers[power_index].id
    app = App((1280, 720))
    screen = GameScreen(app, game.conns[power], game.models[power], map_doc=scenario.map_doc,
                        rules=scenario.rules, draft=game.draft(power), on_done=lambda: None)
    app.replace(screen)
    app.run(frames=2)
    return game, app, screen, power


def test_the_top_bar_shows_the_engines_score_against_par_and_the_net(pygame_ready):
    from game.engine.endturn import scores

    game, app, screen, power = tutorial_screen()
    try:
        state = game.match.state
        assert state.scenario.rules.ruleset == 2
        engine = scores(state)[power]
        facts = screen.top_bar._facts(screen.model)
        assert f"score {engine:+g} vs par" in facts
        # The net a turn: owned value less round(upkeep × units), counted here by hand.
        p = state.scenario.power_index[power]
        units = int(state.forces[:, p].sum())
        upkeep = int(units * state.scenario.rules.upkeep + 0.5)
        net = state.owned_value(p) - upkeep
        assert f"{state.powers[p].treasury} IP ({net:+d} a turn)" in facts
        tip = screen.top_bar.tooltip(screen.top_bar.facts_box.center, screen.model)
        assert f"{upkeep} upkeep" in tip and f"{engine:+g}" in tip
    finally:
        game.close()


def test_the_chip_tooltip_is_drawn_over_the_game_screen(pygame_ready):
    game, app, screen, power = tutorial_screen()
    try:
        other, box = next((p, b) for p, b in screen.top_bar.flags.items() if p != power)
        assert screen.top_bar.tooltip(box.center, screen.model) == \
            f"{screen.model.power_name(other)}: still planning"
        surface = pygame.display.get_surface()
        app.mouse = (0, 0)
        screen.draw(surface)
        screen.draw_over(surface)
        # The card hangs below the chip (turned leftwards near the window's edge).
        below = pygame.Rect(box.right - 240, screen.layout.top.bottom + 4, 240, 60)
        plain = surface.subsurface(below).copy()
        app.mouse = box.center
        screen.draw(surface)
        screen.draw_over(surface)
        pygame.image.save(surface, "/tmp/panels/ruleset2_chip_tip.png")
        tipped = surface.subsurface(below).copy()
        assert pygame.image.tobytes(plain, "RGB") != pygame.image.tobytes(tipped, "RGB")
    finally:
        game.close()


def test_a_declined_call_and_upkeep_read_as_words_in_the_turn_report(pygame_ready):
    from game.client.panels import ReportPanel

    three = Table(scenario(), ["RED", "BLU", "GRN"])
    entente = three.host.match.aliases.alias("P1")
    sends = {"RED": [],
             "BLU": [{"op": "decline", "pact": entente}],      # BLU will not defend RED
             "GRN": [{"op": "declare_war", "target": "RED"}]}
    for power, orders in sends.items():
        three.seats[power].conn.send({"type": "orders", "orders": orders})
    for power in sends:
        three.seats[power].conn.send({"type": "ready", "ready": True})
    three.pump()
    report = three.seats["RED"].model.report
    kinds = {e["type"] for e in report["events"]}
    assert {"called_to_war", "declined", "upkeep"} <= kinds
    call = next(e for e in report["events"] if e["type"] == "called_to_war")
    assert call["answer"] == "declined"
    panel = three.open("RED", ReportPanel)
    three.save("RED", "/tmp/panels/ruleset2_report.png")
    text = all_text(panel)
    assert "Blueland was called to arms against Greenland under the Entente, and declined." in text
    assert "Blueland stayed out of the war against Greenland: a breach of the Entente" in text
    red_units = 6
    assert f"Redland paid 2 IP in upkeep for {red_units} units." in text   # round(0.25 × 6)


def test_the_ruleset_2_sentences():
    from game.words.narrate import Names, headline, narrate

    names = Names(powers={"RED": "Redland", "BLU": "Blueland"},
                  pacts={"P_1": {"id": "P_1", "kind": "defensive", "name": "Entente"}})
    assert narrate({"type": "out_of_reach", "power": "BLU", "pact": "P_1", "against": "RED"},
                   names) == ("Blueland owed the Entente nothing against Redland: none of its "
                              "units were within reach.")
    assert narrate({"type": "upkeep", "power": "RED", "units": 9, "cost": 2, "paid": 1},
                   names) == "Redland paid 1 IP of the 2 IP due in upkeep for 9 units."
    assert narrate({"type": "disbanded", "power": "RED", "territory": "R", "n": 1,
                    "reason": "upkeep"}, names).endswith("disbanded for want of upkeep.")
    declined = {"type": "called_to_war", "power": "BLU", "against": "RED", "pact": "P_1",
                "cause": "trigger", "kept": False, "answer": "declined"}
    assert headline(declined, names) == "Blueland declines the call"


def test_the_over_screen_shows_the_engines_scores_against_par(pygame_ready):
    from game.client.app import App
    from game.client.screens.over import OverScreen
    from game.engine.endturn import scores, scores_against_par

    game, app, screen, power = tutorial_screen()
    try:
        state = game.match.state
        final = scores(state)
        assert final == scores_against_par(state)          # ruleset 2 scores against par
        winner = {"kind": "turn_limit", "powers": [power], "scores": final}
        powers = game.public.powers
        assert [p["par"] for p in powers] == [p.par for p in state.scenario.powers]
        over = OverScreen(app, winner=winner, powers=powers, players={power: "Ada"},
                          on_menu=lambda: None, title="Tutorial: the end")
        assert over.against_par
        assert [over.score_words(p["id"]) for p in powers] == \
            [f"{final[p['id']]:+g}" for p in powers]
        app.replace(over)
        app.run(frames=2)
        pygame.image.save(pygame.display.get_surface(), "/tmp/panels/ruleset2_over.png")
    finally:
        game.close()
    # In ruleset 1 nothing about par is sent, and the score is shown as the engine gave it.
    plain = OverScreen(app, winner={"kind": "solo", "powers": ["RED"], "scores": {"RED": 42.2}},
                       powers=[{"id": "RED", "name": "Redland"}], players={},
                       on_menu=lambda: None)
    assert not plain.against_par and plain.score_words("RED") == "42.2"


def test_the_game_screen_gives_its_panels_the_rules_and_takes_a_decline_back(pygame_ready):
    from game.client.panels import PactsPanel as Pacts
    from game.client.orders_ui import order_label

    game, app, screen, power = tutorial_screen()
    try:
        assert screen.ctx.rules.ruleset == 2 and screen.ctx.values == screen.facts.value
        pacts = next(p for p in screen.sidebar.panels if isinstance(p, Pacts))
        entente = next(p for p in screen.model.view["pacts"]
                       if power in p["members"] and p["kind"] == "defensive")
        pacts._answer(entente, decline=True)
        order = {"op": "decline", "pact": entente["id"]}
        assert screen.draft.orders == [order]
        assert order_label(order, screen.facts, screen.names.power, screen.names.pact) == \
            f"Decline a call under {screen.names.pact(entente['id'])}"
        pacts._answer(entente, decline=False)
        assert screen.draft.orders == []
    finally:
        game.close()
