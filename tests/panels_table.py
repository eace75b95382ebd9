"""The panels at a hot-seat table, headless: the tests' driver, and screenshots.

    PYTHONPATH=. .venv/bin/python tests/panels_table.py [OUT_DIR] [--size 1280x720] [--bench]

renders every sidebar panel and the help overlay of a europe-1939 match (as France, after a
turn with a proposal, a chat and a war) to PNG files; with --bench it prints instead how
long each panel takes to rebuild from the model and to draw one frame. ``Table`` seats powers of a
``LocalHost`` match, each with its own MatchModel, UIManager and panels, and drives them with
posted pygame events exactly as a player's mouse and keyboard would; the game screen does the
same in the real client.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import pygame
import pygame_gui

from game.client.connection import LocalConnection, LocalHost
from game.client.model import MatchModel
from game.words.narrate import Names
from game.client.panels.base import Panel, PanelContext
from game.engine.world import Scenario
from game.match import MatchSettings

from game.data import THEME_PATH as THEME
BACKDROP = (150, 176, 186)      # the sea colour, where the map would be


@dataclass
class Seat:
    """One player at the table: their connection, model, widgets and what the panels asked."""

    power: str
    conn: LocalConnection
    model: MatchModel
    manager: pygame_gui.UIManager
    ctx: PanelContext
    panels: list[Any] = field(default_factory=list)
    orders: list[dict[str, Any]] = field(default_factory=list)
    shown: list[dict[str, Any]] = field(default_factory=list)
    replays: list[int] = field(default_factory=list)
    toasts: list[str] = field(default_factory=list)
    replies: list[dict[str, Any]] = field(default_factory=list)


class Table:
    """A hot-seat match in this process with panels for some of its seats."""

    def __init__(self, scenario: Scenario, players: Iterable[str], *, fog: bool = False,
                 size: tuple[int, int] = (1280, 720), sidebar: int = 400,
                 seed: int = 1) -> None:
        pygame.init()
        self.size = size
        self.sidebar = sidebar
        self.screen = pygame.display.set_mode(size)
        ticks = iter(range(1_000_000))
        players = list(players)
        # Seats nobody plays here are empty (their units hold), so a turn needs no one else.
        empty = {p.id: "empty" for p in scenario.powers if p.id not in players}
        self.host = LocalHost.new(scenario, MatchSettings(seed=seed, fog=fog, seats=empty),
                                  clock=lambda: 1_700_000_000.0 + next(ticks),
                                  match_id="table")
        self.scenario = scenario
        self.seats: dict[str, Seat] = {}
        for power in players:
            self.seats[power] = self._seat(power, self.host.join(power, f"{power} player"))

    def _seat(self, power: str, conn: LocalConnection) -> Seat:
        joined = next(m for m in conn.poll() if m["type"] == "joined")
        model = MatchModel.from_snapshot(joined["snapshot"])
        manager = pygame_gui.UIManager(self.size, str(THEME))
        seat: Seat
        names = Names.from_scenario(self.scenario, model.view)

        def add_order(order: dict[str, Any]) -> None:
            seat.orders.append(order)

        ctx = PanelContext(conn=conn, model=model, names=names, add_order=add_order,
                           show_on_map=lambda e: seat.shown.append(e),
                           replay_turn=lambda t: seat.replays.append(t),
                           toast=lambda text: seat.toasts.append(text))
        seat = Seat(power, conn, model, manager, ctx)
        return seat

    # --- panels ---------------------------------------------------------------------------

    def sidebar_rect(self) -> pygame.Rect:
        w, h = self.size
        return pygame.Rect(w - self.sidebar, 0, self.sidebar, h)

    def open(self, power: str, panel_class: type[Panel]) -> Any:
        """Build a panel for ``power`` in the sidebar (other panels of the seat are hidden)."""
        seat = self.seats[power]
        for other in seat.panels:
            other.set_visible(False)
        panel = panel_class(seat.manager, self.sidebar_rect(), seat.ctx)
        seat.panels.append(panel)
        self.settle(power)
        return panel

    # --- time passing ---------------------------------------------------------------------

    def pump(self) -> None:
        """Deliver every waiting message to every seat's model and panels."""
        for seat in self.seats.values():
            for message in seat.conn.poll():
                if message.get("rid") is not None:
                    seat.replies.append(message)
                if message.get("type") == "joined":
                    continue
                changed = seat.model.apply(message)
                if message.get("type") == "turn_result":
                    seat.ctx.names = Names.from_scenario(self.scenario, seat.model.view)
                for panel in seat.panels:
                    if hasattr(panel, "receive"):
                        panel.receive(message)
                    if changed:
                        panel.refresh(changed)

    def settle(self, power: str, rounds: int = 6) -> None:
        """Run the seat's event loop until the queue is empty (bounded)."""
        seat = self.seats[power]
        for _ in range(rounds):
            events = pygame.event.get()
            for event in events:
                seat.manager.process_events(event)
                for panel in list(seat.panels):
                    if panel.process_event(event):
                        break
            seat.manager.update(1 / 60)
            for panel in seat.panels:
                panel.update(1 / 60)
            self.pump()
            if not events:
                break

    # --- a player's hands -----------------------------------------------------------------

    def click(self, power: str, element: Any) -> None:
        """Click the middle of a widget, scrolling it into view first."""
        self.reveal(power, element)
        pos = element.rect.center
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0),
                                             buttons=(0, 0, 0)))
        self.settle(power, 2)
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
        self.settle(power)

    def type(self, power: str, element: Any, text: str) -> None:
        """Click an entry line and type ``text`` into it, key by key."""
        self.click(power, element)
        for ch in text:
            pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=ch))
        self.settle(power)

    def key(self, power: str, key: int) -> None:
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="",
                                             scancode=0))
        pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=0, unicode="",
                                             scancode=0))
        self.settle(power)

    def reveal(self, power: str, element: Any) -> None:
        """Scroll the panel holding ``element`` so that it is on screen."""
        for panel in self.seats[power].panels:
            content = getattr(panel, "content", None)
            if content is not None and panel.visible and element in content.elements:
                panel.scroll_into_view(element)

    # --- pictures -------------------------------------------------------------------------

    def draw(self, power: str) -> pygame.Surface:
        seat = self.seats[power]
        self.screen.fill(BACKDROP)
        seat.manager.update(1 / 60)
        seat.manager.draw_ui(self.screen)
        return self.screen

    def save(self, power: str, path: str | Path) -> Path:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        pygame.image.save(self.draw(power), str(path))
        return path


