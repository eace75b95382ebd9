"""A scenario's briefings: the public situation brief and one private brief per power.

They are Markdown files in a folder beside the scenario, named after it::

    europe-1939.scenario.toml
    europe-1939.briefs/public.md     # everyone reads this
    europe-1939.briefs/GER.md        # only Germany's team (and the umpire) reads this

A scenario without the folder has no briefs; a scenario with it needs every one of them.
``read_briefs`` reads and checks the folder, never raising: what is wrong comes back as
``Problem`` entries naming the file, so ``casus map check`` lists them all at once.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from .problems import Problem

#: The brief every seat reads; the others are named after the power they are for.
PUBLIC = "public"
BRIEF_SUFFIX = ".md"
FOLDER_SUFFIX = ".briefs"
#: A brief travels in one message when the umpire reissues it, so it holds what one text
#: field of the wire holds (game/protocol.py MAX_TEXT_LENGTH).
MAX_BRIEF_LENGTH = 2000
#: The key a loaded scenario document keeps its briefs under (brief id -> Markdown).
DOC_KEY = "briefs"


def briefs_folder(scenario_path: str | Path) -> Path:
    """The folder of a scenario's briefs: its file name with ``.briefs`` for the suffix."""
    path = Path(scenario_path)
    name = path.name
    for suffix in (".scenario.toml", ".toml"):
        if name.endswith(suffix):
            name = name[:-len(suffix)]
            break
    return path.parent / f"{name}{FOLDER_SUFFIX}"


def _power_ids(doc: Any) -> list[str]:
    """The power ids a (possibly faulty) scenario document names, as far as readable."""
    powers = doc.get("powers") if isinstance(doc, dict) else None
    return [p["id"] for p in (powers if isinstance(powers, list) else [])
            if isinstance(p, dict) and isinstance(p.get("id"), str)]


def read_briefs(scenario_path: str | Path, doc: Any) -> tuple[dict[str, str], list[Problem]]:
    """The briefs beside a scenario (brief id -> text) and every problem with them."""
    folder = briefs_folder(scenario_path)
    if not folder.exists():
        return {}, []
    label = str(folder)
    if not folder.is_dir():
        return {}, [Problem(label, "", "should be a folder of Markdown briefs "
                                       "(public.md and one POWER.md per power)")]
    powers = _power_ids(doc)
    briefs: dict[str, str] = {}
    problems: list[Problem] = []
    found = sorted(folder.iterdir())
    for file in found:
        if not file.name.endswith(BRIEF_SUFFIX):
            continue
        brief = file.name[:-len(BRIEF_SUFFIX)]
        entry = "public brief" if brief == PUBLIC else f"brief {brief!r}"
        if brief != PUBLIC and brief not in powers:
            problems.append(Problem(str(file), entry, f"there is no power {brief!r} in the "
                                    f"scenario (its powers are: {', '.join(powers)})"))
            continue
        try:
            text = file.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            problems.append(Problem(str(file), entry, "is not UTF-8 text"))
            continue
        except OSError as err:
            problems.append(Problem(str(file), entry, f"cannot be read ({err.strerror})"))
            continue
        if not text.strip():
            problems.append(Problem(str(file), entry, "is empty; write the brief or "
                                                      "delete the file"))
        elif len(text) > MAX_BRIEF_LENGTH:
            problems.append(Problem(str(file), entry, f"is {len(text)} characters long; a "
                                    f"brief holds at most {MAX_BRIEF_LENGTH}"))
        else:
            briefs[brief] = text.strip() + "\n"
    names = {f.name for f in found}
    for brief in [PUBLIC] + powers:
        if f"{brief}{BRIEF_SUFFIX}" not in names:
            what = ("the public situation brief" if brief == PUBLIC
                    else f"power {brief!r}'s private brief")
            problems.append(Problem(label, f"{brief}{BRIEF_SUFFIX}",
                                    f"missing file: {what} (every brief or none)"))
    return briefs, problems


def briefs_of(scenario_doc: Any) -> dict[str, str]:
    """The briefs a loaded scenario document carries (empty when it has none)."""
    briefs = scenario_doc.get(DOC_KEY) if isinstance(scenario_doc, dict) else None
    return dict(briefs) if isinstance(briefs, dict) else {}


# --- the Markdown a brief is written in ------------------------------------------------------
# Briefs use a small part of Markdown: ``#`` headings, paragraphs, ``-``/``1.`` list items,
# **bold**, *italic* and `code`. The Brief tab and the printed handouts both read it here,
# so what an author writes looks the same on the screen and on paper.

HEADING, PARAGRAPH, ITEM = "heading", "paragraph", "item"

_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")


def brief_blocks(text: str) -> list[tuple[str, str]]:
    """A brief as blocks, each ``(kind, text)``: headings, paragraphs (their lines joined)
    and list items, in order."""
    blocks: list[tuple[str, str]] = []
    lines: list[str] = []
    kind = PARAGRAPH

    def close() -> None:
        nonlocal lines
        if lines:
            blocks.append((kind, " ".join(line.strip() for line in lines)))
        lines = []

    for raw in text.splitlines():
        if not raw.strip():
            close()
        elif raw.lstrip().startswith("#"):
            close()
            blocks.append((HEADING, raw.lstrip().lstrip("#").strip()))
        elif _ITEM.match(raw):
            close()
            kind = ITEM
            lines = [_ITEM.sub("", raw, count=1)]
        else:
            if not lines:
                kind = PARAGRAPH
            lines.append(raw)
    close()
    return blocks


def inline_html(text: str, code: tuple[str, str] = ("<code>", "</code>")) -> str:
    """One block's text as HTML: escaped, with **bold**, *italic* and `code` (``code``:
    the tags to wrap code in; pygame_gui text boxes have no ``<code>``)."""
    out = html.escape(text, quote=False)
    out = re.sub(r"`([^`]+)`", lambda m: f"{code[0]}{m[1]}{code[1]}", out)
    out = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", out)
    out = re.sub(r"(?<![*\w])\*(?!\s)(.+?)(?<!\s)\*(?![*\w])", r"<i>\1</i>", out)
    return out
