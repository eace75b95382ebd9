"""The map renderer: draws a map, a seat's view, alliance links and the animated war outcomes
of a turn into any ``pygame.Surface``, from plain data only. It sits below the client, the
debrief and the handouts, which all draw their maps with it; the engine and the match never
import it (no pygame below this floor).

Driving it from a game screen (``demo.py`` is a complete, tested example)::

    from game.render import MapRenderer, TurnReplay, LinkToggles
    from game.words.narrate import Names

    renderer = MapRenderer(scenario.map_doc, scenario.powers)    # once per match
    renderer.set_view(view_doc)                                   # each view (RULES.md §7)

    # input
    renderer.camera.zoom_at(mouse, 1.15 ** wheel_y)               # zoom at the pointer
    renderer.camera.pan(dx, dy)                                   # drag
    renderer.selected = renderer.territory_at(click)              # click (None: sea)
    renderer.toggles = renderer.toggles.toggled("non_aggression") # a legend check box
    renderer.set_options(names=False)                             # view menu
    renderer.fit(); renderer.centre_on("BER")

    # each frame (the surface's size drives the camera; resizing just works)
    renderer.hover_at(mouse)
    renderer.draw(surface, t=seconds)
    renderer.draw_tooltip(surface, mouse)

    # after a turn: the war outcomes, then the new view stays on screen
    names = Names.from_scenario(scenario, view_before, view_after)
    replay = TurnReplay(report, view_before, view_after, names)
    renderer.draw(surface, t=seconds, replay=replay, replay_t=seconds_since_start)
    replay.caption(t); replay.finished(t); replay.seek_event(i)   # report panel hooks

Modules: ``camera`` (world ↔ screen), ``geometry``/``shapes`` (polygons, anchors, picking),
``static_layer`` (the cached map), ``badges``, ``layout`` (labels by zoom), ``links`` (pacts
and wars, legend, toggles), ``replay``/``replay_draw`` (war outcomes), ``tooltip``,
``draw``/``fonts`` (primitives), ``sample`` (a made-up map for tests and the bench).
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
