"""The client session core without I/O (game/session.py): frames in, decisions and frames out.

The game's websocket connection and ``casus bot`` are transports over this core; here it is
fed the host's messages by hand and asked what to send, where to go and when to try again.
"""

from __future__ import annotations

import pytest

from game import protocol
from game.protocol import Backoff
from game.session import MAX_MOVES, REJOIN_RID, Retry, Session, VersionError, hello

HOME = "ws://lobby:8765"
A = "ws://a:8765"


def joined(rid, seat="RED", token="tok-1", match="m1"):
    out = {"type": "joined", "rid": rid, "match": match, "seat": seat, "snapshot": {}}
    if token is not None:
        out["token"] = token
    return out


def moved(rid, url=A):
    return {"type": "error", "rid": rid, "code": "moved", "message": "elsewhere", "url": url}


def seated(session: Session, token="tok-1") -> dict:
    """A session that opened a socket and took RED of m1 by a join."""
    if not session.opened_once:
        session.opened()
    join = session.request({"type": "join", "match": "m1", "seat": "RED"})
    session.received(joined(join["rid"], token=token))
    return join


# --- requests and replies -----------------------------------------------------------------


def test_each_request_gets_a_rid_of_its_own_and_waits_for_its_reply():
    s = Session(HOME)
    first = s.request({"type": "list_matches"})
    second = s.request({"type": "ping"})
    given = s.request({"type": "map", "rid": "mine"})
    assert first["rid"] != second["rid"] and given["rid"] == "mine"
    assert set(s.pending) == {first["rid"], second["rid"], "mine"}
    reply = s.received({"type": "match_list", "rid": second["rid"], "matches": []})
    assert reply.is_reply and reply.request == second
    assert set(s.pending) == {first["rid"], "mine"}


def test_a_refusal_and_rate_limiting_answer_their_request():
    s = Session(HOME)
    chat = s.request({"type": "chat", "channel": "public", "text": "hi"})
    limited = s.received({"type": "error", "rid": chat["rid"], "code": "rate_limited",
                          "message": "too many messages; slow down"})
    assert limited.request == chat and chat["rid"] not in s.pending


def test_messages_without_a_rid_nothing_waits_for_are_pushes():
    s = Session(HOME)
    waiting = s.request({"type": "orders", "orders": []})
    for message in ({"type": "turn_result", "view": {}},
                    {"type": "error", "code": "bad_frame", "message": "not a map"},  # rid unread
                    {"type": "ok", "rid": 999},                                     # not ours
                    {"type": "ok", "rid": [waiting["rid"]]}):                         # hostile
        incoming = s.received(message)
        assert not incoming.is_reply and incoming.move is None, message
    assert waiting["rid"] in s.pending


def test_the_hello_checks_the_host_s_version():
    s = Session(HOME)
    assert hello()["type"] == "ping"
    from game import protocol
    assert s.greeted({"type": "pong", "version": protocol.PROTOCOL_VERSION, "rid": "hello"},
                     "lobby") == protocol.PROTOCOL_VERSION
    with pytest.raises(VersionError, match="lobby speaks protocol version 99"):
        s.greeted({"type": "pong", "version": 99, "rid": "hello"}, "lobby")


# --- the seat and taking it back ----------------------------------------------------------


def test_after_a_drop_the_first_thing_sent_is_the_rejoin_with_the_seat_s_token():
    s = Session(HOME)
    assert s.opened() is False and s.rejoin() is None      # nothing held yet
    seated(s)
    assert s.opened() is True and s.reconnects == 1
    back = s.rejoin()
    assert back == {"type": "rejoin", "rid": REJOIN_RID, "match": "m1", "token": "tok-1"}
    assert s.received(joined(REJOIN_RID, token=None)).request == back
    assert s.held.seat == "RED" and s.held.token == "tok-1"


