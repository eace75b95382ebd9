"""What a seat may not see never appears: fogged counts are "?", and a secret pact shows
nowhere, in no panel, for a power outside it (RULES.md §7)."""

from __future__ import annotations

import pytest

from game.client.panels import SIDEBAR_PANELS, PactsPanel, PowersPanel
from panels_table import europe_table, play_a_turn
from game.client.panels.powers import units_of

from panels_support import all_text

SECRET_WORDS = ("Molotov", "Ribbentrop", "P4")


@pytest.fixture(scope="module")
def table(pygame_ready):
    table = europe_table()
    play_a_turn(table)
    return table


def card(text: str, name: str) -> list[str]:
    """The lines of a power's card in the powers panel (one text box each)."""
    for box in text.split("\n"):
        lines = box.split("<br>")
        if f"<b>{name}</b>" in lines[0] and len(lines) > 1 and "Territories" in lines[1]:
            return lines
    raise AssertionError(f"no card for {name}")


def card_line(text: str, name: str) -> str:
    """The line after a power's name: its territories, units and treasury."""
    return card(text, name)[1]


def test_fog_hides_other_powers_units_and_treasuries_as_question_marks(table):
    powers = table.open("FRA", PowersPanel)
    table.save("FRA", "/tmp/panels/privacy_powers_fog.png")
    text = all_text(powers)
    view = table.seats["FRA"].model.view
    assert view["fog"] is True and view["powers"]["GER"]["treasury"] is None
    # Germany's units are hidden; its total is public in ruleset 2, on the next line.
    assert card_line(text, "Germany") == "Territories <b>12</b> · Treasury <b>?</b>"
    assert card(text, "Germany")[2].startswith("Forces in all <b>")
    own_units = units_of(view, "FRA")
    assert own_units == sum(t["forces"].get("FRA", 0) for t in view["territories"].values()
                            if t["forces"] is not None) and own_units > 0
    treasury = view["powers"]["FRA"]["treasury"]
    assert card_line(text, "France") == (f"Territories <b>13</b> · Units <b>{own_units}</b> · "
                                         f"Treasury <b>{treasury}</b> IP")


def test_a_secret_pact_is_shown_to_its_members(table):
    pacts = table.open("GER", PactsPanel)
    text = all_text(pacts)
    assert "Molotov–Ribbentrop Pact" in text and "SECRET" in text
    assert "only members know" in text
    assert "Molotov" in all_text(table.open("GER", PowersPanel))


@pytest.mark.parametrize("power", ["FRA", "GBR", "POL"])
def test_a_secret_pact_appears_in_no_panel_of_a_non_member(table, power):
    seat = table.seats[power]
    assert all(p["id"] != "P4" for p in seat.model.view["pacts"])
    assert "P4" not in seat.ctx.names.pacts
    for cls in SIDEBAR_PANELS:
        text = all_text(table.open(power, cls))
        for word in SECRET_WORDS:
            assert word not in text, (cls.__name__, word)
    # Nothing derived from it either: Germany and the Soviet Union look unbound to each other.
    powers_text = all_text(table.open(power, PowersPanel))
    assert card(powers_text, "Germany")[-1] == "Pacts: Pact of Steel"
    assert not [line for line in card(powers_text, "Soviet Union") if "Pacts" in line]
