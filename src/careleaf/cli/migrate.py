"""`careleaf migrate`: bring the project's files to careleaf's current format."""

from __future__ import annotations

from pathlib import Path

import click

from careleaf.cli.base import PROJECT_OPTION, open_project
from careleaf.errors import counted
from careleaf.tools import migrate as migration


@click.command("migrate")
@PROJECT_OPTION
@click.option("--dry-run", is_flag=True, help="Say what would change; write nothing.")
def migrate_command(project_dir: Path | None, dry_run: bool) -> None:
    """Bring the files to the current format: item ids and sign-off records.

    Every source list item gets a short id and each translation's items the
    ids of the source items beside them, with their fingerprints, so no
    translation is lost or goes stale. Hand-written review dates and
    translation states are dropped: a reviewer signs each handout off again
    (careleaf review sign-off) and approvals are renewed (careleaf translate
    approve); the report lists what to do. Comments and layout are kept.
    """
    project = open_project(project_dir)
    done = migration.migrate(project, dry_run=dry_run)
    for line in done.changes:
        click.echo(("would change " if dry_run else "changed ") + line)
    for line in done.todo:
        click.echo(f"to do: {line}")
    if not done.changes:
        click.echo("careleaf: nothing to migrate; every file is current")
    elif dry_run:
        click.echo(
            f"careleaf: {counted(len(done.changes), 'file')} would change "
            "(dry run: nothing written)"
        )
    else:
        click.echo(f"careleaf: {counted(len(done.written), 'file')} migrated")
