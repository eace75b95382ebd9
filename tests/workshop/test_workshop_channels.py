"""Channels the umpire configures, write rights per planning stage, and press messages whose
author never leaves the server for anyone but the umpire."""

from __future__ import annotations

import pytest

from game.match import ANALYST, NEGOTIATION, OBSERVER, ORDERS, SPECTATOR, UMPIRE, Match
from game.match.channels import channel_from_config
from workshop_support import frames_for, refused, text_of, workshop

POWERS = ["RED", "BLU", "GRN"]


@pytest.mark.parametrize("config, problem", [
    ({"id": "x", "kind": "bilateral", "members": ["RED"]}, "exactly two powers"),
    ({"id": "x", "kind": "team", "members": ["RED", "BLU"]}, "exactly one power"),
    ({"id": "x", "kind": "group", "members": ["RED"]}, "two or more"),
    ({"id": "x", "kind": "group", "members": ["RED", "NOPE"]}, "NOPE, not a power"),
    ({"id": "x", "kind": "press", "members": ["RED"]}, "leave out members"),
    ({"id": "x", "kind": "gossip"}, "kind is one of"),
    ({"id": "no spaces", "kind": "plenary"}, "channel id"),
    ({"id": "public", "kind": "press"}, "only be a plenary"),
    ({"id": "team", "kind": "plenary"}, "choose another id"),
    ({"id": "x", "kind": "plenary", "stages": ["lunch"]}, "stages is a list"),
    ({"id": "x", "kind": "group", "members": ["RED", "BLU"], "writers": ["GRN"]},
     "writers must be among"),
    ({"id": "x", "kind": "plenary", "colour": "red"}, "no field 'colour'"),
    ("plenary", "a channel is a map"),
])
def test_channel_configurations_are_checked(config, problem):
    with pytest.raises(ValueError) as err:
        channel_from_config(config, POWERS)
    assert problem in str(err.value)
    match = workshop()
    assert problem in refused("bad_channel", match.set_channel, UMPIRE, config, 1.0)
    assert len(match.log) == 4   # created and three joins: nothing recorded


def test_a_group_channel_is_heard_by_its_members_the_umpire_and_analysts():
    match = workshop()
    match.set_channel(UMPIRE, {"id": "axis", "kind": "group", "members": ["GRN", "RED"],
                               "name": "The Axis"}, 1.0)
    assert match.channels["axis"].members == ("RED", "GRN")     # scenario order
    (push,) = match.send_chat("RED", "axis", "together", 2.0).pushes
    assert push.seats == {"RED", "GRN", UMPIRE, ANALYST}
    refused("bad_channel", match.send_chat, "BLU", "axis", "let me in", 3.0)
    assert [c["id"] for c in match.snapshot("BLU")["channels"]] == []
    assert [c["id"] for c in match.snapshot("GRN")["channels"]] == ["axis"]


def test_write_rights_follow_the_planning_stage():
    match = workshop(opening_stage=NEGOTIATION)
    match.set_channel(UMPIRE, {"id": "public", "kind": "plenary",
                               "stages": [NEGOTIATION]}, 1.0)
    match.set_channel(UMPIRE, {"id": "summit", "kind": "bilateral",
                               "members": ["RED", "BLU"], "stages": [ORDERS]}, 1.0)
    match.send_chat("RED", "public", "let us talk", 2.0)
    assert "during negotiation" in refused("not_allowed", match.send_chat, "RED", "summit",
                                           "too early", 2.0)
    # Negotiation: orders stay drafts and nobody may be ready.
    assert match.submit_orders("RED", [], 3.0).reply["signed"] is False
    refused("not_allowed", match.set_ready, "RED", True, 3.0)
    refused("not_allowed", match.sign_off, "RED", 3.0)
    match.set_stage(UMPIRE, ORDERS, 4.0)
    match.send_chat("RED", "summit", "now we talk", 5.0)
    refused("not_allowed", match.send_chat, "RED", "public", "too late", 5.0)
    assert match.submit_orders("RED", [], 6.0).reply["signed"] is True
    match.send_chat(UMPIRE, "public", "the umpire may always speak", 6.0)


def test_every_turn_opens_in_the_opening_stage():
    match = workshop()
    match.set_stage(UMPIRE, NEGOTIATION, 1.0, every_turn=True)
    match.set_stage(UMPIRE, ORDERS, 2.0)
    for p in match.powers:
        match.set_ready(p, True, 3.0)
    assert match.turn == 2 and match.stage == NEGOTIATION


def test_a_closed_channel_keeps_its_history_for_its_members_only():
    match = workshop()
    match.set_channel(UMPIRE, {"id": "pair", "kind": "bilateral",
                               "members": ["RED", "BLU"]}, 1.0)
    match.send_chat("BLU", "pair", "our secret", 2.0)
    match.close_channel(UMPIRE, "pair", 3.0)
    assert "closed" in refused("not_allowed", match.send_chat, "BLU", "pair", "still?", 4.0)
    assert [m["text"] for m in match.snapshot("RED")["chat"]] == ["our secret"]
    assert match.snapshot("GRN")["chat"] == []
    assert match.snapshot(SPECTATOR)["chat"] == []
    refused("bad_channel", match.close_channel, UMPIRE, "nothing", 5.0)


def test_a_press_message_never_reveals_its_author_to_players():
    """Every push and every snapshot, for every seat but the umpire's, hides the author,
    including the author's own team and the analysts."""
    match = workshop()
    match.join_team("BLU", 0.5, role="press officer")
    match.set_channel(UMPIRE, {"id": "herald", "kind": "press", "name": "The Herald"}, 1.0)
    outcome = match.send_chat("BLU.2", "herald", "RED is bankrupt!", 2.0)
    seats = ["RED", "BLU", "BLU.2", "GRN", SPECTATOR, OBSERVER, ANALYST]
    for seat in seats:
        (message,) = frames_for(outcome.pushes, seat)
        assert message["from"] == "press" and message["press"] is True
        assert "member" not in message
        snap_messages = match.snapshot(seat)["chat"]
        assert [m["from"] for m in snap_messages] == ["press"]
        for text in (text_of(message), text_of(snap_messages)):
            assert "BLU" not in text
    (umpire,) = frames_for(outcome.pushes, UMPIRE)
    assert umpire["from"] == "BLU" and umpire["member"] == "BLU.2"
    assert match.snapshot(UMPIRE)["chat"][0]["from"] == "BLU"
    # Observers allowed to see everything still never see a press author.
    match.set_observer_access(UMPIRE, True, 3.0)
    assert "BLU" not in text_of(match.snapshot(OBSERVER)["chat"])
    # The log keeps the author for the debrief; a replay hides it the same way.
    assert match.log[-2]["seat"] == "BLU"
    again = Match.replay(match.log)
    assert again.snapshot("RED")["chat"][0]["from"] == "press"


def test_press_writers_can_be_limited():
    match = workshop()
    match.set_channel(UMPIRE, {"id": "wire", "kind": "press", "writers": ["GRN"]}, 1.0)
    refused("not_allowed", match.send_chat, "RED", "wire", "fake news", 2.0)
    match.send_chat("GRN", "wire", "real news", 2.0)
    match.send_chat(UMPIRE, "wire", "White cell bulletin", 3.0)
    assert [m["from"] for m in match.snapshot("RED")["chat"]] == ["press", "press"]
