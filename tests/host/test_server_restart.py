"""Kill the host with SIGKILL mid-turn, start it again on the same data folder (or PostgreSQL database): the match
goes on with every order, message, proposal and ready flag, and adjudicates to the result
it would have had. A graceful stop (SIGTERM) exits cleanly."""

from __future__ import annotations

import asyncio
import signal
import sys
from pathlib import Path

from game.engine.view import view
from game.match import Match, MatchSettings
from match_helpers import DEFENSIVE_BLU_GRN, triangle
from server_helpers import TIMEOUT, Client

HELPER = Path(__file__).parents[1] / "server_helpers.py"
RED_ORDERS = [{"op": "declare_war", "target": "BLU"},
              {"op": "move", "from": "R", "to": "B", "n": 6}]
NAP = {"kind": "non_aggression", "members": ["GRN", "RED"]}


async def start_host(data: Path | str) -> tuple[asyncio.subprocess.Process, str]:
    proc = await asyncio.create_subprocess_exec(
        sys.executable, str(HELPER), "--data", str(data),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL)
    line = (await asyncio.wait_for(proc.stdout.readline(), 15)).decode()
    assert "listening on" in line, line
    return proc, line.split()[-1]


def reference_state() -> dict:
    """The same commands driven through a Match in-process, without any crash."""
    match, _ = Match.create(triangle(rules={"sigma": 0.5}), match_id="ref", now=0.0,
                            settings=MatchSettings(seed=5, fog=True))
    for p in ("RED", "BLU", "GRN"):
        match.join(p, 0.0)
    match.accept("GRN", match.propose("BLU", DEFENSIVE_BLU_GRN, 0.0).reply["proposal"], 0.0)
    for p in ("RED", "BLU", "GRN"):
        match.set_ready(p, True, 0.0)
    match.submit_orders("RED", RED_ORDERS, 0.0)
    match.propose("GRN", NAP, 0.0)
    match.force_adjudicate("umpire", 0.0)
    return view(match.state, "umpire")


def test_a_host_killed_mid_turn_resumes_and_adjudicates_the_same(store_at):
    async def scenario():
        proc, url = await start_host(store_at)
        try:
            host = await Client.open(url)
            created = await host.ok("create_match", scenario="triangle-luck", seed=5)
            match_id = created["match"]
            clients, tokens = {}, {}
            for p in ("RED", "BLU", "GRN"):
                clients[p] = await Client.open(url)
                tokens[p] = (await clients[p].ok("join", match=match_id, seat=p))["token"]
            proposal = (await clients["BLU"].ok("propose", terms=DEFENSIVE_BLU_GRN))["proposal"]
            await clients["GRN"].ok("accept", proposal=proposal)
            for client in clients.values():
                await client.ok("ready", ready=True)
            await clients["RED"].push("turn_result")
            # Turn 2, mid-planning: orders, a chat message, an open proposal, one ready flag.
            await clients["RED"].ok("orders", orders=RED_ORDERS)
            await clients["GRN"].ok("chat", channel=["RED", "GRN"], text="shall we?")
            await clients["GRN"].ok("propose", terms=NAP)
            await clients["BLU"].ok("ready", ready=True)
        finally:
            proc.send_signal(signal.SIGKILL)
            await proc.wait()

        proc, url = await start_host(store_at)
        try:
            again = {}
            for p in ("RED", "BLU", "GRN"):
                again[p] = await Client.open(url)
                snapshot = (await again[p].ok("rejoin", match=match_id, token=tokens[p]))[
                    "snapshot"]
                assert snapshot["turn"] == 2 and snapshot["ready"]["BLU"] is True
                if p == "RED":
                    assert snapshot["orders"] == {"RED": RED_ORDERS}
                if p != "BLU":
                    assert [m["text"] for m in snapshot["chat"]] == ["shall we?"]
                    assert [x["terms"] for x in snapshot["proposals"]] == [NAP]
            umpire = await Client.open(url)
            await umpire.ok("rejoin", match=match_id, token=created["umpire_token"])
            await umpire.ok("adjudicate")
            result = await umpire.push("turn_result")
            assert result["turn"] == 3
            assert result["view"] == reference_state()
            for client in (umpire, *again.values()):
                await client.close()
        finally:
            proc.send_signal(signal.SIGTERM)
            assert await asyncio.wait_for(proc.wait(), TIMEOUT) == 0
            assert b"stopped" in await proc.stdout.read()

    asyncio.run(scenario())


def test_a_deadline_that_passed_while_the_host_was_down_is_kept(store_at):
    async def scenario():
        proc, url = await start_host(store_at)
        try:
            host = await Client.open(url)
            created = await host.ok("create_match", scenario="triangle", deadline=1.5)
            red = await Client.open(url)
            token = (await red.ok("join", match=created["match"], seat="RED"))["token"]
            await red.ok("orders", orders=[{"op": "build", "territory": "R", "n": 1}])
        finally:
            proc.send_signal(signal.SIGKILL)
            await proc.wait()
        await asyncio.sleep(1.6)
        proc, url = await start_host(store_at)
        try:
            red = await Client.open(url)
            joined = await red.ok("rejoin", match=created["match"], token=token)
            state = joined["snapshot"]
            if state["turn"] == 1:             # the first deadline tick may not have run yet
                state = await red.push("turn_result")
            assert state["turn"] == 2
            assert state["view"]["territories"]["R"]["forces"] == {"RED": 11}  # orders kept
            await red.close()
        finally:
            proc.send_signal(signal.SIGTERM)
            await proc.wait()

    asyncio.run(scenario())
