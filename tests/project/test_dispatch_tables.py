"""Every handler a class defines is in its dispatch table (the tables name each handler so no
f-string finds it; a handler written but not listed would silently never run, as happened to
two pushes when branches met)."""

from __future__ import annotations

import pytest

from game.client.model import _FOLD as MODEL_FOLD, MatchModel
from game.client.workshop.feed import _FOLD as FEED_FOLD, WorkshopFeed
from game.match.log_events import LogEvent
from game.match.briefs import Briefings
from game.match.match import FOLD, Match
from game.match.sharing import OrderSharing
from game.match.teamwork import Teamwork
from game.match.umpire import Umpiring


def _handlers(*classes: type) -> set[str]:
    return {name for cls in classes for klass in cls.__mro__ for name in vars(klass)
            if name.startswith("_on_")}


@pytest.mark.parametrize("classes, table", [
    ((MatchModel,), MODEL_FOLD),
    # The match folds some events itself and hands the others to its parts.
    ((Match, Teamwork, Umpiring, OrderSharing, Briefings), FOLD),
    ((WorkshopFeed,), FEED_FOLD),
])
def test_every_handler_is_in_its_table(classes, table):
    listed = {f.__name__ for f in table.values()}
    assert _handlers(*classes) == listed


def test_the_match_folds_every_log_event():
    assert set(FOLD) == set(LogEvent)

