"""What a user gets wrong at the ``casus`` command: one sentence naming the file, exit code 2.

Each case here once ended otherwise: a traceback-like "unexpected error" (exit 70), a message
naming no file (``cannot read None``), a turn played from a file that held no orders, or a
folder found unwritable only after every game of a simulation had been played.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.cli.main import main
from game.cli.play_cmd import size_note
from game.client.connection import LocalHost
from game.maps import load_scenario, resolve_scenario


@pytest.fixture
def folder(tmp_path: Path, monkeypatch, capsys) -> Path:
    """A working folder holding what a user has at hand: a save, an export of it, orders, a
    binary file and a folder, under the names the cases use."""
    monkeypatch.chdir(tmp_path)
    LocalHost.new(load_scenario(resolve_scenario("tutorial")), save_path=tmp_path / "save.json")
    assert main(["export", "save.json", "--format", "json", "--out", "export.json"]) == 0
    (tmp_path / "orders.txt").write_text("RED: build ALB 1\n", encoding="utf-8")
    (tmp_path / "list.json").write_text("[]", encoding="utf-8")
    (tmp_path / "scenario.toml").write_text(resolve_scenario("tutorial").read_text())
    (tmp_path / "binary.txt").write_bytes(b"\xff\xfe\x00\x01 not text")
    (tmp_path / "notype.json").write_text(json.dumps({"events": [{"seq": 0, "at": 0.0}]}))
    (tmp_path / "adir").mkdir()
    capsys.readouterr()       # the export's own line is not the test's
    return tmp_path


CASES = [
    (["adjudicate", "tutorial", "--orders", "binary.txt"],
     "the orders file binary.txt is not text"),
    (["adjudicate", "tutorial", "--orders", "orders.txt", "--state", "binary.txt"],
     "the state file binary.txt is not text"),
    (["adjudicate", "tutorial", "--orders", "save.json"],
     "the orders file save.json names none of the powers of Tutorial (RED, GRN, BLU, YEL)"),
    (["adjudicate", "europe-1939", "--orders", "orders.txt"],
     "the orders file orders.txt names none of the powers of Europe 1939"),
    (["adjudicate", "tutorial", "--orders", "list.json"],
     "the orders file list.json must hold an object keyed by power id"),
    (["adjudicate", "tutorial", "--orders", "orders.txt", "--out", "adir"],
     "cannot write adir: Is a directory"),
    (["adjudicate", "tutorial", "--orders", "orders.txt", "--out", "save.json/turn.json"],
     "cannot write save.json/turn.json"),
    (["simulate", "tutorial", "--games", "1", "--out", "save.json/results"],
     "cannot make the --out folder save.json/results"),
    (["report", "binary.txt", "--out", "report"], "binary.txt is not text (byte 0 is not UTF-8)"),
    (["play", "--resume", "binary.txt", "--frames", "1"],
     "binary.txt is not a saved game (not text: byte 0 is not UTF-8)"),
    (["map", "generate", "--territories", "10", "--powers", "2", "--seed", "-1", "--out", "g"],
     "the seed must be a whole number, 0 or more, not -1"),
    (["map", "generate", "--territories", "10", "--powers", "2", "--out", "g", "--name",
      "maps/mine"], "--name is the files' name, without a folder (that is --out), not "
                    "'maps/mine'"),
    (["map", "shapes", "scenario.toml"],
     "scenario.toml: shapes belong to a map file (.map.json), not a scenario"),
    (["host", "--port", "0", "--tls-cert", "missing.pem", "--tls-key", "missing.pem"],
     "--tls-cert missing.pem: no such file"),
    (["host", "--port", "0", "--tls-cert", "orders.txt", "--tls-key", "adir"],
     "--tls-key adir: a folder, not a file"),
    (["host", "--port", "0", "--tls-cert", "orders.txt", "--tls-key", "orders.txt"],
     "cannot use orders.txt and orders.txt for TLS: they are not a PEM certificate"),
    (["host", "--port", "0", "--data", "save.json"], "save.json is a file, not a data folder"),
    (["play", "--saves", "save.json", "--frames", "1"],
     "--saves save.json is a file, not a folder for saved games"),
    (["play", "--resume", "export.json", "--frames", "1"],
     "export.json is not a saved game: it is a 'casus-export' file"),
    (["play", "--resume", "notype.json", "--frames", "1"],
     "notype.json cannot be replayed: event 0 (None) is not valid (KeyError: 'type')"),
    (["join", "ws://127.0.0.1:1", "--seats", "adir"], "--seats adir: it is a folder, not a file"),
    (["join", "ws://127.0.0.1:1", "--seats", "save.json"],
     "--seats save.json: it is not a file of remembered seats, and remembering a seat would "
     "overwrite it"),
    (["join", "ws://127.0.0.1:1", "--seats", "save.json/seats.json"],
     "--seats save.json/seats.json: cannot write into save.json"),
    (["export", "save.json", "--format", "csv", "--out", "save.json/events.csv"],
     "cannot write save.json/events.csv: save.json is a file, not a folder"),
]


@pytest.mark.parametrize("args, message", CASES, ids=lambda c: " ".join(c)
                         if isinstance(c, list) else "")
def test_a_mistake_is_one_sentence_naming_it_and_exit_code_2(folder, capsys, args, message):
    code = main(args)
    out, err = capsys.readouterr()
    assert "unexpected error" not in err
    assert code == 2, err
    assert err.count("\n") == 1, err
    assert err.startswith(f"casus {args[0]}: ") and message in err, err


def test_simulate_says_its_out_folder_is_unwritable_before_playing(folder, capsys):
    assert main(["simulate", "tutorial", "--games", "1", "--out", "save.json/results"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "simulate [" not in err   # no game was played, no progress bar


def test_a_play_size_beyond_the_display_is_said_as_such():
    assert "more than the display allows; the window opened at 16384x16384" in \
        size_note((100000, 100000), (16384, 16384))
    assert "never smaller than 1280x720" in size_note((800, 600), (1280, 720))
    assert size_note((1920, 1080), (1920, 1080)) == ""


def test_resuming_a_save_whose_folder_cannot_be_written(folder, capsys, monkeypatch):
    # Resuming writes the save again at once; a read-only folder was an "unexpected error".
    import game.client.connection as connection

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(folder / "save.json.tmp"))
    monkeypatch.setattr(connection.tempfile, "mkstemp", refuse)
    assert main(["play", "--resume", "save.json", "--frames", "1"]) == 2
    err = capsys.readouterr().err
    assert err == "casus play: cannot save the game in save.json: Permission denied\n"


def unwritable_folder(path, monkeypatch) -> None:
    """Make the folder ``path`` (in the working folder) one that os.access says this user
    cannot write into: a chmod would not do where the tests run as root."""
    import os
    path.mkdir()
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: str(p) != path.name
                        and real(p, mode, **kw))


def test_a_saves_folder_that_cannot_be_written_is_said_before_the_window(folder, capsys,
                                                                        monkeypatch):
    unwritable_folder(folder / "saves", monkeypatch)
    assert main(["play", "--saves", "saves", "--frames", "1"]) == 2
    assert capsys.readouterr().err == "casus play: --saves saves: cannot write into this folder\n"


def test_a_seat_book_written_by_join_or_an_empty_file_is_usable(tmp_path):
    from game.client.online.seats import HeldSeat, SeatBook
    book = SeatBook(tmp_path / "new" / "seats.json")
    assert book.unusable() is None                     # its folder is made when needed
    book.remember(HeldSeat("ws://127.0.0.1:8765", "m1", "RED", "t"))
    assert book.unusable() is None
    (tmp_path / "empty.json").write_text("")
    assert SeatBook(tmp_path / "empty.json").unusable() is None


def test_simulate_plays_no_more_games_at_once_than_there_are_processors(folder, capsys,
                                                                       monkeypatch):
    # --jobs 500 on a laptop started 500 processes, each with its own NumPy: memory, no speed.
    import game.cli.simulate_cmd as simulate_cmd
    seen = []
    real = simulate_cmd.play_all
    monkeypatch.setattr(simulate_cmd.os, "cpu_count", lambda: 1)
    monkeypatch.setattr(simulate_cmd, "play_all", lambda scenario, jobs, workers, **kw:
                        seen.append(workers) or real(scenario, jobs, workers, **kw))
    assert main(["simulate", "tutorial", "--games", "2", "--jobs", "500"]) == 0
    assert seen == [1]
    assert "note: --jobs 500 is more than this computer's 1 processor; playing 1 at a time" \
        in capsys.readouterr().err


def test_simulate_says_its_out_folder_cannot_be_written_before_playing(folder, capsys,
                                                                      monkeypatch):
    unwritable_folder(folder / "results", monkeypatch)
    assert main(["simulate", "tutorial", "--games", "1", "--out", "results"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err == ("casus simulate: cannot write into the --out folder results: "
                                 "permission denied\n")


def test_a_data_folder_of_other_things_keeps_its_mode_and_the_database_is_private(tmp_path):
    # casus host --data . (or /tmp): the folder was made 0700, /tmp losing its sticky,
    # world-writable mode; only a folder of the host's own files is closed now.
    import stat
    from server.storage import SQLiteStorage
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    (shared / "someone-else.txt").write_text("x")
    SQLiteStorage(shared).close()
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777
    assert stat.S_IMODE((shared / "matches.sqlite3").stat().st_mode) == 0o600
    own = tmp_path / "own"
    own.mkdir(mode=0o755)
    SQLiteStorage(own).close()
    SQLiteStorage(own).close()       # again, with its database in it: still its own
    assert stat.S_IMODE(own.stat().st_mode) == 0o700
