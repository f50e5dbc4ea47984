"""Benchmark `careleaf build` on a synthetic catalog against plain WeasyPrint.

Usage: .venv/bin/python benchmarks/catalog.py [--runs 3] [--handouts 20] [--languages 10]
                                             [--jobs 2] [--today 2026-11-21]

In a temporary folder it writes a catalog of HANDOUTS copies of the muscle
spasm handout (``bench-01``, ...; each title gets " (NN)" so every PDF
differs) in LANGUAGES languages: the real en, ar (right to left), es, fr and
de files, then it, pt, nl, sv and pl, which are SYNTHETIC stand-ins reusing
the Spanish or French words (realistic length, wrong language) under their
own language tag. Every translation is approved, complete and current, so a
plain ``careleaf build`` prints all of them; ``careleaf check --no-layout``
and ``careleaf translate status`` must pass before anything is timed.

Then, each of RUNS rounds measures, on this machine:

(a) the naive baseline: one fresh process, a plain loop of
    ``HTML(string=html).write_pdf(stylesheets=[print.css, page css])`` per
    output, on the same HTML careleaf prints (rendered here with careleaf's
    own template code and the body sizes careleaf chose, read from the cold
    build's manifest). Only the loop is timed (see naive_loop.py);
(b) ``careleaf build --jobs JOBS`` cold, into an empty folder: the whole
    process's wall time, interpreter start included;
(c) the same build again with nothing changed (must be 0 built);
(d) the same build after editing the title of one translation file (its
    own text, so it stays current): must build exactly one PDF;
(e) peak memory: the largest resident set of any careleaf process (main or
    worker) during the cold build, from wait4(); also per process, sampled.

It prints a markdown table of medians and their ratio to the baseline, with
the targets of the issue. At the default size (200 PDFs, 3 rounds) a run
takes about 3 x (baseline + cold build) plus a few seconds: 17 minutes on a
2-core machine in November 2026 (baseline about 2 minutes, cold build about
3.5). ``--handouts 2 --languages 3 --runs 1`` takes about 15 seconds.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from importlib.metadata import version
from pathlib import Path
from typing import Any

import yaml

from careleaf import __version__ as careleaf_version
from careleaf.catalog import read_catalog
from careleaf.fit import BODY_SIZES_PT
from careleaf.logo import data_url, read_logo
from careleaf.project import Project
from careleaf.render import RenderOptions, make_environment, page_css, render_html
from careleaf.translation import fields, fingerprint
from careleaf.worker import STYLESHEETS

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO / "handouts" / "muscle-spasm"
NAIVE_LOOP = Path(__file__).resolve().with_name("naive_loop.py")

APPROVED_ON = "2026-11-20"  # not after --today, so the approval is valid
APPROVER = "careleaf benchmark (synthetic approval)"

TARGET_COLD_RATIO = 0.55
TARGET_NOOP_S = 1.0
TARGET_PEAK_MB = 400.0


@dataclass(frozen=True)
class Language:
    tag: str
    words: str  # the muscle-spasm file whose words it uses
    note: str = ""

    @property
    def synthetic(self) -> bool:
        return self.tag != self.words


#: In the order --languages takes them: the source first, right-to-left second.
LANGUAGES = (
    Language("en", "en", "source"),
    Language("ar", "ar", "real, right to left"),
    Language("es", "es", "real"),
    Language("fr", "fr", "real"),
    Language("de", "de", "real"),
    Language("it", "es"),
    Language("pt", "es"),
    Language("nl", "fr"),
    Language("sv", "fr"),
    Language("pl", "es"),
)


# --- the synthetic catalog ---


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _dump(path: Path, data: Any, comment: str = "") -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    path.write_text(comment + text, encoding="utf-8")


def _retitled(data: dict[str, Any], number: int) -> dict[str, Any]:
    copied = copy.deepcopy(data)
    copied["title"] = f"{copied['title']} ({number:02d})"
    return copied


def make_catalog(
    root: Path, handouts: int, languages: Sequence[Language], paper: str | None = None
) -> None:
    """Write the synthetic project under ``root`` (see the module docstring)."""
    shutil.copytree(REPO / "templates", root / "templates")
    shutil.copytree(REPO / "styles", root / "styles")
    strings = root / "handouts" / "_strings"
    strings.mkdir(parents=True)
    shutil.copy2(REPO / "handouts" / "clinic.yaml", root / "handouts" / "clinic.yaml")
    shutil.copytree(REPO / "handouts" / "_assets", root / "handouts" / "_assets")  # the logo
    if paper is not None:  # the repository's clinic prints on Letter; compare on another paper
        clinic = root / "handouts" / "clinic.yaml"
        text = clinic.read_text(encoding="utf-8")
        clinic.write_text(
            re.sub(r"(?m)^paper_size: .*$", f"paper_size: {paper}", text), encoding="utf-8"
        )
    for lang in languages:
        text = (REPO / "handouts" / "_strings" / f"{lang.words}.yaml").read_text(encoding="utf-8")
        if lang.synthetic:
            text = f"# SYNTHETIC: the {lang.words} strings standing in for {lang.tag}.\n" + re.sub(
                r"(?m)^language: .*$", f"language: {lang.tag}", text, count=1
            )
        (strings / f"{lang.tag}.yaml").write_text(text, encoding="utf-8")

    governance = (SOURCE / "handout.yaml").read_text(encoding="utf-8")
    words = {lang.words: _load(SOURCE / f"{lang.words}.yaml") for lang in languages}
    for number in range(1, handouts + 1):
        handout_id = f"bench-{number:02d}"
        folder = root / "handouts" / handout_id
        folder.mkdir()
        (folder / "handout.yaml").write_text(
            re.sub(r"(?m)^id: .*$", f"id: {handout_id}", governance, count=1), encoding="utf-8"
        )
        source = _retitled(words["en"], number)
        prints = {name: fingerprint(text) for name, (_, text) in fields(source).items()}
        for lang in languages:
            if lang.tag == "en":
                _dump(folder / "en.yaml", source)
                continue
            data = _retitled(words[lang.words], number)
            data["language"] = lang.tag
            block = dict(data.get("translation") or {})
            block.update(
                state="approved",
                approved_by=APPROVER,
                approved_on=APPROVED_ON,
                source_fingerprints=prints,
            )
            data["translation"] = block
            comment = (
                f"# SYNTHETIC: the {lang.words} text standing in for {lang.tag}.\n"
                if lang.synthetic
                else ""
            )
            _dump(folder / f"{lang.tag}.yaml", data, comment)


# --- running and measuring processes ---


def _proc_peaks(root_pid: int, peaks: dict[int, int]) -> None:
    """Record VmHWM (peak resident set, KiB) of ``root_pid`` and its descendants."""
    parents: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as f:
                stat = f.read()
        except OSError:
            continue
        parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    family = {root_pid}
    grew = True
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
                        break
        except OSError:
            continue


class Sampler(threading.Thread):
    """Samples the peak memory of a process tree every ``interval`` seconds (cheap)."""

    def __init__(self, pid: int, interval: float = 0.5) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.interval = interval
        self.peaks: dict[int, int] = {}
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.wait(self.interval):
            _proc_peaks(self.pid, self.peaks)

    def stop(self) -> None:
        self._done.set()
        self.join()


@dataclass
class Run:
    seconds: float
    returncode: int
    stdout: str
    stderr: str
    maxrss_kib: int  # largest resident set of the process or any child it waited for
    cpu_seconds: float  # user + system time of the process and the children it waited for
    peaks: dict[int, int] = field(default_factory=dict)  # pid -> KiB, sampled; root pid included
    root_pid: int = 0

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def run_process(cmd: Sequence[str], cwd: Path, sample: bool = False) -> Run:
    """Run ``cmd`` to the end; wall time from spawn to exit, and its rusage from wait4."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(list(cmd), cwd=cwd, stdout=out, stderr=err)
        sampler = Sampler(proc.pid) if sample else None
        if sampler:
            sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        if sampler:
            sampler.stop()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(
            seconds,
            proc.returncode,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
            usage.ru_maxrss,
            usage.ru_utime + usage.ru_stime,
            sampler.peaks if sampler else {},
            proc.pid,
        )


