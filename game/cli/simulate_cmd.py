"""``casus simulate``: bot-only games in bulk, and what the rules produced.

    casus simulate SCENARIO --games N [--bots SPEC] [--seed S] [--jobs J] [--out DIR]
                   [--set NAME=VALUE ...]

Game g is played with seed S + g; ``--bots`` says who plays (docs/BOTS.md): a list of
kinds (``balancer,hawk,random,hold``) dealt by a draw seeded by S, so that every power plays
every kind equally often, or ``POWER=KIND`` pairs (others get the default personality). Writes
``games.json``, ``games.csv``, ``summary.json`` and ``summary.csv`` in DIR and prints a
summary table; a progress bar runs on stderr.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import multiprocessing
import os
import signal
import sys
from pathlib import Path
from typing import Any, Iterable

from game.cli.common import load_scenario_arg, with_settings
from game.cli.main import UserError
from game.debrief.research import BANDS

MAX_GAMES = 1_000_000


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "simulate", help="play many bot-only games and report what the rules produce",
        description="Play bot-only games and write per-game results and statistics "
                    "(JSON and CSV); see docs/BOTS.md for the spec and every statistic.")
    parser.add_argument("scenario", help="scenario file or shipped name (e.g. tutorial)")
    parser.add_argument("--games", type=int, required=True, metavar="N",
                        help="how many games to play")
    parser.add_argument("--bots", metavar="SPEC",
                        help="who plays: kinds (e.g. balancer,hawk,random,hold) dealt by a draw "
                             "seeded by --seed, each power playing each kind equally often, or "
                             "POWER=KIND pairs (e.g. FRA=hawk,GER=random); default: every "
                             "personality, dealt so")
    parser.add_argument("--seed", type=int, default=0, metavar="S",
                        help="seed of the first game; game g uses S + g (default 0)")
    parser.add_argument("--jobs", type=int, default=1, metavar="J",
                        help="games played at once, in separate processes, at most one "
                             "per processor (default 1)")
    parser.add_argument("--out", metavar="DIR",
                        help="folder for games.json, games.csv, summary.json, summary.csv "
                             "(default: none written)")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="override a rule parameter, e.g. --set max_turns=6 (repeatable)")
    parser.set_defaults(func=run)


# --- workers ------------------------------------------------------------------------------

_SCENARIO: Any = None


def _init(scenario: Any) -> None:
    global _SCENARIO
    _SCENARIO = scenario


def _init_worker(scenario: Any) -> None:
    # Ctrl-C reaches every process of the terminal's group: the parent stops the pool, and
    # the workers leave quietly instead of each printing a KeyboardInterrupt traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _init(scenario)


def _play(job: tuple[int, int, dict[str, str]]) -> dict[str, Any]:
    from game.simulate import game_result
    game, seed, players = job
    return game_result(game, seed, _SCENARIO, players)


def _progress(done: int, total: int) -> None:
    width = 30
    filled = width * done // total
    sys.stderr.write(f"\rsimulate [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
    if done == total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def play_all(scenario: Any, jobs: list[tuple[int, int, dict[str, str]]], workers: int,
             progress: bool = True) -> list[dict[str, Any]]:
    """Every game's result, in game order whatever order they finished in."""
    results: list[dict[str, Any]] = []
    if workers <= 1:
        _init(scenario)
        stream: Iterable[dict[str, Any]] = map(_play, jobs)
        for result in stream:
            results.append(result)
            if progress:
                _progress(len(results), len(jobs))
    else:
        context = multiprocessing.get_context("spawn" if os.name == "nt" else "fork")
        with context.Pool(workers, initializer=_init_worker, initargs=(scenario,)) as pool:
            for result in pool.imap_unordered(_play, jobs, chunksize=1):
                results.append(result)
                if progress:
                    _progress(len(results), len(jobs))
    return sorted(results, key=lambda r: r["game"])


# --- output -------------------------------------------------------------------------------

