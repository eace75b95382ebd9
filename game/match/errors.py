"""Why a command to a match was refused: a stable code for programs and a sentence for people.

The codes are part of the wire protocol (docs/PROTOCOL.md), so they never change meaning.
"""

from __future__ import annotations


class MatchError(Exception):
    """A command the match refuses. Nothing has been recorded when this is raised."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


# The codes a Match raises, each with what it means.
MATCH_ERROR_CODES: dict[str, str] = {
    "bad_seat": "there is no such seat in this match, or it cannot be played",
    "seat_taken": "someone already holds that seat",
    "bad_password": "the match password is wrong",
    "bad_token": "the token does not open any seat of this match",
    "not_allowed": "this seat may not do that",
    "bad_channel": "the chat channel is not one this seat belongs to",
    "bad_terms": "the pact proposal's terms are unsound",
    "no_proposal": "there is no open proposal with that id",
    "not_planning": "the match is not in its planning phase (it is over)",
    "bad_orders": "the orders are not a list",
}
