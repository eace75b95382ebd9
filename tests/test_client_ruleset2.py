"""The client's ruleset-2 pieces (RULES.md §11): the standing answer to a call to arms in
the Pacts tab, upkeep in the treasury line, public force totals in the Powers tab, and the
score against par in the top bar, by the engine's own arithmetic."""

from __future__ import annotations

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
