"""Finding the host in a room: the host announces itself on the local network with mDNS /
DNS-SD (the ``zeroconf`` library), ``casus join`` without an address lists the hosts it
hears, and every screen that shows the address shows the one to give by hand.

Multicast is often blocked (guest Wi-Fi, some corporate networks): then nothing is heard,
and each side says so in one sentence and falls back to the address typed by hand. Nothing
here is needed for play; it only saves typing ``ws://192.168.…:8765``.
"""

from __future__ import annotations

import socket
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

SERVICE_TYPE = "_casus-foederis._tcp.local."
BROWSE_SECONDS = 2.5
LOOPBACK = ("127.0.0.1", "localhost", "::1")
BLOCKED = ("multicast seems blocked on this network, so players cannot find the host by "
           "themselves: give them the address by hand")


@dataclass(frozen=True)
class FoundHost:
    """A host heard on the network."""

    name: str
    url: str


def lan_address() -> str | None:
    """This machine's address on the local network (the one its default route leaves
    from), or None without a network. Connecting a UDP socket sends nothing."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.255.255.255", 1))
        address = probe.getsockname()[0]
    except OSError:
        return None
    finally:
        probe.close()
    return None if address.startswith("127.") or address == "0.0.0.0" else address


def listens(address: str, port: int, timeout: float = 0.5) -> bool:
    """Whether something accepts TCP connections at ``address``:``port`` (connected and
    closed at once: the host logs nothing for it)."""
    try:
        with socket.create_connection((address, port), timeout=timeout):
            return True
    except OSError:
        return False


def address_to_give(url: str) -> str:
    """The address players on other machines type: ``url`` itself, or, when it names this
    machine (loopback or 0.0.0.0), the same port on this machine's network address."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if host not in LOOPBACK and host != "0.0.0.0":
        return url
    lan = lan_address()
    if lan is None:
        return url
    return f"{parts.scheme or 'ws'}://{lan}:{parts.port or 8765}"


def room_address(url: str) -> str | None:
    """The address to give the room (``address_to_give``), or None when the host runs on
    this machine but listens on loopback only (``casus host`` without ``--host 0.0.0.0``,
    the default): then no other machine can join, and showing them an address would send
    them to a refused connection. Asked by a connection to this machine's network
    address, which is answered or refused at once."""
    give = address_to_give(url)
    if give == url:
        return url
    parts = urlsplit(give)
    return give if listens(parts.hostname or "", parts.port or 8765) else None


# --- the host's side --------------------------------------------------------------------------


class Announcement:
    """The host's mDNS announcement, started once it listens and withdrawn when it stops."""

    def __init__(self, port: int, name: str | None = None, address: str | None = None
                 ) -> None:
        self.port = port
        self.address = address or lan_address()
        self.name = name or socket.gethostname().split(".")[0] or "casus"
        self.zeroconf: Any = None
        self.info: Any = None

    @property
    def url(self) -> str | None:
        return f"ws://{self.address}:{self.port}" if self.address else None

    async def start(self) -> str:
        """Announce; returns the sentence to print (where players find the host, or why
        they cannot)."""
        if self.address is None:
            return "not announced: this machine has no network address besides loopback"
        try:
            from zeroconf import ServiceInfo
            from zeroconf.asyncio import AsyncZeroconf
        except ImportError:
            return "not announced: the zeroconf package is not installed"
        try:
            self.info = ServiceInfo(
                SERVICE_TYPE, f"{self.name}.{SERVICE_TYPE}",
                addresses=[socket.inet_aton(self.address)], port=self.port,
                properties={"url": self.url or ""}, server=f"{self.name}.local.")
            self.zeroconf = AsyncZeroconf()
            await self.zeroconf.async_register_service(self.info)
        except Exception as err:    # zeroconf raises its own and OS errors when it cannot
            await self.stop()
            return f"not announced ({type(err).__name__}): {BLOCKED}: {self.url}"
        return f"announced on the local network as {self.name!r}: {self.url}"

    async def stop(self) -> None:
        if self.zeroconf is None:
            return
        try:
            if self.info is not None:
                await self.zeroconf.async_unregister_service(self.info)
            await self.zeroconf.async_close()
        except Exception:       # leaving: nothing useful to do about a failure here
            pass
        self.zeroconf = self.info = None


# --- the players' side --------------------------------------------------------------------------


def browse(seconds: float = BROWSE_SECONDS, zeroconf_factory: Any = None) -> list[FoundHost]:
    """The hosts that answer on the local network within ``seconds``, by name. Raises
    OSError when multicast cannot even be opened here."""
    from zeroconf import ServiceBrowser, ServiceStateChange, Zeroconf

    zc = (zeroconf_factory or Zeroconf)()
    found: dict[str, FoundHost] = {}

    def changed(zeroconf: Any, service_type: str, name: str,
                state_change: Any) -> None:
        if state_change is not ServiceStateChange.Added:
            return
        info = zeroconf.get_service_info(service_type, name, timeout=1000)
        if info is None:
            return
        url = (info.properties or {}).get(b"url", b"").decode("utf-8", "replace")
        addresses = info.parsed_addresses()
        if not url and addresses:
            url = f"ws://{addresses[0]}:{info.port}"
        if url:
            found[name] = FoundHost(name.removesuffix("." + SERVICE_TYPE), url)

    try:
        browser = ServiceBrowser(zc, SERVICE_TYPE, handlers=[changed])
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            time.sleep(0.1)
        browser.cancel()
    finally:
        zc.close()
    return sorted(found.values(), key=lambda h: h.name)


def qr_matrix(text: str) -> list[list[bool]]:
    """The modules of a QR code for ``text`` (True: dark), quiet zone excluded."""
    import segno

    return [[bool(cell) for cell in row] for row in segno.make(text, error="m").matrix]
