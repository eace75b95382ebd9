"""Online play on the screens: lobby, create form, taking a seat, then the game screen.

``OnlineFlow`` owns the connection of the moment. The lobby and the create form share one;
when a seat is taken (``Opener``), that connection goes on with the match to the same
``GameScreen`` hot-seat play uses (Done raises the ready flag), to the umpire's
``ConsoleScreen`` for the umpire seat, or to the projector screen when asked. Leaving a
match closes its connection and opens a fresh one for the lobby.

    flow = OnlineFlow(app, "ws://192.168.1.20:8765", book=SeatBook())
    flow.lobby()                                   # or flow.go_straight(match, seat, token)
    app.run()
"""

from __future__ import annotations

import sys
from typing import Any, Callable

import pygame
import pygame_gui
from pygame_gui.elements import UIButton

from game.match import SPECTATOR, UMPIRE

from ..app import App, Scene
from ..net import NetError, WebSocketConnection
from ..panels.brief import opening_tab
from ..screens.common import blit_text, card, paper_background
from ..screens.create_match import CreateMatchScreen
from ..screens.game import GameScreen
from ..screens.lobby import LobbyScreen
from ..screens.menu import TO_LOBBY, TO_LOBBY_WATCHING
from ..screens.projector import ProjectorScreen
from .opener import Opener
from .seats import HeldSeat, SeatBook



def local_rules(title: str) -> Any:
    """The rules of a shipped scenario with this title, for the arrows' odds when the host
    did not send its own (an older host; a scenario this client does not ship then gets the
    standard rules)."""
    try:
        from game.maps import list_scenarios, load_scenario
        info = next((i for i in list_scenarios() if i.title == title), None)
        return load_scenario(info.path).rules if info is not None else None
    except Exception:   # an unreadable local file must not stop the match from opening
        return None


class OnlineFlow:
    """Drives an ``App`` through online play (see the module docstring)."""

    def __init__(self, app: App, url: str, *, book: SeatBook, player: str = "",
                 projector: bool = False, password: str = "",
                 connect: Callable[[str], Any] = WebSocketConnection.open) -> None:
        self.app = app
        self.url = url
        self.book = book
        self.player = player
        self.projector = projector
        self.password = password       # fills the lobby's password box (CASUS_PASSWORD)
        self.connect = connect
        self.conn: Any = None
        self.screen: Scene | None = None

    # --- the lobby ----------------------------------------------------------------------------

    def _fresh(self) -> Any:
        """The connection for the lobby: the current one unless it follows a match; None
        (with a notice on the screen) when the host cannot be reached."""
        if self.conn is not None and self.conn.seat is None and self.conn.status != "closed":
            return self.conn
        self.close()
        try:
            self.conn = self.connect(self.url)
        except NetError as err:
            self.app.reset(NoticeScreen(self.app, "Cannot reach the host", str(err),
                                        on_close=self.app.quit))
            return None
        return self.conn

    def lobby(self, message: str = "", select: str | None = None) -> None:
        conn = self._fresh()
        if conn is None:
            return
        self.app.reset(LobbyScreen(self.app, conn, server=self.url, book=self.book,
                                   on_open=self.open, on_create=self.create_form,
                                   on_quit=self.app.quit, player=self.player,
                                   message=message, select=select, password=self.password,
                                   on_reconnect=lambda: self.lobby("Connected again.")))

    def create_form(self) -> None:
        lobby = self.app.top
        if isinstance(lobby, LobbyScreen):
            self.player = lobby.player
        self.app.push(CreateMatchScreen(self.app, self.conn, on_created=self.created,
                                        on_back=self.app.pop, name=""))

    def created(self, reply: dict[str, Any]) -> None:
        """A match was made: keep its umpire token, back to the lobby with it chosen."""
        summary = reply.get("summary", {})
        name = summary.get("name") or reply["match"]
        unkept = self.remember(HeldSeat(self.url, reply["match"], UMPIRE, reply["umpire_token"],
                                        name=str(name), player=self.player))
        self.app.pop()
        lobby = self.app.top
        if isinstance(lobby, LobbyScreen):
            lobby.message = (f"Created “{name}”. " + (unkept or "Choose a seat and join; the "
                                                       "umpire's token is kept under Your "
                                                       "seats."))
            lobby.chosen = reply["match"]
            lobby.leave()
            lobby.enter()
            lobby.refresh()

    # --- taking a seat --------------------------------------------------------------------------

    def go_straight(self, match: str, seat: str | None, token: str | None,
                    password: str = "") -> None:
        """``casus join --match``: take the seat (or rejoin, or spectate) without the lobby;
        a refusal lands in the lobby with the reason."""
        conn = self._fresh()
        if conn is None:
            return
        held = self.book.find(self.url, match, seat) if token is None and seat else None
        if token is None and held is not None:
            token = held.token
        request: dict[str, Any]
        if token:
            request = {"type": "rejoin", "match": match, "token": token}
        elif seat and seat not in (UMPIRE, SPECTATOR) and not self.projector:
            request = {"type": "join", "match": match, "seat": seat, "name": self.player}
        elif seat == UMPIRE:
            self.lobby("The umpire seat needs the umpire token the host gave when the "
                       "match was created: give it with --token.", select=match)
            return
        else:
            request = {"type": "spectate", "match": match}
        if password:
            request["password"] = password
        self.app.reset(OpeningScreen(self.app, Opener(conn, request), on_open=self.open,
                                     on_fail=lambda e: self.lobby(e, select=match)))

    def open(self, conn: Any, opener: Opener, player: str = "") -> None:
        """The seat is ours and the map is here: remember the seat, show the match."""
        assert opener.model is not None and opener.map_doc is not None
        self.conn = conn
        self.player = player or self.player
        model = opener.model
        unkept = ""
        if opener.token and model.seat != SPECTATOR:
            # (A team member's own seat id, RED.2, so the lead's seat is kept apart.)
            unkept = self.remember(HeldSeat(self.url, model.match_id, model.seat_id,
                                            opener.token, name=model.name,
                                            player=self.player))
        if model.seat == UMPIRE:
            from ..workshop.console import ConsoleScreen
            self.screen = ConsoleScreen(self.app, conn, model, map_doc=opener.map_doc,
                                        on_leave=self.leave_match)
        elif self.projector and model.seat == SPECTATOR:
            # Only a spectator: the projector shows the room nothing it may not see.
            self.screen = ProjectorScreen(self.app, conn, model, map_doc=opener.map_doc)
        else:
            # A spectator holds no seat and no token: Spectate, not Rejoin, brings it back.
            watching = model.seat == SPECTATOR
            self.screen = GameScreen(self.app, conn, model, map_doc=opener.map_doc,
                                     on_leave=self.leave_match, player=self.player,
                                     leaving=TO_LOBBY_WATCHING if watching else TO_LOBBY,
                                     rules=opener.rules or local_rules(model.scenario),
                                     tab=opening_tab(model))
        self.app.set_title(f"Casus Foederis — {model.name or model.match_id}")
        self.app.reset(self.screen)
        if unkept and hasattr(self.screen, "toast"):
            self.screen.toast(unkept)

    def remember(self, held: HeldSeat) -> str:
        """Keep the seat's token in the seat book; when it cannot be written (disk full, a
        read-only home), the sentence to show, the token going to the terminal so that the
        seat can still be rejoined with --token; "" once kept."""
        try:
            self.book.remember(held)
        except OSError as err:
            print(f"casus join: the token of seat {held.seat} in match {held.match} is "
                  f"{held.token} (--token rejoins it)", file=sys.stderr)
            return (f"The seat could not be remembered in {self.book.path} "
                    f"({err.strerror or err}): its token is in the terminal.")
        return ""

    def leave_match(self) -> None:
        """Back to the lobby: the match's connection is closed (the seat stays ours)."""
        model = getattr(self.screen, "model", None)
        watching = model is not None and model.seat == SPECTATOR
        self.close()
        self.screen = None
        self.app.set_title("Casus Foederis")
        # The match just left stays chosen, so Rejoin (or Spectate) is one click away.
        self.lobby("You stopped watching; Spectate watches again." if watching else
                   "You left the match; Rejoin takes you back.",
                   select=model.match_id if model is not None else None)

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


