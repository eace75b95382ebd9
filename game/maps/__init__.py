"""Maps and scenarios: files, checks, shapes and generated maps (RULES.md §9).

The engine builds games from plain documents; this package is where those documents come
from: reading and checking the files in ``game/data/maps/`` (found through ``game.data``),
deriving territory shapes from positions, and generating random maps of any size.
"""

from .check import check_map, check_scenario
from .files import (
    ScenarioInfo,
    check_file,
    find_scenario,
    list_scenarios,
    load_scenario,
    read_map_doc,
    read_scenario_docs,
    resolve_scenario,
)
from .problems import MapFileError, Problem, UnreadableFileError

__all__ = [
    "MapFileError", "Problem", "ScenarioInfo", "UnreadableFileError",
    "check_file", "check_map", "check_scenario", "find_scenario", "list_scenarios",
    "load_scenario", "read_map_doc", "read_scenario_docs", "resolve_scenario",
]
