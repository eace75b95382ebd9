"""Checking map and scenario documents (RULES.md §9) before the engine sees them.

``check_map`` and ``check_scenario`` take the plain documents (as parsed from JSON and TOML)
and return every ``Problem`` they find; they never raise, whatever the documents hold
(wrong types, nulls, text where numbers belong), because a checker that crashes on the
mistake it exists to report is no help. The engine's ``build_scenario`` trusts documents
that pass both.
"""

from __future__ import annotations

import difflib
import json
import math
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

import numpy as np

from game.engine.params import TERRAINS, rules_problems
from game.engine.terms import pact_problems
from game.world_edits.injects import inject_problems  # one definition of an inject, for both

from .geometry import overlapping_pairs, point_in_polygon, polygon_fault
from .problems import Problem

ID_PATTERN = re.compile(r"[A-Za-z0-9_]{1,12}\Z")
COLOR_PATTERN = re.compile(r"#[0-9A-Fa-f]{6}\Z")
EDGE_KINDS: tuple[str, ...] = ("land", "sea")
NEUTRAL = "neutral"  # the key of neutral garrisons in canonical state JSON (RULES.md §8)

MAP_KEYS = ("name", "size", "territories", "edges")
TERRITORY_KEYS = ("id", "name", "terrain", "value", "capital_of", "pos", "shape")
SCENARIO_KEYS = ("name", "description", "map", "ruleset", "start_year", "seasons",
                 "max_turns", "fog", "coalition_victory", "rules", "powers", "neutral", "pacts", "injects")
POWER_KEYS = ("id", "name", "color", "treasury", "legitimacy", "owed", "kept",
              "territories", "forces", "objectives", "par")
NEUTRAL_KEYS = ("forces",)

Report = Callable[[str, str], None]  # report(entry, message)

MAX_VALUE = 5
MAX_UNITS = 1_000_000
MAX_TURNS = 10_000
MAX_YEAR = 100_000
MAX_POINTS = 1_000_000  # objective points, either way
MAX_COMPONENT_NAMES = 8
MAX_SHAPE_POINTS = 5_000  # far beyond any drawn territory; keeps the O(n²) checks bounded


# --- small helpers ------------------------------------------------------------------------


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return (isinstance(value, (int, float)) and not isinstance(value, bool)
            and math.isfinite(value))


def _is_id(value: Any) -> bool:
    return isinstance(value, str) and ID_PATTERN.match(value) is not None


def _shown(value: Any) -> str:
    """A value as its author wrote it (JSON spelling: null, true, "text"), kept short."""
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _unknown_keys(keys: Iterable[Any], allowed: tuple[str, ...]) -> list[str]:
    """A message for every key not in ``allowed``, suggesting the likely intended one."""
    messages = []
    for key in keys:
        if key in allowed:
            continue
        close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
        if close:
            messages.append(f"unknown key {_shown(key)} (did you mean '{close[0]}'?)")
        else:
            messages.append(f"unknown key {_shown(key)}; the keys are: {', '.join(allowed)}")
    return messages


def _id_message(what: str, value: Any) -> str:
    return (f"{what} must be a short code of letters, digits and underscores "
            f"(1 to 12 characters), not {_shown(value)}")


def _point(value: Any) -> tuple[float, float] | None:
    """``[x, y]`` with two finite numbers, as a tuple; None for anything else."""
    if (isinstance(value, list) and len(value) == 2
            and _is_number(value[0]) and _is_number(value[1])):
        return float(value[0]), float(value[1])
    return None


def _names(ids: list[str]) -> str:
    shown = ", ".join(ids[:MAX_COMPONENT_NAMES])
    if len(ids) > MAX_COMPONENT_NAMES:
        shown += f" and {len(ids) - MAX_COMPONENT_NAMES} more"
    return "{" + shown + "}"


# --- the map ------------------------------------------------------------------------------


