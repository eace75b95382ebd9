"""The planning phase of a match: seats, chat, proposals, orders, ready flags, deadlines."""

from __future__ import annotations

import pytest

from game.match import ANALYST, EMPTY, BOT, OBSERVER, SPECTATOR, UMPIRE, Match, MatchError, \
    MatchSettings
from match_helpers import DEFENSIVE_BLU_GRN, kinds, triangle


def new_match(**settings) -> tuple[Match, str]:
    return Match.create(triangle(), match_id="m1", now=0.0, settings=MatchSettings(**settings))


def joined(**settings) -> Match:
    match, _ = new_match(**settings)
    for p in match.powers:
        match.join(p, 0.0)
    return match


def refused(code: str, command, *args) -> None:
    with pytest.raises(MatchError) as err:
        command(*args)
    assert err.value.code == code


# --- seats ---------------------------------------------------------------------------------


def test_joining_gives_a_token_that_opens_only_that_seat():
    match, umpire = new_match()
    red = match.join("RED", 1.0, name="Ada").reply["token"]
    blu = match.join("BLU", 1.0).reply["token"]
    assert match.seat_for_token(red) == "RED"
    assert match.seat_for_token(blu) == "BLU"
    assert match.seat_for_token(umpire) == UMPIRE
    assert match.seat_for_token("guess") is None
    assert match.seats["RED"].name == "Ada"


def test_a_taken_seat_cannot_be_joined_again():
    match, _ = new_match()
    match.join("RED", 1.0)
    refused("seat_taken", match.join, "RED", 2.0)


def test_an_empty_seat_or_unknown_power_cannot_be_joined():
    match, _ = new_match(seats={"GRN": EMPTY})
    refused("bad_seat", match.join, "GRN", 1.0)
    refused("bad_seat", match.join, "NOPE", 1.0)


def test_a_password_guards_the_seats():
    match, _ = new_match(password="sesame")
    refused("bad_password", match.join, "RED", 1.0)
    refused("bad_password", lambda: match.join("RED", 1.0, password="open"))
    assert match.join("RED", 1.0, password="sesame").reply["seat"] == "RED"
    assert "sesame" not in str(match.log)


def test_settings_naming_an_unknown_power_are_refused():
    with pytest.raises(MatchError):
        new_match(seats={"ZZZ": BOT})


def test_fog_setting_overrides_the_scenario():
    match, _ = new_match(fog=True)
    assert match.scenario.rules.fog is True
    assert match.snapshot("RED")["view"]["territories"]["X"]["forces"] is None


def test_the_umpire_releases_a_seat_and_the_old_token_stops_working():
    match, umpire = new_match()
    old = match.join("RED", 1.0, name="Ada").reply["token"]
    refused("not_allowed", match.release_seat, "BLU", "RED", 2.0)
    refused("bad_seat", match.release_seat, UMPIRE, "BLU", 2.0)   # nobody holds it
    (push,) = match.release_seat(UMPIRE, "RED", 2.0).pushes
    assert push.message == {"type": "seat", "power": "RED", "kind": "human",
                            "occupied": False, "name": "", "personality": "", "role": "",
                            "members": []}
    assert match.seat_for_token(old) is None
    new = match.join("RED", 3.0, name="Bea").reply["token"]
    assert match.seat_for_token(new) == "RED"
    assert Match.replay(match.log).seat_for_token(new) == "RED"


# --- chat ----------------------------------------------------------------------------------


def test_public_chat_reaches_everyone():
    match = joined()
    outcome = match.send_chat("RED", "public", "peace in our time", 1.0)
    (push,) = outcome.pushes
    assert push.seats == {"RED", "BLU", "GRN", SPECTATOR, OBSERVER, ANALYST, UMPIRE}
    assert push.message == {"type": "chat", "channel": "public", "from": "RED",
                            "text": "peace in our time", "turn": 1, "at": 1.0}


def test_private_chat_reaches_only_its_members_and_the_umpire():
    match = joined()
    (push,) = match.send_chat("BLU", ["GRN", "BLU"], "against RED?", 1.0).pushes
    assert push.seats == {"BLU", "GRN", UMPIRE, ANALYST}
    assert push.message["channel"] == ["BLU", "GRN"]   # scenario order
    assert [m["text"] for m in match.snapshot("GRN")["chat"]] == ["against RED?"]
    assert match.snapshot("RED")["chat"] == []
    assert match.snapshot(SPECTATOR)["chat"] == []
    assert len(match.snapshot(UMPIRE)["chat"]) == 1


