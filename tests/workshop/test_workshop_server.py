"""Workshop mode over real websockets on 127.0.0.1: an umpire, a two-person team, an
observer and a projector-like spectator; review before release, press, fork and the
dashboard; and every frame a non-umpire receives checked for what it must never hold."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from game.match import Match
from server.app import Server
from server_helpers import Client, running_server, shelf
from store_switch import location, open_location

POWERS = ("RED", "BLU", "GRN")
PRESS_TEXT = "Extra! RED's treasury is empty!"
INTENT = "I will betray GRN next spring"
RATIONALE = "RED's build breaks the exercise script"


async def workshop_room(url: str) -> dict[str, Any]:
    """A match with every seat taken, a second member on RED's team, the umpire, an
    observer (public access) and a spectator."""
    host = await Client.open(url)
    created = await host.ok("create_match", scenario="triangle", seed=3, fog=True)
    match_id = created["match"]
    room: dict[str, Any] = {"match": match_id, "host": host}
    for power in POWERS:
        room[power] = await Client.open(url)
        await room[power].ok("join", match=match_id, seat=power, name=power.lower())
    room["RED.2"] = await Client.open(url)
    joined = await room["RED.2"].ok("join_team", match=match_id, seat="RED", name="Bo",
                                    role="foreign minister")
    assert joined["type"] == "joined" and joined["seat"] == "RED.2"
    assert joined["lead"] is False and joined["snapshot"]["power"] == "RED"
    room["umpire"] = await Client.open(url)
    await room["umpire"].ok("rejoin", match=match_id, token=created["umpire_token"])
    token = (await room["umpire"].ok("role_token", role="observer"))["token"]
    room["obs_token"] = token
    room["observer"] = await Client.open(url)
    seen = await room["observer"].ok("rejoin", match=match_id, token=token)
    assert seen["seat"] == "observer" and seen["snapshot"]["view"]["seat"] == "spectator"
    room["spectator"] = await Client.open(url)
    await room["spectator"].ok("spectate", match=match_id)
    return room


async def close_all(room: dict[str, Any]) -> None:
    for value in room.values():
        if isinstance(value, Client):
            await value.close()


def test_a_workshop_turn_with_a_team_press_review_and_feedback():
    async def scenario() -> None:
        async with running_server() as (_, url):
            room = await workshop_room(url)
            umpire, red, member = room["umpire"], room["RED"], room["RED.2"]
            await umpire.ok("set_channel", channel={"id": "herald", "kind": "press"})
            await umpire.ok("set_review", on=True)
            # The member drafts; the lead signs off.
            drafted = await member.ok("orders", orders=[{"op": "build", "territory": "R",
                                                         "n": 1}])
            assert drafted["signed"] is False
            assert (await red.push("draft"))["by"] == "RED.2"
            assert (await member.request("ready", ready=True))["code"] == "not_allowed"
            await red.ok("sign_off")
            await member.ok("chat", channel="herald", text=PRESS_TEXT)
            await room["GRN"].ok("intent", text=INTENT)
            for power in POWERS:
                await room[power].ok("ready", ready=True)
            review = await umpire.push("review")
            assert review["orders"]["RED"] == [{"op": "build", "territory": "R", "n": 1}]
            await umpire.ok("amend_order", power="RED", index=0, order=None,
                            rationale=RATIONALE)
            amended = await umpire.push("review")
            assert amended["amendments"][0]["rationale"] == RATIONALE
            await umpire.ok("release_result", feedback={"RED": "Build less, talk more."})
            red_result = await red.push("turn_result")
            member_result = await member.push("turn_result")
            assert red_result["feedback"] == member_result["feedback"] == {
                "RED": "Build less, talk more."}
            assert "built" not in [e["type"] for e in red_result["report"]["events"]]
            assert (await room["BLU"].push("turn_result"))["feedback"] == {}
            board = await umpire.ok("dashboard")
            assert board["type"] == "dashboard" and board["turn"] == 2
            assert (await room["observer"].request("dashboard"))["code"] == "not_allowed"
            await asyncio.sleep(0.05)
            for seat in ("RED", "RED.2", "BLU", "GRN", "observer", "spectator"):
                frames = json.dumps(room[seat].frames)
                assert RATIONALE not in frames, seat
                assert "\"from\": \"RED\", \"text\": \"Extra!" not in frames, seat
                assert "\"member\": \"RED.2\", \"text\": \"Extra!" not in frames, seat
                assert "review" not in [f["type"] for f in room[seat].frames], seat
                if seat != "GRN":
                    assert INTENT not in frames, seat
                press = [f for f in room[seat].frames
                         if f.get("type") == "chat" and f.get("text") == PRESS_TEXT]
                assert [f["from"] for f in press] == ["press"], seat
                assert all("member" not in f for f in press), seat
            for seat in ("observer", "spectator"):
                types = {f["type"] for f in room[seat].frames}
                assert types <= {"joined", "seat", "ready", "turn_result", "chat", "channel",
                                 "clock", "deadline", "error", "under_review"}, (seat, types)
            umpire_press = [f for f in umpire.frames
                            if f.get("type") == "chat" and f.get("text") == PRESS_TEXT]
            assert umpire_press[0]["from"] == "RED" and umpire_press[0]["member"] == "RED.2"
            await close_all(room)

    asyncio.run(scenario())


def test_the_umpire_forks_a_match_that_survives_a_restart():
    async def scenario() -> None:
        storage = open_location(location())   # the same store, across the restart
        async with running_server(storage) as (server, url):
            room = await workshop_room(url)
            umpire = room["umpire"]
            await umpire.ok("adjudicate")
            await umpire.ok("adjudicate")
            assert (await room["RED"].request("fork", turn=2))["code"] == "not_allowed"
            assert (await umpire.request("fork", turn=7))["code"] == "bad_turn"
            forked = await umpire.ok("fork", turn=2, name="What if")
            assert forked["type"] == "forked" and forked["summary"]["turn"] == 2
            fork_id = forked["match"]
            listed = await room["host"].ok("list_matches")
            assert fork_id in [m["match"] for m in listed["matches"]]
            parent = server.matches[room["match"]]
            assert server.matches[fork_id].state.hash() == parent.states[1].hash()
            fork_umpire = await Client.open(url)
            rejoined = await fork_umpire.ok("rejoin", match=fork_id,
                                            token=forked["umpire_token"])
            assert rejoined["seat"] == "umpire" and rejoined["snapshot"]["turn"] == 2
            await fork_umpire.ok("rollback", turn=2)
            await fork_umpire.close()
            await close_all(room)
        restarted = Server(storage, shelf())
        assert restarted.matches[fork_id].state.hash() == parent.states[1].hash()
        assert Match.replay(storage.logs()[fork_id]).turn == 2
        storage.close()

    asyncio.run(scenario())


def test_revoking_a_role_token_closes_that_roles_connections_and_bars_the_token():
    async def scenario() -> None:
        async with running_server() as (_, url):
            room = await workshop_room(url)
            umpire = room["umpire"]
            kept = await umpire.ok("role_token", role="observer", label="kept")
            revoked = await umpire.ok("revoke_role_token", id="T1")   # room's observer
            assert revoked["role"] == "observer"
            await asyncio.wait_for(room["observer"].reader, 5.0)     # closed by the host
            assert room["observer"].ws.close_code == 1008
            again = await Client.open(url)
            reply = await again.request("rejoin", match=room["match"], token=room["obs_token"])
            assert reply["code"] == "bad_token"
            await again.ok("rejoin", match=room["match"], token=kept["token"])
            assert (await room["spectator"].ok("ping"))["type"] == "pong"   # untouched
            await again.close()
            await close_all(room)

    asyncio.run(scenario())


def test_umpire_commands_are_refused_to_everyone_else_over_the_wire():
    async def scenario() -> None:
        async with running_server() as (_, url):
            room = await workshop_room(url)
            for seat in ("RED", "RED.2", "observer", "spectator"):
                client = room[seat]
                for kind, fields in (("pause", {}), ("rollback", {"turn": 1}),
                                     ("inject", {"inject": {"text": "x"}}),
                                     ("edit_world", {"edit": {"kind": "end_pact", "pact": "P1"},
                                                     "rationale": "r"}),
                                     ("role_token", {"role": "analyst"}),
                                     ("set_stage", {"stage": "orders"}),
                                     ("release_result", {})):
                    reply = await client.request(kind, **fields)
                    assert reply["code"] == "not_allowed", (seat, kind, reply)
            reply = await room["umpire"].request("inject", inject={"kind": "quake"})
            assert reply["code"] == "bad_inject" and "kind must be one of" in reply["message"]
            reply = await room["umpire"].request("edit_world", edit={"kind": "quake"},
                                                 rationale="r")
            assert reply["code"] == "bad_edit"
            await room["umpire"].ok("pause")
            clock = await room["spectator"].push("clock")
            assert clock["paused"] is True
            await close_all(room)

    asyncio.run(scenario())
