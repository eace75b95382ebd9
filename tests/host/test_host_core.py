"""The host's core without sockets (game/host/core.py) and the client's session without
sockets (game/session.py): what goes in is a checked message, what comes out is frames."""

from __future__ import annotations

import secrets

import msgpack
import pytest

from game import protocol
from game.host import HostCore, Link
from game.match import MatchSettings
from game.protocol import ProtocolError
from game.session import REJOIN_RID, Seat, VersionError, checked_version, final_close
from match_helpers import triangle

NOW = 1000.0


def lobby_host() -> HostCore:
    core = HostCore(lambda: NOW)
    core.requests = {**core.match_requests(), **core.seat_requests()}
    return core


def decoded(frame: bytes) -> dict:
    return msgpack.unpackb(frame, raw=False)


def test_a_request_gives_its_reply_and_each_push_names_the_connections_it_is_for():
    core = lobby_host()
    match, _ = core.create(triangle(), MatchSettings(seed=3), NOW)
    red, blu, grn = Link(), Link(), Link()
    for link, power in ((red, "RED"), (blu, "BLU"), (grn, "GRN")):
        joined = core.handle(link, {"type": "join", "match": match.match_id, "seat": power,
                                    "rid": 1})
        assert decoded(joined.reply)["seat"] == power and link.seat == power
    said = core.handle(blu, {"type": "chat", "channel": ["BLU", "GRN"], "text": "psst",
                             "rid": 7})
    assert decoded(said.reply) == {"type": "ok", "of": "chat", "rid": 7}
    chats = [d for d in said.deliveries if decoded(d.frame)["type"] == "chat"]
    assert [set(map(id, d.audience)) for d in chats] == [{id(blu), id(grn)}]   # not RED
    public = core.handle(red, {"type": "chat", "channel": "public", "text": "hi"})
    (push,) = public.deliveries
    assert set(map(id, push.audience)) == {id(red), id(blu), id(grn)}
    assert "rid" not in decoded(public.reply)


def test_a_refusal_is_raised_and_a_request_outside_the_table_names_the_host():
    core = lobby_host()
    with pytest.raises(ProtocolError, match="join, rejoin or spectate a match first"):
        core.handle(Link(), {"type": "orders", "orders": []})
    with pytest.raises(ProtocolError, match="fork is not available on this host"):
        core.handle(Link(), {"type": "fork", "turn": 1})


def test_create_and_fork_take_ids_from_one_allocator_that_skips_every_id_in_use(monkeypatch):
    drawn = iter(["aaaa0001", "aaaa0001", "bbbb0002", "aaaa0001", "cccc0003"])
    real = secrets.token_hex
    # Match ids are 4 bytes; salts and the rest are drawn as usual.
    monkeypatch.setattr(secrets, "token_hex", lambda n=None: next(drawn) if n == 4 else real(n))
    core = lobby_host()
    core.reserved = lambda match_id: match_id == "bbbb0002"   # unloaded, say
    first, umpire_token = core.create(triangle(), MatchSettings(seed=3), NOW)
    assert first.match_id == "aaaa0001"
    umpire = Link()
    core.handle(umpire, {"type": "rejoin", "match": "aaaa0001", "token": umpire_token})
    child, reply = core.fork(umpire, {"type": "fork", "turn": 1}, NOW)
    assert child.match_id == reply["match"] == "cccc0003"
    assert next(drawn, None) is None   # every id was drawn: in use, reserved, in use, free


def test_a_match_outside_the_registry_comes_from_the_loader_hook():
    core = lobby_host()
    stored, _ = HostCore(lambda: NOW).create(triangle(), MatchSettings(seed=3), NOW)
    asked = []

    def load(match_id: str, message: dict):
        asked.append(match_id)
        if match_id == stored.match_id:
            core.add(stored)
            return stored
        return None

    core.load = load
    joined = core.handle(Link(), {"type": "spectate", "match": stored.match_id})
    assert decoded(joined.reply)["seat"] == "spectator"
    with pytest.raises(ProtocolError, match="there is no match 'nowhere'"):
        core.handle(Link(), {"type": "spectate", "match": "nowhere"})
    assert asked == [stored.match_id, "nowhere"]


def test_a_session_keeps_the_seat_a_joined_reply_gives_and_how_to_take_it_back():
    seat = Seat()
    seat.asking({"type": "join", "rid": 4, "match": "m1", "seat": "RED"})
    seat.note({"type": "joined", "rid": 4, "match": "m1", "seat": "RED", "token": "tok"})
    assert (seat.seat, seat.match_id, seat.token) == ("RED", "m1", "tok")
    assert seat.follow == {"type": "rejoin", "rid": REJOIN_RID, "match": "m1", "token": "tok"}
    watcher = Seat()
    watcher.asking({"type": "spectate", "rid": 5, "match": "m2", "password": "pw"})
    watcher.note({"type": "joined", "rid": 5, "match": "m2", "seat": "spectator"})
    assert watcher.token is None and watcher.follow == {
        "type": "spectate", "rid": REJOIN_RID, "match": "m2", "password": "pw"}
    assert Seat.refused_back(protocol.error("bad_token", "no", REJOIN_RID))
    assert not Seat.refused_back(protocol.error("bad_token", "no", 4))


def test_a_session_refuses_a_host_of_another_version_and_knows_a_final_close():
    assert checked_version({"type": "pong", "version": protocol.PROTOCOL_VERSION}, "h:1") == \
        protocol.PROTOCOL_VERSION
    with pytest.raises(VersionError, match="h:1 speaks protocol version 99"):
        checked_version({"type": "pong", "version": 99}, "h:1")
    assert final_close("the umpire released this seat") and not final_close("going away")
