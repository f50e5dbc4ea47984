"""`careleaf status`: the review-cycle dashboard."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import click

from careleaf import clock
from careleaf.catalog.catalog import clinic_warnings
from careleaf.cli.base import (
    HANDOUTS_OPTION,
    JOBS_OPTION,
    LANGUAGES_OPTION,
    PRINT_OPTIONS,
    PROJECT_OPTION,
    Failure,
    open_project,
    project_argument,
    today_option,
    with_options,
)
from careleaf.cli.echo import print_warnings
from careleaf.errors import CareleafError
from careleaf.readability import DEFAULT_MAX_GRADE
from careleaf.status import (
    FAIL_ON,
    describe_fit,
    describe_review,
    describe_sign_off,
    describe_translation,
    status_rows,
)


def _fail_on(value: str | None) -> set[str]:
    if not value:
        return set()
    chosen = {part.strip() for part in value.split(",") if part.strip()}
    unknown = chosen - set(FAIL_ON)
    if unknown:
        raise click.BadParameter(
            f"unknown {', '.join(sorted(unknown))}; choose from {', '.join(FAIL_ON)}",
            param_hint="--fail-on",
        )
    return chosen


@click.command("status")
@project_argument
@PROJECT_OPTION
@click.option(
    "--due-within",
    type=click.IntRange(min=0),
    default=90,
    show_default=True,
    metavar="DAYS",
    help="Count a review due within DAYS as due.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the rows as JSON for scripts.")
@click.option(
    "--fail-on",
    metavar="LIST",
    help=f"Exit 1 if any row is one of these (comma-separated): {', '.join(FAIL_ON)}.",
)
@click.option(
    "--max-grade",
    type=float,
    default=DEFAULT_MAX_GRADE,
    show_default=True,
    help="Reading grade above which a leaflet counts as unreadable.",
)
@HANDOUTS_OPTION
@LANGUAGES_OPTION
@click.option("--no-layout", is_flag=True, help="Skip the page-fit check where not cached.")
@today_option
@with_options([*PRINT_OPTIONS, JOBS_OPTION])
def status_command(
    legacy_project_dir: Path | None,
    project_dir: Path | None,
    due_within: int,
    as_json: bool,
    fail_on: str | None,
    max_grade: float,
    handouts: tuple[str, ...],
    languages: tuple[str, ...],
    no_layout: bool,
    today: date | None,
    clinic_file: Path | None,
    paper: str | None,
    variant: str,
    jobs: int | None,
) -> None:
    """One table of every handout x language.

    Rows come most urgent first.

    Shows the sign-off (who signed off, or how many fields changed since, or
    not signed off), the next review date (due within --due-within days,
    overdue), the translation state (approved, draft, changed since approval,
    missing and stale fields), whether each section fits its page and at what
    body size, and the reading level. The fit is checked for the clinic,
    paper and variant given (by default the standard leaflet on the clinic
    profile's paper).
    """
    gates = _fail_on(fail_on)
    project = open_project(project_dir, clinic_file, legacy_project_dir)
    dashboard = status_rows(
        project,
        today or clock.today(),
        due_within=due_within,
        handouts=handouts,
        languages=languages,
        layout=not no_layout,
        jobs=jobs or os.cpu_count() or 1,
        paper=paper,
        variant=variant,
    )
    rows = dashboard.rows
    if as_json:
        click.echo(json.dumps([row.as_json() for row in rows], indent=2, ensure_ascii=False))
    else:
        table = [("HANDOUT", "LANG", "SIGN-OFF", "NEXT REVIEW", "TRANSLATION", "FIT", "READING")]
        table += [
            (
                r.handout,
                r.language,
                describe_sign_off(r),
                describe_review(r),
                describe_translation(r),
                describe_fit(r),
                r.reading.note,
            )
            for r in rows
        ]
        widths = [max(len(line[i]) for line in table) for i in range(len(table[0]))]
        for line in table:
            click.echo(
                "  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip()
            )
    if dashboard.problems:
        raise Failure(CareleafError(dashboard.problems))
    print_warnings(clinic_warnings(project))
    flagged = [r for r in rows if r.flags(max_grade) & gates]
    if flagged:
        click.echo(
            f"careleaf: {len(flagged)} of {len(rows)} rows are {' or '.join(sorted(gates))}",
            err=True,
        )
        raise SystemExit(1)
