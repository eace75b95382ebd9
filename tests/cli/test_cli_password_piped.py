"""``--ask-password`` without a terminal (the password piped in, a script): the first line of
the input is the password, with none of getpass's "Can not control echo" warnings, and no input
at all is one sentence."""

from __future__ import annotations

import io
import sys

import pytest

from game.cli.main import main
from game.cli.tokens import ask_password


def test_a_piped_password_is_the_first_line(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO("s3cret\nsomething else\n"))
    assert ask_password("Match password: ") == "s3cret"
    assert capsys.readouterr().err == ""


def test_no_input_is_no_password(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    with pytest.raises(EOFError):
        ask_password("Match password: ")
    assert main(["bot", "ws://127.0.0.1:1", "--match", "m", "--seat", "RED",
                 "--ask-password"]) == 2
    assert capsys.readouterr().err == "casus bot: no password was given at the prompt\n"
