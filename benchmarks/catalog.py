"""Benchmark careleaf on a catalog against plain WeasyPrint printing a comparable leaflet.

Usage: .venv/bin/python benchmarks/catalog.py [--handouts 20] [--jobs 2] [--today 2026-12-01]
                                             [--repo PATH] [--careleaf PATH]

The yardstick is the reference leaflet in ../shared/bench/reference-leaflet/
(a comparable three-page leaflet in en, ar, es, fr and de, not careleaf's
template). The naive baseline prints it once per output of the catalog, in
that output's language, in one process: ``HTML(string=...).write_pdf()`` per
PDF, the WeasyPrint import included, nothing reused (benchmarks/naive_loop.py).

The catalog is HANDOUTS copies of the repository's shipped handout
(``bench-01`` ...) with all its languages, built with ``--drafts`` (the
sample is not signed off; its translations are drafts), on the paper of the
repository's clinic profile (US Letter). ``--repo`` and ``--careleaf`` point
at another checkout and its installed command, to measure an earlier commit
the same way.

In one run it measures, in this order: the baseline; ``build --jobs JOBS``
cold, into an empty folder; the same build again (no-op: 0 built); after
editing one language file of one handout (exactly 1 built); ``check
--drafts`` and ``status`` on the built catalog; ``careleaf --version``; and,
from the cold build, WeasyPrint layouts per section and the peak memory of
the main process and of the largest worker. Every timing is one process's
wall time, start-up included. It prints a markdown table with the targets
of issue 12: cold <= 0.5x the baseline, no-op < 0.5 s, --version < 0.2 s,
one edited file rebuilds one PDF. Timing assertions live here, never in tests.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
REFERENCE = REPO.parent / "shared" / "bench" / "reference-leaflet"
NAIVE_LOOP = Path(__file__).resolve().with_name("naive_loop.py")
SIZES_PT = (14.0, 13.5, 13.0, 12.5, 12.0)  # the fit's grid, for manifests without "layouts"

TARGET_COLD_RATIO = 0.5
TARGET_NOOP_S = 0.5
TARGET_VERSION_S = 0.2


# --- running and measuring processes ---


def _family_peaks(root_pid: int, peaks: dict[int, int]) -> None:
    """Record VmHWM (peak resident set, KiB) of ``root_pid`` and its descendants."""
    parents: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as f:
                    parents[int(entry.name)] = int(f.read().rsplit(")", 1)[1].split()[1])
            except OSError:
                continue
    family, grew = {root_pid}, True
    while grew:
        found = {pid for pid, ppid in parents.items() if ppid in family} - family
        family |= found
        grew = bool(found)
    for pid in family:
        try:
            with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        peaks[pid] = max(peaks.get(pid, 0), int(line.split()[1]))
        except OSError:
            continue


@dataclass
class Run:
    seconds: float
    returncode: int
    output: str
    peaks: dict[int, int] = field(default_factory=dict)  # pid -> KiB; the root pid included
    pid: int = 0


def run(cmd: Sequence[str], cwd: Path, sample: bool = False) -> Run:
    """Run ``cmd`` to its end; wall time from spawn to exit; peaks sampled every 0.2 s."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(list(cmd), cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
        peaks: dict[int, int] = {}
        done = threading.Event()

        def sampler() -> None:
            while not done.wait(0.2):
                _family_peaks(proc.pid, peaks)

        thread = threading.Thread(target=sampler, daemon=True)
        if sample:
            thread.start()
        proc.wait()
        seconds = time.perf_counter() - start
        done.set()
        if sample:
            thread.join()
        out.seek(0)
        return Run(seconds, proc.returncode, out.read().decode("utf-8", "replace"), peaks, proc.pid)


_SUMMARY = re.compile(
    r"careleaf: (?P<built>\d+) (?:built|checked), (?:(?P<current>\d+) up to date, )?"
    r"(?:(?P<skipped>\d+) skipped, )?(?P<failed>\d+) failed"
)


def summary(result: Run, what: str) -> dict[str, int]:
    match = _SUMMARY.search(result.output)
    if result.returncode != 0 or not match:
        raise SystemExit(f"{what} failed (exit {result.returncode}):\n{result.output[-3000:]}")
    return {k: int(v or 0) for k, v in match.groupdict().items()}


# --- the catalog ---


