"""Team play on the game screen (workshop teams): a member edits the shared draft, the
lead's screen shows it with who changed it, the lead signs it off, members cannot say
ready, and a player alone sees nothing new. Driven by posted events on a ``WorkshopHost``
in this process; screenshots go to /tmp/client/."""

from __future__ import annotations

import pygame
import pytest

from game.client.model import MatchModel
from game.client.screens.team_play import team_mode
from client_helpers import SHOTS, click, drag, key, run
from teams_helpers import make_host, screen_of, take

pytestmark = pytest.mark.usefixtures("pygame_ready")

MOVE = {"op": "move", "from": "BOR", "to": "NRE", "n": 3}


@pytest.fixture
def team():
    host = make_host()
    lead = take(host, "RED", "Ada", "head of government")
    bo = take(host, "RED", "Bo", "foreign minister")
    cy = take(host, "RED", "Cy", "chief of staff")
    return host, lead, bo, cy


def test_a_member_plays_for_the_power_and_knows_its_team(team):
    host, lead, bo, _ = team
    app, screen = screen_of(bo)
    model = screen.model
    assert (model.seat, model.member, model.seat_id, model.is_power) == (
        "RED", "RED.2", "RED.2", True)
    assert [(p["name"], p["role"], p["lead"]) for p in model.team()] == [
        ("Ada", "head of government", True), ("Bo", "foreign minister", False),
        ("Cy", "chief of staff", False)]
    assert team_mode(model) == "member"
    # Only the lead says ready: no Done button, a line in its place.
    assert "done" not in screen.widgets and "sign" not in screen.widgets
    key(app, pygame.K_RETURN, mod=pygame.KMOD_CTRL)
    assert host.match.ready["RED"] is False
    assert any("The lead (Ada) signs off and says ready" in t for t, _ in screen.toasts)


def test_a_members_draft_shows_on_the_leads_screen_and_the_sign_off_makes_it_count(team):
    host, lead, bo, cy = team
    lead_app, lead_screen = screen_of(lead)
    assert set(lead_screen.widgets) >= {"sign", "done"}
    bo_app, bo_screen = screen_of(bo)
    drag(bo_app, bo_screen.map.anchor("BOR"), bo_screen.map.anchor("NRE"))
    assert bo_screen.draft.orders == [MOVE]
    # A draft: the team and the match hold it, but the power's orders are still empty.
    assert host.match.drafts == {"RED": [MOVE]} and host.match.orders == {}
    assert "last changed by you" in bo_screen.team.caption(bo_screen.model, bo_screen.draft)
    bo_app.screenshot(f"{SHOTS}/team_member.png")

    run(lead_app, 2)
    assert lead_screen.draft.orders == [MOVE]
    caption = lead_screen.team.caption(lead_screen.model, lead_screen.draft)
    assert caption == ("Team draft, last changed by Bo (foreign minister) · "
                       "not signed off yet")
    lead_app.screenshot(f"{SHOTS}/team_lead_draft.png")
    # Done before signing off warns once: the member's change would not count.
    click(lead_app, lead_screen.widgets["done"].rect.center)
    assert host.match.ready["RED"] is False
    assert any(t.startswith("The team's draft is not signed off") for t, _ in
               lead_screen.toasts)

    click(lead_app, lead_screen.widgets["sign"].rect.center)
    assert host.match.orders == {"RED": [MOVE]}
    assert lead_screen.model.orders["RED"] == [MOVE]
    assert lead_screen.team.caption(lead_screen.model, lead_screen.draft).endswith(
        "signed off: these orders count")
    assert any(t == "Signed off: 1 order counts now." for t, _ in lead_screen.toasts)
    # The sign-off changed nothing in the draft: Bo still changed it last.
    assert "last changed by Bo (foreign minister)" in lead_screen.team.caption(
        lead_screen.model, lead_screen.draft)
    lead_app.screenshot(f"{SHOTS}/team_lead_signed.png")
    click(lead_app, lead_screen.widgets["done"].rect.center)
    assert host.match.ready["RED"] is True

    # The third member's screen follows the draft and sees it signed.
    cy_app, cy_screen = screen_of(cy)
    assert cy_screen.draft.orders == [MOVE]
    assert cy_screen.team.caption(cy_screen.model, cy_screen.draft).endswith(
        "signed off: these orders count")

    # The lead's change reaches the members' screens too (signed at once in orders).
    run(bo_app, 1)
    lead_screen.remove(0)
    run(bo_app, 2)
    assert bo_screen.draft.orders == [] and host.match.orders == {"RED": []}


