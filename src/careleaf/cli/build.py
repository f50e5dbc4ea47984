"""`careleaf build` and `careleaf check`: thin wrappers over :func:`careleaf.build.run.build`."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from careleaf.build.options import parse_shard
from careleaf.cli.base import (
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
from careleaf.cli.echo import (
    finish,
    make_options,
    print_warnings,
    report_unchanged,
    run_build,
)
from careleaf.errors import CareleafError
from careleaf.readability import DEFAULT_MAX_GRADE

if TYPE_CHECKING:  # the renderer loads only when something must be rendered
    pass


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
    from careleaf.build.uptodate import build_or_prove

    done = build_or_prove(project, options, lambda p, o: run_build(p, o, quiet))
    if isinstance(done, list):  # nothing to do, proven without validating a file
        if not quiet:
            report_unchanged(done)
        return
    report = done
    if report.held_back:  # the warnings are among the problems, and nothing was built
        raise Failure(CareleafError(report.problems), "nothing built (--strict)")
    print_warnings(report.warnings)  # after the build, where they are seen
    finish(report, "built", quiet)


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
    from careleaf.status import reading_warnings

    project = open_project(project_dir, clinic_file, legacy_project_dir)
    options = make_options(selection, write=False, layout=not no_layout)
    report = run_build(project, options, quiet)
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
    finish(report, "checked" if not no_layout else "validated", quiet)
