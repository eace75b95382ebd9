"""The projector: a spectator's public view for the room.

A workshop turn full of secrets is played in-process (WorkshopHost) and against a real host
on 127.0.0.1; everything the projector's spectator connection received is searched, key and
value, for what must never reach it. The screen itself is drawn headless and its pixels read:
owners' colours, the public pact's link, the header; and its captions, keys and refusals.
"""

from __future__ import annotations

import asyncio
from typing import Any, Iterator

import numpy as np
import pygame
import pytest

from game.words import palette
from game.client.app import App
from game.client.connection import OPEN, LocalHost
from game.client.model import MatchModel
from game.render.replay import TurnReplay
from game.client.screens.game import GameScreen
from game.client.screens.projector import (HEADER_BG, NotSpectator, ProjectorLayout,
                                           ProjectorScreen)
from game.client.screens.projector_captions import NEWS, caption_of, is_public_chat
from game.client.screens.projector_show import ReplayShow, rows_of
from game.words.narrate import Names
from game.client.workshop import WorkshopHost
from game.match import MatchSettings
from match_helpers import triangle
from server_helpers import Client, running_server
from client_helpers import colour_near, commonest_in, key
from console_support import FakeClock, press_label, workshop, write
from test_workshop_server import close_all, workshop_room

pytestmark = pytest.mark.usefixtures("pygame_ready")

SHOTS = "/tmp/projector"
SECRET_PACT = "Pact of the Nightjar"
PRIVATE_CHAT = "meet me behind the barn at midnight"
TEAM_CHAT = "our lead plans to betray everyone"
MEMBER_DRAFT_PLACE = "R"
INTENT = "We shall stab Blueland in the autumn"
INSIGHT = "Greenmark blinks first, always"
TARGETED_NEWS = "Only Redland hears of the bank run"
EDIT_RATIONALE = "Reinforcements smuggled in by the umpire"
AMEND_RATIONALE = "The build breaks the exercise script"
FEEDBACK = "Redland, mind your allies"
PRESS_TEXT = "Extra! Extra! Nobody knows who wrote this"
PUBLIC_CHAT = "Welcome to the summit, everyone"
PUBLIC_NEWS = "The harvest failed across the continent"
SECRETS = (SECRET_PACT, PRIVATE_CHAT, TEAM_CHAT, INTENT, INSIGHT, TARGETED_NEWS,
           EDIT_RATIONALE, AMEND_RATIONALE, FEEDBACK)
# Messages a spectator has no business receiving at all.
PRIVATE_TYPES = {"proposal", "orders", "draft", "intent", "insight", "review", "review_set",
                 "world_edited", "role_token", "takeover_set", "forked", "observer_access"}


def planning_steps() -> list[tuple[str, dict[str, Any]]]:
    """(seat, request) for a planning phase holding every kind of secret, and a public
    chat, a public inject and a public pact that the projector must show."""
    return [
        ("umpire", {"type": "set_channel", "channel": {"id": "herald", "kind": "press",
                                                       "name": "The Herald"}}),
        ("umpire", {"type": "set_review", "on": True}),
        ("umpire", {"type": "set_warning", "seconds": 60}),
        ("RED", {"type": "chat", "channel": ["GRN", "RED"], "text": PRIVATE_CHAT}),
        ("RED", {"type": "chat", "channel": "team", "text": TEAM_CHAT}),
        ("RED", {"type": "propose", "terms": {"kind": "defensive", "members": ["GRN", "RED"],
                                              "secret": True, "name": SECRET_PACT}}),
        ("GRN", {"type": "accept", "proposal": "X1"}),
        ("BLU", {"type": "propose", "terms": {"kind": "defensive", "members": ["BLU", "GRN"],
                                              "name": "Shield"}}),
        ("GRN", {"type": "accept", "proposal": "X2"}),
        ("RED.2", {"type": "orders", "orders": [{"op": "build", "territory": "R", "n": 1}]}),
        ("RED", {"type": "sign_off"}),
        ("GRN", {"type": "orders", "orders": [{"op": "build", "territory": "G", "n": 1}]}),
        ("GRN", {"type": "intent", "text": INTENT}),
        ("RED", {"type": "insight", "text": INSIGHT}),
        ("BLU", {"type": "chat", "channel": "herald", "text": PRESS_TEXT}),
        ("umpire", {"type": "chat", "channel": "public", "text": PUBLIC_CHAT}),
        ("umpire", {"type": "inject", "inject": {"kind": "announcement", "targets": ["RED"],
                                                 "title": "Bank run", "text": TARGETED_NEWS}}),
        ("umpire", {"type": "inject", "inject": {"kind": "announcement", "title": "Famine",
                                                 "text": PUBLIC_NEWS}}),
        ("umpire", {"type": "edit_world", "edit": {"kind": "add_units", "power": "GRN",
                                                   "territory": "X", "n": 1},
                    "rationale": EDIT_RATIONALE}),
    ]


