"""`careleaf new`: scaffold a handout."""

from __future__ import annotations

from pathlib import Path

import click

from careleaf.cli.base import PROJECT_OPTION, open_project
from careleaf.tools.new import scaffold_handout


@click.command("new")
@click.argument("handout_id")
@PROJECT_OPTION
@click.option(
    "--lang",
    default="en",
    show_default=True,
    metavar="TAG",
    help="Language of the first content file.",
)
def new_command(handout_id: str, project_dir: Path | None, lang: str) -> None:
    """Create handouts/HANDOUT_ID/ with every required field.

    Every field is there, empty, ready to fill in.

    Then run `careleaf check` to see what is still to be written.
    """
    project = open_project(project_dir)
    for path in scaffold_handout(project, handout_id, lang):
        click.echo(f"created {project.show(path)}")
    click.echo("Fill in the empty fields, then run: careleaf check")
