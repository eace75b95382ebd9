"""docs/PROTOCOL.md documents every message type and every error code the code knows."""

from __future__ import annotations

from pathlib import Path

from game import protocol

DOC = (Path(__file__).parents[2] / "docs" / "PROTOCOL.md").read_text(encoding="utf-8")


def test_every_client_message_type_is_documented():
    missing = [t for t in protocol.CLIENT_SCHEMAS if f"`{t}`" not in DOC]
    assert missing == []


def test_every_error_code_is_documented():
    missing = [c for c in protocol.ERROR_CODES if f"| `{c}` |" not in DOC]
    assert missing == []


def test_every_push_type_is_documented():
    pushes = ["seat", "chat", "proposal", "orders", "ready", "deadline", "turn_result",
              "match_over"]
    assert [p for p in pushes if f"| `{p}` |" not in DOC] == []


def test_the_documented_limits_are_the_codes():
    assert f"{protocol.MAX_FRAME_BYTES:,} bytes" in DOC
    assert f"bursts of {protocol.RATE_BURST}, then {protocol.RATE_PER_SECOND} messages" in DOC
    assert f"{protocol.MAX_LIST_LENGTH:,} items" in DOC


def test_the_documented_host_limits_are_the_codes():
    from game.match.clock import MAX_SECONDS
    from server import limits
    rows = {line.split("|")[1].strip(): line for line in DOC.splitlines()
            if line.startswith("| ") and line.count("|") >= 4}

    def row(start: str) -> str:
        found = [line for name, line in rows.items() if name.startswith(start)]
        assert len(found) == 1, start
        return found[0]
    assert f"| {limits.MAX_CONNECTIONS:,} (" in row("open connections to the host")
    assert f"| {limits.MAX_CONNECTIONS_PER_ADDRESS} (" in row("open connections from one")
    assert f"within {limits.HELLO_SECONDS:g} seconds" in row("first message")
    assert f"| {limits.MAX_CONNECTIONS_PER_TOKEN} |" in row("connections following a match")
    assert f"{limits.MAX_UNSENT_BYTES // 2**20} MiB" in row("unsent bytes to one")
    assert f"{limits.MAX_HOST_UNSENT_BYTES // 2**20} MiB" in row("unsent bytes to all")
    assert (f"bursts of {limits.LIST_BURST}, then {limits.LIST_RATE:g} a second"
            in row("`list_matches` per"))
    assert f"| {limits.LIST_PAGE} |" in row("matches in one")
    assert (f"bursts of {limits.CHAT_BURST}, then {limits.CHAT_RATE:g} a second"
            in row("chat per seat"))
    assert f"the newest {limits.CHAT_SNAPSHOT} |" in row("chat messages in a snapshot")
    assert f"{limits.CREATIONS_PER_HOUR} an hour" in row("new matches per")
    assert f"{limits.MAX_MATCHES:,} |" in row("matches per host")
    assert f"{MAX_SECONDS:,.0f} seconds" in row("a deadline per turn")
    assert f"0 to {protocol.MAX_INT:,}" in row("whole numbers")
