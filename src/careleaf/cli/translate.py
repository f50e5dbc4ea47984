"""`careleaf translate`: the translator's commands."""

from __future__ import annotations

from pathlib import Path

import click

from careleaf import clock
from careleaf.cli.base import (
    HANDOUTS_OPTION,
    PROJECT_OPTION,
    Failure,
    open_project,
    refused_today_option,
)
from careleaf.errors import CareleafError, UsageError, counted, printable
from careleaf.translation import approve as approving
from careleaf.translation import commands, start
from careleaf.translation.exchange import exporting, importing

_NOTES = {
    "missing": "not translated yet",
    "stale": "source text changed since it was translated",
    "extra": "not in the source",
}


@click.group("translate")
def translate_group() -> None:
    """Add a language, see what is left, record fields, approve, exchange files."""


@translate_group.command("init")
@click.argument("lang")
@click.option(
    "--handout",
    "handouts",
    multiple=True,
    metavar="ID",
    help="Only this handout (repeatable); default: every handout.",
)
@PROJECT_OPTION
def translate_init(lang: str, handouts: tuple[str, ...], project_dir: Path | None) -> None:
    """Start translating into LANG (a BCP 47 tag such as es, pt-BR or zh-Hans).

    Writes handouts/<id>/LANG.yaml with every field empty and the source text
    in a comment above it, and handouts/_strings/LANG.yaml if it is missing.
    """
    project = open_project(project_dir)
    created, notes = start.init(project, lang, handouts)
    for path in created:
        click.echo(f"created {project.show(path)}")
    for note in notes:
        click.echo(note)
    click.echo(f"Translate the empty fields, then run: careleaf translate status {lang}")


@translate_group.command("status")
@click.argument("lang", required=False)
@HANDOUTS_OPTION
@PROJECT_OPTION
def translate_status(lang: str | None, handouts: tuple[str, ...], project_dir: Path | None) -> None:
    """List missing, stale and extra fields of every translation (or of LANG).

    For each stale field it shows the source text the translation was made
    from (when careleaf can prove it) and the source text now. Exits 1 when
    anything is missing or stale, so CI can gate on it.
    """
    project = open_project(project_dir)
    reports, problems = commands.status(project, [lang] if lang else [], handouts)
    for report in reports:
        s = report.status
        click.echo(
            f"{report.shown}: {report.tag} {report.approval.describe()}; {len(s.missing)} "
            f"missing, {len(s.stale)} stale, {len(s.extra)} extra (of {s.total} fields)"
        )
        was = {text.field: text for text in report.stale_text}
        for issue in s.issues():
            where = report.doc.where(issue.path)
            click.echo(
                f"  {printable(where.path)}:{where.line}: {issue.kind} {printable(issue.field)} "
                f"({_NOTES[issue.kind]})"
            )
            if issue.field in was:  # quoted texts with every invisible character made visible
                before = was[issue.field].was
                shown = printable(before) if before is not None else "(not on record)"
                click.echo(f"    was: {shown}")
                click.echo(f"    now: {printable(was[issue.field].now)}")
        if report.ui_missing:
            click.echo(
                f"  {report.ui_shown}: {counted(len(report.ui_missing), 'UI string')} not "
                f"translated yet: {', '.join(report.ui_missing)}"
            )
    todo = sum(r.needs_work for r in reports)
    summary = (
        f"{counted(len(reports), 'translation')}, {len(reports) - todo} complete and "
        f"current, {todo} need{'s' if todo == 1 else ''} work"
    )
    if problems:
        raise Failure(CareleafError(problems), summary)
    click.echo(f"careleaf: {summary}")
    if todo:
        raise SystemExit(1)


@translate_group.command("mark-current")
@click.argument("lang")
@click.argument("fields", nargs=-1)
@click.option("--handout", "handout_id", required=True, metavar="ID", help="The handout.")
@click.option("--all", "every", is_flag=True, help="Every translated field.")
@PROJECT_OPTION
def translate_mark_current(
    lang: str, fields: tuple[str, ...], handout_id: str, every: bool, project_dir: Path | None
) -> None:
    """Record that FIELDS of LANG now follow the current source text.

    Run it after updating a stale field. Field names are as translate status
    prints them, e.g. home_care.items[drink-water].text. The "# en:" comment
    above each field is updated to the source text it now follows. With --all,
    the fields that were stale are listed: check each really was updated. An
    approved translation needs approving again afterwards.
    """
    project = open_project(project_dir)
    marked = commands.mark_current(project, lang, handout_id, fields, every)
    count = counted(len(marked.fields), "field")
    if not every:
        click.echo(f"marked {count} current: {', '.join(marked.fields)}")
        return
    # --all: every translated field; the ones that matter are those that were stale.
    stale = marked.stale
    was = f"{len(stale)} of them stale until now: {', '.join(stale)}" if stale else "none was stale"
    click.echo(f"marked {count} current ({was})")


