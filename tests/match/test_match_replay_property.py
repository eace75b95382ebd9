"""Whatever commands arrive, in whatever order, the log replays to the same match."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from game.match import SPECTATOR, UMPIRE, Match, MatchError, MatchSettings
from match_helpers import DEFENSIVE_BLU_GRN, triangle

SEATS = ["RED", "BLU", "GRN", SPECTATOR, UMPIRE]
ORDERS = [
    [{"op": "move", "from": "R", "to": "B", "n": 5}, {"op": "declare_war", "target": "BLU"}],
    [{"op": "build", "territory": "G", "n": 1}], [{"op": "fly"}], [],
    [{"op": "move", "from": "G", "to": "R", "n": 4}, {"op": "declare_war", "target": "RED"}],
]
command = st.one_of(
    st.tuples(st.just("chat"), st.sampled_from(SEATS),
              st.sampled_from(["public", ["RED", "BLU"], ["BLU", "GRN"]]), st.text(max_size=5)),
    st.tuples(st.just("propose"), st.sampled_from(SEATS),
              st.sampled_from([DEFENSIVE_BLU_GRN, {"kind": "non_aggression",
                                                   "members": ["RED", "GRN"]}])),
    st.tuples(st.sampled_from(["accept", "decline", "withdraw"]), st.sampled_from(SEATS),
              st.integers(0, 2)),      # the n-th proposal of the turn (ids are opaque)
    st.tuples(st.just("orders"), st.sampled_from(SEATS), st.sampled_from(ORDERS)),
    st.tuples(st.just("ready"), st.sampled_from(SEATS), st.booleans()),
    st.tuples(st.just("tick"),),
    st.tuples(st.just("force"), st.sampled_from(SEATS)),
)


def run(match: Match, cmd: tuple, now: float) -> None:
    name, *args = cmd
    try:
        if name == "chat":
            match.send_chat(args[0], args[1], args[2], now)
        elif name == "propose":
            match.propose(args[0], args[1], now)
        elif name in ("accept", "decline", "withdraw"):
            ids = list(match.proposals)
            getattr(match, name)(args[0], ids[args[1]] if args[1] < len(ids) else "X0", now)
        elif name == "orders":
            match.submit_orders(args[0], args[1], now)
        elif name == "ready":
            match.set_ready(args[0], args[1], now)
        elif name == "tick":
            match.tick(now)
        else:
            match.force_adjudicate(args[0], now)
    except MatchError:
        pass


@settings(max_examples=60, deadline=None)
@given(st.lists(command, max_size=40), st.integers(0, 3))
def test_any_command_sequence_replays_to_the_same_match(commands, seed):
    match, _ = Match.create(triangle(rules={"sigma": 0.5}), match_id="m", now=0.0,
                            settings=MatchSettings(seed=seed, deadline=10))
    for p in ("RED", "BLU", "GRN"):
        match.join(p, 0.0)
    for i, cmd in enumerate(commands):
        run(match, cmd, float(i))
    again = Match.replay(match.log)
    assert again.state.hash() == match.state.hash()
    for seat in SEATS:
        assert again.snapshot(seat) == match.snapshot(seat)
