"""Allies share planned orders through the match; a partner's odds count them."""

from __future__ import annotations

import pytest

from builders import board, move
from game.client.hotseat import HotseatGame, SeatChoice
from game.client.orders_ui import ATTACK, MapFacts, OrderDraft, attack_preview
from game.engine.combat import odds
from game.match.errors import MatchError

# RED and GRN are allies; both border BLU's B; YEL is no one's ally.


def scenario(integrated=False):
    return board(["R", "B", "G", "Y"], ["R-B", "B-G", "G-Y", "R-Y"],
                 {"RED": {"territories": "R", "forces": {"R": 9}},
                  "BLU": {"territories": "B", "forces": {"B": 8}},
                  "GRN": {"territories": "G", "forces": {"G": 6}},
                  "YEL": {"territories": "Y", "forces": {"Y": 3}}},
                 pacts=[{"kind": "defensive", "members": ["RED", "GRN"],
                         "integrated_command": integrated}])


def table(integrated=False):
    seats = {p: SeatChoice("human", p) for p in ("RED", "BLU", "GRN", "YEL")}
    n = iter(range(1, 1_000_000))
    return HotseatGame.new(scenario(integrated), seats, fog=False, seed=7,
                           clock=lambda: float(next(n)))


def send(game, power, message):
    game.conns[power].send(message)
    game.pump()


def test_a_partner_who_shares_is_counted_in_the_odds_and_no_one_else_hears():
    game = table()
    try:
        grn = [{"op": "declare_war", "target": "BLU"}, move("G", "B", 6)]
        send(game, "GRN", {"type": "orders", "orders": grn})
        assert game.models["RED"].shared_orders == {}          # not shared yet
        send(game, "GRN", {"type": "share_orders", "share": True})
        assert game.models["GRN"].sharing
        assert game.models["RED"].shared_orders == {"GRN": grn}
        assert game.models["BLU"].shared_orders == {} == game.models["YEL"].shared_orders
        # RED's arrow: its 9 and GRN's 6 against BLU's 8, two powers with friction.
        rules = game.match.scenario.rules
        facts = MapFacts.from_doc(game.match.scenario.map_doc)
        draft = OrderDraft()
        draft.add({"op": "declare_war", "target": "BLU"})
        draft.add(move("R", "B", 9))
        model = game.models["RED"]
        arrow = attack_preview(model.view, facts, rules, draft, "RED", "R", "B", 9, entry=1,
                               power_name=str, allied_orders=model.shared_orders)
        assert arrow.kind == ATTACK and arrow.attackers == 15
        assert arrow.odds == odds(rules, 15, 8, attack_factor=rules.coalition_friction)
        assert arrow.note.startswith("with GRN's 6: ")
        # A change to GRN's draft follows; stopping takes the orders back.
        send(game, "GRN", {"type": "orders", "orders": grn[:1]})
        assert model.shared_orders == {"GRN": grn[:1]}
        send(game, "GRN", {"type": "share_orders", "share": False})
        assert model.shared_orders == {} and not game.models["GRN"].sharing
        # A rejoin's snapshot says the same.
        assert game.match.snapshot("RED")["shared"] == {}
    finally:
        game.close()


def test_integrated_command_always_shares_and_the_snapshot_carries_it():
    game = table(integrated=True)
    try:
        send(game, "GRN", {"type": "orders", "orders": [move("G", "Y", 2)]})
        assert game.models["RED"].shared_orders == {"GRN": [move("G", "Y", 2)]}
        assert game.match.snapshot("RED")["shared"] == {"GRN": [move("G", "Y", 2)]}
        assert game.match.snapshot("BLU")["shared"] == {}
    finally:
        game.close()


def test_only_a_power_planning_may_share():
    game = table()
    try:
        with pytest.raises(MatchError):
            game.match.share_orders("spectator", True, 0.0)
        assert not game.match.sharing
    finally:
        game.close()
