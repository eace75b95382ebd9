"""Batch simulation (``casus simulate``): bot-only games and what the rules produced.

Each game is a real ``Match`` whose every seat is a bot (or a baseline player), played by
the driver until the game ends; its states and turn reports are then counted by
``research`` (the same events the after-action report counts, so a game's figures can be
checked in its debrief). Results depend only on the scenario, the players and the game's
seed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from statistics import mean, median
from typing import Any

import numpy as np

from game.engine import Scenario
from game.engine.endturn import scores
from game.match import Match, MatchSettings

from game.bots.driver import play_bot_seats
from game.bots.personality import BASELINES, DEFAULT_PERSONALITY, PERSONALITIES, TEST_PLAYERS
from game.debrief.research import calls, commitments, correlation, deterrence, duplicates, \
    honour, member_burdens, odds_ratio, rounded_burden, signed_then_broken

KINDS: tuple[str, ...] = PERSONALITIES + TEST_PLAYERS
# A game that has not ended after this many driver rounds has a bug; stop it.
MAX_ROUNDS = 10_000


class SpecError(ValueError):
    """A --bots spec that does not fit the scenario (the message says why)."""


# The purpose word in the seed of the deal, so it never shares a stream with anything else.
DEAL = 0x0DEA1


def deal(kinds: tuple[str, ...], powers: tuple[str, ...], game: int,
         seed: int) -> dict[str, str]:
    """Who plays each power in game number ``game`` of a run whose first seed is ``seed``.

    The games go in blocks of ``n = len(kinds)``. At the start of each block a seeded draw
    gives every power a slot: a shuffle of ``0, 1, …, n-1, 0, 1, …`` (as many as there are
    powers), so each kind gets as many seats as the list deals it. In the block's game ``j``
    a power plays ``kinds[(slot + j) % n]``: over the block every power plays every entry of
    the list once (two kinds: a random half of the powers one way, then the complement), and
    which powers face which kind is drawn afresh each block, so no pairing of neighbours is
    fixed by the order of the scenario's powers."""
    n = len(kinds)
    block, j = divmod(game, n)
    slots = np.random.default_rng([DEAL, seed, block]).permutation(
        [k % n for k in range(len(powers))])
    return {p: kinds[(int(slot) + j) % n] for p, slot in zip(powers, slots)}


@dataclass(frozen=True)
class Spec:
    """Who plays each power: a list dealt by a seeded, balanced draw (every power plays
    every entry of the list equally often, against pairings drawn afresh; ``deal``) or a
    fixed map from power to kind."""

    kinds: tuple[str, ...] = ()
    fixed: tuple[tuple[str, str], ...] = ()

    def players(self, scenario: Scenario, game: int, seed: int) -> dict[str, str]:
        """The players of game number ``game`` of a run whose first game has seed ``seed``."""
        ids = scenario.power_ids
        if self.fixed:
            chosen = dict(self.fixed)
            return {p: chosen.get(p, DEFAULT_PERSONALITY) for p in ids}
        return deal(self.kinds or PERSONALITIES, tuple(ids), game, seed)


def parse_spec(text: str | None, scenario: Scenario) -> Spec:
    """``balancer,hawk,random`` or ``FRA=hawk,GER=random``; raises SpecError."""
    if text is None:
        return Spec()
    items = [item.strip() for item in text.split(",")]
    if not text.strip() or any(not item for item in items):
        raise SpecError("--bots is a comma-separated list of player kinds or POWER=KIND pairs, "
                        f"with nothing empty (got {text!r})")
    pairs = [item.partition("=") for item in items]
    named = [sep for _, sep, _ in pairs]
    if any(named) and not all(named):
        raise SpecError("--bots mixes a list of kinds with POWER=KIND pairs; use one or the other")

    def kind(k: str) -> str:
        if k not in KINDS:
            raise SpecError(f"--bots: there is no player kind {k!r}; choose from "
                            f"{', '.join(KINDS)}")
        return k

    if not all(named):
        return Spec(kinds=tuple(kind(k) for k in items))
    fixed: dict[str, str] = {}
    for power, _, k in pairs:
        power = power.strip()
        if power not in scenario.power_index:
            raise SpecError(f"--bots: {power!r} is not a power of {scenario.name} "
                            f"({', '.join(scenario.power_ids)})")
        if power in fixed:
            raise SpecError(f"--bots names {power} twice")
        fixed[power] = kind(k.strip())
    return Spec(fixed=tuple(fixed.items()))


