"""The turn report in words (game/words/narrate.py): exact sentences for the events players
care about most. Pure text, no pygame."""

from __future__ import annotations

from game.words.narrate import Names, headline, narrate, narrate_report
from game.render.sample import sample_turn
from game.engine.view import view

NAMES = Names(
    powers={"FRA": "France", "GER": "Germany", "POL": "Poland", "ITA": "Italy", "GBR": "Britain"},
    territories={"WAR": "Warsaw", "BER": "Berlin", "DAN": "Danzig", "PRU": "East Prussia"},
    pacts={"P1": {"id": "P1", "kind": "defensive", "members": ["FRA", "POL"]},
           "P2": {"id": "P2", "kind": "offensive", "members": ["GER", "ITA"], "target": "POL",
                  "name": "Pact of Steel"}},
)


def test_a_defensive_call_to_war_names_the_ally_and_the_enemy():
    event = {"type": "called_to_war", "power": "FRA", "against": "GER", "pact": "P1",
             "cause": "trigger", "kept": True, "already_at_war": False, "ally": "POL",
             "kind": "defensive"}
    assert narrate(event, NAMES) == (
        "France honoured the defensive pact with Poland and entered the war against Germany.")


def test_a_member_called_by_an_invocation_is_entrapped():
    event = {"type": "called_to_war", "power": "ITA", "against": "POL", "pact": "P2",
             "cause": "invocation", "kept": True, "already_at_war": False, "ally": None,
             "kind": "offensive", "name": "Pact of Steel"}
    assert narrate(event, NAMES) == "Italy was drawn by the Pact of Steel into war against Poland."
    assert headline(event, NAMES) == "Italy entrapped"


def test_war_declared_pact_invoked_and_triggered():
    assert narrate({"type": "war_declared", "power": "GER", "target": "POL",
                    "cause": "declaration", "aggressor": "GER", "pact": None}, NAMES) == \
        "Germany declared war on Poland."
    assert narrate({"type": "pact_invoked", "pact": "P2", "power": "GER", "target": "POL",
                    "members": ["GER", "ITA"], "kind": "offensive"}, NAMES) == \
        "Germany invoked the Pact of Steel against Poland."
    assert narrate({"type": "pact_triggered", "pact": "P1", "attacked": "POL", "by": "GER",
                    "members": ["FRA", "POL"], "kind": "defensive"}, NAMES) == \
        "Germany's attack on Poland triggered the defensive pact France–Poland."


def test_battles_capture_retreat_and_destruction():
    battle = {"type": "battle", "kind": "territory", "territory": "WAR",
              "attackers": {"GER": 12}, "defenders": {"POL": 8},
              "attackers_after": {"GER": 9}, "defenders_after": {"POL": 4},
              "winner": "attackers"}
    assert narrate(battle, NAMES) == \
        "Battle of Warsaw: Germany (12) defeated Poland (8); 9 and 4 units remain."
    held = {**battle, "winner": "defenders", "attackers_after": {"GER": 6}}
    assert narrate(held, NAMES) == \
        "Battle of Warsaw: Poland (8) held off Germany (12); 4 and 6 units remain."
    assert narrate({"type": "captured", "territory": "WAR", "power": "GER", "from": "POL"},
                   NAMES) == "Germany captured Warsaw from Poland."
    assert narrate({"type": "captured", "territory": "DAN", "power": "GER", "from": None},
                   NAMES) == "Germany took neutral Danzig."
    assert narrate({"type": "retreated", "power": "POL", "from": "WAR", "to": "PRU", "n": 4},
                   NAMES) == "Poland's 4 units retreated from Warsaw to East Prussia."
    assert narrate({"type": "destroyed", "power": "POL", "territory": "WAR", "n": 1,
                    "reason": "no_retreat"}, NAMES) == \
        "Poland's 1 unit in Warsaw was destroyed with nowhere to retreat."


def test_shortfalls_and_breaches():
    assert narrate({"type": "shortfall", "pact": "P1", "power": "FRA", "against": "GER",
                    "committed": 3, "required": 6.4, "kind": "defensive"}, NAMES) == (
        "France fell short of its commitment to the defensive pact France–Poland against Germany: "
        "3 units committed, 6.4 required.")
    assert narrate({"type": "pact_broken", "pact": "P1", "power": "FRA", "reason": "separate_peace",
                    "enemy": "GER", "kind": "defensive"}, NAMES) == \
        "France made a separate peace with Germany, breaking the defensive pact France–Poland."
    assert narrate({"type": "pact_broken", "pact": "P1", "power": "FRA", "reason": "break",
                    "kind": "defensive"}, NAMES) == "France broke the defensive pact France–Poland."


def test_moves_by_sea_and_peace():
    assert narrate({"type": "moved", "power": "GBR", "from": "BER", "to": "DAN", "n": 5,
                    "sea": True}, NAMES) == "Britain moved 5 units from Berlin to Danzig by sea."
    assert narrate({"type": "peace", "between": ["FRA", "GER"], "pact": None}, NAMES) == \
        "France and Germany made peace."


def test_every_event_of_a_real_turn_gets_a_sentence_from_the_engine_report():
    scenario, before, after, report = sample_turn()
    names = Names.from_scenario(scenario, view(before, "spectator"), view(after, "spectator"))
    sentences = narrate_report(report, names)
    assert len(sentences) == len([e for e in report["events"]
                                  if e["type"] not in ("legitimacy", "income")])
    assert all(s.endswith(".") and s[0].isupper() for s in sentences)
    assert "Greenmark took neutral Marrow." in sentences
    assert ("Ochreia was drawn by the offensive pact Bluria–Ochreia into war against Redland."
            in sentences)


def test_a_signed_pact_takes_the_right_article():
    names = Names({"RED": "Redland", "BLU": "Bluria", "GRN": "Greenia"}, {})
    offensive = {"type": "pact_signed", "pact": "P1", "kind": "offensive",
                 "members": ["RED", "GRN"], "target": "BLU", "name": "Spear"}
    assert narrate(offensive, names) == ("Redland and Greenia signed the Spear, an offensive "
                                         "pact against Bluria.")
    defensive = {"type": "pact_signed", "pact": "P2", "kind": "defensive",
                 "members": ["RED", "GRN"]}
    assert narrate(defensive, names) == "Redland and Greenia signed a defensive pact."
