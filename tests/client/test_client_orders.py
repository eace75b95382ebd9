"""The order draft and the arrow preview, without pygame: what the mouse tools rely on."""

from __future__ import annotations

from builders import board
from game.words.narrate import Names
from game.client.orders_ui import (ACCEPTED, ATTACK, INVADE, NEEDS_WAR, PENDING, REINFORCE,
                                   REJECTED, UNKNOWN, MapFacts, OrderDraft, attack_preview,
                                   available, build_room, order_label)
from game.engine import initial_state
from game.engine.combat import odds
from game.engine.view import view

# Red and Blue at war across a hill (H) and a sea lane; Green allied to Red; a neutral N.
SCENARIO = board(
    [{"id": "R", "capital_of": "RED", "value": 3}, {"id": "H", "terrain": "hills"},
     {"id": "B", "capital_of": "BLU", "value": 2}, "G", "N", {"id": "S", "value": 1}],
    ["R-H", "H-B", "R~B", "R-G", "R-N", "G-N", "S-R"],
    {"RED": {"territories": "R S", "forces": {"R": 8, "S": 2}, "treasury": 5},
     "BLU": {"territories": "H B", "forces": {"H": 3, "B": 4}, "treasury": 0},
     "GRN": {"territories": "G", "forces": {"G": 2}}},
    pacts=[{"kind": "defensive", "members": ["RED", "GRN"]}],
    neutral={"N": 2})
FACTS = MapFacts.from_doc(SCENARIO.map_doc)
RULES = SCENARIO.rules
# (Scenarios begin at peace; the view is given the war a turn would have brought.)
VIEW = {**view(initial_state(SCENARIO), "RED"),
        "wars": [{"between": ["RED", "BLU"], "aggressor": "RED"}]}


def test_map_facts_know_neighbours_and_how_they_are_joined():
    assert FACTS.adjacent("R", "H") and FACTS.adjacent("H", "R")
    assert not FACTS.adjacent("R", "R") and not FACTS.adjacent("H", "G")
    assert (FACTS.edge("R", "B"), FACTS.edge("R", "H")) == ("sea", "land")


def test_giving_the_same_move_again_changes_it_instead_of_adding_a_second():
    draft = OrderDraft()
    assert draft.add({"op": "move", "from": "R", "to": "H", "n": 3}) == 0
    assert draft.add({"op": "build", "territory": "R", "n": 1}) == 1
    assert draft.add({"op": "move", "from": "R", "to": "H", "n": 5}) == 0
    assert draft.add({"op": "declare_war", "target": "GRN"}) == 2
    assert draft.add({"op": "declare_war", "target": "GRN"}) == 2
    assert draft.orders == [{"op": "move", "from": "R", "to": "H", "n": 5},
                            {"op": "build", "territory": "R", "n": 1},
                            {"op": "declare_war", "target": "GRN"}]
    assert draft.message() == {"type": "orders", "orders": draft.orders}


def test_the_reply_to_the_last_request_marks_each_order_and_a_stale_one_is_ignored():
    draft = OrderDraft()
    draft.add({"op": "move", "from": "R", "to": "H", "n": 3})
    draft.add({"op": "build", "territory": "H", "n": 1})
    draft.mark_sent(7)
    assert [e.status for e in draft.entries] == [PENDING, PENDING]
    assert not draft.apply_reply({"type": "ok", "of": "orders", "rid": 6, "rejected": []})
    assert draft.apply_reply({"type": "ok", "of": "orders", "rid": 7, "accepted": [], "rejected": [
        {"order": {"op": "build", "territory": "H", "n": 1}, "reason": "RED does not own H"}]})
    assert [(e.status, e.reason) for e in draft.entries] == [
        (ACCEPTED, ""), (REJECTED, "RED does not own H")]
    draft.mark_sent(8)
    assert draft.apply_reply({"type": "error", "code": "not_planning", "rid": 8,
                              "message": "the match is over"})
    assert {e.reason for e in draft.entries} == {"the match is over"}


def test_units_already_sent_elsewhere_are_not_available_again():
    draft = OrderDraft()
    draft.add({"op": "move", "from": "R", "to": "H", "n": 5})
    assert available(VIEW, draft, "RED", "R") == 3
    assert available(VIEW, draft, "RED", "R", skip=0) == 8
    assert available(VIEW, draft, "RED", "H") == 0