@translate_group.command("approve")
@click.argument("lang")
@click.option("--handout", "handout_id", required=True, metavar="ID", help="The handout.")
@click.option("--by", "by", required=True, metavar="NAME", help="Who approves the translation.")
@refused_today_option("an approval")
@PROJECT_OPTION
def translate_approve(lang: str, handout_id: str, by: str, project_dir: Path | None) -> None:
    """Approve the LANG translation of a handout, exactly as it stands.

    It must be complete and current, with its UI strings translated. Records
    who, when (the real date) and a fingerprint of the approved text; if the translation,
    its source or its UI strings change afterwards, it is a draft again
    until approved anew.
    """
    project = open_project(project_dir)
    done = approving.approve(project, lang, handout_id, by)
    if done.earlier:
        click.echo(f"replaces the earlier approval: {done.earlier}")
    click.echo(
        f"approved {done.shown} ({counted(done.fields, 'field')}, "
        f"{counted(done.strings, 'UI string')}) by "
        f"{done.by} on {done.on}"
    )


@translate_group.command("export")
@click.argument("lang")
@HANDOUTS_OPTION
@click.option(
    "--format",
    "kind",
    type=click.Choice(["po", "xliff"]),
    help="PO (gettext) or XLIFF 1.2; default: from the --out file's name.",
)
@click.option(
    "--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="The file."
)
@click.option("--force", is_flag=True, help="Write over an existing file.")
@PROJECT_OPTION
def translate_export(
    lang: str,
    handouts: tuple[str, ...],
    kind: str | None,
    out: Path,
    force: bool,
    project_dir: Path | None,
) -> None:
    """Write every field of LANG (and its UI strings) to one PO or XLIFF file.

    For a translator's own tool (a CAT tool or a translation platform): one
    unit per field, named by handout and field, with the source text, the
    translation so far, its length limit and the placeholders to keep. Stale
    fields are marked fuzzy (PO) or needs-review-translation (XLIFF). Bring
    the file back with careleaf translate import. It never writes inside
    handouts/, templates/ or styles/, nor over an existing file without
    --force.
    """
    project = open_project(project_dir)
    chosen = exporting.format_for(out, kind)
    done = exporting.export(
        project, lang, handouts, chosen, out, str(out), clock.today(), force=force
    )
    optional = f", {done.optional} optional left out" if done.optional else ""
    click.echo(
        f"wrote {done.shown}: {done.units} units ({done.current} current, {done.stale} stale, "
        f"{done.missing} missing{optional})"
    )


@translate_group.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--lang",
    "target",
    metavar="TAG",
    help="The translation to import into; default: the language the file's name says (es.po).",
)
@click.option("--dry-run", is_flag=True, help="Show what would change; write nothing.")
@click.option("--force", is_flag=True, help="Also take units translated from an older source text.")
@PROJECT_OPTION
def translate_import(
    file: Path, target: str | None, dry_run: bool, force: bool, project_dir: Path | None
) -> None:
    """Bring a PO or XLIFF file from a translator's tool back into the YAML files.

    The file goes into the translation --lang names (default: the one its
    name says, es.po into es), and the language the file declares must be
    that one. Writes only the fields that changed, keeping comments and
    layout, into every file or none. A unit the translator confirmed (not
    fuzzy; XLIFF state translated or final) becomes current; one still fuzzy
    stays stale; an empty one changes nothing; one translated from an older
    source than the current translation is refused unless --force. It never
    approves: any change makes an approved translation a draft again. The
    whole file is refused, with nothing written, if any unit is wrong.
    """
    project = open_project(project_dir)
    chosen = importing.target_of(file, target)
    if chosen is None:
        raise UsageError(
            f"cannot tell from the name '{printable(file.name)}' which translation it is for; "
            "say it with --lang TAG"
        )
    done = importing.import_file(
        project, file, str(file), chosen, dry_run, by_name=target is None, force=force
    )
    for line in done.changes:
        click.echo(line)
    for note in done.notes:
        click.echo(note)
    verb = "would write" if dry_run else "wrote"
    for shown in done.files:
        click.echo(f"{verb} {shown}")
    if dry_run:
        click.echo(f"dry run: {done.summary()}; nothing written")
    else:
        click.echo(done.summary())
