"""The debrief: after-action report, data export and replay, from a match's event log.

    from game.debrief import load_record
    record = load_record("m1", data_dir="casus-data")   # or a JSON log file's path
    record.turns[0].report, record.final.hash()

Modules: ``source`` (reading logs), ``record`` (the match rebuilt turn by turn),
``alliances``, ``comms``, ``series``, ``workshop`` (the tables and figures), ``timeline``,
``log_words`` and ``umpire_words`` (the match in words), ``plots`` and ``network`` (images), ``page`` (the
HTML report), ``export`` (CSV and JSON, and back).
"""

from __future__ import annotations

from pathlib import Path

from .record import MatchRecord, ReviewRecord, RolledBack, TurnRecord, rebuild
from .source import MatchSourceError, check_log, load_log


def load_record(match: str, data_dir: str | Path = "casus-data") -> MatchRecord:
    """The match MATCH names (a JSON log file or a stored match id), rebuilt; raises
    ``MatchSourceError`` with one sentence when it cannot be read or replayed."""
    log = load_log(match, data_dir)
    return rebuild(log, where=match)


__all__ = ["MatchRecord", "MatchSourceError", "ReviewRecord", "RolledBack", "TurnRecord", "check_log", "load_log",
           "load_record", "rebuild"]
