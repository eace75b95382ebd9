"""A bot keeps its word in negotiating, whatever its personality (game/bots/conduct.py):
no pact with a power it attacks this turn, no duplicate pact, no repeat of a refused
proposal, and the loner signs nothing but peace. Constructed positions, sigma = 0."""

from __future__ import annotations

from typing import Any

from builders import board
from bot_scenes import position, proposal, seen

from game.bots.conduct import REFUSAL_TURNS
from game.bots.decide import Seen, answers, decide
from game.engine.view import view


def _prey() -> Any:
    # RED's 10 beside BLU's 2: any bot with an appetite for war takes B.
    scenario = board("R B G", ["R-B", "B-G"], {
        "RED": {"territories": "R", "forces": {"R": 10}, "treasury": 0},
        "BLU": {"territories": "B", "forces": {"B": 2}, "treasury": 0},
        "GRN": {"territories": "G", "forces": {"G": 3}, "treasury": 0}})
    return position(scenario)


def test_a_bot_accepts_no_pact_with_the_power_it_attacks_this_turn():
    state = _prey()
    orders = decide(seen(state, "RED"), "hawk").orders
    assert {"op": "declare_war", "target": "BLU"} in orders
    nap = proposal({"kind": "non_aggression", "members": ["BLU", "RED"]})
    (reply,) = answers(seen(state, "RED", [nap]), "hawk")
    assert (reply.accept, reply.say) == (False, "Not with BLU, not this turn.")


def test_peace_is_still_signed_with_the_power_it_fights():
    state = position(board("R B", ["R-B"], {
        "RED": {"territories": "R", "forces": {"R": 10}, "treasury": 0},
        "BLU": {"territories": "B", "forces": {"B": 2}, "treasury": 0}}),
        wars=[("BLU", "RED")], powers={"RED": {"legitimacy": 30}})
    assert any(o["op"] == "move" for o in decide(seen(state, "RED"), "balancer").orders)
    peace = proposal({"kind": "peace", "sides": [["BLU"], ["RED"]]})
    (reply,) = answers(seen(state, "RED", [peace]), "balancer")
    assert reply.accept


def _pair() -> Any:
    return position(board("R B", ["R-B"], {
        "RED": {"territories": "R", "forces": {"R": 5}, "treasury": 0},
        "BLU": {"territories": "B", "forces": {"B": 5}, "treasury": 0}},
        pacts=[{"kind": "non_aggression", "members": ["RED", "BLU"]}]))


def test_a_bot_declines_a_duplicate_of_a_pact_in_force():
    nap = proposal({"kind": "non_aggression", "members": ["BLU", "RED"]})
    (reply,) = answers(seen(_pair(), "RED", [nap]), "dove")
    assert (reply.accept, reply.say) == (
        False, "We have that pact already, or it is on the table; once is enough.")
    # The same proposal without the pact in force is accepted.
    fresh = position(board("R B", ["R-B"], {
        "RED": {"territories": "R", "forces": {"R": 5}, "treasury": 0},
        "BLU": {"territories": "B", "forces": {"B": 5}, "treasury": 0}}))
    (reply,) = answers(seen(fresh, "RED", [nap]), "dove")
    assert reply.accept


def test_of_two_identical_proposals_in_a_turn_only_the_first_is_accepted():
    state = _neighbour_pair()
    first = {**proposal({"kind": "non_aggression", "members": ["BLU", "RED"]}), "id": "X4"}
    second = {**proposal({"kind": "non_aggression", "members": ["RED", "BLU"]},
                         proposer="BLU"), "id": "X7"}
    replies = {r.proposal: r.accept for r in answers(seen(state, "RED", [second, first]),
                                                     "dove")}
    assert replies == {"X4": True, "X7": False}


def _neighbour_pair() -> Any:
    return position(board("R B", ["R-B"], {
        "RED": {"territories": "R", "forces": {"R": 5}, "treasury": 0},
        "BLU": {"territories": "B", "forces": {"B": 5}, "treasury": 0}}))


