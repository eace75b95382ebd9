"""Create a match on the host: the scenario (from the host's list, with its description),
who plays each power (a person, a bot with a personality, or nobody), the match's name,
fog, a deadline per turn and an optional password; and for a facilitator's workshop
(docs/WORKSHOP.md) what the umpire's console would otherwise set after creating: review
before release, bot takeover of idle seats, the stage each turn opens in, the team size and
the named channels to open with.

``MatchForm`` holds the choices and builds the ``create_match`` request (PROTOCOL.md §5)
without pygame; ``CreateMatchScreen`` shows it, sends it, and hands the host's
``match_created`` reply to ``on_created``.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any, Callable

import pygame
import pygame_gui
from pygame_gui.elements import (UIButton, UIDropDownMenu, UISelectionList, UITextBox,
                                 UITextEntryLine)

from game import protocol
from game.match.channels import BILATERAL, NEGOTIATION, ORDERS, PLENARY, PRESS
from game.match.teams import MAX_TEAM_SIZE

from game.words import palette
from ..app import App, Scene
from .common import (FAINT, RED_INK, blit_text, card, kill_widgets, paper_background, swatch,
                     three_columns)
from .start import BOT, EMPTY, PERSON, bot_personalities

ROW = 40
DEFAULT_BOT = "default"
# Deadlines offered, in seconds (None: the turn waits for every ready flag).
DEADLINES: dict[str, float | None] = {
    "No deadline": None, "2 minutes": 120, "5 minutes": 300, "10 minutes": 600,
    "30 minutes": 1800, "1 hour": 3600, "1 day": 86400}
# The stage each turn opens in, as the form words it.
OPENINGS: dict[str, str] = {"Opens: orders": ORDERS, "Opens: talks": NEGOTIATION}
# How long the talks (negotiation stage) last before orders open by themselves.
TALKS: dict[str, float | None] = {"Talks: until opened": None, "Talks: 5 minutes": 300,
                                  "Talks: 10 minutes": 600, "Talks: 15 minutes": 900,
                                  "Talks: 30 minutes": 1800}
TEAM_SIZES: dict[str, int] = {("1 a team" if n == 1 else f"Up to {n} a team"): n
                              for n in range(1, MAX_TEAM_SIZE + 1)}
# The named channels a facilitator can open the match with (the console adds others).
CHANNEL_PRESETS: dict[str, str] = {PLENARY: "Plenary", PRESS: "Press",
                                   BILATERAL: "Bilaterals"}


def preset_channels(presets: set[str], powers: list[str],
                    names: dict[str, str]) -> list[dict[str, Any]]:
    """The channel configurations (as ``set_channel`` takes them) of the chosen presets: a
    plenary, an anonymous press channel, a bilateral line for every pair of powers."""
    channels: list[dict[str, Any]] = []
    if PLENARY in presets:
        channels.append({"id": "plenary", "kind": PLENARY, "name": "Plenary"})
    if PRESS in presets:
        channels.append({"id": "press", "kind": PRESS, "name": "Press"})
    if BILATERAL in presets:
        for i, a in enumerate(powers):
            for b in powers[i + 1:]:
                channels.append({"id": f"{a}-{b}"[:24], "kind": BILATERAL, "members": [a, b],
                                 "name": f"{names.get(a, a)} – {names.get(b, b)}"[:40]})
    return channels


@dataclass
class SeatPlan:
    power: str
    name: str
    colour: str
    kind: str = PERSON
    personality: str = ""


@dataclass
class MatchForm:
    """What the creator chose; ``request`` is the create_match message, or None with
    ``problem`` saying what to fix."""

    scenarios: list[dict[str, Any]]          # the host's scenario details
    personalities: tuple[str, ...] | None    # None: offer the host's default bot only
    chosen: int = 0
    name: str = ""
    fog: bool = True
    deadline: str = "No deadline"
    password: str = ""
    seats: list[SeatPlan] = field(default_factory=list)
    problem: str = ""
    # Workshop options: the defaults are an ordinary online match, and only a change from
    # them goes into the request.
    review: bool = False
    bot_takeover: bool = False
    opening: str = next(iter(OPENINGS))
    talks: str = next(iter(TALKS))
    team_size: str = list(TEAM_SIZES)[-1]
    channels: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        if not self.seats:
            self.choose(self.chosen)

    @property
    def scenario(self) -> dict[str, Any] | None:
        return self.scenarios[self.chosen] if 0 <= self.chosen < len(self.scenarios) else None

    def choose(self, index: int) -> None:
        """Pick a scenario: its powers become seats, all played by people."""
        self.chosen = index
        sc = self.scenario
        self.seats = [SeatPlan(p["id"], p.get("name") or p["id"], p.get("color", "#888888"))
                      for p in (sc or {}).get("powers", [])]

    def set_kind(self, power: str, kind: str) -> None:
        for seat in self.seats:
            if seat.power == power:
                seat.kind = kind
                if kind == BOT and not seat.personality:
                    seat.personality = (self.personalities or (DEFAULT_BOT,))[0]

    def request(self) -> dict[str, Any] | None:
        sc = self.scenario
        self.problem = ""
        if sc is None:
            self.problem = "The host offers no scenario to play."
            return None
        if not any(s.kind == PERSON for s in self.seats):
            self.problem = "At least one seat must be a person: somebody has to play."
            return None
        name, password = self.name.strip(), self.password
        for label, text in (("The match's name", name), ("The password", password)):
            if len(text) > protocol.MAX_ID_LENGTH:
                self.problem = f"{label} is longer than {protocol.MAX_ID_LENGTH} characters."
                return None
        message: dict[str, Any] = {"type": "create_match", "scenario": sc["name"],
                                   "fog": self.fog}
        if name:
            message["name"] = name
        if password:
            message["password"] = password
        if DEADLINES.get(self.deadline) is not None:
            message["deadline"] = DEADLINES[self.deadline]
        bots = [s.power for s in self.seats if s.kind == BOT]
        empty = [s.power for s in self.seats if s.kind == EMPTY]
        if bots:
            message["bots"] = bots
            chosen = {s.power: s.personality for s in self.seats
                      if s.kind == BOT and s.personality and s.personality != DEFAULT_BOT}
            if chosen:
                message["personalities"] = chosen
        if empty:
            message["empty"] = empty
        message.update(self.workshop_options())
        return message

    def workshop_options(self) -> dict[str, Any]:
        """The workshop fields of the request (only those changed from an ordinary match)."""
        options: dict[str, Any] = {}
        if self.review:
            options["review"] = True
        if self.bot_takeover:
            options["bot_takeover"] = True
        if OPENINGS[self.opening] != ORDERS:
            options["opening_stage"] = OPENINGS[self.opening]
        if TALKS[self.talks] is not None:
            options["talks_deadline"] = TALKS[self.talks]
        if TEAM_SIZES[self.team_size] != MAX_TEAM_SIZE:
            options["team_size"] = TEAM_SIZES[self.team_size]
        if self.channels:
            powers = [s.power for s in self.seats]
            options["channels"] = preset_channels(self.channels, powers,
                                                  {s.power: s.name for s in self.seats})
        return options


class CreateMatchScreen(Scene):
    """The create-a-match form (see the module docstring)."""

    def __init__(self, app: App, conn: Any, *, on_created: Callable[[dict[str, Any]], None],
                 on_back: Callable[[], None], name: str = "") -> None:
        super().__init__(app)
        self.conn = conn
        self.on_created = on_created
        self.on_back = on_back
        self.form = MatchForm([], bot_personalities(), name=name)
        self.loaded = False
        self.scenarios_rid = conn.send({"type": "list_scenarios"})
        self.create_rid: Any = None
        self.error = ""
        self.widgets: dict[str, Any] = {}
        self.seat_widgets: list[dict[str, Any]] = []

    # --- layout -----------------------------------------------------------------------------

    def columns(self) -> tuple[pygame.Rect, pygame.Rect, pygame.Rect]:
        return three_columns(self.app.size, 0.30, 0.40)

    # --- widgets ----------------------------------------------------------------------------

    def enter(self) -> None:
        left, mid, right = self.columns()
        m = self.manager
        titles = self._titles()
        list_h = min(180, 30 * max(1, len(titles)) + 6)
        self.widgets["scenarios"] = UISelectionList(
            pygame.Rect(left.x + 14, left.y + 44, left.width - 28, list_h), titles, m,
            default_selection=titles[self.form.chosen] if titles else None)
        self.widgets["about"] = UITextBox(self._about(), pygame.Rect(
            left.x + 14, left.y + 54 + list_h, left.width - 28, left.height - list_h - 68), m)
        y = right.y + 66
        name = UITextEntryLine(pygame.Rect(right.x + 14, y, right.width - 28, 34), m,
                               initial_text=self.form.name, placeholder_text="e.g. Friday night")
        name.set_text_length_limit(protocol.MAX_ID_LENGTH)
        self.widgets["name"] = name
        self.widgets["fog"] = UIButton(pygame.Rect(right.x + 14, y + 50, right.width - 28, 34),
                                       self._fog_text(), m,
                                       tool_tip_text="With fog, each power sees only its lands, "
                                                     "their neighbours and its allies'")
        half = (right.width - 36) // 2
        self.widgets["deadline"] = UIDropDownMenu(
            list(DEADLINES), self.form.deadline,
            pygame.Rect(right.x + 14, y + 122, half, 34), m)
        self.widgets["talks"] = UIDropDownMenu(
            list(TALKS), self.form.talks,
            pygame.Rect(right.x + 22 + half, y + 122, half, 34), m)
        self.widgets["talks"].set_tooltip("How long the talks (negotiation) last before "
                                          "orders open by themselves and the deadline runs")
        password = UITextEntryLine(pygame.Rect(right.x + 14, y + 194, right.width - 28, 34), m,
                                   initial_text=self.form.password,
                                   placeholder_text="none: anyone may join")
        password.set_text_length_limit(protocol.MAX_ID_LENGTH)
        password.set_text_hidden(True)
        self.widgets["password"] = password
        self._build_workshop(right, y + 262)
        self.widgets["create"] = UIButton(pygame.Rect(right.x + 14, right.bottom - 112,
                                                      right.width - 28, 48),
                                          "Create the match", m, object_id="#primary_button")
        self.widgets["back"] = UIButton(pygame.Rect(right.x + 14, right.bottom - 58,
                                                    right.width - 28, 42), "Back to the lobby", m)
        self._build_seats()

    def _build_workshop(self, right: pygame.Rect, y: int) -> None:
        """The workshop options, two to a row under their label."""
        m = self.manager
        x, w = right.x + 14, right.width - 28
        half = (w - 8) // 2
        third = (w - 16) // 3
        self.widgets["review"] = UIButton(
            pygame.Rect(x, y, half, 34), self._toggle_text("Review", self.form.review), m,
            tool_tip_text="Each result waits for the umpire to look at it and release it")
        self.widgets["takeover"] = UIButton(
            pygame.Rect(x + half + 8, y, half, 34),
            self._toggle_text("Bot takeover", self.form.bot_takeover), m,
            tool_tip_text="A seat with no orders at the deadline goes to a bot")
        self.widgets["opening"] = UIDropDownMenu(
            list(OPENINGS), self.form.opening, pygame.Rect(x, y + 42, half, 34), m)
        self.widgets["opening"].set_tooltip("Talks: each turn opens for negotiation only, "
                                            "until the umpire opens orders")
        self.widgets["team_size"] = UIDropDownMenu(
            list(TEAM_SIZES), self.form.team_size,
            pygame.Rect(x + half + 8, y + 42, half, 34), m)
        for i, (kind, label) in enumerate(CHANNEL_PRESETS.items()):
            self.widgets[f"channel:{kind}"] = UIButton(
                pygame.Rect(x + i * (third + 8), y + 84, third, 34),
                self._toggle_text(label, kind in self.form.channels), m,
                tool_tip_text={PLENARY: "A channel every power writes in and the room reads",
                               PRESS: "Anonymous statements: only the umpire sees who",
                               BILATERAL: "A private line for every pair of powers"}[kind])

    @staticmethod
    def _toggle_text(label: str, on: bool) -> str:
        return f"{label}: {'on' if on else 'off'}"

    def _build_seats(self) -> None:
        kill_widgets(*self.seat_widgets)
        self.seat_widgets = []
        _, mid, _ = self.columns()
        m = self.manager
        x_kind = mid.x + 190
        x_who = x_kind + 112
        who_w = mid.right - 14 - x_who
        for i, seat in enumerate(self.form.seats):
            y = mid.y + 44 + i * ROW
            widgets: dict[str, Any] = {"kind": UIDropDownMenu(
                [PERSON, BOT, EMPTY], seat.kind, pygame.Rect(x_kind, y, 104, 32), m)}
            if seat.kind == BOT:
                options = list(self.form.personalities or (DEFAULT_BOT,))
                widgets["personality"] = UIDropDownMenu(
                    options, seat.personality if seat.personality in options else options[0],
                    pygame.Rect(x_who, y, who_w, 32), m)
            self.seat_widgets.append(widgets)

    def leave(self) -> None:
        self._read_text()
        kill_widgets(self.widgets, *self.seat_widgets)
        self.widgets, self.seat_widgets = {}, []

    def _read_text(self) -> None:
        if "name" in self.widgets:
            self.form.name = self.widgets["name"].get_text()
            self.form.password = self.widgets["password"].get_text()

    def _titles(self) -> list[str]:
        """The list's lines: titles, with the short name where two titles are the same
        (each line must be unique to be told apart)."""
        titles = [str(s.get("title") or s["name"]) for s in self.form.scenarios]
        return [t if titles.count(t) == 1 else f"{t} ({s['name']})"
                for t, s in zip(titles, self.form.scenarios)]

    def _about(self) -> str:
        sc = self.form.scenario
        if sc is None:
            return ("<i>Asking the host for its scenarios…</i>" if not self.loaded
                    else "<i>The host offers no scenario.</i>")
        powers = ", ".join(html.escape(p.get("name") or p["id"]) for p in sc.get("powers", []))
        return (f"<b>{html.escape(str(sc.get('title') or sc['name']))}</b><br><br>"
                f"{html.escape(str(sc.get('description', '')))}<br><br>"
                f"<b>Powers:</b> {powers}")

    def _fog_text(self) -> str:
        return f"Fog of war: {'on' if self.form.fog else 'off'}"

    # --- events -----------------------------------------------------------------------------

    def handle(self, event: pygame.event.Event) -> bool:
        w = self.widgets
        if event.type == pygame_gui.UI_SELECTION_LIST_NEW_SELECTION \
                and event.ui_element is w.get("scenarios"):
            titles = self._titles()
            if event.text in titles:
                self.form.choose(titles.index(event.text))
                w["about"].set_text(self._about())
                self._build_seats()
            return True
        if event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED:
            if event.ui_element is w.get("deadline"):
                self.form.deadline = event.text
                return True
            if event.ui_element is w.get("talks"):
                self.form.talks = event.text
                return True
            if event.ui_element is w.get("opening"):
                self.form.opening = event.text
                return True
            if event.ui_element is w.get("team_size"):
                self.form.team_size = event.text
                return True
            for seat, widgets in zip(self.form.seats, self.seat_widgets):
                if event.ui_element is widgets.get("kind"):
                    self.form.set_kind(seat.power, event.text)
                    self._build_seats()
                    return True
                if event.ui_element is widgets.get("personality"):
                    seat.personality = event.text
                    return True
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is w.get("fog"):
                self.form.fog = not self.form.fog
                w["fog"].set_text(self._fog_text())
                return True
            if event.ui_element is w.get("review"):
                self.form.review = not self.form.review
                w["review"].set_text(self._toggle_text("Review", self.form.review))
                return True
            if event.ui_element is w.get("takeover"):
                self.form.bot_takeover = not self.form.bot_takeover
                w["takeover"].set_text(self._toggle_text("Bot takeover", self.form.bot_takeover))
                return True
            for kind, label in CHANNEL_PRESETS.items():
                if event.ui_element is w.get(f"channel:{kind}"):
                    self.form.channels ^= {kind}
                    w[f"channel:{kind}"].set_text(
                        self._toggle_text(label, kind in self.form.channels))
                    return True
            if event.ui_element is w.get("create"):
                self.create()
                return True
            if event.ui_element is w.get("back"):
                self._read_text()
                self.on_back()
                return True
        return False

    def create(self) -> None:
        self._read_text()
        message = self.form.request()
        if message is None:
            self.error = self.form.problem
            return
        self.error = ""
        self.create_rid = self.conn.send(message)

    # --- each frame -------------------------------------------------------------------------

    def update(self, dt: float) -> None:
        for message in self.conn.poll():
            rid = message.get("rid")
            if rid == self.scenarios_rid and message.get("type") == "scenario_list":
                self._scenarios(message)
            elif rid == self.create_rid and rid is not None:
                self.create_rid = None
                if message.get("type") == "match_created":
                    self.on_created(message)
                    return
                self.error = str(message.get("message", "the host refused"))
            elif message.get("type") == "error":
                self.error = str(message.get("message", "the host refused"))

    def _scenarios(self, message: dict[str, Any]) -> None:
        details = {d["name"]: d for d in message.get("details", []) if isinstance(d, dict)}
        scenarios = []
        for name in message.get("scenarios", []):
            scenarios.append(details.get(name) or local_details(name)
                             or {"name": name, "title": name, "description": "", "powers": []})
        self.loaded = True
        self.form.scenarios = scenarios
        self.form.choose(0)
        if self.widgets:
            self.leave()
            self.enter()

    # --- drawing ----------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        paper_background(surface)
        left, mid, right = self.columns()
        blit_text(surface, "Create a match", (left.x, left.y - 78), size=36, bold=True,
                  style="serif", colour=palette.PARCHMENT)
        blit_text(surface, "Creating does not seat you: join a seat in the lobby afterwards. "
                  "The umpire's token is kept under Your seats.", (left.x + 2, left.y - 32),
                  size=15, colour=(250, 246, 236), bold=True)
        for rect, title in ((left, "Scenario"), (mid, "Who plays"), (right, "The match")):
            card(surface, rect)
            blit_text(surface, title, (rect.x + 14, rect.y + 12), size=19, bold=True,
                      style="serif")
        for i, seat in enumerate(self.form.seats):
            y = mid.y + 44 + i * ROW
            swatch(surface, palette.hex_colour(seat.colour), (mid.x + 24, y + 16))
            blit_text(surface, seat.name, (mid.x + 38, y + 7), size=15, bold=True)
            if seat.kind == EMPTY:
                blit_text(surface, "nobody: its units hold", (mid.x + 310, y + 9), size=13,
                          colour=FAINT)
            elif seat.kind == PERSON:
                blit_text(surface, "a person joins it", (mid.x + 310, y + 9),
                          size=13, colour=FAINT)
        if self.form.seats and not self.form.personalities:
            blit_text(surface, "Bot seats get the host's default bot.",
                      (mid.x + 14, mid.bottom - 34), size=13, colour=FAINT)
        for label, dy in (("Name", 44), ("Deadline per turn (for orders) · for talks", 166),
                          ("Password", 238),
                          ("Workshop: review, bots, stages, teams, channels", 310)):
            blit_text(surface, label, (right.x + 14, right.y + dy), size=13, colour=FAINT)
        if self.error:
            blit_text(surface, self.error, (right.x + 14, right.bottom - 154), size=14,
                      colour=RED_INK, bold=True, width=right.width - 28)


def local_details(name: str) -> dict[str, Any] | None:
    """A shipped scenario's title, description and powers from game/data/maps/ (for a host that
    sends names only)."""
    try:
        from game.maps import list_scenarios
    except ImportError:
        return None
    for info in list_scenarios():
        if info.name == name:
            return {"name": name, "title": info.title, "description": info.description,
                    "powers": [{"id": p.id, "name": p.name, "color": p.color}
                               for p in info.powers]}
    return None