def careleaf_command() -> list[str]:
    script = Path(sys.executable).with_name("careleaf")
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-c", "from careleaf.cli import main; main()"]


_SUMMARY = re.compile(
    r"careleaf: (?P<built>\d+) built, (?:(?P<current>\d+) up to date, )?"
    r"(?:(?P<skipped>\d+) skipped, )?(?P<failed>\d+) failed"
)


def counts(run: Run) -> dict[str, int]:
    match = _SUMMARY.search(run.output)
    if not match:
        raise SystemExit(f"no build summary in careleaf's output:\n{run.output[-3000:]}")
    return {key: int(value or 0) for key, value in match.groupdict().items()}


def expect(run: Run, what: str, built: int, current: int) -> None:
    found = counts(run)
    wanted = {"built": built, "current": current, "skipped": 0, "failed": 0}
    if run.returncode != 0 or found != wanted:
        raise SystemExit(
            f"{what}: expected {wanted}, got {found} (exit {run.returncode})\n{run.output[-3000:]}"
        )


# --- the naive baseline's input: the HTML careleaf printed ---


def write_baseline_job(project: Project, today: date, out: Path, work: Path) -> Path:
    """HTML files identical to careleaf's (same body sizes) and the job file for naive_loop."""
    catalog = read_catalog(project, today)
    manifest = {
        entry["path"]: entry
        for entry in json.loads((out / "manifest.json").read_text(encoding="utf-8"))["outputs"]
    }
    env = make_environment(project.templates_dir)
    html_dir = work / "html"
    html_dir.mkdir(parents=True, exist_ok=True)
    outputs = []
    clinic_logo = catalog.clinic.logo
    logo = data_url(clinic_logo, read_logo(project.root, clinic_logo)) if clinic_logo else None
    for n, leaflet in enumerate(catalog.leaflets):
        # The same page as careleaf prints: stamps, logo and printed-on day included.
        options = RenderOptions(
            overdue_banner=leaflet.overdue,
            draft_banner=leaflet.draft,
            logo=logo,
            printed_on=today,
        )
        body_pt = manifest[leaflet.output_name]["body_pt"]
        html = render_html(env, leaflet, catalog.clinic, body_pt, options)
        path = html_dir / f"{n:04d}.html"
        path.write_text(html, encoding="utf-8")
        outputs.append({"html": str(path), "pdf": "", "name": leaflet.output_name})
    job = {
        "base_url": project.templates_dir.resolve().as_uri() + "/",
        "print_css": str(project.styles_dir / STYLESHEETS[0]),
        "page_css": page_css(catalog.clinic.paper_size),
        "outputs": outputs,
    }
    assert len(STYLESHEETS) == 1, "naive_loop.py passes one project stylesheet"
    path = work / "job.json"
    path.write_text(json.dumps(job, indent=1), encoding="utf-8")
    return path


