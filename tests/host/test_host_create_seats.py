"""create_match with a power in both 'bots' and 'empty': one clear refusal, not a silent
choice of one of the two."""

from __future__ import annotations

import asyncio

from server_helpers import Client, running_server


def test_a_seat_listed_as_bot_and_as_empty_is_refused_and_the_host_serves_on():
    async def scenario() -> None:
        async with running_server() as (server, url):
            client = await Client.open(url)
            refused = await client.request("create_match", scenario="triangle",
                                           bots=["RED", "GRN"], empty=["GRN"])
            assert refused["type"] == "error" and refused["code"] == "bad_message"
            assert "GRN" in refused["message"] and "both" in refused["message"]
            assert "RED" not in refused["message"]
            assert not server.matches
            created = await client.ok("create_match", scenario="triangle", bots=["RED"],
                                      empty=["GRN"])
            assert [(s["power"], s["kind"]) for s in created["summary"]["seats"]] == [
                ("RED", "bot"), ("BLU", "human"), ("GRN", "empty")]
            await client.close()
    asyncio.run(scenario())