def _offers(state: Any, power: str, style: str, history: list[dict[str, Any]],
            proposals: list[dict[str, Any]] = ()) -> list[dict[str, Any]]:
    """The offers over a few bot seeds (a bot does not propose every turn)."""
    return [o.terms for seed in range(8) for o in decide(
        Seen(power, view(state, power), state.scenario.map, state.scenario.rules,
             state.scenario.power_ids, proposals=list(proposals), seed=seed,
             history=history), style).offers]


def test_a_bot_does_not_propose_what_is_already_on_the_table():
    state = _neighbour_pair()
    assert {"kind": "non_aggression", "members": ["RED", "BLU"]} in _offers(
        state, "RED", "dove", [])
    tabled = proposal({"kind": "non_aggression", "members": ["BLU", "RED"]})
    assert _offers(state, "RED", "dove", [], [tabled]) == []


def test_a_refused_proposal_is_not_repeated_for_some_turns():
    state = _neighbour_pair()          # turn 1
    refused = {**proposal({"kind": "non_aggression", "members": ["RED", "BLU"]},
                          proposer="RED"), "status": "declined", "turn": 0}
    assert _offers(state, "RED", "dove", [refused]) == []
    # Long enough ago, it may be made again.
    old = {**refused, "turn": 1 - REFUSAL_TURNS - 1}
    assert _offers(state, "RED", "dove", [old]) != []


def test_a_refused_shield_is_offered_again_once_the_partner_fights_its_adversary():
    scenario = board("R B G", ["R-B", "B-G", "R-G"], {
        "RED": {"territories": "R", "forces": {"R": 5}, "treasury": 0},
        "BLU": {"territories": "B", "forces": {"B": 5}, "treasury": 0},
        "GRN": {"territories": "G", "forces": {"G": 12}, "treasury": 0}})
    calm = position(scenario)
    shield = [o for o in _offers(calm, "RED", "balancer", []) if o["kind"] == "defensive"]
    assert shield and shield[0]["against"] == ["GRN"]
    refused = {**proposal(shield[0], proposer="RED"), "status": "declined", "turn": 0}
    assert _offers(calm, "RED", "balancer", [refused]) == []
    # BLU is now at war with GRN, the shield's adversary: things changed.
    fighting = position(scenario, wars=[("GRN", "BLU")])
    assert [o for o in _offers(fighting, "RED", "balancer", [refused])
            if o["kind"] == "defensive"] != []


def test_the_loner_signs_nothing_but_peace():
    state = _neighbour_pair()
    assert _offers(state, "RED", "loner", []) == []
    nap = proposal({"kind": "non_aggression", "members": ["BLU", "RED"]})
    (reply,) = answers(seen(state, "RED", [nap]), "loner")
    assert (reply.accept, reply.say) == (False, "We sign no pact but peace.")
    war = position(board("R B", ["R-B"], {
        "RED": {"territories": "R", "forces": {"R": 5}, "treasury": 0},
        "BLU": {"territories": "B", "forces": {"B": 5}, "treasury": 0}}),
        wars=[("BLU", "RED")])
    peace = proposal({"kind": "peace", "sides": [["BLU"], ["RED"]]})
    (reply,) = answers(seen(war, "RED", [peace]), "loner")
    assert reply.accept


def test_the_loner_otherwise_plays_as_the_balancer():
    state = _prey()
    assert decide(seen(state, "RED"), "loner").orders == \
        decide(seen(state, "RED"), "balancer").orders


def test_a_loyal_bot_accepts_a_partner_at_the_starting_credibility():
    state = _neighbour_pair()
    assert state.power("BLU").credibility == 50
    shield = proposal({"kind": "defensive", "members": ["BLU", "RED"]})
    (reply,) = answers(seen(state, "RED", [shield]), "loyal")
    assert reply.accept


def test_no_peace_with_the_target_of_its_own_offensive_pact():
    # RED and GRN aim an offensive pact at BLU: if GRN invokes it this turn, a peace RED
    # signed with BLU would be broken at once.
    scenario = board("R B G", ["R-B", "B-G"], {
        "RED": {"territories": "R", "forces": {"R": 5}, "treasury": 0},
        "BLU": {"territories": "B", "forces": {"B": 5}, "treasury": 0},
        "GRN": {"territories": "G", "forces": {"G": 5}, "treasury": 0}},
        pacts=[{"kind": "offensive", "members": ["RED", "GRN"], "target": "BLU"}])
    state = position(scenario, wars=[("BLU", "RED")], powers={"RED": {"legitimacy": 30}})
    peace = proposal({"kind": "peace", "sides": [["BLU"], ["RED"]]})
    (reply,) = answers(seen(state, "RED", [peace]), "balancer")
    assert (reply.accept, reply.say) == (False, "Not with BLU, not this turn.")


