"""`careleaf preview`: build one handout and show its pages as PNG files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from careleaf.cli.base import (
    BILINGUAL_OPTION,
    HANDOUTS_OPTION,
    PRINT_OPTIONS,
    PROJECT_OPTION,
    SELECT_OPTIONS,
    Failure,
    open_project,
    with_options,
)
from careleaf.cli.echo import make_options, print_skipped, print_warnings
from careleaf.errors import CareleafError


@click.command("preview")
@click.argument("handout_id")
@PROJECT_OPTION
@click.option(
    "--dpi",
    type=click.IntRange(36, 300),
    default=96,
    show_default=True,
    help="Resolution of the images.",
)
@with_options(
    [o for o in SELECT_OPTIONS if o is not HANDOUTS_OPTION] + [*PRINT_OPTIONS, BILINGUAL_OPTION]
)
def preview_command(
    handout_id: str,
    project_dir: Path | None,
    dpi: int,
    clinic_file: Path | None,
    **selection: Any,
) -> None:
    """Build one handout and write its pages as PNG.

    HANDOUT_ID is built as `careleaf build` would, with the same options, then
    each page of each PDF is written as a PNG image to a preview/<lang>/
    folder beside the print's language folders (output/preview/en/ for the
    standard leaflet) and its path printed. What is not printed is listed
    with the reason; with nothing to show, it exits 1.
    """
    from careleaf.build.run import build
    from careleaf.tools.preview import pdf_to_pngs

    project = open_project(project_dir, clinic_file)
    selection["handouts"] = (handout_id,)
    options = make_options(selection, jobs=1)
    report = build(project, options)
    print_skipped(report)
    print_warnings(report.warnings)
    if report.problems:
        raise Failure(CareleafError(report.problems), "no preview")
    shown = 0
    for built in report.built:
        assert built.path is not None
        print_folder = built.path.parent.parent
        for png in pdf_to_pngs(built.path, print_folder, built.leaflet.tag, project.show, dpi):
            click.echo(project.show(png))
            shown += 1
    if not shown:
        click.echo(
            f"careleaf: nothing to preview for {handout_id} (see why above; --drafts prints "
            "what is not patient-ready, stamped)",
            err=True,
        )
        raise SystemExit(1)