@dataclass
class MapFacts:
    """What a (possibly faulty) map document says, as far as it can be read.

    Territories whose id is unusable are left out, so that checks which depend on the map
    (scenario ownership, forces, pacts) report their own mistakes and not the map's again.
    """

    ids: list[str] = field(default_factory=list)
    id_set: set[str] = field(default_factory=set)
    capitals: dict[str, str] = field(default_factory=dict)  # territory id -> power id
    readable: bool = False


def map_facts(doc: Any) -> MapFacts:
    """The usable territory ids and capitals of a map document, never raising."""
    facts = MapFacts()
    if not isinstance(doc, dict) or not isinstance(doc.get("territories"), list):
        return facts
    facts.readable = True
    seen: set[str] = set()
    for terr in doc["territories"]:
        if not isinstance(terr, dict) or not _is_id(terr.get("id")) or terr["id"] in seen:
            continue
        seen.add(terr["id"])
        facts.ids.append(terr["id"])
        facts.id_set.add(terr["id"])
        if isinstance(terr.get("capital_of"), str):
            facts.capitals[terr["id"]] = terr["capital_of"]
    return facts


def check_map(doc: Any, file: str = "<map>") -> list[Problem]:
    """Every problem with a map document (RULES.md §9), in file order.

    ``file`` is how problems name the file. Checks: the document's shape and keys; each
    territory's id (format, duplicates), name, terrain, value, capital_of, pos and shape
    (points, a simple polygon inside the map that contains pos, not overlapping another
    territory's shape); each edge (form, kind, known and distinct territories, listed once
    in either direction); and that the edges join the whole map into one piece.
    """
    problems: list[Problem] = []

    def report(entry: str, message: str) -> None:
        problems.append(Problem(file, entry, message))

    if not isinstance(doc, dict):
        report("", f"a map must be a JSON object with 'territories' and 'edges', "
                   f"not {_shown(doc)}")
        return problems
    for message in _unknown_keys(doc, MAP_KEYS):
        report("", message)
    if "name" in doc and not (isinstance(doc["name"], str) and doc["name"].strip()):
        report("name", f"name must be non-empty text, not {_shown(doc['name'])}")
    size = _check_size(doc, report)

    territories = doc.get("territories")
    if not isinstance(territories, list) or not territories:
        report("territories", "the map needs 'territories', a non-empty list of territories"
               + ("" if territories is None else f", not {_shown(territories)}"))
        territories = []
    ids, shapes, positions = _check_territories(territories, size, report)
    if size is None and any(p is not None for p in positions):
        report("size", "the map has positions but no 'size' [width, height] to place them in")
    _check_overlaps(ids, shapes, report)
    _check_edges(doc.get("edges"), "edges" in doc, ids, report)
    return problems


def _check_size(doc: dict, report: Report) -> tuple[float, float] | None:
    if "size" not in doc:
        return None
    size = _point(doc["size"])
    if size is None or size[0] <= 0 or size[1] <= 0:
        report("size", f"size must be [width, height] with two positive numbers, "
                       f"not {_shown(doc['size'])}")
        return None
    return size


def _entry_of_territory(terr: Any, k: int) -> str:
    if isinstance(terr, dict) and isinstance(terr.get("id"), str) and terr["id"]:
        return f"territory {terr['id']!r}"
    return f"territory {k + 1}"


def _check_territories(territories: list, size, report: Report):
    """Per-territory checks; returns the usable ids (None where unusable), shapes, positions."""
    ids: list[str | None] = []
    shapes: list[np.ndarray | None] = []
    positions: list[tuple[float, float] | None] = []
    first_index: dict[str, int] = {}
    pos_owner: dict[tuple[float, float], str] = {}
    for k, terr in enumerate(territories):
        entry = _entry_of_territory(terr, k)
        if not isinstance(terr, dict):
            report(entry, f"a territory must be an object with at least an 'id', "
                          f"not {_shown(terr)}")
            ids.append(None)
            shapes.append(None)
            positions.append(None)
            continue
        for message in _unknown_keys(terr, TERRITORY_KEYS):
            report(entry, message)
        tid = _check_territory_id(terr, k, entry, first_index, report)
        ids.append(tid)
        _check_territory_fields(terr, entry, report)
        pos = _check_pos(terr, entry, size, pos_owner, report) if "pos" in terr else None
        if pos is not None and pos not in pos_owner:
            pos_owner[pos] = tid or entry
        positions.append(pos)
        shapes.append(_check_shape(terr, entry, pos, size, report) if "shape" in terr else None)
    return ids, shapes, positions