def play_game(scenario: Scenario, players: dict[str, str], seed: int) -> Match:
    """One bot-only game, played to its end."""
    settings = MatchSettings(seed=seed, seats={p: "bot" for p in players},
                             personalities=dict(players))
    match, _ = Match.create(scenario, match_id=f"sim-{seed}", now=0.0, settings=settings)
    for _ in range(MAX_ROUNDS):
        if match.phase != "planning":
            break
        play_bot_seats(match, 0.0)
    return match


def game_result(game: int, seed: int, scenario: Scenario,
                players: dict[str, str]) -> dict[str, Any]:
    """Play game number ``game`` and count what happened (a JSON-ready dict)."""
    match = play_game(scenario, players, seed)
    states, reports = list(match.states), list(match.reports)
    final = states[-1]
    events = [e for r in reports for e in r.get("events", [])]
    count = Counter(e["type"] for e in events)
    signed = Counter(e.get("kind", "?") for e in events if e["type"] == "pact_signed")
    tally = commitments(states, reports)
    burdens = member_burdens(states, reports)
    by_player: dict[str, list[int]] = {}
    for power in scenario.power_ids:
        kept, owed = tally.by_power.get(power, (0, 0))
        mine = by_player.setdefault(players[power], [0, 0])
        mine[0] += kept
        mine[1] += owed
    trapped = calls(reports)
    final_scores = scores(final)
    winner = final.winner or {"kind": "unfinished", "powers": []}
    bots = [p for p, k in players.items() if k not in BASELINES]
    baselines = [p for p, k in players.items() if k in BASELINES]
    beat = ({p: all(final_scores[p] > final_scores[q] for q in baselines) for p in bots}
            if baselines and bots else {})
    # On a board of unequal powers a small power cannot outscore a large one that merely
    # holds; growth (value gained since the start) compares what each player made of its lot.
    first = states[0]
    growth = {p: final.owned_value(i) - first.owned_value(i)
              for i, p in enumerate(scenario.power_ids)}
    grew = ({p: all(growth[p] > growth[q] for q in baselines) for p in bots}
            if baselines and bots else {})
    return {
        "game": game, "seed": seed, "players": dict(players),
        "turns": len(reports), "winner_kind": winner["kind"],
        "winners": list(winner.get("powers", [])),
        "scores": final_scores,
        "values": {p: final.owned_value(i) for i, p in enumerate(scenario.power_ids)},
        "wars_started": sum(1 for e in events if e["type"] == "war_declared"
                            and e.get("aggressor")),
        "wars_by_trigger": sum(1 for e in events if e["type"] == "war_declared"
                               and not e.get("aggressor")),
        "pacts_signed": dict(sorted(signed.items())),
        "triggers": count["pact_triggered"], "invocations": count["pact_invoked"],
        "commitments": {k: tally.by_kind[k] for k in sorted(tally.by_kind)},
        "commitments_by_player": by_player,
        "entrapment": trapped["entrapment"], "unanswered_calls": trapped["unanswered call"],
        "drawn_by_trigger": sum(1 for e in events if e["type"] == "called_to_war"
                                and e.get("cause") == "trigger"
                                and not e.get("already_at_war")),
        "abandonment": trapped["abandonment"], "breaches": count["pact_broken"],
        "shortfalls": count["shortfall"], "audits": count["shortfall"] + count["honoured"],
        "burden": rounded_burden(burdens),
        "burden_own_wars": rounded_burden(burdens, own_wars=True),
        "honour": honour(states, reports),
        "deterrence": {str(band): cell
                       for band, cell in sorted(deterrence(states, reports).items())},
        "signed_then_broken": signed_then_broken(reports),
        "duplicate_pacts": duplicates(states, reports),
        "growth": growth, "beat": beat, "grew_more": grew,
    }


def _rate(kept: int, owed: int) -> float | None:
    return round(kept / owed, 4) if owed else None


