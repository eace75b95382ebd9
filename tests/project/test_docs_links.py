"""The docs a newcomer follows point at things that exist.

Every relative link in the Markdown docs reaches a file (and its heading, for a ``#anchor``);
every repository path they name (``game/…``, ``tests/…``, ``bench/…``; a glob matches a file;
``pkg/module.name`` is a name in ``pkg/module.py``) exists; every ``casus`` command they write
out (in a code span or a code block) is one there is, with options it takes; the README's
command table lists every ``casus`` subcommand, writes only options that subcommand has, and
mentions every one it has.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from game.cli.main import build_parser

ROOT = Path(__file__).resolve().parents[2]
DOCS = sorted([ROOT / "README.md", *(ROOT / "docs").glob("*.md"),
               *(ROOT / "game" / "data").rglob("README.md")])
TOP = ("game", "server", "tests", "bench", "tools", "docs", "deploy")
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
PATH = re.compile(r"(?<![\w/.-])((?:" + "|".join(TOP) + r")/[\w./*-]*[\w/*])")
HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*$", re.M)


def slug(heading: str) -> str:
    """A heading's anchor as GitHub makes it: lower case, punctuation dropped, '-' for ' '."""
    text = re.sub(r"[`*_]", "", heading).strip().lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def broken_links(doc: Path, text: str) -> list[str]:
    problems = []
    for target in LINK.findall(text):
        if re.match(r"[a-z]+:", target):
            continue   # http:, mailto:: not ours to check offline
        path, _, anchor = target.partition("#")
        file = doc.parent / path
        if path and not file.exists():
            problems.append(f"{doc.name}: the link {target} leads to no file")
        elif anchor and (not path or file.suffix == ".md"):
            headings = HEADING.findall(file.read_text(encoding="utf-8") if path else text)
            if anchor not in {slug(h) for h in headings}:
                problems.append(f"{doc.name}: the link {target} names no heading of "
                                f"{path or doc.name}")
    return problems


def path_exists(name: str) -> bool:
    """A named repository path: a file or folder, a glob that matches one, or
    ``folder/module.name`` for a name defined in ``folder/module.py``."""
    if any(c in name for c in "*?["):
        return any(ROOT.glob(name))
    if (ROOT / name).exists():
        return True
    module, dot, attr = name.rpartition(".")
    source = ROOT / f"{module}.py"
    return bool(dot) and source.is_file() and re.search(
        rf"^\s*(def|class)\s+{re.escape(attr)}\b|^{re.escape(attr)}\s*[:=]",
        source.read_text(encoding="utf-8"), re.M) is not None


def missing_paths(doc: Path, text: str) -> list[str]:
    return [f"{doc.name}: {name} does not exist" for name in sorted(set(PATH.findall(text)))
            if not path_exists(name.rstrip("."))]


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: str(d.relative_to(ROOT)))
def test_every_link_and_path_in_the_docs_exists(doc):
    text = doc.read_text(encoding="utf-8")
    problems = broken_links(doc, text) + missing_paths(doc, text)
    assert not problems, "\n".join(problems)


def test_the_checker_finds_a_broken_link_anchor_and_path(tmp_path):
    doc = tmp_path / "X.md"
    text = ("# Real heading\n[a](nowhere.md) [b](#real-heading) [c](#no-such) "
            "see game/engine/nowhere.py, tests/nothing_*.py, game/words/pacts.no_such_name "
            "but game/engine/ and game/words/pacts.pact_title exist")
    assert broken_links(doc, text) == [
        "X.md: the link nowhere.md leads to no file",
        "X.md: the link #no-such names no heading of X.md"]
    assert missing_paths(doc, text) == [
        "X.md: game/engine/nowhere.py does not exist",
        "X.md: game/words/pacts.no_such_name does not exist",
        "X.md: tests/nothing_*.py does not exist"]


# --- the README's command table --------------------------------------------------------------

