"""Shared pieces of the workshop tests (no tests here): a fogged triangle match with every
seat taken, a secret pact between BLU and GRN, and checks on what leaves for a seat."""

from __future__ import annotations

import json
from typing import Any, Iterable

import pytest

from game.match import Match, MatchError, MatchSettings, Push
from match_helpers import triangle

SECRET_BLU_GRN = {"kind": "defensive", "members": ["BLU", "GRN"], "secret": True,
                  "name": "Hidden"}


def workshop(*, pacts: list[dict[str, Any]] | None = None, injects: list | None = None,
             **settings: Any) -> Match:
    """A fogged match on the triangle with RED, BLU and GRN joined (at time 0)."""
    extra: dict[str, Any] = {}
    if pacts is not None:
        extra["pacts"] = pacts
    if injects is not None:
        extra["injects"] = injects
    settings = {"seed": 3, "fog": True, **settings}
    match, _ = Match.create(triangle(**extra), match_id="w1", now=0.0,
                            settings=MatchSettings(**settings))
    for power in match.powers:
        match.join(power, 0.0, name=power.lower())
    return match


def refused(code: str, command, *args: Any, **kwargs: Any) -> str:
    """Run a command that must be refused with ``code``; returns the message."""
    with pytest.raises(MatchError) as err:
        command(*args, **kwargs)
    assert err.value.code == code, err.value.message
    return err.value.message


def frames_for(pushes: Iterable[Push], seat: str) -> list[dict[str, Any]]:
    """Every message of ``pushes`` that a connection of ``seat`` would receive."""
    return [p.message for p in pushes if seat in p.seats]


def text_of(messages: Any) -> str:
    return json.dumps(messages, sort_keys=True, default=str)


def everyone_ready(match: Match, now: float) -> list[Push]:
    pushes: list[Push] = []
    for power in match.awaited():
        pushes += match.set_ready(power, True, now).pushes
    return pushes
