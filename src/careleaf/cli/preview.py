"""`careleaf preview`: build one handout and show its pages as PNG files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from ..build import build
from ..errors import CareleafError
from ..options import BuildOptions, output_dir
from ..preview import pdf_to_pngs
from .base import (
    BILINGUAL_OPTION,
    CLINIC_OPTION,
    DRAFTS_OPTION,
    LANGUAGES_OPTION,
    PAPER_OPTION,
    PROJECT_OPTION,
    VARIANT_OPTION,
    Failure,
    open_project,
    today_option,
    with_options,
)


@click.command("preview")
@click.argument("handout_id")
@LANGUAGES_OPTION
@PROJECT_OPTION
@DRAFTS_OPTION
@click.option(
    "--dpi",
    type=click.IntRange(36, 300),
    default=96,
    show_default=True,
    help="Resolution of the images.",
)
@with_options([CLINIC_OPTION, PAPER_OPTION, VARIANT_OPTION, BILINGUAL_OPTION])
@today_option
def preview_command(
    handout_id: str,
    languages: tuple[str, ...],
    project_dir: Path,
    drafts: bool,
    dpi: int,
    variant: str,
    today: date | None,
    clinic_file: Path | None,
    paper: str | None,
    bilingual: str | None,
) -> None:
    """Build one handout and write its pages as PNG.

    HANDOUT_ID is built if needed, then each page is written as a PNG image.

    The images go to a preview/<lang>/ folder of the build's output folder
    (output/preview/<lang>/ for the standard leaflet); their paths are printed.
    """
    project = open_project(project_dir, clinic_file)
    options = BuildOptions(
        today=today or date.today(),
        handouts=(handout_id,),
        languages=languages,
        drafts=drafts,
        jobs=1,
        variant=variant,
        paper=paper,
        bilingual=bilingual,
    )
    report = build(project, options)
    if report.problems:
        raise Failure(CareleafError(report.problems), "no preview")
    folder = output_dir(project, options) / "preview"
    for built in report.built:
        pdf = output_dir(project, options) / built.leaflet.output_name
        for png in pdf_to_pngs(pdf, folder / built.leaflet.tag, project.show, dpi):
            click.echo(project.show(png))
