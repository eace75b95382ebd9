"""The lobby lists matches in one order a player expects, kept by the host across pages and
across a restart on the same data folder: the matches the player holds a seat in, open
matches, matches being played, finished ones; the latest activity first within each."""

from __future__ import annotations

import asyncio
import signal
import sys
from pathlib import Path

from game.match.lobby import FINISHED, HELD, OPEN, RUNNING, lobby_group, lobby_order
from server_helpers import Client

HELPER = Path(__file__).parents[1] / "server_helpers.py"


def _summary(match: str, *, free: bool = True, over: bool = False,
             active_at: float | None = 0.0) -> dict:
    seats = [{"power": "RED", "kind": "human", "occupied": True},
             {"power": "BLU", "kind": "human", "occupied": not free},
             {"power": "GRN", "kind": "bot", "occupied": False}]
    summary = {"match": match, "phase": "over" if over else "planning", "seats": seats}
    if active_at is not None:
        summary["active_at"] = active_at
    return summary


def test_held_then_open_then_running_then_finished_latest_first_within_each():
    summaries = {s["match"]: s for s in [
        _summary("a", over=True, active_at=50.0),
        _summary("b", free=False, active_at=40.0),
        _summary("c", active_at=10.0),
        _summary("d", active_at=30.0),
        _summary("e", free=False, active_at=45.0),
        _summary("f", over=True, active_at=5.0),
        _summary("g", free=False, active_at=1.0),
    ]}
    assert lobby_order(summaries) == ["d", "c", "e", "b", "g", "a", "f"]
    # Held seats first, whatever their state, the latest first among them too.
    assert lobby_order(summaries, {"f", "g"}) == ["f", "g", "d", "c", "e", "b", "a"]
    assert [lobby_group(summaries[m], {"g"}) for m in ("g", "d", "b", "a")] == \
        [HELD, OPEN, RUNNING, FINISHED]


def test_matches_active_at_the_same_moment_or_stored_without_a_time_keep_one_order():
    summaries = {m: _summary(m, active_at=7.0) for m in ("q", "p", "r")}
    summaries["old"] = _summary("old", active_at=None)     # listed before active_at existed
    assert lobby_order(summaries) == ["p", "q", "r", "old"]
    assert lobby_order(dict(reversed(list(summaries.items())))) == ["p", "q", "r", "old"]


async def _start_host(data: Path) -> tuple[asyncio.subprocess.Process, str]:
    proc = await asyncio.create_subprocess_exec(
        sys.executable, str(HELPER), "--data", str(data),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL)
    assert proc.stdout is not None
    line = (await asyncio.wait_for(proc.stdout.readline(), 15)).decode()
    assert "listening on" in line, line
    return proc, line.split()[-1]


async def _stop(proc: asyncio.subprocess.Process) -> None:
    proc.send_signal(signal.SIGTERM)
    try:
        await asyncio.wait_for(proc.wait(), 15)
    except asyncio.TimeoutError:
        proc.kill()
        await proc.wait()


async def _listed(url: str, **fields) -> list[dict]:
    """Every match, a page of two at a time (the order must hold across pages)."""
    client = await Client.open(url)
    try:
        matches: list[dict] = []
        offset: int | None = 0
        while offset is not None and len(matches) < 50:
            page = await client.ok("list_matches", offset=offset, limit=2, **fields)
            matches += page["matches"]
            offset = page["next"]
        return matches
    finally:
        await client.close()


def test_the_order_is_the_same_after_the_host_restarts_on_its_data_folder(tmp_path):
    async def scenario():
        proc, url = await _start_host(tmp_path / "data")
        try:
            host = await Client.open(url)
            made = {}
            for name in ("first", "second", "played", "fourth"):
                empty = ["BLU", "GRN"] if name == "played" else []
                made[name] = (await host.ok("create_match", scenario="triangle", name=name,
                                            empty=empty))["match"]
            players = []
            for name, seat in (("played", "RED"), ("first", "BLU")):
                player = await Client.open(url)
                await player.ok("join", match=made[name], seat=seat, name="ada")
                players.append(player)
            held = {"held": [made["second"]]}
            before = [await _listed(url), await _listed(url, **held)]
            for client in (host, *players):
                await client.close()
        finally:
            await _stop(proc)
        # Open matches (a seat was taken in "first" last), then the one being played; the
        # match the player holds a seat in comes first when it says so.
        expect = [made[n] for n in ("first", "fourth", "second", "played")]
        assert [m["match"] for m in before[0]] == expect
        assert [m["match"] for m in before[1]] == [made["second"]] + \
            [m for m in expect if m != made["second"]]
        proc, url = await _start_host(tmp_path / "data")
        try:
            after = [await _listed(url), await _listed(url, **held)]
        finally:
            await _stop(proc)
        assert after == before           # the same order, and the same summaries

    asyncio.run(scenario())