def _far_war() -> Any:
    # RED and BLU are at war with GRN's land between them: neither can reach the other.
    return position(board("R G B", ["R-G", "G-B"], {
        "RED": {"territories": "R", "forces": {"R": 5}, "treasury": 0},
        "GRN": {"territories": "G", "forces": {"G": 5}, "treasury": 0},
        "BLU": {"territories": "B", "forces": {"B": 5}, "treasury": 0}}),
        wars=[("BLU", "RED")])


def test_both_sides_of_a_war_with_no_contact_offer_peace():
    state = _far_war()
    for power, enemy in (("RED", "BLU"), ("BLU", "RED")):
        orders = decide(seen(state, power), "hawk").orders
        assert {"op": "offer_peace", "target": enemy} in orders
    # With a border, the same strong hawk fights on.
    near = position(board("R B", ["R-B"], {
        "RED": {"territories": "R", "forces": {"R": 5}, "treasury": 0},
        "BLU": {"territories": "B", "forces": {"B": 5}, "treasury": 0}}),
        wars=[("BLU", "RED")])
    assert not [o for o in decide(seen(near, "RED"), "hawk").orders
                if o["op"] == "offer_peace"]


def test_allies_strike_the_enemy_they_share_first():
    # RED can take one of two enemy provinces: BLU's (value 3) or GRN's (value 2). Its ally
    # YEL fights GRN from the other side, so RED strikes GRN with it.
    scenario = board(["R", {"id": "B", "value": 3}, {"id": "G", "value": 2}, "Y"],
                     ["R-B", "R-G", "G-Y"], {
        "RED": {"territories": "R", "forces": {"R": 9}, "treasury": 0},
        "BLU": {"territories": "B", "forces": {"B": 2}, "treasury": 0},
        "GRN": {"territories": "G", "forces": {"G": 2}, "treasury": 0},
        "YEL": {"territories": "Y", "forces": {"Y": 6}, "treasury": 0}},
        pacts=[{"kind": "defensive", "members": ["RED", "YEL"]}])
    state = position(scenario, wars=[("RED", "BLU"), ("GRN", "RED"), ("GRN", "YEL")])
    targets = [o["to"] for o in decide(seen(state, "RED"), "balancer").orders
               if o["op"] == "move"]
    assert targets[0] == "G"
    # Without the ally's war on GRN, the more valuable BLU province comes first.
    alone = position(scenario, wars=[("RED", "BLU"), ("GRN", "RED")])
    assert [o["to"] for o in decide(seen(alone, "RED"), "balancer").orders
            if o["op"] == "move"][0] == "B"


def test_a_bot_chooses_the_war_its_ally_is_already_fighting():
    scenario = board("R B G Y", ["R-B", "R-G", "G-Y"], {
        "RED": {"territories": "R", "forces": {"R": 10}, "treasury": 0},
        "BLU": {"territories": "B", "forces": {"B": 2}, "treasury": 0},
        "GRN": {"territories": "G", "forces": {"G": 2}, "treasury": 0},
        "YEL": {"territories": "Y", "forces": {"Y": 6}, "treasury": 0}},
        pacts=[{"kind": "defensive", "members": ["RED", "YEL"]}])

    def wars(state: Any) -> list[str]:
        return [o["target"] for o in decide(seen(state, "RED"), "hawk").orders
                if o["op"] == "declare_war"]

    assert wars(position(scenario)) == ["BLU"]          # equal prey: the first in order
    assert wars(position(scenario, wars=[("GRN", "YEL")])) == ["GRN"]


