"""The console's status tab (the dashboard) and its roles and channels tab."""

from __future__ import annotations

import pytest

from game.words import palette
from game.client.workshop.matrix import HEADER, cell_kinds, draw_matrix
from console_support import (SHOTS, TUTORIAL, choose, drain, of_type, open_console,
                                  panel, press_label, shown_text, workshop, write)

pytestmark = pytest.mark.usefixtures("pygame_ready")


def test_the_status_tab_shows_who_submitted_who_is_ready_and_the_open_proposals():
    host, conns = workshop()
    conns["RED"].send({"type": "orders", "orders": [
        {"op": "move", "from": "BOR", "to": "NRE", "n": 3}]})
    conns["GRN"].send({"type": "propose", "terms": {"kind": "non_aggression",
                                                     "members": ["GRN", "RED"]}})
    app, screen = open_console(host, tab="Status")
    app.run(frames=3)
    board = screen.feed.dashboard
    assert board is not None
    rows = {r["power"]: r for r in board["powers"]}
    assert (rows["RED"]["submitted"], rows["RED"]["orders"], rows["GRN"]["submitted"]) == \
        (True, 1, False)
    assert [p["proposer"] for p in board["proposals"]] == ["GRN"]
    status = panel(screen, "Status")
    texts = shown_text(status)
    assert "submitted</b> 1 orders" in texts and "Open proposals (1)" in texts
    app.screenshot(f"{SHOTS}/status.png")
    conns["RED"].send({"type": "ready", "ready": True})
    screen.sidebar.panels[screen.sidebar.current].since = 99.0     # the next refresh is due
    app.run(frames=3)
    assert {r["power"]: r for r in screen.feed.dashboard["powers"]}["RED"]["ready"] is True


def test_the_pact_matrix_colours_each_pair_by_its_pact_and_war_in_red():
    board = {"pacts": [{"id": "P1", "kind": "defensive", "members": ["RED", "GRN"]}],
             "pact_matrix": {"RED": {"GRN": ["P1"]}, "GRN": {"RED": ["P1"]}, "BLU": {},
                             "YEL": {}},
             "wars": [["BLU", "RED"]]}
    powers = [{"id": p.id, "name": p.name, "color": p.color} for p in TUTORIAL.powers]
    assert cell_kinds(board, "RED", "GRN") == ["defensive"]
    assert cell_kinds(board, "RED", "BLU") == ["war"]
    assert cell_kinds(board, "GRN", "BLU") == []
    image = draw_matrix(board, powers, 300)
    ids = [p["id"] for p in powers]
    cell = max(14, min(40, (300 - HEADER) // len(ids)))

    def centre(a: str, b: str) -> tuple[int, int]:
        return (HEADER + ids.index(b) * cell + cell // 2, HEADER + ids.index(a) * cell + cell // 2)
    assert tuple(image.get_at(centre("RED", "GRN")))[:3] == palette.LINK_DEFENSIVE
    assert tuple(image.get_at(centre("GRN", "RED")))[:3] == palette.LINK_DEFENSIVE
    assert tuple(image.get_at(centre("BLU", "RED")))[:3] == palette.LINK_WAR
    assert tuple(image.get_at(centre("GRN", "BLU")))[:3] not in (palette.LINK_WAR,
                                                                  palette.LINK_DEFENSIVE)


def test_role_tokens_are_made_and_listed_once_and_observers_can_see_all():
    host, conns = workshop()
    app, screen = open_console(host, tab="Roles")
    roles = panel(screen, "Roles")
    write(app, roles, "token_label", "projector")
    press_label(app, roles, "Observer token")
    assert [(t.role, t.label) for t in host.match.role_tokens] == [("observer", "projector")]
    token = screen.feed.tokens[-1]["token"]
    assert host.match.role_tokens[0].token_hash != token      # only its hash is kept
    press_label(app, roles, "Let observers see everything")
    assert host.match.observers_see_all is True
    app.screenshot(f"{SHOTS}/roles.png")


def test_a_press_channel_with_chosen_writers_and_stages_is_set_and_closed():
    host, conns = workshop()
    app, screen = open_console(host, tab="Roles")
    roles = panel(screen, "Roles")
    write(app, roles, "channel_id", "herald")
    write(app, roles, "channel_name", "The Herald")
    choose(app, roles, "channel_kind", "press")
    roles = panel(screen, "Roles")
    choose(app, roles, "writers", "RED")
    choose(app, roles, "stages", "orders")                  # off: negotiation only
    press_label(app, roles, "Save the channel")
    channel = host.match.channels["herald"]
    assert (channel.kind, channel.writers, channel.stages, channel.name) == \
        ("press", ("RED",), ("negotiation",), "The Herald")
    assert of_type(drain(conns["GRN"]), "channel")[0]["id"] == "herald"
    roles = panel(screen, "Roles")
    press_label(app, roles, "Close")
    assert host.match.channels["herald"].stages == ()


def test_a_refresh_that_changes_nothing_shown_does_not_redraw_the_tab():
    host, conns = workshop()
    app, screen = open_console(host, tab="Status")
    status = panel(screen, "Status")
    app.run(frames=3)
    content, board = status.content, screen.feed.dashboard
    status.since = 99.0
    app.run(frames=3)
    assert screen.feed.dashboard is not board        # a fresh dashboard came
    assert status.content is content                 # the same widgets: no rebuild
    conns["RED"].send({"type": "ready", "ready": True})
    status.since = 99.0
    app.run(frames=3)
    assert status.content is not content
