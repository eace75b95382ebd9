"""The workshop's panel lists: the umpire's console tabs and the players' notes tab."""

from __future__ import annotations

from game.client.panels.base import Panel

from .clock import ClockPanel
from .dashboard import DashboardPanel
from .history import HistoryPanel
from .injects import InjectsPanel
from .notes import NotesPanel
from .review import ReviewPanel
from .roles import RolesPanel
from .world import WorldPanel

# In the order an umpire works through a turn: the clock, the result waiting for release,
# the world and its shocks, the way back, the room at a glance, and the set-up.
CONSOLE_PANELS: list[type[Panel]] = [ClockPanel, ReviewPanel, WorldPanel, InjectsPanel,
                                     HistoryPanel, DashboardPanel, RolesPanel]
# Analysts read the dashboard; they may not act.
ANALYST_PANELS: list[type[Panel]] = [DashboardPanel]
PLAYER_PANELS: list[type[Panel]] = [NotesPanel]
