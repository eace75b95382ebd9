"""A host starts whatever its database holds: a match whose log does not replay is set aside
as broken (its umpire is told why, ``casus host --check`` lists it) and the others are
served; the data folder is private; tokens need not be on the command line; wss:// works."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sqlite3
import ssl
import stat
import subprocess
from pathlib import Path

import pytest
from websockets.asyncio.client import connect

from game import protocol
from game.cli.main import UserError, main
from game.cli.tokens import token_of
from server.storage import SQLiteStorage, open_store
from server_helpers import Client, running_server, self_signed
from store_switch import host_flags


def run(coro):
    return asyncio.run(coro)


async def two_matches(data) -> tuple[dict, dict]:
    """Two matches created on a host over ``data`` (a folder or a database URL); the second
    one's log is then broken."""
    storage = open_store(data)
    async with running_server(storage) as (_, url):
        client = await Client.open(url)
        good = await client.ok("create_match", scenario="triangle")
        bad = await client.ok("create_match", scenario="triangle")
        await client.close()
    storage.close()
    return good, bad


def corrupt(data, match_id: str, body: str) -> None:
    """Add ``body`` as the match's next event (its first, with the umpire's token hash,
    stays readable), behind the store's back."""
    if str(data).startswith("postgresql://"):
        import psycopg
        with psycopg.connect(str(data)) as db:
            (seq,) = db.execute("SELECT COUNT(*) FROM events WHERE match = %s",
                                (match_id,)).fetchone()
            db.execute("INSERT INTO events (match, seq, body) VALUES (%s, %s, %s)",
                       (match_id, seq, body))
        return
    db = sqlite3.connect(Path(data) / SQLiteStorage.FILE_NAME)
    (seq,) = db.execute("SELECT COUNT(*) FROM events WHERE match = ?", (match_id,)).fetchone()
    db.execute("INSERT INTO events (match, seq, body) VALUES (?, ?, ?)", (match_id, seq, body))
    db.commit()
    db.close()


@pytest.mark.parametrize("body, reason", [
    ("{not json", "is not valid JSON"),
    (json.dumps({"type": "chat", "seq": 1, "at": 0.0}), "KeyError"),
])
def test_a_match_whose_log_does_not_replay_is_set_aside_and_the_others_are_served(
        store_at, body, reason):
    async def scenario():
        good, bad = await two_matches(store_at)
        corrupt(store_at, bad["match"], body)
        storage = open_store(store_at)
        async with running_server(storage) as (server, url):
            assert set(server.matches) == {good["match"]}
            assert reason in server.broken[bad["match"]].reason
            umpire = await Client.open(url)
            await umpire.ok("rejoin", match=good["match"], token=good["umpire_token"])
            told = await (await Client.open(url)).request(
                "rejoin", match=bad["match"], token=bad["umpire_token"])
            assert told["code"] == "broken_match" and reason in told["message"]
            stranger = await Client.open(url)
            refused = await stranger.request("spectate", match=bad["match"])
            assert refused["code"] == "broken_match" and reason not in refused["message"]
            listed = await stranger.ok("list_matches")
            assert [m["match"] for m in listed["matches"]] == [good["match"]]
            await stranger.close()
            await umpire.close()
        storage.close()
    run(scenario())


def test_host_check_lists_the_broken_matches(store_at, capsys):
    good, bad = run(two_matches(store_at))
    flag = "--db" if store_at.startswith("postgresql://") else "--data"
    assert main(["host", "--check", flag, store_at]) == 0
    corrupt(store_at, bad["match"], "{not json")
    assert main(["host", "--check", flag, store_at]) == 1
    out = capsys.readouterr().out
    assert f"{good['match']}: ok, turn 1" in out
    assert f"{bad['match']}: broken: ValueError: event 1 is not valid JSON" in out
    assert "1 ok, 1 broken, 0 unloaded" in out


# SQLite only, by nature: file permissions of the data folder and its database file (on
# PostgreSQL the server guards its files; the URL's password is never printed,
# tests/host/test_server_migrate.py).
def test_the_data_folder_and_database_are_private(tmp_path):
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    storage = SQLiteStorage(data)
    storage.append("m", {"seq": 0, "type": "x"})
    storage.commit()
    for path in data.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, path
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    storage.close()


# --- tokens off the command line ------------------------------------------------------------