def test_build_room_is_the_cap_with_the_capital_bonus_and_the_treasury_left():
    draft = OrderDraft()
    # R: value 3 + 2 in Red's own capital = 5; treasury 5.
    assert build_room(VIEW, FACTS, RULES, draft, "RED", "R") == 5
    draft.add({"op": "build", "territory": "S", "n": 1})
    draft.add({"op": "transfer", "to": "GRN", "amount": 2})
    assert build_room(VIEW, FACTS, RULES, draft, "RED", "R") == 2
    assert build_room(VIEW, FACTS, RULES, draft, "RED", "S", skip=0) == 1   # value 1
    assert build_room(VIEW, FACTS, RULES, draft, "RED", "H") == 0           # not Red's


def test_an_attack_gets_the_engines_odds_with_terrain_and_every_move_into_the_target():
    draft = OrderDraft()
    draft.add({"op": "move", "from": "R", "to": "H", "n": 6})
    p = attack_preview(VIEW, FACTS, RULES, draft, "RED", "R", "H", 6, entry=0)
    assert p.kind == ATTACK and (p.attackers, p.defenders) == (6, 3)
    assert p.odds == odds(RULES, 6, 3, defence_factor=RULES.terrain("hills"))
    # Across the sea into Blue's capital: half strength, the capital bonus.
    q = attack_preview(VIEW, FACTS, RULES, draft, "RED", "R", "B", 2)
    assert q.odds == odds(RULES, 2, 4, attack_factor=RULES.amphibious,
                          defence_factor=RULES.capital_defense)
    # Every move of the draft into the same territory fights with this one: 3 by land
    # from H and the draft's 2 by sea from R attack B together.
    draft.add({"op": "move", "from": "R", "to": "B", "n": 2})
    both = attack_preview(VIEW, FACTS, RULES, draft, "RED", "H", "B", 3)
    assert both.attackers == 5
    assert both.odds == odds(RULES, 5, 4, attack_factor=(3 + 2 * RULES.amphibious) / 5,
                             defence_factor=RULES.capital_defense)


def test_moves_into_friends_neutrals_and_powers_at_peace_say_what_they_are():
    draft = OrderDraft()
    ally = attack_preview(VIEW, FACTS, RULES, draft, "RED", "R", "G", 1)
    assert (ally.kind, ally.odds) == (REINFORCE, None)
    neutral = attack_preview(VIEW, FACTS, RULES, draft, "RED", "R", "N", 4)
    assert neutral.kind == INVADE and neutral.defenders == 2
    assert neutral.odds == odds(RULES, 4, 2)
    assert neutral.note == "100% to win · 4 vs 2 · neutral: −5 legitimacy"
    # Green is an ally: no war needed. A power at peace needs a declaration first.
    peace_view = {**VIEW, "wars": []}
    needs = attack_preview(peace_view, FACTS, RULES, draft, "RED", "R", "H", 3,
                           power_name={"BLU": "Blueland"}.get)
    assert needs.kind == NEEDS_WAR and needs.note == \
        "not at war with Blueland: declare war first"
    draft.add({"op": "declare_war", "target": "BLU"})
    assert attack_preview(peace_view, FACTS, RULES, draft, "RED", "R", "H", 3).kind == ATTACK


def test_fog_leaves_the_odds_unknown():
    fogged = {**VIEW, "territories": {**VIEW["territories"],
                                      "H": {"owner": "BLU", "forces": None}}}
    p = attack_preview(fogged, FACTS, RULES, OrderDraft(), "RED", "R", "H", 5)
    assert (p.kind, p.defenders, p.odds, p.percent) == (UNKNOWN, None, None, None)


def test_orders_read_as_words():
    name = {"BLU": "Blueland"}.get
    assert order_label({"op": "move", "from": "R", "to": "H", "n": 1}, FACTS) == "R → H, 1 unit"
    assert order_label({"op": "build", "territory": "R", "n": 2}, FACTS) == "Build 2 in R"
    assert order_label({"op": "declare_war", "target": "BLU"}, FACTS, name) == \
        "Declare war on Blueland"
    assert order_label({"op": "transfer", "to": "BLU", "amount": 3}, FACTS, name) == \
        "Give 3 IP to Blueland"
    assert order_label({"op": "break", "pact": "P1"}, FACTS) == "Break pact P1"
    # With the names of the pacts the seat can see, a pact is told by its title, not its
    # alias id.
    names = Names({"RED": "Redland", "BLU": "Blueland"}, {},
                  {"P_3fa9e0c1d2": {"kind": "defensive", "members": ["RED", "BLU"]}})
    assert order_label({"op": "withdraw", "pact": "P_3fa9e0c1d2"}, FACTS, names.power,
                       names.pact) == "Withdraw from the defensive pact Redland–Blueland"