def make_catalog(repo: Path, root: Path, handouts: int) -> tuple[list[str], Path]:
    """HANDOUTS copies of the shipped handout; its languages and the file to edit."""
    for folder in ("templates", "styles"):
        shutil.copytree(repo / folder, root / folder)
    source = repo / "handouts"
    (root / "handouts").mkdir()
    for entry in source.iterdir():
        if entry.name.startswith("_") or entry.is_file():
            copy = shutil.copytree if entry.is_dir() else shutil.copy2
            copy(entry, root / "handouts" / entry.name)
    shipped = source / "muscle-spasm"
    for number in range(1, handouts + 1):
        handout_id = f"bench-{number:02d}"
        folder = root / "handouts" / handout_id
        shutil.copytree(shipped, folder)
        governance = folder / "handout.yaml"
        text = governance.read_text(encoding="utf-8")
        governance.write_text(re.sub(r"(?m)^id: .*$", f"id: {handout_id}", text), "utf-8")
    tags = sorted(p.stem for p in shipped.glob("*.yaml") if p.name != "handout.yaml")
    return tags, root / "handouts" / "bench-01" / (
        "es.yaml" if "es" in tags else f"{tags[-1]}.yaml"
    )


def edit(path: Path) -> None:
    """Change one word of the file's own text (its title), as a translator would."""
    text = path.read_text(encoding="utf-8")
    changed = re.sub(r'(?m)^(title: "?)([^"\n]+)', r"\1\2 (2)", text, count=1)
    assert changed != text, f"no title in {path}"
    path.write_text(changed, encoding="utf-8")


def layouts_per_section(out: Path) -> tuple[float, str]:
    """Mean WeasyPrint layouts per section, from the manifests (or their body sizes).

    Every manifest under ``out``: stamped prints have a folder of their own
    (``not-for-patients/``) since issue 14, and before it shared ``out``.
    """
    outputs = [
        entry
        for manifest in sorted(out.rglob("manifest.json"))
        for entry in json.loads(manifest.read_text(encoding="utf-8"))["outputs"]
    ]
    if all("layouts" in o for o in outputs):
        sections = sum(len(o["body_pt"]) for o in outputs)
        return sum(o["layouts"] for o in outputs) / sections, "counted"
    # Before the count was recorded: stepping down 0.5 pt from 14 pt, one layout per size.
    tries = [SIZES_PT.index(float(pt)) + 1 for o in outputs for pt in o["body_pt"].values()]
    return sum(tries) / len(tries), "from body sizes"


# --- the run ---


@dataclass
class Figures:
    rows: list[tuple[str, str, str, str, str]] = field(default_factory=list)
    ok: bool = True

    def add(self, what: str, value: str, ratio: str = "-", target: str = "-", met: str = "-"):
        self.rows.append((what, value, ratio, target, met))
        if met == "NO":
            self.ok = False

    def print(self) -> None:
        header = ("measurement", "value", "ratio to baseline", "target", "met?")
        print("| " + " | ".join(header) + " |")
        print("|" + "|".join(["---"] * len(header)) + "|")
        for row in self.rows:
            print("| " + " | ".join(row) + " |")