def adjudication_steps() -> list[tuple[str, dict[str, Any]]]:
    return [
        ("RED", {"type": "ready", "ready": True}),
        ("BLU", {"type": "ready", "ready": True}),
        ("GRN", {"type": "ready", "ready": True}),
        ("umpire", {"type": "amend_order", "power": "RED", "index": 0, "order": None,
                    "rationale": AMEND_RATIONALE}),
        ("umpire", {"type": "release_result", "feedback": {"RED": FEEDBACK}}),
    ]


def strings_in(obj: Any) -> Iterator[str]:
    """Every string in a message, keys and values, however deep."""
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield str(k)
            yield from strings_in(v)
    elif isinstance(obj, (list, tuple)):
        for v in obj:
            yield from strings_in(v)


def dicts_in(obj: Any) -> Iterator[dict]:
    if isinstance(obj, dict):
        yield obj
        for v in obj.values():
            yield from dicts_in(v)
    elif isinstance(obj, (list, tuple)):
        for v in obj:
            yield from dicts_in(v)


def assert_nothing_private(before_result: list[dict], received: list[dict]) -> None:
    """The checks shared by both transports (see the module docstring)."""
    # Orders before adjudication: not one order, signed or drafted, in anything.
    assert not [d for m in before_result for d in dicts_in(m) if "op" in d]
    text = "\n".join(s for m in received for s in strings_in(m))
    for secret in SECRETS:
        assert secret not in text, secret
    assert not [m for m in received if m.get("type") in PRIVATE_TYPES]
    for m in received:
        if m.get("type") == "chat":
            assert m["channel"] == "public" or m["channel"] == "herald", m
            assert m["from"] != "BLU" or not m.get("press"), m      # the press author
    for m in (m for m in received if m.get("type") == "turn_result"):
        assert m.get("feedback", {}) == {}
    # The public things did arrive (so the search above could have found the others).
    assert PUBLIC_CHAT in text and PUBLIC_NEWS in text and PRESS_TEXT in text
    assert "Shield" in text
    assert any(m.get("type") == "turn_result" for m in received)


# --- in-process ---------------------------------------------------------------------------


def workshop_triangle(clock: FakeClock) -> tuple[WorkshopHost, dict[str, Any]]:
    host = WorkshopHost.new(triangle(), MatchSettings(seed=3, fog=True, deadline=600),
                            clock=clock, match_id="proj1")
    conns: dict[str, Any] = {p: host.join(p, p.lower()) for p in ("RED", "BLU", "GRN")}
    joined = host.match.join_team("RED", clock(), name="Bo", role="foreign minister")
    host.fan_out(joined)
    conns["RED.2"] = host.connect(joined.reply["seat"])
    conns["umpire"] = host.connect("umpire")
    return host, conns


def recorded_spectator(host: LocalHost) -> tuple[Any, MatchModel, list[dict]]:
    """A spectator connection whose every received message is also kept in a list."""
    conn = host.connect("spectator")
    received: list[dict] = []
    inner = conn.poll

    def recording() -> list[dict]:
        messages = inner()
        received.extend(messages)
        return messages

    conn.poll = recording
    model = MatchModel.from_snapshot(conn.poll()[0]["snapshot"])
    return conn, model, received


