"""The hot-seat table: one match in this process, people taking turns at one screen.

``HotseatGame`` decides what happens next and nothing else; the screens (``flow``) show it.
It keeps one ``LocalHost``, one ``LocalConnection`` and ``MatchModel`` per human seat, and a
spectator connection whose public view is what everyone watches the war outcomes on.

A turn goes like this:

1. Round 1: every human power still in the game plans in private, in scenario order.
2. Further rounds, while proposals still await an answer: a power plays again when its
   inbox holds a proposal it has not yet seen, or one of its proposals changed (signed,
   declined) since it last pressed Done. A player who has seen a proposal and left it
   unanswered is not asked again, so the rounds always end.
3. The table raises every human seat's ready flag through its own connection; the last one
   adjudicates the turn (an umpire connection forces it if a bot seat holds it up).
4. Everyone watches the outcome; then the next turn, or the end of the match.

Where the table stands is kept in the save beside the match log (``LocalHost.meta``), so a
closed window resumes at the same player, round and stage.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from game.engine.view import view, view_report
from game.engine.world import Scenario
from game.match import SPECTATOR, MatchSettings
from game.match.seats import BOT, EMPTY, HUMAN, UMPIRE

from ..connection import LocalConnection, LocalHost, SaveError
from ..model import MatchModel, TurnRecord
from ..orders_ui import OrderDraft

PLANNING = "planning"
OUTCOME = "outcome"
OVER = "over"


@dataclass(frozen=True)
class SeatChoice:
    """Who plays one power: a person (with a name), a bot (with a personality) or nobody."""

    kind: str = HUMAN
    name: str = ""
    personality: str = ""


@dataclass(frozen=True)
class Plan:
    """A person is to plan in private: hand the screen to them."""

    power: str
    round: int


@dataclass(frozen=True)
class Watch:
    """Everyone watches the war outcomes of the turn just adjudicated."""

    record: TurnRecord


@dataclass(frozen=True)
class Over:
    """The match is over."""

    winner: dict[str, Any] | None


Step = Plan | Watch | Over


def first_message(conn: LocalConnection) -> MatchModel:
    """The model of a freshly connected seat, from its ``joined`` message."""
    for message in conn.poll():
        if message.get("type") == "joined":
            return MatchModel.from_snapshot(message["snapshot"])
    raise SaveError(f"the match did not greet seat {conn.seat}")


@dataclass
class HotseatGame:
    """The state of the table. Build it with ``new`` or ``resume``."""

    host: LocalHost
    players: dict[str, str]                           # human power -> player's name
    conns: dict[str, LocalConnection] = field(default_factory=dict)
    models: dict[str, MatchModel] = field(default_factory=dict)
    drafts: dict[str, OrderDraft] = field(default_factory=dict)
    # Each player's Chat read marks, kept across their screens for the whole match, so the
    # tab counts what others wrote while they were away (not saved: a resumed game starts
    # with the whole history unread).
    chat_read: dict[str, dict] = field(default_factory=dict)
    spectator: LocalConnection | None = None
    public: MatchModel | None = None

    # --- building ---------------------------------------------------------------------------

    @classmethod
    def new(cls, scenario: Scenario, seats: dict[str, SeatChoice], *, fog: bool | None = None,
            save_path: Path | None = None, seed: int | None = None, scenario_key: str = "",
            clock: Callable[[], float] | None = None) -> "HotseatGame":
        """Set up a match: people join their seats under their names, bots get theirs."""
        humans = {p: c for p, c in seats.items() if c.kind == HUMAN}
        if not humans:
            raise ValueError("a hot-seat game needs at least one person at the table")
        settings = MatchSettings(
            name=f"Hot-seat {scenario.name}",
            seed=random.SystemRandom().randrange(2 ** 31) if seed is None else seed,
            fog=fog, seats={p: c.kind for p, c in seats.items()},
            personalities={p: c.personality for p, c in seats.items()
                           if c.kind == BOT and c.personality})
        kwargs: dict[str, Any] = {} if clock is None else {"clock": clock}
        host = LocalHost.new(scenario, settings, save_path=save_path, **kwargs)
        names = {p: (c.name.strip() or scenario_power_name(scenario, p))
                 for p, c in humans.items()}
        game = cls(host, names)
        host.meta.update({"table": 1, "scenario": scenario_key or scenario.name,
                          "title": scenario.name, "players": names})
        for power in [p.id for p in scenario.powers]:
            if power in names:
                game.conns[power] = host.join(power, names[power])
                game.models[power] = first_message(game.conns[power])
        game._connect_spectator()
        host.run_bots()
        game._start_turn()
        return game

    @classmethod
    def resume(cls, path: Path, *, clock: Callable[[], float] | None = None) -> "HotseatGame":
        """Reopen a saved game where it was left (SaveError says what is wrong with a file)."""
        kwargs: dict[str, Any] = {} if clock is None else {"clock": clock}
        host = LocalHost.load(Path(path), **kwargs)
        match = host.match
        meta = host.meta
        # The match says which seats are people; the table's notes only name them (a save
        # from elsewhere, or damaged notes, fall back to the names the seats were joined by).
        named = meta.get("players") if isinstance(meta.get("players"), dict) else {}
        players = {p: str(named.get(p) or s.name or p)
                   for p, s in match.seats.items() if s.kind == HUMAN}
        if not players:
            raise SaveError(f"{path} has no human seat to play")
        game = cls(host, players)
        for power in match.powers:
            if power in players:
                game.conns[power] = host.connect(power)
                game.models[power] = first_message(game.conns[power])
                game.models[power].history = game.history_for(power)
                game.drafts[power] = OrderDraft.from_orders(game.models[power].my_orders())
        game._connect_spectator()
        assert game.public is not None
        game.public.history = game.history_for(SPECTATOR)
        host.meta.setdefault("table", 1)
        host.meta.setdefault("title", match.scenario.name)
        host.meta["players"] = players
        host.meta["seen"] = clean_seen(meta.get("seen"))
        if not isinstance(meta.get("round"), int) or meta["round"] < 1:
            host.meta["round"] = 1
        stage = meta.get("stage")
        if match.phase == "over":
            stage = OVER if stage == OVER else OUTCOME
        elif meta.get("turn") != match.turn:
            # Closed between adjudication and the table's own note: show the outcome.
            stage = OUTCOME if match.reports else None
        if stage in (OUTCOME, OVER):
            host.save_meta(stage=stage, turn=match.turn, label=match.state.label)
        elif stage != PLANNING or not isinstance(meta.get("queue"), list):
            game._start_turn()
        else:
            queue = [p for p in meta["queue"] if p in game.alive_humans()]
            host.save_meta(queue=queue)
            if not queue:
                game._end_round()
        return game

    def _connect_spectator(self) -> None:
        self.spectator = self.host.connect(SPECTATOR)
        self.public = first_message(self.spectator)

    # --- reading -----------------------------------------------------------------------------

    @property
    def match(self):
        return self.host.match

    @property
    def stage(self) -> str:
        return str(self.host.meta.get("stage", PLANNING))

    @property
    def round(self) -> int:
        return int(self.host.meta.get("round", 1))

    @property
    def queue(self) -> list[str]:
        return list(self.host.meta.get("queue", []))

    def alive_humans(self) -> list[str]:
        """Human powers still in the game, in scenario order."""
        state = self.match.state
        return [p for p in self.match.powers
                if p in self.players and not state.power(p).eliminated]

    def chat_marks(self, power: str) -> dict:
        """The player's Chat read marks (the panel keeps them up to date)."""
        return self.chat_read.setdefault(power, {})

    def draft(self, power: str) -> OrderDraft:
        if power not in self.drafts:
            self.drafts[power] = OrderDraft.from_orders(self.models[power].my_orders())
        return self.drafts[power]

    def step(self) -> Step:
        """What the table does now."""
        self.pump()
        if self.stage == OVER:
            return Over(self.match.state.winner)
        if self.stage == OUTCOME:
            return Watch(self.outcome_record())
        queue = self.queue
        if not queue:          # defensive: an empty queue means the round is over
            self._end_round()
            return self.step()
        return Plan(queue[0], self.round)

    def history_for(self, seat: str) -> list[TurnRecord]:
        """Every adjudicated turn as ``seat`` saw it (a resumed seat can replay them all, as
        if it had been connected throughout): its views and its filtered reports."""
        match = self.match
        out = []
        for k, report in enumerate(match.reports):
            before, after = match.states[k], match.states[k + 1]
            seen = view_report(report, before, after, seat)
            out.append(TurnRecord(turn=seen.get("turn", k + 1), label=seen.get("label", ""),
                                  report=seen, before=view(before, seat),
                                  after=view(after, seat), reason=""))
        return out

    def outcome_record(self) -> TurnRecord:
        """The public record of the last adjudicated turn (from the spectator connection,
        or rebuilt from the match after a resume)."""
        assert self.public is not None
        last = len(self.match.reports)
        if self.public.history and self.public.history[-1].turn == last:
            return self.public.history[-1]
        return self.history_for(SPECTATOR)[-1]

    def pump(self) -> None:
        """Fold every waiting message into the seats' models."""
        for power, conn in self.conns.items():
            for message in conn.poll():
                draft = self.drafts.get(power)
                if draft is not None:     # a reply the screen left behind when it went
                    draft.apply_reply(message)
                self.models[power].apply(message)
        if self.spectator is not None and self.public is not None:
            for message in self.spectator.poll():
                self.public.apply(message)

    # --- moving on ---------------------------------------------------------------------------

    def finish_planning(self, power: str) -> None:
        """``power`` pressed Done: the next player, the next round, or adjudication."""
        self.pump()
        queue = self.queue
        if queue and queue[0] == power:
            queue.pop(0)
        seen = dict(self.host.meta.get("seen", {}))
        seen[power] = sorted([pid, p["status"]] for pid, p in self.models[power].proposals.items())
        self.host.save_meta(queue=queue, seen=seen)
        if not queue:
            self._end_round()

    def finish_watching(self) -> None:
        """Everyone has seen the outcome: the next turn, or the end of the match."""
        if self.match.phase == "over":
            self.host.save_meta(stage=OVER)
        else:
            self._start_turn()

    def _start_turn(self) -> None:
        self.drafts = {}
        self.host.save_meta(stage=PLANNING, turn=self.match.turn, label=self.match.state.label,
                            round=1, queue=self.alive_humans(), seen={})

    def _end_round(self) -> None:
        self.pump()
        again = [p for p in self.alive_humans() if self._has_news(p)]
        if again:
            self.host.save_meta(round=self.round + 1, queue=again)
        else:
            self._adjudicate()

    def _has_news(self, power: str) -> bool:
        """A proposal this seat has not seen in its present state."""
        seen = {tuple(x) for x in self.host.meta.get("seen", {}).get(power, [])}
        return any((pid, p["status"]) not in seen
                   for pid, p in self.models[power].proposals.items())

    def _adjudicate(self) -> None:
        turn = self.match.turn
        self.host.unsaved = None
        for power in self.alive_humans():
            if self.match.turn != turn or self.match.phase == "over":
                break
            self.conns[power].send({"type": "ready", "ready": True})
        if self.match.turn == turn and self.match.phase != "over":
            # A seat the table does not play (a bot that has not answered) holds the turn
            # up; the table is its own umpire.
            umpire = self.host.connect(UMPIRE)
            umpire.send({"type": "adjudicate"})
            umpire.close()
        if self.host.unsaved is not None:
            # The turn could not be saved, so it was not played: no outcome to show. The file
            # holds the game as it was; it resumes from there once it can be saved.
            raise SaveError(f"The game could not be saved ({self.host.unsaved}), so the turn "
                            "was not played: resume it once it can be saved.")
        self.pump()
        self.host.save_meta(stage=OUTCOME, turn=self.match.turn, label=self.match.state.label,
                            queue=[], seen={})

    def close(self) -> None:
        for conn in [*self.conns.values(), self.spectator]:
            if conn is not None:
                conn.close()


def clean_seen(seen: Any) -> dict[str, list[list[str]]]:
    """The table's note of what each player has seen, keeping only well-formed entries (a
    hand-edited or damaged save must not stop the game: at worst a player is asked again)."""
    if not isinstance(seen, dict):
        return {}
    return {str(p): [[str(pair[0]), str(pair[1])] for pair in pairs
                     if isinstance(pair, list) and len(pair) == 2]
            for p, pairs in seen.items() if isinstance(pairs, list)}


def scenario_power_name(scenario: Scenario, power: str) -> str:
    return next((p.name for p in scenario.powers if p.id == power), power)


__all__ = ["HotseatGame", "SeatChoice", "Plan", "Watch", "Over", "Step", "PLANNING",
           "OUTCOME", "OVER", "EMPTY", "BOT", "HUMAN"]