def run_baseline(job_path: Path, pdf_dir: Path) -> tuple[Run, float]:
    job = json.loads(job_path.read_text(encoding="utf-8"))
    for item in job["outputs"]:
        item["pdf"] = str(pdf_dir / item["name"])
    job_path.write_text(json.dumps(job, indent=1), encoding="utf-8")
    run = run_process([sys.executable, str(NAIVE_LOOP), str(job_path)], REPO)
    if run.returncode != 0:
        raise SystemExit(f"naive baseline failed:\n{run.output[-3000:]}")
    report = json.loads(run.stdout.strip().splitlines()[-1])
    if report["count"] != len(job["outputs"]):
        raise SystemExit(f"naive baseline wrote {report['count']} PDFs")
    return run, float(report["seconds"])


# --- the round of measurements ---


def edit_target(root: Path, handouts: int, languages: Sequence[Language]) -> Path:
    number = min(7, handouts)
    tags = [lang.tag for lang in languages]
    tag = "fr" if "fr" in tags else tags[-1]
    return root / "handouts" / f"bench-{number:02d}" / f"{tag}.yaml"


def edit_title(path: Path) -> None:
    """Change the file's own title (not its source), so it stays approved and current."""
    data = _load(path)
    data["title"] = re.sub(r"\((\d\d)\)$", r"(\1e)", data["title"])
    text = path.read_text(encoding="utf-8")
    comment = "".join(line + "\n" for line in text.splitlines() if line.startswith("# SYNTH"))
    _dump(path, data, comment)


def layouts_per_leaflet(manifest_path: Path) -> list[int]:
    """How many layouts the fit loop needed per leaflet, from the body sizes it settled on."""
    outputs = json.loads(manifest_path.read_text(encoding="utf-8"))["outputs"]
    return [
        1 + max(BODY_SIZES_PT.index(float(pt)) for pt in entry["body_pt"].values())
        for entry in outputs
    ]


