"""attack_odds: the odds a seat can know, built on the strength rule movement fights with."""

from __future__ import annotations

import pytest

from builders import events, move, start
from game.engine import adjudicate
from game.engine.combat import odds
from game.engine.foresight import ATTACK, NEEDS_WAR, REINFORCE, attack_odds
from game.engine.view import view

# RED (R) and GRN (G) are partners; both border BLU's B (hills); R~B is a sea crossing.
POWERS = {"RED": {"territories": "R", "forces": {"R": 9}},
          "BLU": {"territories": "B C", "forces": {"B": 8, "C": 2}},
          "GRN": {"territories": "G", "forces": {"G": 6}}}


def scene(*, integrated=False, wars=True, target=None):
    pact = {"kind": "offensive" if target else "defensive", "members": ["RED", "GRN"],
            "integrated_command": integrated}
    if target:
        pact["target"] = target
    s = start(["R", {"id": "B", "terrain": "hills", "capital_of": "BLU"}, "C", "G"], ["R~B", "B-C", "B-G", "R-G"],
              POWERS, pacts=[pact])
    if wars:
        doc = s.to_json()
        doc["wars"] = [{"between": ["RED", "BLU"], "aggressor": "RED"},
                       {"between": ["GRN", "BLU"], "aggressor": "GRN"}]
        from game.engine import state_from_json
        s = state_from_json(doc, s.scenario)
    return s


def seen(s, power, orders, to, allied_orders=None):
    graph = s.scenario.map
    terr = graph.territories[graph.index[to]]
    capital = s.scenario.capital_power[graph.index[to]]
    return attack_odds(s.scenario.rules, view(s, power), power, orders, to,
                       terrain=terr.terrain,
                       capital_of=s.scenario.powers[capital].id if capital >= 0 else None,
                       sea=lambda a, b: bool(graph.sea[(graph.index[a], graph.index[b])]),
                       allied_orders=allied_orders)


def test_allied_moves_join_the_attack_with_coalition_friction_as_odds_computes_by_hand():
    s = scene()
    rules = s.scenario.rules
    mine = [move("R", "B", 9)]
    result = seen(s, "RED", mine, "B", {"GRN": [move("G", "B", 6)]})
    assert result.kind == ATTACK and result.allied == {"GRN": 6} and result.attackers == 15
    # By hand: 9 by sea (x amphibious) + 6 by land, two powers: coalition friction; the
    # defenders 8 in hills, in BLU's capital.
    a = (9 * rules.amphibious + 6) * rules.coalition_friction
    d = 8 * rules.terrain("hills") * rules.capital_defense
    expected = odds(rules, 15, 8, attack_factor=a / 15, defence_factor=d / 8)
    assert result.odds == expected
    alone = seen(s, "RED", mine, "B")
    assert alone.odds.attack_strength == 9 * rules.amphibious < result.odds.attack_strength


def test_integrated_command_drops_the_friction():
    s = scene(integrated=True)
    rules = s.scenario.rules
    result = seen(s, "RED", [move("R", "B", 9)], "B", {"GRN": [move("G", "B", 6)]})
    assert result.odds.attack_strength == pytest.approx(9 * rules.amphibious + 6)


def test_the_odds_strength_is_the_strength_adjudication_fights_with():
    for integrated in (False, True):
        s = scene(integrated=integrated)
        orders = {"RED": [move("R", "B", 9)], "GRN": [move("G", "B", 6)]}
        result = seen(s, "RED", orders["RED"], "B", {"GRN": orders["GRN"]})
        _, report = adjudicate(s, orders)
        (battle,) = [b for b in events(report, "battle") if b["territory"] == "B"]
        assert battle["attack"] == round(result.odds.attack_strength, 4)
        assert battle["defence"] == round(result.odds.defence_strength, 4)


def test_a_declaration_or_an_invocation_in_the_same_orders_makes_the_war():
    s = scene(wars=False, target="BLU")
    attack = [move("R", "B", 9)]
    assert seen(s, "RED", attack, "B").kind == NEEDS_WAR
    declared = seen(s, "RED", [{"op": "declare_war", "target": "BLU"}, *attack], "B")
    assert declared.kind == ATTACK and declared.odds is not None
    pact_id = s.to_json()["pacts"][0]["id"]
    invoked = seen(s, "RED", [{"op": "invoke", "pact": pact_id}, *attack], "B")
    assert invoked.kind == ATTACK
    # The partner's invocation, shared, brings RED in too (every member goes to war).
    by_partner = seen(s, "RED", attack, "B", {"GRN": [{"op": "invoke", "pact": pact_id},
                                                      move("G", "B", 6)]})
    assert by_partner.kind == ATTACK and by_partner.allied == {"GRN": 6}


def test_partners_only_and_friends_land_is_a_reinforcement():
    s = scene()
    # BLU is no partner of RED: its orders are not counted even if handed in.
    result = seen(s, "RED", [move("R", "B", 9)], "B", {"BLU": [move("C", "B", 2)]})
    assert result.allied == {}
    assert seen(s, "RED", [move("R", "G", 3)], "G").kind == REINFORCE
