"""``careleaf translate approve``: a named person approves a translation, exactly as it is.

Only a translation that validates, is complete (every field translated),
current (no field stale, none extra) and whose language's UI strings are
complete can be approved; otherwise every field in the way is named. The
approval is written into the ``translation:`` block (who, when and the
fingerprint of what was approved) by a round-trip edit that keeps the
file's comments and layout.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from careleaf import clock
from careleaf.catalog.catalog import read_catalog
from careleaf.catalog.sources import check_tag, known_handout, source_of
from careleaf.catalog.uistrings import StringsReader
from careleaf.content.fields import compare
from careleaf.content.validate import checked_name
from careleaf.errors import ContentError, Location, Problem, counted
from careleaf.files.yaml_edit import open_edit, save, set_after
from careleaf.governance.approval import (
    APPROVED,
    approval_fingerprint,
    approval_state,
    approved_text,
)
from careleaf.project import Project

_NOTE = {
    "missing": "is not translated yet",
    "stale": (
        "is stale: its source text changed since it was translated; update it, then "
        "run careleaf translate mark-current"
    ),
    "extra": "is not in the source; remove it",
}


@dataclass(frozen=True)
class Approved:
    shown: str
    fields: int
    strings: int
    by: str
    on: date
    earlier: str | None  # the approval this one replaces, described


def approve(project: Project, tag: str, handout_id: str, by: str) -> Approved:
    """Approve the ``tag`` translation of ``handout_id`` as of the real date; raises naming
    whatever is in the way."""
    today = clock.today()
    check_tag(tag)
    known_handout(project, handout_id)
    source = source_of(project, handout_id)
    path = project.content_file(handout_id, tag)
    shown = project.show(path)
    if tag == source.gov.source_language:
        raise ContentError(
            Problem(
                Location(shown),
                f"'{tag}' is the source language of {handout_id}: its text is signed off, "
                f"not approved (careleaf review sign-off {handout_id} --by NAME)",
            )
        )
    if not path.is_file() and not path.is_symlink():
        raise ContentError(
            Problem(
                Location(shown),
                f"there is no '{tag}' translation of {handout_id}; start one with "
                f"careleaf translate init {tag} --handout {handout_id}",
            )
        )
    who = checked_name(by, "--by", shown)
    catalog = read_catalog(
        project, today, handouts=[handout_id], languages=[tag], drafts=True, allow_overdue=True
    )
    if catalog.problems:
        raise ContentError(catalog.problems)
    if catalog.unchecked:
        raise ContentError(Problem(Location(u.shown), u.reason) for u in catalog.unchecked)
    doc = project.load(path)
    status = compare(source.doc.data, doc)
    ui = StringsReader(project).read(tag, source.gov.source_language)
    blocking = [
        Problem(doc.where(issue.path), f"'{issue.field}' {_NOTE[issue.kind]}")
        for issue in status.issues()
    ]
    if ui.missing:
        blocking.append(
            Problem(
                Location(ui.shown),
                f"{counted(len(ui.missing), 'UI string')} not translated yet: "
                + ", ".join(ui.missing),
            )
        )
    if blocking:
        raise ContentError(blocking)
    leaflet = next(lf for lf in catalog.leaflets if lf.tag == tag)
    earlier = approval_state(
        leaflet.content.translation, tag, source.doc.data, doc.data, ui.data, handout_id
    )
    translated, prints, strings = approved_text(source.doc.data, doc.data, ui.data)
    stamp = approval_fingerprint(
        language=tag,
        translated=translated,
        source_prints=prints,
        strings=strings,
        approved_by=who,
        approved_on=today,
        handout=handout_id,
    )
    edit = open_edit(path, shown)
    block = edit.data["translation"]
    set_after(
        block,
        "translated_by",
        {"approved_by": who, "approved_on": today.isoformat(), "approval": stamp},
    )
    save([edit])
    was = earlier.describe() if earlier.state != "draft" else None
    if earlier.state == APPROVED and earlier.approved_by == who and earlier.approved_on == today:
        was = None
    return Approved(shown, len(translated), len(strings), who, today, was)
