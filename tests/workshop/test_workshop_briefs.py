"""Briefings: a public situation brief and a private brief per power, beside the scenario
file; checked by ``casus map check``; each power's brief reaches its own team (and the
seats that see everything) and no one else; the umpire reissues them during play."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from game.data import MAPS_DIR
from game.maps import check_file, load_scenario
from game.maps.briefs import MAX_BRIEF_LENGTH, briefs_folder, read_briefs
from game.match import ANALYST, OBSERVER, SPECTATOR, UMPIRE, Match, MatchSettings
from match_helpers import triangle
from workshop_support import frames_for, refused, text_of, workshop

BRIEFS = {"public": "Everyone knows the bridge is down.",
          "RED": "RED secret: the crown jewels are in R.",
          "BLU": "BLU secret: we will betray GRN.",
          "GRN": "GRN secret: our army is paper."}


def briefed() -> Match:
    """The workshop triangle, with briefs in its scenario document (as loaded from files)."""
    match, _ = Match.create(triangle(briefs=dict(BRIEFS)), match_id="w1", now=0.0,
                            settings=MatchSettings(seed=3, fog=True))
    for power in match.powers:
        match.join(power, 0.0, name=power.lower())
    return match


# --- the files and their check ----------------------------------------------------------------


@pytest.fixture
def tutorial_copy(tmp_path: Path) -> Path:
    """The tutorial scenario, its map and its briefs, copied where a test may break them."""
    for name in ("tutorial.scenario.toml", "tutorial.map.json"):
        shutil.copy(MAPS_DIR / name, tmp_path / name)
    shutil.copytree(MAPS_DIR / "tutorial.briefs", tmp_path / "tutorial.briefs")
    return tmp_path / "tutorial.scenario.toml"


def test_the_shipped_scenarios_have_every_brief_and_check_clean():
    for name in ("europe-1939", "cold-war", "tutorial"):
        path = MAPS_DIR / f"{name}.scenario.toml"
        assert check_file(path) == []
        scenario = load_scenario(path)
        briefs = scenario.scenario_doc["briefs"]
        assert set(briefs) == {"public", *scenario.power_ids}
        for brief, text in briefs.items():
            assert text.strip() and len(text) <= MAX_BRIEF_LENGTH, (name, brief)


@pytest.mark.parametrize("name", ["europe-1939", "cold-war"])
def test_the_historical_briefs_are_150_to_300_words(name):
    briefs = load_scenario(name).scenario_doc["briefs"]
    for brief, text in briefs.items():
        words = len(re.findall(r"\w+", text))
        assert 150 <= words <= 300, (name, brief, words)


def test_a_private_brief_names_its_own_power_and_its_pacts():
    briefs = load_scenario("europe-1939").scenario_doc["briefs"]
    assert "Molotov" in briefs["GER"] and "Molotov" in briefs["SOV"]
    # The secret protocol is secret: the public brief does not give it away.
    assert "Molotov" not in briefs["public"]
    assert "Pact of Steel" in briefs["ITA"] and "guaranteed Poland" in briefs["GBR"]


def test_a_missing_brief_file_is_named(tutorial_copy: Path):
    (tutorial_copy.parent / "tutorial.briefs" / "BLU.md").unlink()
    problems = check_file(tutorial_copy)
    assert [(p.entry, p.message) for p in problems] == [
        ("BLU.md", "missing file: power 'BLU''s private brief (every brief or none)")]
    assert problems[0].file == str(briefs_folder(tutorial_copy))


def test_a_brief_for_an_unknown_power_and_an_empty_brief_are_named(tutorial_copy: Path):
    folder = tutorial_copy.parent / "tutorial.briefs"
    (folder / "PNK.md").write_text("Pink's plan.", encoding="utf-8")
    (folder / "RED.md").write_text("  \n", encoding="utf-8")
    problems = {p.entry: (p.file, p.message) for p in check_file(tutorial_copy)}
    assert problems["brief 'PNK'"] == (
        str(folder / "PNK.md"),
        "there is no power 'PNK' in the scenario (its powers are: RED, GRN, BLU, YEL)")
    assert problems["brief 'RED'"] == (str(folder / "RED.md"),
                                       "is empty; write the brief or delete the file")
    assert len(problems) == 2


def test_a_brief_too_long_to_reissue_is_named(tutorial_copy: Path):
    folder = tutorial_copy.parent / "tutorial.briefs"
    (folder / "public.md").write_text("x" * (MAX_BRIEF_LENGTH + 1), encoding="utf-8")
    (problem,) = check_file(tutorial_copy)
    assert problem.entry == "public brief" and "at most 2000" in problem.message


def test_a_scenario_without_a_briefs_folder_has_no_briefs_and_no_problem(tmp_path: Path):
    assert read_briefs(tmp_path / "none.scenario.toml", {"powers": [{"id": "RED"}]}) == ({}, [])


# --- who reads which brief ----------------------------------------------------------------------


def test_each_power_reads_the_public_brief_and_its_own_only():
    match = briefed()
    for power in ("RED", "BLU", "GRN"):
        assert match.snapshot(power)["briefs"] == {"public": BRIEFS["public"],
                                                   power: BRIEFS[power]}
    assert match.snapshot(SPECTATOR)["briefs"] == {"public": BRIEFS["public"]}
    assert match.snapshot(OBSERVER)["briefs"] == {"public": BRIEFS["public"]}
    assert match.snapshot(UMPIRE)["briefs"] == BRIEFS
    assert match.snapshot(ANALYST)["briefs"] == BRIEFS


def test_no_seat_ever_receives_another_powers_brief_anywhere_in_its_snapshot():
    match = briefed()
    match.join_team("RED", 1.0, name="Bo", role="foreign minister")
    for seat in ("RED", "RED.2", "BLU", "GRN", SPECTATOR, OBSERVER):
        text = text_of(match.snapshot(seat))
        power = match.power_of(seat)
        for other in ("RED", "BLU", "GRN"):
            assert (BRIEFS[other] in text) == (other == power), (seat, other)


def test_the_umpire_reissues_a_brief_to_its_team_and_the_insiders_only():
    match = briefed()
    match.join_team("BLU", 1.0, name="Ada", role="head of government")
    outcome = match.set_brief(UMPIRE, "BLU", "BLU: new orders from the capital.", 2.0)
    assert outcome.reply == {"brief": "BLU"}
    told = {seat: [m for m in frames_for(outcome.pushes, seat) if m["type"] == "brief"]
            for seat in ("RED", "BLU", "BLU.2", "GRN", SPECTATOR, OBSERVER, UMPIRE, ANALYST)}
    assert told["RED"] == told["GRN"] == told[SPECTATOR] == told[OBSERVER] == []
    message = {"type": "brief", "brief": "BLU", "text": "BLU: new orders from the capital.",
               "turn": 1}
    assert told["BLU"] == told["BLU.2"] == told[UMPIRE] == told[ANALYST] == [message]
    assert match.log[-1] == {"seq": match.log[-1]["seq"], "at": 2.0, "type": "brief_set",
                             "brief": "BLU", "text": "BLU: new orders from the capital."}
    assert match.snapshot("BLU")["briefs"]["BLU"] == message["text"]
    assert Match.replay(match.log).briefs == match.briefs


def test_a_reissued_public_brief_goes_to_everyone():
    match = briefed()
    outcome = match.set_brief(UMPIRE, "public", "The bridge is mended.", 2.0)
    for seat in ("RED", "BLU", "GRN", SPECTATOR, OBSERVER, UMPIRE):
        assert [m["text"] for m in frames_for(outcome.pushes, seat)
                if m["type"] == "brief"] == ["The bridge is mended."]


def test_only_the_umpire_reissues_and_only_a_real_brief():
    match = briefed()
    refused("not_allowed", match.set_brief, "RED", "RED", "mine now", 1.0)
    assert "a brief is 'public' or a power" in refused(
        "not_allowed", match.set_brief, UMPIRE, "PNK", "text", 1.0)
    refused("not_allowed", match.set_brief, UMPIRE, "RED", "   ", 1.0)
    refused("not_allowed", match.set_brief, UMPIRE, "RED", "x" * (MAX_BRIEF_LENGTH + 1), 1.0)
    refused("not_allowed", match.set_brief, UMPIRE, "RED", None, 1.0)
    assert match.briefs == BRIEFS


def test_a_fork_keeps_the_briefs_as_reissued():
    match = briefed()
    match.set_brief(UMPIRE, "GRN", "GRN: rearm.", 1.0)
    child, _ = match.fork(UMPIRE, 1, "w2", 2.0)
    assert child.briefs["GRN"] == "GRN: rearm."
    assert Match.replay(child.log).briefs == child.briefs


def test_a_match_from_a_scenario_without_briefs_has_none():
    match = workshop()
    assert match.briefs == {} and match.snapshot("RED")["briefs"] == {}
