"""The online lobby driven through its screens against a real host on 127.0.0.1 (shared by
the client's, the workshop's and the command line's lobby tests)."""

from __future__ import annotations

from game.client.app import App
from game.client.net import Backoff, WebSocketConnection
from game.client.online.flow import OnlineFlow
from game.client.online.seats import SeatBook
from game.client.screens.lobby import LobbyScreen
from online_helpers import reply_to, until
from client_helpers import run

FAST = Backoff(first=0.05, cap=0.2, attempts=40)


def flow_for(url: str, tmp_path, size=(1280, 720), **kwargs) -> tuple[App, OnlineFlow]:
    app = App(size)
    flow = OnlineFlow(app, url, book=SeatBook(tmp_path / "seats.json"),
                      connect=lambda u: WebSocketConnection.open(u, backoff=FAST), **kwargs)
    return app, flow


def step(app: App):
    return lambda: run(app, 1)


def open_lobby(app: App, flow: OnlineFlow) -> LobbyScreen:
    flow.lobby()
    lobby = app.top
    assert isinstance(lobby, LobbyScreen)
    until(lambda: lobby.loaded, step=step(app))
    return lobby


def make_match(url: str, **fields) -> dict:
    conn = WebSocketConnection.open(url)
    try:
        reply = reply_to(conn, conn.send({"type": "create_match", "scenario": "triangle",
                                          "seed": 3, **fields}))
        assert reply["type"] == "match_created", reply
        return reply
    finally:
        conn.close()
