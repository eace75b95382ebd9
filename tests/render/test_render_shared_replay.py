"""The war replay the hot-seat table watches together: with fog off it shows every move and
battle; with fog on the table sees only the public events (and no wall of "?" badges), and
each player then watches the turn as their own seat saw it, behind the hand-off."""

from __future__ import annotations

import pygame
import pytest

from game.words import palette
from game.render.badges import FOG_BADGE
from game.client.screens.game import GameScreen
from game.client.screens.handoff import HandoffScreen
from game.client.screens.outcome import OutcomeScreen
from client_helpers import SHOTS, colour_near, key, press_button
from hotseat_helpers import start, take_seat

pytestmark = pytest.mark.usefixtures("pygame_ready")

PLACED = {"moved", "battle", "retreated", "returned", "destroyed"}


def play_a_turn(tmp_path, fog: bool):
    """Redland attacks Northreach (a battle), Greenmark plans nothing; the outcome shows."""
    app, flow = start(tmp_path, fog=fog)
    take_seat(app)
    app.top.add_move("BOR", "NRE")
    key(app, pygame.K_RETURN, mod=pygame.KMOD_CTRL)
    take_seat(app)
    key(app, pygame.K_RETURN, mod=pygame.KMOD_CTRL)
    outcome = app.top
    assert isinstance(outcome, OutcomeScreen)
    return app, flow, outcome


def fog_badge_pixels(app, rect: pygame.Rect) -> int:
    return sum(tuple(app.screen.get_at((x, y)))[:3] == FOG_BADGE
               for x in range(rect.x, rect.right, 2) for y in range(rect.y, rect.bottom, 2))


def test_with_fog_off_the_table_sees_every_move_and_battle(tmp_path):
    app, flow, outcome = play_a_turn(tmp_path, fog=False)
    kinds = {e["type"] for _, e in outcome.events}
    assert {"moved", "battle"} <= kinds
    full = flow.game.match.reports[-1]["events"]
    assert len(outcome.record.report["events"]) == len(full)   # nothing held back
    replay = outcome.map.playing.replay
    assert [s for s in replay.steps if s.phase == "battles"]
    assert all(t.get("forces") is not None
               for t in outcome.record.before["territories"].values())


def test_with_fog_on_the_table_sees_the_public_events_and_each_player_their_own(tmp_path):
    app, flow, outcome = play_a_turn(tmp_path, fog=True)
    game = flow.game
    # The table: public events only, none tied to places it cannot see; no "?" wall.
    assert outcome.record.before["fog"] and outcome.record.before["seat"] == "spectator"
    assert not PLACED & {e["type"] for _, e in outcome.events}
    run_frames = 30
    app.run(frames=run_frames)
    app.screenshot(f"{SHOTS}/outcome_fog.png")
    assert fog_badge_pixels(app, outcome.map.rect) == 0
    press_button(app, outcome.buttons["continue"])
    # Redland, behind the hand-off, watches its own turn: its attack and its battle.
    assert isinstance(app.top, HandoffScreen) and app.top.power_name == "Redland"
    take_seat(app)
    screen = app.top
    assert isinstance(screen, GameScreen) and screen.model.seat == "RED"
    playing = screen.map.playing
    assert playing is not None and playing.turn == 1
    seen = [s.event for s in playing.replay.steps]
    assert any(e["type"] == "battle" and e["territory"] == "NRE" for e in seen)
    assert any(e["type"] == "moved" and e["power"] == "RED" for e in seen)
    # Its battle is drawn on its map at the battle's moment.
    step = next(s for s in playing.replay.steps if s.phase == "battles")
    screen.map.seek(step.start + step.duration * 0.6)
    app.run(frames=1)
    at = playing.replay.battle_point(screen.map.renderer, step.event)
    probe = (at[0] + screen.map.rect.x, at[1] + screen.map.rect.y + 8)
    assert colour_near(app.screen, probe, palette.BATTLE_MARKER, 4) > 10
    app.screenshot(f"{SHOTS}/own_replay_fog.png")
    # Greenmark's replay holds only what Greenmark could see of that turn.
    green = game.models["GRN"].history[-1].report["events"]
    red = game.models["RED"].history[-1].report["events"]
    assert len(green) <= len(red)
    assert all(e in game.match.reports[-1]["events"] for e in green)


def test_a_second_round_of_the_same_turn_does_not_replay_again(tmp_path):
    app, flow, outcome = play_a_turn(tmp_path, fog=True)
    press_button(app, outcome.buttons["continue"])
    take_seat(app)
    screen = app.top
    assert screen.map.playing is not None
    flow.game.host.save_meta(round=2)
    flow.plan("RED")
    assert app.top.map.playing is None
