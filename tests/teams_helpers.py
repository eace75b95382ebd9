"""Team play on a WorkshopHost in this process: a host, a member taking a seat, and the game
screen of a connection (shared by the client's and the workshop's team tests)."""

from __future__ import annotations

from game.client.app import App
from game.client.model import MatchModel
from game.client.screens.game import GameScreen
from game.client.workshop import WorkshopHost
from game.maps import load_scenario, resolve_scenario
from game.match import MatchSettings
from client_helpers import run

TUTORIAL = load_scenario(resolve_scenario("tutorial"))


def ticks():
    n = iter(range(1, 1_000_000))
    return lambda: 1_700_000_000.0 + next(n)


def make_host(stage: str = "orders") -> WorkshopHost:
    return WorkshopHost.new(TUTORIAL, MatchSettings(seed=7, fog=False, opening_stage=stage,
                                                    seats={"BLU": "empty", "YEL": "empty"}),
                            clock=ticks(), match_id="teams")


def take(host: WorkshopHost, power: str, name: str, role: str):
    """``join_team`` as the server runs it, then a connection as the seat it gave."""
    outcome = host.match.join_team(power, host.clock(), name=name, role=role)
    host.fan_out(outcome)
    return host.connect(outcome.reply["seat"])


def screen_of(conn, size=(1280, 720)) -> tuple[App, GameScreen]:
    waiting = conn.poll()
    joined = next(m for m in waiting if m["type"] == "joined")
    model = MatchModel.from_snapshot(joined["snapshot"])
    for message in waiting[waiting.index(joined) + 1:]:    # as the opener folds them in
        model.apply(message)
    app = App(size)
    screen = GameScreen(app, conn, model,
                        map_doc=TUTORIAL.map_doc, rules=TUTORIAL.rules, player="")
    app.push(screen)
    run(app, 2)
    return app, screen
