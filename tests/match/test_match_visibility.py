"""game/match/visibility.py: players know pacts by aliases that number nothing, orders by
alias reach the engine with its ids, and apart from pact and proposal ids every message is
what the engine's fog alone gives (the refactor changed nothing else)."""

from __future__ import annotations

from typing import Any

from game.engine.view import view, view_report
from game.match import SPECTATOR, UMPIRE, Match, MatchSettings
from match_helpers import DEFENSIVE_BLU_GRN, triangle

SECRET_RED_GRN = {"kind": "non_aggression", "members": ["RED", "GRN"], "secret": True}
PUBLIC_RED_BLU = {"kind": "non_aggression", "members": ["RED", "BLU"]}


def joined(fog: bool = True) -> Match:
    match, _ = Match.create(triangle(), match_id="m1", now=0.0,
                            settings=MatchSettings(fog=fog, seed=2))
    for p in match.powers:
        match.join(p, 0.0)
    return match


def sign(match: Match, terms: dict[str, Any], now: float) -> None:
    proposer, *others = terms["members"]
    pid = match.propose(proposer, terms, now).reply["proposal"]
    for power in others:
        match.accept(power, pid, now)


def with_pacts() -> Match:
    """P1 = secret RED–GRN (turn 1), P2 = public RED–BLU (turn 2)."""
    match = joined()
    sign(match, SECRET_RED_GRN, 1.0)
    match.force_adjudicate(UMPIRE, 2.0)
    sign(match, PUBLIC_RED_BLU, 3.0)
    match.force_adjudicate(UMPIRE, 4.0)
    return match


def test_a_seat_cannot_tell_from_pact_ids_that_a_pact_it_cannot_see_exists():
    match = with_pacts()
    assert [p.id for p in match.state.pacts] == ["P1", "P2"]
    blu = [p["id"] for p in match.snapshot("BLU")["view"]["pacts"]]
    assert blu == [match.aliases.alias("P2")] and blu[0].startswith("P_")
    red = [p["id"] for p in match.snapshot("RED")["view"]["pacts"]]
    assert red == [match.aliases.alias("P1"), match.aliases.alias("P2")]
    assert [p["id"] for p in match.snapshot(UMPIRE)["view"]["pacts"]] == ["P1", "P2"]


def test_the_alias_is_stable_secret_to_the_host_and_differs_between_matches():
    match = with_pacts()
    again = Match.replay(match.log)
    assert again.aliases.alias("P1") == match.aliases.alias("P1")
    other = joined()
    assert other.aliases.alias("P1") != match.aliases.alias("P1")
    assert len({match.aliases.alias(f"P{i}") for i in range(1, 2000)}) == 1999


def test_orders_name_pacts_by_alias_and_reach_the_engine_with_its_ids():
    match = with_pacts()
    alias = match.aliases.alias("P2")
    reply = match.submit_orders("BLU", [{"op": "withdraw", "pact": alias}], 5.0).reply
    assert reply["accepted"] == [{"op": "withdraw", "pact": alias}]
    assert match.orders["BLU"] == [{"op": "withdraw", "pact": "P2"}]
    assert match.snapshot("BLU")["orders"] == {"BLU": [{"op": "withdraw", "pact": alias}]}
    assert match.snapshot(UMPIRE)["orders"] == {"BLU": [{"op": "withdraw", "pact": "P2"}]}


def test_engine_ids_and_aliases_of_unseen_pacts_are_refused_alike_as_unknown():
    match = with_pacts()
    secret = match.aliases.alias("P1")
    for ref in ("P1", "P2", "P7", secret):
        reply = match.submit_orders("BLU", [{"op": "break", "pact": ref}], 5.0).reply
        assert reply["accepted"] == []
        assert reply["rejected"] == [{"order": {"op": "break", "pact": ref},
                                      "reason": f"unknown pact {ref!r}"}]


def test_an_engine_reason_names_the_pact_by_its_alias():
    match = with_pacts()
    alias = match.aliases.alias("P2")
    match.submit_orders("BLU", [{"op": "withdraw", "pact": alias}], 5.0)
    match.force_adjudicate(UMPIRE, 6.0)
    reply = match.submit_orders("BLU", [{"op": "withdraw", "pact": alias}], 7.0).reply
    (refused,) = reply["rejected"]
    assert alias in refused["reason"] and "P2" not in refused["reason"].split()


def test_proposal_ids_do_not_count_the_proposals_of_others():
    match = joined()
    ids = [match.propose("BLU", DEFENSIVE_BLU_GRN, 1.0).reply["proposal"],
           match.propose("RED", PUBLIC_RED_BLU, 1.0).reply["proposal"]]
    assert len(set(ids)) == 2 and all(i.startswith("X_") for i in ids)
    # Each id is a keyed digest of its number, the key the match's own secret: the same two
    # proposals in another match get other ids, so an id says nothing of how many came
    # before. (An id made only of digits is no leak: a hex digest is one about 1% of the
    # time, which made the old check here fail now and then.)
    other = joined()
    again = [other.propose("BLU", DEFENSIVE_BLU_GRN, 1.0).reply["proposal"],
             other.propose("RED", PUBLIC_RED_BLU, 1.0).reply["proposal"]]
    assert set(again).isdisjoint(ids)
    assert not any(i[2:] in ("0", "1", "2") for i in ids + again)


def _engine_ids(doc: Any, aliases: dict[str, str]) -> Any:
    """``doc`` with every alias put back to the engine's id."""
    if isinstance(doc, dict):
        return {k: _engine_ids(v, aliases) for k, v in doc.items()}
    if isinstance(doc, list):
        return [_engine_ids(v, aliases) for v in doc]
    if isinstance(doc, str):
        for alias, real in aliases.items():
            doc = doc.replace(alias, real)
    return doc


def test_apart_from_pact_ids_every_turn_result_is_the_engines_fogged_view_and_report():
    match = with_pacts()
    sign(match, DEFENSIVE_BLU_GRN, 5.0)
    match.submit_orders("RED", [{"op": "declare_war", "target": "GRN"},
                                {"op": "move", "from": "R", "to": "G", "n": 9}], 5.0)
    outcome = match.force_adjudicate(UMPIRE, 6.0)
    back = {match.aliases.alias(p.id): p.id for p in match.state.pacts}
    before, after = match.states[-2], match.states[-1]
    checked = 0
    for push in outcome.pushes:
        message = push.message
        if message["type"] != "turn_result":
            continue
        (seat,) = push.seats
        sees = match.sees(seat)
        assert _engine_ids(message["view"], back) == view(after, sees)
        assert _engine_ids(message["report"], back) == view_report(
            match.reports[-1], before, after, sees)
        checked += 1
    assert checked >= 5     # three powers, a spectator, the umpire …


def test_without_pacts_a_players_messages_are_exactly_the_engines():
    match = joined()
    match.submit_orders("RED", [{"op": "move", "from": "R", "to": "B", "n": 1}], 1.0)
    outcome = match.force_adjudicate(UMPIRE, 2.0)
    for push in outcome.pushes:
        if push.message["type"] == "turn_result":
            (seat,) = push.seats
            sees = match.sees(seat)
            assert push.message["view"] is view(match.state, sees) or \
                push.message["view"] == view(match.state, sees)
    snap = match.snapshot(SPECTATOR)
    assert snap["view"] == view(match.state, SPECTATOR)
