"""The workshop feed: what it folds from the host's messages, and which tabs each seat gets."""

from __future__ import annotations

from game.client.model import MatchModel
from game.client.workshop import WorkshopFeed, workshop_panels
from game.client.workshop.feed import ANSWERS, CLOCK, NOTES, REVIEW
from game.match import MatchSettings
from console_support import TUTORIAL, FakeClock, of_type, workshop


def test_the_feed_folds_the_clock_review_notes_and_answers():
    feed = WorkshopFeed("umpire")
    feed.load_snapshot({"turn": 2, "label": "Autumn 1900", "deadline_at": 100.0,
                        "warning": 30, "stage": "orders", "review": True})
    assert feed.seconds_left(40.0) == 60.0 and not feed.in_warning(40.0)
    assert feed.in_warning(75.0)
    assert feed.apply({"type": "clock", "turn": 2, "deadline_at": None, "paused": True,
                       "remaining": 25.0, "warning": 30, "stage": "negotiation"}) == {CLOCK}
    assert feed.paused and feed.seconds_left(10_000.0) == 25.0 and feed.stage == "negotiation"
    assert feed.apply({"type": "review", "turn": 2, "orders": {}, "report": {}}) == {REVIEW}
    assert feed.phase == "review"
    assert feed.apply({"type": "intent", "seq": 4, "seat": "RED", "turn": 2,
                       "text": "hold"}) == {NOTES}
    assert feed.my_notes("intent", "RED") == [{"seq": 4, "seat": "RED", "turn": 2,
                                               "text": "hold"}]
    assert feed.my_notes("intent", "GRN") == []
    assert feed.apply({"type": "error", "rid": 9, "code": "not_allowed",
                       "message": "no"}) == {ANSWERS}
    assert feed.answers[9].ok is False and feed.last_error.message == "no"
    assert feed.apply({"type": "unknown_push"}) == frozenset()


def test_every_seat_gets_the_workshop_tabs_that_are_its_own():
    host, conns = workshop()
    umpire = MatchModel.from_snapshot(conns["umpire"].poll()[0]["snapshot"])
    red = MatchModel.from_snapshot(conns["RED"].poll()[0]["snapshot"])
    spectator = MatchModel.from_snapshot(host.connect("spectator").poll()[0]["snapshot"])
    assert [p.title for p in workshop_panels(umpire)] == [
        "Clock", "Review", "World", "Injects", "History", "Status", "Roles"]
    assert [p.title for p in workshop_panels(red)] == ["Notes"]
    assert workshop_panels(spectator) == []
    analyst = MatchModel.from_snapshot(host.connect("analyst").poll()[0]["snapshot"])
    assert [p.title for p in workshop_panels(analyst)] == ["Status"]


def test_the_host_answers_workshop_commands_as_the_server_does():
    host, conns = workshop()
    ump, red = conns["umpire"], conns["RED"]
    ump.poll(), red.poll()
    rid = ump.send({"type": "pause"})
    replies = ump.poll()
    assert {"type": "ok", "of": "pause", "rid": rid} in replies
    assert of_type(red.poll(), "clock")[0]["paused"] is True
    red.send({"type": "pause"})
    error = of_type(red.poll(), "error")[0]
    assert error["code"] == "not_allowed"
    ump.send({"type": "pause", "extra": 1})
    assert of_type(ump.poll(), "error")[0]["code"] == "bad_message"
    ump.send({"type": "dashboard"})
    board = of_type(ump.poll(), "dashboard")[0]
    assert [row["power"] for row in board["powers"]] == ["RED", "GRN", "BLU", "YEL"]


def test_a_plain_hot_seat_game_gets_no_workshop_tabs():
    from game.client.connection import LocalHost
    host = LocalHost.new(TUTORIAL, MatchSettings(seed=1), clock=FakeClock())
    conn = host.join("RED", "Ada")
    model = MatchModel.from_snapshot(conn.poll()[0]["snapshot"])
    assert workshop_panels(model, conn) == []
    host, conns = workshop()
    model = MatchModel.from_snapshot(conns["RED"].poll()[0]["snapshot"])
    assert [p.title for p in workshop_panels(model, conns["RED"])] == ["Notes"]


def test_the_tap_shows_the_feed_every_message_and_still_hands_them_all_on():
    from game.client.workshop import feed_of

    class Wire:
        seat = "umpire"

        def __init__(self) -> None:
            self.inbox = [{"type": "clock", "turn": 4, "deadline_at": 50.0, "paused": False,
                           "remaining": None, "warning": None, "stage": "orders"},
                          {"type": "chat", "channel": "public", "text": "hi"}]

        def poll(self) -> list[dict]:
            out, self.inbox = self.inbox, []
            return out

    wire = Wire()
    feed = feed_of(wire)
    assert feed_of(wire) is feed                       # one feed per connection
    assert [m["type"] for m in wire.poll()] == ["clock", "chat"]
    assert feed.turn == 4 and feed.deadline_at == 50.0
    assert wire.poll() == []


def test_an_online_connection_gets_the_workshop_tabs():
    host, conns = workshop()
    model = MatchModel.from_snapshot(conns["RED"].poll()[0]["snapshot"])

    class Online:          # a network connection: no host in this process
        seat = "RED"
        url = "ws://127.0.0.1:8765"
    assert [p.title for p in workshop_panels(model, Online())] == ["Notes"]
