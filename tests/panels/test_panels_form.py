"""The proposal form and the inbox, driven with posted mouse and key events at a hot-seat
table: one seat proposes through the form, the other accepts through its inbox."""

from __future__ import annotations

import pygame
import pytest

from builders import board
from game.client.panels import InboxPanel, PactsPanel
from panels_table import Table
from game.client.panels.proposal_form import Draft

from panels_support import all_text, button, widget_texts

SCENARIO = board("R N B G", ["R-N", "N-B", "B-G", "R~G"],
                 {"RED": {"territories": "R", "forces": {"R": 4}, "name": "Redland",
                          "color": "#c0392b"},
                  "BLU": {"territories": "B", "forces": {"B": 2}, "name": "Blueland",
                          "color": "#2e6fb7"},
                  "GRN": {"territories": "G", "forces": {"G": 3}, "name": "Greenland",
                          "color": "#27ae60"}},
                 neutral={"N": 1})


@pytest.fixture
def table(pygame_ready):
    return Table(SCENARIO, ["RED", "BLU"], size=(1280, 720), sidebar=400)


def test_a_pact_proposed_through_the_form_is_signed_through_the_other_seats_inbox(table):
    pacts = table.open("RED", PactsPanel)
    table.click("RED", button(pacts, "Propose a pact…"))
    assert pacts.form is not None
    table.click("RED", button(pacts, "Blueland", 0))              # a member chip
    table.click("RED", button(pacts, "Secret"))
    table.type("RED", pacts.form.name_entry, "Channel Entente")
    table.save("RED", "/tmp/panels/form_filled.png")
    propose = button(pacts, "Propose")
    assert propose.is_enabled
    table.click("RED", propose)
    assert pacts.form is None
    (proposal,) = table.seats["BLU"].model.proposals.values()
    assert proposal["terms"] == {"kind": "defensive", "members": ["RED", "BLU"],
                                 "burden_share": 0.2, "notice": 1, "duration": 0,
                                 "secret": True, "name": "Channel Entente"}
    assert proposal["status"] == "open"
    assert table.seats["RED"].toasts == ["Proposal sent to Blueland."]

    inbox = table.open("BLU", InboxPanel)
    text = all_text(inbox)
    assert "AWAITING YOUR ANSWER" in text and "Channel Entente" in text
    assert "Proposed by" in text and "Redland" in text
    table.save("BLU", "/tmp/panels/inbox_awaiting.png")
    table.click("BLU", button(inbox, "Accept"))
    for power in ("RED", "BLU"):
        (proposal,) = table.seats[power].model.proposals.values()
        assert proposal["status"] == "signed"
        assert proposal["accepted"] == ["RED", "BLU"]
    assert "Signed" in all_text(inbox)
    assert "Accept" not in widget_texts(inbox)        # nothing left to answer


def test_the_form_builds_an_offensive_pact_with_target_pledges_and_every_term(table):
    pacts = table.open("RED", PactsPanel)
    table.click("RED", button(pacts, "Propose a pact…"))
    table.click("RED", button(pacts, "Offensive"))
    assert not button(pacts, "Propose").is_enabled
    assert "Choose at least one other member" in pacts.form.problems_box.html_text
    table.click("RED", button(pacts, "Blueland", 0))
    assert "Choose the target" in pacts.form.problems_box.html_text
    assert not button(pacts, "Propose").is_enabled
    # Target chips list only non-members: Greenland.
    table.click("RED", button(pacts, "Greenland", 1))
    table.type("RED", pacts.form.pledge_entries["BLU"], "3")
    table.click("RED", button(pacts, "Integrated command"))
    table.save("RED", "/tmp/panels/form_offensive.png")
    assert pacts.form.terms() == {"kind": "offensive", "members": ["RED", "BLU"],
                                  "target": "GRN", "burden_share": 0.2, "pledges": {"BLU": 3},
                                  "integrated_command": True, "notice": 1, "duration": 0}
    assert pacts.form.problems() == []
    table.click("RED", button(pacts, "Propose"))
    (proposal,) = table.seats["RED"].model.proposals.values()
    assert proposal["terms"]["target"] == "GRN" and proposal["terms"]["pledges"] == {"BLU": 3}


