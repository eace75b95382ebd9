"""Hostile input to every workshop command: whatever plain data arrives (as the protocol
lets through), a command either works or is refused with a MatchError, and the match's
log still replays to the same match."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from game.match import UMPIRE, Match, MatchError
from workshop_support import workshop

plain = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 12) | st.floats(allow_nan=False)
    | st.sampled_from(["RED", "BLU", "GRN", "R", "B", "X", "P1", "all", "press", "team",
                       "orders", "negotiation", "scandal", "leak", "move_units", "group"]),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.sampled_from(["kind", "power", "powers", "targets", "amount", "n",
                                       "from", "to", "territory", "owner", "value", "pact",
                                       "id", "members", "writers", "stages", "text", "owed",
                                       "kept", "between", "condition", "turn"]),
                      inner, max_size=6),
    max_leaves=12)

COMMANDS = {
    "edit_world": lambda m, a, b: m.edit_world(UMPIRE, a, "why", 1.0),
    "inject": lambda m, a, b: m.inject(UMPIRE, a, 1.0),
    "set_channel": lambda m, a, b: m.set_channel(UMPIRE, a, 1.0),
    "close_channel": lambda m, a, b: m.close_channel(UMPIRE, a, 1.0),
    "set_stage": lambda m, a, b: m.set_stage(UMPIRE, a, 1.0, every_turn=b),
    "adjust_deadline": lambda m, a, b: m.adjust_deadline(UMPIRE, a, 1.0),
    "set_warning": lambda m, a, b: m.set_warning(UMPIRE, a, 1.0),
    "set_review": lambda m, a, b: m.set_review(UMPIRE, a, 1.0),
    "set_bot_takeover": lambda m, a, b: m.set_bot_takeover(UMPIRE, a, 1.0),
    "observer_access": lambda m, a, b: m.set_observer_access(UMPIRE, a, 1.0),
    "role_token": lambda m, a, b: m.create_role_token(UMPIRE, a, 1.0, label=b),
    "revoke_role_token": lambda m, a, b: m.revoke_role_token(UMPIRE, a, 1.0),
    "rollback": lambda m, a, b: m.rollback(UMPIRE, a, 1.0),
    "fork": lambda m, a, b: m.fork(UMPIRE, a, "f", 1.0, name=b),
    "amend_order": lambda m, a, b: m.amend_order(UMPIRE, a, b, a, "why", 1.0),
    "release_result": lambda m, a, b: m.release_result(UMPIRE, a, 1.0),
    "join_team": lambda m, a, b: m.join_team(a, 1.0, role=b),
    "sign_off": lambda m, a, b: m.sign_off(a, 1.0),
    "intent": lambda m, a, b: m.state_intent("RED", a, 1.0),
    "insight": lambda m, a, b: m.note_insight("RED", a, 1.0),
    "chat": lambda m, a, b: m.send_chat("RED", a, "hello", 1.0),
}


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(sorted(COMMANDS)), plain, plain, st.booleans())
def test_any_input_is_worked_or_refused_and_the_log_still_replays(name, a, b, review):
    match = workshop(review=review)
    match.submit_orders("RED", [{"op": "build", "territory": "R", "n": 1}], 0.5)
    if review:
        match.force_adjudicate(UMPIRE, 0.5)
    try:
        COMMANDS[name](match, a, b)
    except MatchError as err:
        assert err.message
    again = Match.replay(match.log)
    assert again.state.hash() == match.state.hash()
    assert again.snapshot(UMPIRE) == match.snapshot(UMPIRE)
