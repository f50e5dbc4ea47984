"""Time `careleaf build --drafts` on the repository's default project, as the README runs it.

Usage: .venv/bin/python benchmarks/build_default.py [RUNS]

Each run is a fresh process building into a fresh folder (cold: Python start,
imports, font set-up, layout, fit and write). Prints the median and spread of
the wall time and the size of each PDF. The shipped handout is not signed
off, so only --drafts prints it (all five languages, stamped).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main(runs: int) -> None:
    careleaf = Path(sys.executable).with_name("careleaf")
    times = []
    sizes: dict[str, int] = {}
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as out:
            start = time.perf_counter()
            subprocess.run(
                [str(careleaf), "build", "--drafts", "--out", out],
                cwd=REPO,
                check=True,
                capture_output=True,
            )
            times.append(time.perf_counter() - start)
            sizes = {
                p.relative_to(out).as_posix(): p.stat().st_size for p in Path(out).rglob("*.pdf")
            }
    print(f"careleaf build --drafts (default project), {runs} cold runs")
    print(
        f"  median {statistics.median(times):.2f} s, min {min(times):.2f} s, max {max(times):.2f} s"
    )
    for name, size in sorted(sizes.items()):
        print(f"  {name}: {size / 1024:.1f} KiB ({size:,} bytes)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
