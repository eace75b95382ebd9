"""How fast the debrief is on a long match: rebuilding the log, the report, the export.

    .venv/bin/python bench/debrief.py [--scenario europe-1939] [--turns 20] [--seed 1]

Plays a match through the Match's own commands (random orders from game.bots, random pact
proposals, some accepted, chat every turn), then times each step of the debrief once and
prints the figures, with the sizes of what it wrote. Nothing is asserted: speed is measured
here, never in tests.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

from game.bots.random_orders import random_orders, random_pact_terms  # noqa: E402
from game.match import Match, MatchError, MatchSettings  # noqa: E402
from game.maps import load_scenario, resolve_scenario  # noqa: E402


def play(scenario_name: str, turns: int, seed: int) -> Match:
    """A busy match: every power orders, proposes and chats every turn."""
    scenario = load_scenario(resolve_scenario(scenario_name))
    match, _ = Match.create(scenario, match_id="bench", now=0.0,
                            settings=MatchSettings(name="Bench", seed=seed))
    rng = np.random.default_rng(seed)
    now = 1.0
    for p in match.powers:
        match.join(p, now, name=p.lower())
    for _ in range(turns):
        if match.state.over:
            break
        alive = [p for p in match.powers if not match.state.power(p).eliminated]
        for p in alive:
            now += 1
            match.send_chat(p, "public", f"{p} speaks on turn {match.turn}.", now)
        for _ in range(3):
            terms = random_pact_terms(match.state, rng)
            members = terms.get("members") or [p for side in terms.get("sides", []) for p in side]
            try:
                pid = match.propose(members[0], terms, now).reply["proposal"]
                for m in members[1:]:
                    now += float(rng.integers(5, 90))
                    if rng.random() < 0.6:
                        match.accept(m, pid, now)
            except MatchError:
                pass
        orders = random_orders(match.state, rng, garbage=0.0)
        for p in alive:
            now += 1
            match.submit_orders(p, orders.get(p, []), now)
        for p in alive:
            if not match.state.over:
                match.set_ready(p, True, now)
    return match


def timed(label: str, fn):
    start = time.perf_counter()
    value = fn()
    print(f"{label:<38} {time.perf_counter() - start:7.2f} s")
    return value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", default="europe-1939")
    parser.add_argument("--turns", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    from game.debrief import rebuild
    from game.debrief import export
    from game.debrief.page import report_html

    match = timed(f"play {args.turns} turns ({args.scenario})",
                  lambda: play(args.scenario, args.turns, args.seed))
    print(f"{'events in the log':<38} {len(match.log):7d}")
    record = timed("rebuild the match from its log", lambda: rebuild(match.log))
    text = timed("report without images", lambda: report_html(record, images=False))
    full = timed("report with snapshots and plots", lambda: report_html(record))
    csv_text = timed("export CSV (events)", lambda: export.events_csv(record))
    doc = timed("export JSON", lambda: json.dumps(export.export_json(record)))
    timed("import JSON and replay", lambda: rebuild(export.log_from_export(json.loads(doc))))
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "r.html").write_text(full, encoding="utf-8")
        size = Path(tmp, "r.html").stat().st_size
    print(f"{'report size (text only / full)':<38} {len(text) / 1e6:6.2f} / {size / 1e6:.2f} MB")
    print(f"{'CSV / JSON export size':<38} {len(csv_text) / 1e6:6.2f} / {len(doc) / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
