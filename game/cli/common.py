"""What several subcommands share: finding a scenario, reading JSON, writing results."""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from game.engine import ParamError, Scenario, rules_with
from game.cli.main import UserError


def load_scenario_arg(name_or_path: str) -> Scenario:
    """A scenario from a file path or a shipped scenario's short name (``tutorial``)."""
    from game.maps import MapFileError, load_scenario, resolve_scenario

    try:
        return load_scenario(resolve_scenario(name_or_path))
    except MapFileError as err:
        first = err.problems[0] if err.problems else str(err)
        more = len(err.problems) - 1
        if more > 0:
            raise UserError(f"{first} (and {more} more problem{'s' if more > 1 else ''}: "
                            f"'casus map check {name_or_path}' lists them)") from None
        raise UserError(str(first)) from None


def parse_settings(pairs: list[str]) -> dict[str, str]:
    """``["sigma=0", "fog=off"]`` as a dict; raises UserError for a pair without '='."""
    settings: dict[str, str] = {}
    for pair in pairs or []:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise UserError(f"--set takes name=value, not {pair!r}")
        settings[name.strip()] = value
    return settings


def with_settings(scenario: Scenario, pairs: list[str]) -> Scenario:
    """The scenario with ``--set name=value`` parameter overrides applied."""
    settings = parse_settings(pairs)
    if not settings:
        return scenario
    try:
        return replace(scenario, rules=rules_with(scenario.rules, settings))
    except ParamError as err:
        raise UserError(f"--set: {err}") from None


def read_text(path: str, what: str) -> str:
    """The text of the ``what`` file at ``path``; UserError when it cannot be read as text
    (missing, a folder, not UTF-8: say a binary file given by mistake)."""
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError as err:
        raise UserError(f"cannot read the {what} file {path}: {err.strerror}") from None
    except UnicodeDecodeError as err:
        raise UserError(f"the {what} file {path} is not text (byte {err.start} is not "
                        "UTF-8)") from None


def read_json(path: str, what: str) -> Any:
    text = read_text(path, what)
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise UserError(f"the {what} file {path} is not valid JSON "
                        f"(line {err.lineno}, column {err.colno}: {err.msg})") from None


def write_json(doc: Any, out: str | None, *, compact: bool = False) -> None:
    text = json.dumps(doc, ensure_ascii=False, indent=None if compact else 1,
                      separators=(",", ":") if compact else None)
    if out:
        try:
            Path(out).write_text(text + "\n", encoding="utf-8")
        except OSError as err:
            raise UserError(f"cannot write {out}: {err.strerror or err}") from None
    else:
        sys.stdout.write(text + "\n")
