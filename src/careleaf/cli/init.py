"""`careleaf init`: a new project with the default templates and the sample handout."""

from __future__ import annotations

from pathlib import Path

import click

from careleaf.tools.init import init_project


@click.command("init")
@click.argument("directory", type=click.Path(path_type=Path))
def init_command(directory: Path) -> None:
    """Create a new project in DIRECTORY that builds as it is.

    Writes templates/, styles/ and handouts/ (UI strings, a clinic profile to
    fill in and confirm, the sample handout muscle-spasm, not signed off) into
    a new or empty folder; it never replaces a file. Then: cd DIRECTORY and
    careleaf build --drafts.
    """
    written = init_project(directory, str(directory))
    click.echo(
        f"careleaf: wrote {len(written)} files into {directory}; next: cd {directory} && "
        "careleaf build --drafts (edit handouts/clinic.yaml, then careleaf clinic confirm "
        "--by NAME)"
    )
