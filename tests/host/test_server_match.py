"""A full match of three websocket clients over loopback: chat, a secret pact signed,
a war that triggers it, a battle; and every frame each client receives checked for privacy."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from game.match import Match
from match_helpers import DEFENSIVE_BLU_GRN, kinds
from server_helpers import Client, running_server

SECRET_WORDS = "meet at midnight"
POWERS = ("RED", "BLU", "GRN")


async def start_match(url: str, **settings: Any) -> tuple[Client, dict[str, Client], str, str]:
    host = await Client.open(url)
    created = await host.ok("create_match", scenario="triangle", seed=3, **settings)
    clients = {}
    for power in POWERS:
        clients[power] = await Client.open(url)
        joined = await clients[power].ok("join", match=created["match"], seat=power,
                                         name=power.lower())
        assert joined["seat"] == power and joined["snapshot"]["turn"] == 1
    return host, clients, created["match"], created["umpire_token"]


async def all_ready(clients: dict[str, Client],
                    playing: tuple[str, ...] = POWERS) -> dict[str, dict[str, Any]]:
    for power in playing:
        await clients[power].ok("ready", ready=True)
    return {p: await c.push("turn_result") for p, c in clients.items()}


async def play_three_turns(url: str) -> tuple[dict[str, Client], list[dict[str, dict]]]:
    _, clients, _, _ = await start_match(url, fog=True)
    red, blu, grn = (clients[p] for p in POWERS)
    results = []
    # Turn 1: talk, and sign a secret defensive pact BLU–GRN that RED knows nothing about.
    await red.ok("chat", channel="public", text="Greetings, neighbours.")
    await blu.ok("chat", channel=["BLU", "GRN"], text=SECRET_WORDS)
    proposal = (await blu.ok("propose", terms={**DEFENSIVE_BLU_GRN, "secret": True}))["proposal"]
    assert (await grn.push("proposal"))["id"] == proposal
    signed = await grn.ok("accept", proposal=proposal)
    assert signed["status"] == "signed"
    await grn.ok("orders", orders=[{"op": "build", "territory": "X", "n": 1}])
    results.append(await all_ready(clients))
    # Turn 2: RED attacks BLU, which drags GRN in.
    checked = await red.ok("orders", orders=[{"op": "declare_war", "target": "BLU"},
                                             {"op": "move", "from": "R", "to": "B", "n": 10},
                                             {"op": "move", "from": "R", "to": "X", "n": 1}])
    assert checked["rejected"] == [{"order": {"op": "move", "from": "R", "to": "X", "n": 1},
                                    "reason": "R and X are not adjacent"}]
    await grn.ok("orders", orders=[{"op": "build", "territory": "X", "n": 1}])
    results.append(await all_ready(clients))
    # Turn 3: BLU is out (it lost its only territory); the others play on.
    await grn.ok("chat", channel="public", text="This means war.")
    assert (await blu.request("ready", ready=True))["code"] == "not_allowed"
    results.append(await all_ready(clients, ("RED", "GRN")))
    return clients, results


def test_three_clients_play_three_turns_with_a_pact_a_trigger_and_a_battle():
    async def scenario():
        async with running_server() as (server, url):
            clients, results = await play_three_turns(url)
            (match,) = server.matches.values()
            assert match.turn == 4
            first, second, third = results
            assert [r["turn"] for r in (first["RED"], second["RED"], third["RED"])] == [2, 3, 4]
            # The secret pact: its members see it signed; RED does not.
            assert "pact_signed" in kinds(first["GRN"]["report"])
            assert "pact_signed" not in kinds(first["RED"]["report"])
            assert first["RED"]["view"]["pacts"] == []
            # The attack triggers it (which reveals it to all) and is fought out.
            for power in POWERS:
                assert {"war_declared", "pact_triggered", "battle", "captured"} <= set(
                    kinds(second[power]["report"])), power
            assert second["RED"]["view"]["pacts"][0]["revealed"] is True
            assert second["RED"]["view"]["territories"]["B"]["owner"] == "RED"
            assert [r["order"] for r in second["RED"]["report"]["rejected"]] == []
            # Everyone heard the public chat; the log replays to the same match.
            assert any(f.get("text") == "This means war." for f in clients["RED"].frames)
            assert Match.replay(server.storage.logs()[match.match_id]).state.hash() == \
                match.state.hash()
            for client in clients.values():
                await client.close()
    asyncio.run(scenario())


def privacy_problems(power: str, frame: dict[str, Any]) -> list[str]:
    """What in one frame received by ``power``'s client it should never have seen."""
    problems = []
    text = json.dumps(frame)
    kind = frame["type"]
    if power == "RED" and SECRET_WORDS in text:
        problems.append("a private channel's message")
    if kind == "chat" and frame["channel"] != "public" and power not in frame["channel"]:
        problems.append("a chat message of another channel")
    if kind == "proposal" and power not in frame["members"]:
        problems.append("a proposal naming others")
    if kind == "orders" and frame["power"] != power:
        problems.append("another power's orders")
    views = []
    if kind == "joined":
        snapshot = frame["snapshot"]
        views.append(snapshot["view"])
        if set(snapshot["orders"]) - {power}:
            problems.append("another power's orders in the snapshot")
        if any(power not in p["members"] for p in snapshot["proposals"]):
            problems.append("a proposal naming others in the snapshot")
    if kind == "turn_result":
        views.append(frame["view"])
        report = frame["report"]
        if any(r["power"] != power for r in report["rejected"]):
            problems.append("another power's rejected orders")
        if power == "RED" and any(e.get("territory") == "X" for e in report["events"]):
            problems.append("an event in fogged X")
    for view in views:
        if "seed" in view:
            problems.append("the match seed")
        for pact in view["pacts"]:
            if pact["secret"] and not pact["revealed"] and power not in pact["members"]:
                problems.append("a secret pact")
        if power == "RED" and view["territories"]["X"]["forces"] is not None:
            problems.append("forces in fogged X")
        for pid, doc in view["powers"].items():
            if pid != power and doc["treasury"] is not None and power == "RED":
                problems.append("a treasury of a power that is not an ally")
    return problems


