"""`careleaf watch`: rebuild what changed on every save."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from careleaf.build.report import BuildReport
from careleaf.cli.base import (
    BILINGUAL_OPTION,
    OUT_OPTION,
    PRINT_OPTIONS,
    PROJECT_OPTION,
    SELECT_OPTIONS,
    open_project,
    project_argument,
    with_options,
)
from careleaf.cli.echo import make_options, print_built, print_skipped, summary
from careleaf.errors import CareleafError
from careleaf.tools.watch import watch


@click.command("watch")
@project_argument
@PROJECT_OPTION
@OUT_OPTION
@with_options([*SELECT_OPTIONS, *PRINT_OPTIONS, BILINGUAL_OPTION])
def watch_command(
    legacy_project_dir: Path | None,
    project_dir: Path | None,
    out_dir: Path | None,
    clinic_file: Path | None,
    **selection: Any,
) -> None:
    """Build, then rebuild what changes on every save.

    Only the leaflets whose files changed are built again, until Ctrl-C.

    Watches handouts/, templates/ and styles/ (and the --clinic profile). Only
    changed leaflets are rendered again; a problem is printed and the watch
    goes on. Takes the build's print options: --clinic, --paper, --variant and
    --bilingual.
    """
    project = open_project(project_dir, clinic_file, legacy_project_dir)
    options = make_options(selection, out_dir=out_dir, jobs=1)

    def report(result: BuildReport | CareleafError, changed: list[str]) -> None:
        if changed:
            click.echo(f"changed: {', '.join(changed)}")
        if isinstance(result, CareleafError):
            click.echo(str(result), err=True)
            return
        print_skipped(result)
        if result.problems:
            click.echo(str(CareleafError(result.problems)), err=True)
        click.echo(f"careleaf: {summary(result, 'built')}; watching for changes (Ctrl-C stops)")

    watch(project, options, report, on_built=print_built)
