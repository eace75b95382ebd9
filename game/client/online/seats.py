"""The seats a player holds online, kept so they can rejoin after closing the client.

A seat token is shown once by the host (PROTOCOL.md §3) and is the only key to the seat, so
it is written at once to a small JSON file (``~/.local/share/casus-foederis/online-seats.json``
by default), one entry per server, match and seat. The lobby offers "Rejoin" for each.
Only this user can read the file (mode 0600): a token is as good as the seat.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from ..hotseat.saves import default_saves_dir

FILE_NAME = "online-seats.json"
MAX_KEPT = 200          # the oldest are forgotten beyond this


def default_seats_path() -> Path:
    """The per-user file of remembered seats (beside the hot-seat saves' folder)."""
    return default_saves_dir().parent / FILE_NAME


@dataclass(frozen=True)
class HeldSeat:
    """One seat this player took: enough to ``rejoin`` it."""

    server: str          # ws://HOST:PORT
    match: str
    seat: str            # a power, a team member id, or "umpire"
    token: str
    name: str = ""       # the match's name, for the list
    player: str = ""     # the name the player gave
    saved_at: float = 0.0

    def describe(self) -> str:
        who = "umpire" if self.seat == "umpire" else self.seat
        return f"{self.name or self.match} · {who}" + (f" ({self.player})" if self.player
                                                         else "")


class SeatBook:
    """The remembered seats in one file; a damaged file reads as empty (never a crash)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_seats_path()

    def all(self) -> list[HeldSeat]:
        try:
            doc = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            return []
        seats = []
        for entry in doc.get("seats", []) if isinstance(doc, dict) else []:
            try:
                seats.append(HeldSeat(**{k: entry[k] for k in entry
                                         if k in HeldSeat.__dataclass_fields__}))
            except TypeError:
                continue   # an entry missing a field: skip it, keep the others
        return seats

    def unusable(self) -> str | None:
        """Why this file cannot keep the seats, else None: a folder; a file of another kind
        (remembering a seat would overwrite it); a folder that cannot be written."""
        if self.path.is_dir():
            return "it is a folder, not a file"
        if self.path.exists():
            try:
                text = self.path.read_text(encoding="utf-8")
                doc = json.loads(text) if text.strip() else {"seats": []}
            except (OSError, UnicodeDecodeError, json.JSONDecodeError):
                doc = None
            if not (isinstance(doc, dict) and isinstance(doc.get("seats"), list)):
                return ("it is not a file of remembered seats, and remembering a seat would "
                        "overwrite it")
        folder = self.path.parent
        while not folder.exists() and folder != folder.parent:
            folder = folder.parent      # the folders that are missing will be made
        if not folder.is_dir() or not os.access(folder, os.W_OK | os.X_OK):
            return f"cannot write into {folder}"
        return None

    def for_server(self, server: str) -> list[HeldSeat]:
        """The seats held on ``server``, newest first."""
        return sorted((s for s in self.all() if s.server == server),
                      key=lambda s: -s.saved_at)

    def find(self, server: str, match: str, seat: str | None = None) -> HeldSeat | None:
        for held in self.for_server(server):
            if held.match == match and (seat is None or held.seat == seat):
                return held
        return None

    def remember(self, held: HeldSeat) -> None:
        held = HeldSeat(**{**asdict(held), "saved_at": held.saved_at or time.time()})
        keep = [s for s in self.all()
                if (s.server, s.match, s.seat) != (held.server, held.match, held.seat)]
        self._write([*keep, held][-MAX_KEPT:])

    def forget(self, server: str, match: str, seat: str) -> None:
        self._write([s for s in self.all() if (s.server, s.match, s.seat)
                     != (server, match, seat)])

    def _write(self, seats: list[HeldSeat]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=self.path.name, suffix=".tmp", dir=self.path.parent)
        try:
            os.chmod(tmp, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump({"seats": [asdict(s) for s in seats]}, out, indent=1)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
