"""``casus host --max-new-per-hour`` and ``--unload-after``: the host's limits, from the
command line to the lobby."""

from __future__ import annotations

import asyncio
import subprocess
import sys

import pytest

from game.cli.main import main
from game.match import Match
from match_helpers import triangle
from server_helpers import Client, running_server
from store_switch import host_flags, location, open_location


def run(coro):
    return asyncio.run(coro)


def short() -> object:
    """The triangle, over after its first turn."""
    return triangle(rules={"max_turns": 1})


@pytest.mark.parametrize("args,says", [
    (["--max-new-per-hour", "-1"], "--max-new-per-hour must be 0 or more, not -1"),
    (["--unload-after", "-5"], "--unload-after must be a number of seconds, 0 or more, not -5"),
    (["--unload-after", "inf"], "--unload-after must be a number of seconds, 0 or more, not inf"),
])
def test_bad_limits_are_user_errors(capsys, tmp_path, args, says):
    assert main(["host", "--port", "0", "--data", str(tmp_path), *args]) == 2
    assert f"casus host: {says}" in capsys.readouterr().err


def test_the_options_are_in_the_help(capsys):
    with pytest.raises(SystemExit):
        main(["host", "--help"])
    out = capsys.readouterr().out
    assert "--max-new-per-hour N" in out and "--unload-after SECONDS" in out


def test_max_new_per_hour_reaches_the_running_host(tmp_path):
    proc = subprocess.Popen([sys.executable, "-m", "game.cli.main", "host", "--port", "0",
                             *host_flags(tmp_path), "--max-new-per-hour", "1",
                             "--unload-after", "90"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url = proc.stdout.readline().split()[-1]

        async def scenario():
            first, second = await Client.open(url), await Client.open(url)
            await first.ok("create_match", scenario="tutorial")
            refused = await second.request("create_match", scenario="tutorial")
            assert (refused["code"], refused["message"]) == (
                "rate_limited", "at most 1 new matches (created or forked) an hour from one "
                "address")
            await first.close()
            await second.close()
        run(scenario())
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    assert "at most 1 new matches an hour per address; finished matches unloaded 90 s " \
        "after they end" in proc.stderr.read()


async def finished_match(url: str, server) -> tuple[str, str, Client]:
    """A match of the short board played to its end; returns its id, the umpire token and
    the umpire's connection (still following it)."""
    server.scenarios.loaded["short"] = short()
    umpire = await Client.open(url)
    created = await umpire.ok("create_match", scenario="short")
    await umpire.ok("rejoin", match=created["match"], token=created["umpire_token"])
    await umpire.ok("adjudicate")
    over = await umpire.push("match_over")
    assert over["winner"] is not None
    return created["match"], created["umpire_token"], umpire


async def until(condition, what: str) -> None:
    for _ in range(200):
        if condition():
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"timed out waiting until {what}")


def test_a_finished_match_is_unloaded_after_the_delay_and_comes_back_on_rejoin(tmp_path):
    async def scenario():
        now = [1000.0]
        storage = open_location(location(tmp_path))
        async with running_server(storage, clock=lambda: now[0], unload_after=60) as (
                server, url):
            match_id, token, umpire = await finished_match(url, server)
            played = server.matches[match_id]
            now[0] += 3600
            server.tick()
            assert match_id in server.matches        # someone still follows it
            now[0] = 1059.0
            await umpire.close()
            await until(lambda: not server.followers[match_id], "the host saw the close")
            server.tick()
            assert match_id in server.matches        # ended 59 s ago: not yet
            now[0] = 1060.0
            server.tick()
            assert match_id not in server.matches    # unloaded, but still listed
            lobby = await Client.open(url)
            listed = (await lobby.ok("list_matches"))["matches"]
            assert [(m["match"], m["phase"]) for m in listed] == [(match_id, "over")]
            back = await lobby.ok("rejoin", match=match_id, token=token)
            assert back["seat"] == "umpire"
            assert back["snapshot"]["winner"] == played.state.winner
            assert server.matches[match_id].state.hash() == played.state.hash()
            assert server.matches[match_id].log == played.log
            # Loaded again, it takes commands (chat still works after the end).
            await lobby.ok("chat", channel="public", text="good game")
            assert server.matches[match_id].chat[-1].text == "good game"
            await lobby.close()
        storage.close()
    run(scenario())


def test_a_spectator_brings_an_unloaded_match_back_too():
    async def scenario():
        now = [0.0]
        async with running_server(clock=lambda: now[0], unload_after=0) as (server, url):
            match_id, _, umpire = await finished_match(url, server)
            await umpire.close()
            await until(lambda: not server.followers[match_id], "the host saw the close")
            server.tick()
            assert match_id not in server.matches
            watcher = await Client.open(url)
            joined = await watcher.ok("spectate", match=match_id)
            assert joined["snapshot"]["phase"] == "over"
            nobody = await Client.open(url)
            assert (await nobody.request("spectate", match="nope"))["code"] == "no_match"
            await watcher.close()
            await nobody.close()
    run(scenario())


def test_without_unload_after_finished_matches_stay_loaded():
    async def scenario():
        now = [0.0]
        async with running_server(clock=lambda: now[0]) as (server, url):
            match_id, _, umpire = await finished_match(url, server)
            await umpire.close()
            await until(lambda: not server.followers[match_id], "the host saw the close")
            now[0] += 10 ** 9
            server.tick()
            assert match_id in server.matches
    run(scenario())


def test_a_match_still_being_played_is_never_unloaded():
    async def scenario():
        now = [0.0]
        async with running_server(clock=lambda: now[0], unload_after=0) as (server, url):
            client = await Client.open(url)
            created = await client.ok("create_match", scenario="triangle")
            await client.close()
            now[0] += 10 ** 9
            server.tick()
            assert isinstance(server.matches[created["match"]], Match)
    run(scenario())


def test_an_unloaded_match_stays_unloaded_across_a_restart_until_someone_comes_back(tmp_path):
    async def scenario():
        now = [0.0]
        where = location(tmp_path)
        storage = open_location(where)
        async with running_server(storage, clock=lambda: now[0], unload_after=0) as (
                server, url):
            match_id, token, umpire = await finished_match(url, server)
            played = server.matches[match_id]
            await umpire.close()
            await until(lambda: not server.followers[match_id], "the host saw the close")
            server.tick()
            assert match_id not in server.matches
        storage.close()

        storage = open_location(where)
        async with running_server(storage, clock=lambda: now[0], unload_after=3600) as (
                server, url):
            server.scenarios.loaded["short"] = short()
            assert server.matches == {}                      # not replayed at start
            lobby = await Client.open(url)
            listed = (await lobby.ok("list_matches"))["matches"]
            assert [(m["match"], m["phase"]) for m in listed] == [(match_id, "over")]
            await lobby.ok("rejoin", match=match_id, token=token)
            assert server.matches[match_id].state.hash() == played.state.hash()
            await lobby.ok("chat", channel="public", text="back again")
            await lobby.close()
        storage.close()

        storage = open_location(where)
        assert storage.unloaded() == {}                      # loaded back: no longer marked
        async with running_server(storage, clock=lambda: now[0]) as (server, url):
            assert [m.text for m in server.matches[match_id].chat] == ["back again"]
        storage.close()
    run(scenario())
