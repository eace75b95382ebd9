"""The log's vocabulary: every event type has its fold, and every fold method is reachable."""

from __future__ import annotations

from game.match.log_events import LogEvent
from game.match.match import FOLD, Match


def test_every_log_event_has_one_fold_and_no_fold_is_unlisted():
    methods = {name.removeprefix("_on_") for name in dir(Match) if name.startswith("_on_")}
    assert set(FOLD) == set(LogEvent) == methods


def test_each_event_folds_with_its_own_method():
    for event, fold in FOLD.items():
        assert fold is getattr(Match, f"_on_{event}")
