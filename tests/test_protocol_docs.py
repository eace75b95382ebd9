"""docs/PROTOCOL.md documents every message type and every error code the code knows."""

from __future__ import annotations

from pathlib import Path

from game import protocol

DOC = (Path(__file__).parent.parent / "docs" / "PROTOCOL.md").read_text(encoding="utf-8")


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