def test_sliders_set_notice_duration_and_burden_share(table):
    pacts = table.open("RED", PactsPanel)
    table.click("RED", button(pacts, "Propose a pact…"))
    table.click("RED", button(pacts, "Blueland", 0))
    sliders = [h for (kind, h) in pacts.handlers if type(h).__name__ == "UIHorizontalSlider"]
    burden, notice, duration = sliders
    for slider, value in ((burden, 35), (notice, 3), (duration, 6)):
        slider.set_current_value(value)
        pygame.event.post(pygame.event.Event(pygame_gui_moved(), ui_element=slider,
                                             value=value))
        table.settle("RED")
    terms = pacts.form.terms()
    assert (terms["burden_share"], terms["notice"], terms["duration"]) == (0.35, 3, 6)
    labels = widget_texts(pacts)
    assert "35% of forces" in labels and "3 turns" in labels and "6 turns" in labels


def pygame_gui_moved() -> int:
    import pygame_gui
    return pygame_gui.UI_HORIZONTAL_SLIDER_MOVED


def test_a_peace_treaty_names_both_sides_and_the_territories_that_change_hands(table):
    draft = Draft(proposer="RED", kind="peace", members=["RED"], other_side=["BLU"],
                  transfers=["B", "R"],
                  truce=6)
    assert draft.terms({"R": "RED", "B": "BLU", "N": None, "G": "GRN"}) == {
        "kind": "peace", "sides": [["RED"], ["BLU"]],
        "transfers": [{"territory": "B", "to": "RED"}, {"territory": "R", "to": "BLU"}],
        "truce": 6, "notice": 1, "duration": 0}
    pacts = table.open("RED", PactsPanel)
    table.click("RED", button(pacts, "Propose a pact…"))
    table.click("RED", button(pacts, "Peace"))
    assert "Choose the powers on the other side" in pacts.form.problems_box.html_text
    table.click("RED", button(pacts, "Blueland"))
    assert "Blueland cedes to you" in widget_texts(pacts)
    assert "You cede to Blueland" in widget_texts(pacts)
    table.click("RED", button(pacts, "B"))                 # Blueland's only territory
    table.save("RED", "/tmp/panels/form_peace.png")
    assert pacts.form.terms()["transfers"] == [{"territory": "B", "to": "RED"}]
    assert pacts.form.problems() == []


def test_cancel_closes_the_form_and_sends_nothing(table):
    pacts = table.open("RED", PactsPanel)
    table.click("RED", button(pacts, "Propose a pact…"))
    table.click("RED", button(pacts, "Cancel"))
    assert pacts.form is None
    assert table.seats["RED"].model.proposals == {}
    assert "Propose a pact…" in widget_texts(pacts)


def test_a_refusal_from_the_match_reopens_the_form_with_its_reason(table):
    pacts = table.open("RED", PactsPanel)
    table.click("RED", button(pacts, "Propose a pact…"))
    table.click("RED", button(pacts, "Blueland", 0))
    form = pacts.form
    table.click("RED", button(pacts, "Propose"))
    pacts.receive({"type": "error", "code": "bad_terms", "rid": form.pending_rid,
                   "message": "at most 20 proposals per power per turn"})
    assert pacts.form is form
    assert "The match refused it: at most 20 proposals" in form.problems_box.html_text
    assert form.draft.members == ["RED", "BLU"]          # the player's choices are kept


def test_decline_and_withdraw_close_a_proposal(table):
    red, blu = table.seats["RED"].conn, table.seats["BLU"].conn
    red.send({"type": "propose", "terms": {"kind": "non_aggression",
                                           "members": ["RED", "BLU"]}})
    blu.send({"type": "propose", "terms": {"kind": "non_aggression", "members": ["BLU", "RED"],
                                           "duration": 3}})
    table.pump()
    inbox = table.open("RED", InboxPanel)
    texts = all_text(inbox)
    assert "1 proposal awaiting your answer" in texts
    assert "awaiting your answer" in texts and "waiting for Blueland" in texts
    table.click("RED", button(inbox, "Withdraw"))        # RED's own X1
    table.click("RED", button(inbox, "Decline"))         # BLU's X2
    statuses = [p["status"] for p in table.seats["BLU"].model.proposals.values()]
    assert statuses == ["withdrawn", "declined"]     # RED's, then BLU's
    assert "Declined by Redland." in all_text(inbox)