def test_pact_terms_serve_the_pact():
    from game.bots.diplomacy import shield_terms, strike_terms
    from game.bots.decide import board_of
    # RED and YEL both border GRN; BLU borders only RED.
    scenario = board("R B G Y", ["R-B", "R-G", "G-Y"], {
        "RED": {"territories": "R", "forces": {"R": 5}, "treasury": 0},
        "BLU": {"territories": "B", "forces": {"B": 5}, "treasury": 0},
        "GRN": {"territories": "G", "forces": {"G": 5}, "treasury": 0},
        "YEL": {"territories": "Y", "forces": {"Y": 5}, "treasury": 0}})
    b = board_of(seen(position(scenario), "RED"))
    yel, grn, blu = (b.ids.index(p) for p in ("YEL", "GRN", "BLU"))
    assert shield_terms(b, yel, grn) == {"integrated_command": True}
    assert shield_terms(b, blu, grn) == {"burden_share": 0.1}
    assert strike_terms(b, yel, grn) == {"secret": True, "integrated_command": True}
    assert strike_terms(b, blu, grn) == {"secret": True}


def test_the_memory_of_refusals_is_read_from_the_log():
    from match_helpers import triangle

    from game.bots.driver import past_proposals, seen_by
    from game.match import Match, MatchSettings

    match, _ = Match.create(triangle(), match_id="m", now=0.0, settings=MatchSettings())
    for p in ("RED", "BLU", "GRN"):
        match.join(p, 0.0)
    first_turn = match.turn
    nap = {"kind": "non_aggression", "members": ["RED", "BLU"]}
    refused = match.propose("RED", nap, 1.0).reply["proposal"]
    match.decline("BLU", refused, 1.0)
    assert past_proposals(match) == {}          # this turn's proposals are not memory yet
    for p in ("RED", "BLU", "GRN"):
        match.set_ready(p, True, 2.0)
    assert match.turn == first_turn + 1
    remembered = {"id": refused, "proposer": "RED", "terms": nap, "members": ["RED", "BLU"],
                  "turn": first_turn, "status": "declined", "by": "BLU"}   # as members are told
    assert past_proposals(match) == {"RED": [remembered], "BLU": [remembered]}
    assert seen_by(match, "RED").history == [remembered]
    assert seen_by(match, "GRN").history == []


def test_the_bots_do_not_import_the_debrief():
    """The bots decide from what a seat sees; the debrief's counting (which casus simulate
    reads, from game.simulate above both) is never loaded by a bot (docs/ARCHITECTURE.md)."""
    import subprocess
    import sys
    code = ("import sys, game.bots.decide, game.bots.driver, game.bots.network; "
            "print(sorted(m for m in sys.modules if m.startswith('game.debrief')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


def test_casus_simulate_loads_only_the_debriefs_counting():
    """casus simulate reads the research counting and the match record it sits beside, never
    the report's drawing (the page, plots and map snapshots, and matplotlib with them)."""
    import subprocess
    import sys
    code = ("import sys, game.simulate, game.cli.simulate_cmd; print(sorted(m for m in "
            "sys.modules if m.startswith('game.debrief') or m == 'matplotlib'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == str(["game.debrief", "game.debrief.record", "game.debrief.research",
                               "game.debrief.source"])


def test_the_hermit_gives_notice_on_the_pacts_it_was_given_and_signs_nothing():
    state = _pair()   # RED starts bound to BLU by a non-aggression pact
    (pact,) = [p.id for p in state.pacts]
    decision = decide(seen(state, "RED"), "hermit")
    assert {"op": "withdraw", "pact": pact} in decision.orders
    assert decision.chat == ["We stand alone: we give notice on every pact we are in."]
    # The loner keeps it; otherwise the hermit plays as the loner.
    loner = decide(seen(state, "RED"), "loner")
    assert not any(o["op"] == "withdraw" for o in loner.orders)
    assert [o for o in decision.orders if o["op"] != "withdraw"] == loner.orders
    assert _offers(state, "RED", "hermit", []) == []
    nap = proposal({"kind": "non_aggression", "members": ["BLU", "RED"]})
    (reply,) = answers(seen(_neighbour_pair(), "RED", [nap]), "hermit")
    assert (reply.accept, reply.say) == (False, "We sign no pact but peace.")
