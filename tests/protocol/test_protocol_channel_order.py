"""A private chat channel comes back with its powers in the scenario's order (that of the
snapshot's ``powers``), whatever order the sender wrote them in, as docs/PROTOCOL.md says:
a client in another language keys its channels by that list."""

from __future__ import annotations

import asyncio
from pathlib import Path

from server_helpers import Client, running_server

DOC = (Path(__file__).parents[2] / "docs" / "PROTOCOL.md").read_text(encoding="utf-8")


def test_a_private_channel_is_written_in_the_scenarios_order_of_powers():
    async def scenario() -> tuple[list[str], list[str]]:
        async with running_server() as (_, url):
            red, grn = await Client.open(url), await Client.open(url)
            match = (await red.ok("create_match", scenario="triangle"))["match"]
            joined = await red.ok("join", match=match, seat="RED", name="Ada")
            await grn.ok("join", match=match, seat="GRN", name="Bo")
            await grn.ok("chat", channel=["GRN", "RED"], text="shall we talk?")
            pushed = await red.push("chat")
            order = [p["id"] for p in joined["snapshot"]["powers"]]
            await red.close()
            await grn.close()
            return pushed["channel"], order
    channel, order = asyncio.run(scenario())
    assert channel == [p for p in order if p in ("GRN", "RED")]
    assert sorted(channel) != channel      # alphabetical order would differ here
    assert "in the scenario's order" in DOC and "alphabetical order" not in DOC
