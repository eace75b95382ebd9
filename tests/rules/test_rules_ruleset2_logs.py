"""Matches already played under ruleset 2 replay exactly as they were played.

Ruleset 2 has shipped, so hosts and save folders hold ruleset-2 logs. A later change to
ruleset 2 must not change how those logs replay: a restarted host would otherwise rebuild a
different game from the one its players saw, and the orders that follow in the log could
stop applying. A change therefore comes with a parameter whose value when a log does not
record it is the rule as it was (game/engine/params.py, ``LATER_PARAMS``).

The logs in tests/data/ruleset2_logs were recorded once, at commit 6f3a845 (before any such
change), and must never be recorded again: bot matches of each shipped scenario, every seat a
bot, seed 11, 12 turns (the tutorial 10 or until it ended), with the hash of the state after
every turn (``Match.states``). Recorded with:

    for each scenario: Match.create(scenario, match_id="r2", now=0.0,
                                    settings=MatchSettings(seed=11, seats=all bots))
    then play_bot_seats(match, 0.0) until the turn limit, and store match.log with
    [state_hash(s) for s in match.states].
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from game.engine import state_hash
from game.match import Match

LOGS = Path(__file__).resolve().parents[1] / "data" / "ruleset2_logs"


def recorded(name: str) -> dict:
    with gzip.open(LOGS / f"{name}.json.gz", "rt", encoding="utf-8") as f:
        return json.load(f)


@pytest.mark.parametrize("name", ["europe-1939", "cold-war", "tutorial"])
def test_a_ruleset_2_log_replays_to_the_hashes_it_was_played_with(name):
    doc = recorded(name)
    match = Match.replay(doc["log"])
    assert match.scenario.rules.ruleset == 2
    assert [state_hash(s) for s in match.states] == doc["hashes"]


def test_the_recorded_logs_contain_wars_called_allies_and_battles():
    # What makes the test above able to fail: the recorded matches went to war, called
    # allies in and fought, so a change to how wars, calls or battles go shows.
    kinds: dict[str, int] = {}
    for name in ("europe-1939", "cold-war", "tutorial"):
        for report in Match.replay(recorded(name)["log"]).reports:
            for event in report["events"]:
                kinds[event["type"]] = kinds.get(event["type"], 0) + 1
    assert kinds.get("war_declared", 0) >= 10
    assert kinds.get("called_to_war", 0) >= 5
    assert kinds.get("battle", 0) >= 30
