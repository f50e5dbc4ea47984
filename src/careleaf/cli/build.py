"""`careleaf build` and `careleaf check`: thin wrappers over :func:`careleaf.build.build`."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from .. import clock
from ..errors import CareleafError, Problem, printable
from ..options import BuildOptions, parse_shard
from ..readability import DEFAULT_MAX_GRADE
from .base import (
    BILINGUAL_OPTION,
    JOBS_OPTION,
    OUT_OPTION,
    PRINT_OPTIONS,
    PROJECT_OPTION,
    QUIET_OPTION,
    SELECT_OPTIONS,
    Failure,
    open_project,
    project_argument,
    with_options,
)

if TYPE_CHECKING:  # the renderer loads only when something must be rendered
    from ..noop import UpToDate
    from ..project import Project
    from ..report import BuildReport, Built


@click.command("build")
@project_argument
@PROJECT_OPTION
@OUT_OPTION
@click.option("--force", is_flag=True, help="Render every PDF, even those that are up to date.")
@click.option("--fail-fast", is_flag=True, help="Stop at the first leaflet that fails.")
@QUIET_OPTION
@click.option(
    "--strict",
    is_flag=True,
    help="Build nothing if the clinic profile has a warning (an emergency or urgent-care "
    "number libphonenumber does not know for the clinic's region).",
)
@click.option(
    "--shard",
    metavar="K/N",
    help="Build only the K-th of N deterministic shares of the catalog (for CI "
    "matrices); merge the manifests with careleaf manifest merge.",
)
@with_options([*SELECT_OPTIONS, *PRINT_OPTIONS, BILINGUAL_OPTION, JOBS_OPTION])
def build_command(
    legacy_project_dir: Path | None,
    project_dir: Path | None,
    out_dir: Path | None,
    force: bool,
    fail_fast: bool,
    quiet: bool,
    strict: bool,
    shard: str | None,
    clinic_file: Path | None,
    **selection: Any,
) -> None:
    """Build every handout and language into output/.

    Each PDF goes to output/<lang>/<handout-id>.pdf.

    Also writes output/manifest.json (pages, sha256, review dates and an input
    hash per PDF). Only outputs whose inputs changed are rendered again. A
    handout with any problem gets no PDF; the others are still built. With
    --variant large-print, into output/large-print/ (or OUT/large-print/); with
    --bilingual LANG, into output/bilingual-LANG/. With --strict, a warning
    about the clinic profile stops the build before anything is written.
    """
    project = open_project(project_dir, clinic_file, legacy_project_dir)
    options = make_options(
        selection,
        out_dir=out_dir,
        force=force,
        fail_fast=fail_fast,
        shard=parse_shard(shard) if shard else None,
        strict=strict,
    )
    from ..noop import unchanged

    current = unchanged(project, options)
    if current is not None:  # nothing to do, proven without validating a file
        if not quiet:
            _report_unchanged(current)
        return
    report = _run(project, options, quiet)
    if strict and report.warnings:  # they are among the problems, and nothing was built
        raise Failure(CareleafError(report.problems), "nothing built (--strict)")
    print_warnings(report.warnings)  # after the build, where they are seen
    _finish(report, "built", quiet)


def _report_unchanged(current: list[UpToDate]) -> None:
    if not sys.stdout.isatty():
        for output in current:
            click.echo(f"up to date {output.shown}")
    click.echo(f"careleaf: 0 built, {len(current)} up to date, 0 failed")


@click.command("check")
@project_argument
@PROJECT_OPTION
@click.option(
    "--no-layout", is_flag=True, help="Only validate the files; skip the page-fit check (faster)."
)
@click.option(
    "--max-grade",
    type=float,
    default=DEFAULT_MAX_GRADE,
    show_default=True,
    help="Warn when a language's reading grade is above this.",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Treat warnings (reading level, unconfirmed emergency numbers) as errors.",
)
@QUIET_OPTION
@with_options([*SELECT_OPTIONS, *PRINT_OPTIONS, JOBS_OPTION])
def check_command(
    legacy_project_dir: Path | None,
    project_dir: Path | None,
    no_layout: bool,
    quiet: bool,
    max_grade: float,
    strict: bool,
    clinic_file: Path | None,
    **selection: Any,
) -> None:
    """Validate every handout without writing any file.

    Lists every problem in every file as path:line:col: message. Unless
    --no-layout is given, each leaflet is also laid out in memory to prove
    every section fits its page. Reading levels above --max-grade, and an
    emergency or urgent-care number libphonenumber does not know for the
    clinic's region, are warnings, or errors with --strict.
    """
    from ..status import reading_warnings

    project = open_project(project_dir, clinic_file, legacy_project_dir)
    options = make_options(selection, write=False, layout=not no_layout)
    report = _run(project, options, quiet)
    warnings = [
        *report.warnings,
        *reading_warnings(project, max_grade, options.handouts, options.languages),
    ]
    if strict and warnings:
        report = replace(report, problems=tuple(sorted({*report.problems, *warnings})))
    else:
        print_warnings(warnings)
    if not quiet and report.skipped and not report.passed and not options.drafts:
        # Say so plainly: "0 checked" alone reads like a pass.
        click.echo(
            "careleaf: nothing is patient-ready, so no leaflet was checked as patients would "
            "get it; check the drafts too with careleaf check --drafts"
        )
    _finish(report, "checked" if not no_layout else "validated", quiet)


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


def _run(project: Project, options: BuildOptions, quiet: bool = False) -> BuildReport:
    """Build: on a terminal a progress bar, then what was written and skipped; in CI logs
    one line per PDF; with ``quiet``, nothing but problems and the summary."""
    from ..build import build

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


def _finish(report: BuildReport, verb: str, quiet: bool = False) -> None:
    if report.problems:
        raise Failure(CareleafError(report.problems), summary(report, verb))
    if not quiet:
        click.echo(f"careleaf: {summary(report, verb)}")
