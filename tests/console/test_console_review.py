"""Review before release in the console: the umpire sees every order and the result, skips
and edits orders with a rationale, then releases the result with feedback per power."""

from __future__ import annotations

import pytest

from console_support import (SHOTS, drain, of_type, open_console, panel, press,
                                  press_label, workshop, write)

pytestmark = pytest.mark.usefixtures("pygame_ready")

RED_ORDERS = [{"op": "move", "from": "BOR", "to": "NRE", "n": 3},
              {"op": "move", "from": "FEN", "to": "DUN", "n": 2}]


def held_turn():
    host, conns = workshop(review=True)
    conns["RED"].send({"type": "orders", "orders": RED_ORDERS})
    conns["RED"].send({"type": "ready", "ready": True})
    conns["GRN"].send({"type": "ready", "ready": True})
    assert host.match.phase == "review"
    return host, conns


def test_nothing_reaches_the_players_before_release():
    host, conns = held_turn()
    app, screen = open_console(host, conns["umpire"], tab="Review")
    review = panel(screen, "Review")
    assert screen.feed.pending is not None and screen.feed.pending["orders"]["RED"] == RED_ORDERS
    assert review.button_labelled("Release the result") is not None
    assert not of_type(drain(conns["RED"]), "turn_result")
    assert not of_type(drain(conns["GRN"]), "review")
    app.screenshot(f"{SHOTS}/review_pending.png")


def test_an_amendment_needs_a_rationale():
    host, conns = held_turn()
    app, screen = open_console(host, conns["umpire"], tab="Review")
    review = panel(screen, "Review")
    press(app, review.button_labelled("Skip"))
    assert host.match.orders["RED"] == RED_ORDERS and host.match.pending.amendments == []
    assert any("rationale" in text for text, _ in screen.toasts)


def test_edit_and_skip_with_a_rationale_then_release_with_feedback():
    host, conns = held_turn()
    drain(conns["RED"]), drain(conns["GRN"])
    app, screen = open_console(host, conns["umpire"], tab="Review")
    review = panel(screen, "Review")
    write(app, review, "rationale", "Scripted: Fenmark stays home (white cell).")
    skips = [b for b in review.actions if getattr(b, "text", "") == "Skip"]
    press(app, skips[1])                                   # RED's second order
    assert host.match.orders["RED"] == RED_ORDERS[:1]
    assert host.match.pending.amendments[-1]["rationale"] == \
        "Scripted: Fenmark stays home (white cell)."
    review = panel(screen, "Review")
    press_label(app, review, "Edit")
    write(app, review, "order:RED:0", "BOR -> NRE 2")
    press_label(app, review, "Apply")
    assert host.match.orders["RED"] == [{"op": "move", "from": "BOR", "to": "NRE", "n": 2}]
    assert [a["order"] for a in screen.feed.pending["amendments"]] == [
        None, {"op": "move", "from": "BOR", "to": "NRE", "n": 2}]
    assert not of_type(drain(conns["RED"]), "turn_result")     # still held
    app.screenshot(f"{SHOTS}/review_amended.png")
    assert {k for k in review.entries if k.startswith("feedback:")} == {
        "feedback:RED", "feedback:GRN"}                # none for the empty seats
    write(app, review, "feedback:RED", "Hold the line next turn.")
    press_label(app, review, "Release the result")
    assert host.match.phase == "planning" and host.match.turn == 2
    red = of_type(drain(conns["RED"]), "turn_result")
    grn = of_type(drain(conns["GRN"]), "turn_result")
    assert len(red) == 1 and len(grn) == 1
    assert red[0]["feedback"] == {"RED": "Hold the line next turn."}
    assert grn[0]["feedback"] == {}
    territories = red[0]["view"]["territories"]
    assert territories["FEN"]["forces"].get("RED") == 2        # the skipped move stayed
    assert territories["BOR"]["forces"].get("RED") == 1        # 3 there, 2 went
    # The rationale never reaches a player.
    assert "white cell" not in repr(red) and "white cell" not in repr(grn)
    assert screen.feed.pending is None


def test_the_result_under_review_can_be_shown_on_the_map_and_put_away():
    host, conns = held_turn()
    app, screen = open_console(host, tab="Review")
    review = panel(screen, "Review")
    start = screen.model.view
    press_label(app, review, "Show this result on the map")
    pending_view = screen.feed.pending["view"]
    assert screen.map.renderer.view == pending_view and screen.ctx.previewing
    assert pending_view["territories"]["BOR"]["forces"].get("RED", 0) == 0   # 3 left Borea
    app.screenshot(f"{SHOTS}/review_preview.png")
    review = panel(screen, "Review")
    press_label(app, review, "Show the turn's start on the map")
    assert screen.map.renderer.view == start and not screen.ctx.previewing


def test_the_umpire_adds_an_order_a_power_did_not_give():
    host, conns = held_turn()
    app, screen = open_console(host, tab="Review")
    review = panel(screen, "Review")
    write(app, review, "rationale", "Greenmark's courier was late.")
    adds = [b for b in review.actions if getattr(b, "text", "") == "Add an order"]
    press(app, adds[1])                                    # Greenmark's
    review = panel(screen, "Review")
    write(app, review, "order:GRN:0", "CYM -> ERI 2")
    press_label(app, review, "Apply")
    assert host.match.orders["GRN"] == [{"op": "move", "from": "CYM", "to": "ERI", "n": 2}]
    review = panel(screen, "Review")
    press_label(app, review, "Edit")
    write(app, review, "order:RED:0", "march on Rome")    # not an order: said, not sent
    press_label(app, review, "Apply")
    assert host.match.orders["RED"] == RED_ORDERS
    assert any("cannot read 'march on Rome'" in t for t, _ in screen.toasts)


def test_a_big_turn_shows_each_power_folded_until_the_umpire_opens_it(monkeypatch):
    import game.client.workshop.review as review_module
    monkeypatch.setattr(review_module, "UNFOLDED_ORDERS", 1)
    host, conns = held_turn()
    app, screen = open_console(host, tab="Review")
    review = panel(screen, "Review")
    assert review.button_labelled("Skip") is None
    press_label(app, review, "Redland: 2 orders — show")
    review = panel(screen, "Review")
    assert len([b for b in review.actions if getattr(b, "text", "") == "Skip"]) == 2
    press_label(app, review, "Hide")
    review = panel(screen, "Review")
    assert review.button_labelled("Skip") is None
