"""A bot in a seat of an online match (``casus bot``), speaking docs/PROTOCOL.md.

It joins a seat (or rejoins with a token), fetches the map, and then plays every turn with
the same ``decide`` as the in-process driver, from the same things: its seat's view and the
proposals naming it. Replies are matched to requests by ``rid``; pushes (new proposals,
turn results) are handled in the order they arrive.
"""

from __future__ import annotations

import asyncio
import itertools
from dataclasses import dataclass, field
from typing import Any, Callable

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake

from game import protocol
from game.protocol import Backoff
from game.engine import MapGraph, Rules, build_map
from game.engine.params import rules_from_dict
from game.session import MAX_MOVES, Seat, moved_to

from .conduct import REFUSAL_TURNS
from .decide import Seen, answers, bot_seed, decide

REPLY_TIMEOUT = 30.0


class BotError(Exception):
    """The server refused the bot something it cannot do without (one sentence)."""


class Moved(Exception):
    """The host sent the seat to another host process (a ``moved`` reply)."""

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self.url = url


@dataclass
class SeatState:
    """What the bot knows of its seat: the latest view and the proposals naming it."""

    match: str
    power: str
    graph: MapGraph | None = None
    view: dict[str, Any] | None = None
    proposals: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Proposals of earlier turns, as last heard of (the memory of refusals; a bot that
    # reconnects starts it afresh).
    history: list[dict[str, Any]] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)
    power_ids: list[str] = field(default_factory=list)
    acted_turn: int = 0
    winner: dict[str, Any] | None = None
    over: bool = False
    token: str | None = None
    snapshot: dict[str, Any] = field(default_factory=dict)
    rules: Rules | None = None


class Connection:
    """One socket to the host: replies matched to requests by ``rid``, pushes queued, and
    the seat a ``joined`` reply gives kept in ``held`` (game/session.py)."""

    def __init__(self, ws: ClientConnection, held: Seat) -> None:
        self.ws = ws
        self.held = held
        self.pushes: asyncio.Queue[dict[str, Any] | None] = asyncio.Queue()
        self.pending: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self.rids = itertools.count(1)
        self.reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        try:
            async for frame in self.ws:
                message = protocol.decode_raw(frame)
                self.held.note(message)
                future = self.pending.pop(message.get("rid"), None)
                if future is not None and not future.done():
                    future.set_result(message)
                else:
                    self.pushes.put_nowait(message)
        except Exception:   # a closed connection ends this session; run_bot reconnects
            pass
        finally:
            self.pushes.put_nowait(None)

    async def request(self, type_: str, **fields: Any) -> dict[str, Any]:
        rid = next(self.rids)
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self.pending[rid] = future
        message = {"type": type_, "rid": rid, **fields}
        self.held.asking(message)
        await self.ws.send(protocol.encode(message))
        # asyncio.timeout, not wait_for: Python 3.11's wait_for loses a cancellation that
        # arrives as the reply does, and a cancelled bot would play on.
        async with asyncio.timeout(REPLY_TIMEOUT):
            return await future


async def run_bot(url: str, match: str, seat: str, *, token: str | None = None,
                  personality: str = "", name: str = "", rules: Rules | None = None,
                  say: Callable[[str], None] = lambda line: None,
                  backoff: Backoff = Backoff()) -> dict[str, Any] | None:
    """Play ``seat`` of ``match`` on the host at ``url`` until the match is over; returns
    the winner (None if the host could not be reached again). ``say`` hears a line for
    each notable thing (the token on joining, a lost connection).

    A dropped connection is retried as the game's client retries it (``Backoff``: pauses
    doubling from half a second up to 8 s, about a minute and a half in all), and the seat
    is taken back with its token. The first connection is not retried: a wrong address is
    an answer, not a reason to wait. A ``moved`` reply (the match is served by another
    process of a cluster, docs/HOSTING.md) is followed at once; when that process cannot be
    reached, the next attempt asks ``url`` again."""
    state = SeatState(match, seat, token=token)
    held = Seat()
    home, moves = url, 0
    # Once the host was reached and gave us the seat, a lost connection is worth retrying.
    reached = False
    attempt = 0
    while True:
        try:
            async with connect(url, max_size=None) as ws:
                reached = True
                conn = Connection(ws, held)
                try:
                    await _take_seat(conn, state, personality, name, rules, say)
                    attempt = moves = 0
                    await _play(conn, state, personality, rules)
                    if state.over:
                        return state.winner
                finally:
                    # The reader's own cancellation is its result; this task's, if it comes
                    # meanwhile, still stops the bot.
                    conn.reader.cancel()
                    await asyncio.gather(conn.reader, return_exceptions=True)
            why = "the host closed the connection"
        except Moved as moved:
            moves += 1
            if moves > MAX_MOVES:
                raise BotError(f"the host kept sending the seat elsewhere (last to "
                               f"{moved.url})") from None
            url = moved.url
            continue
        except (OSError, asyncio.TimeoutError, InvalidHandshake, ConnectionClosed) as err:
            if not (reached and state.token):
                raise   # never seated: nothing to come back to
            why = f"the connection was lost ({err or type(err).__name__})"
            # The match's process may be gone: its lobby knows where the match went. (The
            # backoff bounds these rounds; MAX_MOVES bounds processes sending us around.)
            url, moves = home, 0
        attempt += 1
        if attempt > backoff.attempts:
            say(f"{why}; gave up reconnecting to {url}")
            return None
        say(f"{why}; taking the seat back")
        await asyncio.sleep(backoff.delay(attempt))


