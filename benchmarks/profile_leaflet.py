"""Where one careleaf worker render spends its time, phase by phase.

Usage: .venv/bin/python benchmarks/profile_leaflet.py [PROJECT_DIR] [--leaflet fr/bench-07.pdf]
                                                     [--repeat 5] [--today 2026-12-01]
                                                     [--cprofile FILE]

Without PROJECT_DIR it writes a small synthetic catalog (as benchmarks/catalog.py
does) in a temporary folder. It makes one :class:`careleaf.render.prints.Worker`, as
each build process does, renders the leaflet once to warm up (imports, font
coverage tables, parsed stylesheets), then renders it ``--repeat`` more times
with timers around each phase:

- font check: ``check_fonts`` (the coverage test before layout)
- html: the Jinja2 template
- layout: WeasyPrint's ``HTML(...).render()`` - once per fit attempt
- expected text: the HTML parse for the completeness check (once per attempt)
- fit checks: ``lost_words`` / ``overflow_words`` / ``fill`` over the laid-out pages
- write_pdf: ``Document.write_pdf()``, once
- page-words check: ``check_pdf``, the words read back from the PDF and compared

It also times one plain ``HTML(string=...).write_pdf()`` of the final HTML
(the naive baseline's unit of work), and ``--cprofile FILE`` saves a cProfile
of the timed renders for ``python -m pstats FILE``. It measures by wrapping
careleaf's functions in this process only; it changes no file.
"""

from __future__ import annotations

import argparse
import cProfile
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import careleaf.render.prints as worker
from careleaf.catalog.catalog import read_catalog
from careleaf.project import Project
from careleaf.render.html import page_css, render_html

PHASES = (
    "font check",
    "html",
    "layout",
    "expected text",
    "fit checks",
    "write_pdf",
    "page-words check",
)
_spent: dict[str, float] = defaultdict(float)
_calls: dict[str, int] = defaultdict(int)


def _timed(phase: str, function: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            _spent[phase] += time.perf_counter() - start
            _calls[phase] += 1

    return wrapper


@contextmanager
def instrumented() -> Iterator[None]:
    """Wrap each phase's function with a timer, and put everything back afterwards."""
    from weasyprint import HTML, Document

    import careleaf.render.pdf.renderer as pdf

    saved = [
        (worker, "check_fonts", worker.check_fonts),
        (worker.Worker, "_html", worker.Worker._html),
        (HTML, "render", HTML.render),
        (pdf, "expected_text", pdf.expected_text),
        (pdf.Layout, "lost_words", pdf.Layout.lost_words),
        (pdf.Layout, "overflow_words", pdf.Layout.overflow_words),
        (pdf.Layout, "fill", pdf.Layout.fill),
        (Document, "write_pdf", Document.write_pdf),
        (worker, "check_pdf", worker.check_pdf),
    ]
    phases = ["font check", "html", "layout", "expected text", *["fit checks"] * 3]
    phases += ["write_pdf", "page-words check"]
    for (owner, name, original), phase in zip(saved, phases, strict=True):
        setattr(owner, name, _timed(phase, original))
    try:
        yield
    finally:
        for owner, name, original in saved:
            setattr(owner, name, original)


def synthetic_project(folder: Path) -> Path:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import catalog as bench  # benchmarks/catalog.py

    root = folder / "catalog"
    root.mkdir()
    bench.make_catalog(bench.REPO, root, 7)
    return root


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", nargs="?", type=Path)
    parser.add_argument("--leaflet", default="fr/bench-07.pdf", help="output name to render")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--today", default="2026-12-01")
    parser.add_argument("--cprofile", type=Path, help="save a cProfile of the timed renders")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="careleaf-profile-") as tmp:
        root = args.project or synthetic_project(Path(tmp))
        run(Project.open(root), args)


def run(project: Project, args: argparse.Namespace) -> None:
    catalog = read_catalog(project, date.fromisoformat(args.today), drafts=True)
    chosen = [lf for lf in catalog.leaflets if lf.output_name == args.leaflet]
    if not chosen:
        names = ", ".join(lf.output_name for lf in catalog.leaflets[:12])
        raise SystemExit(f"no printable leaflet {args.leaflet} (some there are: {names})")
    leaflet, clinic = chosen[0], catalog.clinic

    start = time.perf_counter()
    today = date.fromisoformat(args.today)
    # the first WeasyPrint import is here
    work = worker.Worker(project, clinic.paper_size, printed_on=today)
    init_s = time.perf_counter() - start
    with instrumented():
        start = time.perf_counter()
        rendered = work.make(leaflet, clinic)
        first_s = time.perf_counter() - start
        first = dict(_spent)
        _spent.clear()
        _calls.clear()
        totals = []
        profiler = cProfile.Profile() if args.cprofile else None
        for _ in range(args.repeat):
            start = time.perf_counter()
            if profiler:
                profiler.enable()
            work.make(leaflet, clinic)
            if profiler:
                profiler.disable()
            totals.append(time.perf_counter() - start)
    if profiler:
        profiler.dump_stats(str(args.cprofile))

    # The naive unit of work on the final HTML: one layout and one write, nothing shared.
    from weasyprint import CSS, HTML

    html = render_html(work.env, leaflet, clinic, rendered.body_pt, work.options(leaflet, clinic))
    naive = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        HTML(string=html, base_url=work.renderer.base_url).write_pdf(
            stylesheets=[
                CSS(filename=str(project.styles_dir / worker.STYLESHEETS[0])),
                CSS(string=page_css(clinic.paper_size)),
            ]
        )
        naive.append(time.perf_counter() - start)

    n = args.repeat
    mean = statistics.mean(totals)
    attempts = _calls["layout"] // n
    print(f"leaflet {leaflet.output_name}: body {rendered.body_pt}, {attempts} layouts per render")
    print(f"worker start (WeasyPrint import, fonts, stylesheets): {init_s:.3f} s")
    print(
        f"first render (cold caches): {first_s:.3f} s, of which font check "
        f"{first.get('font check', 0):.3f} s"
    )
    print(f"timed renders: {n}, mean {mean:.3f} s (min {min(totals):.3f}, max {max(totals):.3f})")
    print()
    print("| phase | calls per render | s per render | share |")
    print("|---|---|---|---|")
    for phase in PHASES:
        per = _spent[phase] / n
        print(f"| {phase} | {_calls[phase] / n:g} | {per:.3f} | {per / mean:.0%} |")
    other = mean - sum(_spent.values()) / n
    print(f"| other (careleaf glue) | - | {other:.3f} | {other / mean:.0%} |")
    print()
    print(
        f"naive HTML(...).write_pdf() of the final HTML: mean {statistics.mean(naive):.3f} s "
        f"-> careleaf's render is {mean / statistics.mean(naive):.2f}x that"
    )


if __name__ == "__main__":
    main()
