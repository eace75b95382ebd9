"""A balancer feeds no rival (docs/BOTS.md, "A balancer feeds no rival"): in a joint attack
that a partner standing above it with the land would capture (RULES.md §3, capture), it
sends enough to capture the land itself when it has them. Constructed positions, ruleset 2
(scores against par)."""

from __future__ import annotations

from builders import board

from game.bots.appraisal import attack_size, outbid_to_spare, rival_bid, to_outbid
from game.bots.board import Board
from game.bots.decide import Seen, board_of, decide
from game.bots.personality import personality
from game.engine import State, adjudicate, initial_state, view

# LDR (first in power order, so it wins a tie on the units sent) and BAL, allies, both
# border the neutral N (garrison 2). Every territory is worth 1: with N, LDR would stand at
# 100 against BAL's 0 when its par is 1 (a rival), at -33 when its par is 3 (no rival).
TERRITORIES = "L B N"
EDGES = ["L-N", "B-N", "L-B"]


def _scene(ldr_par: int = 1, ldr_units: int = 12, bal_units: int = 12) -> State:
    powers = {"LDR": {"territories": "L", "forces": {"L": ldr_units}, "treasury": 0,
                      "legitimacy": 70, "par": ldr_par},
              "BAL": {"territories": "B", "forces": {"B": bal_units}, "treasury": 0,
                      "legitimacy": 70, "par": 1}}
    scenario = board(TERRITORIES, EDGES, powers, neutral={"N": 2}, rules={"ruleset": 2},
                     pacts=[{"kind": "defensive", "members": ["LDR", "BAL"]}])
    return initial_state(scenario, seed=1)


def _seen(state: State, power: str) -> Seen:
    return Seen(power, view(state, power), state.scenario.map, state.scenario.rules,
                state.scenario.power_ids, seed=0,
                pars={p.id: p.par for p in state.scenario.powers})


def _sent(state: State, power: str, kind: str) -> int:
    return sum(o["n"] for o in decide(_seen(state, power), kind).orders
               if o["op"] == "move" and o["to"] == "N")


def test_a_balancer_sends_enough_to_capture_what_its_leading_partner_would_take():
    state = _scene()
    b = board_of(_seen(state, "BAL"))
    ldr, n = b.ids.index("LDR"), b.graph.ids.index("N")
    odds = personality("balancer").attack_odds
    careful = attack_size(b, n, odds, 12)
    # LDR's careful attack on N is BAL's own; LDR wins the tie, so BAL needs one more.
    assert rival_bid(b, n, ldr, odds) == careful
    assert outbid_to_spare(b, n, odds) == to_outbid(b, ldr, careful) == careful + 1
    assert _sent(state, "BAL", "balancer") == careful + 1
    # A bandwagoner (the hawk joins the strong) sends only what taking N alone needs.
    hawk = attack_size(b, n, personality("hawk").attack_odds, 12)
    assert _sent(state, "BAL", "hawk") == hawk <= careful


def test_the_balancer_and_not_its_partner_captures_the_land():
    state = _scene()
    orders = {p: decide(_seen(state, p), kind).orders
              for p, kind in (("LDR", "hawk"), ("BAL", "balancer"))}
    after, _ = adjudicate(state, orders)
    assert after.scenario.power_ids[int(after.owner[after.scenario.map.index["N"]])] == "BAL"
    # The same attack as a bandwagoner's leaves N to LDR, first in power order.
    orders["BAL"] = decide(_seen(state, "BAL"), "hawk").orders
    after, _ = adjudicate(state, orders)
    assert after.scenario.power_ids[int(after.owner[after.scenario.map.index["N"]])] == "LDR"


def _balancer_facing_n(state: State) -> tuple[Board, int, float]:
    """BAL's board, the index of the neutral N, and the balancer's odds."""
    b = board_of(_seen(state, "BAL"))
    return b, b.graph.ids.index("N"), personality("balancer").attack_odds


def test_a_partner_that_would_not_stand_above_it_is_no_rival():
    state = _scene(ldr_par=3)
    b, n, odds = _balancer_facing_n(state)
    assert outbid_to_spare(b, n, odds) == 0
    assert _sent(state, "BAL", "balancer") == attack_size(b, n, odds, 12)


def test_without_the_units_to_outbid_it_attacks_as_it_would_have():
    # BAL's 4 units cannot outbid LDR's careful attack (4, and LDR wins the tie): it sends
    # what taking N alone needs, since LDR may not come, and N is not left to no one.
    state = _scene(bal_units=4)
    b, n, odds = _balancer_facing_n(state)
    assert outbid_to_spare(b, n, odds) == 5
    assert _sent(state, "BAL", "balancer") == attack_size(b, n, odds, 4) > 0