def shas(manifest_path: Path) -> dict[str, str]:
    outputs = json.loads(manifest_path.read_text(encoding="utf-8"))["outputs"]
    return {entry["path"]: entry["sha256"] for entry in outputs}


@dataclass
class Results:
    baseline: list[float] = field(default_factory=list)
    baseline_wall: list[float] = field(default_factory=list)
    baseline_rss: list[int] = field(default_factory=list)
    cold: list[float] = field(default_factory=list)
    cold_rss: list[int] = field(default_factory=list)
    cold_cpu: list[float] = field(default_factory=list)
    baseline_cpu: list[float] = field(default_factory=list)
    cold_main_kib: list[int] = field(default_factory=list)
    cold_worker_kib: list[int] = field(default_factory=list)
    cold_processes: list[int] = field(default_factory=list)
    noop: list[float] = field(default_factory=list)
    edit: list[float] = field(default_factory=list)
    noop_counts: list[dict[str, int]] = field(default_factory=list)
    edit_counts: list[dict[str, int]] = field(default_factory=list)
    layouts: list[int] = field(default_factory=list)
    same_bytes: int = -1


def mb(kib: float) -> float:
    return kib * 1024 / 1e6


def fmt_s(values: list[float]) -> str:
    return f"{statistics.median(values):.2f}"


def spread(values: list[float]) -> str:
    return f"min {min(values):.2f}, max {max(values):.2f}, all " + ", ".join(
        f"{v:.2f}" for v in values
    )


