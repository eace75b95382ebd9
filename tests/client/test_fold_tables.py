"""The client's folds of messages list their handlers in explicit tables: none is left out."""

from __future__ import annotations

import pytest

from game.client.model import _FOLD as MODEL_FOLD, MatchModel
from game.client.workshop.feed import _FOLD as FEED_FOLD, WorkshopFeed


@pytest.mark.parametrize("cls, table", [(MatchModel, MODEL_FOLD), (WorkshopFeed, FEED_FOLD)])
def test_every_on_method_is_in_the_table_under_its_own_type(cls, table):
    methods = {name.removeprefix("_on_") for name in dir(cls) if name.startswith("_on_")}
    assert set(table) == methods
    assert all(handler is getattr(cls, f"_on_{kind}") for kind, handler in table.items())