def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def command_rows() -> dict[str, str]:
    """Each row of the README's command table by its subcommand ('map check', 'host', …),
    the whole row (the synopsis and what it does)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    table = text[text.index("## Commands"):text.index("## The code")]
    rows: dict[str, str] = {}
    for row in table.splitlines():
        if not row.startswith("| `casus "):
            continue
        for synopsis in re.findall(r"`casus ([^`]*)`", row.split(" | ")[0]):
            words = synopsis.split()
            name = " ".join(words[:2]) if words[0] == "map" else words[0]
            rows[name] = synopsis + "\n" + row
    return rows


def command_problems(rows: dict[str, str]) -> list[str]:
    problems = []
    parsers: dict[str, argparse.ArgumentParser] = {}
    for name, parser in _subparsers(build_parser()).items():
        inner = _subparsers(parser)
        parsers.update({f"{name} {sub}": p for sub, p in inner.items()} if inner
                       else {name: parser})
    for name, parser in parsers.items():
        if name not in rows:
            problems.append(f"casus {name} is not in the README's command table")
            continue
        synopsis, row = rows[name].split("\n", 1)
        options = {o for a in parser._actions for o in a.option_strings
                   if a.help != argparse.SUPPRESS} - {"-h", "--help"}
        problems += [f"casus {name}: the README writes {flag}, which it does not take"
                     for flag in sorted(set(re.findall(r"--[a-z][a-z-]*", synopsis)) - options)]
        problems += [f"casus {name}: the README never mentions {flag}"
                     for flag in sorted(options) if not re.search(rf"{flag}(?![\w-])", row)]
    problems += [f"the README lists casus {name}, which does not exist"
                 for name in sorted(set(rows) - set(parsers))]
    return problems


CODE_SPAN = re.compile(r"`(?:\.venv/bin/)?casus ([^`]*)`")
FENCE = re.compile(r"^```.*?^```", re.M | re.S)


def written_commands(text: str) -> list[str]:
    """Every casus command a doc writes out: in a code span, or a line of a code block."""
    found = CODE_SPAN.findall(text)
    for block in FENCE.findall(text):
        found += [m.group(1) for m in re.finditer(r"(?:^|\s|/)casus ([^\n]*)", block)]
    return found


def command_line_problems(commands: list[str]) -> list[str]:
    """A written command naming a subcommand, or an option of it, that does not exist."""
    main_parser = build_parser()
    top = _subparsers(main_parser)
    own = {o for a in main_parser._actions for o in a.option_strings}   # casus --version
    problems = []
    for command in commands:
        words = command.split()
        if words and words[0] in own:
            continue
        if not words or words[0] not in top:
            problems.append(f"casus {command}: there is no such command")
            continue
        parser = top[words[0]]
        inner = _subparsers(parser)
        if inner and len(words) > 1 and words[1] in inner:
            parser = inner[words[1]]
        options = {o for a in parser._actions for o in a.option_strings}
        problems += [f"casus {command}: {flag} is not an option of casus {words[0]}"
                     for flag in re.findall(r"(?<![\w-])--[a-z][a-z-]*", command)
                     if flag not in options]
    return problems


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: str(d.relative_to(ROOT)))
def test_every_command_the_docs_write_exists_with_its_options(doc):
    problems = command_line_problems(written_commands(doc.read_text(encoding="utf-8")))
    assert not problems, "\n".join(problems)


def test_the_command_check_finds_a_wrong_command():
    text = ("Run `casus debrief M1` or `casus report M1 --out x --colour`, then\n"
            "```sh\n.venv/bin/casus simulate tutorial --games 2 --turbo\n```\n")
    assert written_commands(text) == ["debrief M1", "report M1 --out x --colour",
                                      "simulate tutorial --games 2 --turbo"]
    assert command_line_problems(written_commands(text)) == [
        "casus debrief M1: there is no such command",
        "casus report M1 --out x --colour: --colour is not an option of casus report",
        "casus simulate tutorial --games 2 --turbo: --turbo is not an option of casus "
        "simulate"]


def test_the_readme_command_table_matches_the_commands():
    problems = command_problems(command_rows())
    assert not problems, "\n".join(problems)


def test_the_command_table_check_finds_a_wrong_row():
    rows = command_rows()
    rows["export"] = rows["export"].replace("--channel", "--chanel", 1)
    del rows["map shapes"]
    rows["frobnicate"] = "frobnicate\n| `casus frobnicate` |"
    problems = command_problems(rows)
    assert "casus export: the README writes --chanel, which it does not take" in problems
    assert "casus map shapes is not in the README's command table" in problems
    assert "the README lists casus frobnicate, which does not exist" in problems
