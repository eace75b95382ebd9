"""The online client's pure parts: the seat book, taking a seat a frame at a time, and the
create form's request (no network, no window)."""

from __future__ import annotations

import stat

from game.client.connection import LocalHost
from game.client.online.opener import Opener
from game.client.online.seats import HeldSeat, SeatBook
from game.client.screens.create_match import MatchForm
from game.client.screens.start import BOT, EMPTY
from game.match import MatchSettings
from match_helpers import triangle


def test_the_seat_book_remembers_replaces_and_forgets(tmp_path):
    book = SeatBook(tmp_path / "deep" / "seats.json")
    assert book.all() == []
    book.remember(HeldSeat("ws://a:1", "m1", "RED", "t1", name="Friday", player="Ada",
                           saved_at=10))
    book.remember(HeldSeat("ws://a:1", "m2", "umpire", "u2", saved_at=20))
    book.remember(HeldSeat("ws://b:1", "m1", "RED", "other", saved_at=30))
    book.remember(HeldSeat("ws://a:1", "m1", "RED", "t1b", name="Friday", saved_at=40))
    assert [(h.match, h.seat, h.token) for h in book.for_server("ws://a:1")] == [
        ("m1", "RED", "t1b"), ("m2", "umpire", "u2")]
    assert book.find("ws://a:1", "m2").token == "u2"
    assert book.find("ws://a:1", "m2", "RED") is None
    assert stat.S_IMODE(book.path.stat().st_mode) == 0o600     # a token is as good as a seat
    book.forget("ws://a:1", "m1", "RED")
    assert [h.match for h in book.for_server("ws://a:1")] == ["m2"]
    assert HeldSeat("s", "m", "RED", "t", name="Friday", player="Ada").describe() == \
        "Friday · RED (Ada)"


def test_a_damaged_seat_file_reads_as_empty(tmp_path):
    path = tmp_path / "seats.json"
    path.write_text("{not json", encoding="utf-8")
    assert SeatBook(path).all() == []
    path.write_text('{"seats": [{"server": "s", "match": "m"}, {"server": "s", "match": "m",'
                    ' "seat": "RED", "token": "t", "extra": 1}]}', encoding="utf-8")
    assert [h.seat for h in SeatBook(path).all()] == ["RED"]


def test_the_opener_joins_then_fetches_the_map_keeping_pushes_in_between():
    host = LocalHost.new(triangle(), MatchSettings(seed=3), match_id="m1")
    host.join("BLU", "Bo")

    class Scripted:
        """Replies as the host would, one step at a time."""
        status = "open"
        seat = None

        def __init__(self) -> None:
            self.sent: list[dict] = []

        def send(self, message):
            self.sent.append(message)
            return len(self.sent)

    wire = Scripted()
    opener = Opener(wire, {"type": "join", "match": "m1", "seat": "RED", "name": "Ada"})
    assert wire.sent == [{"type": "join", "match": "m1", "seat": "RED", "name": "Ada"}]
    snapshot = host.match.snapshot("RED")
    opener.step([{"type": "match_list", "rid": 99, "matches": []},
                 {"type": "joined", "rid": 1, "match": "m1", "seat": "RED", "token": "tok",
                  "snapshot": snapshot}])
    assert opener.state == "fetching" and wire.sent[-1] == {"type": "map"}
    assert opener.token == "tok" and [m["type"] for m in opener.others] == ["match_list"]
    opener.step([{"type": "ready", "power": "BLU", "ready": True},
                 {"type": "map", "rid": 2, "map": {"name": "board"}}])
    assert opener.done and opener.map_doc == {"name": "board"}
    assert opener.model.ready["BLU"] is True and opener.model.seat == "RED"


def test_the_opener_says_why_a_seat_was_refused():
    class Wire:
        def send(self, message):
            return 7

    opener = Opener(Wire(), {"type": "join", "match": "m1", "seat": "RED"})
    opener.step([{"type": "error", "code": "seat_taken", "message": "RED is taken", "rid": 7}])
    assert opener.failed
    assert opener.error == "Someone already holds that seat: choose another, or spectate."
    opener = Opener(Wire(), {"type": "spectate", "match": "m1"})
    opener.step([{"type": "error", "code": "internal", "message": "the server failed",
                  "rid": 7}])
    assert opener.error == "The server failed."
    # A request lost with a dropped socket: the opener gives up after its patience.
    opener = Opener(Wire(), {"type": "spectate", "match": "m1"})
    opener.step([], now=opener.started + 19)
    assert opener.state == "joining"
    opener.step([], now=opener.started + 21)
    assert opener.failed and opener.error == "The host did not answer in time: try again."


SCENARIO = {"name": "tutorial", "title": "Tutorial", "description": "Four powers.",
            "powers": [{"id": "RED", "name": "Redland", "color": "#c0392b"},
                       {"id": "GRN", "name": "Greenmark", "color": "#27ae60"},
                       {"id": "BLU", "name": "Blueport", "color": "#2980b9"}]}


def test_the_form_builds_create_match_with_bots_and_personalities():
    form = MatchForm([SCENARIO], ("hawk", "dove"), name=" Friday ", deadline="5 minutes",
                     password="pw")
    form.set_kind("GRN", BOT)
    form.set_kind("BLU", BOT)
    form.seats[2].personality = "dove"
    assert form.request() == {"type": "create_match", "scenario": "tutorial", "fog": True,
                              "name": "Friday", "password": "pw", "deadline": 300,
                              "bots": ["GRN", "BLU"],
                              "personalities": {"GRN": "hawk", "BLU": "dove"}}
    # Without the bots installed here, bot seats get the host's default.
    form = MatchForm([SCENARIO], None)
    form.set_kind("BLU", BOT)
    form.set_kind("GRN", EMPTY)
    assert form.request() == {"type": "create_match", "scenario": "tutorial", "fog": True,
                              "bots": ["BLU"], "empty": ["GRN"]}


def test_the_form_says_what_is_wrong():
    form = MatchForm([SCENARIO], None)
    for power in ("RED", "GRN", "BLU"):
        form.set_kind(power, EMPTY)
    assert form.request() is None
    assert form.problem == "At least one seat must be a person: somebody has to play."
    form = MatchForm([SCENARIO], None, name="x" * 65)
    assert form.request() is None and form.problem == \
        "The match's name is longer than 64 characters."
    assert MatchForm([], None).request() is None


def test_the_odds_use_a_shipped_scenarios_rules_found_by_title():
    from game.client.online.flow import local_rules
    from game.maps import load_scenario, resolve_scenario

    assert local_rules("Europe 1939") == load_scenario(resolve_scenario("europe-1939")).rules
    assert local_rules("test") is None
