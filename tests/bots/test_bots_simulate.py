"""``casus simulate``: seeded bot-only games give exactly the same results every time, in
one process or several; bad input gets one sentence naming what is wrong."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from game.bots.personality import PERSONALITIES
from game.cli.common import with_settings
from game.simulate import Spec, SpecError, aggregate, deal, game_result, parse_spec
from game.debrief.research import correlation
from game.cli.main import main
from game.maps import load_scenario, resolve_scenario
from rules_helpers import as_pinned

TUTORIAL = load_scenario(resolve_scenario("tutorial"))
# Pinned to ruleset 1: the exact results below are ruleset 1's (the tutorial plays ruleset 2).
RUN = ["simulate", "tutorial", "--games", "3", "--seed", "7", "--bots",
       "balancer,hawk,random,hold", "--set", "ruleset=1"]


# The deal of the pinned games below (tutorial, seeds 7-9): fixed here so that the pin is on
# what the bots do, whatever the deal draws.
PINNED_PLAYERS = [
    {"RED": "balancer", "GRN": "hawk", "BLU": "random", "YEL": "hold"},
    {"RED": "hawk", "GRN": "random", "BLU": "hold", "YEL": "balancer"},
    {"RED": "random", "GRN": "hold", "BLU": "balancer", "YEL": "hawk"},
]


def test_a_seeded_run_gives_exact_results_in_one_process_or_two(tmp_path, capsys):
    assert main([*RUN, "--out", str(tmp_path / "one")]) == 0
    table = capsys.readouterr().out
    assert main([*RUN, "--jobs", "2", "--out", str(tmp_path / "two")]) == 0
    capsys.readouterr()
    for name in ("games.json", "games.csv", "summary.json", "summary.csv"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()
    games = json.loads((tmp_path / "one" / "games.json").read_text())
    spec = parse_spec("balancer,hawk,random,hold", TUTORIAL)
    assert [g["players"] for g in games] == [spec.players(TUTORIAL, g, 7) for g in range(3)]
    assert "3 games of Tutorial" in table and "beat base" in table
    header = (tmp_path / "one" / "games.csv").read_text().splitlines()[0]
    assert header.startswith("game,seed,turns,ending,winners,RED_player,RED_value,RED_score")


def test_the_bots_of_ruleset_1_play_the_pinned_games_exactly_as_before():
    scenario = as_pinned(with_settings(TUTORIAL, ["ruleset=1"]))
    games = [game_result(g, 7 + g, scenario, players)
             for g, players in enumerate(PINNED_PLAYERS)]
    assert [(g["seed"], g["players"]["RED"], g["winner_kind"], g["winners"], g["turns"])
            for g in games] == [(7, "balancer", "coalition", ["RED", "GRN"], 4),
                                (8, "hawk", "solo", ["RED"], 7),
                                (9, "random", "solo", ["BLU"], 4)]
    assert [g["scores"] for g in games][0] == {"RED": 145, "GRN": 80, "BLU": 90, "YEL": 10}
    summary = aggregate(games, scenario)
    assert summary["wins_by_kind"]["balancer"] == {"wins": 2, "seats": 3}
    # In game 8 the balancer (YEL) tied the holding GRN at 60: a tie does not beat it.
    assert summary["beat_baselines"]["balancer"] == {"games": 3, "beat": 2, "rate": 0.6667,
                                                    "grew_more": 2, "grew_more_rate": 0.6667}


EIGHT = tuple("ABCDEFGH")


@pytest.mark.parametrize("kinds", [("balancer", "loner"), ("balancer", "hawk", "random"),
                                   ("balancer", "random", "random", "random")])
def test_a_list_is_dealt_so_every_power_plays_every_entry_equally_often(kinds):
    n = len(kinds)
    games = [deal(kinds, EIGHT, g, 1000) for g in range(6 * n)]
    entries = Counter(kinds)
    for power in EIGHT:
        played = Counter(game[power] for game in games)
        assert played == Counter({k: 6 * c for k, c in entries.items()})
    for game in games:   # and each game deals the list's kinds as evenly as it can
        seats = Counter(game.values())
        for k, c in entries.items():
            assert abs(seats[k] - len(EIGHT) * c / n) < c


def test_the_pairings_are_drawn_afresh_and_the_same_seed_deals_the_same():
    games = [deal(("balancer", "loner"), EIGHT, g, 1000) for g in range(20)]
    # Two kinds: a game and the next one in its block are complements.
    assert all(games[g][p] != games[g + 1][p] for g in range(0, 20, 2) for p in EIGHT)
    # Neighbours in the powers' order do not always face the same pairing.
    assert len({(game["A"] == game["B"]) for game in games}) == 2
    assert len({tuple(sorted(p for p in EIGHT if game[p] == "balancer"))
                for game in games}) > 5
    assert games == [deal(("balancer", "loner"), EIGHT, g, 1000) for g in range(20)]
    assert games != [deal(("balancer", "loner"), EIGHT, g, 2000) for g in range(20)]


def test_the_deal_comes_from_the_runs_first_seed():
    spec = parse_spec("hawk,random", TUTORIAL)
    assert spec.players(TUTORIAL, 3, 7) == deal(("hawk", "random"), TUTORIAL.power_ids, 3, 7)


def test_pairs_fix_powers_and_the_rest_get_the_default_personality():
    spec = parse_spec("BLU=hold, YEL=dove", TUTORIAL)
    assert spec.players(TUTORIAL, 5, 0) == {"RED": "balancer", "GRN": "balancer",
                                            "BLU": "hold", "YEL": "dove"}
    assert Spec().players(TUTORIAL, 0, 0) == deal(PERSONALITIES, TUTORIAL.power_ids, 0, 0)


@pytest.mark.parametrize("text,says", [
    ("", "--bots is a comma-separated list of player kinds or POWER=KIND pairs, with nothing "
         "empty (got '')"),
    ("hawk,,dove", "--bots is a comma-separated list of player kinds or POWER=KIND pairs, "
                   "with nothing empty (got 'hawk,,dove')"),
    ("hawk,grumpy", "--bots: there is no player kind 'grumpy'; choose from balancer, "
                    "opportunist, loyal, hawk, dove, loner, hermit, random, hold"),
    ("FRA=hawk", "--bots: 'FRA' is not a power of Tutorial (RED, GRN, BLU, YEL)"),
    ("RED=hawk,RED=dove", "--bots names RED twice"),
    ("RED=hawk,dove", "--bots mixes a list of kinds with POWER=KIND pairs; use one or the "
                      "other"),
])
def test_a_bad_spec_is_refused_with_the_reason(text, says):
    with pytest.raises(SpecError) as refused:
        parse_spec(text, TUTORIAL)
    assert str(refused.value) == says


@pytest.mark.parametrize("args,says", [
    (["--games", "0"], "--games must be from 1 to 1000000, not 0"),
    (["--games", "2", "--jobs", "0"], "--jobs must be 1 or more, not 0"),
    (["--games", "2", "--seed", "-1"], "--seed must be 0 or more, not -1"),
    (["--games", "2", "--bots", "RED=grumpy"],
     "--bots: there is no player kind 'grumpy'; choose from balancer, opportunist, loyal, "
     "hawk, dove, loner, hermit, random, hold"),
    (["--games", "2", "--set", "sigma=-1"], "--set: "),
])
def test_bad_arguments_get_one_sentence_and_exit_2(capsys, args, says):
    assert main(["simulate", "tutorial", *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"casus simulate: {says}") and "Traceback" not in err


def test_an_unknown_scenario_or_an_out_file_is_refused(tmp_path, capsys):
    assert main(["simulate", "atlantis", "--games", "1"]) == 2
    assert "atlantis" in capsys.readouterr().err
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["simulate", "tutorial", "--games", "1", "--out", str(blocker)]) == 2
    assert capsys.readouterr().err == f"casus simulate: --out {blocker} is a file, not a folder\n"


def test_size_and_burden_correlation_is_spearmans_rank_r():
    # Ranks of size 1, 2, 3, 4; of burden 2.5, 1, 2.5, 4 (the two 0.5s share ranks 2 and 3).
    # Deviations from the mean rank 2.5: (-1.5, -0.5, 0.5, 1.5) and (0, -1.5, 0, 1.5), so
    # r = (0.75 + 2.25) / sqrt(5 × 4.5).
    pairs = [[0.1, 0.5], [0.3, 0.2], [0.6, 0.5], [0.9, 0.9]]
    assert correlation(pairs) == round(3 / (5 * 4.5) ** 0.5, 4) == 0.6325
    # Ranks, not values: any rise in burden with size is a perfect rank correlation.
    assert correlation([[0.1, 0.01], [0.2, 0.02], [0.3, 0.9]]) == 1.0
    assert correlation([[0.5, 0.5], [0.5, 0.5], [0.2, 0.5]]) is None
    assert correlation([[0.1, 0.2], [0.3, 0.4]]) is None
