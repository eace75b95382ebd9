"""The lobby and the projector give the room this machine's network address only when the
host answers there: a host on loopback alone (the default) cannot be joined from another
machine, so its loopback address is shown as it is."""

from __future__ import annotations

import socket

from game import discovery
from game.discovery import address_to_give


def listener(address: str) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind((address, 0))
    sock.listen(1)
    return sock


def test_a_host_on_loopback_alone_is_not_given_to_the_room(monkeypatch):
    # 127.0.0.2 stands for the machine's network address: a host bound to 127.0.0.1
    # alone refuses connections there, as it refuses them on the LAN address.
    monkeypatch.setattr(discovery, "lan_address", lambda: "127.0.0.2")
    with listener("127.0.0.1") as only_here:
        port = only_here.getsockname()[1]
        url = f"ws://127.0.0.1:{port}"
        assert address_to_give(url) == url


def test_a_host_that_answers_on_the_network_address_is_given_by_it(monkeypatch):
    monkeypatch.setattr(discovery, "lan_address", lambda: "127.0.0.2")
    with listener("127.0.0.1") as here:
        port = here.getsockname()[1]
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as room:
            room.bind(("127.0.0.2", port))
            room.listen(1)
            assert address_to_give(f"ws://127.0.0.1:{port}") == f"ws://127.0.0.2:{port}"
