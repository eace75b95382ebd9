"""The workshop messages on the wire: a valid example of each decodes unchanged, and each
schema rejects bad input with a reason, before any handler runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from game import protocol
from game.protocol import ProtocolError, decode, encode

# One valid example of every workshop message (the documented ones, docs/PROTOCOL.md §10).
VALID = {
    "join_team": {"match": "16f33baa", "seat": "RED", "name": "Bo", "role": "foreign minister"},
    "sign_off": {},
    "intent": {"text": "Keep BLU close; test GRN."},
    "insight": {"text": "Deterrence needs credibility."},
    "role_token": {"role": "observer", "label": "projector"},
    "revoke_role_token": {"id": "T2"},
    "observer_access": {"full": True},
    "set_channel": {"channel": {"id": "herald", "kind": "press", "name": "The Herald"}},
    "close_channel": {"channel": "herald"},
    "set_stage": {"stage": "negotiation", "every_turn": True},
    "pause": {},
    "resume": {},
    "adjust_deadline": {"seconds": -30},
    "set_warning": {"seconds": None},
    "set_review": {"on": True},
    "set_bot_takeover": {"personalities": {"BLU": "hawk"}},
    "amend_order": {"power": "RED", "index": 1, "order": None, "rationale": "off script"},
    "release_result": {"feedback": {"RED": "Mind your allies."}},
    "edit_world": {"edit": {"kind": "set_treasury", "power": "RED", "value": 3},
                   "rationale": "a loan"},
    "inject": {"inject": {"kind": "scandal", "targets": ["BLU"], "amount": 5}},
    "rollback": {"turn": 2},
    "fork": {"turn": 2, "name": "What if"},
    "dashboard": {},
}

# For each message type: fields that break its schema, and words of the reason.
BAD = [
    ("join_team", {"match": "m"}, "needs 'seat'"),
    ("join_team", {"match": "m", "seat": "RED", "role": "r" * 65}, "at most 64"),
    ("sign_off", {"orders": []}, "no field 'orders'"),
    ("intent", {}, "needs 'text'"),
    ("intent", {"text": "x" * 2001}, "at most 2000"),
    ("insight", {"text": 7}, "must be text"),
    ("role_token", {"role": ["observer"]}, "must be text"),
    ("revoke_role_token", {"id": 2}, "must be text"),
    ("observer_access", {"full": "yes"}, "true or false"),
    ("set_channel", {"channel": {"id": b"x"}}, "other than"),
    ("set_channel", {}, "needs 'channel'"),
    ("close_channel", {"channel": None}, "must be text"),
    ("set_stage", {"stage": "orders", "every_turn": 1}, "true or false"),
    ("pause", {"seconds": 5}, "no field 'seconds'"),
    ("resume", {"now": 1}, "no field 'now'"),
    ("adjust_deadline", {"seconds": float("inf")}, "finite"),
    ("adjust_deadline", {"seconds": None}, "finite"),
    ("set_warning", {}, "needs 'seconds'"),
    ("set_review", {"on": None}, "true or false"),
    ("set_bot_takeover", {}, "needs 'personalities'"),
    ("set_bot_takeover", {"personalities": {"BLU": 3}}, "map power ids to text"),
    ("amend_order", {"power": "RED", "index": -1, "order": None, "rationale": "r"},
     "whole number"),
    ("amend_order", {"power": "RED", "index": 0, "rationale": "r"}, "needs 'order'"),
    ("amend_order", {"power": "RED", "index": 0, "order": None, "rationale": "x" * 2001},
     "at most 2000"),
    ("release_result", {"feedback": {"RED": 5}}, "map power ids to text"),
    ("release_result", {"feedback": ["RED"]}, "map power ids to text"),
    ("edit_world", {"edit": {"kind": "move"}}, "needs 'rationale'"),
    ("edit_world", {"edit": [[[[[[[1]]]]]]], "rationale": "r"}, "deeper"),
    ("inject", {"inject": {"text": "y" * 2001}}, "too long"),
    ("rollback", {"turn": "2"}, "whole number"),
    ("rollback", {"turn": 1.5}, "whole number"),
    ("fork", {}, "needs 'turn'"),
    ("fork", {"turn": 1, "name": 5}, "must be text"),
    ("dashboard", {"powers": []}, "no field 'powers'"),
]


def test_every_workshop_message_has_a_schema_and_a_valid_example():
    assert set(VALID) <= set(protocol.CLIENT_SCHEMAS)
    assert {kind for kind, _, _ in BAD} == set(VALID)


@pytest.mark.parametrize("kind", sorted(VALID))
def test_a_valid_workshop_message_decodes_unchanged(kind):
    message = {"type": kind, "rid": 3, **VALID[kind]}
    assert decode(encode(message)) == message


@pytest.mark.parametrize("kind, fields, words", BAD)
def test_a_bad_workshop_message_is_refused_with_a_reason(kind, fields, words):
    with pytest.raises(ProtocolError) as err:
        decode(encode({"type": kind, **fields}))
    assert err.value.code == "bad_message"
    assert words in err.value.message


@pytest.mark.parametrize("channel", ["team", "team:RED", "herald", "public", ["RED", "BLU"]])
def test_chat_names_any_channel(channel):
    assert decode(encode({"type": "chat", "channel": channel, "text": "hi"}))["channel"] \
        == channel


def test_every_workshop_message_and_push_is_documented():
    doc = (Path(__file__).parents[2] / "docs" / "PROTOCOL.md").read_text(encoding="utf-8")
    workshop = doc[doc.index("## 10. Workshop mode"):]
    assert [kind for kind in VALID if f"`{kind}`" not in workshop] == []
    pushes = ["draft", "intent", "insight", "clock", "deadline_warning", "channel", "review",
              "review_set", "takeover_set", "role_token", "view", "world_edited", "inject", "snapshot",
              "observer_access", "forked"]
    assert [p for p in pushes if f"| `{p}` |" not in workshop] == []


def test_the_host_handles_every_message_type_the_protocol_accepts():
    from game.match.commands import MATCH_COMMANDS
    from server.app import Server

    table = Server(bots=None).core.requests
    unhandled = [kind for kind in protocol.CLIENT_SCHEMAS if kind not in table]
    assert unhandled == []
    assert set(MATCH_COMMANDS) <= set(table)   # every match command, the umpire's included
    # And each table entry names a command of a match (its own or one of its parts') taking
    # the seat, those fields and the time, then its options by name.
    import inspect

    from game.maps import load_scenario, resolve_scenario
    from game.match import Match
    match, _ = Match.create(load_scenario(resolve_scenario("tutorial")), match_id="m", now=0.0)
    for kind, (method, fields, options) in MATCH_COMMANDS.items():
        names = tuple(name for name, p in inspect.signature(getattr(match, method)).parameters
                      .items() if p.kind == p.POSITIONAL_OR_KEYWORD)
        now_at = len(fields) + 1      # after the seat and the fields
        assert (names[0], names[now_at]) == ("seat", "now"), kind
        assert names[now_at + 1:] == options, kind