def args(**given) -> argparse.Namespace:
    return argparse.Namespace(**{"token": None, "token_file": None, **given})


def test_a_token_comes_from_the_flag_then_the_file_then_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("CASUS_TOKEN", "from-env")
    secret = tmp_path / "token"
    secret.write_text("from-file\n")
    assert token_of(args(token="from-flag", token_file=str(secret))) == "from-flag"
    assert token_of(args(token_file=str(secret))) == "from-file"
    assert token_of(args()) == "from-env"
    assert token_of(args(), environment=False) is None
    with pytest.raises(UserError, match="cannot read the token from"):
        token_of(args(token_file=str(tmp_path / "missing")))
    secret.write_text("\n")
    with pytest.raises(UserError, match="holds no token"):
        token_of(args(token_file=str(secret)))


def test_join_and_bot_take_the_token_options(capsys):
    for command in ("join", "bot"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        out = capsys.readouterr().out
        assert "--token-file FILE" in out and "CASUS_TOKEN" in out


# --- TLS -------------------------------------------------------------------------------------


def test_the_host_serves_wss_and_a_client_trusting_the_certificate_plays(tmp_path,
                                                                        monkeypatch):
    from game.cli.host_cmd import tls_context
    cert, key = self_signed(tmp_path)
    context = tls_context(cert, key)
    # casus join and casus bot use the default context, which honours SSL_CERT_FILE.
    monkeypatch.setenv("SSL_CERT_FILE", cert)

    async def scenario():
        async with running_server(ssl=context) as (_, url):
            secure = url.replace("ws://", "wss://")
            async with connect(secure) as ws:
                await ws.send(protocol.encode({"type": "ping", "rid": 1}))
                assert protocol.decode_raw(await ws.recv())["type"] == "pong"
            with pytest.raises(ssl.SSLError):   # a client that does not trust it is refused
                async with connect(secure, ssl=ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)):
                    pass
    run(scenario())


def test_tls_needs_both_files(tmp_path):
    from game.cli.host_cmd import tls_context
    with pytest.raises(UserError, match="go together"):
        tls_context(str(tmp_path / "cert.pem"), None)
    with pytest.raises(UserError, match="no such file"):
        tls_context(str(tmp_path / "cert.pem"), str(tmp_path / "key.pem"))


# SQLite only, by nature: as above.
def test_the_data_folder_is_private_whatever_the_umask(tmp_path):
    old = os.umask(0)
    try:
        SQLiteStorage(tmp_path / "open").close()
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "open").stat().st_mode) == 0o700


def test_a_wss_address_without_a_port_means_443():
    from game.client.net import check_url
    assert check_url("wss://game.example.org") == "wss://game.example.org:443"
    assert check_url("ws://lan-box") == "ws://lan-box:8765"


def test_an_unloaded_match_whose_log_does_not_replay_is_set_aside_when_asked_for(store_at):
    async def scenario():
        good, bad = await two_matches(store_at)
        storage = open_store(store_at)
        storage.set_unloaded(bad["match"], bad["summary"])
        storage.commit()
        storage.close()
        corrupt(store_at, bad["match"], "{not json")
        storage = open_store(store_at)
        async with running_server(storage) as (server, url):
            assert bad["match"] in server.residency.unloaded   # listed, not yet replayed
            client = await Client.open(url)
            refused = await client.request("spectate", match=bad["match"])
            assert refused["code"] == "broken_match"
            assert bad["match"] not in server.residency.unloaded
            await client.ok("spectate", match=good["match"])
            await client.close()
        storage.close()
    run(scenario())


def test_casus_host_with_a_certificate_listens_on_wss(tmp_path, monkeypatch):
    import sys
    cert, key = self_signed(tmp_path)
    monkeypatch.setenv("SSL_CERT_FILE", cert)
    proc = subprocess.Popen([sys.executable, "-m", "game.cli.main", "host", "--port", "0",
                             *host_flags(tmp_path / "data"), "--tls-cert", cert,
                             "--tls-key", key],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        assert line.startswith("casus host: listening on wss://127.0.0.1:"), line
        url = line.split()[-1]

        async def scenario():
            async with connect(url) as ws:
                await ws.send(protocol.encode({"type": "ping", "rid": 1}))
                assert protocol.decode_raw(await ws.recv())["type"] == "pong"
        run(scenario())
    finally:
        proc.terminate()
        proc.wait(timeout=10)