def _check_territory_id(terr: dict, k: int, entry: str, first_index: dict[str, int],
                        report: Report) -> str | None:
    tid = terr.get("id")
    if "id" not in terr:
        report(entry, "has no 'id'")
    elif not _is_id(tid):
        report(entry, _id_message("id", tid))
    elif tid in first_index:
        report(entry, f"the id {tid!r} is already used by territory {first_index[tid] + 1}")
    else:
        first_index[tid] = k
        return tid
    return None


def _check_territory_fields(terr: dict, entry: str, report: Report) -> None:
    if "name" in terr and not (isinstance(terr["name"], str) and terr["name"].strip()):
        report(entry, f"name must be non-empty text, not {_shown(terr['name'])}")
    if "terrain" in terr and terr["terrain"] not in TERRAINS:
        report(entry, f"terrain must be one of {', '.join(TERRAINS)}, "
                      f"not {_shown(terr['terrain'])}")
    if "value" in terr and not (_is_int(terr["value"]) and 0 <= terr["value"] <= MAX_VALUE):
        report(entry, f"value must be a whole number from 0 to {MAX_VALUE}, "
                      f"not {_shown(terr['value'])}")
    if terr.get("capital_of") is not None and not _is_id(terr["capital_of"]):
        report(entry, _id_message("capital_of (a power id, or null)", terr["capital_of"]))


def _check_pos(terr: dict, entry: str, size, pos_owner: dict, report: Report
               ) -> tuple[float, float] | None:
    """The territory's pos if usable; a pos outside the map or shared is still returned."""
    pos = _point(terr["pos"])
    if pos is None:
        report(entry, f"pos must be [x, y] with two numbers, not {_shown(terr['pos'])}")
    elif size and not (0 <= pos[0] <= size[0] and 0 <= pos[1] <= size[1]):
        report(entry, f"pos {_shown(terr['pos'])} lies outside the map "
                      f"(size {size[0]:g} × {size[1]:g})")
    elif pos in pos_owner:
        report(entry, f"has the same pos as territory {pos_owner[pos]!r}; "
                      "shapes cannot be derived for two territories at one point")
    return pos


def _check_shape(terr: dict, entry: str, pos, size, report: Report) -> np.ndarray | None:
    shape = terr["shape"]
    if not isinstance(shape, list) or len(shape) < 3:
        report(entry, f"shape must be a list of at least 3 [x, y] points, not {_shown(shape)}")
        return None
    if len(shape) > MAX_SHAPE_POINTS:
        report(entry, f"shape has {len(shape)} points; a territory's shape may have at most "
                      f"{MAX_SHAPE_POINTS}")
        return None
    points = []
    for n, raw in enumerate(shape):
        point = _point(raw)
        if point is None:
            report(entry, f"shape point {n + 1} must be [x, y] with two numbers, "
                          f"not {_shown(raw)}")
            return None
        points.append(point)
    polygon = np.array(points, dtype=float)
    fault = polygon_fault(polygon)
    if fault:
        report(entry, f"shape is not a simple polygon: it {fault}")
        return None
    if size:
        outside = ~((polygon[:, 0] >= 0) & (polygon[:, 0] <= size[0])
                    & (polygon[:, 1] >= 0) & (polygon[:, 1] <= size[1]))
        if outside.any():
            n = int(np.argmax(outside))
            report(entry, f"shape point {n + 1} {_shown(shape[n])} lies outside the map "
                          f"(size {size[0]:g} × {size[1]:g})")
            return None  # not worth testing for overlaps with shapes on the map
    if pos is not None and not point_in_polygon(pos, polygon):
        report(entry, f"pos {_shown(terr['pos'])} lies outside its shape")
    return polygon


