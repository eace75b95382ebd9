"""The websocket transport against a real host on 127.0.0.1: two seats exchange chat and
orders, a dropped socket is taken again with the seat token, and bad addresses give one
clear sentence."""

from __future__ import annotations

import asyncio
import socket
from collections import Counter

import msgpack
import pytest

from game.client.connection import CLOSED, OPEN, RECONNECTING
from game.client.model import MatchModel
from game.client.net import Backoff, NetError, WebSocketConnection, check_url
from online_helpers import host_thread, reply_to, until, wait_for
from server_helpers import TIMEOUT
from store_switch import location

FAST = Backoff(first=0.05, cap=0.2, attempts=40)


def create(conn: WebSocketConnection, **fields) -> dict:
    rid = conn.send({"type": "create_match", "scenario": "triangle", "seed": 3, **fields})
    reply = reply_to(conn, rid)
    assert reply["type"] == "match_created", reply
    return reply


def join(conn: WebSocketConnection, match: str, seat: str, name: str = "") -> dict:
    reply = reply_to(conn, conn.send({"type": "join", "match": match, "seat": seat,
                                      "name": name}))
    assert reply["type"] == "joined", reply
    return reply


def test_two_seats_exchange_chat_and_orders_over_websockets():
    with host_thread() as host:
        red = WebSocketConnection.open(host.url, backoff=FAST)
        blu = WebSocketConnection.open(host.url, backoff=FAST)
        try:
            assert red.status == OPEN and red.version == 1 and red.seat is None
            match = create(red, empty=["GRN"])["match"]
            joined = join(red, match, "RED", "Ada")
            join(blu, match, "BLU", "Bo")
            assert (red.seat, red.match_id, red.token) == ("RED", match, joined["token"])
            model = MatchModel.from_snapshot(joined["snapshot"])
            red.send({"type": "chat", "channel": ["RED", "BLU"], "text": "Shall we talk?"})
            heard = wait_for(blu, lambda m: m["type"] == "chat")
            assert (heard["channel"], heard["from"], heard["text"]) == (
                ["RED", "BLU"], "RED", "Shall we talk?")
            rid = red.send({"type": "orders", "orders": [
                {"op": "move", "from": "R", "to": "B", "n": 2},
                {"op": "move", "from": "R", "to": "X", "n": 1}]})
            seen: list[dict] = []
            reply = reply_to(red, rid, seen)
            assert reply["accepted"] == [{"op": "move", "from": "R", "to": "B", "n": 2}]
            assert [r["order"]["to"] for r in reply["rejected"]] == ["X"]
            for message in seen:
                model.apply(message)
            assert model.my_orders() == [{"op": "move", "from": "R", "to": "B", "n": 2}]
            red.send({"type": "ready", "ready": True})
            flag = wait_for(blu, lambda m: m["type"] == "ready")
            assert (flag["power"], flag["ready"]) == ("RED", True)
            blu.send({"type": "ready", "ready": True})
            result = wait_for(blu, lambda m: m["type"] == "turn_result")
            assert result["turn"] == 2 and result["reason"] == "all_ready"
            assert [e["type"] for e in result["report"]["events"]] == [
                "income", "legitimacy", "legitimacy", "legitimacy"]
        finally:
            red.close()
            blu.close()
        assert red.status == CLOSED
        rid = red.send({"type": "ping"})
        assert red.poll()[-1] == {"type": "error", "code": "not_connected", "rid": rid,
                                  "message": "not connected to the host (closed by the "
                                             "player)"}


