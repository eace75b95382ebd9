"""The start screen of hot-seat play: pick a scenario, say who sits at each power, fog on or
off, and start; or resume a saved game from the list.

Every seat is a person (with a name), a bot (with a personality) or empty (its units
hold). At least one person must play.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

import pygame
import pygame_gui
from pygame_gui.elements import (UIButton, UIDropDownMenu, UISelectionList, UITextBox,
                                 UITextEntryLine)

from game.bots import PERSONALITIES

from game.words import palette
from ..app import App, Scene
from ..hotseat.saves import SaveInfo, list_saves
from ..hotseat.table import SeatChoice
from .common import (FAINT, RED_INK, blit_text, card, kill_widgets, paper_background, swatch,
                     text_height, three_columns)

PERSON, BOT, EMPTY = "Person", "Bot", "Empty"
KINDS = {PERSON: "human", BOT: "bot", EMPTY: "empty"}
MAX_NAME = 40
ROW = 40


def bot_personalities() -> tuple[str, ...]:
    """The bots' personalities, the default first."""
    return tuple(PERSONALITIES)


@dataclass(frozen=True)
class NewGame:
    """What the start screen hands over to begin a game."""

    scenario: str                    # the short name, e.g. "europe-1939"
    seats: dict[str, SeatChoice]
    fog: bool


@dataclass
class SeatRow:
    power: str
    name: str
    colour: tuple[int, int, int]
    kind: str = PERSON
    player: str = ""
    personality: str = ""


