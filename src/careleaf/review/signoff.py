"""``careleaf review sign-off``: a named reviewer signs a handout off, bound to its text.

The record written into ``handout.yaml`` holds who signed, when (the real
date), the next review date (by default the clinic's longest review interval
from the sign-off), the handout's id, and exactly what was signed: every
field of the source-language file and its UI strings as they print, and the
sources list, with a fingerprint over all of it.
The file is edited in place (ruamel.yaml round trip), keeping its comments
and layout, and written atomically. Only a handout that validates can be
signed off; its old record, if any, is replaced whatever its state.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from careleaf import clock
from careleaf.catalog.catalog import read_catalog
from careleaf.catalog.sources import known_handout, source_of
from careleaf.catalog.uistrings import StringsReader
from careleaf.content.validate import checked_name
from careleaf.errors import ContentError, Location, Problem, quoted
from careleaf.files.yaml_edit import open_edit, save
from careleaf.governance.dates import add_months, review_date_problems
from careleaf.governance.signoff import (
    SignOffState,
    compare_record,
    is_intact,
    record_fingerprint,
    record_sources,
    record_strings,
    record_text,
)
from careleaf.project import Project

KEY = "sign_off"
_COMMENT = (
    "careleaf review sign-off wrote this record of exactly what was signed off.\n"
    "Do not edit it: careleaf checks it against its fingerprint, and compares the\n"
    "text today with it (careleaf review diff)."
)


@dataclass(frozen=True)
class SignedOff:
    shown: str
    handout: str
    language: str
    fields: int
    sources: int
    by: str
    on: date
    next_review_due: date
    before: SignOffState | None  # the state it replaces (None: the old record was not intact)


def parse_day(value: str, option: str, shown: str) -> date:
    """A date given on the command line, or a problem placed at the file it goes into."""
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:  # well formed, but no such day: 2027-02-30
            raise ContentError(
                Problem(Location(shown), f"{option} {quoted(value)} is not a real date")
            ) from None
    raise ContentError(
        Problem(Location(shown), f"{option} {quoted(value)} is not a date written YYYY-MM-DD")
    )


def sign_off(
    project: Project,
    handout_id: str,
    by: str,
    *,
    next_review_due: str | None = None,
) -> SignedOff:
    """Sign ``handout_id`` off as of the real date; raises with every reason it cannot be.

    The date is the clock's, never an argument: a sign-off dated any other
    day would claim a review that did not happen then.
    """
    today = clock.today()
    known_handout(project, handout_id)
    gov_path = project.governance_file(handout_id)
    shown = project.show(gov_path)
    who = checked_name(by, "--by", shown)
    source = source_of(project, handout_id)
    catalog = read_catalog(
        project,
        today,
        handouts=[handout_id],
        languages=[source.gov.source_language],
        drafts=True,
        signing=True,
    )
    if catalog.problems:
        raise ContentError(catalog.problems)
    assert catalog.clinic is not None
    interval = catalog.clinic.review_interval_months
    due = (
        parse_day(next_review_due, "--next-review-due", shown)
        if next_review_due is not None
        else add_months(today, interval)
    )
    problems = [
        Problem(Location(shown), message.replace("'sign_off.next_review_due'", "--next-review-due"))
        for _, message in review_date_problems(today, due, today, interval)
    ]
    if problems:
        raise ContentError(problems)
    gov = source.gov
    strings_doc = StringsReader(project).document(gov.source_language)
    assert strings_doc is not None  # the catalog has read and checked it
    before = None
    if gov.sign_off is None or is_intact(gov.sign_off):
        before = compare_record(
            gov.sign_off,
            source.doc,
            project.load(gov_path),
            gov.sources,
            gov.source_language,
            handout_id,
            strings_doc,
        )
    text = record_text(source.doc.data)
    strings = record_strings(strings_doc.data)
    sources = record_sources(gov.sources)
    stamp = record_fingerprint(
        signed_by=who,
        signed_on=today,
        next_review_due=due,
        language=gov.source_language,
        text=text,
        sources=sources,
        handout=handout_id,
        strings=strings,
    )
    record = CommentedMap()
    record["signed_by"] = who
    record["signed_on"] = today.isoformat()
    record["next_review_due"] = due.isoformat()
    record["language"] = gov.source_language
    record["handout"] = handout_id
    record["fingerprint"] = stamp
    record["text"] = CommentedMap(text)
    # The words printed around the content are signed with it: the reviewer saw them.
    record["strings"] = CommentedMap(strings)
    record["sources"] = CommentedSeq(CommentedMap(s) for s in sources)
    edit = open_edit(gov_path, shown)
    first = KEY not in edit.data
    edit.data[KEY] = record  # in place when there is one, so its comment stays above it
    if first:
        edit.data.yaml_set_comment_before_after_key(KEY, before=_COMMENT)
    save([edit])
    return SignedOff(
        shown,
        handout_id,
        gov.source_language,
        len(text),
        len(sources),
        who,
        today,
        due,
        before,
    )
