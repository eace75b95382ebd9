"""Edits of the world and injects from the console: territories picked on the map, each
edit with a rationale, the state changed exactly, and the players told what they may see."""

from __future__ import annotations

import pytest

from game.engine.view import view
from client_helpers import click
from console_support import (SHOTS, choose, drain, of_type, open_console, panel,
                                  shown_text,
                                  press_label, workshop, write)

pytestmark = pytest.mark.usefixtures("pygame_ready")


def forces(host, tid: str) -> dict:
    return view(host.match.state, "umpire")["territories"][tid]["forces"]


def test_units_moved_by_clicking_the_map_change_exactly_those_territories():
    host, conns = workshop()
    drain(conns["RED"])
    app, screen = open_console(host, tab="World")
    world = panel(screen, "World")
    before = view(host.match.state, "umpire")
    choose(app, world, "power", "RED")
    click(app, screen.map.anchor("ALB"))
    click(app, screen.map.anchor("DUN"))
    world = panel(screen, "World")
    assert world.texts["from"] == "ALB" and world.texts["to"] == "DUN"
    assert screen.marked() == ["ALB", "DUN"]
    write(app, world, "n", "4")
    write(app, world, "rationale", "Reinforcements arrive by sea.")
    app.screenshot(f"{SHOTS}/world_move.png")
    press_label(app, world, "Apply the edit")
    after = view(host.match.state, "umpire")
    assert after["territories"]["ALB"]["forces"]["RED"] == \
        before["territories"]["ALB"]["forces"]["RED"] - 4
    assert after["territories"]["DUN"]["forces"].get("RED", 0) == \
        before["territories"]["DUN"]["forces"].get("RED", 0) + 4
    changed = {t for t in after["territories"]
               if after["territories"][t] != before["territories"][t]}
    assert changed == {"ALB", "DUN"} and after["powers"] == before["powers"]
    assert host.match.log[-1]["type"] == "world_edited"
    assert screen.marked() == []                   # the form is cleared, the map too
    assert host.match.log[-1]["rationale"] == "Reinforcements arrive by sea."
    pushes = drain(conns["RED"])
    assert of_type(pushes, "view")[0]["cause"] == "edit"
    assert not of_type(pushes, "world_edited")            # the rationale is the umpire's
    assert screen.model.view["territories"]["DUN"]["forces"]["RED"] == 4
    assert screen.feed.edits[-1]["rationale"] == "Reinforcements arrive by sea."


def test_a_refused_edit_says_why_and_changes_nothing():
    host, conns = workshop()
    app, screen = open_console(host, tab="World")
    world = panel(screen, "World")
    before = host.match.state.hash()
    choose(app, world, "kind", "remove_units")
    world = panel(screen, "World")
    choose(app, world, "power_or_neutral", "RED")
    write(app, world, "territory", "BOR")
    write(app, world, "n", "99")
    write(app, world, "rationale", "Too many.")
    press_label(app, world, "Apply the edit")
    assert host.match.state.hash() == before
    assert any("Refused" in t and "fewer than 99" in t for t, _ in screen.toasts)


def test_legitimacy_and_treasury_are_set_to_exactly_the_value():
    host, conns = workshop()
    app, screen = open_console(host, tab="World")
    world = panel(screen, "World")
    choose(app, world, "kind", "set_legitimacy")
    world = panel(screen, "World")
    choose(app, world, "power", "GRN")
    write(app, world, "value", "41")
    write(app, world, "rationale", "A scandal in the capital.")
    press_label(app, world, "Apply the edit")
    assert host.match.state.power("GRN").legitimacy == 41
    assert host.match.state.power("RED").legitimacy == 70


def test_an_economic_crisis_costs_its_target_exactly_and_only_it_is_told():
    host, conns = workshop()
    drain(conns["RED"]), drain(conns["GRN"])
    app, screen = open_console(host, tab="Injects")
    injects = panel(screen, "Injects")
    choose(app, injects, "kind", "economic_crisis")
    injects = panel(screen, "Injects")
    choose(app, injects, "targets", "RED")       # a power instead of everyone
    assert injects.chosen("targets") == ["RED"]
    write(app, injects, "title", "Bank run")
    write(app, injects, "text", "The Bank of Redland closes its doors.")
    write(app, injects, "amount", "3")
    app.screenshot(f"{SHOTS}/inject_form.png")
    press_label(app, injects, "Fire the inject")
    assert host.match.state.power("RED").treasury == 2
    assert host.match.state.power("GRN").treasury == 5
    told = of_type(drain(conns["RED"]), "inject")
    assert [(m["kind"], m["targets"], m["amount"], m["title"]) for m in told] == [
        ("economic_crisis", ["RED"], 3, "Bank run")]
    assert not of_type(drain(conns["GRN"]), "inject")
    assert screen.feed.injects[-1]["title"] == "Bank run"