def with_ids(message: dict[str, Any], made: list[str]) -> dict[str, Any]:
    """The step with its placeholder ``X<n>`` replaced by the id of the n-th proposal made
    (proposal ids are opaque, docs/PROTOCOL.md §3)."""
    ref = message.get("proposal")
    if isinstance(ref, str) and ref[:1] == "X" and ref[1:].isdigit():
        return {**message, "proposal": made[int(ref[1:]) - 1]}
    return message


def run_steps(conns: dict[str, Any], steps: list[tuple[str, dict[str, Any]]]) -> None:
    made: list[str] = []
    for seat, message in steps:
        message = with_ids(message, made)
        conns[seat].send(message)
        reply = [m for m in conns[seat].poll() if m.get("rid") is not None][-1]
        assert reply["type"] != "error", (seat, message, reply)
        if message["type"] == "propose":
            made.append(reply["proposal"])


def test_in_process_the_projector_receives_no_private_frame_and_shows_the_public_ones():
    clock = FakeClock()
    host, conns = workshop_triangle(clock)
    spec, model, received = recorded_spectator(host)
    app = App((1280, 720))
    screen = ProjectorScreen(app, spec, model, map_doc=host.match.scenario.map_doc)
    app.push(screen)
    app.run(frames=2)
    run_steps(conns, planning_steps())
    app.run(frames=2)
    before_result = list(received)
    run_steps(conns, adjudication_steps())
    app.run(frames=2)
    assert host.match.turn == 2
    assert_nothing_private(before_result, received)
    # What the screen puts up: the public chat, the press (unsigned) and the public news.
    said = [(c.speaker, c.text) for c in screen.captions.captions]
    assert ("Umpire", PUBLIC_CHAT) in said and ("The Herald", PRESS_TEXT) in said
    assert ("Famine", PUBLIC_NEWS) in said
    assert not any(TARGETED_NEWS in text for _, text in said)
    assert screen.show.turn == 1 and screen.model.turn == 2
    app.screenshot(f"{SHOTS}/privacy_local.png")


# --- over websockets --------------------------------------------------------------------------


class FrameConnection:
    """A spectator ``Connection`` replaying frames a real client received (the screen is
    synchronous; the websocket client is not). It refuses to send: the projector never
    should."""

    def __init__(self, frames: list[dict]) -> None:
        self.seat: str | None = "spectator"
        self.frames = list(frames)
        self.sent: list[dict] = []

    @property
    def status(self) -> str:
        return OPEN

    def send(self, message: dict[str, Any]) -> Any:
        self.sent.append(message)
        raise AssertionError(f"the projector sent {message}")

    def poll(self) -> list[dict]:
        out, self.frames = self.frames, []
        return out

    def close(self) -> None:
        pass


def test_over_websockets_the_spectator_receives_no_private_frame():
    async def scenario() -> tuple[list[dict], list[dict], dict]:
        async with running_server() as (server, url):
            room = await workshop_room(url)
            spectator: Client = room["spectator"]
            made: list[str] = []
            for seat, message in planning_steps():
                fields = {k: v for k, v in with_ids(message, made).items() if k != "type"}
                reply = await room[seat].ok(message["type"], **fields)
                if message["type"] == "propose":
                    made.append(reply["proposal"])
            await spectator.ok("ping")            # everything pushed so far has arrived
            before_result = list(spectator.frames)
            for seat, message in adjudication_steps():
                fields = {k: v for k, v in message.items() if k != "type"}
                await room[seat].ok(message["type"], **fields)
            await spectator.push("turn_result")
            map_doc = (await spectator.ok("map"))["map"]
            frames = list(spectator.frames)
            await close_all(room)
            return before_result, frames, map_doc

    before_result, frames, map_doc = asyncio.run(scenario())
    # The ping, pong and map replies are the test's own; the rest is the match's.
    assert_nothing_private(before_result, frames)
    joined = next(f for f in frames if f.get("type") == "joined")
    assert joined["seat"] == "spectator"
    # The same frames drive the screen: it shows the public turn and sends nothing.
    conn = FrameConnection([f for f in frames if f is not joined])
    app = App((1280, 720))
    screen = ProjectorScreen(app, conn, MatchModel.from_snapshot(joined["snapshot"]),
                             map_doc=map_doc)
    app.push(screen)
    app.run(frames=3)
    assert conn.sent == [] and screen.model.turn == 2 and screen.show.turn == 1
    said = [c.text for c in screen.captions.captions]
    assert PUBLIC_CHAT in said and PUBLIC_NEWS in said and TARGETED_NEWS not in said
    app.screenshot(f"{SHOTS}/privacy_server.png")


