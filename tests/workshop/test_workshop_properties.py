"""Whatever a workshop does, in whatever order (teams, press, the umpire's clock, review,
edits, injects, rollbacks), the log replays to the same match, and no seat but the
umpire's ever learns who wrote on the press channel."""

from __future__ import annotations

import json

from hypothesis import given, settings, strategies as st

from game.match import ANALYST, OBSERVER, SPECTATOR, UMPIRE, Match, MatchError, MatchSettings
from match_helpers import triangle

PLAYERS = ["RED", "RED.2", "BLU", "GRN"]
SEATS = PLAYERS + [SPECTATOR, OBSERVER, ANALYST, UMPIRE]
PRESS_MARK = "press-secret-author"
ORDERS = [
    [{"op": "move", "from": "R", "to": "B", "n": 5}, {"op": "declare_war", "target": "BLU"}],
    [{"op": "build", "territory": "G", "n": 1}], [],
    [{"op": "move", "from": "G", "to": "R", "n": 4}, {"op": "declare_war", "target": "RED"}],
]
EDITS = [{"kind": "set_treasury", "power": "BLU", "value": 9},
         {"kind": "move_units", "power": "RED", "from": "R", "to": "G", "n": 1},
         {"kind": "set_legitimacy", "power": "GRN", "value": 20}]
INJECTS = [{"kind": "scandal", "targets": ["RED"], "amount": 7},
           {"kind": "economic_crisis", "amount": 2}, {"kind": "announcement", "text": "News"}]

command = st.one_of(
    st.tuples(st.just("chat"), st.sampled_from(PLAYERS + [UMPIRE]),
              st.sampled_from(["public", "team", "herald", ["RED", "BLU"]])),
    st.tuples(st.just("orders"), st.sampled_from(PLAYERS), st.sampled_from(ORDERS)),
    st.tuples(st.just("sign_off"), st.sampled_from(PLAYERS)),
    st.tuples(st.just("ready"), st.sampled_from(PLAYERS), st.booleans()),
    st.tuples(st.just("note"), st.sampled_from(PLAYERS), st.booleans()),
    st.tuples(st.sampled_from(["pause", "resume", "force", "release"]),),
    st.tuples(st.just("adjust"), st.sampled_from([-5.0, 5.0, 30.0])),
    st.tuples(st.just("stage"), st.sampled_from(["negotiation", "orders"])),
    st.tuples(st.just("review"), st.booleans()),
    st.tuples(st.just("skip"), st.sampled_from(["RED", "GRN"])),
    st.tuples(st.just("edit"), st.sampled_from(EDITS)),
    st.tuples(st.just("inject"), st.sampled_from(INJECTS)),
    st.tuples(st.just("rollback"), st.integers(1, 4)),
    st.tuples(st.just("tick"),),
)


def run(match: Match, cmd: tuple, now: float) -> None:
    name, *args = cmd
    actions = {
        "chat": lambda: match.send_chat(args[0], args[1], PRESS_MARK
                                        if args[1] == "herald" else "hello", now),
        "orders": lambda: match.submit_orders(args[0], args[1], now),
        "sign_off": lambda: match.sign_off(args[0], now),
        "ready": lambda: match.set_ready(args[0], args[1], now),
        "note": lambda: (match.state_intent if args[1] else match.note_insight)(
            args[0], "a note", now),
        "pause": lambda: match.pause(UMPIRE, now),
        "resume": lambda: match.resume(UMPIRE, now),
        "force": lambda: match.force_adjudicate(UMPIRE, now),
        "release": lambda: match.release_result(UMPIRE, {"RED": "ok"}, now),
        "adjust": lambda: match.adjust_deadline(UMPIRE, args[0], now),
        "stage": lambda: match.set_stage(UMPIRE, args[0], now),
        "review": lambda: match.set_review(UMPIRE, args[0], now),
        "skip": lambda: match.amend_order(UMPIRE, args[0], 0, None, "why", now),
        "edit": lambda: match.edit_world(UMPIRE, args[0], "why", now),
        "inject": lambda: match.inject(UMPIRE, args[0], now),
        "rollback": lambda: match.rollback(UMPIRE, args[0], now),
        "tick": lambda: match.tick(now),
    }
    try:
        actions[name]()
    except MatchError:
        pass


@settings(max_examples=40, deadline=None)
@given(st.lists(command, max_size=40), st.integers(0, 3))
def test_any_workshop_replays_to_the_same_match_and_keeps_press_authors_secret(commands, seed):
    match, _ = Match.create(triangle(rules={"sigma": 0.5}), match_id="m", now=0.0,
                            settings=MatchSettings(seed=seed, deadline=10, fog=True))
    for p in ("RED", "BLU", "GRN"):
        match.join(p, 0.0)
    match.join_team("RED", 0.0)
    match.set_channel(UMPIRE, {"id": "herald", "kind": "press"}, 0.0)
    match.set_observer_access(UMPIRE, seed % 2 == 0, 0.0)
    for i, cmd in enumerate(commands):
        run(match, cmd, float(i + 1))
    again = Match.replay(json.loads(json.dumps(match.log)))
    assert again.state.hash() == match.state.hash()
    assert [s.hash() for s in again.states] == [s.hash() for s in match.states]
    for seat in SEATS:
        snapshot = match.snapshot(seat)
        assert again.snapshot(seat) == snapshot
        if seat != UMPIRE:
            for message in snapshot["chat"]:
                if message["text"].startswith(PRESS_MARK):
                    assert message["from"] == "press" and "member" not in message