def test_no_client_ever_receives_what_its_seat_may_not_see():
    async def scenario():
        async with running_server() as (_, url):
            clients, _ = await play_three_turns(url)
            received = 0
            for power, client in clients.items():
                for frame in client.frames:
                    received += 1
                    assert privacy_problems(power, frame) == [], (power, frame["type"])
                await client.close()
            assert received > 60
            # The check can fail: GRN did receive the secret words and X's forces.
            assert any(privacy_problems("RED", f) for f in clients["GRN"].frames)
    asyncio.run(scenario())


def test_a_spectator_sees_the_public_view_only():
    async def scenario():
        async with running_server() as (_, url):
            host, clients, match_id, _ = await start_match(url, fog=True)
            spectator = await Client.open(url)
            joined = await spectator.ok("spectate", match=match_id)
            assert joined["seat"] == "spectator"
            assert all(t["forces"] is None for t in joined["snapshot"]["view"]["territories"]
                       .values())
            await clients["BLU"].ok("chat", channel=["BLU", "GRN"], text=SECRET_WORDS)
            await clients["BLU"].ok("propose", terms=DEFENSIVE_BLU_GRN)
            await clients["RED"].ok("chat", channel="public", text="hello all")
            assert (await spectator.push("chat"))["text"] == "hello all"
            refused = await spectator.request("chat", channel="public", text="me too")
            assert refused["code"] == "not_allowed"
            refused = await spectator.request("orders", orders=[])
            assert refused["code"] == "not_allowed"
            assert not any(SECRET_WORDS in json.dumps(f) or f["type"] == "proposal"
                           for f in spectator.frames)
            for client in (host, spectator, *clients.values()):
                await client.close()
    asyncio.run(scenario())