# --- the screen ------------------------------------------------------------------------------


def triangle_projector(size=(1280, 720), **kwargs):
    """A triangle match after one turn that signed a public pact (BLU–GRN), on a projector."""
    clock = FakeClock()
    host = WorkshopHost.new(triangle(), MatchSettings(seed=3, fog=False, deadline=600),
                            clock=clock, match_id="proj2")
    conns = {p: host.join(p, p.lower()) for p in ("RED", "BLU", "GRN")}
    conns["umpire"] = host.connect("umpire")
    spec, model, _ = recorded_spectator(host)
    app = App(size)
    screen = ProjectorScreen(app, spec, model, map_doc=host.match.scenario.map_doc,
                             **kwargs)
    app.push(screen)
    app.run(frames=2)
    run_steps(conns, [
        ("BLU", {"type": "propose", "terms": {"kind": "defensive", "members": ["BLU", "GRN"],
                                              "name": "Shield"}}),
        ("GRN", {"type": "accept", "proposal": "X1"}),
        ("umpire", {"type": "set_warning", "seconds": 900}),
        ("RED", {"type": "orders", "orders": [{"op": "declare_war", "target": "BLU"},
                                              {"op": "move", "from": "R", "to": "X",
                                               "n": 1}]}),
        ("RED", {"type": "ready", "ready": True}), ("BLU", {"type": "ready", "ready": True}),
        ("GRN", {"type": "ready", "ready": True})])
    app.run(frames=2)
    return app, screen, host, conns


def tutorial_projector(size=(1280, 720), **kwargs):
    """The tutorial after a turn of war (RED attacks YEL and marches into neutral Dunmore),
    on a projector that joined before it; the Entente (RED–GRN) is public."""
    host, conns = workshop()
    spec, model, _ = recorded_spectator(host)
    app = App(size)
    screen = ProjectorScreen(app, spec, model, map_doc=host.match.scenario.map_doc, **kwargs)
    app.push(screen)
    app.run(frames=2)
    run_steps(conns, [
        ("umpire", {"type": "set_warning", "seconds": 900}),
        ("RED", {"type": "orders", "orders": [
            {"op": "move", "from": "ALB", "to": "DUN", "n": 5},
            {"op": "declare_war", "target": "YEL"},
            {"op": "move", "from": "FEN", "to": "SOL", "n": 2}]}),
        ("RED", {"type": "ready", "ready": True}), ("GRN", {"type": "ready", "ready": True})])
    app.run(frames=2)
    return app, screen, host, conns


