"""The scripted match every debrief test reads, and checks that the script plays as told.

Four powers on a small board, sigma 0 so every battle is exact:

    turn 1  BLU and GRN sign the Shield (defensive, GRN pledges 8 units, notice 0);
            RED proposes non-aggression to YEL, who declines; chat in public and private.
    turn 2  RED and YEL sign the Spear (offensive against BLU). RED declares war on BLU and
            takes its capital B: the Shield triggers and GRN is called to war; GRN falls
            short of its pledge. YEL gives no orders and the deadline ends the turn.
    turn 3  RED invokes the Spear, drawing YEL into war with BLU (entrapment); GRN
            withdraws from the Shield while it is engaged (abandonment).
"""

from __future__ import annotations


from builders import board

from game.engine import Scenario
from game.match import Match, MatchSettings

T0 = 1_700_000_000.0   # a Unix time, as the server would write


def scripted_scenario() -> Scenario:
    return board(
        [{"id": "R", "value": 3, "capital_of": "RED"}, {"id": "S", "value": 1},
         {"id": "B", "value": 3, "capital_of": "BLU"}, {"id": "C", "value": 1},
         {"id": "G", "value": 3, "capital_of": "GRN"}, {"id": "Y", "value": 2,
                                                          "capital_of": "YEL"}],
        ["R-B", "R-S", "S-G", "B-C", "C-G", "G-Y", "C-Y"],
        {"RED": {"territories": "R S", "forces": {"R": 12, "S": 4}, "treasury": 5,
                 "name": "Redland", "color": "#c0392b"},
         "BLU": {"territories": "B C", "forces": {"B": 3, "C": 2}, "treasury": 5,
                 "name": "Bluria", "color": "#2e86c1"},
         "GRN": {"territories": "G", "forces": {"G": 6}, "treasury": 5,
                 "name": "Greenmark", "color": "#27ae60"},
         "YEL": {"territories": "Y", "forces": {"Y": 4}, "treasury": 5,
                 "name": "Yellowvale", "color": "#d4ac0d"}},
        rules={"victory_share": 0.9, "fog": True}, max_turns=6)


SHIELD = {"kind": "defensive", "members": ["BLU", "GRN"], "name": "Shield",
          "pledges": {"GRN": 8}, "notice": 0}
SPEAR = {"kind": "offensive", "members": ["RED", "YEL"], "target": "BLU", "name": "Spear"}


def scripted_match() -> Match:
    """The match of this module's docstring, played through the Match's own commands."""
    m, _ = Match.create(scripted_scenario(), match_id="script", now=T0,
                        settings=MatchSettings(name="Scripted", seed=3, deadline=600))
    for i, p in enumerate(m.powers):
        m.join(p, T0 + 1 + i, name=p.lower())
    # Turn 1.
    m.send_chat("RED", "public", "Peace in our time.", T0 + 10)
    m.send_chat("BLU", ["BLU", "GRN"], "Shall we stand together?", T0 + 20)
    m.send_chat("GRN", ["BLU", "GRN"], "Yes.", T0 + 50)
    m.send_chat("BLU", ["BLU", "GRN"], "Good.", T0 + 55)
    shield = m.propose("BLU", SHIELD, T0 + 60).reply["proposal"]
    m.accept("GRN", shield, T0 + 90)                                  # answered in 30 s
    nap = m.propose("RED", {"kind": "non_aggression", "members": ["RED", "YEL"]},
                    T0 + 100).reply["proposal"]
    m.decline("YEL", nap, T0 + 220)                                   # answered in 120 s
    for p in m.powers:
        m.set_ready(p, True, T0 + 300)
    # Turn 2.
    t2 = T0 + 300
    m.send_chat("RED", ["RED", "YEL"], "Bluria is weak.", t2 + 10)
    spear = m.propose("RED", SPEAR, t2 + 20).reply["proposal"]
    m.accept("YEL", spear, t2 + 80)                                   # answered in 60 s
    m.submit_orders("RED", [{"op": "declare_war", "target": "BLU"},
                            {"op": "move", "from": "R", "to": "B", "n": 12}], t2 + 100)
    m.submit_orders("BLU", [], t2 + 110)
    m.submit_orders("GRN", [{"op": "move", "from": "G", "to": "C", "n": 2}], t2 + 120)
    for p in ("RED", "BLU", "GRN"):
        m.set_ready(p, True, t2 + 130)
    m.tick(t2 + 700)                                                  # YEL never readied
    # Turn 3.
    t3 = t2 + 700
    # Players name pacts by the aliases their views show (docs/PROTOCOL.md §3).
    m.submit_orders("RED", [{"op": "invoke", "pact": m.aliases.alias("P2")}], t3 + 10)
    m.submit_orders("GRN", [{"op": "withdraw", "pact": m.aliases.alias("P1")}], t3 + 20)
    for p in m.powers:
        m.set_ready(p, True, t3 + 30)
    return m


if __name__ == "__main__":
    import json
    match = scripted_match()
    for k, report in enumerate(match.reports):
        print("TURN", k + 1)
        for e in report["events"]:
            print(" ", json.dumps(e))
        print("  rejected", report.get("rejected"))
    print(json.dumps(match.state.to_json()["powers"]))
