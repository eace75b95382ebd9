"""The hot-seat table: who plans next, the rounds, adjudication, saving and resuming."""

from __future__ import annotations

import pytest

from builders import board
from game.client.connection import SaveError
from game.client.hotseat import (OVER, HotseatGame, Over, Plan, SeatChoice, Watch, list_saves,
                                 new_save_path)

SCENARIO = board("R N B G", ["R-N", "N-B", "B-G"],
                 {"RED": {"territories": "R", "forces": {"R": 4}},
                  "BLU": {"territories": "B", "forces": {"B": 2}},
                  "GRN": {"territories": "G", "forces": {"G": 1}}},
                 neutral={"N": 1}, rules={"victory_share": 0.95, "max_turns": 2})

PEOPLE = {"RED": SeatChoice("human", "Ada"), "BLU": SeatChoice("human", "Ben"),
          "GRN": SeatChoice("empty")}


def clock():
    ticks = iter(range(1, 100_000))
    return lambda: float(next(ticks))


def new_game(tmp_path=None, seats=PEOPLE) -> HotseatGame:
    return HotseatGame.new(SCENARIO, seats, fog=False, seed=1, scenario_key="test",
                           save_path=None if tmp_path is None else tmp_path / "g.json",
                           clock=clock())


def test_people_plan_in_scenario_order_then_everyone_watches_the_outcome():
    game = new_game()
    assert game.step() == Plan("RED", 1)
    game.conns["RED"].send({"type": "orders", "orders": [
        {"op": "move", "from": "R", "to": "N", "n": 4}]})
    game.finish_planning("RED")
    assert game.step() == Plan("BLU", 1)
    game.finish_planning("BLU")
    step = game.step()
    assert isinstance(step, Watch)
    assert game.match.turn == 2
    # The public record: RED took the neutral N with 4 against 1 (sigma = 0).
    assert step.record.after["territories"]["N"]["owner"] == "RED"
    assert step.record.before["territories"]["N"]["owner"] is None
    game.finish_watching()
    assert game.step() == Plan("RED", 1)


def test_a_proposal_brings_its_addressee_back_and_a_signed_pact_its_proposer():
    game = new_game()
    # RED plans first and sees nothing yet; BLU proposes during its own go.
    game.finish_planning("RED")
    game.conns["BLU"].send({"type": "propose",
                            "terms": {"kind": "non_aggression", "members": ["BLU", "RED"]}})
    game.finish_planning("BLU")
    assert game.step() == Plan("RED", 2)          # RED has a proposal it has not seen
    (proposal,) = game.models["RED"].awaiting_me()
    game.conns["RED"].send({"type": "accept", "proposal": proposal["id"]})
    game.finish_planning("RED")
    assert game.step() == Plan("BLU", 3)          # BLU learns its proposal was signed
    game.finish_planning("BLU")
    step = game.step()
    assert isinstance(step, Watch)
    pacts = [p for p in step.record.after["pacts"] if p["kind"] == "non_aggression"]
    assert [p["members"] for p in pacts] == [["BLU", "RED"]]


def test_a_proposal_left_unanswered_does_not_hold_the_table_forever():
    game = new_game()
    game.finish_planning("RED")
    game.conns["BLU"].send({"type": "propose",
                            "terms": {"kind": "non_aggression", "members": ["BLU", "RED"]}})
    game.finish_planning("BLU")
    assert game.step() == Plan("RED", 2)
    game.finish_planning("RED")                   # seen, not answered
    assert isinstance(game.step(), Watch)


def test_the_match_ends_with_the_over_step():
    game = new_game()
    for _ in range(2):
        game.finish_planning("RED")
        game.finish_planning("BLU")
        assert isinstance(game.step(), Watch)
        game.finish_watching()
    step = game.step()
    assert isinstance(step, Over) and step.winner is not None
    assert game.stage == OVER


def test_every_action_is_saved_and_resume_returns_to_the_same_player(tmp_path):
    game = new_game(tmp_path)
    game.conns["RED"].send({"type": "orders", "orders": [
        {"op": "move", "from": "R", "to": "N", "n": 2}]})
    game.finish_planning("RED")
    game.close()
    again = HotseatGame.resume(tmp_path / "g.json", clock=clock())
    assert again.step() == Plan("BLU", 1)
    assert again.players == {"RED": "Ada", "BLU": "Ben"}
    assert again.draft("RED").orders == [{"op": "move", "from": "R", "to": "N", "n": 2}]
    again.finish_planning("BLU")
    assert isinstance(again.step(), Watch)
    again.close()
    # Closed while watching: the outcome is shown again, rebuilt from the match.
    third = HotseatGame.resume(tmp_path / "g.json", clock=clock())
    step = third.step()
    assert isinstance(step, Watch)
    assert step.record.after["territories"]["N"]["owner"] == "RED"
    # Each seat can replay the turns played before the resume, as it saw them.
    (record,) = third.models["BLU"].history
    assert (record.turn, record.before["seat"], record.after["territories"]["N"]["owner"]) \
        == (1, "BLU", "RED")


def test_the_saves_list_reads_the_tables_notes(tmp_path):
    path = new_save_path(tmp_path, "test", now=0)
    game = HotseatGame.new(SCENARIO, PEOPLE, fog=False, seed=1, scenario_key="test",
                           save_path=path, clock=clock())
    (info,) = list_saves(tmp_path)
    assert (info.path, info.title, info.turn, info.players, info.over) == \
        (path, "test", 1, ("Ada", "Ben"), False)
    assert new_save_path(tmp_path, "test", now=0) != path    # never overwrites
    game.close()


def test_a_file_that_is_not_a_save_is_left_out_of_the_list_and_refused_by_name(tmp_path):
    bad = tmp_path / "notes.json"
    bad.write_text("{not json", encoding="utf-8")
    assert list_saves(tmp_path) == []
    with pytest.raises(SaveError, match="notes.json is not a saved game"):
        HotseatGame.resume(bad)


def test_a_table_needs_a_person():
    with pytest.raises(ValueError, match="at least one person"):
        new_game(seats={"RED": SeatChoice("empty"), "BLU": SeatChoice("empty"),
                        "GRN": SeatChoice("empty")})


def test_player_names_default_to_the_power():
    game = new_game(seats={"RED": SeatChoice("human", "  "), "BLU": SeatChoice("empty"),
                           "GRN": SeatChoice("empty")})
    assert game.players == {"RED": "RED"}


def test_damaged_table_notes_in_a_save_do_not_stop_the_game(tmp_path):
    import json as json_module

    game = new_game(tmp_path)
    game.finish_planning("RED")
    game.close()
    path = tmp_path / "g.json"
    doc = json_module.loads(path.read_text(encoding="utf-8"))
    doc["meta"].update({"seen": ["nonsense"], "round": "two", "queue": "BLU",
                        "players": {"RED": 7, "XXX": "ghost"}})
    path.write_text(json_module.dumps(doc), encoding="utf-8")
    again = HotseatGame.resume(path, clock=clock())
    assert again.players == {"RED": "7", "BLU": "Ben"}
    assert again.step() == Plan("RED", 1)        # the turn's planning starts over
    again.finish_planning("RED")
    assert again.step() == Plan("BLU", 1)
    again.finish_planning("BLU")
    assert isinstance(again.step(), Watch)