class OpeningScreen(Scene):
    """"Taking your seat…" while ``Opener`` works; then ``on_open`` or ``on_fail``."""

    def __init__(self, app: App, opener: Opener, *,
                 on_open: Callable[[Any, Opener, str], None],
                 on_fail: Callable[[str], None]) -> None:
        super().__init__(app)
        self.opener = opener
        self.on_open = on_open
        self.on_fail = on_fail

    def update(self, dt: float) -> None:
        conn = self.opener.conn
        self.opener.step(conn.poll())
        if self.opener.done:
            self.on_open(conn, self.opener, "")
        elif self.opener.failed:
            self.on_fail(self.opener.error)
        elif conn.status == "closed":
            self.on_fail(getattr(conn, "error", "") or "The connection closed.")

    def draw(self, surface: pygame.Surface) -> None:
        paper_background(surface)
        w, h = self.app.size
        rect = pygame.Rect(0, 0, 520, 120)
        rect.center = (w // 2, h // 2)
        card(surface, rect)
        blit_text(surface, "Taking your seat…", (rect.centerx, rect.y + 30), size=22,
                  bold=True, style="serif", centre=True)
        blit_text(surface, f"match {self.opener.request.get('match', '')}",
                  (rect.centerx, rect.y + 70), size=14, centre=True)


class NoticeScreen(Scene):
    """One message on a card, and a button to go on (a host that cannot be reached)."""

    def __init__(self, app: App, title: str, text: str, *,
                 on_close: Callable[[], None]) -> None:
        super().__init__(app)
        self.title = title
        self.text = text
        self.on_close = on_close
        self.button: Any = None

    def enter(self) -> None:
        w, h = self.app.size
        self.button = UIButton(pygame.Rect(w // 2 - 80, h // 2 + 40, 160, 42), "Close",
                               self.manager)

    def leave(self) -> None:
        if self.button is not None:
            self.button.kill()
            self.button = None

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.button:
            self.on_close()
            return True
        return False

    def draw(self, surface: pygame.Surface) -> None:
        paper_background(surface)
        w, h = self.app.size
        rect = pygame.Rect(0, 0, 640, 200)
        rect.center = (w // 2, h // 2)
        card(surface, rect)
        blit_text(surface, self.title, (rect.x + 24, rect.y + 20), size=22, bold=True,
                  style="serif")
        blit_text(surface, self.text, (rect.x + 24, rect.y + 60), size=15,
                  width=rect.width - 48)
