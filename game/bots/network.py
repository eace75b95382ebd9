"""A bot in a seat of an online match (``casus bot``), speaking docs/PROTOCOL.md.

It joins a seat (or rejoins with a token), fetches the map, and then plays every turn with
the same ``decide`` as the in-process driver, from the same things: its seat's view and the
proposals naming it. Replies are matched to requests by ``rid``; pushes (new proposals,
turn results) are handled in the order they arrive.

The rids, the seat and its token, ``moved`` replies and when to reconnect are the session's
(``game.session.Session``, shared with the game's client); this module keeps only the
asyncio socket and the bot's play.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any, Callable

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake

from game import protocol
from game.protocol import Backoff
from game.engine import MapGraph, Rules, build_map
from game.engine.params import rules_from_dict
from game.session import Session, moved_to

from .conduct import remembered
from .decide import Seen, answers, bot_seed, decide, pars_in

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
    pars: dict[str, int] = field(default_factory=dict)   # ruleset 2, from the snapshot
    power_ids: list[str] = field(default_factory=list)
    acted_turn: int = 0
    winner: dict[str, Any] | None = None
    over: bool = False
    token: str | None = None
    password: str = ""          # the match's, for the first join of a free seat
    snapshot: dict[str, Any] = field(default_factory=dict)
    rules: Rules | None = None


class Connection:
    """One socket to the host: each request's reply handed to the coroutine awaiting it
    (the session says which request a message answers), pushes queued."""

    def __init__(self, ws: ClientConnection, session: Session) -> None:
        self.ws = ws
        self.session = session
        self.pushes: asyncio.Queue[dict[str, Any] | None] = asyncio.Queue()
        self.waiting: dict[Any, asyncio.Future[dict[str, Any]]] = {}   # rid -> its reply
        self.reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        try:
            async for frame in self.ws:
                incoming = self.session.received(protocol.decode_raw(frame))
                future = (self.waiting.pop(incoming.message["rid"], None)
                          if incoming.is_reply else None)
                if future is not None and not future.done():
                    future.set_result(incoming.message)
                else:
                    self.pushes.put_nowait(incoming.message)
        except Exception:   # a closed connection ends this session; run_bot reconnects
            pass
        finally:
            # No reply comes on this socket any more: a request waiting for one fails now
            # (as a lost connection, which run_bot retries), not after REPLY_TIMEOUT.
            self.session.unanswered()
            for future in self.waiting.values():
                if not future.done():
                    future.set_exception(ConnectionError("the connection was lost before "
                                                         "the host answered"))
            self.waiting.clear()
            self.pushes.put_nowait(None)

    async def stop(self) -> None:
        """Stop reading. Waits for the reader without swallowing a cancellation of the
        caller (``contextlib.suppress(CancelledError)`` around the await would: a bot
        cancelled right then would play on)."""
        self.reader.cancel()
        await asyncio.wait({self.reader})

    async def request(self, type_: str, **fields: Any) -> dict[str, Any]:
        return await self.send({"type": type_, **fields})

    async def send(self, message: dict[str, Any]) -> dict[str, Any]:
        """Send one request and wait for its reply (ConnectionError when the socket ends
        first, TimeoutError after REPLY_TIMEOUT)."""
        message = self.session.request(message)
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self.waiting[message["rid"]] = future
        await self.ws.send(protocol.encode(message))
        # asyncio.timeout, not asyncio.wait_for: on Python 3.11 wait_for returns the
        # reply when the task is cancelled in the same loop turn as the reply came in,
        # swallowing the cancellation (CPython gh-86296), and the bot then plays on.
        async with asyncio.timeout(REPLY_TIMEOUT):
            return await future


async def run_bot(url: str, match: str, seat: str, *, token: str | None = None,
                  password: str = "",
                  personality: str = "", name: str = "", rules: Rules | None = None,
                  say: Callable[[str], None] = lambda line: None,
                  backoff: Backoff = Backoff()) -> dict[str, Any] | None:
    """Play ``seat`` of ``match`` on the host at ``url`` until the match is over; returns
    the winner (None if the host could not be reached again). ``say`` hears a line for
    each notable thing (the token on joining, a lost connection). ``password`` is the
    match's, needed to join a free seat of a match that has one (not to rejoin).

    A dropped connection is retried as the game's client retries it (the same
    ``game.session.Session``: a quarter second, then pauses doubling from half a second up
    to 8 s, about a minute and a half in all), and the seat is taken back with its token. The first connection is not retried: a wrong address is
    an answer, not a reason to wait. A ``moved`` reply (the match is served by another
    process of a cluster, docs/HOSTING.md) is followed at once; when that process cannot be
    reached, the next attempt asks ``url`` again."""
    state = SeatState(match, seat, token=token, password=password)
    session = Session(url, backoff, needs_seat=True)
    if token:
        session.held.hold(match, token)
    while True:
        try:
            ws = await connect(session.url, max_size=None)
        except (OSError, asyncio.TimeoutError, InvalidHandshake) as err:
            retry = session.failed()
            if not retry.again and not retry.gave_up:
                raise   # never seated: nothing to come back to
            why = f"the connection was lost ({err or type(err).__name__})"
        else:
            session.opened()
            try:
                async with ws:
                    why = await _seated_play(ws, session, state, personality, name, rules,
                                             say)
                if state.over:
                    return state.winner
            except Moved:
                continue      # a ``moved`` reply: straight to the process it names
            except (OSError, asyncio.TimeoutError, InvalidHandshake, ConnectionClosed) as err:
                if not session.comes_back:
                    raise   # never seated: nothing to come back to
                why = f"the connection was lost ({err or type(err).__name__})"
            retry = session.lost(ws.close_reason or "")
            if not retry.again and not retry.gave_up:
                raise BotError(f"{why}: {ws.close_reason or 'the seat is gone'}")
        if not retry.again:
            say(f"{why}; gave up reconnecting to {session.url}")
            return None
        say(f"{why}; taking the seat back")
        await asyncio.sleep(retry.delay or 0.0)


async def _seated_play(ws: ClientConnection, session: Session, state: SeatState,
                       personality: str, name: str, rules: Rules | None,
                       say: Callable[[str], None]) -> str:
    """Take the seat on this socket and play until the match is over or the socket ends;
    returns why it ended."""
    conn = Connection(ws, session)
    try:
        await _take_seat(conn, state, personality, name, rules, say)
        await _play(conn, state, personality, rules)
    finally:
        await conn.stop()
    return "the host closed the connection"


async def _take_seat(conn: Connection, state: SeatState, personality: str, name: str,
                     rules: Rules | None, say: Callable[[str], None]) -> None:
    """Join the seat (or rejoin it with the token) and learn the match from the snapshot
    and the map."""
    back = conn.session.held.follow
    if back is not None:
        joined = await conn.send(back)
    else:
        fields = {"password": state.password} if state.password else {}
        joined = await conn.request("join", match=state.match, seat=state.power,
                                    name=name or f"{personality or 'bot'} bot", **fields)
    if conn.session.moving is not None:
        raise Moved(conn.session.moving)
    if moved_to(joined) is not None:
        raise BotError(f"the host kept sending the seat elsewhere (last to "
                       f"{moved_to(joined)})")
    if joined.get("type") == "error":
        raise BotError(f"the host refused the seat: {joined.get('message')}")
    if joined.get("type") != "joined" or not isinstance(joined.get("snapshot"), dict):
        # A websocket server of another kind (it echoed the join, say).
        raise BotError(f"{conn.session.url} is not a Casus Foederis host: it answered the "
                       f"join with {joined.get('type')!r}, not the seat")
    if "token" in joined:
        state.token = conn.session.held.token
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
    state.pars = pars_in(snapshot["powers"])
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
                    seed=bot_seed(s.match), names=s.names, history=list(s.history),
                    pars=s.pars)

    async def hear(self, message: dict[str, Any]) -> None:
        kind = message.get("type")
        if kind == "turn_result":
            self.state.view = message["view"]
            turn = int(message["view"]["turn"])
            self.state.history = [p for p in (*self.state.history,
                                              *self.state.proposals.values())
                                  if remembered(p, turn)]
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