@pytest.mark.parametrize("channel", [["BLU", "GRN"], ["RED"], ["RED", "RED"], ["RED", "ZZZ"],
                                     "secret", 5])
def test_a_seat_cannot_post_outside_its_channels(channel):
    match = joined()
    refused("bad_channel", match.send_chat, "RED", channel, "hi", 1.0)


def test_spectators_cannot_chat_and_the_umpire_speaks_publicly():
    match = joined()
    refused("not_allowed", match.send_chat, SPECTATOR, "public", "hi", 1.0)
    refused("bad_channel", match.send_chat, UMPIRE, ["RED", "BLU"], "hi", 1.0)
    assert match.send_chat(UMPIRE, "public", "two minutes", 1.0).pushes


@pytest.mark.parametrize("text", ["", "   ", "x" * 2001, 42, None])
def test_chat_text_must_be_one_to_two_thousand_characters(text):
    match = joined()
    refused("not_allowed", match.send_chat, "RED", "public", text, 1.0)


# --- proposals -----------------------------------------------------------------------------


def test_a_proposal_is_signed_when_every_member_accepts():
    match = joined()
    outcome = match.propose("BLU", DEFENSIVE_BLU_GRN, 1.0)
    pid = outcome.reply["proposal"]
    assert pid.startswith("X_") and pid != "X1"   # opaque: no count of proposals in it
    assert outcome.pushes[0].seats == {"BLU", "GRN", UMPIRE, ANALYST}
    assert outcome.pushes[0].message["status"] == "open"
    assert outcome.pushes[0].message["accepted"] == ["BLU"]
    signed = match.accept("GRN", pid, 2.0)
    assert signed.reply == {"proposal": pid, "status": "signed"}
    assert signed.pushes[0].message["status"] == "signed"


def test_a_signed_proposal_becomes_a_pact_at_adjudication():
    match = joined()
    pid = match.propose("BLU", DEFENSIVE_BLU_GRN, 1.0).reply["proposal"]
    match.accept("GRN", pid, 2.0)
    match.force_adjudicate(UMPIRE, 3.0)
    (pact,) = match.state.pacts
    assert (pact.id, pact.kind, pact.members, pact.name) == ("P1", "defensive",
                                                            ["BLU", "GRN"], "Shield")
    assert "pact_signed" in kinds(match.reports[-1])
    assert match.proposals == {}


def test_an_open_proposal_lapses_at_adjudication():
    match = joined()
    match.propose("BLU", DEFENSIVE_BLU_GRN, 1.0)
    match.force_adjudicate(UMPIRE, 2.0)
    assert match.state.pacts == [] and match.proposals == {}


def test_proposals_are_seen_only_by_the_powers_they_name():
    match = joined()
    pid = match.propose("BLU", DEFENSIVE_BLU_GRN, 1.0).reply["proposal"]
    assert [p["id"] for p in match.snapshot("GRN")["proposals"]] == [pid]
    assert match.snapshot("RED")["proposals"] == []
    assert match.snapshot(SPECTATOR)["proposals"] == []
    assert len(match.snapshot(UMPIRE)["proposals"]) == 1


def test_a_secret_pact_stays_hidden_from_outsiders_after_signing():
    match = joined()
    pid = match.propose("BLU", {**DEFENSIVE_BLU_GRN, "secret": True}, 1.0).reply["proposal"]
    match.accept("GRN", pid, 2.0)
    outcome = match.force_adjudicate(UMPIRE, 3.0)
    results = {next(iter(p.seats)): p.message for p in outcome.pushes
               if p.message["type"] == "turn_result"}
    assert results["RED"]["view"]["pacts"] == []
    assert "pact_signed" not in kinds(results["RED"]["report"])
    assert "pact_signed" not in kinds(results[SPECTATOR]["report"])
    # Players see the pact by its alias, never by the engine's match-wide number.
    assert [p["id"] for p in results["GRN"]["view"]["pacts"]] == [match.aliases.alias("P1")]
    assert [p["id"] for p in results[UMPIRE]["view"]["pacts"]] == ["P1"]
    assert "pact_signed" in kinds(results["BLU"]["report"])


