"""The lobby of a ``casus host``: the matches it holds, joining a free seat, spectating,
rejoining a seat remembered from before, and the way to the create-a-match form.

Three cards, as on the hot-seat start screen: the match list (with Refresh) and the chosen
match's seats; your name, the seat and the password, with Join and Spectate; the seats this
player holds on this host, with Rejoin. The lobby owns the connection until a seat is
taken; then ``on_open(conn, opener)`` hands it over (game/client/online/flow.py).
"""

from __future__ import annotations

import html
from typing import Any, Callable

import pygame
import pygame_gui
from pygame_gui.elements import (UIButton, UIDropDownMenu, UISelectionList, UITextBox,
                                 UITextEntryLine)

from game.words import palette
from ..app import App, Scene
from ..connection import CLOSED, OPEN
from ..online.opener import Opener
from ..online.seats import HeldSeat, SeatBook
from .common import (FAINT, GREEN_INK, RED_INK, blit_text, card, kill_widgets,
                     paper_background, three_columns)
from game.discovery import room_address
from game.match.lobby import free_seats

from .create_match import local_details
from .lobby_team import TeamJoinScreen, team_seats

MAX_NAME = 40
REFRESH_SECONDS = 10.0      # the list refreshes itself this often while the lobby is open
NO_SEAT = "(no free seat)"
HOST_PAGE = 100             # matches in one host reply by default (PROTOCOL.md §5)
LIST_PAGE = HOST_PAGE       # matches this lobby asks for a page (smaller in tests)


def seat_words(summary: dict[str, Any]) -> str:
    """'2 of 3 seats free' (bots and empty seats are not free for people)."""
    seats = summary.get("seats", [])
    free = len(free_seats(summary))
    people = sum(s.get("kind") == "human" for s in seats)
    return f"{free} of {people} seat{'s' if people != 1 else ''} free"


def power_label(seat: dict[str, Any]) -> str:
    """A seat's power as people know it: 'Germany (GER)', or the id when there is no
    other name (the lobby adds ``power_name`` from the host's scenario list)."""
    name = seat.get("power_name") or seat["power"]
    return name if name == seat["power"] else f"{name} ({seat['power']})"


def shipped_powers(scenario: str) -> dict[str, str]:
    """Power id -> name of a shipped scenario, by short name or title (a summary names its
    scenario by title); empty when none matches."""
    details = local_details(scenario)
    if details is None:
        from game.maps import list_scenarios
        info = next((i for i in list_scenarios() if i.title == scenario), None)
        return {p.id: p.name for p in info.powers} if info else {}
    return {p["id"]: p.get("name") or p["id"] for p in details.get("powers", [])}


def with_power_names(matches: list[dict[str, Any]],
                     names: dict[str, dict[str, str]]) -> list[dict[str, Any]]:
    """The match summaries with each seat's ``power_name``, from the scenarios' powers
    (``names``: scenario -> power id -> name; a scenario the host did not describe is
    looked up among the shipped ones)."""
    for summary in matches:
        scenario = str(summary.get("scenario", ""))
        if scenario not in names:
            names[scenario] = shipped_powers(scenario)
        for seat in summary.get("seats", []):
            seat["power_name"] = names[scenario].get(seat["power"], seat["power"])
    return matches


def match_item(summary: dict[str, Any], same: bool = False) -> str:
    """One line of the match list; ``same``: another match has the same line, so the id is
    added to tell them apart."""
    name = summary.get("name") or "Unnamed match"
    if summary.get("phase") == "over":
        state = "finished"
    else:
        state = f"turn {summary.get('turn', 1)}, {seat_words(summary)}"
    lock = " · password" if summary.get("password") else ""
    line = f"{name} — {summary.get('scenario', '')} · {state}{lock}"
    return f"{line}  [{summary['match']}]" if same else line


def match_items(matches: list[dict[str, Any]]) -> list[str]:
    """The match list's lines, each unique (list widgets tell items apart by text)."""
    plain = [match_item(m) for m in matches]
    return [match_item(m, plain.count(line) > 1) for m, line in zip(matches, plain)]


