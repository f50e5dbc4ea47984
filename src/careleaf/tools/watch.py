"""Rebuild on save: staff edit content with the PDF open beside them.

Each change to handouts/, templates/ or styles/ triggers an incremental
build, so only the leaflets whose inputs changed are rendered again. A build
that fails is reported and the watch goes on; nothing is written for it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from watchfiles import watch as watch_changes

from careleaf import clock
from careleaf.build.options import BuildOptions, output_root
from careleaf.build.report import BuildReport, Built
from careleaf.build.run import build
from careleaf.errors import CareleafError
from careleaf.project import Project


def watch(
    project: Project,
    options: BuildOptions,
    on_report: Callable[[BuildReport | CareleafError, list[str]], None],
    on_built: Callable[[Built], None] = lambda built: None,
    stop: threading.Event | None = None,
    debounce_ms: int = 300,
) -> None:
    """Build now, then again after every change, until ``stop`` is set (or Ctrl-C)."""
    out = output_root(project, options).resolve()
    # Started on the real date: each rebuild is dated by the real date then (a watch left
    # running overnight must not turn into a planning build as of yesterday).
    follows_clock = options.today == clock.today()

    def relevant(_change: object, path: str) -> bool:
        # The build's own writes (in any of its output folders) must not wake the watch again.
        candidate = Path(path)
        return not candidate.is_relative_to(out) and not candidate.name.startswith(".")

    _once(project, options, on_report, on_built, [])
    folders = [
        p for p in (project.handouts_dir, project.templates_dir, project.styles_dir) if p.is_dir()
    ]
    if not project.clinic_file.is_relative_to(project.handouts_dir):
        folders.append(project.clinic_file)  # a --clinic profile kept elsewhere
    for changes in watch_changes(
        *folders,
        watch_filter=relevant,
        stop_event=stop,
        debounce=debounce_ms,
        step=50,
        raise_interrupt=False,
    ):
        changed = sorted(project.show(Path(path)) for _, path in changes)
        if follows_clock:
            options = replace(options, today=clock.today())
        _once(project, options, on_report, on_built, changed)


def _once(
    project: Project,
    options: BuildOptions,
    on_report: Callable[[BuildReport | CareleafError, list[str]], None],
    on_built: Callable[[Built], None],
    changed: list[str],
) -> None:
    try:
        report: BuildReport | CareleafError = build(project, options, on_built=on_built)
    except CareleafError as exc:  # a broken clinic profile, say: keep watching
        report = exc
    on_report(report, changed)