def test_a_spectator_spectates_again_with_the_password():
    s = Session(HOME)
    s.opened()
    watch = s.request({"type": "spectate", "match": "m1", "password": "pw"})
    s.received(joined(watch["rid"], seat="spectator", token=None))
    assert s.rejoin() == {"type": "spectate", "rid": REJOIN_RID, "match": "m1",
                          "password": "pw"}
    assert s.held.token is None


def test_a_refused_rejoin_says_the_seat_is_lost():
    s = Session(HOME)
    seated(s)
    s.opened()
    back = s.rejoin()
    refused = s.received({"type": "error", "rid": back["rid"], "code": "bad_token",
                          "message": "released"})
    assert refused.seat_lost and refused.request == back


def test_a_seat_known_by_its_token_is_rejoined_on_the_first_socket():
    s = Session(HOME, needs_seat=True)
    s.held.hold("m1", "tok-9")
    s.opened()
    assert s.rejoin() == {"type": "rejoin", "rid": REJOIN_RID, "match": "m1",
                          "token": "tok-9"}


# --- moved replies --------------------------------------------------------------------------


def test_a_moved_join_is_sent_again_first_thing_at_the_named_process():
    s = Session(HOME)
    s.opened()
    join = s.request({"type": "join", "match": "m1", "seat": "RED"})
    incoming = s.received(moved(join["rid"]))
    assert incoming.move == A and incoming.again == join and incoming.request == join
    assert s.url == A and s.moving == A
    assert s.lost("") == Retry(0.0)                       # straight there, no backoff
    assert s.opened() and s.moving is None
    s.received(joined(join["rid"]))
    assert s.held.moves == 0 and s.url == A


def test_only_seat_taking_requests_follow_a_move_and_only_to_a_good_address():
    s = Session(HOME, address=lambda url: None if "bad" in url else url)
    s.opened()
    listing = s.request({"type": "list_matches"})
    assert s.received(moved(listing["rid"])).move is None
    join = s.request({"type": "join", "match": "m1", "seat": "RED"})
    refused = s.received(moved(join["rid"], url="ws://bad:1"))
    assert refused.move is None and refused.request == join and s.url == HOME


def test_a_moved_rejoin_goes_again_by_itself_on_reconnecting():
    s = Session(HOME)
    seated(s)
    s.opened()
    back = s.rejoin()
    incoming = s.received(moved(back["rid"]))
    assert incoming.move == A and incoming.again is None


def test_moves_are_followed_at_most_max_moves_times_in_a_row():
    s = Session(HOME)
    s.opened()
    join = s.request({"type": "join", "match": "m1", "seat": "RED"})
    followed = 0
    for hop in range(MAX_MOVES + 2):
        incoming = s.received(moved(join["rid"], url=f"ws://h{hop}:8765"))
        if incoming.move is None:
            assert incoming.request == join   # the last one reaches the caller as a reply
            break
        followed += 1
        s.opened()
    assert followed == MAX_MOVES


# --- reconnecting ---------------------------------------------------------------------------


def test_a_first_attempt_that_fails_is_not_retried():
    assert Session(HOME).failed() == Retry(None)


def test_after_a_drop_the_pauses_follow_the_backoff_then_it_gives_up():
    # docs/ONLINE.md: a quarter second, then 0.5, 1, 2, 4 and 8 s (the cap) for each try.
    s = Session(HOME, Backoff(first=0.5, cap=4.0, attempts=5))
    s.opened()
    delays = [s.lost("").delay] + [s.failed().delay for _ in range(5)]
    assert delays == [0.25, 0.5, 1.0, 2.0, 4.0, 4.0]
    assert s.failed() == Retry(None, gave_up=True)


def test_a_host_that_drops_every_socket_before_the_seat_is_back_is_given_up_on():
    s = Session(HOME, Backoff(first=0.5, cap=8.0, attempts=3))
    seated(s)
    delays = []
    for _ in range(4):
        delays.append(s.lost("").delay)
        s.opened()        # open, rejoin sent, dropped before its ``joined``
        s.rejoin()
    assert delays == [0.25, 0.5, 1.0, 2.0] and s.lost("") == Retry(None, gave_up=True)


