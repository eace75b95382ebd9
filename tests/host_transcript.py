"""Every frame of one scripted session, through the real host on 127.0.0.1 and through the
hot-seat (workshop) host in this process: the golden transcript that shows a change to the
hosts leaves every message as it was (tests/host/test_host_transcript.py).

The session: create, join three seats, chat, a secret pact proposed and accepted, orders,
everyone ready (a turn result), orders again and the umpire adjudicates, a fork, a spectator,
a ping, the map, the lobby. Randomness is pinned (tokens, salts and match ids come from
counters, one per kind, so their order of drawing does not matter) and the clock stands
still, so the frames are the same on every run.

    python tests/host_transcript.py --write   # record tests/data/host_transcript.json
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import secrets
import sys
from pathlib import Path
from typing import Any, Iterator

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent))

from match_helpers import DEFENSIVE_BLU_GRN, triangle  # noqa: E402

GOLDEN = Path(__file__).parent / "data" / "host_transcript.json"
NOW = 1_800_000_000.0
POWERS = ("RED", "BLU", "GRN")

Transcript = dict[str, list[dict[str, Any]]]   # connection name -> every frame it received


@contextlib.contextmanager
def pinned_randomness() -> Iterator[None]:
    """``secrets`` answers from counters, one per kind of draw (hex of n bytes, url-safe
    token), so the values do not depend on which part of the host draws first."""
    counters: dict[tuple[str, int], Iterator[int]] = {}

    def draw(kind: str, nbytes: int | None) -> int:
        return next(counters.setdefault((kind, nbytes or 0), itertools.count(1)))

    saved = secrets.token_hex, secrets.token_urlsafe
    secrets.token_hex = lambda n=None: f"{draw('hex', n):0{2 * (n or 32)}x}"   # type: ignore
    secrets.token_urlsafe = lambda n=None: f"t{draw('url', n):0{n or 32}d}"    # type: ignore
    try:
        yield
    finally:
        secrets.token_hex, secrets.token_urlsafe = saved


LAST_PROPOSAL = "<the proposal made last>"   # filled in from the propose reply

# (connection, what, fields): "join", "spectate" or "umpire" (a rejoin with the umpire's
# token) opens a new connection; any other word is a request on that connection.
STEPS: list[tuple[str, str, dict[str, Any]]] = [
    *((power.lower(), "join", {"seat": power, "name": power.lower()}) for power in POWERS),
    ("red", "chat", {"channel": "public", "text": "Greetings, neighbours."}),
    ("blu", "chat", {"channel": ["BLU", "GRN"], "text": "meet at midnight"}),
    ("blu", "propose", {"terms": {**DEFENSIVE_BLU_GRN, "secret": True}}),
    ("grn", "accept", {"proposal": LAST_PROPOSAL}),
    ("grn", "orders", {"orders": [{"op": "build", "territory": "X", "n": 1}]}),
    ("red", "orders", {"orders": [{"op": "move", "from": "R", "to": "X", "n": 1}]}),
    *((power.lower(), "ready", {"ready": True}) for power in POWERS),
    ("umpire", "umpire", {}),
    ("red", "orders", {"orders": [{"op": "declare_war", "target": "BLU"},
                                  {"op": "move", "from": "R", "to": "B", "n": 10}]}),
    ("umpire", "adjudicate", {}),
    ("umpire", "fork", {"turn": 2, "name": "what if"}),
    ("spectator", "spectate", {}),
    ("spectator", "chat", {"channel": "public", "text": "hello?"}),
    ("spectator", "ping", {}),
    ("red", "map", {}),
    ("red", "dashboard", {}),
    ("red", "no_such_request", {}),
]
OPENS = frozenset({"join", "spectate", "umpire"})


def filled(fields: dict[str, Any], proposal: Any) -> dict[str, Any]:
    return {k: proposal if v == LAST_PROPOSAL else v for k, v in fields.items()}


async def online() -> Transcript:
    """The session through ``server.Server`` on 127.0.0.1."""
    from server_helpers import Client, running_server

    async with running_server(clock=lambda: NOW, bots=None) as (_, url):
        lobby = await Client.open(url)
        created = await lobby.ok("create_match", scenario="triangle", seed=3, fog=True)
        match_id, umpire_token = created["match"], created["umpire_token"]
        clients: dict[str, Client] = {"lobby": lobby}
        proposal = None
        for name, what, fields in STEPS:
            if what in OPENS:
                client = clients[name] = await Client.open(url)
                if what == "umpire":
                    await client.request("rejoin", match=match_id, token=umpire_token)
                else:
                    await client.request(what, match=match_id, **fields)
                continue
            reply = await clients[name].request(what, **filled(fields, proposal))
            proposal = reply.get("proposal", proposal)
        await lobby.request("list_matches")
        await asyncio.sleep(0.2)   # the last pushes arrive
        for client in clients.values():
            await client.close()
        return {name: client.frames for name, client in clients.items()}


def hotseat() -> Transcript:
    """The session through the workshop's in-process host (a hot-seat ``LocalHost`` that
    also forks); its seats are taken by the table, not by a join message."""
    from game.client.workshop.host import WorkshopHost
    from game.match import MatchSettings

    host = WorkshopHost.new(triangle(), MatchSettings(seed=3, fog=True), clock=lambda: NOW,
                            match_id="hotseat")
    conns: dict[str, Any] = {}
    frames: Transcript = {}
    rids = itertools.count(1)
    proposal = None
    for name, what, fields in STEPS:
        if what == "join":
            conns[name] = host.join(fields["seat"], fields["name"])
        elif what in OPENS:
            conns[name] = host.connect("umpire" if what == "umpire" else "spectator")
        else:
            rid = next(rids)
            conns[name].send({"type": what, "rid": rid, **filled(fields, proposal)})
        for other, conn in conns.items():
            frames.setdefault(other, []).extend(conn.poll())
        if what == "propose":
            proposal = next(m for m in frames[name] if m.get("rid") == rid).get("proposal")
    return frames


def record() -> dict[str, Transcript]:
    with pinned_randomness():
        return {"online": asyncio.run(online()), "hotseat": hotseat()}


def as_json(transcripts: dict[str, Transcript]) -> str:
    return json.dumps(transcripts, indent=1, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    if sys.argv[1:] == ["--write"]:
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(as_json(record()), encoding="utf-8")
        print(f"wrote {GOLDEN}")
    else:
        sys.stdout.write(as_json(record()))
