"""Everything a match sends, written to files to compare byte for byte before and after a
refactor: ``cmp`` the two folders (tools/replay_hashes.py compares hashes only).

    python tools/wire_dump.py OUTDIR        # from the checkout whose game is to be dumped

It plays bench/workshop.py's workshop day (teams, press, review, injects, edits of the
world), then a round of the umpire's and players' other commands (sharing, briefs, observer
access, stages, the clock paused, moved and run out, bot takeover, channels, a rollback),
then bot games of four turns on every shipped scenario. It writes each command's reply or
refusal and every push with its seats (``pushes.jsonl``), every seat's snapshot and the
lobby summary (``snapshots.jsonl``), the logs of the day, of a fork and of each bot game,
and the state hashes, also after replaying each log (``hashes.json``).

Tokens, salts and match ids are drawn from a seeded generator here, and set iteration
order is fixed (the script runs itself again with PYTHONHASHSEED=0), so two runs of one
checkout write the same bytes.
"""

from __future__ import annotations

import json
import os
import random
import secrets
import sys
from pathlib import Path
from typing import Any, Callable, TextIO

if os.environ.get("PYTHONHASHSEED") != "0":     # the order of sets of seats decides push order
    os.execve(sys.executable, [sys.executable, *sys.argv], {**os.environ, "PYTHONHASHSEED": "0"})

_rng = random.Random(1234)
_HEX = "0123456789abcdef"
_URLSAFE = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"
secrets.token_hex = lambda n=32: "".join(_rng.choice(_HEX) for _ in range(2 * n))
secrets.token_urlsafe = lambda n=32: "".join(_rng.choice(_URLSAFE) for _ in range(n))

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.workshop import play_day  # noqa: E402
from game.bots.driver import play_bot_seats  # noqa: E402
from game.data import MAPS_DIR  # noqa: E402
from game.maps import load_scenario  # noqa: E402
from game.match import ANALYST, OBSERVER, PLANNING, SPECTATOR, UMPIRE, Match, MatchError, \
    MatchSettings, Outcome  # noqa: E402


def _dumps(value: Any) -> str:
    return json.dumps(value, default=repr)     # key order kept: it is what goes on the wire


class Wire:
    """Writes down each command's reply (or refusal) and every push it caused."""

    def __init__(self, out: TextIO) -> None:
        self.out = out

    def note(self, name: str, outcome: Any) -> None:
        if isinstance(outcome, Outcome):
            self.out.write(_dumps({"cmd": name, "reply": outcome.reply}) + "\n")
            for push in outcome.pushes:
                self.out.write(_dumps({"seats": sorted(push.seats),
                                       "message": push.message}) + "\n")
        else:
            self.out.write(_dumps({"cmd": name, "value": outcome}) + "\n")

    def run(self, name: str, command: Callable[[], Any]) -> Any:
        try:
            outcome = command()
        except MatchError as err:
            self.out.write(_dumps({"cmd": name, "error": [err.code, str(err)]}) + "\n")
            return None
        self.note(name, outcome)
        return outcome


