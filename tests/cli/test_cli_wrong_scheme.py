"""ws:// given for a wss:// host and the other way round: one sentence that says which to try;
a websocket server of another kind: one sentence that says it is not a Casus Foederis host.

``casus bot ws://`` to a host serving TLS was an "unexpected error" (the websockets
handshake exception was not caught), and ``wss://`` to a plain host read "cannot reach the
host at wss://… ()". The stand-ins for the hosts listen on 127.0.0.1 and answer as a TLS
server answers a plain hello (bytes that are not HTTP) or as a plain server answers a TLS
hello (it hangs up).
"""

from __future__ import annotations

import socket
import ssl
import threading
from collections.abc import Iterator

import pytest

from game.cli.main import main
from game.client.net import explain


def _serve(answer: bytes) -> Iterator[int]:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(10)

    def once() -> None:
        try:
            conn, _ = server.accept()
        except OSError:
            return
        with conn:
            conn.settimeout(5)
            try:
                conn.recv(4096)          # the client's hello, plain or TLS
                if answer:
                    conn.sendall(answer)
            except OSError:
                pass

    thread = threading.Thread(target=once, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    server.close()
    thread.join(timeout=10)


@pytest.fixture
def tls_like_host() -> Iterator[int]:
    """Answers a hello with a TLS alert record, as a wss:// host does to plain ws://."""
    yield from _serve(b"\x15\x03\x01\x00\x02\x02\x46")


@pytest.fixture
def plain_host() -> Iterator[int]:
    """Reads the hello and hangs up, as a plain ws:// host does to a TLS hello."""
    yield from _serve(b"")


@pytest.mark.parametrize("command", ["bot", "join"])
def test_ws_to_a_host_that_speaks_tls_says_to_write_wss(tls_like_host, capsys, command):
    extra = ["--match", "m1", "--seat", "RED"] if command == "bot" else []
    assert main([command, f"ws://127.0.0.1:{tls_like_host}", *extra]) == 2
    err = capsys.readouterr().err
    assert "unexpected error" not in err and err.count("\n") == 1
    assert err.startswith(f"casus {command}: 127.0.0.1:{tls_like_host} did not answer as a "
                          "websocket host") and "write the address with wss://" in err


@pytest.mark.parametrize("command", ["bot", "join"])
def test_wss_to_a_plain_host_says_to_write_ws(plain_host, capsys, command):
    extra = ["--match", "m1", "--seat", "RED"] if command == "bot" else []
    assert main([command, f"wss://127.0.0.1:{plain_host}", *extra]) == 2
    err = capsys.readouterr().err
    assert err == (f"casus {command}: 127.0.0.1:{plain_host} closed the connection at the TLS "
                   "handshake: if it serves plain ws://, write the address with ws://\n")


@pytest.fixture
def echo_host() -> Iterator[int]:
    """A websocket server of another kind: it sends back whatever it gets."""
    from websockets.sync.server import serve

    def echo(ws) -> None:
        try:
            for message in ws:
                ws.send(message)
        except Exception:
            pass
    with serve(echo, "127.0.0.1", 0) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        yield server.socket.getsockname()[1]
        server.shutdown()
        thread.join(timeout=10)


@pytest.mark.parametrize("command, message", [
    ("join", "127.0.0.1:{port} is not a Casus Foederis host: it did not answer the hello with "
             "its protocol version"),
    ("bot", "ws://127.0.0.1:{port} is not a Casus Foederis host: it answered the join with "
            "'join', not the seat"),
])
def test_a_websocket_server_of_another_kind_is_named_as_such(echo_host, capsys, command,
                                                             message):
    extra = ["--match", "m1", "--seat", "RED"] if command == "bot" else []
    assert main([command, f"ws://127.0.0.1:{echo_host}", *extra]) == 2
    err = capsys.readouterr().err
    assert err == f"casus {command}: {message.format(port=echo_host)}\n"


def test_an_untrusted_certificate_is_named_as_such():
    err = ssl.SSLCertVerificationError(1, "certificate verify failed")
    err.verify_message = "self-signed certificate"
    assert explain("wss://example.org:443", err) == (
        "the certificate of example.org:443 is not trusted (self-signed certificate): the "
        "host needs one that this computer trusts")


def test_an_error_without_words_is_named_by_its_kind():
    assert explain("ws://127.0.0.1:9", BrokenPipeError()) == \
        "cannot reach 127.0.0.1:9: BrokenPipeError"
