"""What workshop mode costs: a full day on europe-1939 with teams, press, review and an
umpire at work, timed command by command, then replayed, rolled back and forked.

    .venv/bin/python bench/workshop.py [--turns 12] [--team 4] [--chat 40] [--seed 5]

Every power has a team of ``--team`` people; each turn the members draft random orders
(game.bots.random_orders), the leads sign off, ``--chat`` messages go out on the plenary,
team and press channels, the umpire fires an inject and edits the world, reviews the
result, skips one order and releases it with feedback. Every push is materialised for
every seat, as the server would encode it. Prints the median and worst milliseconds per
command, then the cost of replaying the whole log, rolling back and forking.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any, Callable

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from game.bots.random_orders import random_orders  # noqa: E402
from game.maps import load_scenario, resolve_scenario  # noqa: E402
from game.match import ANALYST, OBSERVER, UMPIRE, Match, MatchSettings  # noqa: E402
from game.protocol import encode  # noqa: E402

TIMES: dict[str, list[float]] = defaultdict(list)


def timed(name: str, command: Callable[[], Any]) -> Any:
    """Run a command, materialise and encode every push (as the host would), and time it."""
    start = time.perf_counter()
    outcome = command()
    for push in getattr(outcome, "pushes", []):
        encode(push.message)
    TIMES[name].append((time.perf_counter() - start) * 1000)
    return outcome


def play_day(turns: int, team: int, chat: int, seed: int,
             timed: Callable[[str, Callable[[], Any]], Any] = timed) -> Match:
    """The day the bench times; ``timed`` runs each command (tools/wire_dump.py passes one
    that writes down what each command answered and pushed)."""
    scenario = load_scenario(resolve_scenario("europe-1939"))
    match, _ = Match.create(scenario, match_id="bench", now=0.0,
                            settings=MatchSettings(seed=seed, fog=True, deadline=1800,
                                                   review=True))
    rng = np.random.default_rng(seed)
    now = 1.0
    for power in match.powers:
        match.join_team(power, now, role="head of government")
        for k in range(team - 1):
            match.join_team(power, now, role=f"minister {k + 1}")
    for role in (OBSERVER, ANALYST):
        match.create_role_token(UMPIRE, role, now)
    match.set_channel(UMPIRE, {"id": "herald", "kind": "press"}, now)
    members = [m.id for m in match.members.values()]
    for _ in range(turns):
        if match.state.over:
            break
        now += 60
        timed("inject", lambda: match.inject(UMPIRE, {"kind": "scandal", "targets": "all",
                                                      "amount": 1}, now))
        power = match.powers[int(rng.integers(len(match.powers)))]
        timed("edit_world", lambda: match.edit_world(
            UMPIRE, {"kind": "set_treasury", "power": power, "value": 10}, "bench", now))
        for k in range(chat):
            speaker = members[int(rng.integers(len(members)))]
            channel = ("herald", "public", "team")[k % 3]
            timed(f"chat ({channel})", lambda: match.send_chat(speaker, channel, "words " * 20,
                                                                now))
        timed("intent", lambda: match.state_intent(members[0], "to hold", now))
        orders = random_orders(match.state, rng)
        for p in match.powers:
            if match.state.power(p).eliminated:
                continue
            writer = next(m.id for m in match.members.values() if m.power == p)
            timed("draft (orders)", lambda: match.submit_orders(writer, orders[p], now))
            timed("sign_off", lambda: match.sign_off(p, now))
        timed("dashboard", lambda: match.dashboard(UMPIRE, now))
        timed("snapshot (member)", lambda: match.snapshot(members[1]))
        timed("snapshot (umpire)", lambda: match.snapshot(UMPIRE))
        timed("adjudicate (to review)", lambda: match.force_adjudicate(UMPIRE, now))
        first = next((p for p in match.powers if match.orders.get(p)), None)
        if first is not None:
            timed("amend_order (re-run)", lambda: match.amend_order(UMPIRE, first, 0, None,
                                                                    "bench", now))
        timed("release_result", lambda: match.release_result(
            UMPIRE, {p: "feedback" for p in match.powers}, now))
    return match


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=12)
    parser.add_argument("--team", type=int, default=4)
    parser.add_argument("--chat", type=int, default=40)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args(argv)
    match = play_day(args.turns, args.team, args.chat, args.seed)
    people = len(match.seats) + len(match.members)
    print(f"europe-1939: {len(match.powers)} powers, {people} players, "
          f"{match.turn - 1} turns, {len(match.log)} events")
    print(f"{'command':26} {'n':>5} {'median ms':>10} {'worst ms':>9}")
    for name, times in sorted(TIMES.items()):
        print(f"{name:26} {len(times):5d} {statistics.median(times):10.2f} {max(times):9.2f}")
    start = time.perf_counter()
    again = Match.replay(match.log)
    replay = time.perf_counter() - start
    assert again.state.hash() == match.state.hash()
    print(f"replay of the whole log: {replay * 1000:.0f} ms "
          f"({len(match.log) / replay:,.0f} events/s), same hash")
    start = time.perf_counter()
    match.rollback(UMPIRE, 2, 1e6)
    print(f"rollback to turn 2: {(time.perf_counter() - start) * 1000:.2f} ms")
    start = time.perf_counter()
    fork, _ = again.fork(UMPIRE, 3, "fork", 1e6)
    Match.replay(fork.log)
    print(f"fork from turn 3 and replay it: {(time.perf_counter() - start) * 1000:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
