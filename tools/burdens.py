"""Who carries and who rides in bot-only games: the rows behind ``size_burden_r``
(docs/BOTS.md, "The research figures"), broken down so a figure far from Olson and
Zeckhauser's can be traced to the members, seats and kinds of player that make it.

    PYTHONPATH=. python tools/burdens.py cold-war --games 100 --seed 1000 --jobs 2

Plays the same games as ``casus simulate`` with the same arguments (the same deal and
seeds) and takes, from each, every member a pact called to war with units to measure
(``research.member_burdens``, the rows of ``burden_pairs``). It prints the rank r over
them all (the summary's ``size_burden_r``), then per pact, per power, per kind of player
and per band of size: the rows, their mean size share and burden, the share with nothing
committed, and the rank r within the group.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from multiprocessing import Pool
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from game.cli.common import load_scenario_arg  # noqa: E402
from game.debrief.research import correlation, member_burdens  # noqa: E402
from game.simulate import parse_spec, play_game  # noqa: E402

Row = dict[str, Any]
_ARGS: tuple[str, str | None, int] = ("", None, 0)


def _init(args: tuple[str, str | None, int]) -> None:
    global _ARGS
    _ARGS = args


def game_rows(game: int) -> list[Row]:
    """The called members of game number ``game`` (the run's scenario, spec and seed)."""
    name, bots, seed = _ARGS
    scenario = load_scenario_arg(name)
    players = parse_spec(bots, scenario).players(scenario, game, seed)
    match = play_game(scenario, players, seed + game)
    states, reports = list(match.states), list(match.reports)
    pact_names = {p.id: p.name or p.id for s in states[:1] for p in s.pacts}
    return [{"game": game, "pact": pact_names.get(b.pact, "signed in play"),
             "power": b.power, "kind": players[b.power],
             "size": round(b.size_share, 6), "burden": round(b.burden, 6)}
            for b in member_burdens(states, reports) if b.counted()]


def table(rows: list[Row], key: Callable[[Row], Any], title: str) -> list[str]:
    """One line per group: rows, mean size share, mean burden, share committing nothing,
    rank r within the group (blank under four rows)."""
    groups: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        groups[str(key(row))].append(row)
    out = [f"by {title}:", f"  {'':28} {'rows':>5} {'size':>6} {'burden':>7} {'none':>5} {'r':>7}"]
    for name in sorted(groups):
        g = groups[name]
        n = len(g)
        r = correlation([[x["size"], x["burden"]] for x in g]) if n >= 4 else None
        out.append(f"  {name:28} {n:5d} {sum(x['size'] for x in g) / n:6.2f} "
                   f"{sum(x['burden'] for x in g) / n:7.2f} "
                   f"{sum(1 for x in g if x['burden'] == 0) / n:5.2f} "
                   f"{'' if r is None else f'{r:7.2f}'}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("scenario")
    parser.add_argument("--games", type=int, default=20)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--bots", default=None, help="as for casus simulate")
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args(argv)
    if args.games < 1 or args.jobs < 1:
        parser.error("--games and --jobs must be at least 1")
    run = (args.scenario, args.bots, args.seed)
    if args.jobs == 1:
        _init(run)
        rows = [r for g in range(args.games) for r in game_rows(g)]
    else:
        with Pool(args.jobs, initializer=_init, initargs=(run,)) as pool:
            rows = [r for part in pool.map(game_rows, range(args.games)) for r in part]
    r = correlation([[x["size"], x["burden"]] for x in rows])
    print(f"{len(rows)} called members in {args.games} games of {args.scenario}; "
          f"size_burden_r {r}")
    bands = ("under 0.2", "0.2-0.4", "0.4-0.6", "0.6-0.8", "0.8 and over")
    for key, title in ((lambda x: x["pact"], "pact"), (lambda x: x["power"], "power"),
                       (lambda x: x["kind"], "kind"),
                       (lambda x: f"{x['power']} {x['kind']}", "power and kind"),
                       (lambda x: bands[min(4, int(x["size"] * 5))], "size share")):
        print("\n".join(table(rows, key, title)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