def print_table(res: Results, total: int, jobs: int) -> bool:
    base = statistics.median(res.baseline)
    cold = statistics.median(res.cold)
    noop = statistics.median(res.noop)
    edit = statistics.median(res.edit)
    peak_mb = mb(max(res.cold_rss))
    base_peak_mb = mb(max(res.baseline_rss))
    runs = len(res.cold)
    noop_ok = noop < TARGET_NOOP_S and all(c["built"] == 0 for c in res.noop_counts)
    edit_ok = all(c["built"] == 1 and c["current"] == total - 1 for c in res.edit_counts)
    rows = [
        (
            f"(a) naive baseline: {total} x write_pdf, 1 process (loop only)",
            fmt_s(res.baseline),
            runs,
            "1.00x",
            "-",
            "-",
        ),
        (
            f"(b) careleaf build --jobs {jobs}, cold (whole process)",
            fmt_s(res.cold),
            runs,
            f"{cold / base:.2f}x",
            f"<= {TARGET_COLD_RATIO:.2f}x baseline",
            "yes" if cold / base <= TARGET_COLD_RATIO else "NO",
        ),
        (
            f"(c) no-op rebuild (0 built, {total} up to date)",
            fmt_s(res.noop),
            runs,
            f"{noop / base:.3f}x",
            f"< {TARGET_NOOP_S:.1f} s",
            "yes" if noop_ok else "NO",
        ),
        (
            f"(d) rebuild after editing 1 file (1 built, {total - 1} up to date)",
            fmt_s(res.edit),
            runs,
            f"{edit / base:.3f}x",
            "exactly 1 PDF rebuilt",
            "yes" if edit_ok else "NO",
        ),
        (
            "(e) peak memory, careleaf cold build (largest process)",
            f"{peak_mb:.0f} MB (max of runs)",
            runs,
            f"{peak_mb / base_peak_mb:.2f}x",
            f"< {TARGET_PEAK_MB:.0f} MB per worker",
            "yes" if peak_mb < TARGET_PEAK_MB else "NO",
        ),
        (
            "(e) peak memory, naive baseline process",
            f"{base_peak_mb:.0f} MB (max of runs)",
            runs,
            "1.00x",
            "-",
            "-",
        ),
    ]
    header = ("measurement", "median s", "runs", "ratio to baseline", "target", "met?")
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join(["---"] * len(header)) + "|")
    for row in rows:
        print("| " + " | ".join(str(cell) for cell in row) + " |")
    print()
    print("Details:")
    print(f"  (a) baseline loop s: {spread(res.baseline)}")
    print(
        f"      baseline process wall s (with start-up and reading HTML): "
        f"{spread(res.baseline_wall)}"
    )
    print(f"      baseline process CPU s (user+sys): {spread(res.baseline_cpu)}")
    print(f"  (b) cold build s: {spread(res.cold)}")
    print(
        f"      cold build CPU s (user+sys, main and workers): {spread(res.cold_cpu)}; "
        f"CPU / wall: {statistics.median(res.cold_cpu) / statistics.median(res.cold):.2f}"
    )
    print(f"  (c) no-op s: {spread(res.noop)}; summaries: {res.noop_counts}")
    print(f"  (d) edit s: {spread(res.edit)}; summaries: {res.edit_counts}")
    print(
        "  (e) cold build peak RSS per run (wait4, MB): "
        + ", ".join(f"{mb(k):.0f}" for k in res.cold_rss)
    )
    print(
        "      sampled per process (VmHWM, MB): main "
        + ", ".join(f"{mb(k):.0f}" for k in res.cold_main_kib)
        + "; largest other process (worker) "
        + ", ".join(f"{mb(k):.0f}" for k in res.cold_worker_kib)
        + "; processes seen "
        + ", ".join(str(n) for n in res.cold_processes)
    )
    print(
        "      baseline peak RSS per run (MB): "
        + ", ".join(f"{mb(k):.0f}" for k in res.baseline_rss)
    )
    if res.layouts:
        hist = {n: res.layouts.count(n) for n in sorted(set(res.layouts))}
        print(
            f"  fit loop: {sum(res.layouts)} layouts for {len(res.layouts)} leaflets "
            f"(mean {statistics.mean(res.layouts):.2f}; leaflets by layouts needed: {hist}); "
            f"the baseline does {len(res.layouts)}"
        )
    if res.same_bytes >= 0:
        print(
            f"  baseline PDFs byte-identical to careleaf's: {res.same_bytes} of {total} "
            "(checks the HTML is the same; careleaf's own write_pdf options, such as a "
            "pdf_variant, also change the bytes)"
        )
    return cold / base <= TARGET_COLD_RATIO and noop_ok and edit_ok and peak_mb < TARGET_PEAK_MB


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="rounds of measurements (default 3)")
    parser.add_argument("--handouts", type=int, default=20, help="handouts (default 20, max 99)")
    parser.add_argument(
        "--languages", type=int, default=10, help=f"languages (default 10, max {len(LANGUAGES)})"
    )
    parser.add_argument("--jobs", type=int, default=2, help="careleaf build --jobs (default 2)")
    parser.add_argument("--today", default="2026-11-21", help="--today for every careleaf run")
    parser.add_argument(
        "--paper",
        choices=("A4", "Letter"),
        help="paper of the catalog's clinic (default: as handouts/clinic.yaml says)",
    )
    args = parser.parse_args(argv)
    if not 1 <= args.handouts <= 99 or not 1 <= args.languages <= len(LANGUAGES):
        parser.error(f"--handouts must be 1..99 and --languages 1..{len(LANGUAGES)}")
    if args.runs < 1 or args.jobs < 1:
        parser.error("--runs and --jobs must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    load_before = os.getloadavg()
    languages = LANGUAGES[: args.languages]
    total = args.handouts * len(languages)
    today = date.fromisoformat(args.today)
    careleaf = careleaf_command()
    print("careleaf catalog benchmark")
    print(f"  command: {shlex.join([sys.executable, *sys.argv])}")
    print(
        f"  machine: nproc {os.cpu_count()} (usable {len(os.sched_getaffinity(0))}), "
        f"{platform.machine()}, Python {platform.python_version()}, "
        f"careleaf {careleaf_version}, WeasyPrint {version('weasyprint')}"
    )
    print("  load average before (1/5/15 min): " + " ".join(f"{x:.2f}" for x in load_before))
    print(
        f"  catalog: {args.handouts} handouts x {len(languages)} languages = {total} PDFs"
        + (f" on {args.paper}" if args.paper else "")
        + "; "
        + ", ".join(
            lang.tag + (f" (SYNTHETIC: {lang.words} text)" if lang.synthetic else f" ({lang.note})")
            for lang in languages
        )
    )
    print(f"  careleaf runs as: {shlex.join(careleaf)} ... --today {args.today}")
    sys.stdout.flush()

    results = Results()
    with tempfile.TemporaryDirectory(prefix="careleaf-bench-") as tmp_name:
        tmp = Path(tmp_name)
        root = tmp / "catalog"
        make_catalog(root, args.handouts, languages, args.paper)
        today_opt = ["--today", args.today]

        checked = run_process([*careleaf, "check", str(root), "--no-layout", *today_opt], root)
        summary = re.search(r"careleaf: (\d+) validated, (\d+) failed", checked.output)
        if checked.returncode != 0 or "skipped" in checked.stdout or not summary:
            raise SystemExit(f"careleaf check failed on the catalog:\n{checked.output[-3000:]}")
        if int(summary.group(1)) != total:
            raise SystemExit(f"careleaf check validated {summary.group(1)}, not {total}")
        status = run_process([*careleaf, "translate", "status", "--project", str(root)], root)
        if status.returncode != 0:
            raise SystemExit(f"careleaf translate status failed:\n{status.output[-3000:]}")
        print(
            f"  catalog ready: careleaf check --no-layout: {summary.group(0)}; "
            "translate status: every translation complete and current"
        )

        build = [*careleaf, "build", str(root), *today_opt, "--jobs", str(args.jobs)]
        target = edit_target(root, args.handouts, languages)
        original = target.read_bytes()
        job_path: Path | None = None
        first_shas: dict[str, str] = {}
        for n in range(args.runs):
            out = tmp / f"out-{n}"
            cold = run_process([*build, "--out", str(out)], root, sample=True)
            expect(cold, f"cold build {n + 1}", total, 0)
            results.cold.append(cold.seconds)
            results.cold_rss.append(cold.maxrss_kib)
            results.cold_cpu.append(cold.cpu_seconds)
            results.cold_main_kib.append(cold.peaks.get(cold.root_pid, 0))
            others = [kib for pid, kib in cold.peaks.items() if pid != cold.root_pid]
            results.cold_worker_kib.append(max(others, default=0))
            results.cold_processes.append(len(cold.peaks))
            if job_path is None:
                job_path = write_baseline_job(Project.open(root), today, out, tmp / "baseline")
                results.layouts = layouts_per_leaflet(out / "manifest.json")
                first_shas = shas(out / "manifest.json")
            elif shas(out / "manifest.json") != first_shas:
                print(f"  WARNING: cold build {n + 1} PDFs differ from build 1 (not deterministic)")

            pdf_dir = tmp / f"baseline-pdf-{n}"
            base_run, loop_s = run_baseline(job_path, pdf_dir)
            results.baseline.append(loop_s)
            results.baseline_wall.append(base_run.seconds)
            results.baseline_rss.append(base_run.maxrss_kib)
            results.baseline_cpu.append(base_run.cpu_seconds)
            if n == 0:
                results.same_bytes = sum(
                    hashlib.sha256((pdf_dir / name).read_bytes()).hexdigest() == sha
                    for name, sha in first_shas.items()
                )
            shutil.rmtree(pdf_dir)

            noop = run_process([*build, "--out", str(out)], root)
            expect(noop, f"no-op rebuild {n + 1}", 0, total)
            results.noop.append(noop.seconds)
            results.noop_counts.append(counts(noop))

            edit_title(target)
            edit = run_process([*build, "--out", str(out)], root)
            target.write_bytes(original)
            expect(edit, f"rebuild after editing {target.name} {n + 1}", 1, total - 1)
            results.edit.append(edit.seconds)
            results.edit_counts.append(counts(edit))
            print(
                f"  round {n + 1}/{args.runs}: baseline {loop_s:.2f} s, cold {cold.seconds:.2f} s, "
                f"no-op {noop.seconds:.2f} s, edit {edit.seconds:.2f} s, "
                f"cold peak {mb(cold.maxrss_kib):.0f} MB, load "
                + " ".join(f"{x:.2f}" for x in os.getloadavg())
            )
            sys.stdout.flush()
            shutil.rmtree(out)
        print(f"  edited file for (d): {target.relative_to(root)} (its title, +1 character)")

    print()
    ok = print_table(results, total, args.jobs)
    load_after = os.getloadavg()
    print()
    print("load average after (1/5/15 min): " + " ".join(f"{x:.2f}" for x in load_after))
    print(f"whole benchmark took {time.perf_counter() - started:.0f} s")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