def more_commands(match: Match, wire: Wire, now: float) -> None:
    """The commands the workshop day does not give, each run once."""
    p = match.powers
    members = [m.id for m in match.members.values()]
    steps: list[tuple[str, Callable[[], Any]]] = [
        ("share", lambda: match.share_orders(p[0], True, now)),
        ("share", lambda: match.share_orders(p[1], True, now)),
        ("draft on a base", lambda: match.submit_orders(members[0], [], now, base=0)),
        ("propose", lambda: match.propose(p[0], {"kind": "defensive",
                                                 "members": [p[0], p[1]]}, now)),
        ("brief", lambda: match.set_brief(UMPIRE, p[2], "new words", now)),
        ("public brief", lambda: match.set_brief(UMPIRE, "public", "for all", now)),
        ("observer access", lambda: match.set_observer_access(UMPIRE, True, now)),
        ("revoke", lambda: match.revoke_role_token(UMPIRE, "T1", now)),
        ("talks", lambda: match.set_stage(UMPIRE, "negotiation", now)),
        ("private chat", lambda: match.send_chat(p[0], [p[0], p[1]], "psst", now)),
        ("orders open", lambda: match.set_stage(UMPIRE, "orders", now)),
        ("warning", lambda: match.set_warning(UMPIRE, 60, now)),
        ("pause", lambda: match.pause(UMPIRE, now)),
        ("adjust while paused", lambda: match.adjust_deadline(UMPIRE, 30, now)),
        ("resume", lambda: match.resume(UMPIRE, now + 5)),
        ("adjust", lambda: match.adjust_deadline(UMPIRE, -3, now + 5)),
        ("deadline", lambda: match.set_deadline(UMPIRE, now + 500, now + 6)),
        ("takeover", lambda: match.set_bot_takeover(UMPIRE, {}, now + 6)),
        ("review off", lambda: match.set_review(UMPIRE, False, now + 6)),
        ("insight", lambda: match.note_insight(members[1], "a thought", now + 6)),
        ("channel", lambda: match.set_channel(UMPIRE, {"id": "north", "kind": "group",
                                                       "members": [p[0], p[2]]}, now + 6)),
        ("close channel", lambda: match.close_channel(UMPIRE, "north", now + 6)),
        ("release seat", lambda: match.release_seat(UMPIRE, members[-1], now + 6)),
        ("ready, not the lead", lambda: match.set_ready(members[0], True, now + 6)),
        ("tick, warned", lambda: match.tick(now + 455)),
        ("tick, deadline", lambda: match.tick(now + 600)),
        ("rollback", lambda: match.rollback(UMPIRE, 3, now + 700)),
        ("dashboard", lambda: match.dashboard(UMPIRE, now + 700)),
    ]
    for name, command in steps:
        wire.run(name, command)


def main(argv: list[str]) -> int:
    if len(argv) != 1 or argv[0].startswith("-"):   # --help was taken for a folder to fill
        print("usage: " + next(line for line in __doc__.splitlines()
                               if "tools/wire_dump.py" in line).strip())
        return 0 if argv and argv[0] in ("-h", "--help") else 2
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    hashes: dict[str, Any] = {}
    with open(out / "pushes.jsonl", "w", encoding="utf-8") as pushes:
        wire = Wire(pushes)
        match = play_day(turns=5, team=3, chat=9, seed=5, timed=wire.run)
        now = 1e5
        more_commands(match, wire, now)
        seats = [*match.powers, *match.members, SPECTATOR, OBSERVER, ANALYST, UMPIRE]
        with open(out / "snapshots.jsonl", "w", encoding="utf-8") as snapshots:
            for seat in seats:
                snapshots.write(_dumps({"seat": seat, "snapshot": match.snapshot(seat)}) + "\n")
            snapshots.write(_dumps(match.summary()) + "\n")
        child, _ = match.fork(UMPIRE, 2, "child", now + 800)
        (out / "log.json").write_text(_dumps(match.log), encoding="utf-8")
        (out / "fork_log.json").write_text(_dumps(child.log), encoding="utf-8")
        again = Match.replay(match.log)
        hashes.update(day=match.state.hash(), day_replayed=again.state.hash(),
                      fork=child.state.hash(), fork_replayed=Match.replay(child.log).state.hash(),
                      snapshots_replayed_alike=all(again.snapshot(s) == match.snapshot(s)
                                                   for s in seats))
        for path in sorted(MAPS_DIR.glob("*.scenario.toml")):
            scenario = load_scenario(path)
            game, _ = Match.create(scenario, match_id="bots", now=0.0, settings=MatchSettings(
                seed=7, fog=True, seats={p: "bot" for p in scenario.power_ids}))
            for _ in range(150):
                if game.phase != PLANNING or game.turn > 4:
                    break
                for outcome in play_bot_seats(game, 0.0):
                    wire.note(f"bot {scenario.name}", outcome)
            hashes[scenario.name] = game.state.hash()
            hashes[f"{scenario.name} replayed"] = Match.replay(game.log).state.hash()
            (out / f"bots-{path.name.removesuffix('.scenario.toml')}.json").write_text(
                _dumps(game.log), encoding="utf-8")
    (out / "hashes.json").write_text(json.dumps(hashes, indent=1), encoding="utf-8")
    files = sorted(out.iterdir())
    print(f"{len(files)} files, {sum(f.stat().st_size for f in files):,} bytes in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
