"""`careleaf clean`: remove what careleaf made in the output folder, and nothing else."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import CareleafError, counted
from .base import OUT_OPTION, PROJECT_OPTION, Failure, open_project


@click.command("clean")
@PROJECT_OPTION
@OUT_OPTION
@click.option("--dry-run", is_flag=True, help="List what would be removed; remove nothing.")
def clean_command(project_dir: Path | None, out_dir: Path | None, dry_run: bool) -> None:
    """Remove every PDF, manifest and preview careleaf made, and nothing else.

    careleaf knows what it made from the manifests of output/ (or --out DIR)
    and the names of its previews and temporary files; every other file is
    left where it is and listed, and folders left empty are removed.
    """
    from ..clean import clean

    project = open_project(project_dir)
    root = out_dir if out_dir is not None else project.root / "output"
    done = clean(project, root, dry_run=dry_run)
    if dry_run:
        for path in done.removed:
            click.echo(f"would remove {project.show(path)}")
    for path in done.left:
        click.echo(f"left {project.show(path)}: careleaf did not make it")
    verb = "would remove" if dry_run else "removed"
    message = f"careleaf: {verb} {counted(len(done.removed), 'file')} from {project.show(root)}"
    if done.problems:
        raise Failure(CareleafError(done.problems), message.removeprefix("careleaf: "))
    click.echo(message)