# Grid points sampled to find overlapping shapes: about 0.04 s for a whole map
# (bench/map_check.py), fine for an author's check; tests that check thousands of documents
# lower it.
OVERLAP_SAMPLES = 1_000_000


def _check_overlaps(ids, shapes, report: Report) -> None:
    for i, j in overlapping_pairs(shapes, samples=OVERLAP_SAMPLES):
        name_i = repr(ids[i]) if ids[i] else str(i + 1)
        name_j = repr(ids[j]) if ids[j] else str(j + 1)
        report(f"territory {name_i}", f"shape overlaps the shape of territory {name_j}")


def _check_edges(edges: Any, present: bool, ids: list[str | None], report: Report) -> None:
    if not present:
        report("edges", "the map needs 'edges', a list of [territory, territory, kind]")
        return
    if not isinstance(edges, list):
        report("edges", f"edges must be a list of [territory, territory, kind], "
                        f"not {_shown(edges)}")
        return
    known = {tid: k for k, tid in enumerate(ids) if tid}
    seen: dict[frozenset, int] = {}
    adjacent: list[list[int]] = [[] for _ in ids]
    for k, edge in enumerate(edges):
        if not (isinstance(edge, list) and len(edge) == 3):
            report(f"edge {k + 1}", f"an edge must be [territory, territory, kind], "
                                    f"not {_shown(edge)}")
            continue
        a, b, kind = edge
        entry = f"edge {k + 1}"
        if isinstance(a, str) and isinstance(b, str):
            entry += f" ({a}–{b})"
        if kind not in EDGE_KINDS:
            report(entry, f"kind must be land or sea, not {_shown(kind)}")
        usable = True
        for end in (a, b):
            if not isinstance(end, str):
                report(entry, f"an edge must name territories by id, not {_shown(end)}")
                usable = False
            elif end not in known:
                report(entry, f"names unknown territory {end!r}")
                usable = False
        if not usable:
            continue
        if a == b:
            report(entry, f"joins {a!r} to itself")
            continue
        pair = frozenset((a, b))
        if pair in seen:
            report(entry, f"joins {a} and {b} again (edge {seen[pair] + 1} already does; "
                          "an edge works both ways)")
            continue
        seen[pair] = k
        adjacent[known[a]].append(known[b])
        adjacent[known[b]].append(known[a])
    _check_connected(ids, adjacent, report)


def _check_connected(ids: list[str | None], adjacent: list[list[int]], report: Report) -> None:
    usable = [k for k, tid in enumerate(ids) if tid]
    if len(usable) < 2:
        return
    component = [-1] * len(ids)
    parts: list[list[str]] = []
    for start in usable:
        if component[start] >= 0:
            continue
        members, stack = [], [start]
        component[start] = len(parts)
        while stack:
            here = stack.pop()
            members.append(here)
            for there in adjacent[here]:
                if component[there] < 0:
                    component[there] = len(parts)
                    stack.append(there)
        parts.append([ids[k] for k in sorted(members)])
    if len(parts) > 1:
        listed = ", ".join(_names(p) for p in parts)
        report("edges", f"the map is not connected: no path of edges joins its {len(parts)} "
                        f"parts {listed}")


# --- the scenario -------------------------------------------------------------------------


