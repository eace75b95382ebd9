"""Workshop mode in the client: the umpire's console and the players' notes.

- ``ConsoleScreen``: the umpire's own screen (map, clock bar, console tabs);
- ``workshop_panels(model)``: the extra sidebar tabs a seat gets on the game screen, the
  one hook the game screen needs (docs/CONSOLE.md);
- ``WorkshopHost``: hot-seat workshop mode, a ``LocalHost`` that runs the umpire's
  commands;
- ``WorkshopFeed`` and ``feed_of``: the workshop side of a seat's match.
"""

from __future__ import annotations

from typing import Any

from game.client.connection import LocalConnection
from game.client.panels.base import Panel

from .feed import WorkshopFeed, feed_of
from .host import WorkshopHost
from .panels import ANALYST_PANELS, CONSOLE_PANELS, PLAYER_PANELS

UMPIRE = "umpire"
ANALYST = "analyst"


def workshop_panels(model: Any, conn: Any = None) -> list[type[Panel]]:
    """The workshop tabs for ``model``'s seat on the game screen: the console's for the
    umpire, the dashboard for analysts, the notes tab for a power's team (lead or member),
    and none for spectators and observers. With ``conn``, a hot-seat game that is not a
    workshop (a plain ``LocalHost``, which refuses the workshop's commands) gets none."""
    if isinstance(conn, LocalConnection) and not isinstance(conn.host, WorkshopHost):
        return []
    if model.seat == UMPIRE:
        return list(CONSOLE_PANELS)
    if model.seat == ANALYST:
        return list(ANALYST_PANELS)
    if model.seat.split(".", 1)[0] in model.seats:
        return list(PLAYER_PANELS)
    return []


def __getattr__(name: str) -> Any:
    # The console screen pulls in the app and the map renderer; load it only when asked.
    if name == "ConsoleScreen":
        from .console import ConsoleScreen
        return ConsoleScreen
    raise AttributeError(name)


__all__ = ["ConsoleScreen", "WorkshopFeed", "WorkshopHost", "feed_of", "workshop_panels",
           "CONSOLE_PANELS", "PLAYER_PANELS", "ANALYST_PANELS"]
