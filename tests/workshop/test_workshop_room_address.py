"""The lobby and the projector give the room this machine's network address only when the
host answers there: a host on loopback alone (the default) cannot be joined from another
machine, so there is no address to give (``discovery.room_address`` is None)."""

from __future__ import annotations

import socket

from game import discovery
from game.discovery import room_address


def listener(address: str, port: int = 0) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind((address, port))
    sock.listen(1)
    return sock


def test_a_host_on_loopback_alone_has_no_address_for_the_room(monkeypatch):
    # 127.0.0.2 stands for the machine's network address: a host bound to 127.0.0.1
    # alone refuses connections there, as it refuses them on the LAN address.
    monkeypatch.setattr(discovery, "lan_address", lambda: "127.0.0.2")
    with listener("127.0.0.1") as only_here:
        port = only_here.getsockname()[1]
        assert room_address(f"ws://127.0.0.1:{port}") is None


def test_a_host_that_answers_on_the_network_address_is_given_by_it(monkeypatch):
    monkeypatch.setattr(discovery, "lan_address", lambda: "127.0.0.2")
    with listener("127.0.0.1") as here:
        port = here.getsockname()[1]
        with listener("127.0.0.2", port):
            assert room_address(f"ws://127.0.0.1:{port}") == f"ws://127.0.0.2:{port}"


def test_a_remote_host_is_given_as_it_is():
    assert room_address("ws://10.0.0.5:8765") == "ws://10.0.0.5:8765"
