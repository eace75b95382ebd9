"""``casus host`` as people run it: its options, its errors, and a clean stop."""

from __future__ import annotations

import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from game.cli.main import main
from store_switch import host_flags

pytestmark = pytest.mark.host   # runs casus host: on the store CASUS_TEST_STORE names


def test_host_is_a_casus_subcommand(capsys):
    try:
        main(["host", "--help"])
    except SystemExit as done:
        assert done.code == 0
    out = capsys.readouterr().out
    assert "--port" in out and "--data" in out and "--host" in out


def test_a_port_out_of_range_is_a_user_error(capsys, tmp_path):
    assert main(["host", "--port", "70000", "--data", str(tmp_path)]) == 2
    assert "casus host: --port must be from 0 to 65535" in capsys.readouterr().err


# SQLite only, by nature: a data folder (a database that cannot be reached is one sentence
# too, tests/host/test_server_migrate.py).
def test_a_data_folder_that_cannot_be_made_is_a_user_error(capsys, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert main(["host", "--port", "0", "--data", str(blocker / "data")]) == 2
    assert "cannot open the match database" in capsys.readouterr().err


def test_the_host_starts_answers_health_and_stops_on_sigint(tmp_path):
    flags = host_flags(tmp_path)
    proc = subprocess.Popen([sys.executable, "-m", "game.cli.main", "host", "--port", "0",
                             *flags], stdout=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        assert line.startswith("casus host: listening on ws://127.0.0.1:")
        url = line.split()[-1].replace("ws://", "http://") + "/health"
        assert urllib.request.urlopen(url, timeout=5).read().startswith(b"ok 0 matches")
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=10) == 0
        assert "stopped" in proc.stdout.read()
        if flags[0] == "--data":
            assert (Path(flags[1]) / "matches.sqlite3").exists()
    finally:
        if proc.poll() is None:
            proc.kill()