async def _take_seat(conn: Connection, state: SeatState, personality: str, name: str,
                     rules: Rules | None, say: Callable[[str], None]) -> None:
    """Join the seat (or rejoin it with the token) and learn the match from the snapshot
    and the map."""
    if state.token:
        joined = await conn.request("rejoin", match=state.match, token=state.token)
    else:
        joined = await conn.request("join", match=state.match, seat=state.power,
                                    name=name or f"{personality or 'bot'} bot")
    moved = moved_to(joined)
    if moved is not None:
        raise Moved(moved)
    if joined["type"] == "error":
        raise BotError(f"the host refused the seat: {joined['message']}")
    if "token" in joined:
        state.token = conn.held.token
        say(f"joined {state.match} as {joined['seat']}; rejoin with --token {state.token}")
    snapshot = joined["snapshot"]
    state.power = snapshot["power"] or joined["seat"]
    state.snapshot = snapshot
    mapped = await conn.request("map")
    if mapped["type"] == "error":
        raise BotError(f"the host sent no map: {mapped['message']}")
    state.graph = build_map(mapped["map"])
    state.rules = rules_from_dict(mapped.get("rules"))
    state.power_ids = [p["id"] for p in snapshot["powers"]]
    state.names = {p["id"]: p["name"] for p in snapshot["powers"]}
    state.view = snapshot["view"]
    state.proposals = {p["id"]: p for p in snapshot["proposals"]}
    # Acted before a reconnect only if the turn has our ready flag: a connection lost in
    # the middle of acting leaves the turn to be played again.
    state.acted_turn = snapshot["turn"] if snapshot["ready"].get(state.power) else 0
    if snapshot.get("winner"):
        state.winner, state.over = snapshot["winner"], True


async def _play(conn: Connection, state: SeatState, personality: str,
                rules: Rules | None) -> None:
    """Play until the match is over or the connection ends."""
    if state.over:
        return
    # The rules given on the command line, else the match's own as the host sent them.
    play = _Player(conn, state, rules or state.rules or Rules(), personality)
    if state.snapshot.get("phase") == "planning":
        await play.act()
    while True:
        message = await conn.pushes.get()
        if message is None:
            return
        await play.hear(message)
        if state.over:
            return


class _Player:
    def __init__(self, conn: Connection, state: SeatState, rules: Rules,
                 personality: str) -> None:
        self.conn = conn
        self.state = state
        self.rules = rules
        self.personality = personality

    def seen(self) -> Seen:
        s = self.state
        assert s.graph is not None and s.view is not None
        return Seen(power=s.power, view=s.view, graph=s.graph, rules=self.rules,
                    power_ids=s.power_ids, proposals=list(s.proposals.values()),
                    seed=bot_seed(s.match), names=s.names, history=list(s.history))

    async def hear(self, message: dict[str, Any]) -> None:
        kind = message.get("type")
        if kind == "turn_result":
            self.state.view = message["view"]
            turn = int(message["view"]["turn"])
            self.state.history = [p for p in (*self.state.history,
                                              *self.state.proposals.values())
                                  if turn - int(p.get("turn", turn)) <= REFUSAL_TURNS]
            self.state.proposals = {}
            await self.act()
        elif kind == "proposal":
            self.state.proposals[message["id"]] = message
            await self.answer()
        elif kind == "match_over":
            self.state.winner = message["winner"]
            self.state.over = True

    async def answer(self) -> None:
        for reply in answers(self.seen(), self.personality):
            proposer = self.state.proposals[reply.proposal]["proposer"]
            if reply.accept:
                done = await self.conn.request("accept", proposal=reply.proposal)
            else:
                done = await self.conn.request("decline", proposal=reply.proposal)
                if done["type"] != "error":
                    await self.conn.request("chat", channel=[self.state.power, proposer],
                                            text=reply.say)
            if done["type"] != "error":
                self.state.proposals[reply.proposal] = {
                    **self.state.proposals[reply.proposal],
                    "status": "open" if reply.accept else "declined",
                    "accepted": [*self.state.proposals[reply.proposal].get("accepted", []),
                                 self.state.power]}

    async def act(self) -> None:
        """The turn's proposals, chat, answers, orders and ready flag (once a turn)."""
        assert self.state.view is not None
        turn = int(self.state.view["turn"])
        if self.state.acted_turn == turn or self.state.view.get("winner"):
            return
        self.state.acted_turn = turn
        decision = decide(self.seen(), self.personality)
        for offer in decision.offers:
            made = await self.conn.request("propose", terms=offer.terms)
            if made["type"] != "error":
                await self.conn.request("chat", channel=[self.state.power, *offer.to],
                                        text=offer.say)
        for line in decision.chat:
            await self.conn.request("chat", channel="public", text=line)
        await self.answer()
        await self.conn.request("orders", orders=decision.orders)
        await self.conn.request("ready", ready=True)