def test_a_dropped_socket_is_taken_again_with_the_seat_token():
    with host_thread() as host:
        red = WebSocketConnection.open(host.url, backoff=FAST)
        blu = WebSocketConnection.open(host.url, backoff=FAST)
        try:
            match = create(red)["match"]
            join(red, match, "RED")
            join(blu, match, "BLU")
            reply_to(red, red.send({"type": "orders", "orders": [
                {"op": "build", "territory": "R", "n": 1}]}))
            red.drop()
            statuses: list[str] = []
            until(lambda: statuses.append(red.status) or red.status == RECONNECTING)
            # Sent while the line is down: queued, and it goes out after the rejoin.
            red.send({"type": "chat", "channel": "public", "text": "back soon"})
            seen: list[dict] = []
            rejoined = wait_for(red, lambda m: m["type"] == "joined", seen)
            assert red.status == OPEN and red.reconnects == 1 and red.seat == "RED"
            assert rejoined["snapshot"]["orders"]["RED"] == [
                {"op": "build", "territory": "R", "n": 1}]
            assert [m["message"] for m in seen if m["type"] == "connection"] == [
                "connection lost: reconnecting…", "reconnected"]
            heard = wait_for(blu, lambda m: m["type"] == "chat")
            assert heard["text"] == "back soon"
            # The server cutting every socket at once: both come back on their own.
            assert host.drop_all() == 2
            wait_for(blu, lambda m: m["type"] == "joined")
            assert blu.seat == "BLU" and blu.status == OPEN
        finally:
            red.close()
            blu.close()


def test_a_spectator_spectates_again_after_a_drop():
    with host_thread() as host:
        conn = WebSocketConnection.open(host.url, backoff=FAST)
        try:
            match = create(conn)["match"]
            reply = reply_to(conn, conn.send({"type": "spectate", "match": match}))
            assert reply["seat"] == "spectator" and conn.token is None
            conn.drop()
            again = wait_for(conn, lambda m: m["type"] == "joined")
            assert again["seat"] == "spectator" and again["match"] == match
        finally:
            conn.close()


def test_giving_up_after_the_bounded_retries():
    with host_thread() as host:
        conn = WebSocketConnection.open(host.url, backoff=Backoff(0.02, 0.02, attempts=3))
    # The host has stopped: three tries, then closed with the reason.
    seen: list[dict] = []
    wait_for(conn, lambda m: m.get("status") == CLOSED, seen)
    assert conn.status == CLOSED
    assert "gave up reconnecting: nothing answers at 127.0.0.1" in seen[-1]["message"]
    conn.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("url, words", [
    ("http://127.0.0.1:8765", "it must start with ws://"),
    ("127.0.0.1:8765", "it must start with ws://"),
    ("ws://", "names no host"),
    ("ws://127.0.0.1:99999", "is not a server address"),
])
def test_a_bad_address_is_named(url, words):
    with pytest.raises(NetError, match=words):
        check_url(url)


def test_the_default_port_is_added():
    assert check_url("ws://lan-box") == "ws://lan-box:8765"
    assert check_url(" wss://h:1/x ") == "wss://h:1/x"


def test_a_refused_connection_is_one_sentence():
    port = free_port()
    with pytest.raises(NetError) as err:
        WebSocketConnection.open(f"ws://127.0.0.1:{port}", open_timeout=2)
    assert str(err.value) == (f"nothing answers at 127.0.0.1:{port} (connection refused): "
                              "is 'casus host' running there?")


def test_a_server_of_another_protocol_version_is_refused():
    with host_thread() as host:
        host.call(lambda: host.server.core.requests.update(
            ping=lambda conn, m: {"type": "pong", "version": 99}))
        with pytest.raises(NetError, match="speaks protocol version 99, this client speaks 1"):
            WebSocketConnection.open(host.url)


def test_the_lobby_learns_each_scenarios_powers():
    with host_thread() as host:
        conn = WebSocketConnection.open(host.url)
        try:
            reply = reply_to(conn, conn.send({"type": "list_scenarios"}))
        finally:
            conn.close()
    details = {d["name"]: d for d in reply["details"]}
    assert set(details) == set(reply["scenarios"])
    assert details["triangle"] == {
        "name": "triangle", "title": "test", "description": "",
        "powers": [{"id": "RED", "name": "RED", "color": "#888888"},
                   {"id": "BLU", "name": "BLU", "color": "#888888"},
                   {"id": "GRN", "name": "GRN", "color": "#888888"}]}
    assert [p["id"] for p in details["tutorial"]["powers"]] == ["RED", "GRN", "BLU", "YEL"]