def test_declining_closes_a_proposal_and_withdrawing_is_the_proposers():
    match = joined()
    first = match.propose("BLU", DEFENSIVE_BLU_GRN, 1.0).reply["proposal"]
    refused("not_allowed", match.decline, "BLU", first, 2.0)
    assert match.decline("GRN", first, 2.0).pushes[0].message["by"] == "GRN"
    refused("no_proposal", match.accept, "GRN", first, 3.0)
    second = match.propose("BLU", DEFENSIVE_BLU_GRN, 4.0).reply["proposal"]
    refused("not_allowed", match.withdraw, "GRN", second, 5.0)
    assert match.withdraw("BLU", second, 5.0).reply["status"] == "withdrawn"
    refused("no_proposal", match.accept, "GRN", second, 6.0)


def test_an_outsider_cannot_accept_or_see_a_proposal():
    match = joined()
    pid = match.propose("BLU", DEFENSIVE_BLU_GRN, 1.0).reply["proposal"]
    refused("no_proposal", match.accept, "RED", pid, 2.0)
    refused("no_proposal", match.accept, "GRN", "X99", 2.0)


@pytest.mark.parametrize("terms", [
    {"kind": "defensive", "members": ["RED", "GRN"]},          # proposer not a member
    {"kind": "alliance", "members": ["BLU", "GRN"]},
    {"kind": "defensive", "members": ["BLU"]},
    {"kind": "offensive", "members": ["BLU", "GRN"]},          # no target
    {"kind": "defensive", "members": ["BLU", "GRN"], "burden_share": 3},
    "a pact please",
])
def test_unsound_terms_are_refused_with_the_engines_reasons(terms):
    match = joined()
    refused("bad_terms", match.propose, "BLU", terms, 1.0)
    assert match.proposals == {}


# --- orders and ready ----------------------------------------------------------------------


def test_orders_are_checked_at_once_and_replace_the_last_set():
    match = joined()
    reply = match.submit_orders("RED", [{"op": "move", "from": "R", "to": "B", "n": 4},
                                        {"op": "move", "from": "R", "to": "X", "n": 1}],
                                1.0).reply
    assert reply["accepted"] == [{"op": "move", "from": "R", "to": "B", "n": 4}]
    assert reply["rejected"] == [{"order": {"op": "move", "from": "R", "to": "X", "n": 1},
                                  "reason": "R and X are not adjacent"}]
    match.submit_orders("RED", [{"op": "build", "territory": "R", "n": 1}], 2.0)
    assert match.snapshot("RED")["orders"] == {"RED": [{"op": "build", "territory": "R",
                                                        "n": 1}]}
    assert match.snapshot("BLU")["orders"] == {}
    assert match.snapshot(UMPIRE)["orders"] == {"RED": [{"op": "build", "territory": "R",
                                                         "n": 1}]}


def test_orders_reach_only_their_seat_and_the_umpire():
    match = joined()
    (push,) = match.submit_orders("RED", [], 1.0).pushes
    assert push.seats == {"RED", UMPIRE, ANALYST}


def test_only_a_power_gives_orders():
    match = joined()
    refused("not_allowed", match.submit_orders, SPECTATOR, [], 1.0)
    refused("not_allowed", match.submit_orders, UMPIRE, [], 1.0)
    refused("bad_orders", match.submit_orders, "RED", {"op": "build"}, 1.0)


def test_the_turn_is_adjudicated_when_every_human_seat_is_ready():
    match = joined()
    match.submit_orders("RED", [{"op": "build", "territory": "R", "n": 1}], 1.0)
    match.set_ready("RED", True, 2.0)
    match.set_ready("BLU", True, 2.0)
    match.set_ready("BLU", False, 2.5)
    match.set_ready("GRN", True, 3.0)
    assert match.turn == 1
    outcome = match.set_ready("BLU", True, 4.0)
    assert match.turn == 2
    assert match.log[-1]["type"] == "adjudicated" and match.log[-1]["reason"] == "all_ready"
    assert match.state.to_json()["territories"]["R"]["forces"] == {"RED": 11}
    assert match.ready == {"RED": False, "BLU": False, "GRN": False}
    assert match.orders == {}
    results = [p for p in outcome.pushes if p.message["type"] == "turn_result"]
    assert sorted(next(iter(p.seats)) for p in results) == sorted(
        ["RED", "BLU", "GRN", SPECTATOR, OBSERVER, ANALYST, UMPIRE])