def check_scenario(scenario_doc: Any, map_doc: Any, file: str = "<scenario>",
                   map_file: str = "<map>") -> list[Problem]:
    """Every problem with a scenario document (RULES.md §9), given its map document.

    Problems with the map document itself are ``check_map``'s job and are not repeated
    here; ``map_doc`` may even be None (say, the map file could not be read), and then
    only what does not depend on the map is checked. Checks: top-level keys and their
    types, [rules] parameters, every power (id, colour, treasury, legitimacy, commitment
    record, territories, forces placed only where it or an ally owns, objectives), each
    power's capital from the map, [neutral] garrisons, [[pacts]] terms and [[injects]].
    """
    problems: list[Problem] = []

    def report(entry: str, message: str, where: str = file) -> None:
        problems.append(Problem(where, entry, message))

    if not isinstance(scenario_doc, dict):
        report("", f"a scenario must be a table of keys, not {_shown(scenario_doc)}")
        return problems
    doc = scenario_doc
    for message in _unknown_keys(doc, SCENARIO_KEYS):
        report("", message)
    _check_scenario_settings(doc, report)
    facts = map_facts(map_doc)

    powers = doc.get("powers")
    if not isinstance(powers, list) or not powers or not all(isinstance(p, dict)
                                                            for p in powers):
        report("powers", "the scenario needs [[powers]], a list of at least one power table"
               + ("" if powers is None else f", not {_shown(powers)}"))
        powers = [p for p in powers if isinstance(p, dict)] if isinstance(powers, list) else []
    power_ids = _check_power_ids(powers, report)
    pacts = doc.get("pacts", [])
    allies = _allies(pacts, power_ids)
    owner = _check_ownership(powers, power_ids, facts, report)
    for k, power in enumerate(powers):
        _check_power(power, power_ids[k], _entry_of_power(power, k), facts, owner, allies,
                     report)
    _check_pars(powers, _declared_ruleset(doc), report)
    if facts.readable:
        _check_capitals(powers, power_ids, facts, owner, report, map_file)
    _check_neutral(doc, facts, owner, report)
    _check_pacts(pacts, [p for p in power_ids if p], facts, report, _declared_ruleset(doc))
    _check_injects(doc, [p for p in power_ids if p], facts, report)
    return problems


def _check_injects(doc: dict, power_ids: list[str], facts: MapFacts, report: Report) -> None:
    """[[injects]]: each scripted inject checked as the umpire's ad hoc ones are
    (game/world_edits/injects.py holds the one definition of an inject)."""
    if "injects" not in doc:
        return
    injects = doc["injects"]
    if not (isinstance(injects, list) and all(isinstance(i, dict) for i in injects)):
        report("injects", "injects must be a list of tables ([[injects]])")
        return
    for k, inject in enumerate(injects):
        try:
            messages = inject_problems(inject, power_ids, facts.ids, scripted=True)
        except Exception as err:  # noqa: BLE001 - a checker must report, never crash
            messages = [f"it cannot be read ({type(err).__name__}: {err})"]
        for message in messages:
            report(f"inject {k + 1}", message)


def _check_scenario_settings(doc: dict, report: Report) -> None:
    if "name" not in doc:
        report("name", "the scenario needs a name")
    elif not (isinstance(doc["name"], str) and doc["name"].strip()):
        report("name", f"name must be non-empty text, not {_shown(doc['name'])}")
    if "description" in doc and not isinstance(doc["description"], str):
        report("description", f"description must be text, not {_shown(doc['description'])}")
    if "map" not in doc:
        report("map", "the scenario needs 'map', the path of its map file "
                      "relative to the scenario file")
    elif not (isinstance(doc["map"], str) and doc["map"].strip()):
        report("map", f"map must be the path of the map file, not {_shown(doc['map'])}")
    if "start_year" in doc and not (_is_int(doc["start_year"])
                                    and abs(doc["start_year"]) <= MAX_YEAR):
        report("start_year", f"start_year must be a whole number, "
                             f"not {_shown(doc['start_year'])}")
    if "seasons" in doc:
        seasons = doc["seasons"]
        if not (isinstance(seasons, list) and seasons
                and all(isinstance(s, str) and s.strip() for s in seasons)):
            report("seasons", f"seasons must be a non-empty list of names such as "
                              f"[\"Spring\", \"Autumn\"], not {_shown(seasons)}")
    if "max_turns" in doc and not (_is_int(doc["max_turns"])
                                   and 1 <= doc["max_turns"] <= MAX_TURNS):
        report("max_turns", f"max_turns must be a whole number of turns from 1 to "
                            f"{MAX_TURNS}, not {_shown(doc['max_turns'])}")
    for key in ("fog", "coalition_victory"):
        if key in doc and not isinstance(doc[key], bool):
            report(key, f"{key} must be true or false, not {_shown(doc[key])}")
    if "ruleset" in doc:
        for message in rules_problems({"ruleset": doc["ruleset"]}):
            report("ruleset", message)
    if "rules" in doc:
        rules = doc["rules"]
        if not isinstance(rules, dict):
            report("[rules]", f"rules must be a table of parameters, not {_shown(rules)}")
        else:
            for message in rules_problems(rules, doc.get("ruleset")):
                report("[rules]", message)
            for key in ("max_turns", "fog", "ruleset"):
                if key in doc and key in rules:
                    report("[rules]", f"{key} is set both at the top level and in [rules]; "
                                      "keep one")


