"""The log's vocabulary: every event type has its fold, and every fold method is reachable."""

from __future__ import annotations

import inspect

from game.match.briefs import Briefings
from game.match.log_events import LogEvent
from game.match.match import FOLD, Match
from game.match.sharing import OrderSharing
from game.match.teamwork import Teamwork
from game.match.umpire import Umpiring

# The match and the parts it is composed of: each folds the events of its own job.
FOLDERS = (Match, Teamwork, Umpiring, OrderSharing, Briefings)


def _folds() -> dict[str, object]:
    return {name.removeprefix("_on_"): vars(cls)[name] for cls in FOLDERS
            for name in vars(cls) if name.startswith("_on_")}


def test_every_log_event_has_one_fold_and_no_fold_is_unlisted():
    names = [name for cls in FOLDERS for name in vars(cls) if name.startswith("_on_")]
    assert len(names) == len(set(names)), "two parts fold the same event"
    assert set(FOLD) == set(LogEvent) == set(_folds())


def test_each_event_folds_with_its_own_method():
    methods = _folds()
    for event, fold in FOLD.items():
        assert inspect.unwrap(fold) is methods[event]
