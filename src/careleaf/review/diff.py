"""``careleaf review diff``: what changed since the sign-off, field by field, word by word.

Each changed field shows the signed-off text with removed words marked
``[-like this-]`` and the text now with added words marked ``{+like this+}``
(the convention of ``git diff --word-diff=plain``): plain text that reads
the same in a terminal and in a CI log. ``--json`` gives the same for
scripts.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from careleaf.catalog.sources import known_handout, source_of
from careleaf.catalog.uistrings import StringsReader
from careleaf.content.model import SignOff
from careleaf.errors import ContentError, Location, Problem, printable
from careleaf.governance.signoff import FieldChange, compare_record, is_intact
from careleaf.project import Project


def word_diff(old: str, new: str) -> tuple[str, str]:
    """``old`` with its removed words marked, ``new`` with its added words marked."""
    a, b = old.split(), new.split()
    left: list[str] = []
    right: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            left.extend(a[i1:i2])
            right.extend(b[j1:j2])
            continue
        if i2 > i1:
            left.append("[-" + " ".join(a[i1:i2]) + "-]")
        if j2 > j1:
            right.append("{+" + " ".join(b[j1:j2]) + "+}")
    return " ".join(left), " ".join(right)


@dataclass(frozen=True)
class Diff:
    handout: str
    shown: str  # handout.yaml, where the record lives
    record: SignOff
    changes: tuple[FieldChange, ...]

    def lines(self) -> list[str]:
        """The report as printed: a heading line, then each change."""
        r = self.record
        count = len(self.changes)
        plural = "field" if count == 1 else "fields"
        head = f"{self.handout}: signed off by {printable(r.signed_by)} on {r.signed_on}; " + (
            f"{count} {plural} changed since" if count else "no changes since"
        )
        out = [head]
        for change in self.changes:
            where = f"  ({change.where})" if change.where else ""
            out.append(f"{change.kind} {printable(change.field)}{where}")
            # Invisible and format characters shown as escapes: a reviewer must see a
            # zero-width space or a direction mark that changes nothing they can read.
            old, new = word_diff(printable(change.signed or ""), printable(change.now or ""))
            if change.signed is not None:
                out.append(f"  signed off: {old}")
            if change.now is not None:
                out.append(f"  now:        {new}")
        return out

    def as_json(self) -> dict[str, object]:
        r = self.record
        return {
            "handout": self.handout,
            "signed_by": r.signed_by,
            "signed_on": r.signed_on.isoformat(),
            "next_review_due": r.next_review_due.isoformat(),
            "changed": len(self.changes),
            "changes": [
                {
                    "field": c.field,
                    "change": c.kind,
                    "signed_off": c.signed,
                    "now": c.now,
                    "where": str(c.where) if c.where else None,
                }
                for c in self.changes
            ],
        }


def review_diff(project: Project, handout_id: str) -> Diff:
    """The changes of ``handout_id`` since its sign-off.

    Works on a source file that does not validate yet (a reviewer may want
    to see the edits before they are finished); needs a readable
    ``handout.yaml`` with an intact sign-off record.
    """
    known_handout(project, handout_id)
    source = source_of(project, handout_id)  # handout.yaml read and validated once
    gov, gov_doc = source.gov, source.gov_doc
    shown = project.show(project.governance_file(handout_id))
    record = gov.sign_off
    if record is None:
        raise ContentError(
            Problem(
                Location(shown),
                f"{handout_id} has never been signed off, so there is nothing to compare; "
                f"sign it off with careleaf review sign-off {handout_id} --by NAME",
            )
        )
    if not is_intact(record):
        raise ContentError(
            Problem(
                gov_doc.where(("sign_off", "fingerprint")),
                "the sign-off record does not match its fingerprint: it was edited by hand "
                "after careleaf wrote it, so careleaf does not trust it to compare with; "
                f"sign the handout off again (careleaf review sign-off {handout_id} --by NAME)",
            )
        )
    strings = StringsReader(project).document(gov.source_language)
    state = compare_record(
        record, source.doc, gov_doc, gov.sources, gov.source_language, handout_id, strings
    )
    return Diff(handout_id, shown, record, state.changes)
