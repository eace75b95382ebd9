"""``casus bot`` comes back after a lost connection, as the game's client does: it retries
with the client's backoff and takes its seat back with its token."""

from __future__ import annotations

import asyncio
from typing import Any

from game.bots.network import run_bot
from game.protocol import Backoff
from game.match import Match
from match_helpers import triangle
from server.scenarios import ScenarioShelf
from server_helpers import Client, running_server, within

GAME = triangle(max_turns=3)
QUICK = Backoff(first=0.05, cap=0.2, attempts=20)


def test_a_bot_whose_connection_drops_rejoins_and_plays_to_the_end():
    async def scenario() -> tuple[Any, Match, list[str], int]:
        async with running_server(scenarios=ScenarioShelf({"t3": GAME}), bots=None) as (
                server, url):
            umpire = await Client.open(url)
            created = await umpire.ok("create_match", scenario="t3", seed=3)
            match_id = created["match"]
            lines: list[str] = []
            bots = [asyncio.create_task(run_bot(url, match_id, power, backoff=QUICK,
                                                say=lines.append))
                    for power in ("BLU", "GRN")]
            red = asyncio.create_task(run_bot(url, match_id, "RED", backoff=QUICK,
                                              say=lines.append))
            # Once RED holds its seat, cut its connection from the host's side.
            async def red_seated() -> None:
                while not any(c.seat == "RED" for c in server.followers[match_id]):
                    await asyncio.sleep(0.01)
            await within(red_seated(), "RED's bot taking its seat")
            cut = [c for c in server.followers[match_id] if c.seat == "RED"]
            for conn in cut:
                conn.ws.transport.abort()
            winners = await within(asyncio.gather(red, *bots), "the bots' match", 60)
            await umpire.close()
            return winners, server.matches[match_id], lines, len(cut)

    winners, played, lines, cut = asyncio.run(scenario())
    assert cut == 1
    assert played.state.over and all(w == played.state.winner for w in winners)
    assert any("taking the seat back" in line for line in lines)
    # RED joined once and came back by token: no second join event.
    assert [e["seat"] for e in played.log if e["type"] == "joined"].count("RED") == 1


def test_a_bot_that_never_reached_the_host_does_not_retry():
    async def scenario() -> None:
        try:
            await run_bot("ws://127.0.0.1:1", "m", "RED", backoff=QUICK)
        except OSError:
            return
        raise AssertionError("an unreachable host should be an error at once")
    asyncio.run(within(scenario(), "a bot's first attempt", 10))
