"""Why a command to a match was refused: a stable code for programs and a sentence for people.

The codes are part of the wire protocol (docs/PROTOCOL.md), so they never change meaning.
"""

from __future__ import annotations

# The codes a Match raises belong to the wire protocol, which owns every error code.
from game.protocol import MATCH_ERROR_CODES

__all__ = ["MATCH_ERROR_CODES", "MatchError"]


class MatchError(Exception):
    """A command the match refuses. Nothing has been recorded when this is raised."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

