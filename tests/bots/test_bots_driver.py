"""The driver plays a Match's bot seats through the Match's own commands: once a phase,
answering new proposals as they come, taking over idle seats at the deadline."""

from __future__ import annotations

from game.bots.driver import play_bot_seats
from game.match import BOT, Match, MatchSettings
from match_helpers import triangle


def bots_with_a_person(**settings) -> Match:
    settings.setdefault("personalities", {"GRN": "dove"})
    match, _ = Match.create(triangle(), match_id="m1", now=0.0, settings=MatchSettings(
        seed=4, seats={"BLU": "bot", "GRN": "bot"}, **settings))
    match.join("RED", 1.0, name="Ada")
    return match


def test_bots_join_give_orders_and_say_ready_once_a_phase():
    match = bots_with_a_person()
    first = play_bot_seats(match, 2.0)
    assert first
    assert {p: (s.occupied, s.name) for p, s in match.seats.items() if s.kind == BOT} == {
        "BLU": (True, "balancer bot"), "GRN": (True, "dove bot")}
    assert match.ready == {"RED": False, "BLU": True, "GRN": True}
    assert set(match.orders) == {"BLU", "GRN"}
    length = len(match.log)
    assert play_bot_seats(match, 3.0) == []          # nothing more to do this phase
    assert play_bot_seats(match, 4.0) == []
    assert len(match.log) == length


def test_a_proposal_made_after_the_bots_acted_is_answered_at_the_next_call():
    match = bots_with_a_person()
    play_bot_seats(match, 2.0)
    offer = match.propose("RED", {"kind": "non_aggression", "members": ["RED", "GRN"]},
                          3.0).reply["proposal"]
    before = len(match.log)
    play_bot_seats(match, 4.0)
    assert match.proposals[offer].status == "signed"     # the dove promises peace
    assert [e["type"] for e in match.log[before:]] == ["accepted"]
    assert play_bot_seats(match, 5.0) == []


def test_a_declined_proposal_comes_with_a_line_of_chat_to_the_proposer():
    match = bots_with_a_person()
    offer = match.propose("RED", {"kind": "offensive", "members": ["RED", "GRN"],
                                  "target": "BLU"}, 2.0).reply["proposal"]
    play_bot_seats(match, 3.0)
    assert match.proposals[offer].status == "declined"
    said = [m for m in match.chat if m.sender == "GRN"]
    assert [(m.channel, m.text) for m in said] == [
        (("RED", "GRN"), "We do not march on others.")]


def test_the_turn_ends_when_the_person_is_ready_and_the_bots_play_the_next():
    match = bots_with_a_person()
    play_bot_seats(match, 2.0)
    match.set_ready("RED", True, 3.0)
    assert match.turn == 2
    play_bot_seats(match, 4.0)
    assert match.ready == {"RED": False, "BLU": True, "GRN": True}


def test_a_seat_with_no_orders_at_the_deadline_is_played_by_a_bot_from_then_on():
    match = bots_with_a_person(deadline=60.0, bot_takeover=True,
                               personalities={"RED": "hawk", "GRN": "dove"})
    play_bot_seats(match, 2.0)
    match.tick(61.0)
    assert match.turn == 2
    assert (match.seats["RED"].kind, match.seats["RED"].personality) == (BOT, "hawk")
    play_bot_seats(match, 62.0)
    # Every seat is a bot now: their ready flags ended turn 2; the next call plans turn 3.
    assert match.turn == 3
    play_bot_seats(match, 63.0)
    assert match.turn == 4 and [e["seat"] for e in match.log if e["type"] == "orders"
                                and e["at"] == 63.0] == ["RED", "BLU", "GRN"]


def test_the_driver_never_raises_on_a_finished_match():
    match, _ = Match.create(triangle(max_turns=2), match_id="m2", now=0.0,
                            settings=MatchSettings(seats={p: "bot" for p in
                                                          ("RED", "BLU", "GRN")}))
    for _ in range(5):
        play_bot_seats(match, 0.0)
    assert match.state.over and play_bot_seats(match, 1.0) == []


def test_a_personality_this_version_does_not_know_plays_as_the_default():
    match, _ = Match.create(triangle(), match_id="m3", now=0.0, settings=MatchSettings(
        seats={"BLU": "bot"}, personalities={"BLU": "grumpy"}))
    play_bot_seats(match, 1.0)
    assert match.ready["BLU"] and match.seats["BLU"].name == "grumpy bot"
