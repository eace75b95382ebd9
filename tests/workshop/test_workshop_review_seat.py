"""While a result waits for the umpire's review, a player's top bar says so instead of
counting down a deadline the host no longer runs; the release opens the next turn's
clock. The pushes are a real workshop host's, in this process."""

from __future__ import annotations

from console_support import workshop
from game.client.model import CLOCK, MatchModel
from game.client.screens.top_bar import clock_parts


def words(model: MatchModel) -> list[str]:
    return [text for text, *_ in clock_parts(model, now=0.0)]


def feed(model: MatchModel, conn) -> set[str]:
    changed: set[str] = set()
    for message in conn.poll():
        changed |= model.apply(message)
    return changed


def test_a_seat_sees_the_result_under_review_then_the_next_turns_clock():
    host, conns = workshop(review=True)
    model = MatchModel.from_snapshot(conns["RED"].poll()[0]["snapshot"])
    assert any(w.endswith(" left") for w in words(model))         # the turn's deadline
    for seat in ("RED", "GRN"):
        conns[seat].send({"type": "ready", "ready": True})
    assert host.match.phase == "review"
    changed = feed(model, conns["RED"])
    assert CLOCK in changed and model.phase == "review"
    assert words(model) == ["result under review"]                 # no countdown
    conns["umpire"].send({"type": "release_result"})
    feed(model, conns["RED"])
    assert model.turn == 2 and model.phase == "planning"
    assert any(w.endswith(" left") for w in words(model))
