"""Joining a power's team from the online lobby (workshop teams, PROTOCOL.md §10).

A power whose seat is taken can still be joined as a team member: the player gives a name
and a role name ("foreign minister"), the screen sends ``join_team``, and the member's game
screen opens as with any seat (``on_open(conn, opener, player)``). The lobby pushes this
screen on top of itself; Back pops it again. Team members edit the team's shared draft;
the lead signs it off (docs/CLIENT.md "Playing in a team").
"""

from __future__ import annotations

import html
from typing import Any, Callable

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UIDropDownMenu, UITextEntryLine

from ..app import App, Scene
from ..online.opener import Opener
from .common import FAINT, RED_INK, blit_text, card, kill_widgets, paper_background

MAX_NAME = 40
MAX_ROLE = 40           # the match's limit on a role name (game/match/teams.py)


def team_seats(summary: dict[str, Any]) -> list[str]:
    """The human seats someone holds: the teams a player may ask to join."""
    return [s["power"] for s in summary.get("seats", [])
            if s.get("kind") == "human" and s.get("occupied")]


def team_item(seat: dict[str, Any]) -> str:
    """'Redland — Ada and 1 more': one entry of the team menu (the power's name when the
    lobby knows it)."""
    lead = seat.get("name") or "taken"
    more = len(seat.get("members") or [])
    power = seat.get("power_name") or seat["power"]
    return f"{power} — {lead}" + (f" and {more} more" if more else "")


class TeamJoinScreen(Scene):
    """The join-a-team form over the lobby (see the module docstring)."""

    def __init__(self, app: App, conn: Any, summary: dict[str, Any], *,
                 on_open: Callable[[Any, Opener, str], None], on_back: Callable[[], None],
                 player: str = "", password: str = "") -> None:
        super().__init__(app)
        self.conn = conn
        self.summary = summary
        self.on_open = on_open
        self.on_back = on_back
        self.player = player
        self.password = password
        seats = {s["power"]: s for s in summary.get("seats", [])}
        self.items = {team_item(seats[p]): p for p in team_seats(summary)}
        self.power: str | None = next(iter(self.items.values()), None)
        self.widgets: dict[str, Any] = {}
        self.opener: Opener | None = None
        self.error = ""

    def rect(self) -> pygame.Rect:
        w, h = self.app.size
        rect = pygame.Rect(0, 0, 560, 470)
        rect.center = (w // 2, h // 2)
        return rect

    # --- widgets ---------------------------------------------------------------------------

    def enter(self) -> None:
        r, m = self.rect(), self.manager
        x, width = r.x + 24, r.width - 48
        current = next((i for i, p in self.items.items() if p == self.power), None)
        self.widgets["team"] = UIDropDownMenu(list(self.items) or ["(no team to join)"],
                                              current or "(no team to join)",
                                              pygame.Rect(x, r.y + 100, width, 34), m)
        name = UITextEntryLine(pygame.Rect(x, r.y + 170, width, 34), m,
                               initial_text=self.player, placeholder_text="Your name")
        name.set_text_length_limit(MAX_NAME)
        self.widgets["name"] = name
        role = UITextEntryLine(pygame.Rect(x, r.y + 240, width, 34), m,
                               placeholder_text="Your role, e.g. foreign minister")
        role.set_text_length_limit(MAX_ROLE)
        self.widgets["role"] = role
        if self.summary.get("password"):
            password = UITextEntryLine(pygame.Rect(x, r.y + 310, width, 34), m,
                                       initial_text=self.password,
                                       placeholder_text="The match password")
            password.set_text_hidden(True)
            self.widgets["password"] = password
        self.widgets["join"] = UIButton(pygame.Rect(r.right - 24 - 200, r.bottom - 64, 200, 44),
                                        "Join the team", m, object_id="#primary_button")
        self.widgets["back"] = UIButton(pygame.Rect(x, r.bottom - 64, 120, 44), "Back", m,
                                        tool_tip_text="Back to the lobby (Esc)")
        if self.power is None:
            self.widgets["join"].disable()

    def leave(self) -> None:
        kill_widgets(self.widgets)
        self.widgets = {}

    def text(self, name: str) -> str:
        widget = self.widgets.get(name)
        return widget.get_text().strip() if widget is not None else ""

    # --- acting ----------------------------------------------------------------------------

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED \
                and event.ui_element is self.widgets.get("team"):
            self.power = self.items.get(event.text, self.power)
            return True
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.widgets.get("join"):
                self.join()
                return True
            if event.ui_element is self.widgets.get("back"):
                self.on_back()
                return True
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.on_back()
            return True
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED:
            self.join()
            return True
        if event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED and self.opener is None:
            self.error = ""   # what it asked for is being typed: do not scold on
        return False

    def join(self) -> None:
        """Ask the host for a place in the chosen team (once the form says enough)."""
        if self.opener is not None:
            return
        self.player = self.text("name") or self.player
        role = self.text("role")
        if self.power is None:
            self.error = "Nobody holds a seat in this match yet: take one in the lobby."
        elif not self.player:
            self.error = "Write your name first: your team sees it."
        elif not role:
            self.error = "Write your role in the team (for example foreign minister)."
        else:
            self.error = ""
            request: dict[str, Any] = {"type": "join_team", "match": self.summary["match"],
                                       "seat": self.power, "name": self.player, "role": role}
            password = self.text("password")
            if password:
                request["password"] = password
            self.opener = Opener(self.conn, request)
            self.widgets["join"].disable()

    def update(self, dt: float) -> None:
        if self.opener is None:
            return
        self.opener.step(self.conn.poll())
        self.opener.others = []        # the lobby's list replies: it asks again on return
        if self.opener.done:
            opener, self.opener = self.opener, None
            self.on_open(self.conn, opener, self.player)
        elif self.opener.failed or self.conn.status == "closed":
            self.error = self.opener.error or "The connection to the host closed."
            self.opener = None
            if "join" in self.widgets:
                self.widgets["join"].enable()

    # --- drawing ---------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        paper_background(surface)
        r = self.rect()
        card(surface, r)
        x, width = r.x + 24, r.width - 48
        name = self.summary.get("name") or self.summary.get("match", "")
        blit_text(surface, "Join a team", (x, r.y + 18), size=22, bold=True, style="serif")
        blit_text(surface, f"in “{html.unescape(str(name))}”: you edit the team's orders; "
                  "its lead signs them off", (x, r.y + 52), size=13, colour=FAINT,
                  width=width)
        for label, y in (("Team (the power whose seat is taken)", 78), ("Your name", 148),
                         ("Your role in the team", 218)):
            blit_text(surface, label, (x, r.y + y), size=13, colour=FAINT)
        if "password" in self.widgets:
            blit_text(surface, "Password", (x, r.y + 288), size=13, colour=FAINT)
        y = r.y + 356
        if self.opener is not None:
            blit_text(surface, "Joining the team…", (x, y), size=14, bold=True, width=width)
        elif self.error:
            blit_text(surface, self.error, (x, y), size=14, bold=True, colour=RED_INK,
                      width=width)