def _declared_ruleset(doc: dict) -> Any:
    """The ruleset a scenario declares (top level or [rules]); 1 when it declares none."""
    rules = doc.get("rules")
    if isinstance(rules, dict) and "ruleset" in rules:
        return rules["ruleset"]
    return doc.get("ruleset", 1)


def _check_pars(powers: list[dict], ruleset: Any, report: Report) -> None:
    """Ruleset 2's par per power: a positive whole number of IP, and only in ruleset 2."""
    if _is_int(ruleset) and ruleset not in (1, 2):
        return   # the unknown ruleset is the problem to report, not every par after it
    for k, power in enumerate(powers):
        if "par" not in power:
            continue
        entry, par = _entry_of_power(power, k), power["par"]
        if ruleset != 2:
            report(entry, "par belongs to ruleset 2, and this scenario plays ruleset 1 "
                          "(set ruleset = 2)")
        elif not (_is_int(par) and 1 <= par <= MAX_POINTS):
            report(entry, f"par must be a whole number of IP from 1 to {MAX_POINTS}, "
                          f"not {_shown(par)}")


def _entry_of_power(power: dict, k: int) -> str:
    if isinstance(power.get("id"), str) and power["id"]:
        return f"power {power['id']!r}"
    return f"power {k + 1}"


def _check_power_ids(powers: list[dict], report: Report) -> list[str | None]:
    """The usable id of each power (None where missing, malformed or repeated)."""
    ids: list[str | None] = []
    first: dict[str, int] = {}
    for k, power in enumerate(powers):
        entry = _entry_of_power(power, k)
        pid = power.get("id")
        if "id" not in power:
            report(entry, "has no 'id'")
            pid = None
        elif not _is_id(pid):
            report(entry, _id_message("id", pid))
            pid = None
        elif pid == NEUTRAL:
            report(entry, f"the id {NEUTRAL!r} is reserved for neutral garrisons")
            pid = None
        elif pid in first:
            report(entry, f"the id {pid!r} is already used by power {first[pid] + 1}")
            pid = None
        else:
            first[pid] = k
        ids.append(pid)
    return ids


def _allies(pacts: Any, power_ids: list[str | None]) -> dict[str, set[str]]:
    """Who may base forces with whom: powers sharing a defensive or offensive pact."""
    allies: dict[str, set[str]] = {p: set() for p in power_ids if p}
    if not isinstance(pacts, list):
        return allies
    for terms in pacts:
        if not isinstance(terms, dict) or terms.get("kind") not in ("defensive", "offensive"):
            continue
        members = terms.get("members")
        if not isinstance(members, list):
            continue
        members = [m for m in members if isinstance(m, str) and m in allies]
        for m in members:
            allies[m].update(x for x in members if x != m)
    return allies


