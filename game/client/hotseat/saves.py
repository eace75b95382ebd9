"""Where hot-seat games are saved, and the list the start screen offers to resume.

One file per game, named by scenario and the time it began
(``europe-1939-2026-11-25-1104.json``), in a per-user data folder unless ``--saves`` names
another. The file is the match log ``LocalHost`` writes after every action, with the
table's notes beside it (players, turn, whose turn it is to plan), which is all the list
reads: no match is replayed to show it.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

from ..connection import SaveError, read_save_meta

APP_FOLDER = "casus-foederis"


def default_saves_dir() -> Path:
    """The per-user folder for saved games (XDG_DATA_HOME, else ~/.local/share)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / APP_FOLDER / "saves"


def new_save_path(folder: Path, scenario: str, now: float | None = None) -> Path:
    """A fresh file name for a game of ``scenario`` begun at ``now`` (never an existing one)."""
    stamp = time.strftime("%Y-%m-%d-%H%M%S", time.localtime(time.time() if now is None
                                                             else now))
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in scenario) or "game"
    path = Path(folder) / f"{safe}-{stamp}.json"
    k = 2
    while path.exists():
        path = Path(folder) / f"{safe}-{stamp}-{k}.json"
        k += 1
    return path


@dataclass(frozen=True)
class SaveInfo:
    """One saved game as the resume list shows it."""

    path: Path
    title: str          # the scenario's own name
    label: str          # the season it is at, e.g. "Autumn 1940"
    turn: int
    players: tuple[str, ...]
    over: bool
    modified: float     # seconds since the epoch

    def describe(self) -> str:
        when = time.strftime("%d %b %H:%M", time.localtime(self.modified))
        state = "finished" if self.over else f"turn {self.turn}, {self.label}"
        who = ", ".join(self.players) or "no players"
        return f"{self.title} — {state} — {who} — saved {when}"


def list_saves(folder: Path) -> list[SaveInfo]:
    """The hot-seat games saved in ``folder``, the most recent first; files that are not
    readable saves are left out (resuming one says what is wrong with it)."""
    found = []
    folder = Path(folder)
    if not folder.is_dir():
        return []
    for path in folder.glob("*.json"):
        try:
            meta = read_save_meta(path)
            modified = path.stat().st_mtime
        except (SaveError, OSError):
            continue
        if not meta.get("table"):
            continue
        players = meta.get("players") if isinstance(meta.get("players"), dict) else {}
        found.append(SaveInfo(path, str(meta.get("title", path.stem)),
                              str(meta.get("label", "")), int(meta.get("turn", 1) or 1),
                              tuple(str(n) for n in players.values()),
                              meta.get("stage") == "over", modified))
    found.sort(key=lambda s: s.modified, reverse=True)
    return found
