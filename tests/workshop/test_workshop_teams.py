"""Teams: members with role names, shared drafts, and orders that count only once the lead
signs them off; a player alone is a team of one and plays exactly as before."""

from __future__ import annotations

from game.match import ANALYST, UMPIRE, Match, MatchSettings
from match_helpers import triangle
from workshop_support import frames_for, refused, workshop

BUILD = {"op": "build", "territory": "R", "n": 1}


def test_a_member_joins_a_team_with_a_role_and_its_own_token():
    match = workshop()
    reply = match.join_team("RED", 1.0, name="Bo", role="foreign minister").reply
    assert reply["seat"] == "RED.2" and reply["lead"] is False
    assert match.seat_for_token(reply["token"]) == "RED.2"
    assert match.power_of("RED.2") == "RED"
    third = match.join_team("RED", 2.0, name="Cy", role="chief of staff").reply
    assert third["seat"] == "RED.3"
    assert match.seat_public("RED")["members"] == [
        {"id": "RED.2", "power": "RED", "role": "foreign minister", "name": "Bo"},
        {"id": "RED.3", "power": "RED", "role": "chief of staff", "name": "Cy"}]
    assert reply["token"] not in str(match.log)


def test_the_first_to_join_a_team_is_its_lead():
    match, _ = Match.create(triangle(), match_id="m", now=0.0)
    reply = match.join_team("BLU", 1.0, name="Ada", role="head of government").reply
    assert reply["seat"] == "BLU" and reply["lead"] is True
    assert match.seats["BLU"].role == "head of government"


def test_a_team_has_a_size_limit_and_needs_a_real_seat():
    match = workshop(team_size=2)
    match.join_team("RED", 1.0)
    assert "full" in refused("seat_taken", match.join_team, "RED", 2.0)
    refused("bad_seat", match.join_team, "NOPE", 2.0)
    refused("not_allowed", match.join_team, "BLU", 2.0, role="x" * 41)


def test_a_members_orders_are_a_draft_until_the_lead_signs_off():
    match = workshop()
    member = match.join_team("RED", 1.0).reply["seat"]
    outcome = match.submit_orders(member, [BUILD], 2.0)
    assert outcome.reply["signed"] is False
    assert match.orders == {} and match.drafts == {"RED": [BUILD]}
    assert match.log[-1] == {"seq": match.log[-1]["seq"], "at": 2.0, "type": "draft",
                             "seat": "RED", "orders": [BUILD], "member": "RED.2"}
    # The draft goes to the whole team, the umpire and analysts, nobody else.
    (push,) = outcome.pushes
    assert push.seats == {"RED", "RED.2", UMPIRE, ANALYST}
    assert push.message == {"type": "draft", "power": "RED", "orders": [BUILD], "by": "RED.2",
                            "rev": 1}
    # Adjudicating now would ignore the draft: the gate is the sign-off.
    assert match._run_engine()[1]["events"][0]["type"] != "built"
    signed = match.sign_off("RED", 3.0)
    assert signed.reply == {"orders": [BUILD]}
    assert match.orders == {"RED": [BUILD]}
    assert match._run_engine()[1]["events"][0] == {"type": "built", "power": "RED",
                                                   "territory": "R", "n": 1, "cost": 1}


def test_any_member_edits_the_shared_draft_and_the_signed_orders_stay_until_signed_again():
    match = workshop()
    match.join_team("RED", 1.0)
    match.submit_orders("RED.2", [BUILD], 2.0)
    match.sign_off("RED", 3.0)
    match.submit_orders("RED.2", [], 4.0)
    assert match.drafts == {"RED": []}
    assert match.orders == {"RED": [BUILD]}          # the signed set still counts


def test_only_the_lead_signs_off_and_raises_the_ready_flag():
    match = workshop()
    match.join_team("RED", 1.0)
    match.submit_orders("RED.2", [BUILD], 2.0)
    assert "lead" in refused("not_allowed", match.sign_off, "RED.2", 3.0)
    assert "lead" in refused("not_allowed", match.set_ready, "RED.2", True, 3.0)
    refused("bad_orders", match.sign_off, "BLU", 3.0)     # BLU has no draft
    refused("not_allowed", match.sign_off, UMPIRE, 3.0)


