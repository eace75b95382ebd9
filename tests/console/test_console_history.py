"""Rollback and fork from the console, each behind a confirmation: the match returns to the
exact start of a turn, and a fork starts from that turn's exact state."""

from __future__ import annotations

import pytest

from client_helpers import press_button
from console_support import (SHOTS, confirm, drain, of_type, open_console, panel,
                                  press, shown_text, workshop, write)

pytestmark = pytest.mark.usefixtures("pygame_ready")


def two_turns_played():
    host, conns = workshop()
    for _ in range(2):
        conns["RED"].send({"type": "orders", "orders": []})
        conns["RED"].send({"type": "ready", "ready": True})
        conns["GRN"].send({"type": "ready", "ready": True})
    assert host.match.turn == 3
    return host, conns


def turn_button(tab, label: str, turn: int):
    """The button ``label`` in the row of ``turn`` (rows run from the current turn down;
    the current turn's rollback button reads "Restart it")."""
    labels = {label, "Restart it"} if label == "Roll back here" else {label}
    rows = [b for b in tab.actions if getattr(b, "text", "") in labels]
    return rows[tab.feed.turn - turn]


def test_rollback_asks_first_then_returns_to_the_exact_start_of_the_turn():
    host, conns = two_turns_played()
    start_of_2 = host.match.state_at(2).hash()
    conns["RED"].send({"type": "ready", "ready": True})        # turn 3 under way
    drain(conns["RED"])
    app, screen = open_console(host, tab="History")
    history = panel(screen, "History")
    press(app, turn_button(history, "Roll back here", 2))
    assert history.dialog is not None and host.match.turn == 3      # nothing yet
    app.screenshot(f"{SHOTS}/history_confirm.png")
    confirm(app, history)
    assert host.match.turn == 2 and host.match.state.hash() == start_of_2
    assert host.match.log[-1]["type"] == "rolled_back"
    pushes = drain(conns["RED"])
    assert of_type(pushes, "view")[0]["cause"] == "rollback"
    assert screen.model.turn == 2 and screen.feed.turn == 2
    assert screen.model.ready == {"RED": False, "GRN": False, "BLU": False, "YEL": False}
    assert [r.turn for r in screen.model.history] == []     # the console joined at turn 3


def test_closing_the_dialog_rolls_nothing_back():
    host, conns = two_turns_played()
    app, screen = open_console(host, tab="History")
    history = panel(screen, "History")
    press(app, turn_button(history, "Roll back here", 1))
    press_button(app, history.dialog.cancel_button)
    assert host.match.turn == 3 and history.dialog is None


def test_fork_makes_a_new_match_from_that_turn_and_shows_its_token_once():
    host, conns = two_turns_played()
    app, screen = open_console(host, tab="History")
    history = panel(screen, "History")
    write(app, history, "fork_name", "What if Redland had waited?")
    press(app, turn_button(history, "Fork from here", 2))
    confirm(app, history)
    assert len(host.forks) == 1
    (match_id, child), = host.forks.items()
    assert child.turn == 2 and child.state.hash() == host.match.state_at(2).hash()
    assert child.name == "What if Redland had waited?"
    assert child.log[0]["forked_from"] == {"match": "ws1", "turn": 2,
                                           "hash": host.match.state_at(2).hash()}
    assert host.match.turn == 3                       # the parent goes on
    fork = screen.feed.forks[-1]
    assert fork["match"] == match_id and fork["umpire_token"] == host.fork_tokens[match_id]
    history = panel(screen, "History")
    app.run(frames=2)
    assert host.fork_tokens[match_id] in shown_text(history)
    app.screenshot(f"{SHOTS}/history_forked.png")


def test_a_fork_is_saved_beside_the_parents_save(tmp_path):
    from game.client.connection import LocalHost, read_save
    from game.client.workshop import WorkshopHost
    from game.match import Match
    host, conns = two_turns_played()
    saved = WorkshopHost(Match.replay(host.match.log), save_path=tmp_path / "day.json",
                         clock=host.clock)
    ump = saved.connect("umpire")
    ump.send({"type": "fork", "turn": 1})
    reply = of_type(ump.poll(), "forked")[0]
    path = tmp_path / f"day.fork-{reply['match']}.json"
    child = LocalHost.load(path).match
    assert child.state.hash() == saved.match.state_at(1).hash()
    assert read_save(tmp_path / "day.json")[-1]["type"] == "forked"
