"""The map renderer of the pygame client: draws a map, a seat's view, alliance links and the
animated war outcomes of a turn into any ``pygame.Surface``, from plain data only.

    from game.client.render import MapRenderer, TurnReplay, LinkToggles
"""

from .camera import Camera
from .geometry import MapGeometry, TerritoryShape
from .links import Link, LinkToggles, compute_links, draw_legend
from .renderer import MapRenderer, PowerStyle, RenderOptions
from .replay import ReplayStep, TurnReplay, build_steps

__all__ = [
    "Camera", "MapGeometry", "TerritoryShape", "Link", "LinkToggles", "compute_links",
    "draw_legend", "MapRenderer", "PowerStyle", "RenderOptions", "ReplayStep", "TurnReplay",
    "build_steps",
]
