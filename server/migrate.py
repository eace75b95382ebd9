"""Copying every match from one store to another (a SQLite data folder to PostgreSQL, or
back), then proving the copy: each match is replayed from the source and from the copy, and
their engine-state hashes must agree (``casus migrate``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from game.engine.state import state_hash
from game.match import Match

from .storage import UNREADABLE, Event, Storage


class MigrationRefused(Exception):
    """The copy was not started; the message says why."""


@dataclass
class Copied:
    """One match after the copy: the hashes of its replays from the source and the copy
    (None when its log does not replay: then the two logs are compared instead)."""

    match_id: str
    source_hash: str | None
    copy_hash: str | None
    same_log: bool
    unloaded: bool

    @property
    def ok(self) -> bool:
        return self.same_log and self.source_hash == self.copy_hash


def _replayed_hash(events: list[Event]) -> str | None:
    try:
        return state_hash(Match.replay(events).state)
    except Exception:   # a broken log is copied as it is; its log is compared instead
        return None


def migrate(source: Storage, target: Storage) -> Iterator[Copied]:
    """Copy every match of ``source`` into ``target`` (one transaction per match) and yield
    each one's check as soon as it is done. Refuses before writing anything when ``target``
    already holds one of the matches or a source log has an event that is not JSON."""
    logs = source.logs()
    unloaded = source.unloaded()
    unreadable = sorted(m for m, events in logs.items() if any(UNREADABLE in e for e in events))
    if unreadable:
        raise MigrationRefused(f"match {unreadable[0]} has an event that is not valid JSON in "
                               "the source; repair or remove it first (casus host --check)")
    already = sorted(set(logs) & set(target.logs()))
    if already:
        raise MigrationRefused(f"the destination already holds match {already[0]}"
                               + (f" and {len(already) - 1} more" if len(already) > 1 else ""))
    for match_id in sorted(logs):
        for event in logs[match_id]:
            target.append(match_id, event)
        if match_id in unloaded:
            target.set_unloaded(match_id, unloaded[match_id])
        target.commit()
        copy = target.log(match_id)
        yield Copied(match_id, _replayed_hash(logs[match_id]), _replayed_hash(copy),
                     copy == logs[match_id], match_id in unloaded)
