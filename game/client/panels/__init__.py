"""The client's diplomacy and information panels (the sidebar tabs) and the help overlay."""

from __future__ import annotations

from game.client.panels.base import Panel, PanelContext
from game.client.panels.pacts import PactsPanel

SIDEBAR_PANELS: list[type[Panel]] = [PactsPanel]


class HelpOverlay:
    """Placeholder until the real overlay lands: the game screen toggles it with F1."""

    def __init__(self, manager, rect, ctx=None) -> None:
        self.visible = False

    def show(self) -> None:
        self.visible = True

    def toggle(self) -> None:
        self.visible = not self.visible

    def process_event(self, event) -> bool:
        return False

    def set_rect(self, rect) -> None:
        pass

    def update(self, dt: float) -> None:
        pass

    def kill(self) -> None:
        pass


__all__ = ["SIDEBAR_PANELS", "HelpOverlay", "Panel", "PanelContext"]
