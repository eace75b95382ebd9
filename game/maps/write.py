"""Writing map JSON and scenario TOML the way people read and diff them.

Maps put one territory and one edge on a line, so a change to Calais is a one-line diff.
Python has no TOML writer, so scenarios are formatted here by hand; only the value types
a scenario uses are supported (text, whole and real numbers, booleans, lists, tables).
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+\Z")
TOP_KEYS_FIRST = ("name", "description", "map", "start_year", "seasons", "max_turns", "fog",
                  "coalition_victory")


def map_json(doc: dict[str, Any]) -> str:
    """A map document as JSON text: top-level keys first, then a territory or edge a line."""
    lines = ["{"]
    rest = {k: v for k, v in doc.items() if k not in ("territories", "edges")}
    items = [f"  {json.dumps(k)}: {_compact(v)}" for k, v in rest.items()]
    if "territories" in doc:
        body = ",\n".join(f"    {_compact(t)}" for t in doc["territories"])
        items.append(f'  "territories": [\n{body}\n  ]')
    if "edges" in doc:
        body = ",\n".join(f"    {_compact(e)}" for e in doc["edges"])
        items.append(f'  "edges": [\n{body}\n  ]')
    lines.append(",\n".join(items))
    lines.append("}")
    return "\n".join(lines) + "\n"


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def toml_key(key: str) -> str:
    """A key as TOML writes it: bare when it can be, quoted otherwise."""
    return key if _BARE_KEY.match(key) else _toml_string(key)


def _toml_string(text: str) -> str:
    # JSON's escapes (\" \\ \n \t \uXXXX ...) are all valid in TOML basic strings.
    return json.dumps(text, ensure_ascii=False)


def toml_value(value: Any) -> str:
    """A value in TOML's inline syntax."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"TOML cannot hold {value!r} here")
        return repr(value)
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        return "{ " + ", ".join(f"{toml_key(k)} = {toml_value(v)}"
                                for k, v in value.items()) + " }"
    raise TypeError(f"TOML cannot hold a {type(value).__name__}")


def scenario_toml(doc: dict[str, Any]) -> str:
    """A scenario document as TOML: settings, then [rules], [[powers]], [neutral], [[pacts]]
    and [[injects]], in the order of RULES.md §9."""
    sections = ("rules", "powers", "neutral", "pacts", "injects")
    plain = [k for k in TOP_KEYS_FIRST if k in doc]
    plain += [k for k in doc if k not in TOP_KEYS_FIRST and k not in sections]
    out = [f"{toml_key(key)} = {toml_value(doc[key])}" for key in plain]
    for key in sections:
        if key not in doc:
            continue
        if isinstance(doc[key], dict):
            out += ["", f"[{key}]"]
            out += [f"{toml_key(k)} = {toml_value(v)}" for k, v in doc[key].items()]
        else:
            _tables_of(doc, key, out)
    return "\n".join(out) + "\n"


def _tables_of(doc: dict[str, Any], key: str, out: list[str]) -> None:
    for table in doc.get(key) or []:
        out.append("")
        out.append(f"[[{key}]]")
        for k, v in table.items():
            out.append(f"{toml_key(k)} = {toml_value(v)}")
