"""Bot seats played by the host: after creation, after every command and after every turn
result the host calls the bot driver and sends what the bots did to the followers; bot
personalities come with ``create_match``."""

from __future__ import annotations

import asyncio

import pytest

import server.app
from game.match import BOT, OVER, Match, MatchError, Outcome
from match_helpers import DEFENSIVE_BLU_GRN
from server.bot_seats import MAX_ROUNDS
from server_helpers import Client, running_server


def run(coro):
    return asyncio.run(coro)


def steady_driver(match: Match, now: float) -> list[Outcome]:
    """A stand-in for game.bots.driver: each bot seat joins, accepts every open proposal that
    names it, holds, and says ready; idempotent within a phase, as the real one is."""
    outcomes = []
    for power, seat in match.seats.items():
        if seat.kind != BOT or match.phase == OVER:
            continue
        if not seat.occupied:
            outcomes.append(match.join(power, now, name="steady bot"))
        for proposal in list(match.proposals.values()):
            if power in proposal.members and power not in proposal.accepted \
                    and proposal.status == "open":
                outcomes.append(match.accept(power, proposal.id, now))
        if not match.ready.get(power):
            outcomes.append(match.submit_orders(power, [], now))
            outcomes.append(match.set_ready(power, True, now))
    return outcomes


def test_bots_join_at_creation_and_play_every_turn_with_the_human():
    async def scenario():
        async with running_server(bots=steady_driver) as (server, url):
            red = await Client.open(url)
            created = await red.ok("create_match", scenario="triangle", bots=["BLU", "GRN"])
            joined = await red.ok("join", match=created["match"], seat="RED")
            snapshot = joined["snapshot"]
            assert {s["power"]: s["occupied"] for s in snapshot["seats"]} == \
                {"RED": True, "BLU": True, "GRN": True}
            assert snapshot["ready"] == {"RED": False, "BLU": True, "GRN": True}
            for turn in (2, 3):
                await red.ok("ready", ready=True)
                result = await red.push("turn_result")
                assert result["turn"] == turn
                # The bots take the new turn at once; RED hears their flags.
                flags = {(await red.push("ready"))["power"] for _ in range(2)}
                assert flags == {"BLU", "GRN"}
            assert server.matches[created["match"]].turn == 3
            await red.close()
    run(scenario())


def test_a_proposal_to_a_bot_is_answered_in_the_same_phase():
    async def scenario():
        async with running_server(bots=steady_driver) as (_, url):
            host = await Client.open(url)
            created = await host.ok("create_match", scenario="triangle", bots=["GRN"])
            blu = await Client.open(url)
            await blu.ok("join", match=created["match"], seat="BLU")
            proposal = (await blu.ok("propose", terms=DEFENSIVE_BLU_GRN))["proposal"]
            pushes = [await blu.push("proposal") for _ in range(2)]
            assert [(p["id"], p["status"]) for p in pushes] == [
                (proposal, "open"), (proposal, "signed")]
            await blu.close()
            await host.close()
    run(scenario())


class Hand:
    """A connection driven by hand, with no socket (what the host needs of a websocket)."""

    remote_address = ("127.0.0.1", 1)


def test_a_match_of_bots_only_advances_a_few_turns_at_a_time():
    # Driven by hand, without the host's timed tick, so every step is exact.
    from game import protocol
    from game.protocol import RateLimit
    from match_helpers import triangle
    from server.app import Connection, Server
    from server.scenarios import ScenarioShelf

    async def scenario():
        server_ = Server(scenarios=ScenarioShelf({"triangle": triangle()}), bots=steady_driver)
        conn = Connection(Hand(), RateLimit(0.0), server_.outbox)
        server_.outbox.flush = lambda: None   # nothing to write to
        server_.receive(conn, protocol.encode({"type": "create_match", "scenario": "triangle",
                                               "bots": ["RED", "BLU", "GRN"]}))
        (match,) = server_.matches.values()
        assert match.turn == 1 + MAX_ROUNDS    # then the host went back to its loop
        assert server_.bots_pending == {match.match_id}
        server_.tick()
        assert match.turn == 1 + 2 * MAX_ROUNDS
        server_.tick()
        assert match.turn == 1 + 3 * MAX_ROUNDS
    run(scenario())


