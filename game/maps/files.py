"""Map and scenario files (RULES.md §9): finding, reading, checking and loading them.

A scenario is a TOML file whose ``map`` key names its map JSON file relative to itself.
Shipped scenarios live in the repository's ``game/data/maps/`` folder and can be named by their
short name (``"tutorial"`` for ``game/data/maps/tutorial.scenario.toml``).
"""

from __future__ import annotations

import functools
import json
import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.data import MAPS_DIR
from game.engine.world import Scenario, ScenarioError, build_scenario

from .briefs import DOC_KEY as BRIEFS_KEY, read_briefs
from .check import check_map, check_scenario
from .problems import MapFileError, Problem, UnreadableFileError

MAP_SUFFIX = ".map.json"
SCENARIO_SUFFIX = ".scenario.toml"

_TOML_POSITION = re.compile(r"^(?P<what>.*?)\s*\(at line (?P<line>\d+), column (?P<col>\d+)\)$")


# --- reading ------------------------------------------------------------------------------


def _reason(err: OSError) -> str:
    if isinstance(err, FileNotFoundError):
        return "there is no such file"
    if isinstance(err, IsADirectoryError):
        return "it is a folder, not a file"
    if isinstance(err, PermissionError):
        return "permission denied"
    return err.strerror or type(err).__name__


def read_text(path: str | os.PathLike, label: str | None = None) -> str:
    """The text of a file; raises UnreadableFileError (one problem) if it cannot be read.

    Bytes that are not UTF-8 are not a reading failure but a problem with the content, so
    they come back replaced, and ``parse_*`` report them with their line.
    """
    label = label or str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as err:
        raise UnreadableFileError([Problem(label, "", f"cannot be read: {_reason(err)}")])
    except ValueError:  # e.g. a NUL character in a path written in a scenario
        raise UnreadableFileError([Problem(label, "", "cannot be read: that is not a "
                                                      "usable file name")]) from None
    return data.decode("utf-8", errors="replace")


def _encoding_problem(text: str, label: str) -> Problem | None:
    at = text.find("\ufffd")
    if at < 0:
        return None
    line = text.count("\n", 0, at) + 1
    column = at - (text.rfind("\n", 0, at) + 1) + 1
    return Problem(label, f"line {line}, column {column}", "is not UTF-8 text")