def europe_table(size: tuple[int, int] = (1280, 720), sidebar: int = 400,
                 players: Iterable[str] = ("FRA", "GBR", "GER", "POL"),
                 fog: bool = True) -> Table:
    """europe-1939 with a few seats taken, fog on (as online)."""
    from game.maps import load_scenario
    return Table(load_scenario("europe-1939"), players, fog=fog, size=size, sidebar=sidebar)


def bench(table: Table, rounds: int = 30) -> None:
    """Print how long each panel takes to rebuild from the model (with the first frame after
    it, when pygame_gui renders the new widgets) and to draw an ordinary frame: CPU
    milliseconds of this process, so other work on a busy machine does not count."""
    import statistics
    import time
    from game.client.panels import SIDEBAR_PANELS
    seat = table.seats["FRA"]
    print(f"europe-1939 as France, window {table.size[0]}x{table.size[1]}, "
          f"sidebar {table.sidebar} px, {rounds} rounds; CPU milliseconds")
    print(f"{'panel':<14}{'rebuild p50':>12}{'p95':>8}{'steady frame p50':>18}{'p95':>8}")

    def frame() -> float:
        t0 = time.process_time()
        seat.manager.update(1 / 60)
        seat.manager.draw_ui(table.screen)
        return (time.process_time() - t0) * 1000

    def q95(xs: list[float]) -> float:
        return statistics.quantiles(xs, n=20)[-1]

    for cls in SIDEBAR_PANELS:
        panel = table.open("FRA", cls)
        builds, frames = [], []
        for _ in range(rounds):
            t0 = time.process_time()
            panel.rebuild()
            frame()
            builds.append((time.process_time() - t0) * 1000)   # includes the first frame
            for _ in range(3):       # pygame_gui finishes some drawing in the next frames
                frame()
            frames.append(frame())
        print(f"{cls.__name__:<14}{statistics.median(builds):>12.1f}{q95(builds):>8.1f}"
              f"{statistics.median(frames):>18.2f}{q95(frames):>8.2f}")


def main(argv: list[str]) -> int:
    from game.client.panels import SIDEBAR_PANELS, HelpOverlay
    out = Path(argv[0]) if argv and not argv[0].startswith("--") else Path("/tmp/panels")
    size = (1280, 720)
    if "--size" in argv:
        w, h = argv[argv.index("--size") + 1].split("x")
        size = (int(w), int(h))
    table = europe_table(size, sidebar=400 if size[0] < 1600 else 520)
    play_a_turn(table)
    if "--bench" in argv:
        bench(table)
        return 0
    for cls in SIDEBAR_PANELS:
        table.open("FRA", cls)
        print(table.save("FRA", out / f"demo_{cls.__name__}_{size[0]}.png"))
    help_overlay = HelpOverlay(table.seats["FRA"].manager, pygame.Rect(0, 0, *size))
    help_overlay.show()
    print(table.save("FRA", out / f"demo_help_{size[0]}.png"))
    return 0


def play_a_turn(table: Table) -> None:
    """Some history for the screenshots: chat, a proposal, a war and one adjudicated turn."""
    fra, ger = table.seats["FRA"].conn, table.seats["GER"].conn
    fra.send({"type": "chat", "channel": "public", "text": "France stands by Poland."})
    ger.send({"type": "chat", "channel": ["GER", "FRA"], "text": "Must we quarrel over "
              "Danzig? Let us talk."})
    ger.send({"type": "orders", "orders": [{"op": "declare_war", "target": "POL"}]})
    for power in table.seats:
        table.seats[power].conn.send({"type": "ready", "ready": True})
    table.pump()
    table.seats["GBR"].conn.send({"type": "propose", "terms": {
        "kind": "defensive", "members": ["GBR", "FRA", "POL"], "against": ["GER"],
        "pledges": {"GBR": 6}, "notice": 2, "name": "Anglo-Polish agreement"}})
    table.seats["FRA"].conn.send({"type": "chat", "channel": ["FRA", "GBR"],
                                  "text": "We should coordinate on the Rhine."})
    table.pump()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
