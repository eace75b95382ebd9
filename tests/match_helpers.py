"""A three-power board shared by the match and server tests, and small helpers.

    R(RED) — B(BLU) — G(GRN), and R — G too; X is a fogged corner next to G only.
"""

from __future__ import annotations

from typing import Any

from builders import board

from game.engine import Scenario


def triangle(rules: dict[str, Any] | None = None, **scenario: Any) -> Scenario:
    """No one wins early: owning half the map is not enough here."""
    return board(
        "R B G X", ["R-B", "B-G", "G-R", "G-X"],
        {"RED": {"territories": "R", "forces": {"R": 10}, "treasury": 5},
         "BLU": {"territories": "B", "forces": {"B": 3}, "treasury": 5},
         "GRN": {"territories": "G X", "forces": {"G": 4, "X": 2}, "treasury": 5}},
        rules={"victory_share": 0.9, **(rules or {})}, **scenario)


DEFENSIVE_BLU_GRN: dict[str, Any] = {"kind": "defensive", "members": ["BLU", "GRN"],
                                     "name": "Shield"}


def kinds(report: dict[str, Any]) -> list[str]:
    return [e["type"] for e in report["events"]]