def test_bot_and_empty_seats_do_not_hold_up_the_turn_until_a_bot_joins():
    match, _ = new_match(seats={"BLU": BOT, "GRN": EMPTY})
    match.join("RED", 0.0)
    assert match.awaited() == ["RED"]
    match.join("BLU", 0.0)
    assert match.awaited() == ["RED", "BLU"]
    match.set_ready("RED", True, 1.0)
    match.set_ready("BLU", True, 1.0)
    assert match.turn == 2


def test_the_deadline_adjudicates_with_whatever_orders_are_in():
    match = joined(deadline=30)
    assert match.deadline_at == 30.0
    match.submit_orders("RED", [{"op": "build", "territory": "R", "n": 1}], 1.0)
    assert match.tick(29.9).pushes == []
    outcome = match.tick(30.0)
    assert match.turn == 2 and match.log[-1]["reason"] == "deadline"
    assert match.deadline_at == 60.0
    assert all(p.message["deadline_at"] == 60.0 for p in outcome.pushes
               if p.message["type"] == "turn_result")


def test_no_deadline_means_time_alone_never_ends_a_turn():
    match = joined()
    assert match.deadline_at is None
    match.tick(1e12)
    assert match.turn == 1


def test_the_umpire_moves_the_deadline_and_ends_the_turn():
    match = joined(deadline=30)
    refused("not_allowed", match.set_deadline, "RED", 100.0, 1.0)
    match.set_deadline(UMPIRE, 100.0, 1.0)
    match.tick(50.0)
    assert match.turn == 1
    refused("not_allowed", match.force_adjudicate, "RED", 2.0)
    match.force_adjudicate(UMPIRE, 2.0)
    assert match.turn == 2 and match.deadline_at == 32.0


def test_a_won_match_is_over_and_refuses_planning():
    match, _ = Match.create(triangle(rules={"victory_share": 0.5}), match_id="m", now=0.0)
    outcome = match.force_adjudicate(UMPIRE, 1.0)
    assert match.phase == "over"
    assert outcome.pushes[-1].message["type"] == "match_over"
    assert outcome.pushes[-1].message["winner"]["kind"] == "solo"
    refused("not_planning", match.submit_orders, "RED", [], 2.0)
    refused("not_planning", match.force_adjudicate, UMPIRE, 2.0)
    assert match.snapshot("RED")["winner"]["powers"] == ["GRN"]


# --- a turn with a trigger and a battle ----------------------------------------------------


def test_a_signed_pact_is_triggered_by_an_attack_and_the_battle_is_reported():
    match = joined(fog=True)
    pid = match.propose("BLU", DEFENSIVE_BLU_GRN, 1.0).reply["proposal"]
    match.accept("GRN", pid, 1.0)
    match.force_adjudicate(UMPIRE, 2.0)
    match.submit_orders("RED", [{"op": "declare_war", "target": "BLU"},
                                {"op": "move", "from": "R", "to": "B", "n": 10}], 3.0)
    outcome = match.force_adjudicate(UMPIRE, 4.0)
    report = match.reports[-1]
    assert {"war_declared", "pact_triggered", "battle", "captured"} <= set(kinds(report))
    assert match.state.to_json()["territories"]["B"]["owner"] == "RED"
    # BLU lost its only territory and is out; the war GRN joined through the pact goes on.
    assert match.state.power("BLU").eliminated
    assert [w["between"] for w in match.state.to_json()["wars"]] == [["RED", "GRN"]]
    results = {next(iter(p.seats)): p.message for p in outcome.pushes
               if p.message["type"] == "turn_result"}
    # GRN's corner X is fogged for RED, before and after.
    assert results["RED"]["view"]["territories"]["X"]["forces"] is None
    assert results["GRN"]["view"]["territories"]["X"]["forces"] == {"GRN": 2}
