"""Why a command to a match was refused: a stable code for programs and a sentence for people.

The match owns its codes; the wire protocol (game.protocol, docs/PROTOCOL.md) carries them
unchanged among its own, so they never change meaning.
"""

from __future__ import annotations

# Every code a Match raises, each with what it means.
MATCH_ERROR_CODES: dict[str, str] = {
    "bad_seat": "there is no such seat in this match, or it cannot be played",
    "seat_taken": "someone already holds that seat",
    "bad_password": "the match password is wrong",
    "bad_token": "the token does not open any seat of this match",
    "not_allowed": "this seat may not do that",
    "bad_channel": "the chat channel is not one this seat belongs to",
    "bad_terms": "the pact proposal's terms are unsound",
    "no_proposal": "there is no open proposal with that id",
    "not_planning": "the match is not in the phase that allows this (over, or under review)",
    "bad_orders": "the orders are not a list, or an order to amend or sign off is missing",
    "bad_turn": "there is no such turn of this match to roll back to or fork from",
    "bad_edit": "the edit of the world does not fit it (the message says why)",
    "bad_inject": "the inject is unsound (the message lists every problem)",
}

__all__ = ["MATCH_ERROR_CODES", "MatchError", "ReplayError"]


class MatchError(Exception):
    """A command the match refuses. Nothing has been recorded when this is raised."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class ReplayError(ValueError):
    """A log event that does not apply (a damaged or hand-edited log): the message names
    the event by its place in the log and its type, and says what failed."""
