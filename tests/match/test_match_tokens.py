"""Seat tokens are pasted on command lines, so none may start with a dash."""

from __future__ import annotations

from unittest import mock

from game.match import seats


def test_a_token_never_starts_with_a_dash():
    drawn = iter(["-Nf3x2cV0oRkq9Z1bG7wJ", "-AAAA", "Nf3x2cV0oRkq9Z1bG7wJbA"])
    with mock.patch.object(seats.secrets, "token_urlsafe", lambda n: next(drawn)):
        assert seats.new_token() == "Nf3x2cV0oRkq9Z1bG7wJbA"


def test_tokens_are_long_and_fresh():
    tokens = {seats.new_token() for _ in range(2000)}
    assert len(tokens) == 2000
    assert all(len(t) == 22 and not t.startswith("-") for t in tokens)
