"""Bot seats played by the host: after a match is created, after every command and after
every turn result, ``game.bots.driver.play_bot_seats(match, now)`` makes each BOT seat act in
the current planning phase, and the host fans out what the bots did.

The driver is idempotent (a bot that has acted this phase does nothing more), so calling it
after every command is safe; calling it often is what lets a bot answer a proposal in the
same phase. A host given no driver (``Server(bots=None)``, as some tests do) leaves bot
seats unplayed.
"""

from __future__ import annotations

import logging
from typing import Callable

from game.bots.driver import play_bot_seats
from game.bots.personality import PERSONALITIES
from game.match import BOT, OVER, Match, Outcome

log = logging.getLogger("casus.server")

Driver = Callable[[Match, float], list[Outcome]]

# Rounds of the driver per call: the bots act, which may end the turn; then they plan the
# next turn. A match of bots only would otherwise play every turn to the end in one call and
# hold the event loop; its further turns are played on later calls (the host's tick).
MAX_ROUNDS = 2


def load_driver() -> Driver:
    """The bots' driver, ``game.bots.driver.play_bot_seats``."""
    return play_bot_seats


def known_personalities() -> tuple[str, ...]:
    """The bot personalities there are."""
    return tuple(PERSONALITIES)


def has_bots(match: Match) -> bool:
    return any(seat.kind == BOT for seat in match.seats.values())


class BotSeats:
    """Plays the bot seats of matches through a driver (None: bot seats are not played)."""

    def __init__(self, driver: Driver | None) -> None:
        self.driver = driver

    def play(self, match: Match, now: float) -> tuple[list[Outcome], bool]:
        """What the bots of ``match`` did, and whether they may have more to do (they ended a
        turn in the last round allowed): the caller should call again soon."""
        if self.driver is None or not has_bots(match):
            return [], False
        outcomes: list[Outcome] = []
        for _ in range(MAX_ROUNDS):
            turn = match.turn
            try:
                done = self.driver(match, now)
            except Exception:
                # A failing bot must not take the host down, nor stop the humans' turn.
                # What it recorded before failing stays in the log (every event is a
                # checked command); followers see it in their next snapshot.
                log.exception("the bots of match %s failed", match.match_id)
                return outcomes, False
            outcomes.extend(done)
            if match.turn == turn or match.phase == OVER:
                return outcomes, False
        return outcomes, True
