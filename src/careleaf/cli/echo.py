"""What the commands print, in one place: built, skipped, removed, warnings, the summary.

Every command that builds shows its results the same way: on a terminal a
progress bar, then what was written and what was skipped, removed or not
checked, each with the reason; in CI logs (not a terminal) one line per PDF as
it is done; with ``--quiet``, nothing but problems and the summary.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import click

from careleaf import clock
from careleaf.build.options import BuildOptions
from careleaf.cli.base import Failure
from careleaf.errors import CareleafError, Problem, printable

if TYPE_CHECKING:  # the renderer loads only when something must be rendered
    from careleaf.build.report import BuildReport, Built
    from careleaf.build.uptodate import UpToDate
    from careleaf.project import Project


def print_warnings(warnings: Iterable[Problem]) -> None:
    """Each warning on stderr as ``path:line:col: warning: message``; the command goes on."""
    for warning in warnings:
        click.echo(f"{warning.location}: warning: {printable(warning.message)}", err=True)


def make_options(selection: dict[str, Any], **extra: Any) -> BuildOptions:
    return BuildOptions(
        today=selection.pop("today") or clock.today(),
        handouts=tuple(selection.pop("handouts")),
        languages=tuple(selection.pop("languages")),
        allow_overdue=selection.pop("allow_overdue"),
        drafts=selection.pop("drafts"),
        variant=selection.pop("variant", "standard"),
        paper=selection.pop("paper", None),
        bilingual=selection.pop("bilingual", None),
        **{"jobs": selection.pop("jobs", None) or os.cpu_count() or 1, **extra},
    )


def run_build(project: Project, options: BuildOptions, quiet: bool = False) -> BuildReport:
    """Build: on a terminal a progress bar, then what was written and skipped; in CI logs
    one line per PDF; with ``quiet``, nothing but problems and the summary."""
    from careleaf.build.run import build

    if quiet:
        return build(project, options)
    if not options.write:  # checking: only problems and the summary matter
        report = build(project, options)
        print_skipped(report)
        return report
    if not sys.stdout.isatty():
        report = build(project, options, on_built=print_built)
        print_skipped(report)
        return report
    bar: Any = None

    def start(total: int) -> None:
        nonlocal bar
        bar = click.progressbar(length=total, label="building", show_pos=True)
        bar.__enter__()

    try:
        report = build(project, options, on_built=lambda _: bar.update(1), on_start=start)
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    for built in report.built:
        if not built.up_to_date:
            print_built(built)
    print_skipped(report)
    return report


def print_skipped(report: BuildReport) -> None:
    """Every leaflet not printed, and every PDF taken away, with the reason."""
    for skip in report.skipped:
        click.echo(f"skipped {skip.shown}: {skip.reason}")
    for unchecked in report.unchecked:
        click.echo(f"not checked {unchecked.shown}: {unchecked.reason}")
    for removed in report.removed:
        click.echo(f"removed {removed.shown}: {removed.reason}")


def print_built(built: Built) -> None:
    if built.up_to_date:
        click.echo(f"up to date {built.shown}")
        return
    sizes = "/".join(f"{pt:g}" for pt in built.body_pt.values())
    note = "".join(f"  {stamp}" for stamp in built.leaflet.printed_stamps)
    click.echo(
        f"built {built.shown}  {built.pages} pages, body {sizes} pt, "
        f"{built.size / 1024:.0f} KiB{note}"
    )


def summary(report: BuildReport, verb: str) -> str:
    fresh = report.passed - report.up_to_date
    current = f"{report.up_to_date} up to date, " if report.up_to_date else ""
    skipped = f"{len(report.skipped)} skipped, " if report.skipped else ""
    return f"{fresh} {verb}, {current}{skipped}{report.failed} failed"


def finish(report: BuildReport, verb: str, quiet: bool = False) -> None:
    if report.problems:
        raise Failure(CareleafError(report.problems), summary(report, verb))
    if not quiet:
        click.echo(f"careleaf: {summary(report, verb)}")


def report_unchanged(current: list[UpToDate]) -> None:
    if not sys.stdout.isatty():
        for output in current:
            click.echo(f"up to date {output.shown}")
    click.echo(f"careleaf: 0 built, {len(current)} up to date, 0 failed")