def test_enter_in_the_name_box_proposes(table):
    pacts = table.open("RED", PactsPanel)
    table.click("RED", button(pacts, "Propose a pact…"))
    table.click("RED", button(pacts, "Non-aggression"))
    table.click("RED", button(pacts, "Greenland", 0))
    table.type("RED", pacts.form.name_entry, "Quiet border")
    table.key("RED", pygame.K_RETURN)
    (proposal,) = table.seats["RED"].model.proposals.values()
    assert proposal["terms"] == {"kind": "non_aggression", "members": ["RED", "GRN"],
                                 "notice": 1, "duration": 0, "name": "Quiet border"}


def test_answering_a_proposal_that_has_closed_meanwhile_explains_why(table):
    table.seats["RED"].conn.send({"type": "propose", "terms": {
        "kind": "non_aggression", "members": ["RED", "BLU"]}})
    table.pump()
    inbox = table.open("BLU", InboxPanel)
    # RED withdraws; before BLU's screen hears of it, BLU presses Accept.
    (pid,) = table.seats["BLU"].model.proposals
    table.seats["RED"].conn.send({"type": "withdraw", "proposal": pid})
    inbox.actions[button(inbox, "Accept")]()
    table.pump()
    assert table.seats["BLU"].toasts == [
        f"Accept the proposal Non-aggression pact Redland–Blueland failed: proposal {pid} "
        "is withdrawn"]
    assert table.seats["BLU"].model.proposals[pid]["status"] == "withdrawn"
    assert "Withdrawn by its proposer." in all_text(inbox)


def test_the_engines_problems_are_shown_with_power_names(table):
    pacts = table.open("RED", PactsPanel)
    table.click("RED", button(pacts, "Propose a pact…"))
    form = pacts.form
    form.draft.kind, form.draft.members, form.draft.target = "offensive", ["RED", "BLU"], "BLU"
    assert form.problems() == ["The target Blueland cannot be a member of the pact."]


def test_the_proposer_comes_first_and_is_the_peace_side_whatever_the_scenario_order(
        pygame_ready):
    # BLU proposes: scenario order puts RED first, the proposal must still start with BLU.
    table = Table(SCENARIO, ["RED", "BLU"])
    pacts = table.open("BLU", PactsPanel)
    table.click("BLU", button(pacts, "Propose a pact…"))
    table.click("BLU", button(pacts, "Greenland", 0))
    table.click("BLU", button(pacts, "Redland", 0))
    assert pacts.form.terms()["members"] == ["BLU", "RED", "GRN"]
    table.click("BLU", button(pacts, "Peace"))
    table.click("BLU", button(pacts, "Redland"))
    assert pacts.form.terms()["sides"] == [["BLU"], ["RED"]]


def test_the_inbox_names_proposals_by_title_and_lists_the_newest_arrival_first(table):
    red = table.seats["RED"].conn
    for kind, name in (("non_aggression", None), ("defensive", "Shield"),
                       ("non_aggression", "Quiet")):
        terms = {"kind": kind, "members": ["RED", "BLU"], **({"name": name} if name else {})}
        red.send({"type": "propose", "terms": terms})
        table.pump()
    inbox = table.open("BLU", InboxPanel)
    model = table.seats["BLU"].model
    # Alias ids carry no number: the order is the order BLU heard of them, newest first.
    titles = [(p.get("terms") or {}).get("name") for p in inbox.sorted_proposals()]
    assert titles == ["Quiet", "Shield", None]
    texts = all_text(inbox)
    assert "Non-aggression pact Redland–Blueland" in texts
    assert not any(pid in texts for pid in model.proposals)
    # A proposal that closes keeps its place among the closed, by arrival too.
    (shield,) = [p for p in model.proposals.values() if p["terms"].get("name") == "Shield"]
    red.send({"type": "withdraw", "proposal": shield["id"]})
    table.pump()
    assert [(p.get("terms") or {}).get("name") for p in inbox.sorted_proposals()] == \
        ["Quiet", None, "Shield"]
