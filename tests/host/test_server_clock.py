"""The host's clock: the umpire's deadline warning reaches the room before the deadline."""

from __future__ import annotations

import asyncio

from server_helpers import Client, running_server


class Clock:
    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


def test_the_warning_is_pushed_when_its_time_comes_and_the_deadline_then_adjudicates():
    clock = Clock()

    async def scenario() -> None:
        async with running_server(clock=clock) as (server, url):
            umpire, red = await Client.open(url), await Client.open(url)
            created = await umpire.ok("create_match", scenario="triangle", deadline=100)
            match = created["match"]
            await umpire.ok("rejoin", match=match, token=created["umpire_token"])
            await red.ok("join", match=match, seat="RED", name="Ada")
            await umpire.ok("set_warning", seconds=30)

            clock.now = 1_069.0            # 31 s left: not yet
            server.tick()
            await red.ok("ping")           # everything sent before the pong has arrived
            assert [f for f in red.frames if f["type"] == "deadline_warning"] == []

            clock.now = 1_071.0            # 29 s left
            server.tick()
            warning = await red.push("deadline_warning")
            assert (warning["turn"], warning["deadline_at"], warning["seconds_left"]) == \
                (1, 1_100.0, 29.0)
            server.tick()                  # once per turn
            await red.ok("ping")
            assert len([f for f in red.frames if f["type"] == "deadline_warning"]) == 1

            clock.now = 1_100.0
            server.tick()
            result = await red.push("turn_result")
            assert (result["turn"], result["reason"]) == (2, "deadline")
            await umpire.close()
            await red.close()

    asyncio.run(scenario())
