"""A seat's own standing in ruleset 2 (RULES.md §11), worked out from what it sees by the
engine's own arithmetic: the treasury's outlook net of upkeep and the score against par.

Nothing here copies a formula: the upkeep is ``game.engine.economy.upkeep_cost`` and the
score ``game.engine.endturn.score_against_par``; this module only gathers their inputs from
the seat's view, the map's values and the snapshot's par and objectives.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from game.engine.economy import upkeep_cost
from game.engine.endturn import score_against_par
from game.engine.params import Rules

from .model import MatchModel


@dataclass(frozen=True)
class Outlook:
    """A turn's income and upkeep if nothing changes hands: ``net`` = income − upkeep."""

    income: int
    upkeep: int

    @property
    def net(self) -> int:
        return self.income - self.upkeep


def owned_value(view: Mapping[str, Any], values: Mapping[str, int], power: str) -> int:
    """The value of the territories the power owns in the view (owners are never fogged)."""
    return sum(int(values.get(tid, 0)) for tid, terr in (view.get("territories") or {}).items()
               if terr.get("owner") == power)


def units(view: Mapping[str, Any], power: str) -> int | None:
    """The power's units: the public total in ruleset 2 (``view["strength"]``), else None."""
    strength = view.get("strength")
    if isinstance(strength, Mapping) and power in strength:
        return int(strength[power])
    return None


def outlook(view: Mapping[str, Any], values: Mapping[str, int], power: str,
            rules: Rules) -> Outlook | None:
    """Ruleset 2: the power's income (its owned value) and upkeep (RULES.md §11.5, the
    engine's rounding) a turn at today's lands and units; None in ruleset 1, for an
    eliminated power, or when its units are not known."""
    pdoc = (view.get("powers") or {}).get(power) or {}
    n = units(view, power)
    if rules.ruleset != 2 or n is None or pdoc.get("eliminated"):
        return None
    return Outlook(owned_value(view, values, power), upkeep_cost(n, rules.upkeep))


def outlook_words(o: Outlook) -> str:
    """"+7 income − 3 upkeep = +4 IP a turn"."""
    return f"+{o.income} income \u2212 {o.upkeep} upkeep = {o.net:+d} IP a turn"


def score_now(model: MatchModel, values: Mapping[str, int], power: str | None = None,
              rules: Rules | None = None) -> float | int | None:
    """Ruleset 2: the power's score against par were the game to end now, by the engine's
    scoring; None in ruleset 1 or when the par or credibility is not known to this seat."""
    power = power or model.seat
    if rules is not None and rules.ruleset != 2:
        return None
    entry = next((p for p in model.powers if p.get("id") == power), None)
    pdoc = (model.view.get("powers") or {}).get(power) or {}
    if entry is None or "par" not in entry or pdoc.get("credibility") is None:
        return None
    owned = {tid for tid, terr in (model.view.get("territories") or {}).items()
             if terr.get("owner") == power}
    objectives = sum(int(points) for tid, points in (entry.get("objectives") or {}).items()
                     if tid in owned)
    return score_against_par(owned_value(model.view, values, power), int(entry["par"]),
                             int(pdoc["credibility"]), objectives)
