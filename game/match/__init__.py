"""One match's life, with no network, no asyncio and no clock (ARCHITECTURE.md).

    match, umpire_token = Match.create(scenario, match_id="m1", now=0.0)
    token = match.join("RED", now=1.0).reply["token"]
    match.submit_orders("RED", [{"op": "build", "territory": "ALB", "n": 1}], now=2.0)
    match.set_ready("RED", True, now=3.0)          # adjudicates once every seat is ready
    same = Match.replay(match.log)                 # the log is the match
"""

from .errors import MATCH_ERROR_CODES, MatchError
from .match import OVER, PLANNING, Match, MatchSettings, Outcome, Push
from .planning import PUBLIC, ChatMessage, Proposal
from .seats import BOT, EMPTY, HUMAN, SPECTATOR, UMPIRE, Seat

__all__ = [
    "MATCH_ERROR_CODES", "MatchError", "OVER", "PLANNING", "Match", "MatchSettings", "Outcome",
    "Push", "PUBLIC", "ChatMessage", "Proposal", "BOT", "EMPTY", "HUMAN", "SPECTATOR", "UMPIRE",
    "Seat",
]
