"""``casus bot`` on a match with a password: the bot takes a free seat with the password
(from CASUS_PASSWORD, as ``casus join`` takes it), and without it is told the password is
wrong in one sentence."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import pytest

from game.bots.network import BotError, run_bot
from game.cli.main import main
from match_helpers import triangle
from server.scenarios import ScenarioShelf
from server_helpers import Client, running_server, within

GAME = triangle(max_turns=2)


def host() -> Any:
    return running_server(scenarios=ScenarioShelf({"triangle2": GAME}), bots=None)


def test_the_network_bot_joins_a_free_seat_with_the_match_password():
    async def scenario() -> tuple[Any, Any, str]:
        async with host() as (server, url):
            umpire = await Client.open(url)
            created = await umpire.ok("create_match", scenario="triangle2", seed=1,
                                      password="sesame", bots=[])
            match_id = created["match"]
            with pytest.raises(BotError, match="password is wrong"):
                await within(run_bot(url, match_id, "RED"), "RED's bot without password")
            winners = await within(asyncio.gather(*(
                run_bot(url, match_id, power, password="sesame")
                for power in ("RED", "BLU", "GRN"))), "three bots with the password", 60)
            await umpire.close()
            return winners, server.matches[match_id], match_id

    winners, played, _ = asyncio.run(scenario())
    assert played.state.over
    assert all(w == played.state.winner for w in winners)


def test_casus_bot_takes_the_password_from_casus_password(monkeypatch, capsys):
    """The command line passes CASUS_PASSWORD on: the host's refusal names the password
    only when it is missing."""
    found: dict[str, Any] = {}
    ready = threading.Event()
    stop = threading.Event()

    def serve() -> None:
        async def run() -> None:
            async with host() as (_, url):
                umpire = await Client.open(url)
                created = await umpire.ok("create_match", scenario="triangle2", seed=1,
                                          password="sesame", bots=["BLU", "GRN"])
                found.update(url=url, match=created["match"])
                ready.set()
                while not stop.is_set():
                    await asyncio.sleep(0.05)
                await umpire.close()
        asyncio.run(run())

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        assert ready.wait(20), "the host did not start"
        argv = ["bot", found["url"], "--match", found["match"], "--seat", "RED"]
        monkeypatch.delenv("CASUS_PASSWORD", raising=False)
        assert main(argv) == 2
        assert "the match password is wrong" in capsys.readouterr().err
        monkeypatch.setenv("CASUS_PASSWORD", "sesame")
        assert main(argv) == 0
        assert "match over" in capsys.readouterr().out
    finally:
        stop.set()
        thread.join(20)
