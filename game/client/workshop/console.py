"""The umpire's console: a screen of its own for the umpire seat.

The map fills the left (everything, no fog: the umpire's view), the console's tabs the
right, and a bar along the top shows the match, the turn, the phase and the countdown
(red inside the warning threshold). A left click on the map picks a territory for the
World and Injects forms; the right button pans, the wheel zooms, as on the game screen.

    conn = host.connect("umpire")                      # hot-seat (a WorkshopHost)
    model = MatchModel.from_snapshot(conn.poll()[0]["snapshot"])
    app.push(ConsoleScreen(app, conn, model, map_doc=host.match.scenario.map_doc))

Online, rejoin with the umpire token and hand the connection and its model over the same
way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

import pygame
import pygame_gui
from pygame_gui.elements import UIButton

from game.words import palette
from game.client.app import App, Scene
from game.client.connection import Connection
from game.client.model import ORDERS, PROPOSALS, READY, VIEW, MatchModel
from game.words.narrate import Names
from game.client.panels.base import PanelContext
from game.render import fonts
from game.client.screens.common import FAINT, RED_INK, card, connection_banner, modal_open
from game.client.screens.map_view import CLICK_SLOP, MapView
from game.client.screens.sidebar import Sidebar

from .base import clock_of
from .clock import mm_ss
from .feed import WorkshopFeed, feed_of
from ..panels.brief import brief_panels
from .panels import CONSOLE_PANELS

TOP_HEIGHT = 46
TOAST_SECONDS = 4.0
KEYS_HINT = "F2–F9 tabs · click the map to pick · right-drag to pan"
ALL_PARTS = frozenset({"seats", "ready", "deadline", "view", "orders", "chat", "proposals",
                       "report", "over"})


@dataclass
class ConsoleContext(PanelContext):
    """A panel context with the territories the umpire picked on the map (newest last)."""

    picks: list[str] = field(default_factory=list)
    preview: Callable[[dict[str, Any] | None], None] | None = None   # a view on the map
    previewing: bool = False


@dataclass(frozen=True)
class ConsoleLayout:
    top: pygame.Rect
    map: pygame.Rect
    sidebar: pygame.Rect

    @classmethod
    def of(cls, size: tuple[int, int]) -> "ConsoleLayout":
        w, h = size
        side = max(440, min(640, int(w * 0.36)))
        return cls(top=pygame.Rect(0, 0, w, TOP_HEIGHT),
                   map=pygame.Rect(0, TOP_HEIGHT, w - side, h - TOP_HEIGHT),
                   sidebar=pygame.Rect(w - side + 4, TOP_HEIGHT + 4, side - 8,
                                       h - TOP_HEIGHT - 8))


class ConsoleScreen(Scene):
    """The umpire's console (see the module docstring)."""

    def __init__(self, app: App, conn: Connection, model: MatchModel, *,
                 map_doc: Mapping[str, Any], on_leave: Callable[[], None] | None = None,
                 tab: str | None = None) -> None:
        super().__init__(app)
        self.conn = conn
        self.model = model
        self.map_doc = map_doc
        self.on_leave = on_leave
        self.feed: WorkshopFeed = feed_of(conn, model)
        self.now = clock_of(conn)
        self.layout = ConsoleLayout.of(app.size)
        self.map = MapView(map_doc, model.powers, self.layout.map)
        self.map.renderer.set_view(model.view)
        self.names = self._names()
        self.ctx = ConsoleContext(conn=conn, model=model, names=self.names,
                                  add_order=self._no_orders, show_on_map=self.show_on_map,
                                  replay_turn=self.replay_turn, toast=self.toast,
                                  preview=self.preview)
        self.sidebar: Sidebar | None = None
        self.leave_button: UIButton | None = None
        self.toasts: list[tuple[str, float]] = []
        self.clock = 0.0
        self.press: tuple[int, int] | None = None
        self.first_tab = tab

    # --- building -------------------------------------------------------------------------

    def enter(self) -> None:
        self.layout = ConsoleLayout.of(self.app.size)
        self.map.set_rect(self.layout.map)
        self.sidebar = Sidebar(self.manager, self.layout.sidebar, self.ctx,
                               list(CONSOLE_PANELS) + brief_panels(self.model),
                               on_error=self.toast)
        if self.first_tab is not None:
            self.sidebar.select_title(self.first_tab)
        self._build_widgets()

    def _build_widgets(self) -> None:
        if self.leave_button is not None:
            self.leave_button.kill()
            self.leave_button = None
        if self.on_leave is not None:
            top = self.layout.top
            self.leave_button = UIButton(pygame.Rect(top.right - 84, top.y + 8, 74, 30),
                                         "Menu", self.manager,
                                         tool_tip_text="Leave the console (the match goes on)")

    def leave(self) -> None:
        if self.sidebar is not None:
            self.sidebar.kill()
            self.sidebar = None
        if self.leave_button is not None:
            self.leave_button.kill()
            self.leave_button = None

    def resize(self, size: tuple[int, int]) -> None:
        self.layout = ConsoleLayout.of(size)
        self.map.set_rect(self.layout.map)
        if self.sidebar is not None:
            self.sidebar.set_rect(self.layout.sidebar)
        self._build_widgets()

    def _names(self) -> Names:
        views = [r.after for r in self.model.history] + [self.model.view]
        return Names.from_docs(self.map_doc, self.model.powers, *views)

    # --- the panel context's callbacks ------------------------------------------------------

    def _no_orders(self, order: dict[str, Any]) -> None:
        self.toast("The umpire gives no orders; amend them in the Review tab.")

    def show_on_map(self, what: Mapping[str, Any]) -> None:
        for key in ("territory", "from", "to", "at"):
            if isinstance(what.get(key), str) and what[key] in self.names.territories:
                self.map.centre_on(what[key])
                return

    def replay_turn(self, turn: int) -> None:
        record = next((r for r in self.model.history if r.turn == turn), None)
        if record is not None:
            self.map.play(record.report, record.before, record.after, self.names, turn)

    def preview(self, view: dict[str, Any] | None) -> None:
        """Show ``view`` (the result under review) on the map; None: the match as it is."""
        self.ctx.previewing = view is not None
        self.map.stop()
        self.map.renderer.set_view(view if view is not None else self.model.view)

    def toast(self, text: str) -> None:
        self.toasts = [*self.toasts[-3:], (text, self.clock + TOAST_SECONDS)]

    def pick(self, tid: str) -> None:
        """The umpire clicked a territory: the forms take it."""
        self.ctx.picks.append(tid)      # never trimmed: the forms count it to see news
        self.toast(f"Picked {self.names.territory(tid)}.")

    # --- messages ----------------------------------------------------------------------------

    def update(self, dt: float) -> None:
        self.clock += dt
        self.map.update(dt)
        self.toasts = [(t, until) for t, until in self.toasts if until > self.clock]
        self._drain()
        if self.sidebar is not None:
            self.sidebar.update(dt)

    def _drain(self) -> None:
        changed: set[str] = set()
        for message in self.conn.poll():    # the feed sees them too (feed_of taps poll)
            kind = message.get("type")
            if kind == "joined":
                self.model = MatchModel.from_snapshot(message["snapshot"])
                changed |= ALL_PARTS
                continue
            if kind == "view":
                # A change outside a turn (an edit, an inject, a rollback): the model keeps
                # no such push of its own, so the console takes the new view here.
                self.model.view = message["view"]
                self.model.turn = message.get("turn", self.model.turn)
                self.model.label = message.get("label", self.model.label)
                if message.get("cause") == "rollback":
                    self.ctx.previewing = False
                    self.model.phase = "planning"
                    self.model.history = [r for r in self.model.history
                                          if r.turn < self.model.turn]
                    # The turn starts again: its orders, ready flags and proposals are gone.
                    self.model.orders, self.model.proposals = {}, {}
                    self.model.ready = {p: False for p in self.model.ready}
                    changed |= {ORDERS, READY, PROPOSALS}
                changed.add(VIEW)
                continue
            if kind == "review":
                if self.model.phase != "review":
                    self.toast(f"A result waits for your review (F3): {message.get('label', '')}.")
                self.model.phase = "review"
                if self.ctx.previewing:      # the amended result replaces the one shown
                    self.map.renderer.set_view(message["view"])
            elif kind == "turn_result":
                self.model.phase = "planning"
                self.ctx.previewing = False
            elif kind == "inject" and message.get("source") == "scenario":
                self.toast(f"Scripted inject: {message.get('title') or message.get('kind')}.")
            elif kind == "deadline_warning":
                self.toast(f"{mm_ss(message.get('seconds_left', 0))} left before the deadline.")
            changed |= self.model.apply(message)
        if not changed:
            return
        if VIEW in changed:
            if self.map.playing is None and not self.ctx.previewing:
                self.map.renderer.set_view(self.model.view)
            self.names = self._names()
        self.ctx.model, self.ctx.names = self.model, self.names
        if self.sidebar is not None:
            self.sidebar.refresh(frozenset(changed))

    # --- input -----------------------------------------------------------------------------

    def handle(self, event: pygame.event.Event) -> bool:
        if self.sidebar is not None and self.sidebar.process_event(event):
            return True
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.leave_button:
            if self.on_leave is not None:
                self.on_leave()
            return True
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 \
                and self.map.contains(event.pos):
            self.press = event.pos
            return True
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1 and self.press is not None:
            start, self.press = self.press, None
            if abs(event.pos[0] - start[0]) + abs(event.pos[1] - start[1]) <= CLICK_SLOP:
                tid = self.map.territory_at(event.pos)
                if tid is not None:
                    self.pick(tid)
            return True
        # Keys typed into a field never get here (App.dispatch keeps them from the scene).
        return self.map.handle(event)

    # --- drawing -------------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(palette.PARCHMENT_DARK)
        sub = self.map.draw(surface)
        for tid in self.marked():
            self.map.renderer.fill_territory(sub, tid, palette.SELECTED, 120)
        self._draw_top(surface)

    def marked(self) -> list[str]:
        """The territories the shown tab's form names (a move's from and to), to light up."""
        if self.sidebar is None or not self.sidebar.panels:
            return []
        panel = self.sidebar.panels[self.sidebar.current]
        marked = getattr(panel, "marked", None)
        names = self.names.territories
        return [t for t in (marked() if callable(marked) else []) if t in names]

    def _draw_top(self, surface: pygame.Surface) -> None:
        top = self.layout.top
        pygame.draw.rect(surface, palette.PARCHMENT, top)
        pygame.draw.line(surface, palette.INK_SOFT, top.bottomleft, top.bottomright)
        x = 14
        for text, size, colour, bold in self._top_parts():
            img = fonts.text(text, size, colour, bold, "serif" if size > 16 else "sans")
            surface.blit(img, (x, top.centery - img.get_height() // 2))
            x += img.get_width() + 22
        hint = fonts.text(KEYS_HINT, 12, FAINT)
        right = (self.leave_button.rect.left if self.leave_button is not None
                 else top.right) - 14
        if right - hint.get_width() > x:       # only where it fits beside the rest
            surface.blit(hint, (right - hint.get_width(), top.centery - hint.get_height() // 2))

    def _top_parts(self) -> list[tuple[str, int, tuple[int, int, int], bool]]:
        model, feed = self.model, self.feed
        parts = [("Umpire's console", 20, palette.INK, True),
                 (f"{model.name} · turn {model.turn}, {model.label}", 15, palette.INK, False)]
        phase = {"review": "result under review", "over": "match over"}.get(feed.phase)
        if phase:
            parts.append((phase, 15, RED_INK, True))
        left = feed.seconds_left(self.now())
        if left is not None and feed.phase == "planning":
            colour = FAINT if feed.paused else RED_INK if feed.in_warning(self.now()) \
                else palette.INK
            parts.append((f"{mm_ss(left)}{' paused' if feed.paused else ''}", 18, colour,
                          True))
        elif feed.paused:
            parts.append(("paused", 15, FAINT, True))
        awaited = [p for p, seat in model.seats.items()
                   if seat.get("kind") == "human" and seat.get("occupied")]
        if awaited and feed.phase == "planning":
            ready = sum(1 for p in awaited if model.ready.get(p))
            parts.append((f"ready {ready}/{len(awaited)}", 14, FAINT, False))
        parts.append((f"stage: {feed.stage}", 14, FAINT, False))
        return parts

    def draw_over(self, surface: pygame.Surface) -> None:
        if self.press is None and not modal_open(self.manager) and not any(
                w is not None and w.rect.collidepoint(self.app.mouse)
                for w in (self.leave_button,)):
            self.map.draw_tooltip(surface)
        y = self.layout.map.y + 14
        below = connection_banner(surface, self.layout.map, self.conn)   # online only
        if below is not None:
            y = below + 8
        for text, _ in self.toasts:
            img = fonts.text(text, 14, palette.INK)
            rect = img.get_rect(midtop=(self.layout.map.centerx, y)).inflate(24, 12)
            card(surface, rect, radius=8)
            surface.blit(img, img.get_rect(center=rect.center))
            y = rect.bottom + 6
