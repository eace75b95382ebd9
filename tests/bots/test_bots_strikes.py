"""A balancer's strike survives a refusal (docs/BOTS.md, "Wars fought together and checking
the leader, measured"): one member's refusal sinks a whole offensive pact, so a power that
declined a strike naming the bot is left out of the bot's next strikes, which go to those
who accepted and the next candidate. Constructed positions."""

from __future__ import annotations

from typing import Any

from builders import board
from bot_scenes import position, proposal

from game.bots.conduct import REFUSAL_TURNS, declined_strikes, remembered
from game.bots.decide import Seen, board_of, decide
from game.bots.diplomacy import check_the_leader
from game.engine import state_from_json, view


def _race() -> Any:
    # LDR owns L1 and L2 against a par of 1: the leader. RED, BLU, GRN and YEL, 4 units
    # each, all border it; it takes three of them to be 1.5 times LDR's side. RED and BLU
    # have signed a shield during the game (since turn 2), so BLU is RED's first partner.
    powers = {
        "RED": {"territories": "R", "forces": {"R": 4}, "treasury": 0},
        "BLU": {"territories": "B", "forces": {"B": 4}, "treasury": 0},
        "GRN": {"territories": "G", "forces": {"G": 4}, "treasury": 0},
        "YEL": {"territories": "Y", "forces": {"Y": 4}, "treasury": 0},
        "LDR": {"territories": "L1 L2", "forces": {"L1": 3, "L2": 3}, "treasury": 0,
                "par": 1}}
    scenario = board("R B G Y L1 L2", ["R-L1", "B-L2", "G-L1", "Y-L2", "L1-L2", "R-B"],
                     powers, pacts=[{"kind": "defensive", "members": ["RED", "BLU"]}],
                     rules={"ruleset": 2})
    doc = position(scenario).to_json()
    doc["pacts"][0]["since"] = 2
    return state_from_json(doc, scenario)


def _seen(state: Any, history: list[dict[str, Any]] = (), seed: int = 0) -> Seen:
    pars = {p.id: p.par for p in state.scenario.powers}
    return Seen("RED", view(state, "RED"), state.scenario.map, state.scenario.rules,
                state.scenario.power_ids, seed=seed, history=list(history), pars=pars)


def _declined(by: str, proposer: str = "RED", turn: int = 1) -> dict[str, Any]:
    strike = proposal({"kind": "offensive", "members": ["RED", "BLU", "GRN"],
                       "target": "LDR", "name": "Against LDR"}, proposer=proposer)
    return {**strike, "turn": turn, "status": "declined", "by": by,
            "accepted": [proposer, "BLU"]}


def _strikes(b: Any, declined: frozenset[int] = frozenset()) -> list[list[str]]:
    credible = [b.ids.index(q) for q in ("BLU", "GRN", "YEL")]
    return [o.terms["members"] for o in check_the_leader(b, credible, {}, declined)]


def test_the_first_strike_goes_to_the_partner_and_the_next_candidate():
    assert _strikes(board_of(_seen(_race())))[0] == ["RED", "BLU", "GRN"]


def test_after_a_refusal_the_strike_goes_again_to_those_who_accepted_without_the_decliner():
    b = board_of(_seen(_race(), [_declined("GRN")]))
    declined = declined_strikes(b, [_declined("GRN")])
    assert declined == frozenset({b.ids.index("GRN")})
    offers = _strikes(b, declined)
    assert offers[0] == ["RED", "BLU", "YEL"]
    assert all("GRN" not in members for members in offers)
    # The bot's own turn makes that strike (on the turns it proposes), never one to GRN.
    made = [o.terms for seed in range(8)
            for o in decide(_seen(_race(), [_declined("GRN")], seed=seed), "balancer").offers]
    strikes = [t for t in made if t["kind"] == "offensive"]
    assert strikes and all(t["members"] == ["RED", "BLU", "YEL"] for t in strikes)


def test_a_refusal_seen_in_another_powers_strike_counts_and_is_remembered_all_game():
    b = board_of(_seen(_race()))
    # BLU's strike naming RED, declined by YEL long ago: RED leaves YEL out too.
    old = _declined("YEL", proposer="BLU", turn=1)
    assert declined_strikes(b, [old]) == frozenset({b.ids.index("YEL")})
    # The bot's own refusal is not a reason to leave itself out, and a withdrawal is no one's.
    assert declined_strikes(b, [_declined("RED", proposer="BLU")]) == frozenset()
    assert declined_strikes(b, [{**old, "status": "withdrawn", "by": None}]) == frozenset()
    # A network bot keeps the declined strike in its history past the refusal window.
    assert remembered(old, 1 + REFUSAL_TURNS + 5)
    assert not remembered({**old, "status": "withdrawn"}, 1 + REFUSAL_TURNS + 5)
