"""``casus play [SCENARIO]``: the game window (what ``make play`` runs).

For now the window shows the scenario's map as the client draws it (pan, zoom, tooltips,
alliance links and their toggles); the hot-seat screens (planning, hand-off, orders,
diplomacy) are the client issue's work and will open from here.
"""

from __future__ import annotations

import argparse

from game.cli.common import load_scenario_arg
from game.cli.main import UserError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("play", help="open the game window (hot-seat)",
                                   description="Open the game window on a scenario.")
    parser.add_argument("scenario", nargs="?", default="tutorial",
                        help="scenario file or shipped name (default: tutorial)")
    parser.add_argument("--frames", type=int, help=argparse.SUPPRESS)  # smoke tests
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    scenario = load_scenario_arg(args.scenario)
    try:
        import pygame

        from game.client.render.demo import MapScreen
        from game.client.render.renderer import MapRenderer
    except ImportError as err:
        raise UserError(f"the game window needs pygame-ce ({err}); run 'make play'") from None
    from game.engine import initial_state
    from game.engine.view import UMPIRE, view

    pygame.init()
    try:
        pygame.display.set_mode((1280, 720), pygame.RESIZABLE)
    except pygame.error as err:
        raise UserError(f"cannot open a window ({err}); is a display available?") from None
    pygame.display.set_caption(f"Casus Foederis — {scenario.name} (map preview; hot-seat "
                               "play is coming)")
    renderer = MapRenderer(scenario.map_doc, scenario.powers)
    renderer.set_view(view(initial_state(scenario), UMPIRE))
    map_screen = MapScreen(renderer)
    clock = pygame.time.Clock()
    frames = 0
    running = True
    while running and (args.frames is None or frames < args.frames):
        dt = clock.tick(60) / 1000
        for event in pygame.event.get():
            running = map_screen.handle(event) and running
        map_screen.frame(pygame.display.get_surface(), dt)
        pygame.display.flip()
        frames += 1
    pygame.quit()
    return 0
