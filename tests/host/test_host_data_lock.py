"""One data folder, one serving host: a second ``casus host`` on a folder another host is
serving stops at once with one sentence naming it, instead of serving the same matches and
failing on the database (two hosts number a match's events each from its own memory).
``--check`` only reads, and still runs beside the serving host."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).parents[2]


def casus(*args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "game", *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_a_second_host_on_the_same_data_folder_is_refused(tmp_path):
    data = tmp_path / "data"
    first = casus("host", "--port", "0", "--data", str(data), "--no-announce")
    try:
        deadline = time.monotonic() + 30
        assert first.stdout is not None
        line = first.stdout.readline()
        while "listening on" not in line:
            assert time.monotonic() < deadline and line, "the first host did not start"
            line = first.stdout.readline()
        second = casus("host", "--port", "0", "--data", str(data), "--no-announce")
        try:
            out, err = second.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            second.kill()
            second.communicate()
            raise AssertionError("the second host served the folder the first one serves")
        assert second.returncode == 2
        assert f"another casus host (pid {first.pid}) is serving {data}" in err
        assert "Traceback" not in err and "listening" not in out
        check = casus("host", "--check", "--data", str(data))
        out, err = check.communicate(timeout=60)
        assert check.returncode == 0, err
    finally:
        first.terminate()
        first.communicate(timeout=30)
