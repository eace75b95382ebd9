"""Every handler a class defines is in its dispatch table (the tables name each handler so no
f-string finds it; a handler written but not listed would silently never run, as happened to
two pushes when branches met)."""

from __future__ import annotations

import pytest

from game.client.model import _FOLD as MODEL_FOLD, MatchModel
from game.client.workshop.feed import _FOLD as FEED_FOLD, WorkshopFeed
from game.match.log_events import LogEvent
from game.match.match import FOLD, Match


def _handlers(cls: type) -> set[str]:
    return {name for klass in cls.__mro__ for name in vars(klass)
            if name.startswith("_on_")}


@pytest.mark.parametrize("cls, table", [
    (MatchModel, MODEL_FOLD),
    (Match, FOLD),
    (WorkshopFeed, FEED_FOLD),
])
def test_every_handler_is_in_its_table(cls, table):
    listed = {f.__name__ for f in table.values()}
    assert _handlers(cls) == listed


def test_the_match_folds_every_log_event():
    assert set(FOLD) == set(LogEvent)

