"""The hot-seat game on the screens: start, hand-off, planning, war outcomes, match over.

``HotseatFlow`` asks the table (``HotseatGame.step``) what happens now and shows it:

    Plan(power)  -> the hand-off card, then that player's GameScreen; Done hands over
    Watch(record) -> the OutcomeScreen on the public (spectator) view
    Over(winner) -> the OverScreen with the scores

Each switch replaces the scene, so the previous player's screen has left (its widgets and
panels killed) before the hand-off card is drawn.
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from game.maps import MapFileError, ScenarioInfo, list_scenarios, load_scenario

from game.words import palette
from ..app import App
from ..connection import SaveError
from ..panels.brief import opening_tab
from ..screens.game import GameScreen
from ..screens.handoff import HandoffScreen
from ..screens.outcome import OutcomeScreen
from ..screens.over import OverScreen
from ..screens.start import NewGame, StartScreen
from .saves import new_save_path
from .table import HotseatGame, Over, Plan, Watch


class HotseatFlow:
    """Drives an ``App`` through a hot-seat game (and back to the start screen)."""

    def __init__(self, app: App, *, saves_dir: Path,
                 scenarios: Sequence[ScenarioInfo] | None = None,
                 initial: str | None = None) -> None:
        self.app = app
        self.saves_dir = Path(saves_dir)
        self.scenarios = list(list_scenarios() if scenarios is None else scenarios)
        self.initial = initial
        self.game: HotseatGame | None = None
        self.map_doc: dict = {}
        self.screen: GameScreen | None = None

    # --- starting -------------------------------------------------------------------------

    def start_menu(self, message: str = "") -> None:
        """Back to the start screen (the game in progress is already saved)."""
        self.close_game()
        self.app.reset(StartScreen(self.app, scenarios=self.scenarios, saves_dir=self.saves_dir,
                                   on_new=self.new_game, on_resume=self.resume,
                                   initial=self.initial, message=message))

    def new_game(self, setup: NewGame) -> None:
        info = next((s for s in self.scenarios if s.name == setup.scenario), None)
        try:
            scenario = load_scenario(info.path if info is not None else setup.scenario)
        except MapFileError as err:
            first = err.problems[0] if err.problems else err
            self.start_menu(f"That scenario cannot be played: {first}")
            return
        path = new_save_path(self.saves_dir, setup.scenario)
        try:
            game = HotseatGame.new(scenario, setup.seats, fog=setup.fog, save_path=path,
                                   scenario_key=setup.scenario)
        except (OSError, ValueError) as err:
            self.start_menu(f"The game could not start: {err}")
            return
        self.initial = setup.scenario
        self.open(game)

    def resume(self, path: Path) -> None:
        try:
            game = HotseatGame.resume(path)
        except (SaveError, OSError) as err:
            self.start_menu(str(err))
            return
        self.open(game)

    def open(self, game: HotseatGame) -> None:
        self.close_game()
        self.game = game
        self.map_doc = game.match.scenario.map_doc
        self.app.set_title(f"Casus Foederis — {game.match.scenario.name} (hot-seat)")
        self.advance()

    def close_game(self) -> None:
        if self.game is not None:
            self.game.close()
        self.game = None
        self.screen = None

    # --- the steps ------------------------------------------------------------------------

    def advance(self) -> None:
        """Show whatever the table does now."""
        game = self.game
        assert game is not None
        step = game.step()
        if isinstance(step, Plan):
            self.hand_to(step.power, step.round)
        elif isinstance(step, Watch):
            scenario = game.match.scenario
            self.screen = None
            self.app.replace(OutcomeScreen(
                self.app, step.record, map_doc=self.map_doc, powers=game.public.powers,
                on_continue=self.watched,
                title=f"{scenario.name}: war outcomes of {step.record.label}"))
        elif isinstance(step, Over):
            self.screen = None
            who = {p: (game.players.get(p) or f"bot ({seat.personality or 'default'})")
                   for p, seat in game.match.seats.items() if seat.kind != "empty"}
            self.app.replace(OverScreen(self.app, winner=step.winner,
                                        powers=game.public.powers, players=who,
                                        on_menu=self.start_menu,
                                        title=f"{game.match.scenario.name}: the end"))

    def hand_to(self, power: str, round_: int) -> None:
        game = self.game
        assert game is not None
        model = game.models[power]
        notes = []
        awaiting = len(model.awaiting_me())
        if round_ > 1:
            notes.append(f"Round {round_} of {model.label}: there is news in the diplomacy.")
        if awaiting:
            notes.append(f"{awaiting} proposal{'s await' if awaiting > 1 else ' awaits'} "
                         "your answer.")
        if model.report and round_ == 1:
            notes.append("Last turn's report is in the Report tab.")
        brief = opening_tab(model)
        if brief is not None and news_tab(game, power) == brief:   # the screen opens on it
            notes.append("Your brief opens first: your government's aims, fears and pacts, "
                         "for your eyes only.")
        colour = next((palette.power_colour(power, p.get("color")) for p in model.powers
                       if p["id"] == power), palette.NEUTRAL)
        self.screen = None
        self.app.replace(HandoffScreen(self.app, power_name=model.power_name(power),
                                       colour=colour, player=game.players[power],
                                       notes=notes, on_ready=lambda: self.plan(power)))

    def plan(self, power: str) -> None:
        game = self.game
        assert game is not None
        game.pump()
        screen = GameScreen(self.app, game.conns[power], game.models[power],
                            map_doc=self.map_doc, rules=game.match.scenario.rules,
                            draft=game.draft(power), chat_read=game.chat_marks(power),
                            on_done=lambda: self.done(power),
                            done_label="Done — pass the screen on", player=game.players[power],
                            on_leave=self.start_menu,
                            tab=news_tab(game, power))
        self.screen = screen
        self.app.replace(screen)
        if game.match.scenario.rules.fog and game.round == 1:
            # Under fog the table saw only the public events: each player watches the turn
            # as their own seat saw it, behind the hand-off.
            last = game.models[power].history[-1:] if game.models[power].history else []
            if last and last[0].turn == len(game.match.reports):
                screen.replay_turn(last[0].turn)

    def done(self, power: str) -> None:
        game = self.game
        assert game is not None
        try:
            game.finish_planning(power)
        except SaveError as err:   # the turn could not be saved: back to the list of saves
            self.close_game()
            self.start_menu(str(err))
            return
        self.advance()

    def watched(self) -> None:
        assert self.game is not None
        self.game.finish_watching()
        self.advance()


def scenario_info(path: Path, short: str) -> ScenarioInfo:
    """A start-screen entry for a scenario file outside game/data/maps/ (given on the command line)."""
    from game.maps.files import PowerEntry

    scenario = load_scenario(path)
    return ScenarioInfo(name=short, title=scenario.name, path=Path(path),
                        description=scenario.description,
                        powers=tuple(PowerEntry(p.id, p.name, p.color)
                                     for p in scenario.powers),
                        max_turns=scenario.rules.max_turns)


__all__ = ["HotseatFlow", "scenario_info"]


def news_tab(game: HotseatGame, power: str) -> str | None:
    """The tab a player's screen opens on: the news. A proposal to answer, or a later round
    of the same turn (it comes only because a proposal changed): the Inbox; else, as the match begins,
    the power's brief; else the Report (the last turn's)."""
    if game.models[power].awaiting_me() or game.round > 1:
        return "Inbox"
    return opening_tab(game.models[power])