def _check_ownership(powers: list[dict], power_ids, facts: MapFacts,
                     report: Report) -> dict[str, str]:
    """Territory id -> owning power id, reporting territory lists that are malformed,
    name unknown territories, repeat one, or give one territory to two powers."""
    owner: dict[str, str] = {}
    for k, power in enumerate(powers):
        entry, pid = _entry_of_power(power, k), power_ids[k]
        territories = power.get("territories")
        if territories is None:
            report(entry, "owns no territory: give it 'territories', a list of territory ids "
                          "(a power without territory is eliminated at once)")
            continue
        if not isinstance(territories, list) or not all(isinstance(t, str)
                                                        for t in territories):
            report(entry, f"territories must be a list of territory ids, "
                          f"not {_shown(territories)}")
            continue
        if not territories:
            report(entry, "owns no territory (a power without territory is eliminated at once)")
        listed: set[str] = set()
        for tid in territories:
            if tid in listed:
                report(entry, f"territories lists {tid!r} twice")
                continue
            listed.add(tid)
            if facts.readable and tid not in facts.id_set:
                report(entry, f"territories names unknown territory {tid!r}")
            elif tid in owner:
                report(entry, f"territory {tid!r} is already given to power {owner[tid]!r}")
            elif pid:
                owner[tid] = pid
    return owner


def _whole(value: Any, low: int, high: int) -> bool:
    return _is_int(value) and low <= value <= high


def _check_power(power: dict, pid: str | None, entry: str, facts: MapFacts,
                 owner: dict[str, str], allies: dict[str, set[str]], report: Report) -> None:
    for message in _unknown_keys(power, POWER_KEYS):
        report(entry, message)
    _check_power_settings(power, entry, report)
    if "forces" in power:
        _check_forces(power["forces"], pid, entry, facts, owner, allies, report)
    if "objectives" in power:
        _check_objectives(power["objectives"], entry, facts, report)


def _check_power_settings(power: dict, entry: str, report: Report) -> None:
    """Name, colour, treasury, legitimacy and the commitment record (RULES.md §2, §5)."""
    if "name" in power and not (isinstance(power["name"], str) and power["name"].strip()):
        report(entry, f"name must be non-empty text, not {_shown(power['name'])}")
    if "color" in power and not (isinstance(power["color"], str)
                                 and COLOR_PATTERN.match(power["color"])):
        report(entry, f"color must be '#rrggbb' (six hex digits), not {_shown(power['color'])}")
    if "treasury" in power and not _whole(power["treasury"], 0, MAX_UNITS):
        report(entry, f"treasury must be a whole number of IP from 0, "
                      f"not {_shown(power['treasury'])}")
    if "legitimacy" in power and not _whole(power["legitimacy"], 0, 100):
        report(entry, f"legitimacy must be a whole number from 0 to 100, "
                      f"not {_shown(power['legitimacy'])}")
    record_ok = True
    for key in ("owed", "kept"):
        if key in power and not _whole(power[key], 0, MAX_UNITS):
            report(entry, f"{key} must be a whole number of commitments from 0, "
                          f"not {_shown(power[key])}")
            record_ok = False
    if record_ok and power.get("kept", 0) > power.get("owed", 0):
        report(entry, f"kept ({power.get('kept', 0)}) cannot exceed owed "
                      f"({power.get('owed', 0)}): a power keeps only commitments it owed")


def _check_forces(forces: Any, pid: str | None, entry: str, facts: MapFacts,
                  owner: dict[str, str], allies: dict[str, set[str]], report: Report) -> None:
    if not isinstance(forces, dict):
        report(entry, f"forces must be a table of territory = units, not {_shown(forces)}")
        return
    for tid, units in forces.items():
        if facts.readable and tid not in facts.id_set:
            report(entry, f"forces names unknown territory {tid!r}")
        elif not _whole(units, 0, MAX_UNITS):
            report(entry, f"forces in {tid!r} must be a whole number of units from 0, "
                          f"not {_shown(units)}")
        elif pid and facts.readable and units > 0:
            _check_basing(pid, tid, owner, allies, entry, report)


