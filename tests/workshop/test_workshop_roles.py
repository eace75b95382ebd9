"""Observers and analysts: seats opened by role tokens the umpire makes, read-only, and
shown exactly what their role allows."""

from __future__ import annotations

from game.match import ANALYST, OBSERVER, SPECTATOR, UMPIRE, Match
from workshop_support import SECRET_BLU_GRN, everyone_ready, frames_for, refused, \
    text_of, workshop

MOVE_SECRETLY = {"op": "build", "territory": "X", "n": 1}


def test_role_tokens_open_observer_and_analyst_seats_and_only_the_umpire_makes_them():
    match = workshop()
    observer = match.create_role_token(UMPIRE, OBSERVER, 1.0, label="press gallery").reply
    analyst = match.create_role_token(UMPIRE, ANALYST, 1.0).reply
    assert match.seat_for_token(observer["token"]) == OBSERVER
    assert match.seat_for_token(analyst["token"]) == ANALYST
    refused("not_allowed", match.create_role_token, "RED", OBSERVER, 2.0)
    refused("not_allowed", match.create_role_token, UMPIRE, "umpire", 2.0)
    assert observer["token"] not in text_of(match.log)
    assert Match.replay(match.log).seat_for_token(analyst["token"]) == ANALYST


def test_the_umpire_lists_and_revokes_role_tokens():
    match = workshop()
    first = match.create_role_token(UMPIRE, OBSERVER, 1.0, label="projector").reply
    second = match.create_role_token(UMPIRE, ANALYST, 1.0, label="Dr Lee").reply
    assert (first["id"], second["id"]) == ("T1", "T2")
    outcome = match.revoke_role_token(UMPIRE, "T2", 2.0)
    assert outcome.reply == {"id": "T2", "role": ANALYST}
    (push,) = outcome.pushes
    assert push.seats == {UMPIRE}
    assert push.message == {"type": "role_token", "id": "T2", "role": ANALYST,
                            "label": "Dr Lee", "revoked": True}
    assert match.seat_for_token(second["token"]) is None
    assert match.seat_for_token(first["token"]) == OBSERVER
    assert match.snapshot(UMPIRE)["role_tokens"] == [
        {"id": "T1", "role": OBSERVER, "label": "projector", "revoked": False},
        {"id": "T2", "role": ANALYST, "label": "Dr Lee", "revoked": True}]
    assert "role_tokens" not in match.snapshot(ANALYST)
    refused("bad_token", match.revoke_role_token, UMPIRE, "T2", 3.0)    # already
    refused("bad_token", match.revoke_role_token, UMPIRE, "T9", 3.0)
    refused("not_allowed", match.revoke_role_token, OBSERVER, "T1", 3.0)
    assert Match.replay(match.log).seat_for_token(second["token"]) is None


def test_read_only_seats_cannot_act():
    match = workshop()
    for seat in (SPECTATOR, OBSERVER, ANALYST):
        refused("not_allowed", match.submit_orders, seat, [], 1.0)
        refused("not_allowed", match.send_chat, seat, "public", "hello", 1.0)
        refused("not_allowed", match.propose, seat, SECRET_BLU_GRN, 1.0)
        refused("not_allowed", match.note_insight, seat, "a thought", 1.0)
        refused("not_allowed", match.pause, seat, 1.0)


def test_an_observer_sees_the_public_view_unless_the_umpire_allows_everything():
    match = workshop(pacts=[SECRET_BLU_GRN])
    public = match.snapshot(OBSERVER)
    assert public["view"] == match.snapshot(SPECTATOR)["view"] | {"seat": SPECTATOR}
    assert public["view"]["pacts"] == []                     # the secret pact is hidden
    outcome = match.set_observer_access(UMPIRE, True, 1.0)
    (snapshot,) = frames_for(outcome.pushes, OBSERVER)
    assert snapshot["type"] == "snapshot"
    assert [p["id"] for p in snapshot["snapshot"]["view"]["pacts"]] == ["P1"]
    assert match.snapshot(OBSERVER)["view"]["seat"] == UMPIRE
    refused("not_allowed", match.set_observer_access, "RED", False, 2.0)


def test_an_analyst_sees_every_order_and_every_private_channel():
    match = workshop()
    match.submit_orders("GRN", [MOVE_SECRETLY], 1.0)
    match.send_chat("BLU", ["BLU", "GRN"], "between us", 2.0)
    snap = match.snapshot(ANALYST)
    assert snap["orders"] == {"GRN": [MOVE_SECRETLY]}
    assert [m["text"] for m in snap["chat"]] == ["between us"]
    assert snap["view"]["seat"] == UMPIRE


def test_observers_and_spectators_receive_no_private_frame():
    """A whole turn with secret pacts, private chat, orders and proposals: every push an
    observer (public access) or a spectator would receive is public."""
    match = workshop(pacts=[SECRET_BLU_GRN])
    pushes = []
    pushes += match.send_chat("BLU", ["BLU", "GRN"], "attack RED at dawn", 1.0).pushes
    pushes += match.propose("RED", {"kind": "non_aggression", "members": ["RED", "BLU"]},
                            2.0).pushes
    pushes += match.submit_orders("GRN", [MOVE_SECRETLY], 3.0).pushes
    pushes += match.state_intent("GRN", "I plan to betray BLU", 4.0).pushes
    pushes += match.note_insight("BLU", "RED looks weak", 5.0).pushes
    pushes += everyone_ready(match, 6.0)
    for seat in (OBSERVER, SPECTATOR):
        frames = text_of(frames_for(pushes, seat))
        for secret in ("attack RED at dawn", "non_aggression", "betray", "RED looks weak",
                       '"Hidden"', '"X": {"forces": {"GRN"', '"seed"'):
            assert secret not in frames, (seat, secret)
        for message in frames_for(pushes, seat):
            assert message["type"] in ("ready", "turn_result"), message
            if message["type"] == "turn_result":
                assert message["view"]["seat"] == SPECTATOR
                assert message["view"]["pacts"] == []
        snapshot = text_of(match.snapshot(seat))
        assert "attack RED at dawn" not in snapshot and '"Hidden"' not in snapshot
