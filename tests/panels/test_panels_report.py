"""The report panel: events in words that show themselves on the map, replays of earlier
turns, and the seat's rejected orders."""

from __future__ import annotations

import pytest
from pygame_gui.elements import UIButton

from builders import board
from game.client.model import REPORT
from game.words.narrate import narrate
from game.client.panels import ReportPanel
from panels_table import Table

from panels_support import _elements, all_text, button

# Neutral land enough that taking N wins nobody the game (half the map's value).
SCENARIO = board("R S N B C X Y", ["R-S", "R-N", "N-B", "B-C", "C-X", "X-Y"],
                 {"RED": {"territories": "R S", "forces": {"R": 6}, "name": "Redland"},
                  "BLU": {"territories": "B C", "forces": {"B": 2}, "name": "Blueland"}},
                 neutral={"N": 1})


def event_rows(panel) -> list[UIButton]:
    rows = [e for e in _elements(panel) if isinstance(e, UIButton)
            and "#event_row" in e.object_ids]
    return sorted(rows, key=lambda e: e.relative_rect.top)


def play_turn(table: Table) -> None:
    red, blu = table.seats["RED"].conn, table.seats["BLU"].conn
    red.send({"type": "orders", "orders": [{"op": "declare_war", "target": "BLU"},
                                           {"op": "move", "from": "R", "to": "N", "n": 5}]})
    red.send({"type": "ready", "ready": True})
    blu.send({"type": "ready", "ready": True})
    table.pump()


@pytest.fixture
def table(pygame_ready):
    return Table(SCENARIO, ["RED", "BLU"])


def test_before_the_first_turn_the_panel_says_so(table):
    report = table.open("RED", ReportPanel)
    assert "No turn has been played yet" in all_text(report)
    assert event_rows(report) == []


def test_each_event_is_a_sentence_and_clicking_it_shows_it_on_the_map(table):
    report = table.open("RED", ReportPanel)
    play_turn(table)
    table.save("RED", "/tmp/panels/report_turn.png")
    events = report.events()
    assert [e["type"] for e in events][:1] == ["war_declared"]
    rows = event_rows(report)
    assert len(rows) == len(events)
    text = all_text(report)
    for event in events:
        assert narrate(event, table.seats["RED"].ctx.names) in text
    table.click("RED", rows[1])
    table.click("RED", rows[0])
    assert table.seats["RED"].shown == [events[1], events[0]]


def test_earlier_turns_can_be_replayed(table):
    report = table.open("RED", ReportPanel)
    play_turn(table)
    for power in ("RED", "BLU"):
        table.seats[power].conn.send({"type": "ready", "ready": True})
    table.pump()
    assert [r.turn for r in table.seats["RED"].model.history] == [1, 2]
    assert "Replay a turn" in all_text(report)
    table.click("RED", button(report, "Replay", 1))       # newest first: turn 2, then 1
    table.click("RED", button(report, "Replay", 0))
    assert table.seats["RED"].replays == [1, 2]


def test_rejected_orders_are_listed_with_their_reasons_for_their_power_only(table):
    report = table.open("RED", ReportPanel)
    play_turn(table)
    model = table.seats["RED"].model
    model.report = {**model.report, "rejected": [
        {"power": "RED", "order": {"op": "move", "from": "R", "to": "B", "n": 2},
         "reason": "R and B are not adjacent"},
        {"power": "BLU", "order": {"op": "build", "territory": "B", "n": 1},
         "reason": "a secret of Blueland's"},
        {"power": "RED", "order": {"op": "fly", "to": 3}, "reason": "unknown order 'fly'"}]}
    report.refresh(frozenset({REPORT}))
    text = all_text(report)
    assert "Your rejected orders" in text
    assert "Move 2 from R to B" in text and "R and B are not adjacent" in text
    assert "op: fly, to: 3" in text and "unknown order" in text
    assert "Blueland's" not in text