class LobbyScreen(Scene):
    """The host's matches; join, spectate, rejoin or create (see the module docstring)."""

    def __init__(self, app: App, conn: Any, *, server: str, book: SeatBook,
                 on_open: Callable[[Any, Opener, str], None],
                 on_create: Callable[[], None], on_quit: Callable[[], None] | None = None,
                 on_reconnect: Callable[[], None] | None = None,
                 player: str = "", message: str = "", select: str | None = None,
                 password: str = "") -> None:
        super().__init__(app)
        self.conn = conn
        self.server = server
        self.book = book
        self.on_open = on_open
        self.on_create = on_create
        self.on_quit = on_quit
        self.on_reconnect = on_reconnect      # a fresh connection once this one gave up
        self.player = player
        self.password = password      # the box's first text (casus join's CASUS_PASSWORD)
        self.message = message
        self.error = ""
        self.matches: list[dict[str, Any]] = []
        self.chosen: str | None = select        # a match id
        self.held: list[HeldSeat] = []
        self.held_choice: int | None = None
        self.seat_choice: str | None = None
        self.widgets: dict[str, Any] = {}
        self.list_rid: Any = None
        # The host sends the list a page at a time (PROTOCOL.md §5): this page's first
        # match, how many there are in all, and the next page's offset (None after the last).
        self.offset = 0
        self.total = 0
        self.next_offset: int | None = None
        # The address to give players on other machines (this one's network address when
        # the lobby reaches the host on loopback, as on the facilitator's laptop), or None
        # when that host listens on loopback only.
        self.give = room_address(server)
        # Power names by scenario (the match summaries carry only ids): the shipped
        # scenarios' from this client's own files, others' from the host's scenario list.
        self.power_names: dict[str, dict[str, str]] = {}
        self.scenarios_rid: Any = None
        self.loaded = False
        self.since_refresh = 0.0
        self.opener: Opener | None = None
        self.opening_seat = ""                  # the seat being taken (for the seat book)

    # --- what is chosen ---------------------------------------------------------------------

    @property
    def match(self) -> dict[str, Any] | None:
        return next((m for m in self.matches if m["match"] == self.chosen), None)

    def refresh(self) -> None:
        if self.conn.status == CLOSED and self.on_reconnect is not None:
            self.on_reconnect()
            return
        if self.conn.status == OPEN or self.list_rid is None:
            request: dict[str, Any] = {"type": "list_matches"}
            if self.offset:
                request["offset"] = self.offset
            # The seats the card lists (read from the seat book on entering), not the file
            # again at every periodic refresh.
            held = list(dict.fromkeys(h.match for h in self.held))
            if held:        # the host lists these first (PROTOCOL.md, list_matches)
                request["held"] = held
            if LIST_PAGE != HOST_PAGE:
                request["limit"] = LIST_PAGE
            self.list_rid = self.conn.send(request)
            self.since_refresh = 0.0

    def page(self, step: int) -> None:
        """The next (``step`` 1) or previous (-1) page of the host's matches."""
        if step > 0 and self.next_offset is None:
            return
        self.offset = self.next_offset if step > 0 else max(0, self.offset - LIST_PAGE)
        self.refresh()

    def page_words(self) -> str:
        """'Matches 101–200 of 250' when the list has more than one page, else ''."""
        if self.offset == 0 and self.next_offset is None:
            return ""
        first, last = self.offset + 1, self.offset + len(self.matches)
        return f"{first}–{last} of {self.total}" if last > first else f"{first} of {self.total}"

    # --- layout -----------------------------------------------------------------------------

    def columns(self) -> tuple[pygame.Rect, pygame.Rect, pygame.Rect]:
        return three_columns(self.app.size, 0.42, 0.30)

    # --- widgets ----------------------------------------------------------------------------

    def enter(self) -> None:
        self.held = self.book.for_server(self.server)
        left, mid, right = self.columns()
        m = self.manager
        list_h = int(left.height * 0.52)
        self.widgets["matches"] = UISelectionList(
            pygame.Rect(left.x + 14, left.y + 44, left.width - 28, list_h), self._items(), m,
            default_selection=self._item_of(self.chosen))
        self.widgets["details"] = UITextBox(self._details(), pygame.Rect(
            left.x + 14, left.y + 54 + list_h, left.width - 28, left.height - list_h - 122), m)
        self.widgets["refresh"] = UIButton(pygame.Rect(left.x + 14, left.bottom - 58, 130, 42),
                                           "Refresh", m, tool_tip_text="Ask the host again (F5)")
        # Paging, between Refresh and Create: shown only when the host has more than a page.
        self.widgets["earlier"] = UIButton(pygame.Rect(left.x + 150, left.bottom - 58, 44, 42),
                                           "‹", m, tool_tip_text="The previous page of matches")
        self.widgets["more"] = UIButton(pygame.Rect(left.x + 198, left.bottom - 58, 44, 42),
                                        "›", m, tool_tip_text="The next page of matches")
        self.widgets["create"] = UIButton(
            pygame.Rect(left.right - 214, left.bottom - 58, 200, 42), "Create a match…", m,
            tool_tip_text="Choose a scenario, who plays each power, fog and a deadline")
        y = mid.y + 70
        name = UITextEntryLine(pygame.Rect(mid.x + 14, y, mid.width - 28, 34), m,
                               initial_text=self.player, placeholder_text="Your name")
        name.set_text_length_limit(MAX_NAME)
        self.widgets["name"] = name
        self.widgets["password"] = UITextEntryLine(
            pygame.Rect(mid.x + 14, y + 146, mid.width - 28, 34), m,
            initial_text=self.password, placeholder_text="Password (if the match has one)")
        self.widgets["password"].set_text_hidden(True)
        self.widgets["join"] = UIButton(pygame.Rect(mid.x + 14, mid.bottom - 112,
                                                    mid.width - 28, 48),
                                        "Join", m, object_id="#primary_button")
        self.widgets["team"] = UIButton(pygame.Rect(mid.x + 14, mid.bottom - 166,
                                                    mid.width - 28, 42),
                                        "Join the team…", m,
                                        tool_tip_text="Join the team of a power whose seat "
                                                      "is taken, with a role")
        self.widgets["spectate"] = UIButton(pygame.Rect(mid.x + 14, mid.bottom - 58,
                                                        mid.width - 28, 42),
                                            "Spectate", m,
                                            tool_tip_text="Watch the public view, no seat")
        self._hold_choice_of(self.chosen)
        self._build_held_list()
        self.widgets["rejoin"] = UIButton(pygame.Rect(right.x + 14, right.bottom - 112,
                                                      right.width - 28, 48), "Rejoin", m)
        self.widgets["forget"] = UIButton(pygame.Rect(right.x + 14, right.bottom - 58,
                                                      right.width - 28, 42), "Forget", m,
                                          tool_tip_text="Remove the seat from this list "
                                                        "(its token is lost)")
        if self.on_quit is not None:
            w, _ = self.app.size
            self.widgets["quit"] = UIButton(pygame.Rect(w - 110, 22, 90, 34), "Quit", m)
        self._build_seat_menu()
        self._sync_buttons()
        if not self.loaded:
            self.refresh()

    def _build_held_list(self) -> None:
        """The seats this player holds on this host, the chosen one selected (none held:
        no list, the card explains what will appear there)."""
        old = self.widgets.pop("held", None)
        if old is not None:
            old.kill()
        if not self.held:
            return
        _, _, right = self.columns()
        items = [h.describe() for h in self.held]
        chosen = items[self.held_choice] if self.held_choice is not None else None
        self.widgets["held"] = UISelectionList(
            pygame.Rect(right.x + 14, right.y + 44, right.width - 28, right.height - 170),
            items, self.manager, default_selection=chosen)

    def _hold_choice_of(self, match_id: str | None) -> bool:
        """Choose the first seat this player holds in ``match_id``, if any, so that Rejoin
        takes them back to the match they picked in the list; whether that changed it."""
        mine = next((i for i, h in enumerate(self.held) if h.match == match_id), None)
        if mine is None or mine == self.held_choice:
            return False
        self.held_choice = mine
        return True

    def _build_seat_menu(self) -> None:
        old = self.widgets.pop("seat", None)
        if old is not None:
            old.kill()
        _, mid, _ = self.columns()
        match = self.match
        free = free_seats(match) if match else []
        if self.seat_choice not in free:
            self.seat_choice = free[0] if free else None
        seats = {s["power"]: s for s in (match or {}).get("seats", [])}
        options = [(power_label(seats[p]), p) for p in free] or [(NO_SEAT, NO_SEAT)]
        chosen = next((o for o in options if o[1] == self.seat_choice), options[0])
        self.widgets["seat"] = UIDropDownMenu(options, chosen,
                                              pygame.Rect(mid.x + 14, mid.y + 142,
                                                          mid.width - 28, 34), self.manager)

    def _sync_buttons(self) -> None:
        match = self.match
        busy = self.opener is not None
        can_join = match is not None and bool(free_seats(match)) and not busy \
            and match.get("phase") != "over"
        can_team = match is not None and bool(team_seats(match)) and not busy \
            and match.get("phase") != "over"
        paged = self.offset > 0 or self.next_offset is not None
        for name in ("earlier", "more"):
            button = self.widgets.get(name)
            if button is not None and button.visible != paged:
                (button.show if paged else button.hide)()
        for name, ok in (("join", can_join), ("spectate", match is not None and not busy),
                         ("team", can_team),
                         ("earlier", self.offset > 0), ("more", self.next_offset is not None),
                         ("rejoin", self.held_choice is not None and not busy),
                         ("forget", self.held_choice is not None and not busy)):
            button = self.widgets.get(name)
            if button is not None and button.is_enabled != ok:
                (button.enable if ok else button.disable)()

    def leave(self) -> None:
        self._read_name()
        kill_widgets(self.widgets)
        self.widgets = {}

    def _read_name(self) -> None:
        entry = self.widgets.get("name")
        if entry is not None:
            self.player = entry.get_text().strip()

    def _rebuild_list(self) -> None:
        """The match list again, the chosen match selected (only when it changed, so the
        periodic refresh does not reset the scroll under the player's mouse)."""
        old = self.widgets.get("matches")
        items = self._items()
        if old is not None and [i["text"] for i in old.item_list] == items:
            return
        rect = old.relative_rect if old is not None else None
        if old is not None:
            old.kill()
        self.widgets["matches"] = UISelectionList(rect, items, self.manager,
                                                  default_selection=self._item_of(self.chosen))

    def _items(self) -> list[str]:
        return match_items(self.matches)

    def _item_of(self, match_id: str | None) -> str | None:
        return next((line for m, line in zip(self.matches, self._items())
                     if m["match"] == match_id), None)

    def _details(self) -> str:
        match = self.match
        if match is None:
            if not self.loaded:
                return "<i>Asking the host for its matches…</i>"
            if not self.matches:
                return "<i>No match on this host yet: create one.</i>"
            return "<i>Choose a match in the list to see its seats.</i>"
        lines = [f"<b>{html.escape(match.get('name') or 'Unnamed match')}</b> — "
                 f"{html.escape(str(match.get('scenario', '')))}, "
                 f"{html.escape(str(match.get('label', '')))}"]
        for seat in match.get("seats", []):
            kind = seat.get("kind")
            if kind == "empty":
                who = "<i>nobody (its units hold)</i>"
            elif kind == "bot":
                who = "a bot" + (f" ({html.escape(seat['personality'])})"
                                 if seat.get("personality") else "")
            elif seat.get("occupied"):
                who = html.escape(seat.get("name") or "taken")
                team = len(seat.get("members") or [])
                if team:     # a workshop team: the lead and its members
                    who += f" and {team} more in the team"
            else:
                who = "<font color='#2e6e38'><b>free</b></font>"
            lines.append(f"{html.escape(power_label(seat))}: {who}")
        rules = ["fog of war" if match.get("fog") else "no fog"]
        deadline = match.get("deadline")
        rules.append(f"{_duration(deadline)} a turn" if deadline else "no deadline")
        if match.get("password"):
            rules.append("password")
        # The id the projector and the console are opened with (casus join --match ID).
        rules.append(f"match id <b>{html.escape(str(match.get('match', '')))}</b>")
        lines.append("<br>" + " · ".join(rules))
        return "<br>".join(lines)

    # --- events -----------------------------------------------------------------------------

    def handle(self, event: pygame.event.Event) -> bool:
        w = self.widgets
        if event.type == pygame_gui.UI_SELECTION_LIST_NEW_SELECTION:
            if event.ui_element is w.get("matches"):
                self.choose(next((m["match"] for m, line in zip(self.matches, self._items())
                                  if line == event.text), None))
                return True
            if event.ui_element is w.get("held"):
                items = [h.describe() for h in self.held]
                self.held_choice = items.index(event.text) if event.text in items else None
                self._sync_buttons()
                return True
        if event.type == pygame_gui.UI_SELECTION_LIST_DOUBLE_CLICKED_SELECTION:
            if event.ui_element is w.get("held"):
                self.rejoin()
                return True
        if event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED and event.ui_element is w.get("seat"):
            chosen = getattr(event, "selected_option_id", None) or event.text
            self.seat_choice = chosen if chosen != NO_SEAT else None
            return True
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            actions = {"refresh": self.refresh, "create": self.create, "join": self.join,
                       "earlier": lambda: self.page(-1), "more": lambda: self.page(1),
                       "team": self.join_team,
                       "spectate": self.spectate, "rejoin": self.rejoin,
                       "forget": self.forget, "quit": self.on_quit}
            for name, action in actions.items():
                if event.ui_element is w.get(name) and action is not None:
                    action()
                    return True
        if event.type == pygame.KEYDOWN and event.key == pygame.K_F5:
            self.refresh()
            return True
        return False

    def choose(self, match_id: str | None) -> None:
        picked = match_id != self.chosen
        self.chosen = match_id
        if "details" in self.widgets:
            self.widgets["details"].set_text(self._details())
            self._build_seat_menu()
            # Only a new pick moves the seat choice: a refresh keeps the player's own.
            if picked and self._hold_choice_of(match_id):
                self._build_held_list()
            self._sync_buttons()

    def create(self) -> None:
        self._read_name()
        self.on_create()

    def join(self) -> None:
        self._read_name()
        match = self.match
        if match is None:
            self.error = "Choose a match in the list first."
            return
        if not self.player:
            self.error = "Write your name first: the other players see it."
            return
        if self.seat_choice is None:
            self.error = "This match has no free seat: spectate it, or choose another."
            return
        request: dict[str, Any] = {"type": "join", "match": match["match"],
                                   "seat": self.seat_choice, "name": self.player}
        password = self.widgets["password"].get_text() if "password" in self.widgets else ""
        if password:
            request["password"] = password
        self._open(request, self.seat_choice)

    def join_team(self) -> None:
        """Ask for a name and a role, then join a taken seat's team (lobby_team.py)."""
        self._read_name()
        match = self.match
        if match is None:
            self.error = "Choose a match in the list first."
            return
        password = self.widgets["password"].get_text() if "password" in self.widgets else ""
        self.error, self.message = "", ""
        self.app.push(TeamJoinScreen(self.app, self.conn, match, on_open=self.on_open,
                                     on_back=self.app.pop, player=self.player,
                                     password=password))

    def spectate(self) -> None:
        match = self.match
        if match is None:
            self.error = "Choose a match in the list first."
            return
        request: dict[str, Any] = {"type": "spectate", "match": match["match"]}
        password = self.widgets["password"].get_text() if "password" in self.widgets else ""
        if password:
            request["password"] = password
        self._open(request, "spectator")

    def rejoin(self) -> None:
        if self.held_choice is None or self.held_choice >= len(self.held):
            self.error = "Choose one of your seats in the list first."
            return
        held = self.held[self.held_choice]
        self._read_name()
        self.player = self.player or held.player
        self._open({"type": "rejoin", "match": held.match, "token": held.token}, held.seat)

    def forget(self) -> None:
        if self.held_choice is None or self.held_choice >= len(self.held):
            return
        held = self.held[self.held_choice]
        try:
            self.book.forget(held.server, held.match, held.seat)
        except OSError as err:   # the seat book cannot be written: the seat stays listed
            self.error = f"Could not forget it: {self.book.path} ({err.strerror or err})."
            return
        self.held_choice = None
        self.message = f"Forgot your seat {held.describe()}."
        self.leave()
        self.enter()

    def _open(self, request: dict[str, Any], seat: str) -> None:
        self.error, self.message = "", ""
        self.opening_seat = seat
        self.opener = Opener(self.conn, request)
        self._sync_buttons()

    # --- each frame -------------------------------------------------------------------------

    def update(self, dt: float) -> None:
        self.since_refresh += dt
        messages = self.conn.poll()
        if self.opener is not None:
            self.opener.step(messages)
            messages, self.opener.others = self.opener.others, []
        for message in messages:
            self._take(message)
        if self.opener is not None and self.opener.done:
            opener, self.opener = self.opener, None
            self.on_open(self.conn, opener, self.player)
            return
        if self.opener is not None and self.opener.failed:
            self.error = self.opener.error
            if self.opening_seat and self.opener.request.get("type") == "rejoin" \
                    and "no longer" in self.error:
                self.error += " Forget it to tidy the list."
            self.opener = None
            self._sync_buttons()
            self.refresh()
        if self.since_refresh > REFRESH_SECONDS and self.opener is None \
                and self.conn.status != CLOSED:
            self.refresh()

    def _take(self, message: dict[str, Any]) -> None:
        kind = message.get("type")
        if kind == "match_list" and message.get("rid") == self.list_rid:
            self.loaded = True
            self.matches = with_power_names(list(message.get("matches", [])),
                                            self.power_names)
            self.total = int(message.get("total", len(self.matches)))
            self.offset = int(message.get("offset", self.offset))
            self.next_offset = message.get("next")
            if not self.matches and self.offset > 0:
                # Matches ended since this page was asked for: back to the first page.
                self.offset = 0
                self.refresh()
                return
            if self.scenarios_rid is None and any(
                    not self.power_names.get(str(m.get("scenario", ""))) for m in self.matches):
                # A scenario this client does not ship: the host's list names its powers
                # (asked once, and only then: loading every scenario costs the host time).
                self.scenarios_rid = self.conn.send({"type": "list_scenarios"})
            if self.chosen not in {m["match"] for m in self.matches}:
                # The host's order puts what the player most likely wants first.
                self.chosen = self.matches[0]["match"] if self.matches else None
                if self._hold_choice_of(self.chosen) and "matches" in self.widgets:
                    self._build_held_list()
            if "matches" in self.widgets:
                self._rebuild_list()
                self.choose(self.chosen)
        elif kind == "scenario_list" and message.get("rid") == self.scenarios_rid:
            for details in message.get("details", []):
                if isinstance(details, dict) and "name" in details:
                    powers = {p["id"]: p.get("name") or p["id"]
                              for p in details.get("powers", [])
                              if isinstance(p, dict) and "id" in p}
                    # A match summary names its scenario by title: keep both.
                    for key in (details["name"], details.get("title")):
                        if key:
                            self.power_names[str(key)] = powers
            with_power_names(self.matches, self.power_names)
            if "matches" in self.widgets:
                self.choose(self.chosen)
        elif kind == "error":
            self.error = str(message.get("message", "the host refused"))
        elif kind == "connection" and message.get("message"):
            self.message = str(message["message"]).capitalize()

    # --- drawing ----------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        paper_background(surface)
        left, mid, right = self.columns()
        blit_text(surface, "Casus Foederis", (left.x, left.y - 78), size=36, bold=True,
                  style="serif", colour=palette.PARCHMENT)
        online = f"Online, on {self.server.split('://', 1)[-1]} — {self.conn.status}"
        if self.give is None:
            online += " · only this machine can join (casus host --host 0.0.0.0 opens it)"
        elif self.give != self.server:    # the host runs here: others need its room address
            online += f" · others join with {self.give}"
        blit_text(surface, online, (left.x + 2, left.y - 32), size=15,
                  colour=(250, 246, 236), bold=True)
        paging = self.page_words()
        for rect, title in ((left, "Matches on this host" + (f" · {paging}" if paging else "")),
                            (mid, "Take a seat"), (right, "Your seats here")):
            card(surface, rect)
            blit_text(surface, title, (rect.x + 14, rect.y + 12), size=19, bold=True,
                      style="serif")
        blit_text(surface, "Your name", (mid.x + 14, mid.y + 48), size=13, colour=FAINT)
        blit_text(surface, "Seat", (mid.x + 14, mid.y + 120), size=13, colour=FAINT)
        blit_text(surface, "Password", (mid.x + 14, mid.y + 194), size=13, colour=FAINT)
        if not self.held:
            blit_text(surface, "Seats you take are remembered here (with their tokens), so "
                      "you can rejoin after closing the game.", (right.x + 14, right.y + 60),
                      size=13, colour=FAINT, width=right.width - 28)
        y = mid.y + 250
        if self.opener is not None:
            y = blit_text(surface, "Taking the seat…", (mid.x + 14, y), size=14, bold=True,
                          colour=palette.INK_SOFT, width=mid.width - 28)
        if self.message:
            y = blit_text(surface, self.message, (mid.x + 14, y), size=14, colour=GREEN_INK,
                          bold=True, width=mid.width - 28) + 6
        if self.error:
            y = blit_text(surface, self.error, (mid.x + 14, y), size=14, colour=RED_INK,
                          bold=True, width=mid.width - 28) + 6
        if self.conn.status == CLOSED:
            blit_text(surface, "The connection to the host is closed: Refresh connects "
                      "again.", (mid.x + 14, y), size=14, colour=RED_INK, bold=True,
                      width=mid.width - 28)


def _duration(seconds: float) -> str:
    s = int(seconds)
    if s % 3600 == 0:
        return f"{s // 3600} h"
    if s % 60 == 0:
        return f"{s // 60} min"
    return f"{s} s"