def game_rows(results: list[dict[str, Any]], powers: list[str]) -> list[dict[str, Any]]:
    """One flat row per game for games.csv."""
    rows = []
    for r in results:
        row: dict[str, Any] = {"game": r["game"], "seed": r["seed"], "turns": r["turns"],
                               "ending": r["winner_kind"], "winners": " ".join(r["winners"])}
        for p in powers:
            row[f"{p}_player"] = r["players"][p]
            row[f"{p}_value"] = r["values"][p]
            row[f"{p}_score"] = r["scores"][p]
        for key in ("wars_started", "wars_by_trigger", "triggers", "invocations",
                    "entrapment", "drawn_by_trigger", "unanswered_calls", "abandonment",
                    "breaches",
                    "shortfalls", "audits"):
            row[key] = r[key]
        for kind in ("defensive", "offensive", "non_aggression", "peace"):
            row[f"signed_{kind}"] = r["pacts_signed"].get(kind, 0)
            kept, owed = r["commitments"].get(kind, (0, 0))
            row[f"kept_{kind}"], row[f"owed_{kind}"] = kept, owed
        rows.append(row)
    return rows


def summary_rows(summary: dict[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    """The summary flattened to (metric, value) pairs for summary.csv."""
    rows: list[tuple[str, Any]] = []
    for key, value in summary.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            rows += summary_rows(value, name + ".")
        else:
            rows.append((name, value))
    return rows


def _csv(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    if rows:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return out.getvalue()


def write_outputs(out: Path, results: list[dict[str, Any]], summary: dict[str, Any],
                  powers: list[str]) -> None:
    try:
        out.mkdir(parents=True, exist_ok=True)
        (out / "games.json").write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
        (out / "summary.json").write_text(json.dumps(summary, indent=1) + "\n",
                                          encoding="utf-8")
        (out / "games.csv").write_text(_csv(game_rows(results, powers)), encoding="utf-8")
        metric = io.StringIO()
        writer = csv.writer(metric, lineterminator="\n")
        writer.writerow(["metric", "value"])
        writer.writerows(summary_rows(summary))
        (out / "summary.csv").write_text(metric.getvalue(), encoding="utf-8")
    except OSError as err:
        raise UserError(f"cannot write the results to {out}: {err.strerror}") from None


def _pct(rate: float | None) -> str:
    return "-" if rate is None else f"{100 * rate:.0f}%"


def summary_table(summary: dict[str, Any]) -> str:
    """The summary as a few plain-text tables."""
    lines = [f"{summary['games']} games of {summary['scenario']}; length mean "
             f"{summary['length']['mean']} turns (median {summary['length']['median']}, "
             f"{summary['length']['min']}-{summary['length']['max']}); endings "
             + ", ".join(f"{k} {v}" for k, v in summary["endings"].items())]
    lines.append("")
    lines.append(f"{'wins by power':<16}" + " ".join(
        f"{p:>5}" for p in summary["wins_by_power"]))
    lines.append(f"{'':<16}" + " ".join(f"{n:>5}" for n in summary["wins_by_power"].values()))
    lines.append("")
    lines.append(f"{'player':<14}{'seats':>7}{'wins':>7}{'win%':>7}{'kept/owed':>12}"
                 f" {'beat base':>13} {'grew more':>10}")
    for kind, cell in summary["wins_by_kind"].items():
        rel = summary["reliability_by_kind_of_player"].get(kind, {"kept": 0, "owed": 0})
        beat = summary["beat_baselines"].get(kind)
        lines.append(f"{kind:<14}{cell['seats']:>7}{cell['wins']:>7}"
                     f"{_pct(cell['wins'] / cell['seats'] if cell['seats'] else None):>7}"
                     f"{str(rel['kept']) + '/' + str(rel['owed']):>12}"
                     f" {(_pct(beat['rate']) + ' of ' + str(beat['games'])) if beat else '-':>13}"
                     f" {_pct(beat['grew_more_rate']) if beat else '-':>10}")
    lines.append("")
    lines.append(f"{'pact kind':<16}{'signed':>8}{'kept':>8}{'owed':>8}{'kept%':>8}")
    rel = summary["reliability"]
    for kind in ("defensive", "offensive", "non_aggression", "peace"):
        cell = rel.get(kind, {"kept": 0, "owed": 0, "rate": None})
        lines.append(f"{kind:<16}{summary['pacts_signed'].get(kind, 0):>8}{cell['kept']:>8}"
                     f"{cell['owed']:>8}{_pct(cell['rate']):>8}")
    lines.append(f"{'all':<16}{sum(summary['pacts_signed'].values()):>8}"
                 f"{rel['all']['kept']:>8}{rel['all']['owed']:>8}{_pct(rel['all']['rate']):>8}")
    lines.append("")
    corr = summary["size_burden_correlation"]
    lines.append(
        f"wars started {summary['wars_started']} (+{summary['wars_by_trigger']} by triggers); "
        f"triggers {summary['triggers']}; invocations {summary['invocations']}")
    lines.append(
        f"entrapment {summary['entrapment']} (+{summary['drawn_by_trigger']} drawn in by "
        f"triggers); unanswered calls {summary['unanswered_calls']}; "
        f"abandonment {summary['abandonment']}; breaches {summary['breaches']}; "
        f"shortfalls {summary['shortfalls']} of {summary['audits']} audits "
        f"({_pct(summary['shortfall_rate'])})")
    own = summary["size_burden_own_wars_included"]
    lines.append(f"size share vs burden (committed / own units): rank r = "
                 f"{'-' if corr is None else corr} over {summary['size_burden_pairs']} "
                 f"member-pacts called to war; {'-' if own is None else own} over "
                 f"{summary['size_burden_own_wars_pairs']} with those in their own wars")
    lines.append("")
    lines += research_table(summary["research"])
    return "\n".join(lines)


def _num(x: float | None) -> str:
    return "-" if x is None else f"{x}"


def research_table(research: dict[str, Any]) -> list[str]:
    """The research figures, each beside its band from the literature."""
    honour, calls = research["honour_rate"], research["calls_to_arms"]
    rows = [
        ("honour rate, all", f"{_pct(honour['all'])} of {calls['all']}", BANDS["honour_all"]),
        ("  offensive", f"{_pct(honour['offensive'])} of {calls['offensive']}",
         BANDS["honour_offensive"]),
        ("  defensive", f"{_pct(honour['defensive'])} of {calls['defensive']}",
         BANDS["honour_defensive"]),
        ("deterrence odds ratio", _num(research["deterrence_odds_ratio"]),
         BANDS["deterrence"]),
        ("size-burden rank r", _num(research["size_burden_r"]), BANDS["size_burden"]),
        ("entrapment a game", _num(research["entrapment_per_game"]), ""),
        ("signed, broken same turn", str(research["signed_then_broken_same_turn"]),
         "target 0"),
        ("duplicate pacts", str(research["duplicate_pacts"]), "target 0"),
    ]
    lines = [f"{'research figure':<26}{'measured':>12}  research band"]
    lines += [f"{name:<26}{value:>12}  {band}".rstrip() for name, value, band in rows]
    return lines


def run(args: argparse.Namespace) -> int:
    if args.games < 1 or args.games > MAX_GAMES:
        raise UserError(f"--games must be from 1 to {MAX_GAMES}, not {args.games}")
    if args.jobs < 1:
        raise UserError(f"--jobs must be 1 or more, not {args.jobs}")
    if args.seed < 0:
        raise UserError(f"--seed must be 0 or more, not {args.seed}")
    out = Path(args.out) if args.out else None
    if out is not None and out.exists() and not out.is_dir():
        raise UserError(f"--out {out} is a file, not a folder")
    scenario = with_settings(load_scenario_arg(args.scenario), args.set)
    from game.simulate import SpecError, aggregate, parse_spec
    try:
        spec = parse_spec(args.bots, scenario)
    except SpecError as err:
        raise UserError(str(err)) from None
    if out is not None:
        # Before the games, not after them: a folder that cannot be written is said at once
        # rather than once hours of play are lost.
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise UserError(f"cannot make the --out folder {out}: {err.strerror or err}") \
                from None
        if not os.access(out, os.W_OK):
            raise UserError(f"cannot write into the --out folder {out}: permission denied")
    jobs = [(g, args.seed + g, spec.players(scenario, g, args.seed)) for g in range(args.games)]
    cores = os.cpu_count() or 1
    if args.jobs > cores:
        # More processes than processors only costs memory (each holds its own NumPy and
        # scenario); the results are the same whatever the number of processes.
        print(f"note: --jobs {args.jobs} is more than this computer's {cores} "
              f"processor{'s' if cores > 1 else ''}; playing {cores} at a time",
              file=sys.stderr)
    results = play_all(scenario, jobs, min(args.jobs, args.games, cores))
    summary = aggregate(results, scenario)
    if out is not None:
        write_outputs(out, results, summary, scenario.power_ids)
    print(summary_table(summary))
    return 0
