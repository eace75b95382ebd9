"""The client's diplomacy and information panels (the sidebar tabs) and the help overlay.

The game screen builds one instance of each class in ``SIDEBAR_PANELS`` (tab order) with a
``PanelContext``, shows the current tab, and toggles ``HelpOverlay`` with F1. See
game/client/panels/base.py for the interface and docs/PANELS.md for the details.
"""

from __future__ import annotations

from game.client.panels.base import Panel, PanelContext
from game.client.panels.chat import ChatPanel
from game.client.panels.inbox import InboxPanel
from game.client.panels.pacts import PactsPanel
from game.client.panels.powers import PowersPanel
from game.client.panels.report import ReportPanel

# In the order a player works through a turn: what happened, what is asked of them, their
# pacts, the other powers, and talk.
SIDEBAR_PANELS: list[type[Panel]] = [ReportPanel, InboxPanel, PactsPanel, PowersPanel,
                                     ChatPanel]

from game.client.panels.help import HelpOverlay  # noqa: E402  (it lists SIDEBAR_PANELS' keys)

__all__ = ["SIDEBAR_PANELS", "HelpOverlay", "Panel", "PanelContext", "ChatPanel",
           "InboxPanel", "PactsPanel", "PowersPanel", "ReportPanel"]