def test_a_host_that_takes_the_seat_back_and_drops_it_at_once_is_given_up_on():
    s = Session(HOME, Backoff(first=0.5, cap=8.0, attempts=3))
    seated(s)
    retries = []
    for _ in range(4):
        retries.append(s.lost(""))
        s.opened()
        s.received(joined(s.rejoin()["rid"], token=None))   # back, and dropped at once
    assert [r.delay for r in retries] == [0.25, 0.25, 0.25, None]
    assert retries[-1].gave_up


def test_anything_from_the_host_after_the_seat_is_back_shows_the_socket_works():
    s = Session(HOME, Backoff(first=0.5, cap=8.0, attempts=2))
    seated(s)
    for _ in range(6):      # more drops than attempts, each after the host said something
        assert s.lost("").delay == 0.25
        s.opened()
        s.received(joined(s.rejoin()["rid"], token=None))
        s.received({"type": "chat", "seq": 1, "text": "still here"})


def test_taking_the_seat_back_starts_a_fresh_backoff():
    s = Session(HOME, Backoff(first=0.5, cap=8.0, attempts=3))
    seated(s)
    assert [s.lost("").delay, s.failed().delay] == [0.25, 0.5]
    s.opened()
    s.received(joined(s.rejoin()["rid"], token=None))
    assert s.lost("").delay == 0.25 and s.failed().delay == 0.5


def test_an_unreachable_process_sends_the_session_back_to_the_lobby():
    s = Session(HOME)
    s.opened()
    join = s.request({"type": "join", "match": "m1", "seat": "RED"})
    s.received(moved(join["rid"]))
    s.opened()
    s.received(joined(join["rid"]))
    assert s.url == A
    assert s.lost("").again and s.url == A                # first try the same process
    assert s.failed().again and s.url == HOME and s.held.moves == 0


def test_a_close_that_releases_the_seat_or_a_wrong_host_ends_the_session():
    s = Session(HOME)
    seated(s)
    assert s.lost("released this seat") == Retry(None)
    assert s.failed(final=True) == Retry(None)


def test_a_session_that_needs_a_seat_comes_back_only_to_one():
    bot = Session(HOME, needs_seat=True)
    bot.opened()
    assert bot.lost("") == Retry(None)          # dropped before it was ever seated
    seated(bot)
    assert bot.lost("").again


# --- requests a lost socket leaves unanswered -----------------------------------------------


def test_requests_sent_on_a_lost_socket_are_answered_with_an_error_queued_ones_wait():
    session = Session(HOME)
    seated(session)
    sent = session.request({"type": "orders", "orders": []})
    queued = session.request({"type": "chat", "text": "hi"})
    back = session.rejoin()
    errors = session.unanswered([queued])
    assert [(e["type"], e["code"], e["rid"]) for e in errors] == [
        ("error", "not_connected", sent["rid"])]
    assert "lost before the host answered" in errors[0]["message"]
    # The queued request still waits for its reply; the rejoin goes again by itself.
    assert set(session.pending) == {queued["rid"]} and back["rid"] == REJOIN_RID
    assert session.received({"type": "ok", "rid": sent["rid"]}).request is None  # a push now
    assert session.unanswered() == [protocol.error("not_connected", "the connection was lost "
                                                   "before the host answered", queued["rid"])]
    assert session.pending == {}


def test_an_unanswered_join_is_forgotten_as_a_seat_taking_request():
    session = Session(HOME)
    session.opened()
    join = session.request({"type": "join", "match": "m1", "seat": "RED"})
    session.unanswered()
    assert session.held.asked(join["rid"]) is None
    assert session.received(moved(join["rid"])).move is None   # nothing to follow any more
