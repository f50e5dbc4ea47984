"""`careleaf watch`: rebuild what changed on every save."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..build import BuildReport
from ..errors import CareleafError
from ..project import Project
from ..watch import watch
from .base import OUT_OPTION, SELECT_OPTIONS, cli, project_argument, with_options
from .build import make_options, print_built, print_skipped, summary


@cli.command("watch")
@project_argument
@OUT_OPTION
@with_options(SELECT_OPTIONS)
def watch_command(project_dir: Path, out_dir: Path | None, **selection: Any) -> None:
    """Build, then rebuild the leaflets whose files change, until Ctrl-C.

    Watches handouts/, templates/ and styles/. Only changed leaflets are
    rendered again; a problem is printed and the watch goes on.
    """
    project = Project.open(project_dir)
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
