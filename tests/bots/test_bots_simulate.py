"""``casus simulate``: seeded bot-only games give exactly the same results every time, in
one process or several; bad input gets one sentence naming what is wrong."""

from __future__ import annotations

import json

import pytest

from game.simulate import Spec, SpecError, parse_spec
from game.debrief.research import correlation
from game.cli.main import main
from game.maps import load_scenario, resolve_scenario

TUTORIAL = load_scenario(resolve_scenario("tutorial"))
# Pinned to ruleset 1: the exact results below are ruleset 1's (the tutorial plays ruleset 2).
RUN = ["simulate", "tutorial", "--games", "3", "--seed", "7", "--bots",
       "balancer,hawk,random,hold", "--set", "ruleset=1"]


def test_a_seeded_run_gives_exact_results_in_one_process_or_two(tmp_path, capsys):
    assert main([*RUN, "--out", str(tmp_path / "one")]) == 0
    table = capsys.readouterr().out
    assert main([*RUN, "--jobs", "2", "--out", str(tmp_path / "two")]) == 0
    capsys.readouterr()
    for name in ("games.json", "games.csv", "summary.json", "summary.csv"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()
    games = json.loads((tmp_path / "one" / "games.json").read_text())
    # The list is dealt a seat further each game, so the balancer plays RED, YEL, BLU.
    assert [(g["seed"], g["players"]["RED"], g["winner_kind"], g["winners"], g["turns"])
            for g in games] == [(7, "balancer", "coalition", ["RED", "GRN"], 4),
                                (8, "hawk", "solo", ["RED"], 7),
                                (9, "random", "solo", ["BLU"], 7)]
    assert [g["scores"] for g in games][0] == {"RED": 145, "GRN": 80, "BLU": 90, "YEL": 10}
    summary = json.loads((tmp_path / "one" / "summary.json").read_text())
    assert summary["wins_by_kind"]["balancer"] == {"wins": 2, "seats": 3}
    # In game 8 the balancer (YEL) tied the holding GRN at 60: a tie does not beat it.
    assert summary["beat_baselines"]["balancer"] == {"games": 3, "beat": 2, "rate": 0.6667,
                                                    "grew_more": 2, "grew_more_rate": 0.6667}
    assert "3 games of Tutorial" in table and "beat base" in table
    header = (tmp_path / "one" / "games.csv").read_text().splitlines()[0]
    assert header.startswith("game,seed,turns,ending,winners,RED_player,RED_value,RED_score")


def test_a_list_is_dealt_in_power_order_and_shifted_a_seat_each_game():
    spec = parse_spec("hawk,random", TUTORIAL)
    assert spec.players(TUTORIAL, 0) == {"RED": "hawk", "GRN": "random", "BLU": "hawk",
                                         "YEL": "random"}
    assert spec.players(TUTORIAL, 1)["RED"] == "random"


def test_pairs_fix_powers_and_the_rest_get_the_default_personality():
    spec = parse_spec("BLU=hold, YEL=dove", TUTORIAL)
    assert spec.players(TUTORIAL, 5) == {"RED": "balancer", "GRN": "balancer",
                                         "BLU": "hold", "YEL": "dove"}
    assert Spec().players(TUTORIAL, 0) == {"RED": "balancer", "GRN": "opportunist",
                                           "BLU": "loyal", "YEL": "hawk"}


@pytest.mark.parametrize("text,says", [
    ("", "--bots is a comma-separated list of player kinds or POWER=KIND pairs, with nothing "
         "empty (got '')"),
    ("hawk,,dove", "--bots is a comma-separated list of player kinds or POWER=KIND pairs, "
                   "with nothing empty (got 'hawk,,dove')"),
    ("hawk,grumpy", "--bots: there is no player kind 'grumpy'; choose from balancer, "
                    "opportunist, loyal, hawk, dove, loner, random, hold"),
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
     "hawk, dove, loner, random, hold"),
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
