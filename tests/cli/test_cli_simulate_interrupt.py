"""Ctrl-C during ``casus simulate --jobs 2`` prints no worker tracebacks.

Ctrl-C reaches every process of the terminal's group, the pool's workers too. Each worker
printed a KeyboardInterrupt traceback of its own (screens of bot internals) whenever it heard
the interrupt before the parent stopped the pool; now the workers leave Ctrl-C to the parent.
The race is made certain here: the interrupt goes to the workers alone, and they must carry
on and finish the games without a word (a worker that died of it also lost its game, and the
pool waited for it for ever).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import multiprocessing, os, signal, threading, time
from game.cli.common import load_scenario_arg
from game.cli.simulate_cmd import play_all
from game.simulate import parse_spec

def interrupt_workers():
    for _ in range(200):                      # until the pool has its workers (10 s at most)
        workers = multiprocessing.active_children()
        if len(workers) == 2:
            break
        time.sleep(0.05)
    time.sleep(0.3)                           # while they play
    for worker in workers:
        os.kill(worker.pid, signal.SIGINT)

threading.Thread(target=interrupt_workers, daemon=True).start()
scenario = load_scenario_arg("tutorial")
spec = parse_spec("balancer", scenario)
jobs = [(g, g, spec.players(scenario, g, 0)) for g in range(40)]
results = play_all(scenario, jobs, 2, progress=False)
print(len(results))
"""


def test_workers_interrupted_carry_on_quietly():
    done = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert "Traceback" not in done.stderr and "KeyboardInterrupt" not in done.stderr, \
        done.stderr[-2000:]
    assert done.returncode == 0 and done.stdout.strip() == "40"