def aggregate(results: list[dict[str, Any]], scenario: Scenario) -> dict[str, Any]:
    """Statistics over all games (see docs/BOTS.md for each definition)."""
    n = len(results)
    wins_power = Counter(p for r in results for p in r["winners"])
    wins_kind = Counter(r["players"][p] for r in results for p in r["winners"])
    played_kind = Counter(k for r in results for k in r["players"].values())
    signed: Counter[str] = Counter()
    commitments: dict[str, list[int]] = {}
    by_player: dict[str, list[int]] = {}
    for r in results:
        signed.update(r["pacts_signed"])
        for table, source in ((commitments, r["commitments"]),
                              (by_player, r["commitments_by_player"])):
            for kind, (kept, owed) in source.items():
                cell = table.setdefault(kind, [0, 0])
                cell[0] += kept
                cell[1] += owed
    kept_all = sum(v[0] for v in commitments.values())
    owed_all = sum(v[1] for v in commitments.values())
    beat_games: Counter[str] = Counter()
    beat_won: Counter[str] = Counter()
    grew_won: Counter[str] = Counter()
    for r in results:
        for p, won in r["beat"].items():
            beat_games[r["players"][p]] += 1
            beat_won[r["players"][p]] += int(won)
            grew_won[r["players"][p]] += int(r["grew_more"][p])
    total = lambda key: sum(r[key] for r in results)  # noqa: E731
    lengths = [r["turns"] for r in results]
    audits = total("audits")
    return {
        "scenario": scenario.name, "games": n,
        "length": {"mean": round(mean(lengths), 3) if lengths else None,
                   "median": median(lengths) if lengths else None,
                   "min": min(lengths, default=None), "max": max(lengths, default=None)},
        "endings": dict(sorted(Counter(r["winner_kind"] for r in results).items())),
        "wins_by_power": {p: wins_power[p] for p in scenario.power_ids},
        "wins_by_kind": {k: {"wins": wins_kind[k], "seats": played_kind[k]}
                         for k in KINDS if played_kind[k]},
        "wars_started": total("wars_started"), "wars_by_trigger": total("wars_by_trigger"),
        "pacts_signed": dict(sorted(signed.items())),
        "triggers": total("triggers"), "invocations": total("invocations"),
        "reliability": {
            **{kind: {"kept": v[0], "owed": v[1], "rate": _rate(*v)}
               for kind, v in sorted(commitments.items())},
            "all": {"kept": kept_all, "owed": owed_all, "rate": _rate(kept_all, owed_all)}},
        "reliability_by_kind_of_player": {
            kind: {"kept": v[0], "owed": v[1], "rate": _rate(*v)}
            for kind, v in sorted(by_player.items())},
        "entrapment": total("entrapment"), "unanswered_calls": total("unanswered_calls"),
        "drawn_by_trigger": total("drawn_by_trigger"),
        "abandonment": total("abandonment"), "breaches": total("breaches"),
        "shortfalls": total("shortfalls"), "audits": audits,
        "shortfall_rate": _rate(total("shortfalls"), audits),
        "size_burden_correlation": correlation([p for r in results for p in r["burden"]]),
        "size_burden_pairs": sum(len(r["burden"]) for r in results),
        # The same with the attacked members and invokers, who fight their own wars: shown
        # beside it, not a research figure (docs/BOTS.md, size_burden_r).
        "size_burden_own_wars_included": correlation(
            [p for r in results for p in r["burden_own_wars"]]),
        "size_burden_own_wars_pairs": sum(len(r["burden_own_wars"]) for r in results),
        "beat_baselines": {k: {"games": beat_games[k], "beat": beat_won[k],
                               "rate": _rate(beat_won[k], beat_games[k]),
                               "grew_more": grew_won[k],
                               "grew_more_rate": _rate(grew_won[k], beat_games[k])}
                           for k in sorted(beat_games)},
        "research": research(results),
    }


def research(results: list[dict[str, Any]]) -> dict[str, Any]:
    """The figures to set beside the research on alliances (docs/BOTS.md)."""
    honoured: dict[str, list[int]] = {}
    table: dict[int, list[int]] = {}
    for r in results:
        for kind, (yes, calls_) in r["honour"].items():
            cell = honoured.setdefault(kind, [0, 0])
            cell[0] += yes
            cell[1] += calls_
        for band, counts in r["deterrence"].items():
            cell = table.setdefault(int(band), [0, 0, 0, 0])
            for i, n in enumerate(counts):
                cell[i] += n
    all_ = [sum(v[0] for v in honoured.values()), sum(v[1] for v in honoured.values())]
    return {
        "honour_rate": {"defensive": _rate(*honoured.get("defensive", (0, 0))),
                        "offensive": _rate(*honoured.get("offensive", (0, 0))),
                        "all": _rate(*all_)},
        "calls_to_arms": {"defensive": honoured.get("defensive", [0, 0])[1],
                          "offensive": honoured.get("offensive", [0, 0])[1],
                          "all": all_[1]},
        "deterrence_odds_ratio": odds_ratio(table),
        "size_burden_r": correlation([p for r in results for p in r["burden"]]),
        "entrapment_per_game": round(sum(r["entrapment"] for r in results) / len(results), 4)
        if results else None,
        "signed_then_broken_same_turn": sum(r["signed_then_broken"] for r in results),
        "duplicate_pacts": sum(r["duplicate_pacts"] for r in results),
    }
