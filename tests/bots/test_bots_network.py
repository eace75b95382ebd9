"""The network bot (``casus bot``) against a real host on loopback: it joins human seats,
plays to the end, and decides exactly as the in-process driver does from the same view."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

from game.bots.decide import decide
from game.bots.driver import seen_by
from game.bots.network import run_bot
from game.cli.main import main
from game.match import Match, MatchSettings
from match_helpers import triangle
from server.app import Server
from server.scenarios import ScenarioShelf
from server_helpers import Client, running_server, within

GAME = triangle(max_turns=4)


def host() -> contextlib.AbstractAsyncContextManager[tuple[Server, str]]:
    """A host of the four-turn triangle on a free port of 127.0.0.1, playing no bots itself."""
    return running_server(scenarios=ScenarioShelf({"triangle4": GAME}), bots=None)


def test_three_network_bots_play_a_match_to_its_end_as_the_driver_would():
    async def scenario() -> tuple[list[Any], Match, str]:
        async with host() as (server, url):
            umpire = await Client.open(url)
            created = await umpire.ok("create_match", scenario="triangle4", seed=5)
            match_id = created["match"]
            styles = {"RED": "hawk", "BLU": "balancer", "GRN": "dove"}
            winners = await within(asyncio.gather(*(
                run_bot(url, match_id, power, personality=style, rules=GAME.rules)
                for power, style in styles.items())), "three bots' match", 60)
            await umpire.close()
            return winners, server.matches[match_id], match_id

    winners, played, match_id = asyncio.run(scenario())
    assert played.state.over and played.turn == 5
    assert all(w == played.state.winner for w in winners)
    assert {p: s.name for p, s in played.seats.items()} == {
        "RED": "hawk bot", "BLU": "balancer bot", "GRN": "dove bot"}
    # Turn 1's orders came from the starting view alone: the same as the driver's decision.
    local, _ = Match.create(GAME, match_id=match_id, now=0.0, settings=MatchSettings(seed=5))
    turn_one = [e for e in played.log if e["type"] == "orders"][:3]
    assert {e["seat"] for e in turn_one} == {"RED", "BLU", "GRN"}
    for event in turn_one:
        style = {"RED": "hawk", "BLU": "balancer", "GRN": "dove"}[event["seat"]]
        expected = decide(seen_by(local, event["seat"]), style).orders
        assert event["orders"] == local.submit_orders(event["seat"], expected,
                                                      0.0).reply["accepted"]


def test_the_network_bot_takes_its_seat_back_with_its_token():
    async def scenario() -> tuple[dict[str, Any] | None, Match]:
        async with host() as (server, url):
            person = await Client.open(url)
            created = await person.ok("create_match", scenario="triangle4", seed=2)
            joined = await person.ok("join", match=created["match"], seat="GRN")
            await person.close()
            others = [asyncio.create_task(run_bot(url, created["match"], power))
                      for power in ("RED", "BLU")]
            winner = await within(run_bot(url, created["match"], "GRN",
                                          token=joined["token"]), "GRN's bot", 60)
            await within(asyncio.gather(*others), "RED's and BLU's bots")
            return winner, server.matches[created["match"]]

    winner, played = asyncio.run(scenario())
    assert winner == played.state.winner and played.state.over


def test_casus_bot_names_what_is_wrong(capsys):
    assert main(["bot", "http://127.0.0.1:1", "--match", "m", "--seat", "RED"]) == 2
    assert "ws:// or wss://" in capsys.readouterr().err
    assert main(["bot", "ws://127.0.0.1:1", "--match", "m", "--seat", "RED",
                 "--personality", "grumpy"]) == 2
    assert "there is no bot personality 'grumpy'" in capsys.readouterr().err
    assert main(["bot", "ws://127.0.0.1:1", "--match", "m", "--seat", "RED"]) == 2
    # The same sentence as casus join's for the same failure (game/client/net.explain).
    assert "nothing answers at 127.0.0.1:1 (connection refused)" in capsys.readouterr().err
