"""The game screen: the map, the top bar, the sidebar of panels, the order list, and orders
by mouse. Hot-seat and online play both use it (docs/CLIENT.md)::

    GameScreen(app, conn, model, map_doc=doc)                   # online: Done = ready flag
    GameScreen(app, conn, model, map_doc=doc, rules=scenario.rules,
               draft=table.draft(power), on_done=next_player)   # hot-seat

Every frame it drains ``conn.poll()`` into the model (a new ``joined`` rebuilds the model
from its snapshot), and every change to the draft sends the whole set of orders, so the
server's accepted/rejected reply always describes what is on screen.

Orders by mouse: drag from a territory holding your units to a neighbour (or click the one,
then the other) to move; the arrow shows the engine's odds. The slider, the arrow keys,
+/- and typed digits set how many units. B switches to the build tool: click your
territory to build one more, right-click for one fewer. Delete removes the selected order.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, Callable, Mapping

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UIHorizontalSlider

from game.bots.diplomacy import Answer
from game.bots.foresee import likely_answer
from game.engine.commitments import Commitment, planned
from game.engine.params import Rules
from game.engine.world import build_map

from game.words import palette
from ..app import App, Scene
from ..connection import Connection
from ..model import OVER, VIEW, MatchModel
from game.words.narrate import Names
from ..orders_ui import (BUILD, MOVE, REJECTED, ArrowPreview, MapFacts, OrderDraft,
                         available, commitment_line, units_of)
from game.render import fonts
from .orders_draw import DrawnOrder, draw_draft, drag_arrow
from game.render.tooltip import draw_tooltip
from ..sound import BATTLE, PACT, WAR
from .common import (CONNECTION_BANNERS, FAINT, RED_INK, blit_text, card, close_tooltips,
                     connection_banner, modal_open)
from .draft_editor import DraftEditor
from .help import HelpOverlay as BasicHelp
from .help import make_help
from .map_view import CLICK_SLOP, MapView
from .menu import TO_TITLE, Leaving, MenuScreen
from .order_list import HOW_TO_ORDER, WATCHING, OrderList
from ..panels.brief import brief_panels
from ..workshop import workshop_panels
from .sidebar import Sidebar, sidebar_panels
from .team_play import ALONE, LEAD, MEMBER, TeamPlay, member_line, team_mode
from .top_bar import TopBar

TOP_HEIGHT = 46
TYPE_TIMEOUT = 1.2      # seconds between typed digits of one number
TOAST_SECONDS = 4.0
HIGHLIGHT_SECONDS = 3.0
ALL_PARTS = frozenset({"seats", "ready", "deadline", "view", "orders", "chat", "proposals",
                       "report", "over", "clock", "news", "draft"})
SIGN_WIDTH = 118        # the lead's Sign off button, left of Done
SHEET_WIDTH = 800       # the proposal sheet laid over the map


@dataclass
class Press:
    """A left button held down on the map."""

    pos: tuple[int, int]
    source: str | None      # a territory the seat can move from, or None (a pan)
    moved: float = 0.0


@dataclass(frozen=True)
class Layout:
    top: pygame.Rect
    map: pygame.Rect
    sidebar: pygame.Rect
    panels: pygame.Rect
    orders: pygame.Rect
    done: pygame.Rect

    @classmethod
    def of(cls, size: tuple[int, int]) -> "Layout":
        w, h = size
        side = max(340, min(470, int(w * 0.27)))
        orders_h = max(200, min(340, int(h * 0.28)))
        top = pygame.Rect(0, 0, w, TOP_HEIGHT)
        sidebar = pygame.Rect(w - side, TOP_HEIGHT, side, h - TOP_HEIGHT)
        return cls(top=top, map=pygame.Rect(0, TOP_HEIGHT, w - side, h - TOP_HEIGHT),
                   sidebar=sidebar,
                   panels=pygame.Rect(sidebar.x + 4, sidebar.y + 4, side - 8,
                                      sidebar.height - orders_h - 8),
                   orders=pygame.Rect(sidebar.x, h - orders_h, side, orders_h - 56),
                   done=pygame.Rect(sidebar.x + 10, h - 50, side - 20, 40))


class GameScreen(Scene):
    """One seat's screen of a match."""

    def __init__(self, app: App, conn: Connection, model: MatchModel, *,
                 map_doc: Mapping[str, Any], on_leave: Callable[[], None] | None = None,
                 rules: Rules | None = None, draft: OrderDraft | None = None,
                 on_done: Callable[[], None] | None = None, done_label: str = "Done",
                 player: str = "", tab: str | None = None, chat_read: dict | None = None,
                 leaving: Leaving = TO_TITLE) -> None:
        super().__init__(app)
        self.leaving = leaving       # where the menu's Quit goes, in its words
        self.conn = conn
        self.model = model
        self.map_doc = map_doc
        self.facts = MapFacts.from_doc(map_doc)
        self.graph = build_map(dict(map_doc))        # the commitments meter's map
        self._meter: tuple[Any, list[Commitment]] = (None, [])
        self.rules = rules or Rules()
        self.on_leave = on_leave
        self.on_done = on_done
        self.done_label = done_label
        self.player = player
        self.layout = Layout.of(app.size)
        self.map = MapView(map_doc, model.powers, self.layout.map)
        self.map.renderer.set_view(model.view)
        self.frame_home()
        self.names = self._names()
        self.orders = DraftEditor(conn, lambda: self.model, self.facts, self.rules,
                                  lambda: self.names, self.toast, draft)
        self.tool = MOVE
        self.source: str | None = None        # the territory a click-move starts from
        self.press: Press | None = None
        self.drawn: list[DrawnOrder] = []
        self.typed = ""
        self.typed_at = 0.0
        self.toasts: list[tuple[str, float]] = []
        self.highlight: tuple[set[str], float] = (set(), 0.0)
        self.help = BasicHelp(self.rules)
        self.order_list = OrderList(self.layout.orders,
                                    empty_note=HOW_TO_ORDER if model.is_power else WATCHING)
        self.top_bar = TopBar(self.facts.value, self.rules)
        self.clock = 0.0
        self.sidebar: Sidebar | None = None
        self.widgets: dict[str, Any] = {}
        self.slider: UIHorizontalSlider | None = None
        self.slider_for: tuple[int, int] | None = None   # (entry, max) the slider shows
        self.over_notice = model.over
        self.first_tab = tab
        # The Chat tab's read marks when the caller keeps them across the player's screens
        # (hot-seat); None: the tab counts what it holds on opening as read.
        self.chat_read = chat_read
        self.warned = False     # Done was pressed once with rejected orders in the draft
        self.team = TeamPlay(conn, self.toast)
        self.mode = ALONE       # the team mode the widgets were built for

    def frame_home(self) -> None:
        """Open on the seat's own lands and their borders (the whole map for a spectator)."""
        if not self.model.is_power:
            return
        terrs = self.model.view.get("territories", {})
        home = [t for t, d in terrs.items() if d.get("owner") == self.model.seat]
        near = {n for t in home for n in self.facts.neighbours.get(t, {})}
        if home:
            self.map.frame(sorted(set(home) | near))

    # --- building and tearing down ------------------------------------------------------

    def enter(self) -> None:
        self.layout = Layout.of(self.app.size)
        self.map.set_rect(self.layout.map)
        self.order_list.rect = self.layout.orders
        self.enter_sidebar()
        if self.first_tab is not None and self.sidebar is not None:
            self.sidebar.select_title(self.first_tab)
            self.first_tab = None
        self._build_widgets()

    def _build_widgets(self) -> None:
        m, L = self.manager, self.layout
        self.mode = team_mode(self.model) if self.on_done is None else ALONE
        done_rect = L.done
        if self.mode == LEAD:
            done_rect = pygame.Rect(L.done.x + SIGN_WIDTH + 8, L.done.y,
                                    L.done.width - SIGN_WIDTH - 8, L.done.height)
        self.widgets = {
            "done": UIButton(done_rect, self._done_text(), m, object_id="#primary_button",
                             tool_tip_text="Finish planning (Ctrl+Enter)"),
            "move": UIButton(pygame.Rect(L.map.x + 10, L.map.y + 10, 84, 30), "Move", m,
                             tool_tip_text="Drag from your units to a neighbour (M)"),
            "build": UIButton(pygame.Rect(L.map.x + 98, L.map.y + 10, 84, 30), "Build", m,
                              tool_tip_text="Click your territory to raise units (B). At most its "
                              f"value in units a turn (+{self.rules.capital_build_bonus} in your "
                              f"capital), {self.rules.build_cost} IP each (double in crisis)"),
            "fit": UIButton(pygame.Rect(L.map.x + 186, L.map.y + 10, 60, 30), "Fit", m,
                            tool_tip_text="Show the whole map (F)"),
            "help": UIButton(pygame.Rect(L.map.x + 250, L.map.y + 10, 34, 30), "?", m,
                             tool_tip_text="Keys and rules (F1)"),
        }
        if self.mode == LEAD:
            self.widgets["sign"] = UIButton(
                pygame.Rect(L.done.x, L.done.y, SIGN_WIDTH, L.done.height), "Sign off", m,
                tool_tip_text="Make the team's draft your power's orders (Ctrl+S)")
        elif self.mode == MEMBER:    # only the lead says ready: a line instead of the button
            self.widgets.pop("done").kill()
        if self.on_leave is not None:
            self.widgets["leave"] = UIButton(
                pygame.Rect(L.top.right - 84, L.top.y + 8, 74, 30), "Menu", m,
                tool_tip_text=f"Menu (Esc): resume, save, settings, help; {self.leaving.hint}")
        self._sync_tool_buttons()
        self.slider, self.slider_for = None, None

    def leave(self) -> None:
        self.orders.flush()
        for widget in self.widgets.values():
            widget.kill()
        self.widgets = {}
        if self.slider is not None:
            self.slider.kill()
        self.slider, self.slider_for = None, None
        if self.sidebar is not None:
            # The menu (or any scene pushed over this one) brings the player back to the tab
            # they were reading, not the first one.
            self.first_tab = self.sidebar.titles[self.sidebar.current] \
                if self.sidebar.panels else None
            self.sidebar.kill()
            self.sidebar = None
        self.help.kill()

    def close_requested(self) -> bool:
        """The window is closing: send an amount still resting, so nothing is lost."""
        self.orders.flush()
        return True

    def resize(self, size: tuple[int, int]) -> None:
        self.layout = Layout.of(size)
        self.map.set_rect(self.layout.map)
        self.order_list.rect = self.layout.orders
        for widget in self.widgets.values():
            widget.kill()
        if self.slider is not None:
            self.slider.kill()
        self._build_widgets()
        if self.sidebar is not None:
            self.sidebar.set_rect(self.layout.panels)
            if getattr(self.sidebar.panels[self.sidebar.current], "form", None) is not None:
                self.widen(True)         # the proposal sheet stays open, laid out again
        self.help.set_rect(pygame.Rect((0, 0), size))

    # --- panel context ------------------------------------------------------------------

    def _names(self) -> Names:
        views = [r.after for r in self.model.history] + [self.model.view]
        return Names.from_docs(self.map_doc, self.model.powers, *views)

    def add_order(self, order: dict[str, Any]) -> None:
        """Put an order in the draft and send the draft (panels call this). The panel
        says what it added (one toast per action), so the editor stays quiet."""
        self.orders.add(order, announce=False)

    def remove_order(self, order: dict[str, Any]) -> None:
        """Take a diplomatic order back out of the draft (panels call this)."""
        i = self.orders.draft.find(order)
        if i is not None:
            self.orders.remove(i)

    def show_on_map(self, what: Mapping[str, Any]) -> None:
        """Centre the map on an event's places or a list of territories or powers."""
        places: list[str] = []
        for key in ("territory", "from", "to", "at"):
            if isinstance(what.get(key), str):
                places.append(what[key])
        for key in ("territories", "places"):
            if isinstance(what.get(key), list):
                places.extend(t for t in what[key] if isinstance(t, str))
        for power in what.get("powers", []) if isinstance(what.get("powers"), list) else []:
            places.extend(t for t, owner in self.facts.capital_of.items() if owner == power)
        places = [t for t in places if t in self.facts.names]
        if not places:
            return
        self.map.centre_on(places[0])
        self.highlight = (set(places), self.clock + HIGHLIGHT_SECONDS)

    def replay_turn(self, turn: int) -> None:
        """Play an earlier turn's war outcomes again on the map."""
        record = next((r for r in self.model.history if r.turn == turn), None)
        if record is None:
            self.toast(f"Turn {turn} was before you joined: no replay to show.")
            return
        self.map.play(record.report, record.before, record.after,
                      Names.from_docs(self.map_doc, self.model.powers, record.before,
                                      record.after), turn)

    def sound_cues(self, report: Mapping[str, Any]) -> None:
        """One cue for each kind of news in a turn's report: war, a pact signed, battle."""
        kinds = {e.get("type") for e in report.get("events", []) if isinstance(e, dict)}
        for kind, cue in (("war_declared", WAR), ("pact_signed", PACT), ("battle", BATTLE)):
            if kind in kinds:
                self.app.sounds.play(cue)

    def open_menu(self) -> None:
        """The in-game menu over the screen (Esc, the Menu button)."""
        self.orders.flush()
        hotseat = self.on_done is not None
        backdrop = self.backdrop()

        def quit_to_title() -> None:
            self.app.pop()            # the menu; the flow then moves on from this screen
            if self.on_leave is not None:
                self.on_leave()

        def show_help() -> None:
            self.help.visible = True

        self.app.push(MenuScreen(
            self.app, backdrop=backdrop, on_help=show_help, on_quit=quit_to_title,
            on_save=lambda: ("Saved: a hot-seat game is written after every action."
                             if hotseat else
                             "Saved: the host keeps the match; rejoin it from the lobby."),
            on_load=quit_to_title if hotseat else None, leaving=self.leaving))

    def toast(self, text: str) -> None:
        """A short message over the map; the same words twice at once show once."""
        others = [(t, until) for t, until in self.toasts if t != text]
        self.toasts = [*others[-3:], (text, self.clock + TOAST_SECONDS)]

    # --- the commitments meter -------------------------------------------------------------

    def commitments(self) -> list[Commitment]:
        """What the seat owes each engaged pact against what its draft commits (the
        engine's figures, the audit's own), computed again only when the view, the draft or
        the partners' shared orders change."""
        if not self.model.is_power or self.model.over:
            return []
        key = (id(self.model.view), repr(self.draft.orders), repr(self.model.shared_orders))
        if self._meter[0] != key:
            self._meter = (key, planned(self.graph, self.model.view, self.model.seat,
                                        self.draft.orders, self.model.shared_orders))
        return self._meter[1]

    def likely_answer(self, bot: str, terms: dict[str, Any]) -> Answer | None:
        """A bot member's likely answer to proposed terms, judged on this seat's own view
        with the bot's public personality (None for a person)."""
        seat = self.model.seats.get(bot) or {}
        if seat.get("kind") != "bot":
            return None
        try:
            return likely_answer(self.model.view, bot, terms, self.graph, self.rules,
                                 [p["id"] for p in self.model.powers],
                                 str(seat.get("personality") or ""),
                                 {p["id"]: self.names.power(p["id"]) for p in self.model.powers},
                                 proposer=self.model.seat)
        except (KeyError, TypeError, ValueError, IndexError):
            return None     # a view the bots' board cannot read (a spectator's): no guess

    def widen(self, on: bool) -> None:
        """Lay the shown panel out over the map (the proposal sheet) or back in the sidebar."""
        if self.sidebar is None or not self.sidebar.panels:
            return
        panel = self.sidebar.panels[self.sidebar.current]
        if on:      # the amount editor would peek out under the sheet
            self.selected = None
        panel.set_rect(self.sheet_rect() if on else self.sidebar.body_rect())

    def sheet(self) -> pygame.Rect | None:
        """Where a panel laid out over the map (the proposal sheet) is, if one is shown."""
        if self.sidebar is None or not self.sidebar.panels:
            return None
        rect = self.sidebar.panels[self.sidebar.current].rect
        return rect if rect.width > self.layout.sidebar.width else None

    def sheet_rect(self) -> pygame.Rect:
        """A wide panel: from the sidebar's tabs down to above Done, leftwards over the map."""
        body, L = self.sidebar.body_rect(), self.layout
        left = max(L.map.x + 8, body.right - SHEET_WIDTH)
        return pygame.Rect(left, body.y, body.right - left, L.done.y - 8 - body.y)

    def commitment_words(self, c: Commitment) -> str:
        pact = next((p for p in self.model.view.get("pacts", []) if p.get("id") == c.pact), {})
        partners = [self.names.power(m) for m in pact.get("members", []) if m != c.power]
        return commitment_line(c, " and ".join(partners), self.names.power)

    # --- the draft (DraftEditor does the work) --------------------------------------------

    @property
    def draft(self) -> OrderDraft:
        return self.orders.draft

    @property
    def selected(self) -> int | None:
        return self.orders.selected

    @selected.setter
    def selected(self, index: int | None) -> None:
        self.orders.selected = index

    @property
    def previews(self) -> dict[int, ArrowPreview]:
        return self.orders.previews

    def describe(self, i: int) -> tuple[str, str]:
        return self.orders.describe(i)

    def add_move(self, frm: str, to: str) -> None:
        if self.orders.add_move(frm, to):
            self.source = None
            self.map.renderer.selected = None

    def add_build(self, tid: str, delta: int) -> None:
        self.orders.add_build(tid, delta)

    def set_amount(self, n: int) -> None:
        self.orders.set_amount(n)

    def remove(self, i: int) -> None:
        self.orders.remove(i)

    # --- input --------------------------------------------------------------------------

    def handle(self, event: pygame.event.Event) -> bool:
        if self.help.process_event(event):
            return True
        if self.sidebar is not None and self.sidebar.process_event(event):
            return True
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            return self._on_button(event.ui_element)
        if event.type == pygame_gui.UI_HORIZONTAL_SLIDER_MOVED and event.ui_element is self.slider:
            self.set_amount(int(event.value))
            return True
        if event.type == pygame.KEYDOWN:
            return self._on_key(event)
        if event.type in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.MOUSEMOTION,
                          pygame.MOUSEWHEEL):
            return self._on_mouse(event)
        return False

    def _on_button(self, element: Any) -> bool:
        names = {v: k for k, v in self.widgets.items()}
        name = names.get(element)
        if name == "done":
            self.done()
        elif name == "sign":
            self.sign_off()
        elif name == "move":
            self.set_tool(MOVE)
        elif name == "build":
            self.set_tool(BUILD)
        elif name == "fit":
            self.map.renderer.fit()
        elif name == "help":
            self.help.visible = True
        elif name == "leave" and self.on_leave is not None:
            self.open_menu()
        else:
            return False
        return True

    def set_tool(self, tool: str) -> None:
        self.tool = tool
        self.source = None
        self.map.renderer.selected = None
        self._sync_tool_buttons()

    def _sync_tool_buttons(self) -> None:
        for name in (MOVE, BUILD):
            button = self.widgets.get(name)
            if button is not None:
                (button.select if self.tool == name else button.unselect)()

    def sign_off(self) -> None:
        """The team lead signs the shared draft off (Sign off, Ctrl+S)."""
        self.team.sign_off(self.model, self.orders.flush)

    def done(self) -> None:
        """Done: hot-seat hands over; online raises (or lowers) the ready flag. With
        rejected orders in the draft, the first press only warns."""
        self.orders.flush()
        if self.mode == MEMBER:
            self.toast(member_line(self.model) + ".")
            return
        rejected = sum(e.status == REJECTED for e in self.draft.entries)
        raising = self.on_done is not None or not self.model.ready.get(self.model.seat)
        if rejected and raising and not self.warned:
            self.warned = True
            self.toast(f"{rejected} order{'s were' if rejected > 1 else ' was'} rejected (see "
                       "the list): press Done again to go on anyway.")
            return
        short = [c for c in self.commitments() if not c.kept]
        if short and raising and not self.warned:
            self.warned = True
            self.toast("; ".join(self.commitment_words(c) for c in short) +
                       ". Press Done again to go on anyway.")
            return
        if self.mode == LEAD and raising and not self.warned \
                and not self.team.signed(self.model, self.draft):
            # A member's change the lead has not signed would not count: say so once.
            self.warned = True
            self.toast("The team's draft is not signed off: Sign off (Ctrl+S) first, or "
                       "press Done again to be ready with the orders signed before.")
            return
        self.warned = False
        if self.on_done is not None:
            self.on_done()
            return
        if self._done_state()[1]:
            self.conn.send({"type": "ready", "ready": not self.model.ready.get(self.model.seat)})

    def _done_state(self) -> tuple[str, bool]:
        """The Done button's text, and whether it can be pressed."""
        if self.on_done is not None:      # hot-seat: always hands the screen on
            return self.done_label, True
        model = self.model
        if not model.is_power:
            return "Watching", False
        if model.over:
            return "The match is over", False
        if model.view.get("powers", {}).get(model.seat, {}).get("eliminated"):
            return "Eliminated: watching", False
        if model.ready.get(model.seat):
            return "Ready — click to plan more", True
        if model.stage == "negotiation":     # the host refuses ready flags until orders open
            return "Negotiation: orders later", False    # fits beside Sign off
        return self.done_label, True

    def _done_text(self) -> str:
        return self._done_state()[0]

    def _on_key(self, event: pygame.event.Event) -> bool:
        key, mod = event.key, event.mod
        ctrl = mod & pygame.KMOD_CTRL
        if key == pygame.K_F1 or event.unicode == "?":
            self.help.toggle()
        elif ctrl and key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.done()
        elif ctrl and key == pygame.K_s and self.mode == LEAD:
            self.sign_off()
        elif ctrl and key == pygame.K_m:
            muted = self.app.sounds.toggle_mute()
            self.app.settings.sound = not muted
            problem = self.app.save_settings()
            self.toast(problem or ("Sound off." if muted else "Sound on."))
        elif key == pygame.K_ESCAPE:
            if self.map.playing is not None:
                self.map.stop()
            elif self.selected is not None or self.source is not None:
                self.selected, self.source = None, None
                self.map.renderer.selected = None
            elif self.tool != MOVE:
                self.set_tool(MOVE)
            elif self.help.visible:
                self.help.visible = False
            elif self.on_leave is not None:
                self.open_menu()
        elif key == pygame.K_SPACE and self.map.playing is not None:
            self.map.stop()
        elif key == pygame.K_TAB:
            self.cycle(-1 if mod & pygame.KMOD_SHIFT else 1)
        elif key == pygame.K_b and not ctrl:
            self.set_tool(BUILD if self.tool != BUILD else MOVE)
        elif key == pygame.K_m and not ctrl:
            self.set_tool(MOVE)
        elif key == pygame.K_r and not ctrl and self.model.history:
            self.replay_turn(self.model.history[-1].turn)
        elif self.selected is not None and self._amount_key(event):
            pass
        elif self.map.handle_key(event):
            pass
        else:
            return False
        return True

    def _amount_key(self, event: pygame.event.Event) -> bool:
        """Keys that edit the selected order: arrows and +/- step, digits type, Delete."""
        key = event.key
        n = int(self.draft.entries[self.selected].order.get("n", 1))
        if key in (pygame.K_LEFT, pygame.K_MINUS, pygame.K_KP_MINUS):
            self.set_amount(n - 1)
        elif key in (pygame.K_RIGHT, pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS):
            self.set_amount(n + 1)
        elif key == pygame.K_UP:
            self.set_amount(self.orders.amount_limit(self.selected))
        elif key == pygame.K_DOWN:
            self.set_amount(1)
        elif key in (pygame.K_DELETE, pygame.K_BACKSPACE):
            self.remove(self.selected)
        elif key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.orders.flush()
            self.selected = None
        elif event.unicode and event.unicode.isdigit():
            if self.clock - self.typed_at > TYPE_TIMEOUT:
                self.typed = ""
            self.typed = (self.typed + event.unicode)[-4:]
            self.typed_at = self.clock
            self.set_amount(int(self.typed))
        else:
            return False
        return True

    def cycle(self, step: int) -> None:
        """Select the next (or previous) territory holding the seat's units."""
        seat = self.model.seat
        mine = [t for t in self.facts.order if (units_of(self.model.view, seat, t) or 0) > 0]
        if not mine:
            return
        at = mine.index(self.source) if self.source in mine else (-1 if step > 0 else 0)
        self.source = mine[(at + step) % len(mine)]
        self.map.renderer.selected = self.source
        self.selected = None
        self.map.centre_on(self.source)

    def _on_mouse(self, event: pygame.event.Event) -> bool:
        pos = getattr(event, "pos", self.app.mouse)
        sheet = self.sheet()
        if sheet is not None and sheet.collidepoint(pos if event.type != pygame.MOUSEWHEEL
                                                    else self.app.mouse):
            return True         # the proposal sheet covers the map and the order list here
        if event.type == pygame.MOUSEWHEEL and self.order_list.rect.collidepoint(self.app.mouse):
            self.order_list.scroll_by(-event.y)
            return True
        if event.type == pygame.MOUSEMOTION:
            self.order_list.hovered = next((r.index for r in self.order_list.rows
                                            if r.rect.collidepoint(pos)), None)
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1 \
                and self.order_list.rect.collidepoint(pos) and self.press is None:
            hit = self.order_list.hit(pos)
            if hit is not None:
                what, i = hit
                if what == "remove":
                    self.remove(i)
                else:
                    self.selected = i
                    self._show_entry(i)
            return True
        if self.map.playing is not None:
            if event.type == pygame.MOUSEBUTTONUP and event.button == 1 \
                    and self.map.contains(pos):
                self.map.stop()
                return True
            return self.map.handle(event)
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 and self.map.contains(pos):
            return self._press(pos)
        if event.type == pygame.MOUSEMOTION and self.press is not None:
            self.press.moved += abs(event.rel[0]) + abs(event.rel[1])
            if self.press.source is None:
                self.map.handle(event)   # panning
            else:
                self.map.mouse = pos if self.map.contains(pos) else None
            return True
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1 and self.press is not None:
            return self._release(pos)
        if event.type == pygame.MOUSEBUTTONUP and event.button == 3 and self.map.contains(pos):
            moved = self.map.pan_moved
            used = self.map.handle(event)
            if moved <= CLICK_SLOP:
                self._right_click(pos)
                return True
            return used
        return self.map.handle(event)

    def _press(self, pos: tuple[int, int]) -> bool:
        for drawn in reversed(self.drawn):
            if drawn.tag.move(self.map.rect.topleft).collidepoint(pos):
                self.selected = drawn.index
                return True
        tid = self.map.territory_at(pos)
        can_move = (self.tool == MOVE and tid is not None and self.model.is_power
                    and not self.model.over
                    and available(self.model.view, self.draft, self.model.seat, tid) > 0)
        self.press = Press(pos, tid if can_move else None)
        if not can_move:
            self.map.start_pan(1)
        return True

    def _release(self, pos: tuple[int, int]) -> bool:
        press, self.press = self.press, None
        assert press is not None
        if press.source is None:
            self.map.handle(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
        tid = self.map.territory_at(pos)
        if press.moved > CLICK_SLOP:
            if press.source is not None and tid is not None and tid != press.source:
                self.add_move(press.source, tid)
            return True
        self._click(tid)
        return True

    def _click(self, tid: str | None) -> None:
        seat = self.model.seat
        if self.tool == BUILD:
            if tid is not None and self.model.is_power:
                self.add_build(tid, +1)
            return
        if self.source is not None and tid is not None and tid != self.source \
                and self.facts.adjacent(self.source, tid):
            self.add_move(self.source, tid)
            return
        self.selected = None
        if tid is not None and self.model.is_power \
                and available(self.model.view, self.draft, seat, tid) > 0:
            self.source = tid
        else:
            self.source = None
        self.map.renderer.selected = tid

    def _right_click(self, pos: tuple[int, int]) -> None:
        tid = self.map.territory_at(pos)
        if self.tool == BUILD and tid is not None:
            self.add_build(tid, -1)
            return
        self.selected, self.source = None, None
        self.map.renderer.selected = None

    def _show_entry(self, i: int) -> None:
        o = self.draft.entries[i].order
        tid = o.get("to") or o.get("territory")
        if isinstance(tid, str) and tid in self.facts.names:
            self.highlight = ({tid, *([o["from"]] if o.get("from") else [])},
                              self.clock + HIGHLIGHT_SECONDS)

    # --- each frame ---------------------------------------------------------------------

    def update(self, dt: float) -> None:
        self.clock += dt
        self.map.update(dt * self.app.settings.animation_speed)   # the replays' pace
        self._drain()
        self.orders.tick(dt)
        if self.sidebar is not None:
            self.sidebar.update(dt)
        self.toasts = [(t, until) for t, until in self.toasts if until > self.clock]
        if self.on_done is None and team_mode(self.model) != self.mode:
            # Someone joined the team (or the seat's role changed): Sign off, or the line.
            for widget in self.widgets.values():
                widget.kill()
            if self.slider is not None:
                self.slider.kill()
            self._build_widgets()
        self._sync_slider()
        if "done" in self.widgets:
            text, enabled = self._done_state()
            button = self.widgets["done"]
            if button.text != text:
                button.set_text(text)
            if enabled != button.is_enabled:
                (button.enable if enabled else button.disable)()
        if self.map.playing is not None and self.map.playing.replay.finished(
                self.map.replay_time()):
            self.map.stop()

    def _drain(self) -> None:
        changed: set[str] = set()
        for message in self.conn.poll():
            kind = message.get("type")
            if kind == "joined":      # (re)connected: the snapshot is the whole truth
                turn = self.model.turn
                self.model = MatchModel.from_snapshot(message["snapshot"])
                if self.model.turn == turn and len(self.draft):
                    # Orders written while the line was down: send them again.
                    self.orders.send_due = self.orders.clock
                else:
                    self.orders.replace(OrderDraft.from_orders(self.model.my_draft()))
                self.map.renderer.set_view(self.model.view)
                self._rebind()
                changed |= ALL_PARTS
                continue
            if kind == "connection":   # the transport's own news (reconnecting, ...)
                # While the line is down the banner says so; a toast says it is back.
                shown = message.get("status") in CONNECTION_BANNERS \
                    and hasattr(self.conn, "reconnects")
                if message.get("message") and not shown:
                    self.toast(str(message["message"]).capitalize())
                continue
            if self.orders.reply(message) or self.team.reply(message):
                pass
            elif kind == "error":
                self.toast(str(message.get("message", "refused")))
            else:
                self._announce(message)
            changed |= self.model.apply(message)
            if kind in ("draft", "orders") and self.team.adopts(message, self.model):
                # Another member changed the team's draft (or the lead signed): show it.
                self.orders.replace(self.team.draft_of(message))
            if kind == "turn_result":
                self.orders.replace(OrderDraft())
                self.source = None
                record = self.model.history[-1]
                self.names = self._names()
                self.map.play(record.report, record.before, record.after, self.names,
                              record.turn)
                self.sound_cues(record.report)
        if not changed:
            return
        if VIEW in changed:
            if self.map.playing is None:
                self.map.renderer.set_view(self.model.view)
            self.names = self._names()
            self._rebind()
        if OVER in changed and self.model.over:
            # (A rejoin's snapshot marks every part changed, "over" too, over or not.)
            self.over_notice = True
        self.orders.refresh()
        if self.sidebar is not None:
            self.sidebar.refresh(frozenset(changed))

    def _announce(self, message: dict[str, Any]) -> None:
        """A toast for news the player should not miss: injects, the deadline warning, a
        change of stage or of the clock."""
        kind = message.get("type")
        if kind == "inject":   # (worded as the workshop's Notes tab words it: one toast)
            what = message.get("title") or message.get("text") or message.get("kind")
            self.toast(f"News: {what}")
        elif kind == "deadline_warning":
            left = int(message.get("seconds_left") or 0)
            self.toast(f"{left // 60}:{left % 60:02d} left before the deadline.")
        elif kind == "clock":
            if message.get("paused") and not self.model.paused:
                self.toast("The umpire paused the clock.")
            elif not message.get("paused") and self.model.paused:
                self.toast("The clock runs again.")
            stage = message.get("stage")
            if stage and stage != self.model.stage:
                self.toast("Negotiation: orders stay drafts until the umpire opens orders."
                           if stage == "negotiation" else "Orders are open: sign and be ready.")
        elif kind == "view" and message.get("cause") == "rollback":
            self.orders.replace(OrderDraft())
            self.toast(f"The umpire rolled the match back to turn {message.get('turn')}.")
        elif kind == "view" and message.get("cause") == "edit":
            self.toast("The umpire changed the map.")

    def _rebind(self) -> None:
        """Point the panels' context at the current model and names."""
        try:
            self.ctx.model = self.model
            self.ctx.names = self.names
        except (AttributeError, TypeError):   # a frozen context: build the sidebar again
            if self.sidebar is not None:
                current = self.sidebar.current
                self.sidebar.kill()
                self.enter_sidebar(current)

    def enter_sidebar(self, current: int = 0) -> None:
        classes, help_cls, context_cls = sidebar_panels()
        # Workshop matches add the seat's own tabs (a team's intents and insights, the
        # umpire's notes); a plain hot-seat game gets none.
        classes = classes + brief_panels(self.model) + workshop_panels(self.model,
                                                                       self.conn)
        self.ctx = context_cls(conn=self.conn, model=self.model, names=self.names,
                               add_order=self.add_order, show_on_map=self.show_on_map,
                               replay_turn=self.replay_turn, toast=self.toast,
                               commitments=self.commitments,
                               likely_answer=self.likely_answer, wide=self.widen,
                               remove_order=self.remove_order, rules=self.rules,
                               values=self.facts.value, chat_read=self.chat_read)
        self.sidebar = Sidebar(self.manager, self.layout.panels, self.ctx, classes, current,
                               on_error=self.toast)
        self.help.kill()
        self.help = make_help(help_cls, self.manager, pygame.Rect((0, 0), self.app.size),
                              self.ctx)

    def _sync_slider(self) -> None:
        """The amount slider follows the selected move or build."""
        want: tuple[int, int] | None = None
        if self.selected is not None and self.selected < len(self.draft) \
                and self.draft.entries[self.selected].order.get("op") in (MOVE, BUILD):
            limit = max(self.orders.amount_limit(self.selected),
                        int(self.draft.entries[self.selected].order.get("n", 1)))
            if limit > 1:
                want = (self.selected, limit)
        if want == self.slider_for:
            if self.slider is not None and self.selected is not None:
                n = int(self.draft.entries[self.selected].order.get("n", 1))
                if int(self.slider.get_current_value()) != n:
                    self.slider.set_current_value(n, warn=False)
            return
        if self.slider is not None:
            self.slider.kill()
            self.slider = None
        self.slider_for = want
        if want is not None:
            n = int(self.draft.entries[want[0]].order.get("n", 1))
            self.slider = UIHorizontalSlider(self.editor_slider_rect(), n, (1, want[1]),
                                             self.manager, click_increment=1)

    def editor_rect(self, compact: bool = False) -> pygame.Rect:
        """The amount editor's card, at the bottom right of the map (the legend keeps the
        bottom left); ``compact`` without the slider's row."""
        m = self.layout.map
        rect = pygame.Rect(0, 0, min(440, m.width - 280), 66 if compact else 78)
        rect.bottomright = (m.right - 14, m.bottom - 14)
        return rect

    def editor_slider_rect(self) -> pygame.Rect:
        r = self.editor_rect()
        return pygame.Rect(r.x + 12, r.y + 40, r.width - 24, 26)

    # --- drawing --------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        # The map, the bar and the sidebar cover the window: no full-window fill.
        sub = self.map.draw(surface)
        self._draw_highlight(sub)
        if self.map.playing is None and self.model.is_power:
            self.drawn = draw_draft(sub, self.draft.entries, self.map.renderer.anchor_screen,
                                    self.previews.get, self.selected, self._build_at)
        else:
            self.drawn = []
        self._draw_editor(surface)
        pygame.draw.rect(surface, palette.PARCHMENT_DARK, self.layout.sidebar)
        pygame.draw.line(surface, palette.INK_SOFT, self.layout.sidebar.topleft,
                         self.layout.sidebar.bottomleft)
        sheet = self.sheet()
        if sheet is not None:        # under the proposal sheet: a plain ground, no list
            pygame.draw.rect(surface, palette.PARCHMENT, sheet)
        else:
            self.order_list.caption = self.team.caption(self.model, self.draft)
            self.order_list.meter = [(self.commitment_words(c), c.kept)
                                     for c in self.commitments()]
            self.order_list.draw(surface, self.draft.entries, self.describe, self.selected)
        if self.mode == MEMBER:
            L = self.layout.done
            blit_text(surface, member_line(self.model), (L.x + 4, L.y + 2), size=14,
                      colour=palette.INK_SOFT, bold=True, width=L.width - 8)
        self.top_bar.draw(surface, self.layout.top, self.model, self.conn.status,
                          player=self.player, replaying=self.map.playing)

    def _build_at(self, tid: str) -> tuple[float, float]:
        """Below the territory's unit badges (or its name when badges are hidden)."""
        x, y = self.map.renderer.anchor_screen(tid)
        lay = self.map.renderer.label_layout(tid)
        if lay.badge_height:
            return (x, y + lay.badge_y + lay.badge_height / 2 + 14)
        return (x, y + lay.name_y + lay.name_size / 2 + 14)

    def _draw_highlight(self, sub: pygame.Surface) -> None:
        places, until = self.highlight
        if not places or self.clock > until:
            return
        pulse = int(90 + 60 * abs(((self.clock * 2) % 2) - 1))
        for tid in places:
            self.map.renderer.fill_territory(sub, tid, palette.SELECTED, pulse)

    def _draw_editor(self, surface: pygame.Surface) -> None:
        if self.selected is None or self.selected >= len(self.draft):
            return
        entry = self.draft.entries[self.selected]
        if entry.order.get("op") not in (MOVE, BUILD):
            return
        rect = self.editor_rect(compact=self.slider is None)
        card(surface, rect)
        label, note = self.describe(self.selected)
        blit_text(surface, label, (rect.x + 12, rect.y + 8), size=15, bold=True)
        keys = "Left/Right or +/- to change, digits to type, Del to remove"
        blit_text(surface, note or (keys if self.slider is not None else ""),
                  (rect.x + 12, rect.y + 27), size=12,
                  colour=RED_INK if entry.status == REJECTED else FAINT)
        if self.slider is None:
            more = "Del removes it."
            if entry.order.get("op") == MOVE and entry.status != REJECTED:
                more += " Every unit there is already in this order."
            blit_text(surface, more, (rect.x + 12, rect.y + 44), size=12, colour=FAINT)

    def backdrop(self) -> pygame.Surface:
        """The screen as it stands, for the menu to dim under its card: drawn afresh
        without any tooltip, since the pointer's words mean nothing under the menu."""
        close_tooltips(self.manager)
        surface = pygame.Surface(self.app.size)
        self.draw(surface)
        self.manager.draw_ui(surface)
        self.draw_over(surface, tips=False)
        return surface

    def draw_over(self, surface: pygame.Surface, *, tips: bool = True) -> None:
        """The drag arrow and the tooltips (unless ``tips`` is False) above the widgets,
        then the toasts, banners and the help page."""
        if self.press is not None and self.press.source is not None \
                and self.press.moved > CLICK_SLOP:
            a = self.map.anchor(self.press.source)
            target = self.map.territory_at(self.app.mouse)
            valid = target is not None and self.facts.adjacent(self.press.source, target)
            b = self.map.anchor(target) if valid and target else self.app.mouse
            drag_arrow(surface, a, b, valid)
        elif tips and self.press is None and not self.help.visible and self.sheet() is None \
                and not modal_open(self.manager):
            # (No tooltip over the help page, the proposal sheet or a dialog.)
            if not self._draw_rejection_tip(surface) and not self._over_widget() \
                    and not self._draw_top_bar_tip(surface):
                self.map.draw_tooltip(surface)
        self._draw_toasts(surface)
        if self.over_notice:
            self._draw_over_banner(surface)
        self._draw_connection_banner(surface)
        self.help.draw(surface, self.layout.map)

    def _draw_top_bar_tip(self, surface: pygame.Surface) -> bool:
        """The top bar's words for the chip or fact under the mouse; True if drawn."""
        pos = self.app.mouse
        if not self.layout.top.collidepoint(pos):
            return False
        tip = self.top_bar.tooltip(pos, self.model)
        if tip is None:
            return False
        draw_tooltip(surface, tip.split("; "), (pos[0], self.layout.top.bottom + 4))
        return True

    def _over_widget(self) -> bool:
        pos = self.app.mouse
        return any(w.rect.collidepoint(pos) for w in self.widgets.values()) or (
            self.selected is not None
            and self.editor_rect(compact=self.slider is None).collidepoint(pos))

    def _draw_rejection_tip(self, surface: pygame.Surface) -> bool:
        """A rejected order's reason beside its tag when the mouse is on it (instead of
        the territory's card); True if one was drawn."""
        for drawn in self.drawn:
            rect = drawn.tag.move(self.map.rect.topleft)
            entry = self.draft.entries[drawn.index] if drawn.index < len(self.draft) else None
            if entry is not None and entry.status == REJECTED and \
                    rect.inflate(24, 8).collidepoint(self.app.mouse):
                draw_tooltip(surface, ["Rejected", entry.reason], rect.midbottom)
                return True
        return False

    def _draw_toasts(self, surface: pygame.Surface) -> None:
        y = self.layout.map.y + 52
        if self.conn.status in CONNECTION_BANNERS and hasattr(self.conn, "reconnects"):
            y = self._banner_area().y + 44
        for text, _ in self.toasts:
            img = fonts.text(text, 14, palette.INK)
            rect = img.get_rect(midtop=(self.layout.map.centerx, y)).inflate(24, 12)
            card(surface, rect, radius=8)
            surface.blit(img, img.get_rect(center=rect.center))
            y = rect.bottom + 6

    def _draw_connection_banner(self, surface: pygame.Surface) -> None:
        """While the line is down, say so across the map, under its tool buttons (which
        stay usable)."""
        connection_banner(surface, self._banner_area(), self.conn)

    def _banner_area(self) -> pygame.Rect:
        m = self.layout.map
        return pygame.Rect(m.x, m.y + 46, m.width, m.height - 46)

    def _draw_over_banner(self, surface: pygame.Surface) -> None:
        winner = self.model.winner or {}
        names = ", ".join(self.names.power(p) for p in winner.get("powers", []))
        text = f"The match is over — {names or 'no one'} won." if winner else \
            "The match is over."
        img = fonts.text(text, 18, palette.INK, bold=True, style="serif")
        rect = img.get_rect(midtop=(self.layout.map.centerx, self.layout.map.y + 12))
        card(surface, rect.inflate(30, 14), radius=10)
        surface.blit(img, rect)


def seconds_left(model: MatchModel, now: float | None = None) -> float | None:
    """Seconds until the turn's deadline (None without one)."""
    if model.deadline_at is None:
        return None
    return max(0.0, model.deadline_at - (time.time() if now is None else now))