def yes(ok: bool) -> str:
    return "yes" if ok else "NO"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--handouts", type=int, default=20, help="copies (default 20)")
    parser.add_argument("--jobs", type=int, default=2, help="build --jobs (default 2)")
    parser.add_argument("--today", default="2026-12-01", help="--today for every careleaf run")
    parser.add_argument("--repo", type=Path, default=REPO, help="the checkout to measure")
    parser.add_argument(
        "--careleaf",
        default=str(Path(sys.executable).with_name("careleaf")),
        help="its careleaf command (default: beside this Python)",
    )
    args = parser.parse_args(argv)
    careleaf, today = [args.careleaf], ["--today", args.today]
    started = time.perf_counter()
    commit = subprocess.run(
        ["git", "-C", str(args.repo), "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    print(f"careleaf catalog benchmark: {args.repo.name} at {commit or '?'}")
    print(
        f"  machine: {os.cpu_count()} CPUs, {platform.machine()}, Python "
        f"{platform.python_version()}; load before: "
        + " ".join(f"{x:.2f}" for x in os.getloadavg())
    )
    figures = Figures()
    with tempfile.TemporaryDirectory(prefix="careleaf-bench-") as tmp_name:
        tmp = Path(tmp_name)
        root = tmp / "catalog"
        root.mkdir()
        tags, target = make_catalog(args.repo, root, args.handouts)
        total = args.handouts * len(tags)
        print(f"  catalog: {args.handouts} copies x {len(tags)} languages ({', '.join(tags)})")
        print(f"  = {total} PDFs, build --drafts --jobs {args.jobs}, the clinic's paper")
        sys.stdout.flush()

        baseline = run(
            [
                sys.executable,
                str(NAIVE_LOOP),
                str(REFERENCE),
                str(tmp / "naive"),
                *tags * args.handouts,
            ],
            tmp,
        )
        if baseline.returncode != 0 or baseline.output.split()[-1] != str(total):
            raise SystemExit(f"naive baseline failed:\n{baseline.output[-3000:]}")
        base = baseline.seconds
        figures.add(
            f"naive baseline: {total} x write_pdf of the reference leaflet, 1 process",
            f"{base:.2f} s",
            "1.00x",
        )

        # Run from inside the catalog: careleaf finds the project (older ones took ".").
        build = [*careleaf, "build", *today, "--drafts", "--jobs", str(args.jobs)]
        out = tmp / "out"
        cold = run([*build, "--out", str(out)], root, sample=True)
        counts = summary(cold, "cold build")
        ok = counts["built"] == total
        figures.add(
            f"careleaf build -j{args.jobs}, cold ({counts['built']} built)",
            f"{cold.seconds:.2f} s",
            f"{cold.seconds / base:.2f}x",
            f"<= {TARGET_COLD_RATIO}x",
            yes(ok and cold.seconds / base <= TARGET_COLD_RATIO),
        )
        noop = run([*build, "--out", str(out)], root)
        counts = summary(noop, "no-op build")
        figures.add(
            f"no-op rebuild ({counts['built']} built, {counts['current']} up to date)",
            f"{noop.seconds:.2f} s",
            f"{noop.seconds / base:.3f}x",
            f"< {TARGET_NOOP_S} s, 0 built",
            yes(noop.seconds < TARGET_NOOP_S and counts["built"] == 0),
        )
        edit(target)
        edited = run([*build, "--out", str(out)], root)
        counts = summary(edited, "rebuild after an edit")
        figures.add(
            f"rebuild after editing {target.parent.name}/{target.name} ({counts['built']} built)",
            f"{edited.seconds:.2f} s",
            f"{edited.seconds / base:.3f}x",
            "exactly 1 built",
            yes(counts["built"] == 1 and counts["current"] == total - 1),
        )
        # check and status read the manifest of the default output folder.
        shutil.copytree(out, root / "output")
        check = run([*careleaf, "check", *today, "--drafts", "--jobs", str(args.jobs)], root)
        summary(check, "check")
        figures.add("careleaf check --drafts (built catalog)", f"{check.seconds:.2f} s")
        status = run([*careleaf, "status", *today, "--jobs", str(args.jobs)], root)
        if "HANDOUT" not in status.output:
            raise SystemExit(f"status failed:\n{status.output[-3000:]}")
        figures.add("careleaf status (built catalog)", f"{status.seconds:.2f} s")
        version = min(run([*careleaf, "--version"], root).seconds for _ in range(5))
        figures.add(
            "careleaf --version (best of 5)",
            f"{version:.3f} s",
            target=f"< {TARGET_VERSION_S} s",
            met=yes(version < TARGET_VERSION_S),
        )
        mean, how = layouts_per_section(out)
        figures.add(
            f"WeasyPrint layouts per section ({how})",
            f"{mean:.2f}",
            target="<= 1.3",
            met=yes(mean <= 1.3),
        )
        main_kib = cold.peaks.get(cold.pid, 0)
        worker_kib = max((k for pid, k in cold.peaks.items() if pid != cold.pid), default=0)
        figures.add(
            "peak memory: main process / largest worker",
            f"{main_kib / 1024:.0f} / {worker_kib / 1024:.0f} MiB",
        )
    print()
    figures.print()
    print()
    print(
        f"load after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; "
        f"the benchmark took {time.perf_counter() - started:.0f} s"
    )
    return 0 if figures.ok else 1


if __name__ == "__main__":
    sys.exit(main())
