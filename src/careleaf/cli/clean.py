"""`careleaf clean`: remove what careleaf made in the output folder, and nothing else."""

from __future__ import annotations

from pathlib import Path

import click

from careleaf.cli.base import OUT_OPTION, PROJECT_OPTION, Failure, open_project
from careleaf.errors import CareleafError, counted


@click.command("clean")
@PROJECT_OPTION
@OUT_OPTION
@click.option("--dry-run", is_flag=True, help="List every path clean would remove; remove nothing.")
def clean_command(project_dir: Path | None, out_dir: Path | None, dry_run: bool) -> None:
    """Remove every PDF, manifest and preview careleaf made, and nothing else.

    careleaf knows what it made from the manifests of output/ (or --out DIR):
    a file goes only while a manifest lists it and it is still the file
    careleaf wrote; folders careleaf made go once empty. Every other file is
    left where it is and listed, and a folder with no careleaf manifest is
    refused.
    """
    from careleaf.tools.clean import clean

    project = open_project(project_dir)
    root = out_dir if out_dir is not None else project.root / "output"
    done = clean(project, root, dry_run=dry_run)
    if dry_run:
        for path in done.removed:
            click.echo(f"would remove {project.show(path)}")
        for folder in done.folders:
            click.echo(f"would remove {project.show(folder)}/")
    for path, why in done.left:
        click.echo(f"left {project.show(path)}: {why}")
    verb = "would remove" if dry_run else "removed"
    what = counted(len(done.removed), "file")
    if done.folders:
        what += f" and {counted(len(done.folders), 'folder')}"
    message = f"careleaf: {verb} {what} from {project.show(root)}"
    if done.problems:
        raise Failure(CareleafError(done.problems), message.removeprefix("careleaf: "))
    click.echo(message)