def test_a_seat_released_while_the_line_was_down_is_not_retried():
    with host_thread() as host:
        umpire = WebSocketConnection.open(host.url)
        red = WebSocketConnection.open(host.url, backoff=Backoff(first=1.0, cap=1.0))
        try:
            made = create(umpire)
            reply_to(umpire, umpire.send({"type": "rejoin", "match": made["match"],
                                          "token": made["umpire_token"]}))
            join(red, made["match"], "RED")
            red.drop()
            until(lambda: red.status == RECONNECTING)
            reply_to(umpire, umpire.send({"type": "release_seat", "seat": "RED"}))
            seen: list[dict] = []
            wait_for(red, lambda m: m.get("status") == CLOSED, seen)
            assert [m["code"] for m in seen if m["type"] == "error"] == ["bad_token"]
            assert red.status == CLOSED and red.error.startswith(
                "could not take the seat back: ")
        finally:
            umpire.close()
            red.close()


def test_a_seat_released_while_connected_closes_for_good():
    with host_thread() as host:
        umpire = WebSocketConnection.open(host.url)
        red = WebSocketConnection.open(host.url, backoff=FAST)
        try:
            made = create(umpire)
            reply_to(umpire, umpire.send({"type": "rejoin", "match": made["match"],
                                          "token": made["umpire_token"]}))
            join(red, made["match"], "RED")
            reply_to(umpire, umpire.send({"type": "release_seat", "seat": "RED"}))
            news = wait_for(red, lambda m: m.get("status") == CLOSED)
            assert news["message"] == ("the host closed the connection: the umpire released "
                                       "this seat")
            assert red.reconnects == 0
        finally:
            umpire.close()
            red.close()


def test_a_host_restart_is_ridden_out_and_the_seat_comes_back(tmp_path):
    from online_helpers import free_port

    port, data = free_port(), location(tmp_path)
    with host_thread(port=port, data=data) as host:
        red = WebSocketConnection.open(host.url, backoff=Backoff(0.1, 0.3, attempts=60))
        match = create(red)["match"]
        join(red, match, "RED")
        accepted = reply_to(red, red.send({"type": "orders", "orders": [
            {"op": "build", "territory": "R", "n": 1}]}))["accepted"]
        assert accepted == [{"op": "build", "territory": "R", "n": 1}]
        assert host.server.matches[match].orders["RED"] == accepted
    try:
        # The host stopped (1001, going away): the client keeps trying meanwhile.
        until(lambda: red.status == RECONNECTING)
        with host_thread(port=port, data=data):
            back = wait_for(red, lambda m: m["type"] == "joined", timeout=10)
        assert back["snapshot"]["orders"]["RED"] == [{"op": "build", "territory": "R", "n": 1}]
        assert red.reconnects == 1
    finally:
        red.close()


def test_a_request_the_close_leaves_unanswered_is_answered_not_connected():
    """A screen waits for its reply by rid: every request gets one, even when the player
    closes the connection before the host answered it (or before it even went out)."""
    with host_thread() as host:
        conn = WebSocketConnection.open(host.url, backoff=FAST)
        create(conn)
        rids = [conn.send({"type": "ping"}) for _ in range(20)]
        conn.close()
    answers = Counter(m.get("rid") for m in conn.poll())
    assert all(answers[r] == 1 for r in rids), {r: answers[r] for r in rids}


def test_a_host_that_never_sends_the_pong_is_given_up_on_in_time():
    """Frames that are not the hello's reply do not keep a connection opening for ever."""
    from websockets.asyncio.server import serve

    async def chatter(ws) -> None:
        while True:   # a push every 20 ms, never the pong
            await ws.send(msgpack.packb({"type": "chat", "text": "hi"}))
            await asyncio.sleep(0.02)

    async def scenario() -> tuple[str, str]:
        async with serve(chatter, "127.0.0.1", 0) as server:
            port = server.sockets[0].getsockname()[1]
            conn = WebSocketConnection(f"ws://127.0.0.1:{port}", open_timeout=0.5)
            conn.start()
            for _ in range(int(TIMEOUT / 0.05)):
                if conn.status == CLOSED:
                    break
                await asyncio.sleep(0.05)
            conn.close()
            return conn.status, conn.error
    status, error = asyncio.run(scenario())
    assert status == CLOSED and "did not answer in time" in error, (status, error)
