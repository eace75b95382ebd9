"""Pact and power actions put the exact orders into the seat's draft."""

from __future__ import annotations

import pytest

from builders import board
from game.client.panels import PactsPanel, PowersPanel
from panels_table import Table

from panels_support import all_text, button

POWERS = {"RED": {"territories": "R", "forces": {"R": 6}, "name": "Redland", "treasury": 10},
          "BLU": {"territories": "B", "forces": {"B": 2}, "name": "Blueland"},
          "GRN": {"territories": "G", "forces": {"G": 3}, "name": "Greenland"}}
PACTS = [{"kind": "offensive", "members": ["RED", "BLU"], "target": "GRN", "name": "Axis"},
         {"kind": "non_aggression", "members": ["RED", "GRN"], "notice": 2}]


def scenario(**red):
    powers = {**POWERS, "RED": {**POWERS["RED"], **red}}
    return board("R B G", ["R-B", "B-G", "R-G"], powers, pacts=PACTS)


@pytest.fixture
def table(pygame_ready):
    return Table(scenario(), ["RED", "BLU"])


def test_invoke_withdraw_and_break_add_their_orders(table):
    pacts = table.open("RED", PactsPanel)
    table.save("RED", "/tmp/panels/orders_pacts.png")
    table.click("RED", button(pacts, "Invoke"))
    table.click("RED", button(pacts, "Withdraw", 1))      # the non-aggression pact, P2
    table.click("RED", button(pacts, "Break", 0))         # the Axis, P1
    alias = table.host.match.aliases.alias     # players know pacts by their aliases
    assert table.seats["RED"].orders == [{"op": "invoke", "pact": alias("P1")},
                                         {"op": "withdraw", "pact": alias("P2")},
                                         {"op": "break", "pact": alias("P1")}]
    assert table.seats["RED"].toasts[0] == "Order added: Invoke Axis."


def test_a_pact_with_a_submitted_order_offers_it_no_more(table):
    axis = table.host.match.aliases.alias("P1")
    table.seats["RED"].conn.send({"type": "orders", "orders": [{"op": "invoke", "pact": axis}]})
    table.pump()
    pacts = table.open("RED", PactsPanel)
    assert not button(pacts, "Invoke").is_enabled
    assert button(pacts, "Break", 0).is_enabled


def test_declare_war_transfer_and_then_offer_peace(table):
    powers = table.open("RED", PowersPanel)
    table.save("RED", "/tmp/panels/orders_powers.png")
    table.click("RED", button(powers, "Declare war", 1))   # Blueland, then Greenland
    entry = powers.amounts["BLU"]
    table.type("RED", entry, "3")
    table.click("RED", button(powers, "Give", 0))
    table.type("RED", powers.amounts["GRN"], "11")          # more than the treasury of 10
    table.click("RED", button(powers, "Give", 1))
    assert table.seats["RED"].orders == [{"op": "declare_war", "target": "GRN"},
                                         {"op": "transfer", "to": "BLU", "amount": 3}]
    assert table.seats["RED"].toasts[-1] == "You have only 10 IP."
    assert entry.get_text() == ""

    # After a turn at war with Greenland, its card offers peace instead.
    red, blu = table.seats["RED"].conn, table.seats["BLU"].conn
    red.send({"type": "orders", "orders": [{"op": "declare_war", "target": "GRN"}]})
    red.send({"type": "ready", "ready": True})
    blu.send({"type": "ready", "ready": True})
    table.pump()
    assert table.seats["RED"].model.turn == 2
    assert "At war with" in all_text(powers)
    table.click("RED", button(powers, "Offer peace"))
    assert table.seats["RED"].orders[-1] == {"op": "offer_peace", "target": "GRN"}


def test_a_power_in_crisis_cannot_invoke_or_declare_war(pygame_ready):
    table = Table(scenario(legitimacy=20), ["RED", "BLU"])
    pacts = table.open("RED", PactsPanel)
    assert not button(pacts, "Invoke").is_enabled
    powers = table.open("RED", PowersPanel)
    assert "in crisis" in all_text(powers)
    assert not button(powers, "Declare war", 0).is_enabled
    table.click("RED", button(powers, "Declare war", 0))
    assert table.seats["RED"].orders == []


def test_spectators_see_the_pacts_but_get_no_buttons(pygame_ready):
    table = Table(scenario(), ["RED"])
    conn = table.host.connect("spectator")
    table.seats["spectator"] = table._seat("spectator", conn)
    pacts = table.open("spectator", PactsPanel)
    text = all_text(pacts)
    assert "Axis" in text and "Propose a pact…" not in text
    assert "Break" not in text and "Invoke" not in text
    powers = table.open("spectator", PowersPanel)
    assert "Declare war" not in all_text(powers)


def test_a_pact_being_left_says_when_and_offers_no_second_withdrawal(table):
    red, blu = table.seats["RED"].conn, table.seats["BLU"].conn
    p2 = table.host.match.aliases.alias("P2")
    red.send({"type": "orders", "orders": [{"op": "withdraw", "pact": p2}]})
    red.send({"type": "ready", "ready": True})
    blu.send({"type": "ready", "ready": True})
    table.pump()
    (pact,) = [p for p in table.seats["RED"].model.view["pacts"] if p["id"] == p2]
    assert pact["withdrawing"] == {"RED": 3}              # notice 2, given on turn 1
    pacts = table.open("RED", PactsPanel)
    leaving = button(pacts, "Leaving on turn 3")
    assert not leaving.is_enabled
    assert "Redland leaves on turn 3." in all_text(pacts)