def test_a_sign_off_during_negotiation_is_refused_with_the_matchs_reason():
    host = make_host(stage="negotiation")
    lead = take(host, "RED", "Ada", "head of government")
    bo = take(host, "RED", "Bo", "foreign minister")
    lead_app, lead_screen = screen_of(lead)
    bo.send({"type": "orders", "orders": [MOVE]})
    run(lead_app, 2)
    assert lead_screen.draft.orders == [MOVE]
    key(lead_app, pygame.K_s, mod=pygame.KMOD_CTRL)
    assert host.match.orders == {}
    assert any(t == "Sign-off refused: orders are not open yet: this is the negotiation "
                    "window." for t, _ in lead_screen.toasts)
    lead_app.screenshot(f"{SHOTS}/team_sign_off_refused.png")


def test_a_player_alone_sees_no_change():
    host = make_host()
    app, screen = screen_of(host.join("RED", "Ada"))
    assert team_mode(screen.model) == ""
    assert "sign" not in screen.widgets and screen.widgets["done"].rect == screen.layout.done
    drag(app, screen.map.anchor("BOR"), screen.map.anchor("NRE"))
    assert host.match.orders == {"RED": [MOVE]}
    assert screen.team.caption(screen.model, screen.draft) == ""
    key(app, pygame.K_s, mod=pygame.KMOD_CTRL)         # no sign-off for a team of one
    assert host.match.log[-1]["type"] == "orders"


def test_the_lead_gets_sign_off_as_soon_as_someone_joins_the_team():
    host = make_host()
    app, screen = screen_of(host.join("RED", "Ada"))
    assert "sign" not in screen.widgets
    take(host, "RED", "Bo", "foreign minister")
    run(app, 2)
    assert "sign" in screen.widgets and "done" in screen.widgets


def test_the_model_folds_a_teams_draft_and_its_sign_off():
    host = make_host(stage="negotiation")
    lead = take(host, "RED", "Ada", "head of government")
    bo = take(host, "RED", "Bo", "foreign minister")
    models = {}
    for name, conn in (("lead", lead), ("bo", bo)):
        waiting = conn.poll()
        joined = next(m for m in waiting if m["type"] == "joined")
        models[name] = MatchModel.from_snapshot(joined["snapshot"])
        for message in waiting[waiting.index(joined) + 1:]:
            models[name].apply(message)
    assert (models["lead"].member, models["lead"].seat_id) == ("", "RED")
    bo.send({"type": "orders", "orders": [MOVE]})
    for name, conn in (("lead", lead), ("bo", bo)):
        for message in conn.poll():
            models[name].apply(message)
    for model in models.values():
        assert model.my_draft() == [MOVE] and model.my_orders() == []
        assert model.draft_by() == "RED.2" and model.person("RED.2") == "Bo (foreign minister)"
    umpire = host.connect("umpire")
    umpire.send({"type": "set_stage", "stage": "orders"})
    lead.send({"type": "sign_off"})
    for name, conn in (("lead", lead), ("bo", bo)):
        for message in conn.poll():
            models[name].apply(message)
    for model in models.values():
        assert model.my_orders() == [MOVE] and model.draft_by() == "RED.2"
    # A rejoin's snapshot gives a member the team's draft, not just the signed orders.
    assert MatchModel.from_snapshot(host.match.snapshot("RED.2")).my_draft() == [MOVE]
