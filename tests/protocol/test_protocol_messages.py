"""The wire: frames, schemas and limits, checked before any handler runs."""

from __future__ import annotations

import msgpack
import pytest

from game import protocol
from game.match import MATCH_ERROR_CODES
from game.protocol import ProtocolError, RateLimit, decode, encode


def refused(code: str, frame) -> str:
    with pytest.raises(ProtocolError) as err:
        decode(frame)
    assert err.value.code == code
    return err.value.message


def test_a_message_round_trips_through_a_frame():
    message = {"type": "chat", "rid": 7, "channel": ["RED", "BLU"], "text": "hello"}
    assert decode(encode(message)) == message


def test_every_match_error_code_is_a_protocol_error_code():
    assert set(MATCH_ERROR_CODES) <= set(protocol.ERROR_CODES)


@pytest.mark.parametrize("frame", ["text frame", b"\xc1", b"\x92\x01", b"\x81\xa1a\x01\x01",
                                   encode([1, 2]), encode("type"), encode(None),
                                   msgpack.packb({1: "int key"})])
def test_a_frame_that_is_not_one_map_is_a_bad_frame(frame):
    refused("bad_frame", frame)


def test_valid_messagepack_the_protocol_refuses_is_named_as_such():
    # A map key that is not text, or an extension type (a timestamp too), is valid
    # MessagePack: the error says what the protocol refuses, not that the frame is broken.
    key = refused("bad_frame", msgpack.packb({"type": "chat", "nested": {1: "int key"}}))
    assert key == "the frame is MessagePack, but a map key in it is not text"
    ext = refused("bad_frame", msgpack.packb({"type": msgpack.ExtType(5, b"xx")}))
    assert ext.startswith("the frame is MessagePack, but holds an extension type")
    stamp = refused("bad_frame", msgpack.packb({"type": msgpack.Timestamp(1, 0)}))
    assert stamp == ext
    assert refused("bad_frame", b"\xc1") == "the frame is not valid MessagePack"


def test_an_oversized_frame_is_refused():
    big = encode({"type": "chat", "channel": "public", "text": "x" * protocol.MAX_FRAME_BYTES})
    assert "at most" in refused("bad_frame", big)


def test_a_message_needs_a_known_type():
    refused("bad_message", encode({"rid": 1}))
    refused("bad_message", encode({"type": 5}))
    assert "'fly'" in refused("unknown_type", encode({"type": "fly"}))


@pytest.mark.parametrize("message, words", [
    ({"type": "chat", "text": "hi"}, "needs 'channel'"),
    ({"type": "chat", "channel": "public", "text": "hi", "extra": 1}, "no field 'extra'"),
    ({"type": "chat", "channel": 5, "text": "hi"}, "'channel' must be"),
    ({"type": "chat", "channel": "public", "text": "x" * 2001}, "at most 2000"),
    ({"type": "ready", "ready": 1}, "true or false"),
    ({"type": "join", "match": "m", "seat": "R" * 65}, "at most 64"),
    ({"type": "orders", "orders": {"op": "build"}}, "must be a list"),
    ({"type": "orders", "orders": [{}] * 1001}, "more than 1000"),
    ({"type": "propose", "terms": {"a": [[[[[[[1]]]]]]]}}, "deeper"),
    ({"type": "propose", "terms": {"k": b"bytes"}}, "other than"),
    ({"type": "set_deadline", "deadline_at": float("nan")}, "finite"),
    ({"type": "create_match", "scenario": "t", "seed": -1}, "whole number"),
    ({"type": "ping", "rid": [1]}, "'rid'"),
])
def test_a_message_that_breaks_its_schema_is_refused_with_a_reason(message, words):
    assert words in refused("bad_message", encode(message))


def test_nil_is_allowed_only_where_the_schema_says():
    assert decode(encode({"type": "set_deadline", "deadline_at": None}))["deadline_at"] is None
    refused("bad_message", encode({"type": "ready", "ready": None}))


def test_rid_is_found_even_in_a_refused_message():
    assert protocol.rid_of(encode({"type": "fly", "rid": "a1"})) == "a1"
    assert protocol.rid_of(b"\xc1") is None


def test_the_rate_limit_allows_a_burst_then_the_rate():
    limit = RateLimit(now=0.0, rate=10, burst=3)
    assert [limit.allow(0.0) for _ in range(4)] == [True, True, True, False]
    assert limit.allow(0.1) is True        # one token back after 1/10 s
    assert limit.allow(0.1) is False
    assert limit.strikes == 2 and not limit.exhausted
