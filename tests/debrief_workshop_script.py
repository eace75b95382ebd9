"""The scripted workshop match the workshop debrief tests read (no tests here).

It is played through Match's own commands on the four-power board of
debrief_scripted (sigma 0, so battles are exact), in the umpire's workshop style:

    set-up  RED is a team: ann (head of government, the lead) and bo (foreign minister,
            RED.2); an analyst token; a press channel "herald".
    turn 1  bo drafts RED's orders and ann signs them off; bo states RED's intent. The
            umpire fires a scandal at BLU (legitimacy −10) and edits the world (GRN's
            treasury to 9, with a rationale). BLU notes an insight. Everyone is ready.
    turn 2  The umpire turns review on. RED states its intent and attacks B with 12; the
            umpire adjudicates, halves the attack under review (with a rationale) and
            releases the result with feedback for RED and BLU.
    turn 3  RED attacks C with 5 and the result is released; then the umpire rolls back to
            the start of turn 3, and RED holds instead: the first turn 3 is undone.
    turn 4  being planned.
"""

from __future__ import annotations

from game.match import UMPIRE, Match, MatchSettings
from debrief_scripted import T0, scripted_scenario

T1, T2, T3, T3B = T0, T0 + 1000, T0 + 2000, T0 + 3000

RED_DRAFT = [{"op": "move", "from": "S", "to": "R", "n": 2}]
SCANDAL = {"kind": "scandal", "targets": ["BLU"], "amount": 10,
           "text": "A scandal shakes Bluria's cabinet."}
EDIT = {"kind": "set_treasury", "power": "GRN", "value": 9}
EDIT_WHY = "Greenmark's foreign aid arrives early."
WAR = {"op": "declare_war", "target": "BLU"}
ATTACK = {"op": "move", "from": "R", "to": "B", "n": 12}
HALVED = {"op": "move", "from": "R", "to": "B", "n": 6}
AMEND_WHY = "Test whether a smaller attack still takes the capital."
FEEDBACK = {"RED": "Your attack was halved by the umpire.", "BLU": "Hold on."}


def workshop_match() -> Match:
    """The match of this module's docstring."""
    m, _ = Match.create(scripted_scenario(), match_id="ws", now=T1,
                        settings=MatchSettings(name="Workshop", seed=3, deadline=600))
    m.join_team("RED", T1 + 1, name="ann", role="head of government")
    m.join_team("RED", T1 + 2, name="bo", role="foreign minister")
    for i, p in enumerate(("BLU", "GRN", "YEL")):
        m.join(p, T1 + 3 + i, name=p.lower())
    m.create_role_token(UMPIRE, "analyst", T1 + 6, label="Dr Lee")
    m.set_channel(UMPIRE, {"id": "herald", "kind": "press", "name": "The Herald"}, T1 + 7)
    # Turn 1.
    m.submit_orders("RED.2", RED_DRAFT, T1 + 10)
    m.state_intent("RED.2", "Gather our forces at the capital.", T1 + 11)
    m.sign_off("RED", T1 + 20)
    m.inject(UMPIRE, SCANDAL, T1 + 30)
    m.edit_world(UMPIRE, EDIT, EDIT_WHY, T1 + 40)
    m.note_insight("BLU", "The scandal made us look for friends.", T1 + 50)
    for p in m.powers:
        m.set_ready(p, True, T1 + 60)
    # Turn 2.
    m.set_review(UMPIRE, True, T2)
    m.state_intent("RED", "Take Bluria's capital.", T2 + 10)
    m.submit_orders("RED", [WAR, ATTACK], T2 + 20)
    m.force_adjudicate(UMPIRE, T2 + 30)
    m.amend_order(UMPIRE, "RED", 1, HALVED, AMEND_WHY, T2 + 40)
    m.release_result(UMPIRE, FEEDBACK, T2 + 50)
    # Turn 3, played, released, then rolled back and played again.
    m.submit_orders("RED", [{"op": "move", "from": "B", "to": "C", "n": 5}], T3 + 10)
    m.force_adjudicate(UMPIRE, T3 + 20)
    m.release_result(UMPIRE, {}, T3 + 30)
    m.note_insight("RED.2", "We overreached.", T3 + 40)
    m.rollback(UMPIRE, 3, T3B)
    m.force_adjudicate(UMPIRE, T3B + 10)
    m.release_result(UMPIRE, {}, T3B + 20)
    return m
