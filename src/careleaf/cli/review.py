"""`careleaf review`: sign a handout off, and see what changed since."""

from __future__ import annotations

import json
from pathlib import Path

import click

from careleaf.cli.base import PROJECT_OPTION, open_project, refused_today_option
from careleaf.errors import counted
from careleaf.review.diff import review_diff
from careleaf.review.signoff import sign_off


@click.group("review")
def review_group() -> None:
    """Sign handouts off and see what changed since the last sign-off."""


@review_group.command("sign-off")
@click.argument("handout_id")
@click.option("--by", "by", required=True, metavar="NAME", help="Who signs the handout off.")
@click.option(
    "--next-review-due",
    metavar="YYYY-MM-DD",
    help="When it must be reviewed again (default: the clinic's review interval from today).",
)
@refused_today_option("a sign-off")
@PROJECT_OPTION
def sign_off_command(
    handout_id: str,
    by: str,
    next_review_due: str | None,
    project_dir: Path | None,
) -> None:
    """Sign HANDOUT_ID off: who, when, next review and exactly what was signed.

    The record (every field of the source-language text and the sources list,
    with a fingerprint) goes into handouts/HANDOUT_ID/handout.yaml, whose
    comments and layout are kept. It is dated by the real date. Until the text
    changes, the handout prints as patient-ready; careleaf review diff shows
    what changed since.
    """
    project = open_project(project_dir)
    done = sign_off(project, handout_id, by, next_review_due=next_review_due)
    before = done.before
    if before is not None and before.record is not None:
        count = len(before.changes)
        plural = "field" if count == 1 else "fields"
        click.echo(
            f"replaces the sign-off by {before.record.signed_by} on {before.record.signed_on} "
            f"({count} {plural} changed since)"
        )
    elif before is None:
        click.echo("replaces a sign-off record that had been edited by hand")
    click.echo(
        f"signed off {done.handout} ({done.language}, {counted(done.fields, 'field')}, "
        f"{counted(done.sources, 'source')}) by {done.by} on {done.on}; "
        f"next review due {done.next_review_due}"
    )
    click.echo(f"recorded in {done.shown}")


@review_group.command("diff")
@click.argument("handout_id")
@click.option("--json", "as_json", is_flag=True, help="Print the changes as JSON for scripts.")
@PROJECT_OPTION
def diff_command(handout_id: str, as_json: bool, project_dir: Path | None) -> None:
    """Show what changed since the sign-off, field by field, word by word.

    Per field: the signed-off text and the text now, with changed words marked.

    Removed words are marked [-like this-] and added ones {+like this+}. Exits
    1 when anything changed since the sign-off, 0 when nothing did.
    """
    project = open_project(project_dir)
    diff = review_diff(project, handout_id)
    if as_json:
        click.echo(json.dumps(diff.as_json(), indent=2, ensure_ascii=False))
    else:
        for line in diff.lines():
            click.echo(line)
    if diff.changes:
        raise SystemExit(1)
