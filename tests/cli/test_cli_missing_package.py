"""``python -m game`` run by a Python that lacks one of the game's packages (outside .venv).

It was a traceback at ``--help`` (a subcommand's module failed to import) or an "unexpected
error ... This is a bug" when a command imported the package later. Now every subcommand
stays listed, and the one that needs the package says which, and how to get it, in one
sentence. Each case runs in a fresh interpreter where the package cannot be imported.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def casus_without(package: str, *args: str) -> subprocess.CompletedProcess[str]:
    code = (f"import sys; sys.modules[{package!r}] = None\n"   # import {package} now fails
            "from game.cli.main import main\n"
            "sys.exit(main(sys.argv[1:]))")
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)


def test_help_lists_a_subcommand_whose_package_is_missing():
    done = casus_without("msgpack", "--help")
    assert done.returncode == 0, done.stderr
    assert "join      (needs the package msgpack, missing here)" in done.stdout
    assert "adjudicate" in done.stdout and "Traceback" not in done.stderr


@pytest.mark.parametrize("package, args", [
    ("msgpack", ["join", "ws://127.0.0.1:1", "--match", "m1"]),      # at import
    ("msgpack", ["bot", "--help"]),
    ("websockets", ["host", "--port", "0", "--no-announce"]),       # imported when run
])
def test_the_command_names_the_missing_package_in_one_sentence(package, args):
    done = casus_without(package, *args)
    assert done.returncode == 2, done.stderr
    assert done.stderr == (f"casus {args[0]}: this needs the Python package '{package}', which "
                           "this Python lacks: 'make play' sets up .venv with everything the "
                           "game needs; then run .venv/bin/casus\n")
