"""The wire (docs/ARCHITECTURE.md, docs/PROTOCOL.md): MessagePack frames, message schemas,
validation at the boundary, stable error codes and the protocol's limits.

Every frame is one MessagePack map with a ``type``. ``decode`` turns a frame into a checked
message or raises ``ProtocolError`` with a code and a sentence; no handler ever sees a
message that does not fit its schema. Messages the server sends are not checked here (the
server builds them), but they are encoded the same way.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass
from typing import Any

import msgpack

# The codes a Match refuses a command with are the match's own; the wire carries them as they are.
from game.match.errors import MATCH_ERROR_CODES

PROTOCOL_VERSION = 1

# --- limits (documented in docs/PROTOCOL.md; part of the protocol) ------------------------

MAX_FRAME_BYTES = 256 * 1024     # a client frame; bigger ones close the connection (1009)
MAX_ID_LENGTH = 64               # ids, tokens, names, passwords, scenario names
MAX_TEXT_LENGTH = 2000           # a chat message
MAX_LIST_LENGTH = 1000           # orders in a set, items in any list
MAX_MAP_LENGTH = 64              # keys in any map inside a message
MAX_DEPTH = 6                    # nesting inside a message's fields (terms, orders)
RATE_PER_SECOND = 20             # sustained messages per connection
RATE_BURST = 40                  # messages allowed at once before the rate applies
RATE_STRIKES = 20                # refused-for-rate messages before the connection is closed
MAX_INT = 2**53 - 1              # whole numbers (turns, seeds, indexes): exact in any client

# --- error codes ----------------------------------------------------------------------------

ERROR_CODES: dict[str, str] = {
    "bad_frame": "the frame is not one MessagePack map (or is a text frame)",
    "bad_message": "a field is missing, unknown, or of the wrong type or size",
    "unknown_type": "there is no message of that type",
    "rate_limited": "too many messages; slow down",
    "not_joined": "join, rejoin or spectate a match first",
    "already_joined": "this connection already follows a match",
    "no_match": "there is no match with that id",
    "bad_scenario": "there is no scenario of that name on this server",
    "server_full": "the server holds as many matches as it may",
    "too_many_connections": "as many connections as there may be follow the match with "
                            "that seat token",
    "broken_match": "the match's log does not replay, so it cannot be played",
    "moved": "another host process serves that match: ask again at the reply's url",
    "internal": "the server failed to handle the message; the match is unchanged",
    **MATCH_ERROR_CODES,
}


class ProtocolError(Exception):
    """A message refused at the boundary: ``code`` from ERROR_CODES and a sentence."""

    def __init__(self, code: str, message: str,
                 fields: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.fields = fields   # more fields of the error reply (``moved`` names ``url``)


# --- schemas --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Field:
    """One field of a message: its kind, whether it must be there, whether nil is allowed.

    Kinds: ``id`` (short text), ``text`` (chat), ``int``, ``number``, ``bool``, ``channel``
    (a channel name or a list of ids), ``ids`` (a list of ids), ``doc`` (plain data: maps,
    lists, text, numbers, within the limits), ``docs`` (a list of docs), ``notes`` (a map
    from ids to text).
    """

    kind: str
    required: bool = True
    nullable: bool = False


def _f(kind: str, required: bool = True, nullable: bool = False) -> Field:
    return Field(kind, required, nullable)


# Messages a client may send, with their fields (``type`` and ``rid`` are implied).
CLIENT_SCHEMAS: dict[str, dict[str, Field]] = {
    "ping": {},
    "list_matches": {"offset": _f("int", False), "limit": _f("int", False),
                     "held": _f("ids", False)},
    "list_scenarios": {},
    "create_match": {"scenario": _f("id"), "name": _f("id", False), "fog": _f("bool", False),
                     "deadline": _f("number", False, True), "password": _f("id", False),
                     "bots": _f("ids", False), "empty": _f("ids", False),
                     "seed": _f("int", False), "personalities": _f("doc", False),
                     # Workshop options (docs/WORKSHOP.md): what the console sets at the start.
                     "review": _f("bool", False), "bot_takeover": _f("bool", False),
                     "opening_stage": _f("id", False), "team_size": _f("int", False),
                     "channels": _f("docs", False),
                     "talks_deadline": _f("number", False)},
    "join": {"match": _f("id"), "seat": _f("id"), "name": _f("id", False),
             "password": _f("id", False)},
    "rejoin": {"match": _f("id"), "token": _f("id")},
    "spectate": {"match": _f("id"), "password": _f("id", False)},
    "map": {},
    "chat": {"channel": _f("channel"), "text": _f("text")},
    "chat_history": {"before": _f("int"), "limit": _f("int", False)},
    "propose": {"terms": _f("doc")},
    "accept": {"proposal": _f("id")},
    "decline": {"proposal": _f("id")},
    "withdraw": {"proposal": _f("id")},
    "orders": {"orders": _f("docs"), "base": _f("int", False)},
    "ready": {"ready": _f("bool")},
    "share_orders": {"share": _f("bool")},
    "adjudicate": {},
    "set_deadline": {"deadline_at": _f("number", True, True)},
    "release_seat": {"seat": _f("id")},
    # Workshop mode (docs/WORKSHOP.md): teams, notes for the umpire, the umpire's console.
    "join_team": {"match": _f("id"), "seat": _f("id"), "name": _f("id", False),
                  "role": _f("id", False), "password": _f("id", False)},
    "sign_off": {},
    "intent": {"text": _f("text")},
    "insight": {"text": _f("text")},
    "role_token": {"role": _f("id"), "label": _f("id", False)},
    "revoke_role_token": {"id": _f("id")},
    "observer_access": {"full": _f("bool")},
    "set_channel": {"channel": _f("doc")},
    "close_channel": {"channel": _f("id")},
    "set_stage": {"stage": _f("id"), "every_turn": _f("bool", False)},
    "pause": {},
    "resume": {},
    "adjust_deadline": {"seconds": _f("number")},
    "set_warning": {"seconds": _f("number", True, True)},
    "set_review": {"on": _f("bool")},
    "set_bot_takeover": {"personalities": _f("notes", True, True)},
    "amend_order": {"power": _f("id"), "index": _f("int"), "order": _f("doc", True, True),
                    "rationale": _f("text")},
    "release_result": {"feedback": _f("notes", False)},
    "edit_world": {"edit": _f("doc"), "rationale": _f("text")},
    "inject": {"inject": _f("doc")},
    "rollback": {"turn": _f("int")},
    "fork": {"turn": _f("int"), "name": _f("id", False)},
    "dashboard": {},
    "set_brief": {"brief": _f("id"), "text": _f("text")},
}


# --- encoding and decoding ------------------------------------------------------------------


def encode(message: dict[str, Any]) -> bytes:
    """One message as a binary frame (what ``msgpack.packb`` gives, byte for byte)."""
    packer = getattr(_packers, "packer", None)
    if packer is None:
        packer = _packers.packer = msgpack.Packer(use_bin_type=True)
    frame: bytes = packer.pack(message)    # msgpack is untyped
    return frame


# One packer per thread, kept: ``msgpack.packb`` makes a new one, with a fresh buffer, for
# every call, which cost more than packing a small frame (a reply, a ready flag, a chat
# line), and the host packs a few for every command. Per thread, since a packer's buffer
# is its own state (the client packs on more than one thread).
_packers = threading.local()


def decode_raw(frame: Any) -> dict[str, Any]:
    """A frame as a map with a known ``type``, unchecked otherwise (clients use this for the
    server's messages)."""
    if not isinstance(frame, (bytes, bytearray)):
        raise ProtocolError("bad_frame", "frames must be binary, one MessagePack map each")
    if len(frame) > MAX_FRAME_BYTES:
        raise ProtocolError("bad_frame", f"a frame is at most {MAX_FRAME_BYTES} bytes")
    try:
        message = msgpack.unpackb(
            frame, raw=False, strict_map_key=True, max_str_len=MAX_FRAME_BYTES,
            max_bin_len=MAX_FRAME_BYTES, max_array_len=MAX_FRAME_BYTES,
            max_map_len=MAX_FRAME_BYTES, max_ext_len=0)
    except Exception as err:  # msgpack raises a zoo of types for bad input
        raise ProtocolError("bad_frame", _unpack_problem(err)) from None
    if not isinstance(message, dict):
        raise ProtocolError("bad_frame", "a frame must hold one MessagePack map")
    return message


def _unpack_problem(err: Exception) -> str:
    """What is wrong with a frame msgpack would not unpack, in one sentence. Two frames are
    valid MessagePack that the protocol refuses (a map key that is not text; an extension
    type, timestamps included, since a log must hold only JSON's types): msgpack tells them
    only by its message, and anything else is malformed."""
    said = str(err)
    if isinstance(err, ValueError) and "map key" in said:
        return "the frame is MessagePack, but a map key in it is not text"
    if isinstance(err, ValueError) and "max_ext_len" in said:
        return ("the frame is MessagePack, but holds an extension type, which the protocol "
                "does not use")
    return "the frame is not valid MessagePack"


def decode(frame: Any) -> dict[str, Any]:
    """A client frame as a checked message; raises ProtocolError naming the problem."""
    message = decode_raw(frame)
    rid = message.get("rid")
    kind = message.get("type")
    if not isinstance(kind, str):
        raise ProtocolError("bad_message", "a message needs a 'type' (text)")
    schema = CLIENT_SCHEMAS.get(kind)
    if schema is None:
        raise ProtocolError("unknown_type", f"there is no message type {kind[:MAX_ID_LENGTH]!r}")
    if rid is not None and not (_is_int(rid) or (isinstance(rid, str)
                                                 and len(rid) <= MAX_ID_LENGTH)):
        raise ProtocolError("bad_message", "'rid' must be an integer or short text")
    for key in message:
        if key not in schema and key not in ("type", "rid"):
            raise ProtocolError("bad_message", f"{kind} has no field {str(key)[:MAX_ID_LENGTH]!r}")
    for name, field in schema.items():
        if name not in message:
            if field.required:
                raise ProtocolError("bad_message", f"{kind} needs {name!r}")
            continue
        value = message[name]
        if value is None and field.nullable:
            continue
        problem = _problem(field.kind, value)
        if problem:
            raise ProtocolError("bad_message", f"{kind}: {name!r} {problem}")
        if field.kind in CLEANED_KINDS:
            message[name] = cleaned(value, keep_lines=field.kind in ("text", "notes"))
    return message


# --- text that reaches other people ------------------------------------------------------------

# Control characters (C0 and C1) and the bidirectional overrides, embeddings and isolates:
# in a name or a chat message they could hide text, fake a line from someone else or
# reverse what follows them on another player's screen. Line breaks and tabs stay in text.
_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_UNSAFE = {c: None for c in [*range(0x00, 0x20), *range(0x7f, 0xa0)]} | {ord(c): None
                                                                         for c in _BIDI}
_UNSAFE_IN_LINE = {c: v for c, v in _UNSAFE.items() if c not in (0x09, 0x0a)}
CLEANED_KINDS = frozenset({"id", "text", "ids", "channel", "notes"})


def cleaned(value: Any, keep_lines: bool = False) -> Any:
    """``value`` (text, or a list or map of text) without control and bidirectional
    override characters; text keeps its line breaks and tabs when ``keep_lines``."""
    table = _UNSAFE_IN_LINE if keep_lines else _UNSAFE
    if isinstance(value, str):
        return value.translate(table)
    if isinstance(value, list):
        return [cleaned(v, keep_lines) for v in value]
    if isinstance(value, dict):
        return {cleaned(k): cleaned(v, keep_lines) for k, v in value.items()}
    return value


def rid_of(frame: Any) -> Any:
    """The ``rid`` of a frame that failed to decode, when it can be found (to echo it)."""
    try:
        rid = decode_raw(frame).get("rid")
    except ProtocolError:
        return None
    return rid if _is_int(rid) or (isinstance(rid, str) and len(rid) <= MAX_ID_LENGTH) else None


def error(code: str, message: str, rid: Any = None,
          fields: dict[str, Any] | None = None) -> dict[str, Any]:
    doc: dict[str, Any] = {"type": "error", "code": code, "message": message, **(fields or {})}
    if rid is not None:
        doc["rid"] = rid
    return doc


# --- field checks ---------------------------------------------------------------------------


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_id(value: Any) -> bool:
    return isinstance(value, str) and len(value) <= MAX_ID_LENGTH


def _problem(kind: str, value: Any) -> str | None:
    """Why ``value`` is not a ``kind``, or None."""
    if kind == "id":
        return None if _is_id(value) else f"must be text of at most {MAX_ID_LENGTH} characters"
    if kind == "text":
        return (None if isinstance(value, str) and len(value) <= MAX_TEXT_LENGTH
                else f"must be text of at most {MAX_TEXT_LENGTH} characters")
    if kind == "int":
        return (None if _is_int(value) and 0 <= value <= MAX_INT
                else f"must be a whole number from 0 to {MAX_INT} (2^53 - 1)")
    if kind == "number":
        ok = (isinstance(value, (int, float)) and not isinstance(value, bool)
              and math.isfinite(value))
        return None if ok else "must be a finite number"
    if kind == "bool":
        return None if isinstance(value, bool) else "must be true or false"
    if kind == "channel":
        if _is_id(value) or (isinstance(value, list) and len(value) <= MAX_MAP_LENGTH
                             and all(_is_id(v) for v in value)):
            return None
        return "must be a channel name ('public', 'team', …) or a list of power ids"
    if kind == "notes":
        if (isinstance(value, dict) and len(value) <= MAX_MAP_LENGTH
                and all(_is_id(k) and isinstance(v, str) and len(v) <= MAX_TEXT_LENGTH
                        for k, v in value.items())):
            return None
        return f"must map power ids to text of at most {MAX_TEXT_LENGTH} characters"
    if kind == "ids":
        return (None if isinstance(value, list) and len(value) <= MAX_MAP_LENGTH
                and all(_is_id(v) for v in value) else "must be a list of ids")
    if kind == "doc":
        return _doc_problem(value, MAX_DEPTH)
    if kind == "docs":
        if not isinstance(value, list):
            return "must be a list"
        if len(value) > MAX_LIST_LENGTH:
            return f"has more than {MAX_LIST_LENGTH} items"
        for item in value:
            problem = _doc_problem(item, MAX_DEPTH - 1)
            if problem:
                return problem
        return None
    raise AssertionError(f"unknown field kind {kind}")


def _doc_problem(value: Any, depth: int) -> str | None:
    """Plain data within the limits: maps with text keys, lists, text, numbers, bools, nil."""
    if depth < 0:
        return f"nests deeper than {MAX_DEPTH} levels"
    if value is None or isinstance(value, (bool, int)):
        return None
    if isinstance(value, float):
        return None if math.isfinite(value) else "holds a number that is not finite"
    if isinstance(value, str):
        return None if len(value) <= MAX_TEXT_LENGTH else "holds text that is too long"
    if isinstance(value, list):
        if len(value) > MAX_LIST_LENGTH:
            return f"holds a list of more than {MAX_LIST_LENGTH} items"
        for item in value:
            problem = _doc_problem(item, depth - 1)
            if problem:
                return problem
        return None
    if isinstance(value, dict):
        if len(value) > MAX_MAP_LENGTH:
            return f"holds a map of more than {MAX_MAP_LENGTH} keys"
        for key, item in value.items():
            if not _is_id(key):
                return "holds a map key that is not short text"
            problem = _doc_problem(item, depth - 1)
            if problem:
                return problem
        return None
    return "holds something other than maps, lists, text, numbers and booleans"


# --- the rate limit -------------------------------------------------------------------------


class RateLimit:
    """A token bucket per connection: ``RATE_BURST`` at once, then ``RATE_PER_SECOND``.
    Time is passed in, as everywhere below the server."""

    def __init__(self, now: float, rate: float = RATE_PER_SECOND,
                 burst: float = RATE_BURST) -> None:
        self.rate = rate
        self.burst = burst
        self.tokens = burst
        self.last = now
        self.strikes = 0

    def allow(self, now: float) -> bool:
        self.tokens = min(self.burst, self.tokens + (now - self.last) * self.rate)
        self.last = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        self.strikes += 1
        return False

    @property
    def exhausted(self) -> bool:
        """Too many refusals: the client is not slowing down, so the server hangs up."""
        return self.strikes > RATE_STRIKES


@dataclass(frozen=True)
class Backoff:
    """How a client retries a dropped connection: ``first`` seconds, doubling up to ``cap``,
    at most ``attempts`` times (about a minute and a half by default), then it gives up.
    One policy for every client of the wire (the game's client and ``casus bot``)."""

    first: float = 0.5
    cap: float = 8.0
    attempts: int = 14

    def delay(self, attempt: int) -> float:
        return min(self.cap, self.first * float(2 ** max(0, attempt - 1)))