def test_an_inject_form_missing_what_its_kind_needs_sends_nothing():
    host, conns = workshop()
    app, screen = open_console(host, tab="Injects")
    injects = panel(screen, "Injects")
    choose(app, injects, "kind", "scandal")
    injects = panel(screen, "Injects")
    write(app, injects, "amount", "")        # the form proposes 3: the umpire erased it
    events = len(host.match.log)
    press_label(app, injects, "Fire the inject")
    assert len(host.match.log) == events
    assert any("legitimacy is lost" in t for t, _ in screen.toasts)


def test_a_pact_is_ended_by_choosing_it_and_the_players_see_it_end():
    host, conns = workshop()
    drain(conns["GRN"])
    app, screen = open_console(host, tab="World")
    world = panel(screen, "World")
    choose(app, world, "kind", "end_pact")
    world = panel(screen, "World")
    assert set(world.groups["pact"].buttons) == {"P1", "P2"}
    choose(app, world, "pact", "P1")
    write(app, world, "rationale", "The Entente lapses for the exercise.")
    press_label(app, world, "Apply the edit")
    assert host.match.state.pact("P1").status == "ended"
    assert host.match.state.pact("P2").status == "active"
    seen = of_type(drain(conns["GRN"]), "view")[0]["view"]
    ended = host.match.aliases.alias("P1")     # players know the pact by its alias
    assert [p["status"] for p in seen["pacts"] if p["id"] == ended] == ["ended"]
    world = panel(screen, "World")
    assert set(world.groups["pact"].buttons) == {"P2"}     # only active pacts to choose


def test_a_hidden_form_ignores_map_clicks_meant_for_the_shown_one():
    host, conns = workshop()
    app, screen = open_console(host, tab="Injects")
    injects = panel(screen, "Injects")
    choose(app, injects, "kind", "border_incident")
    click(app, screen.map.anchor("DUN"))
    injects = panel(screen, "Injects")
    assert injects.texts["territory"] == "DUN"
    world = screen.sidebar.panels[screen.sidebar.titles.index("World")]
    app.run(frames=2)
    assert "from" not in world.texts and "territory" not in world.texts


def test_the_scenarios_scripted_injects_are_listed_and_announced_when_they_fire(tmp_path):
    import shutil

    from game.client.workshop import WorkshopHost
    from game.maps import load_scenario
    from game.match import MatchSettings
    from console_support import FakeClock
    maps = tmp_path / "maps"
    maps.mkdir()
    from game.data import MAPS_DIR
    shutil.copy(MAPS_DIR / "tutorial.map.json", maps)
    text = (MAPS_DIR / "tutorial.scenario.toml").read_text(encoding="utf-8")
    (maps / "drill.scenario.toml").write_text(text + '''
[[injects]]
turn = 2
kind = "scandal"
targets = ["GRN"]
amount = 5
title = "Bribes at the port"
text = "Greenmark's harbour master is arrested."
''', encoding="utf-8")
    scenario = load_scenario(maps / "drill.scenario.toml")
    host = WorkshopHost.new(scenario, MatchSettings(seed=7, fog=False, seats={
        "BLU": "empty", "YEL": "empty"}), clock=FakeClock())
    red, grn = host.join("RED", "Ada"), host.join("GRN", "Gus")
    app, screen = open_console(host, tab="Injects")
    injects = panel(screen, "Injects")
    assert "Turn 2: <b>scandal</b> Bribes at the port" in shown_text(injects)
    red.send({"type": "ready", "ready": True})
    grn.send({"type": "ready", "ready": True})
    app.run(frames=3)
    assert host.match.state.power("GRN").legitimacy == 70 + 2 - 5    # peace, then the scandal
    assert any("Scripted inject: Bribes at the port" in t for t, _ in screen.toasts)
    assert screen.feed.injects[-1]["source"] == "scenario"


def test_the_form_keeps_taking_map_clicks_however_many_came_before():
    host, conns = workshop()
    app, screen = open_console(host, tab="World")
    for _ in range(6):
        click(app, screen.map.anchor("BOR"))
        click(app, screen.map.anchor("FEN"))
    click(app, screen.map.anchor("ALB"))
    world = panel(screen, "World")
    assert (world.texts["from"], world.texts.get("to")) == ("ALB", None)
