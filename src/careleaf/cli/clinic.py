"""`careleaf clinic`: confirm what the clinic profile prints on every leaflet."""

from __future__ import annotations

from pathlib import Path

import click

from careleaf.cli.base import CLINIC_OPTION, PROJECT_OPTION, open_project, refused_today_option
from careleaf.errors import printable
from careleaf.review.confirm import confirm


@click.group("clinic")
def clinic_group() -> None:
    """Confirm the clinic details printed on every leaflet."""


@clinic_group.command("confirm")
@click.option("--by", "by", required=True, metavar="NAME", help="Who confirms the details.")
@click.option(
    "--accept-emergency-number",
    "accept",
    metavar="REASON",
    help="Accept an emergency number libphonenumber does not know for the region, "
    "and say why (it is recorded with the confirmation).",
)
@refused_today_option("a confirmation")
@CLINIC_OPTION
@PROJECT_OPTION
def confirm_command(
    by: str, accept: str | None, clinic_file: Path | None, project_dir: Path | None
) -> None:
    """Confirm the clinic's printed details: name, numbers, web address, logo.

    Every leaflet prints them, so until a named person confirms them exactly
    as they print, and again after any change, the clinic's prints are
    stamped "CLINIC NOT CONFIRMED - not for patient use". The record (who,
    the real date, each detail as printed, a fingerprint) goes into the
    profile, whose comments and layout are kept.
    """
    project = open_project(project_dir, clinic_file)
    done = confirm(project, by, accept_emergency=accept)
    before = done.before
    if before is not None and before.record is not None:
        was = before.record
        click.echo(
            f"replaces the confirmation by {printable(was.confirmed_by)} on {was.confirmed_on}"
            + (f" ({', '.join(before.changed)} changed since)" if before.changed else "")
        )
    click.echo(f"confirmed {done.shown} by {printable(done.by)} on {done.on}:")
    for name, value in done.details.items():
        note = (
            f" (accepted: {printable(done.accepted)})"
            if name == "emergency_number" and done.accepted
            else ""
        )
        click.echo(f"  {name}: {printable(value)}{note}")
