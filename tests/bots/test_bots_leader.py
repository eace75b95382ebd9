"""Balancers check the leader (docs/BOTS.md, "Coalitions strike together"): in ruleset 2 a
seat knows every power's par from its snapshot, so a balancer sees which power is heading
for the win, proposes to partners that can reach it a strike on it, and accepts one.
Constructed positions."""

from __future__ import annotations

from typing import Any

from builders import board
from bot_scenes import position, proposal

from game.bots.appraisal import front_runner, standing
from game.bots.decide import Seen, answers, board_of, decide
from game.bots.diplomacy import check_the_leader
from game.bots.driver import seen_by
from game.data import MAPS_DIR
from game.engine import state_from_json, view
from game.maps import load_scenario
from game.match import Match, MatchSettings


def _race(ruleset: int = 2, leader_par: int = 1, signed: bool = True) -> Any:
    # LDR owns L1 and L2 against a par of 1 (standing +100): the leader. RED and BLU border
    # it; BIG, strong and unbound, borders BLU (BLU's greatest threat, not the leader).
    # RED and BLU have signed a shield during the game (since turn 2) when ``signed``.
    powers = {
        "RED": {"territories": "R", "forces": {"R": 10}, "treasury": 0},
        "BLU": {"territories": "B", "forces": {"B": 10}, "treasury": 0},
        "LDR": {"territories": "L1 L2", "forces": {"L1": 3, "L2": 3}, "treasury": 0,
                "par": leader_par},
        "BIG": {"territories": "G", "forces": {"G": 30}, "treasury": 0}}
    if ruleset == 1:
        del powers["LDR"]["par"]
    scenario = board("R B L1 L2 G", ["R-L1", "B-L2", "L1-L2", "R-B", "B-G"], powers,
                     pacts=[{"kind": "defensive", "members": ["RED", "BLU"],
                             "against": ["BIG"]}],
                     rules={"ruleset": 2} if ruleset == 2 else {})
    state = position(scenario)
    if signed:
        doc = state.to_json()
        doc["pacts"][0]["since"] = 2
        state = state_from_json(doc, scenario)
    return state


def _seen(state: Any, power: str, proposals: list[dict[str, Any]] = (), seed: int = 0) -> Seen:
    rules = state.scenario.rules
    pars = {p.id: p.par for p in state.scenario.powers} if rules.ruleset == 2 else {}
    return Seen(power, view(state, power), state.scenario.map, rules,
                state.scenario.power_ids, proposals=list(proposals), seed=seed, pars=pars)


def test_standing_is_the_score_against_par_and_the_leader_is_the_best():
    b = board_of(_seen(_race(), "RED"))
    ldr, red = b.ids.index("LDR"), b.ids.index("RED")
    # LDR: 100 × (2 - 1) / 1 + (C 50 - 50) / 5 = 100; RED: 100 × (1 - 1) / 1 = 0.
    assert standing(b, ldr) == 100 and standing(b, red) == 0
    assert front_runner(b) == ldr


def test_without_par_there_is_no_leader():
    b = board_of(_seen(_race(ruleset=1), "RED"))
    assert standing(b, 0) is None and front_runner(b) is None


def test_a_balancer_offers_its_partners_a_strike_on_the_leader():
    b = board_of(_seen(_race(), "RED"))
    blu = b.ids.index("BLU")
    offers = check_the_leader(b, [blu], {})
    # RED alone (10 units + 1 income) is under 1.5 × LDR's side (6 + 2 = 8, so 12): BLU too.
    assert [(o.terms["kind"], o.terms["members"], o.terms["target"]) for o in offers] == [
        ("offensive", ["RED", "BLU"], "LDR")]
    assert offers[0].to == ("BLU",)
    # The same offer comes out of the bot's turn, on the turns it proposes.
    made = [o.terms for seed in range(8) for o in decide(_seen(_race(), "RED", seed=seed),
                                                          "balancer").offers]
    assert any(t["kind"] == "offensive" and t["target"] == "LDR" for t in made)


def test_no_strike_while_no_one_is_ahead():
    level = board_of(_seen(_race(leader_par=2), "RED"))
    assert check_the_leader(level, [level.ids.index("BLU")], {}) == []


def test_a_balancer_accepts_a_strike_on_the_leader_that_is_not_its_own_greatest_threat():
    offer = {"kind": "offensive", "members": ["RED", "BLU"], "target": "LDR",
             "name": "Against LDR"}
    tabled = proposal(offer, proposer="RED")
    said = answers(_seen(_race(), "BLU", [tabled]), "balancer")
    assert [a.accept for a in said] == [True], said
    # Under ruleset 1 (no par, no leader) the same balancer declines: LDR is not its danger.
    said = answers(_seen(_race(ruleset=1), "BLU", [tabled]), "balancer")
    assert [a.accept for a in said] == [False] and "not the danger" in said[0].say


def test_the_driver_gives_a_bot_the_pars_its_snapshot_carries():
    scenario = load_scenario(MAPS_DIR / "tutorial.scenario.toml")
    match, _ = Match.create(scenario, match_id="pars", now=0.0,
                            settings=MatchSettings(seed=1, seats={p: "bot" for p in
                                                                  scenario.power_ids}))
    snapshot = match.snapshot(scenario.power_ids[0])
    assert seen_by(match, "RED").pars == {p["id"]: p["par"] for p in snapshot["powers"]}
    assert seen_by(match, "RED").pars == {p.id: p.par for p in scenario.powers}