def _check_objectives(objectives: Any, entry: str, facts: MapFacts, report: Report) -> None:
    if not isinstance(objectives, dict):
        report(entry, f"objectives must be a table of territory = points, "
                      f"not {_shown(objectives)}")
        return
    for tid, points in objectives.items():
        if facts.readable and tid not in facts.id_set:
            report(entry, f"objectives names unknown territory {tid!r}")
        elif not _whole(points, -MAX_POINTS, MAX_POINTS):
            report(entry, f"objective points for {tid!r} must be a whole number, "
                          f"not {_shown(points)}")


def _check_basing(pid: str, tid: str, owner: dict[str, str], allies: dict[str, set[str]],
                  entry: str, report: Report) -> None:
    """RULES.md §2: forces stand only where their power or an ally owns the territory."""
    held_by = owner.get(tid)
    if held_by == pid or held_by in allies.get(pid, set()):
        return
    if held_by is None:
        report(entry, f"has forces in {tid!r}, a neutral territory; a power may keep forces "
                      "only where it or an ally owns the territory")
    else:
        report(entry, f"has forces in {tid!r}, which {held_by} owns and is not its ally "
                      "(allies share a defensive or offensive pact)")


def _check_capitals(powers: list[dict], power_ids, facts: MapFacts, owner: dict[str, str],
                    report: Callable[..., None], map_file: str) -> None:
    """RULES.md §2: a capital_of names a power of the scenario, which owns it; one each."""
    known = {p for p in power_ids if p}
    capitals: dict[str, list[str]] = {}
    for tid, pid in facts.capitals.items():
        if pid not in known:
            report(f"territory {tid!r}", f"capital_of names {pid!r}, which is not a power "
                                         "of this scenario", map_file)
        else:
            capitals.setdefault(pid, []).append(tid)
    for k, power in enumerate(powers):
        pid = power_ids[k]
        if not pid or pid not in capitals:
            continue
        entry = _entry_of_power(power, k)
        mine = capitals[pid]
        if len(mine) > 1:
            report(entry, f"has {len(mine)} capitals in the map "
                          f"({', '.join(repr(t) for t in mine)}); a power has at most one")
        for tid in mine:
            if owner.get(tid) != pid:
                report(entry, f"its capital {tid!r} (capital_of in the map) is not among "
                              "its territories")


def _check_neutral(doc: dict, facts: MapFacts, owner: dict[str, str], report: Report) -> None:
    if "neutral" not in doc:
        return
    neutral = doc["neutral"]
    if not isinstance(neutral, dict):
        report("[neutral]", f"neutral must be a table with 'forces', not {_shown(neutral)}")
        return
    for message in _unknown_keys(neutral, NEUTRAL_KEYS):
        report("[neutral]", message)
    forces = neutral.get("forces", {})
    if not isinstance(forces, dict):
        report("[neutral]", f"forces must be a table of territory = units, not {_shown(forces)}")
        return
    for tid, units in forces.items():
        if facts.readable and tid not in facts.id_set:
            report("[neutral]", f"forces names unknown territory {tid!r}")
        elif not _whole(units, 0, MAX_UNITS):
            report("[neutral]", f"the garrison of {tid!r} must be a whole number of units "
                                f"from 0, not {_shown(units)}")
        elif tid in owner:
            report("[neutral]", f"a garrison in {tid!r}, which {owner[tid]} owns; garrisons "
                                "are for territories no power owns")


def _check_pacts(pacts: Any, power_ids: list[str], facts: MapFacts, report: Report,
                 ruleset: Any = 1) -> None:
    if not isinstance(pacts, list):
        report("pacts", f"pacts must be a list of tables ([[pacts]]), not {_shown(pacts)}")
        return
    for k, terms in enumerate(pacts):
        entry = f"pact {k + 1}"
        if isinstance(terms, dict) and isinstance(terms.get("name"), str) and terms["name"]:
            entry += f" ({terms['name']!r})"
        try:
            messages = pact_problems(terms, power_ids, facts.ids, ruleset)
        except Exception as err:  # noqa: BLE001 - a checker must report, never crash
            messages = [f"its terms cannot be read ({type(err).__name__}: {err})"]
        for message in messages:
            report(entry, message)
