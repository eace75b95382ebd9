"""A team's shared draft merges edits order by order: two members adding different orders
keep both; editing the same order keeps the first change and tells the second who made it."""

from __future__ import annotations

from game.match import UMPIRE, Match
from game.match.teams import merge_drafts, order_key
from workshop_support import workshop

MOVE = {"op": "move", "from": "R", "to": "B", "n": 3}
BUILD = {"op": "build", "territory": "R", "n": 1}
WAR = {"op": "declare_war", "target": "BLU"}
GIFT = {"op": "transfer", "to": "GRN", "amount": 1}


def team() -> tuple[Match, str, str]:
    match = workshop()
    bo = match.join_team("RED", 1.0, name="Bo", role="foreign minister").reply["seat"]
    cy = match.join_team("RED", 1.0, name="Cy", role="chief of staff").reply["seat"]
    return match, bo, cy


def test_an_order_is_known_by_what_it_acts_on_not_its_amount():
    assert order_key(MOVE) == order_key({**MOVE, "n": 7}) != order_key({**MOVE, "to": "G"})
    assert order_key(BUILD) == order_key({**BUILD, "n": 2})


def test_the_merge_keeps_both_additions_and_reports_a_clash():
    merged, clashes = merge_drafts([MOVE], [MOVE, BUILD], [MOVE, WAR])
    assert merged == [MOVE, WAR, BUILD] and clashes == []
    merged, clashes = merge_drafts([MOVE], [{**MOVE, "n": 1}], [{**MOVE, "n": 2}])
    assert merged == [{**MOVE, "n": 2}] and len(clashes) == 1
    # A removal the others did not touch is taken; one of an order they changed is not.
    assert merge_drafts([MOVE, BUILD], [BUILD], [MOVE, BUILD, WAR]) == ([BUILD, WAR], [])
    assert merge_drafts([MOVE], [], [{**MOVE, "n": 1}])[1] != []


def test_two_members_adding_different_orders_keep_both():
    match, bo, cy = team()
    assert match.snapshot(bo)["draft_rev"] == {"RED": 0}
    first = match.submit_orders(bo, [BUILD], 2.0, base=0)
    assert first.reply["rev"] == 1 and first.reply["conflicts"] == []
    second = match.submit_orders(cy, [WAR], 3.0, base=0)       # Cy had not seen Bo's build
    assert second.reply["accepted"] == [BUILD, WAR] and second.reply["conflicts"] == []
    assert match.drafts["RED"] == [BUILD, WAR]
    # The merged draft goes back to the whole team, Cy included, with its revision.
    (push,) = second.pushes
    assert push.message["orders"] == [BUILD, WAR] and push.message["rev"] == 2
    assert Match.replay(match.log).drafts == match.drafts


def test_editing_the_same_order_tells_the_second_who_changed_it_first():
    match, bo, cy = team()
    match.submit_orders(bo, [MOVE], 2.0, base=0)                           # rev 1
    match.submit_orders(bo, [{**MOVE, "n": 2}], 3.0, base=1)               # rev 2: Bo edits
    late = match.submit_orders(cy, [{**MOVE, "n": 1}, GIFT], 4.0, base=1)  # Cy edited rev 1
    assert late.reply["conflicts"] == [{"order": {**MOVE, "n": 1}, "kept": {**MOVE, "n": 2},
                                        "by": bo, "name": "Bo"}]
    assert match.drafts["RED"] == [{**MOVE, "n": 2}, GIFT]     # Bo's change stands; Cy's gift


def test_without_a_base_the_set_replaces_the_draft_as_before():
    match, bo, cy = team()
    match.submit_orders(bo, [BUILD], 2.0)
    reply = match.submit_orders(cy, [WAR], 3.0).reply
    assert match.drafts["RED"] == [WAR] and "conflicts" not in reply


def test_a_new_turn_starts_the_revisions_again():
    match, bo, cy = team()
    match.submit_orders(bo, [BUILD], 2.0, base=0)
    match.force_adjudicate(UMPIRE, 5.0)
    assert match.draft_rev("RED") == 0 and match.snapshot(cy)["draft_rev"] == {"RED": 0}


def test_two_members_screens_editing_at_once_both_keep_their_orders(pygame_ready):
    """On the game screen: Bo and Cy each add an order before seeing the other's; both
    orders stand, and both screens end up showing both."""
    from client_helpers import run
    from teams_helpers import make_host, screen_of, take

    host = make_host()
    take(host, "RED", "Ada", "head of government")
    bo_app, bo = screen_of(take(host, "RED", "Bo", "foreign minister"))
    cy_app, cy = screen_of(take(host, "RED", "Cy", "chief of staff"))
    build = {"op": "build", "territory": "ALB", "n": 1}
    war = {"op": "declare_war", "target": "BLU"}
    bo.orders.add(build)            # sent at once, with the draft's revision as its base
    cy.orders.add(war)              # Cy's screen has not heard of Bo's build yet
    run(bo_app, 3)
    run(cy_app, 3)
    assert host.match.drafts["RED"] == [build, war]
    for screen in (bo, cy):
        assert [e.order for e in screen.orders.draft.entries] == [build, war]
    # Now both change the build's amount from the same revision: the first one stands.
    bo.orders.draft.entries[0].order["n"] = 2
    cy.orders.draft.entries[0].order["n"] = 3
    bo.orders.send()
    cy.orders.send()
    run(bo_app, 3)
    run(cy_app, 3)
    assert host.match.drafts["RED"][0]["n"] == 2
    assert any("Bo changed build ALB 2 first" in text for text, _ in cy.toasts)
    cy_app.screenshot("/tmp/client/team_draft_clash.png")