class StartScreen(Scene):
    """New game and resume, side by side."""

    def __init__(self, app: App, *, scenarios: Sequence, saves_dir: Path,
                 on_new: Callable[[NewGame], None], on_resume: Callable[[Path], None],
                 initial: str | None = None, message: str = "") -> None:
        super().__init__(app)
        self.scenarios = list(scenarios)
        self.saves_dir = Path(saves_dir)
        self.on_new = on_new
        self.on_resume = on_resume
        self.personalities = bot_personalities()
        names = [s.name for s in self.scenarios]
        self.chosen = names.index(initial) if initial in names else 0
        self.fog = True
        self.rows: list[SeatRow] = []
        self.saves: list[SaveInfo] = []
        self.save_choice: int | None = None
        self.error = message
        self.widgets: dict[str, object] = {}
        self.seat_widgets: list[dict[str, object]] = []
        self._seat_rows()

    # --- model ----------------------------------------------------------------------------

    @property
    def scenario(self):
        return self.scenarios[self.chosen] if self.scenarios else None

    def _seat_rows(self) -> None:
        sc = self.scenario
        self.rows = []
        if sc is None:
            return
        for i, p in enumerate(sc.powers):
            kind = PERSON if i < 2 else BOT
            self.rows.append(SeatRow(p.id, p.name, palette.hex_colour(p.color), kind,
                                     f"Player {i + 1}" if i < 2 else "",
                                     self.personalities[0]))

    def new_game(self) -> NewGame | None:
        """The game the form describes, or None (with ``error`` saying why)."""
        sc = self.scenario
        if sc is None:
            self.error = "There is no scenario to play: the shipped scenario folder holds none that can be read."
            return None
        self._read_names()
        seats = {r.power: SeatChoice(KINDS[r.kind], r.player.strip()[:MAX_NAME],
                                     r.personality if r.kind == BOT else "")
                 for r in self.rows}
        if not any(c.kind == "human" for c in seats.values()):
            self.error = "At least one seat must be a person: somebody has to play."
            return None
        return NewGame(sc.name, seats, self.fog)

    # --- layout -------------------------------------------------------------------------------

    def columns(self) -> tuple[pygame.Rect, pygame.Rect, pygame.Rect]:
        return three_columns(self.app.size, 0.31, 0.39)

    # --- widgets ------------------------------------------------------------------------------

    def enter(self) -> None:
        self.saves = list_saves(self.saves_dir)
        left, mid, right = self.columns()
        m = self.manager
        titles = [s.title for s in self.scenarios]
        self.widgets["scenarios"] = UISelectionList(
            pygame.Rect(left.x + 14, left.y + 44, left.width - 28, min(150, 30 * len(titles) + 6)),
            titles, m, default_selection=titles[self.chosen] if titles else None)
        list_bottom = left.y + 44 + min(150, 30 * len(titles) + 6)
        self.widgets["about"] = UITextBox(self._about(), pygame.Rect(
            left.x + 14, list_bottom + 10, left.width - 28, left.bottom - list_bottom - 24), m)
        self.widgets["fog"] = UIButton(pygame.Rect(mid.x + 14, mid.bottom - 112, 220, 36),
                                       self._fog_text(), m,
                                       tool_tip_text="With fog, you see only your lands, "
                                                     "their neighbours and your allies'")
        self.widgets["start"] = UIButton(pygame.Rect(mid.x + 14, mid.bottom - 64,
                                                     mid.width - 28, 48),
                                         "Start the game", m, object_id="#primary_button")
        items = [self._save_item(s) for s in self.saves]
        self.widgets["saves"] = UISelectionList(
            pygame.Rect(right.x + 14, right.y + 44, right.width - 28, right.height - 190),
            items, m)
        self.widgets["resume"] = UIButton(pygame.Rect(right.x + 14, right.bottom - 64,
                                                      right.width - 28, 48),
                                          "Resume", m)
        if not self.saves:
            self.widgets["resume"].disable()
        self._build_seats()

    def _build_seats(self) -> None:
        self._read_names()
        kill_widgets(*self.seat_widgets)
        self.seat_widgets = []
        _, mid, _ = self.columns()
        m = self.manager
        kinds = [PERSON, BOT, EMPTY]
        x_kind = mid.x + 190
        x_who = x_kind + 112
        who_w = mid.right - 14 - x_who
        for i, row in enumerate(self.rows):
            y = mid.y + 44 + i * ROW
            widgets: dict[str, object] = {
                "kind": UIDropDownMenu(kinds, row.kind, pygame.Rect(x_kind, y, 104, 32), m)}
            if row.kind == PERSON:
                entry = UITextEntryLine(pygame.Rect(x_who, y, who_w, 32), m,
                                        initial_text=row.player,
                                        placeholder_text=f"{row.name}'s player")
                entry.set_text_length_limit(MAX_NAME)
                widgets["name"] = entry
            elif row.kind == BOT:
                widgets["personality"] = UIDropDownMenu(
                    list(self.personalities), row.personality or self.personalities[0],
                    pygame.Rect(x_who, y, who_w, 32), m)
            self.seat_widgets.append(widgets)

    def _read_names(self) -> None:
        for row, widgets in zip(self.rows, self.seat_widgets):
            entry = widgets.get("name")
            if isinstance(entry, UITextEntryLine):
                row.player = entry.get_text()

    def leave(self) -> None:
        self._read_names()
        kill_widgets(self.widgets, *self.seat_widgets)
        self.widgets, self.seat_widgets = {}, []

    def _about(self) -> str:
        sc = self.scenario
        if sc is None:
            return "<i>No scenario found in game/data/maps/.</i>"
        powers = ", ".join(html.escape(p.name) for p in sc.powers)
        turns = f"{sc.max_turns} turns" if sc.max_turns else "no turn limit"
        return (f"<b>{html.escape(sc.title)}</b><br><br>{html.escape(sc.description)}<br><br>"
                f"<b>Powers:</b> {powers}<br><b>Length:</b> {turns}")

    def _fog_text(self) -> str:
        return f"Fog of war: {'on' if self.fog else 'off'}"

    @staticmethod
    def _save_item(info: SaveInfo) -> str:
        state = "finished" if info.over else f"turn {info.turn} · {info.label}"
        return f"{info.title} — {state}"

    # --- events -------------------------------------------------------------------------------

    def handle(self, event: pygame.event.Event) -> bool:
        w = self.widgets
        if event.type == pygame_gui.UI_SELECTION_LIST_NEW_SELECTION:
            if event.ui_element is w.get("scenarios"):
                titles = [s.title for s in self.scenarios]
                if event.text in titles:
                    self.chosen = titles.index(event.text)
                    self.error = ""
                    self._seat_rows()
                    self.widgets["about"].set_text(self._about())
                    self._build_seats()
                return True
            if event.ui_element is w.get("saves"):
                items = [self._save_item(s) for s in self.saves]
                self.save_choice = items.index(event.text) if event.text in items else None
                self.error = ""
                return True
        if event.type == pygame_gui.UI_SELECTION_LIST_DOUBLE_CLICKED_SELECTION \
                and event.ui_element is w.get("saves"):
            self.resume()
            return True
        if event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED:
            for row, widgets in zip(self.rows, self.seat_widgets):
                if event.ui_element is widgets.get("kind"):
                    row.kind = event.text
                    self.error = ""      # it answered the last Start or Resume, now stale
                    if row.kind == PERSON and not row.player:
                        row.player = ""
                    self._build_seats()
                    return True
                if event.ui_element is widgets.get("personality"):
                    row.personality = event.text
                    return True
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is w.get("fog"):
                self.fog = not self.fog
                w["fog"].set_text(self._fog_text())
                return True
            if event.ui_element is w.get("start"):
                self.start()
                return True
            if event.ui_element is w.get("resume"):
                self.resume()
                return True
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER) \
                and event.mod & pygame.KMOD_CTRL:
            self.start()
            return True
        return False

    def start(self) -> None:
        game = self.new_game()
        if game is not None:
            self.error = ""
            self.on_new(game)

    def resume(self) -> None:
        if self.save_choice is None or self.save_choice >= len(self.saves):
            self.error = "Choose a saved game in the list first."
            return
        self.on_resume(self.saves[self.save_choice].path)

    # --- drawing ------------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        paper_background(surface)
        left, mid, right = self.columns()
        blit_text(surface, "Casus Foederis", (left.x, left.y - 78), size=36, bold=True,
                  style="serif", colour=palette.PARCHMENT)
        blit_text(surface, "Hot-seat: everyone at one screen, each planning in private, in "
                  "turn.", (left.x + 2, left.y - 32), size=15, colour=(250, 246, 236),
                  bold=True)
        for rect, title in ((left, "Scenario"), (mid, "Who plays"), (right, "Saved games")):
            card(surface, rect)
            blit_text(surface, title, (rect.x + 14, rect.y + 12), size=19, bold=True,
                      style="serif")
        for i, row in enumerate(self.rows):
            y = mid.y + 44 + i * ROW
            swatch(surface, row.colour, (mid.x + 24, y + 16))
            blit_text(surface, row.name, (mid.x + 38, y + 7), size=15, bold=True)
            if row.kind == EMPTY:
                blit_text(surface, "nobody: its units hold", (mid.x + 310, y + 9), size=13,
                          colour=FAINT)
        if not self.saves:
            blit_text(surface, "No saved games yet. Every game is saved after every "
                      f"action, in …/{'/'.join(self.saves_dir.parts[-2:])}, and listed here.",
                      (right.x + 14, right.bottom - 136), size=13, colour=FAINT,
                      width=right.width - 28)
        elif self.save_choice is not None and self.save_choice < len(self.saves):
            blit_text(surface, self.saves[self.save_choice].describe(),
                      (right.x + 14, right.bottom - 136), size=13, colour=palette.INK_SOFT,
                      width=right.width - 28)
        if self.error:
            # Drawn upwards from just above the Fog button, however many lines it takes.
            top = mid.bottom - 120 - text_height(self.error, mid.width - 28, bold=True)
            blit_text(surface, self.error, (mid.x + 14, top), size=14,
                      colour=RED_INK, bold=True, width=mid.width - 28)
