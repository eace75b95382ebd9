"""The hot-seat workshop host answers the umpire's commands as the real server does: the
same umpire script, sent to ``WorkshopHost`` and over a websocket to ``server.app``, gets
the same replies (less tokens, hashes, rids and match ids) and leaves the same state."""

from __future__ import annotations

import asyncio
from typing import Any

from game.client.workshop import WorkshopHost
from game.match import MatchSettings
from match_helpers import triangle
from server_helpers import Client, running_server

SCRIPT: list[dict[str, Any]] = [
    {"type": "set_review", "on": True},
    {"type": "pause"},
    {"type": "pause"},                                   # refused: already paused
    {"type": "resume"},
    {"type": "set_warning", "seconds": 30},
    {"type": "role_token", "role": "observer", "label": "projector"},
    {"type": "role_token", "role": "umpire"},            # refused
    {"type": "observer_access", "full": True},
    {"type": "set_channel", "channel": {"id": "herald", "kind": "press",
                                        "writers": ["RED"], "stages": ["negotiation"]}},
    {"type": "close_channel", "channel": "herald"},
    {"type": "set_stage", "stage": "negotiation", "every_turn": True},
    {"type": "set_stage", "stage": "orders"},
    {"type": "edit_world", "edit": {"kind": "set_treasury", "power": "RED", "value": 9},
     "rationale": "A windfall."},
    {"type": "edit_world", "edit": {"kind": "move_units", "power": "RED", "from": "R",
                                    "to": "B", "n": 99}, "rationale": "Too many."},
    {"type": "inject", "inject": {"kind": "scandal", "targets": ["BLU"], "amount": 4}},
    {"type": "inject", "inject": {"kind": "leak"}},      # refused: nothing to leak
    {"type": "adjudicate"},
    {"type": "amend_order", "power": "RED", "index": 0,
     "order": {"op": "build", "territory": "R", "n": 1}, "rationale": "Build."},
    {"type": "release_result", "feedback": {"RED": "Well done."}},
    {"type": "rollback", "turn": 1},
    {"type": "rollback", "turn": 7},                     # refused: no such turn
    {"type": "fork", "turn": 1, "name": "What if"},
    {"type": "dashboard"},
]
VOLATILE = {"rid", "token", "umpire_token", "hash", "match", "summary", "deadline_at", "at",
            "clock", "proposals", "powers", "last_action", "idle", "message"}


def comparable(reply: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in reply.items() if k not in VOLATILE}


def hot_seat_replies() -> tuple[list[dict[str, Any]], str]:
    host = WorkshopHost.new(triangle(), MatchSettings(seed=3, fog=False), match_id="hs")
    umpire = host.connect("umpire")
    umpire.poll()
    replies = []
    for message in SCRIPT:
        rid = umpire.send(dict(message))
        replies.append(next(m for m in umpire.poll() if m.get("rid") == rid))
    return replies, host.match.state.hash()


async def server_replies() -> tuple[list[dict[str, Any]], str]:
    async with running_server() as (server, url):
        umpire = await Client.open(url)
        created = await umpire.ok("create_match", scenario="triangle", seed=3, fog=False)
        await umpire.ok("rejoin", match=created["match"], token=created["umpire_token"])
        replies = [await umpire.request(**{"type_": m["type"], **{k: v for k, v in m.items()
                                                                 if k != "type"}})
                   for m in SCRIPT]
        state = server.matches[created["match"]].state.hash()
        await umpire.close()
        return replies, state


def test_the_hot_seat_host_and_the_server_answer_the_umpire_alike():
    local, local_hash = hot_seat_replies()
    online, online_hash = asyncio.run(server_replies())
    assert [r["type"] for r in local] == [r["type"] for r in online]
    assert [r.get("code") for r in local] == [r.get("code") for r in online]
    assert [r.get("code") for r in local].count(None) == len(SCRIPT) - 5
    assert [comparable(r) for r in local] == [comparable(r) for r in online]
    assert local_hash == online_hash