def test_a_lone_player_is_a_team_of_one_whose_orders_count_at_once():
    match = workshop()
    reply = match.submit_orders("RED", [BUILD], 1.0).reply
    assert reply["signed"] is True
    assert match.orders == {"RED": [BUILD]} and match.drafts == {"RED": [BUILD]}
    assert match.log[-1]["type"] == "orders" and "member" not in match.log[-1]


def test_members_act_for_their_power_in_chat_and_proposals():
    match = workshop()
    match.join_team("BLU", 1.0, role="foreign minister")
    chat = match.send_chat("BLU.2", ["BLU", "GRN"], "an offer", 2.0)
    assert chat.pushes[0].message["from"] == "BLU"
    assert chat.pushes[0].message["member"] == "BLU.2"
    pid = match.propose("BLU.2", {"kind": "non_aggression", "members": ["BLU", "GRN"]},
                        3.0).reply["proposal"]
    assert match.proposals[pid].proposer == "BLU"
    assert match.log[-1]["member"] == "BLU.2"


def test_pushes_for_a_power_reach_every_member_and_snapshots_show_the_power():
    match = workshop()
    match.join_team("GRN", 1.0)
    pushes = match.submit_orders("GRN", [], 2.0).pushes
    assert frames_for(pushes, "GRN.2") == [{"type": "orders", "power": "GRN", "orders": [],
                                            "rev": 1}]
    snap = match.snapshot("GRN.2")
    assert snap["power"] == "GRN" and snap["seat"] == "GRN.2"
    assert snap["view"]["seat"] == "GRN"
    assert snap["orders"] == {"GRN": []}


def test_every_member_receives_exactly_one_turn_result_with_the_powers_view():
    match = workshop()
    match.join_team("RED", 1.0)
    pushes = match.force_adjudicate(UMPIRE, 2.0).pushes
    for seat in ("RED", "RED.2"):
        (result,) = [m for m in frames_for(pushes, seat) if m["type"] == "turn_result"]
        assert result["view"]["seat"] == "RED"


def test_an_eliminated_power_may_still_talk():
    match = workshop()
    match.edit_world(UMPIRE, {"kind": "remove_units", "power": "BLU", "territory": "B",
                              "n": 3}, "gone", 1.0)
    match.edit_world(UMPIRE, {"kind": "set_owner", "territory": "B", "owner": None}, "-", 1.0)
    match.force_adjudicate(UMPIRE, 2.0)
    assert match.state.power("BLU").eliminated
    match.send_chat("BLU", "public", "I will be back", 3.0)
    refused("not_allowed", match.submit_orders, "BLU", [], 3.0)


def test_the_team_channel_is_heard_by_the_team_the_umpire_and_analysts_only():
    match = workshop()
    match.join_team("RED", 1.0)
    (push,) = match.send_chat("RED.2", "team", "let us build", 2.0).pushes
    assert push.seats == {"RED", "RED.2", UMPIRE, ANALYST}
    assert push.message["channel"] == "team:RED"
    refused("bad_channel", match.send_chat, "BLU", "team:RED", "eavesdrop", 3.0)
    match.send_chat(UMPIRE, "team:RED", "a word from White cell", 3.0)
    assert [m["text"] for m in match.snapshot("RED.2")["chat"]] == [
        "let us build", "a word from White cell"]
    assert match.snapshot("BLU")["chat"] == []


def test_releasing_a_member_closes_their_token_only():
    match = workshop()
    token = match.join_team("RED", 1.0).reply["token"]
    match.release_seat(UMPIRE, "RED.2", 2.0)
    assert match.seat_for_token(token) is None
    assert match.seats["RED"].occupied
    assert match.join_team("RED", 3.0).reply["seat"] == "RED.3"   # ids are never reused


def test_teams_replay_from_the_log():
    match = workshop()
    token = match.join_team("RED", 1.0, role="fm").reply["token"]
    match.submit_orders("RED.2", [BUILD], 2.0)
    again = Match.replay(match.log)
    assert again.seat_for_token(token) == "RED.2"
    assert again.drafts == match.drafts and again.orders == {}
    assert again.seat_public("RED") == match.seat_public("RED")


def test_a_team_of_one_keeps_hot_seat_play_unchanged():
    match, _ = Match.create(triangle(), match_id="m", now=0.0, settings=MatchSettings(seed=1))
    for p in match.powers:
        match.join(p, 0.0)
    match.submit_orders("RED", [BUILD], 1.0)
    for p in match.powers:
        match.set_ready(p, True, 2.0)
    assert match.turn == 2
    assert match.reports[0]["events"][0]["type"] == "built"
