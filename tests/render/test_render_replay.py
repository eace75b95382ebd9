"""The war-outcome replay: steps in the adjudicator's order, a battle marker where each battle
was, captures recolouring territories, callouts, and the after view once it is over."""

from __future__ import annotations

import pygame
import pytest

from game.words import palette
from game.words.narrate import Names
from game.render import MapRenderer, TurnReplay
from game.render.replay import PHASES
from game.render.sample import sample_turn
from game.engine.view import view

SIZE = (1280, 720)


pytestmark = pytest.mark.usefixtures("pygame_ready")


@pytest.fixture(scope="module")
def setup():
    scenario, before, after, report = sample_turn()
    v0, v1 = view(before, "spectator"), view(after, "spectator")
    replay = TurnReplay(report, v0, v1, Names.from_scenario(scenario, v0, v1))
    renderer = MapRenderer(scenario.map_doc, scenario.powers, SIZE)
    return scenario, replay, renderer, v0, v1


def frame(renderer: MapRenderer, replay: TurnReplay, t: float) -> pygame.Surface:
    surf = pygame.Surface(SIZE)
    renderer.draw(surf, t, replay=replay)
    return surf


def count(surf: pygame.Surface, centre: tuple[float, float], colour, half: int = 3) -> int:
    x0, y0 = round(centre[0]), round(centre[1])
    return sum(tuple(surf.get_at((x, y)))[:3] == colour
               for x in range(x0 - half, x0 + half + 1) for y in range(y0 - half, y0 + half + 1))


def test_steps_follow_the_order_of_adjudication(setup):
    _, replay, *_ = setup
    order = [name for name, *_ in PHASES]
    phases = [s.phase for s in replay.steps]
    assert phases == sorted(phases, key=order.index)
    assert [p for p in order if p in phases] == ["diplomacy", "moves", "battles", "captures",
                                                  "retreats", "audit"]
    starts = [s.start for s in replay.steps]
    assert starts == sorted(starts)
    assert replay.duration > replay.steps[-1].end


def test_a_partners_war_declaration_is_told_once_as_its_call_to_war(setup):
    _, replay, *_ = setup
    texts = [s.text for s in replay.steps]
    assert ("Greenmark honoured the Western Entente and entered the war against Bluria "
            "in defence of Redland.") in texts
    assert "Greenmark entered the war against Bluria under the Western Entente." not in texts


def test_a_battle_marker_appears_where_each_battle_was_fought(setup):
    _, replay, renderer, *_ = setup
    battles = [s for s in replay.steps if s.phase == "battles"]
    assert len(battles) == 6
    for s in battles:
        at = renderer_point = replay.battle_point(renderer, s.event)
        before = frame(renderer, replay, s.start - 0.05)
        during = frame(renderer, replay, s.start + s.duration * 0.6)
        probe = (renderer_point[0], renderer_point[1] + 8)   # below the crossed swords
        assert count(before, probe, palette.BATTLE_MARKER) == 0, s.text
        assert count(during, probe, palette.BATTLE_MARKER) > 10, s.text
        assert at is not None
    pygame.image.save(during, "/tmp/render_replay_battle.png")


def test_a_battle_marker_stays_small_after_its_moment(setup):
    _, replay, renderer, *_ = setup
    s = [s for s in replay.steps if s.phase == "battles"][0]
    late = frame(renderer, replay, replay.phases["retreats"][0] + 0.1)
    assert count(late, replay.battle_point(renderer, s.event), palette.BATTLE_MARKER, 6) > 10


def test_a_capture_recolours_the_territory_during_the_replay(setup):
    _, replay, renderer, v0, _v1 = setup
    capture = next(s for s in replay.steps if s.phase == "captures")
    assert capture.event["territory"] == "MAR2" and capture.event["power"] == "GRN"
    green = renderer.fill_for("GRN", "plains")
    poly = renderer.screen_polygon("MAR2")
    corner = (poly[0][0] * 0.7 + renderer.anchor_screen("MAR2")[0] * 0.3,
              poly[0][1] * 0.7 + renderer.anchor_screen("MAR2")[1] * 0.3)
    early = frame(renderer, replay, capture.start - 0.05)
    done = frame(renderer, replay, capture.end + 0.05)
    assert tuple(early.get_at((round(corner[0]), round(corner[1]))))[:3] == renderer.fill_for(None, "plains")
    assert tuple(done.get_at((round(corner[0]), round(corner[1]))))[:3] == green
    assert v0["territories"]["MAR2"]["owner"] is None


def test_move_arrows_show_during_the_moves_and_are_gone_when_the_replay_ends(setup):
    _, replay, renderer, _v0, v1 = setup
    moves = replay.phases["moves"]
    still = frame(renderer, replay, moves[0] - 0.01)
    moving = frame(renderer, replay, moves[1])
    diff = pygame.surfarray.array3d(still) != pygame.surfarray.array3d(moving)
    assert diff.any(axis=2).sum() > 500
    end = frame(renderer, replay, replay.duration + 0.1)
    assert renderer.view is v1
    pygame.image.save(end, "/tmp/render_replay_end.png")


def test_callouts_and_captions_tell_the_story(setup):
    _, replay, renderer, *_ = setup
    invoked = replay.steps[0]
    assert invoked.event["type"] == "pact_invoked"
    assert invoked.headline == "Bluria invokes the offensive pact Bluria–Ochreia"
    assert replay.caption(invoked.start + 0.1) == "Bluria invoked the offensive pact Bluria–Ochreia against Redland."
    assert replay.caption(-1) is None
    surf = frame(renderer, replay, invoked.start + 0.5)
    pygame.image.save(surf, "/tmp/render_replay_callout.png")
    x, y = renderer.anchor_screen("EAS4")
    assert count(surf, (x, y - 30), palette.CALLOUT_BG, 6) > 20
    entrapped = [s for s in replay.steps if s.event["type"] == "called_to_war"
                 and s.event.get("cause") == "invocation"]
    assert [s.headline for s in entrapped] == ["Ochreia entrapped"]
    shortfalls = [s.headline for s in replay.steps if s.phase == "audit"]
    assert "Shortfall: Greenmark 0/3.2" in shortfalls


def test_seek_event_finds_the_moment_of_a_report_event(setup):
    _, replay, *_ = setup
    events = replay.report["events"]
    k = next(i for i, e in enumerate(events) if e["type"] == "captured")
    assert replay.seek_event(k) == next(s.start for s in replay.steps if s.phase == "captures")


def test_a_big_turn_still_plays_in_seconds():
    events = ([{"type": "moved", "power": "A", "from": "X", "to": "Y", "n": 1}] * 500
              + [{"type": "battle", "kind": "territory", "territory": "Y", "attackers": {"A": 2},
                  "defenders": {"B": 1}, "attackers_after": {"A": 2}, "defenders_after": {},
                  "winner": "attackers"}] * 300)
    replay = TurnReplay({"events": events}, {}, {})
    assert replay.duration < 12