def test_a_failing_driver_does_not_stop_the_humans_or_the_host():
    def broken(match: Match, now: float) -> list[Outcome]:
        raise RuntimeError("bot bug")

    async def scenario():
        async with running_server(bots=broken) as (server, url):
            red = await Client.open(url)
            created = await red.ok("create_match", scenario="triangle", bots=["BLU"])
            await red.ok("join", match=created["match"], seat="RED")
            await red.ok("chat", channel="public", text="still here")
            assert server.matches[created["match"]].chat[-1].text == "still here"
            await red.close()
    run(scenario())


def test_without_a_driver_bot_seats_wait_as_before():
    async def scenario():
        async with running_server(bots=None) as (server, url):
            red = await Client.open(url)
            created = await red.ok("create_match", scenario="triangle", bots=["BLU"])
            joined = await red.ok("join", match=created["match"], seat="RED")
            assert {s["power"]: s["occupied"] for s in joined["snapshot"]["seats"]}["BLU"] \
                is False
            await red.close()
    run(scenario())


def test_personalities_are_kept_for_bot_seats():
    async def scenario():
        async with running_server(bots=None) as (server, url):
            client = await Client.open(url)
            created = await client.ok("create_match", scenario="triangle", bots=["BLU", "GRN"],
                                      personalities={"BLU": "hawk"})
            seats = server.matches[created["match"]].seats
            assert (seats["BLU"].personality, seats["GRN"].personality) == ("hawk", "")
            await client.close()
    run(scenario())


@pytest.mark.parametrize("fields,says", [
    ({"bots": ["BLU"], "personalities": {"RED": "hawk"}},
     "create_match: 'personalities' names 'RED', which is not one of the match's bot seats"),
    ({"bots": ["BLU"], "personalities": {"BLU": ""}},
     "create_match: the personality of BLU must be a name (short text)"),
    ({"bots": ["BLU"], "personalities": {"BLU": 3}},
     "create_match: the personality of BLU must be a name (short text)"),
    ({"bots": ["BLU"], "personalities": ["BLU"]},
     "create_match: 'personalities' must be a map from bot seats to personality names"),
    ({"bots": ["BLU"], "personalities": {"BLU": "grumpy"}},
     "create_match: there is no bot personality 'grumpy' (for BLU); choose one of hawk, dove"),
])
def test_bad_personalities_are_refused_with_the_reason(monkeypatch, fields, says):
    monkeypatch.setattr(server.app, "known_personalities", lambda: ("hawk", "dove"))

    async def scenario():
        async with running_server(bots=None) as (server_, url):
            client = await Client.open(url)
            refused = await client.request("create_match", scenario="triangle", **fields)
            assert (refused["code"], refused["message"]) == ("bad_message", says)
            assert server_.matches == {}
            await client.close()
    run(scenario())


def test_the_real_driver_plays_bot_seats_through_the_host():
    driver = pytest.importorskip("game.bots.driver")

    async def scenario():
        async with running_server(bots=driver.play_bot_seats) as (server, url):
            red = await Client.open(url)
            created = await red.ok("create_match", scenario="triangle", bots=["BLU", "GRN"])
            joined = await red.ok("join", match=created["match"], seat="RED")
            assert joined["snapshot"]["ready"] == {"RED": False, "BLU": True, "GRN": True}
            await red.ok("ready", ready=True)
            assert (await red.push("turn_result"))["turn"] == 2
            await red.close()
    run(scenario())


def test_the_host_finds_the_real_driver_when_it_is_installed():
    try:
        from game.bots.driver import play_bot_seats
    except ImportError:
        play_bot_seats = None
    assert server.app.Server().bots.driver is play_bot_seats


def test_a_refused_bot_command_is_the_drivers_business_not_the_hosts():
    # The real driver swallows MatchError; a stand-in that does not still leaves the host up.
    def stubborn(match: Match, now: float) -> list[Outcome]:
        raise MatchError("not_allowed", "no")

    async def scenario():
        async with running_server(bots=stubborn) as (_, url):
            client = await Client.open(url)
            await client.ok("create_match", scenario="triangle", bots=["BLU"])
            assert (await client.ok("ping"))["type"] == "pong"
            await client.close()
    run(scenario())
