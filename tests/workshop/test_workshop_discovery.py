"""Finding the host in a room, on loopback only and without depending on multicast: the
announcement and the browsing are exercised against a stand-in for the zeroconf layer; the
address to give and the QR code are checked as they are."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

import pygame
import pytest

import game.discovery as discovery
from game.cli.join_cmd import find_host
from game.cli.main import UserError
from game.client.app import App
from game.client.screens.projector import ProjectorScreen, qr_surface
from game.discovery import Announcement, FoundHost, address_to_give, qr_matrix


def test_the_address_to_give_is_the_rooms_not_loopback(monkeypatch):
    monkeypatch.setattr(discovery, "lan_address", lambda: "192.168.1.20")
    monkeypatch.setattr(discovery, "listens", lambda address, port: True)
    assert address_to_give("ws://127.0.0.1:8765") == "ws://192.168.1.20:8765"
    assert address_to_give("ws://0.0.0.0:9000") == "ws://192.168.1.20:9000"
    assert address_to_give("ws://10.0.0.5:8765") == "ws://10.0.0.5:8765"
    monkeypatch.setattr(discovery, "lan_address", lambda: None)
    assert address_to_give("ws://127.0.0.1:8765") == "ws://127.0.0.1:8765"


def test_the_qr_code_is_a_square_of_modules_with_a_quiet_zone():
    matrix = qr_matrix("ws://192.168.1.20:8765")
    assert len(matrix) == len(matrix[0]) >= 21 and any(any(row) for row in matrix)
    assert matrix[0][:7] == [True] * 7                  # a finder pattern's top edge
    surface = qr_surface(matrix)
    assert surface.get_size() == (len(matrix) + 8,) * 2
    assert surface.get_at((0, 0))[:3] == (255, 255, 255)
    assert surface.get_at((4, 4))[:3] == (0, 0, 0)


class FakeAsyncZeroconf:
    registered: list = []

    def __init__(self, fail: bool = False) -> None:
        self.fail = fail

    async def async_register_service(self, info):
        if self.fail:
            raise OSError("multicast is blocked")
        FakeAsyncZeroconf.registered.append(info)

    async def async_unregister_service(self, info):
        FakeAsyncZeroconf.registered.remove(info)

    async def async_close(self):
        pass


def test_the_host_announces_itself_and_withdraws(monkeypatch):
    import zeroconf.asyncio
    monkeypatch.setattr(zeroconf.asyncio, "AsyncZeroconf", FakeAsyncZeroconf)
    announcement = Announcement(8765, name="laptop", address="127.0.0.1")

    async def day() -> str:
        said = await announcement.start()
        assert [i.port for i in FakeAsyncZeroconf.registered] == [8765]
        info = FakeAsyncZeroconf.registered[0]
        assert info.properties[b"url"] == b"ws://127.0.0.1:8765"
        await announcement.stop()
        return said
    said = asyncio.run(day())
    assert said == "announced on the local network as 'laptop': ws://127.0.0.1:8765"
    assert FakeAsyncZeroconf.registered == []


def test_where_multicast_is_blocked_the_host_says_so_in_one_sentence(monkeypatch):
    import zeroconf.asyncio
    monkeypatch.setattr(zeroconf.asyncio, "AsyncZeroconf", lambda: FakeAsyncZeroconf(True))
    said = asyncio.run(Announcement(8765, address="127.0.0.1").start())
    assert said == ("not announced (OSError): multicast seems blocked on this network, so "
                    "players cannot find the host by themselves: give them the address by "
                    "hand: ws://127.0.0.1:8765")


def test_join_without_an_address_takes_the_only_host_heard(capsys):
    url = find_host(lambda: [FoundHost("laptop", "ws://127.0.0.1:8765")])
    assert url == "ws://127.0.0.1:8765"
    assert "1. laptop: ws://127.0.0.1:8765" in capsys.readouterr().out


def test_join_without_an_address_asks_which_of_several():
    hosts = [FoundHost("a", "ws://127.0.0.1:1"), FoundHost("b", "ws://127.0.0.1:2")]
    assert find_host(lambda: hosts, choose=lambda prompt: "2") == "ws://127.0.0.1:2"
    with pytest.raises(UserError, match="no host chosen"):
        find_host(lambda: hosts, choose=lambda prompt: "9")


def test_join_hearing_nobody_says_what_to_do():
    with pytest.raises(UserError) as err:
        find_host(lambda: [])
    assert "multicast seems blocked on this network" in str(err.value)
    assert "casus join ws://HOST:PORT" in str(err.value)

    def no_multicast():
        raise OSError("No such device")
    with pytest.raises(UserError, match="cannot listen for hosts"):
        find_host(no_multicast)


def test_browse_collects_what_the_network_announces(monkeypatch):
    """``browse`` against a stand-in Zeroconf whose browser reports one service."""
    import zeroconf

    info = SimpleNamespace(properties={b"url": b"ws://127.0.0.1:8765"}, port=8765,
                           parsed_addresses=lambda: ["127.0.0.1"])

    class FakeZeroconf:
        def get_service_info(self, service_type, name, timeout):
            return info

        def close(self):
            pass

    class FakeBrowser:
        def __init__(self, zc, service_type, handlers):
            for handler in handlers:
                handler(zeroconf=zc, service_type=service_type,
                        name=f"laptop.{service_type}",
                        state_change=zeroconf.ServiceStateChange.Added)

        def cancel(self):
            pass

    monkeypatch.setattr(zeroconf, "ServiceBrowser", FakeBrowser)
    assert discovery.browse(0.05, zeroconf_factory=FakeZeroconf) == [
        FoundHost("laptop", "ws://127.0.0.1:8765")]


@pytest.mark.usefixtures("pygame_ready")
@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_the_projector_waiting_screen_shows_the_address_and_its_qr_code(size, monkeypatch):
    from console_support import workshop
    from test_projector import recorded_spectator

    monkeypatch.setattr(discovery, "lan_address", lambda: "192.168.1.20")
    monkeypatch.setattr(discovery, "listens", lambda address, port: True)
    host, _ = workshop()
    spec, model, _ = recorded_spectator(host)
    spec.url = "ws://127.0.0.1:8765"        # as a projector on the host's laptop has it
    app = App(size)
    screen = ProjectorScreen(app, spec, model, map_doc=host.match.scenario.map_doc)
    app.push(screen)
    app.run(frames=2)
    assert screen._qr is not None and screen._qr[0] == "ws://192.168.1.20:8765"
    app.screenshot(f"/tmp/projector/waiting_qr_{size[0]}.png")