def parse_map_text(text: str, label: str) -> tuple[Any, list[Problem]]:
    """The JSON document in ``text`` and the problems found reading it (syntax, encoding,
    keys repeated inside one object). The document is None when it is not JSON at all."""
    bad_encoding = _encoding_problem(text, label)
    if bad_encoding:
        return None, [bad_encoding]
    repeated: list[Problem] = []

    def object_without_repeats(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        # json keeps the last of repeated keys silently; an author meant one of them.
        obj: dict[str, Any] = {}
        for key, value in pairs:
            if key in obj:
                where = dict(pairs).get("id")
                entry = f"territory {where!r}" if isinstance(where, str) else ""
                repeated.append(Problem(label, entry, f"the key {key!r} appears twice "
                                                      "in one object"))
            obj[key] = value
        return obj

    try:
        doc = json.loads(text, object_pairs_hook=object_without_repeats)
    except json.JSONDecodeError as err:
        return None, [Problem(label, f"line {err.lineno}, column {err.colno}",
                              f"is not valid JSON: {err.msg}")]
    except RecursionError:
        return None, [Problem(label, "", "is not a usable JSON document: nested too deeply")]
    return doc, repeated


def parse_scenario_text(text: str, label: str) -> tuple[Any, list[Problem]]:
    """The TOML document in ``text`` and the problems found reading it (None if not TOML)."""
    bad_encoding = _encoding_problem(text, label)
    if bad_encoding:
        return None, [bad_encoding]
    try:
        return tomllib.loads(text), []
    except tomllib.TOMLDecodeError as err:
        found = _TOML_POSITION.match(str(err))
        if found:
            return None, [Problem(label, f"line {found['line']}, column {found['col']}",
                                  f"is not valid TOML: {found['what']}")]
        return None, [Problem(label, "", f"is not valid TOML: {err}")]
    except RecursionError:
        return None, [Problem(label, "", "is not a usable TOML document: nested too deeply")]


def read_map_doc(path: str | os.PathLike) -> dict[str, Any]:
    """The parsed map document of a ``.map.json`` file (not yet checked).

    Raises MapFileError when the file cannot be read or is not a JSON object.
    """
    label = str(path)
    doc, problems = parse_map_text(read_text(path, label), label)
    if doc is not None and not isinstance(doc, dict):
        problems.append(Problem(label, "", "a map must be a JSON object"))
    if problems:
        raise MapFileError(problems)
    return doc


def map_path(scenario_path: str | os.PathLike, scenario_doc: dict[str, Any]) -> Path:
    """Where a scenario's map file is: its ``map`` key, relative to the scenario file."""
    return Path(os.path.normpath(Path(scenario_path).parent / scenario_doc["map"]))


def read_scenario_docs(path: str | os.PathLike) -> tuple[dict[str, Any], dict[str, Any]]:
    """The parsed scenario document and its map document (neither checked yet).

    Raises MapFileError when either file cannot be read or parsed.
    """
    label = str(path)
    doc, problems = parse_scenario_text(read_text(path, label), label)
    if problems:
        raise MapFileError(problems)
    if not isinstance(doc.get("map"), str) or not doc["map"].strip():
        raise MapFileError([Problem(label, "map", "the scenario needs 'map', the path of its "
                                                  "map file relative to the scenario file")])
    where = map_path(path, doc)
    try:
        return doc, read_map_doc(where)
    except UnreadableFileError as err:
        raise MapFileError([Problem(label, "map", f"map file {str(where)!r} "
                                                  f"{err.problems[0].message}")]) from None


# --- checking -----------------------------------------------------------------------------


def check_map_file(path: str | os.PathLike) -> list[Problem]:
    """Every problem with a map file; raises UnreadableFileError if it cannot be read."""
    label = str(path)
    doc, problems = parse_map_text(read_text(path, label), label)
    if doc is None:
        return problems
    return problems + check_map(doc, label)


def check_scenario_file(path: str | os.PathLike) -> list[Problem]:
    """Every problem with a scenario file and the map it names (both files' problems).

    Raises UnreadableFileError only if the scenario file itself cannot be read; a missing
    or unreadable map file is one of the scenario's problems.
    """
    problems, _, _ = _check_scenario_path(path)
    return problems


def _check_scenario_path(path) -> tuple[list[Problem], Any, Any]:
    label = str(path)
    doc, problems = parse_scenario_text(read_text(path, label), label)
    if doc is None:
        return problems, None, None
    map_doc = None
    map_label = "<map>"
    if isinstance(doc.get("map"), str) and doc["map"].strip():
        where = map_path(path, doc)
        map_label = str(where)
        try:
            map_text = read_text(where, map_label)
            map_doc, map_problems = parse_map_text(map_text, map_label)
        except UnreadableFileError as err:
            problems.append(Problem(label, "map", f"map file {map_label!r} "
                                                  f"{err.problems[0].message}"))
        else:
            problems += map_problems
            if map_doc is not None:
                problems += _map_problems(map_text, map_label)
    problems += check_scenario(doc, map_doc, label, map_label)
    problems += _with_briefs(path, doc)
    return problems, doc, map_doc


@functools.lru_cache(maxsize=8)
def _map_problems(text: str, label: str) -> tuple[Problem, ...]:
    """check_map's problems with the map document in ``text``, kept for the map files read
    lately: loading a scenario again (each new match, each screen that lists its powers) does
    not sample the map's shapes for overlaps again. The text is the key, so an edited file is
    checked afresh."""
    doc, _ = parse_map_text(text, label)
    return tuple(check_map(doc, label))


def _with_briefs(path, doc: dict[str, Any]) -> list[Problem]:
    """Read the briefs beside the scenario into its document (so a match's log carries
    them) and return their problems."""
    briefs, problems = read_briefs(path, doc)
    if briefs and not problems:
        doc[BRIEFS_KEY] = briefs
    return problems


def check_file(path: str | os.PathLike) -> list[Problem]:
    """Every problem with a map (``*.json``) or scenario (``*.toml``) file.

    Raises UnreadableFileError if the file cannot be read, and MapFileError if its name
    does not say which kind of file it is.
    """
    name = str(path).lower()
    if name.endswith(".json"):
        return check_map_file(path)
    if name.endswith(".toml"):
        return check_scenario_file(path)
    raise MapFileError([Problem(str(path), "", f"is neither a map ({MAP_SUFFIX}) nor a "
                                               f"scenario ({SCENARIO_SUFFIX}) file")])


# --- loading ------------------------------------------------------------------------------


def load_scenario(path: str | os.PathLike) -> Scenario:
    """The engine's Scenario from a scenario file (or a shipped scenario's short name).

    Reads the scenario and its map, checks both, and builds the scenario; raises
    MapFileError listing every problem when the files are not usable.
    """
    path = resolve_scenario(path)
    problems, doc, map_doc = _check_scenario_path(path)
    if problems:
        raise MapFileError(problems)
    try:
        return build_scenario(map_doc, doc)
    except ScenarioError as err:  # a gap in the checks; still a clear error, not a crash
        raise MapFileError([Problem(str(path), "", str(err))]) from None


# --- finding shipped scenarios --------------------------------------------------------------


def find_scenario(name: str, maps_dir: Path = MAPS_DIR) -> Path:
    """The path of the shipped scenario with this short name (``"tutorial"``).

    Raises MapFileError naming the scenarios there are when there is none by that name.
    """
    path = maps_dir / f"{name}{SCENARIO_SUFFIX}"
    if not path.is_file():
        known = ", ".join(info.name for info in list_scenarios(maps_dir)) or "none"
        raise UnreadableFileError([Problem(str(path), "", f"there is no scenario called "
                                                          f"{name!r} (shipped: {known})")])
    return path


def resolve_scenario(name_or_path: str | os.PathLike, maps_dir: Path = MAPS_DIR) -> Path:
    """A scenario path from either a path or a shipped scenario's short name."""
    path = Path(name_or_path)
    text = str(name_or_path)
    # Only a bare word that is not a file here is taken for a short name.
    if path.exists() or any(c in text for c in (os.sep, "/", ".")) or not text:
        return path
    return find_scenario(text, maps_dir)


@dataclass(frozen=True)
class PowerEntry:
    """A power as a start screen lists it."""

    id: str
    name: str
    color: str


@dataclass(frozen=True)
class ScenarioInfo:
    """What a start screen shows about a shipped scenario, read without loading its map."""

    name: str  # short name, e.g. "europe-1939"
    title: str  # the scenario's own name, e.g. "Europe 1939"
    path: Path
    description: str
    powers: tuple[PowerEntry, ...]
    max_turns: int | None


def list_scenarios(maps_dir: Path = MAPS_DIR) -> list[ScenarioInfo]:
    """The scenarios in ``maps_dir``, sorted by short name; unreadable ones are left out
    (``casus map check`` says what is wrong with them)."""
    found = []
    for path in sorted(Path(maps_dir).glob(f"*{SCENARIO_SUFFIX}")):
        try:
            doc = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            continue
        listed = doc.get("powers")
        powers = tuple(
            PowerEntry(id=str(p.get("id", "")), name=str(p.get("name", p.get("id", ""))),
                       color=str(p.get("color", "#888888")))
            for p in (listed if isinstance(listed, list) else []) if isinstance(p, dict))
        max_turns = doc.get("max_turns")
        found.append(ScenarioInfo(
            name=path.name[:-len(SCENARIO_SUFFIX)],
            title=str(doc.get("name", path.name)),
            path=path,
            description=str(doc.get("description", "")),
            powers=powers,
            max_turns=max_turns if isinstance(max_turns, int) else None,
        ))
    return found
