"""docs/HOSTING.md's layout, run end to end on loopback: deploy/nginx.conf (its ports and
certificate paths replaced) terminating TLS in front of two ``casus host`` processes over
the test PostgreSQL, each with its ``--public-url`` on the proxy. A client joins through
wss:// via nginx, a ``moved`` reply is followed through the proxy to the owner's address,
and the health checks answer through it. Skipped, saying why, without nginx or
PostgreSQL."""

from __future__ import annotations

import asyncio
import contextlib
import os
import pwd
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Iterator

import pytest

from game.client.net import WebSocketConnection
from server_helpers import TIMEOUT, Client, self_signed

SITE = Path(__file__).parents[2] / "deploy" / "nginx.conf"
LOBBY_PORTS = ("127.0.0.1:8701", "127.0.0.1:8702", "127.0.0.1:8703")
CERTIFICATE = "/etc/letsencrypt/live/game.example.org/fullchain.pem"
KEY = "/etc/letsencrypt/live/game.example.org/privkey.pem"

# What the test wraps the site file in: nginx in the foreground, every file it writes in
# the test's own folder.
MAIN = """daemon off;
{user}
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log info;
events {{ worker_connections 128; }}
http {{
    access_log {folder}/access.log;
    client_body_temp_path {folder}/client_body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    include {folder}/casus.conf;
}}
"""


def nginx_binary() -> str:
    found = shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if os.access(p, os.X_OK)),
        None)
    if found is None:
        pytest.skip("nginx is not installed (Debian: apt-get install nginx)")
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def site(ports: list[int], proxy_port: int, cert: str, key: str) -> str:
    """deploy/nginx.conf with the test's ports and certificate; each replacement must find
    its text, so the file cannot drift from what is tested."""
    text = SITE.read_text(encoding="utf-8")
    replacements = [("listen 443 ssl;", f"listen 127.0.0.1:{proxy_port} ssl;"),
                    (CERTIFICATE, cert), (KEY, key)]
    replacements += [(old, f"127.0.0.1:{port}") for old, port in zip(LOBBY_PORTS, ports)]
    for old, new in replacements:
        assert old in text, f"deploy/nginx.conf no longer says {old!r}"
        text = text.replace(old, new)
    return text


def wait_until_listening(port: int, proc: subprocess.Popen, what: str, log: Path) -> None:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            break
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
            return
        time.sleep(0.05)
    detail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
    raise AssertionError(f"{what} did not listen on {port}: {detail}")


@contextlib.contextmanager
def stopped_at_the_end(procs: list[subprocess.Popen]) -> Iterator[None]:
    try:
        yield
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in procs:
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def start_host(pg_url: str, port: int, public_url: str) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-m", "game", "host", "--port", str(port),
                             "--db", pg_url, "--public-url", public_url, "--trust-proxy"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = proc.stdout.readline()
    assert "listening on" in line, line
    return proc


def start_nginx(folder: Path, site_text: str, proxy_port: int) -> subprocess.Popen:
    (folder / "casus.conf").write_text(site_text, encoding="utf-8")
    # As the current user: root's workers would otherwise become "nobody".
    user = f"user {pwd.getpwuid(os.geteuid()).pw_name};" if os.geteuid() == 0 else ""
    (folder / "nginx.conf").write_text(MAIN.format(user=user, folder=folder),
                                       encoding="utf-8")
    proc = subprocess.Popen([nginx_binary(), "-p", str(folder), "-c",
                             str(folder / "nginx.conf"), "-e", str(folder / "error.log")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_until_listening(proxy_port, proc, "nginx", folder / "error.log")
    return proc


def https(url: str, cert: str) -> str:
    context = ssl.create_default_context(cafile=cert)
    with urllib.request.urlopen(url, timeout=TIMEOUT, context=context) as reply:
        return reply.read().decode()


def polled(conn: WebSocketConnection, done, seconds: float = TIMEOUT) -> dict:
    """The first message from ``conn`` that satisfies ``done`` (bounded)."""
    deadline = time.monotonic() + seconds
    seen: list[dict] = []
    while time.monotonic() < deadline:
        for message in conn.poll():
            seen.append(message)
            if done(message):
                return message
        time.sleep(0.05)
    raise AssertionError(f"nothing awaited came in {seconds} s: {seen[-5:]}")


def test_two_processes_behind_nginx_serve_players_over_wss(tmp_path, pg_url, monkeypatch):
    nginx_binary()
    cert, key = self_signed(tmp_path)
    monkeypatch.setenv("SSL_CERT_FILE", cert)   # the clients' default context trusts it
    folder = tmp_path / "nginx"
    folder.mkdir()
    proxy = free_port()
    lobby = f"wss://127.0.0.1:{proxy}"
    public = {name: f"{lobby}/{name}" for name in ("h1", "h2")}
    ports = [free_port(), free_port(), free_port()]   # the third process is down
    procs: list[subprocess.Popen] = []
    with stopped_at_the_end(procs):
        for name, port in zip(("h1", "h2"), ports):
            procs.append(start_host(pg_url, port, public[name]))
        procs.append(start_nginx(folder, site(ports, proxy, cert, key), proxy))

        # The health checks, through the proxy: each process at its own address.
        for name in ("h1", "h2"):
            health = https(f"https://127.0.0.1:{proxy}/{name}/health", cert)
            assert health.startswith("ok 0 matches") and health.strip().endswith(
                f"at {public[name]}"), health
        assert https(f"https://127.0.0.1:{proxy}/health", cert).startswith("ok ")

        async def create() -> dict:
            host = await Client.open(public["h1"])
            created = await host.ok("create_match", scenario="tutorial")
            await host.close()
            return created
        created = asyncio.run(create())
        match_id = created["match"]
        seats = [seat["power"] for seat in created["summary"]["seats"]]
        assert " 1 leases " in https(f"https://127.0.0.1:{proxy}/h1/health", cert)

        # Through process 2's address: moved to process 1's, followed through the proxy.
        conn = WebSocketConnection.open(public["h2"])
        try:
            conn.send({"type": "join", "match": match_id, "seat": seats[0]})
            joined = polled(conn, lambda m: m.get("type") in ("joined", "error"))
            assert joined["type"] == "joined", joined
            assert conn.url == public["h1"] and conn.seat == seats[0]
        finally:
            conn.close()

        # Through the lobby address, whichever process nginx picks (the third is down: the
        # next is asked): the match is listed, and a seat taken.
        conn = WebSocketConnection.open(lobby)
        try:
            listed: list[str] = []
            deadline = time.monotonic() + TIMEOUT   # process 1 lists it within a renewal
            while match_id not in listed and time.monotonic() < deadline:
                conn.send({"type": "list_matches", "rid": "l"})
                reply = polled(conn, lambda m: m.get("rid") == "l")
                listed = [m["match"] for m in reply.get("matches", [])]
                time.sleep(0.2)
            assert match_id in listed
            conn.send({"type": "join", "match": match_id, "seat": seats[1]})
            joined = polled(conn, lambda m: m.get("type") in ("joined", "error"))
            assert joined["type"] == "joined", joined
            assert conn.url in (lobby, public["h1"]) and conn.seat == seats[1]
        finally:
            conn.close()
        access = (folder / "access.log").read_text()
        assert "/h2 " in access and "/h1 " in access   # both went through nginx