def non_background(surface: pygame.Surface, rect: pygame.Rect, background) -> int:
    px = pygame.surfarray.pixels3d(surface)[rect.left:rect.right, rect.top:rect.bottom]
    return int(np.any(px != np.array(background, dtype=px.dtype), axis=2).sum())


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_the_screen_shows_owners_the_public_link_and_the_header(size):
    app, screen, host, conns = tutorial_projector(size)
    assert screen.show.turn == 1 and not screen.show.finished
    screen.show.t = screen.show.duration            # the replay's end: the new map
    app.run(frames=2)
    renderer, L = screen.renderer, screen.layout
    view = screen.model.view
    assert renderer.view is screen.show.replay.after
    assert {view["territories"][t]["owner"] for t in ("ALB", "CYM", "KEL", "SOL")} == \
        {"RED", "GRN", "BLU", "YEL"}
    for tid in ("ALB", "CYM", "KEL", "SOL", "DUN"):
        t = renderer.geometry.territories[renderer.geometry.index[tid]]
        owner = view["territories"][tid]["owner"]
        got = commonest_in(app.screen, renderer.screen_polygon(tid), L.map.topleft)
        assert got == renderer.fill_for(owner, t.terrain), tid
    # The Entente, a public defensive pact, links Redland's and Greenmark's capitals.
    (ax, ay), (bx, by) = renderer.anchor_screen("ALB"), renderer.anchor_screen("CYM")
    mid = (L.map.x + (ax + bx) / 2, L.map.y + (ay + by) / 2)
    assert colour_near(app.screen, mid, palette.LINK_DEFENSIVE, 3) > 0
    # The header holds the match, the turn and the countdown (inside the warning: red).
    assert screen.countdown() == ("10:00", True, False)
    assert non_background(app.screen, L.header, HEADER_BG) > L.header.width * 4
    clock_box = pygame.Rect(L.header.right - L.header.width // 6, L.header.y,
                            L.header.width // 6, L.header.height)
    assert colour_near(app.screen, clock_box.center, (178, 34, 34), 30) > 0
    app.screenshot(f"{SHOTS}/projector_{size[0]}.png")


def test_the_replay_plays_by_itself_holds_and_loops_and_the_keys_drive_it():
    app, screen, host, conns = tutorial_projector()
    show = screen.show
    rows = show.rows
    assert [r.text for r in rows[:3]] == ["Redland declared war on Yellowmark.",
                                          "Armies march: 2 moves.",
                                          "Redland violated the neutrality of Dunmore."]
    assert [r.phase for r in rows[3:]] == ["battles", "battles", "retreats", "retreats"]
    assert show.current() == 0
    app.screenshot(f"{SHOTS}/replay_start.png")
    key(app, pygame.K_SPACE)
    assert show.paused
    t = show.t
    app.run(frames=30)
    assert show.t == t                            # paused: time stands
    key(app, pygame.K_RIGHT)
    assert show.paused and (show.t in [r.start for r in rows] or show.t == show.duration)
    key(app, pygame.K_LEFT)
    key(app, pygame.K_LEFT)
    assert show.t == 0.0 or show.t in [r.start for r in rows]
    key(app, pygame.K_SPACE)
    assert not show.paused
    show.t = show.duration + show.hold - 0.01
    app.run(frames=2)
    assert show.loops == 1 and show.t < 0.1       # started again by itself
    assert screen.fullscreen                     # it opens full screen (headless: a flag)
    key(app, pygame.K_f)
    assert not screen.fullscreen
    key(app, pygame.K_ESCAPE)
    assert not app.running


def test_the_show_steps_row_by_row_and_holds_without_a_loop():
    names = Names()
    report = {"turn": 1, "label": "Spring 1900", "events": [
        {"type": "moved", "power": "RED", "from": "R", "to": "B", "n": 2},
        {"type": "moved", "power": "RED", "from": "R", "to": "G", "n": 1},
        {"type": "battle", "territory": "B", "attackers": {"RED": 2}, "defenders": {"BLU": 3},
         "before": {"RED": 2, "BLU": 3}, "after": {"RED": 0, "BLU": 2}, "winner": "BLU"}]}
    view = {"territories": {}, "pacts": [], "wars": []}
    replay = TurnReplay(report, view, view, names)
    rows = rows_of(replay)
    assert [r.phase for r in rows] == ["moves", "battles"]
    assert rows[0].text == "Armies march: 2 moves."
    show = ReplayShow(hold=5.0, loop=False)
    show.start(replay, 1, "Spring 1900")
    show.step(1)
    assert show.paused and show.t == rows[1].start and show.current() == 1
    show.step(1)
    assert show.t == show.duration and show.finished
    show.step(-1)
    assert show.t == rows[1].start
    show.step(-1)
    assert show.t == rows[0].start == 0.0
    show.toggle_pause()
    show.update(show.duration + 100)
    assert show.t == show.duration + 100 and show.loops == 0 and show.hold_left() is None


def test_captions_come_only_from_public_messages():
    names = Names()
    channels = {"herald": {"kind": "press", "name": "The Herald"},
                "cabinet": {"kind": "group", "members": ["RED", "BLU"]}}
    assert is_public_chat({"channel": "public"}, channels)
    assert is_public_chat({"channel": "herald"}, channels)
    assert not is_public_chat({"channel": "cabinet"}, channels)
    assert not is_public_chat({"channel": ["BLU", "RED"]}, channels)
    assert not is_public_chat({"channel": "unknown"}, channels)
    assert caption_of({"type": "chat", "channel": ["BLU", "RED"], "from": "RED",
                       "text": "psst"}, names, channels, 0.0) is None
    assert caption_of({"type": "inject", "targets": ["RED"], "text": "x"}, names, channels,
                      0.0) is None
    news = caption_of({"type": "inject", "targets": "all", "kind": "scandal"}, names,
                      channels, 3.0)
    assert news is not None and (news.kind, news.speaker, news.at) == (NEWS, "Scandal", 3.0)
    warn = caption_of({"type": "deadline_warning", "seconds_left": 120.0}, names, channels, 0)
    assert warn is not None and warn.text == "2 minutes left to give orders."


def test_the_projector_refuses_any_seat_but_a_spectator():
    host, conns = workshop()
    app = App((1280, 720))
    for seat in ("RED", "umpire"):
        model = MatchModel.from_snapshot(host.match.snapshot(seat))
        with pytest.raises(NotSpectator, match=f"seat '{seat}'.*spectator"):
            ProjectorScreen(app, conns[seat], model, map_doc={})
    # An observer is refused too: the umpire may open everything to observers.
    spec = host.connect("spectator")
    observer = MatchModel.from_snapshot(dict(host.match.snapshot("spectator"),
                                             seat="observer"))
    with pytest.raises(NotSpectator, match="observer"):
        ProjectorScreen(app, spec, observer, map_doc={})


def test_a_rejoin_as_anything_but_a_spectator_blanks_the_screen():
    app, screen, host, conns = triangle_projector()
    screen.conn.deliver({"type": "joined", "match": "proj2", "seat": "RED",
                         "snapshot": host.match.snapshot("RED")})
    app.run(frames=2)
    assert screen.refused is not None and "RED" in screen.refused
    assert screen.conn.closed
    L = screen.layout
    assert non_background(app.screen, L.header, HEADER_BG) == L.header.width * L.header.height


def test_the_layout_reads_from_the_back_at_both_sizes():
    small, large = ProjectorLayout.of((1280, 720)), ProjectorLayout.of((1920, 1080))
    assert small.map.width >= 800 and large.map.width >= 1300
    assert small.px(30) >= 20 and large.px(30) == 30
    assert small.header.height >= 84 and small.report.right == 1280


# --- the workshop tabs on the players' game screen --------------------------------------------


def test_a_workshop_player_gets_the_notes_tab_and_an_intent_reaches_the_match():
    host, conns = workshop()
    conn = conns["RED"]
    model = MatchModel.from_snapshot(host.match.snapshot("RED"))
    app = App((1280, 720))
    screen = GameScreen(app, conn, model, map_doc=host.match.scenario.map_doc)
    app.push(screen)
    app.run(frames=2)
    assert screen.sidebar.titles[-1] == "Notes"
    assert screen.sidebar.select_title("Notes")
    notes = screen.sidebar.panels[screen.sidebar.current]
    write(app, notes, "intent", "Hold the line in the south")
    press_label(app, notes, "Send intent")
    intents = [e for e in host.match.log if e.get("type") == "intent"]
    assert [(e["seat"], e["text"]) for e in intents] == [("RED",
                                                          "Hold the line in the south")]
    assert any("intent is with the umpire" in t for t, _ in screen.toasts)
    app.screenshot(f"{SHOTS}/game_notes_tab.png")


def test_a_plain_hot_seat_game_gets_no_workshop_tab():
    from console_support import TUTORIAL
    host = LocalHost.new(TUTORIAL, MatchSettings(seed=7, fog=False,
                                                 seats={"BLU": "empty", "YEL": "empty"}))
    conn = host.join("RED", "Ada")
    model = MatchModel.from_snapshot(conn.poll()[0]["snapshot"])
    app = App((1280, 720))
    screen = GameScreen(app, conn, model, map_doc=TUTORIAL.map_doc)
    app.push(screen)
    app.run(frames=2)
    # The scenario's Brief tab, but none of the workshop's.
    assert screen.sidebar.titles == ["Report", "Inbox", "Pacts", "Powers", "Chat", "Brief"]


def test_the_header_follows_the_umpires_clock_and_stage():
    app, screen, host, conns = tutorial_projector()
    run_steps(conns, [("umpire", {"type": "pause"}),
                      ("umpire", {"type": "set_stage", "stage": "negotiation"})])
    app.run(frames=2)
    assert screen.countdown() == ("10:00", False, True)
    assert [text for text, *_ in screen.header_parts()] == ["Turn 2", "Autumn 1900",
                                                            "Negotiation", "0 of 2 ready"]
    run_steps(conns, [("umpire", {"type": "resume"}),
                      ("umpire", {"type": "adjust_deadline", "seconds": -300})])
    app.run(frames=2)
    assert screen.countdown() == ("5:00", True, False)
    run_steps(conns, [("umpire", {"type": "set_stage", "stage": "orders"}),
                      ("GRN", {"type": "ready", "ready": True})])
    app.run(frames=2)
    assert screen.header_parts()[-2:] == [("Orders", 20, (255, 214, 90), True),
                                          ("1 of 2 ready", 17, (196, 184, 160), False)]
    app.screenshot(f"{SHOTS}/header_negotiation.png")


def test_a_rollback_ends_the_story_of_the_turn_that_never_happened():
    app, screen, host, conns = tutorial_projector()
    assert screen.show.replay is not None and screen.model.turn == 2
    run_steps(conns, [("umpire", {"type": "rollback", "turn": 1})])
    app.run(frames=2)
    assert screen.model.turn == 1 and screen.show.replay is None
    assert screen.renderer.view == host.match.snapshot("spectator")["view"]
    app.screenshot(f"{SHOTS}/after_rollback.png")


def test_a_projector_opened_mid_match_replays_the_last_report_over_todays_map():
    app, screen, host, conns = tutorial_projector()
    late, model, _ = recorded_spectator(host)
    assert model.history == [] and model.report is not None
    other = ProjectorScreen(App((1280, 720)), late, model, map_doc=host.match.scenario.map_doc)
    assert other.show.turn == 1 and other.show.label == "Spring 1900"
    assert [r.text for r in other.show.rows] == [r.text for r in screen.show.rows]
    assert other.show.replay.before is other.show.replay.after is model.view


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_the_room_sees_a_result_under_review_with_its_time_then_the_release(size):
    clock = FakeClock()
    host, conns = workshop(review=True, clock=clock)
    spec, model, _ = recorded_spectator(host)
    app = App(size)
    screen = ProjectorScreen(app, spec, model, map_doc=host.match.scenario.map_doc,
                             now=clock)
    app.push(screen)
    app.run(frames=2)
    run_steps(conns, [("RED", {"type": "ready", "ready": True}),
                      ("GRN", {"type": "ready", "ready": True})])
    app.run(frames=2)
    assert host.match.phase == "review"
    clock.now += 135
    app.run(frames=2)
    texts = [text for text, *_ in screen.header_parts()]
    assert texts[-2:] == ["Result under review", "for 2:15"]
    assert screen.countdown() is None
    app.screenshot(f"{SHOTS}/projector_under_review_{size[0]}.png")
    # Nothing of the result reached the room while it waited.
    assert screen.model.turn == 1 and not screen.model.history
    clock.now += 45
    run_steps(conns, [("umpire", {"type": "release_result"})])
    app.run(frames=2)
    assert screen.model.turn == 2 and "Result under review" not in [
        text for text, *_ in screen.header_parts()]
    (caption,) = [c for c in screen.captions.showing(screen.clock)
                  if c.speaker == "The umpire"]
    assert caption.text == "released the result after 3:00 under review."
    app.screenshot(f"{SHOTS}/projector_released_{size[0]}.png")


def test_a_projector_joining_during_review_knows_since_when():
    clock = FakeClock()
    host, conns = workshop(review=True, clock=clock)
    run_steps(conns, [("RED", {"type": "ready", "ready": True}),
                      ("GRN", {"type": "ready", "ready": True})])
    clock.now += 61
    spec, model, _ = recorded_spectator(host)
    app = App((1280, 720))
    screen = ProjectorScreen(app, spec, model, map_doc=host.match.scenario.map_doc, now=clock)
    app.push(screen)
    app.run(frames=2)
    assert [text for text, *_ in screen.header_parts()][-2:] == [
        "Result under review", "for 1:01"]
