"""The replay window, headless: posted key presses step through the turns, Space plays and
pauses, and the map and panel show the turn's animation and its narration."""

from __future__ import annotations

import json

import pygame
import pytest

from game.cli.main import main
from game.words import palette
from game.client.replay_viewer import ReplayViewer, run_window
from game.debrief import rebuild
from debrief_scripted import scripted_match

pytestmark = pytest.mark.usefixtures("pygame_ready")


@pytest.fixture(scope="module")
def record():
    return rebuild(scripted_match().log)


def key(k: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="")


def test_left_and_right_step_through_the_turns(record):
    viewer = ReplayViewer(record)
    assert (viewer.index, viewer.turn_count) == (0, 3)
    viewer.t = 2.0
    assert viewer.handle(key(pygame.K_RIGHT))
    assert (viewer.index, viewer.t) == (1, 0.0)     # a turn is shown from its start
    viewer.handle(key(pygame.K_RIGHT))
    viewer.handle(key(pygame.K_RIGHT))              # there is no fourth turn
    assert viewer.index == 2
    viewer.handle(key(pygame.K_LEFT))
    assert viewer.index == 1
    viewer.handle(key(pygame.K_HOME))
    assert viewer.index == 0
    viewer.handle(key(pygame.K_END))
    assert viewer.index == 2
    assert not viewer.handle(key(pygame.K_ESCAPE))


def test_space_plays_and_pauses_and_play_runs_on_into_the_next_turn(record):
    viewer = ReplayViewer(record)
    viewer.update(1.0)
    assert viewer.t == 0.0                          # paused: time stands still
    viewer.handle(key(pygame.K_SPACE))
    assert viewer.playing
    viewer.update(0.5)
    assert viewer.t == 0.5
    viewer.handle(key(pygame.K_SPACE))
    viewer.update(0.5)
    assert (viewer.playing, viewer.t) == (False, 0.5)
    viewer.handle(key(pygame.K_SPACE))
    duration = viewer.replay().duration
    viewer.update(duration)                         # the first turn's animation ends…
    assert (viewer.index, viewer.t, viewer.playing) == (1, 0.0, True)   # …the next begins
    for _ in range(2):
        viewer.update(viewer.replay().duration)
    assert (viewer.index, viewer.playing) == (2, False)   # stops after the last turn
    viewer.handle(key(pygame.K_SPACE))              # and Space plays the last turn again
    assert (viewer.playing, viewer.t) == (True, 0.0)


def test_the_panel_tells_the_turn_and_marks_the_step_being_played(record):
    viewer = ReplayViewer(record)
    viewer.go_to(1)
    lines = viewer.panel_lines()
    assert lines[:2] == [("title", "Scripted"), ("heading", "Turn 2 of 3")]
    texts = [text for style, text in lines[3:]]
    assert "Redland's attack on Bluria triggered the Shield." in texts
    assert "Redland captured B from Bluria." in texts
    # At the start the first step is being told and the others are still to come.
    assert [style for style, _ in lines[3:]] == ["now"] + ["later"] * (len(lines) - 4)
    trigger = next(s for s in viewer.replay().steps if "triggered" in s.text)
    viewer.t = trigger.start + 0.01
    styles = dict((text, style) for style, text in viewer.panel_lines())
    assert styles["Redland's attack on Bluria triggered the Shield."] == "now"
    assert styles["Redland declared war on Bluria."] == "done"
    assert styles["Redland captured B from Bluria."] == "later"


def test_the_map_shows_the_capture_once_the_turn_has_played(record):
    viewer = ReplayViewer(record, size=(1000, 600))
    surf = pygame.Surface((1000, 600))
    viewer.go_to(1)
    viewer.draw(surf)
    b = viewer.renderer.territory_at(viewer.renderer.anchor_screen("B"))
    assert b == "B"
    before = viewer.renderer.view["territories"]["B"]["owner"]
    viewer.t = viewer.replay().duration
    viewer.draw(surf)
    after = viewer.renderer.view["territories"]["B"]["owner"]
    assert (before, after) == ("BLU", "RED")
    # The panel is drawn at the right, in parchment, beside the map.
    assert tuple(surf.get_at((1000 - 5, 300)))[:3] == palette.PARCHMENT


def test_the_window_runs_headless_with_posted_keys(record, tmp_path):
    shot = tmp_path / "replay.png"
    viewer = run_window(record, frames=5, keys=[pygame.K_RIGHT, pygame.K_RIGHT,
                                                pygame.K_SPACE], screenshot=str(shot))
    assert (viewer.index, viewer.playing) == (2, True)
    assert 0 < viewer.t < 1.0
    image = pygame.image.load(str(shot))
    assert image.get_size() == (1280, 720)


def test_casus_replay_opens_on_a_log_file(tmp_path, capsys):
    log = tmp_path / "m.json"
    log.write_text(json.dumps(scripted_match().log), encoding="utf-8")
    shot = tmp_path / "shot.png"
    assert main(["replay", str(log), "--frames", "3", "--turn", "3", "--keys", "space",
                 "--screenshot", str(shot)]) == 0
    assert shot.exists()
    assert main(["replay", str(log), "--frames", "1", "--turn", "7"]) == 2
    assert "--turn 7 was not played in this match (turns 1 to 3)" in capsys.readouterr().err
    assert main(["replay", str(log), "--frames", "1", "--keys", "jump"]) == 2


def test_a_match_with_no_turn_yet_shows_its_map(tmp_path):
    from game.match import Match, MatchSettings
    from debrief_scripted import scripted_scenario

    fresh, _ = Match.create(scripted_scenario(), match_id="new", now=0.0,
                            settings=MatchSettings(name="Fresh"))
    viewer = ReplayViewer(rebuild(fresh.log))
    viewer.handle(key(pygame.K_RIGHT))
    viewer.handle(key(pygame.K_SPACE))
    viewer.update(1.0)
    viewer.draw(pygame.Surface((1280, 720)))
    assert viewer.panel_lines() == [("title", "Fresh"),
                                    ("status", "No turn has been played yet.")]


def test_a_long_turn_scrolls_so_the_step_being_played_stays_in_view(record):
    viewer = ReplayViewer(record)
    viewer.go_to(1)
    short = pygame.Rect(0, 0, 380, 260)
    last = viewer.replay().steps[-1]
    viewer.t = last.start + 0.01
    shown = viewer.visible_blocks(short)
    styles = [style for style, _ in shown]
    assert styles[:3] == ["title", "heading", "status"]     # the header always stays
    assert "now" in styles
    assert " ".join(shown[styles.index("now")][1]) == last.text
    assert styles[3:styles.index("now")] == ["done", "done"]   # two steps of context
    viewer.t = 0.0                                            # at the start: the top, cut
    styles = [style for style, _ in viewer.visible_blocks(short)]
    assert styles[3] == "now" and styles[-1] == "more"


def test_the_panel_says_what_the_umpire_did_to_a_workshop_turn():
    from debrief_workshop_script import workshop_match

    viewer = ReplayViewer(rebuild(workshop_match().log))
    assert viewer.panel_lines()[1:4] == [
        ("heading", "Turn 1 of 3"), ("status", "paused ·  0.0 s of 2.4 s"),
        ("status", "Umpire, while planned: 1 inject and 1 world edit.")]
    viewer.go_to(1)
    assert viewer.panel_lines()[3] == (
        "status", "Reviewed before release: 1 order amended; feedback to Redland and Bluria.")
