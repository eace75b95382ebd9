"""How long the handouts of a scenario take: every page drawn and written (and printed to
PDF when headless Chromium is installed), timed end to end. The target is under 10 s for
europe-1939.

    .venv/bin/python bench/handouts.py [--scenario europe-1939] [--repeat 3] [--no-pdf]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from game.handouts import write_handouts  # noqa: E402
from game.handouts.pdf import find_chromium  # noqa: E402
from game.maps import load_scenario  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", default="europe-1939")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-pdf", action="store_true")
    args = parser.parse_args()
    pdf = not args.no_pdf and find_chromium() is not None
    times = []
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as out:
            start = time.perf_counter()
            scenario = load_scenario(args.scenario)
            written = write_handouts(scenario, Path(out), pdf=pdf)
            times.append(time.perf_counter() - start)
    print(f"{args.scenario}: {len(written.pages)} pages, PDFs "
          f"{'printed' if pdf else 'not printed (no Chromium, or --no-pdf)'}")
    print(f"seconds per set: best {min(times):.2f}, worst {max(times):.2f} "
          f"(target < 10) over {args.repeat} runs")


if __name__ == "__main__":
    main()
