"""Reading one handout: its governance, source file and translations, into leaflets.

Each problem is reported once, on the file that has it. A file that cannot
be read (or does not validate) leaves the files that depend on it "not
checked", with one line saying why, instead of knock-on errors in them: a
broken ``handout.yaml`` leaves every language file unchecked (its source
file is still checked when it can be told), a broken source file leaves
every translation unchecked. A handout folder or file that leads outside the
project through a symbolic link is refused unread.

Whether a leaflet that validates is printed, stamped or skipped is decided
by :mod:`careleaf.governance.release`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from careleaf import clock
from careleaf.catalog.leaflet import Leaflet, Skipped
from careleaf.catalog.uistrings import StringsReader
from careleaf.content import i18n
from careleaf.content.fields import compare, merged
from careleaf.content.model import DEFAULT_REVIEW_INTERVAL_MONTHS, Content, Governance, UIStrings
from careleaf.content.printing import output_name
from careleaf.content.validate import check_translation, to_model
from careleaf.errors import ContentError, Location, Problem, Problems
from careleaf.files.strict_yaml import Document
from careleaf.governance.approval import approval_state
from careleaf.governance.dates import check_review, overdue_problem
from careleaf.governance.release import Verdict, banner, source_verdict, translation_verdict
from careleaf.governance.signoff import SignOffState, compare_record, is_intact
from careleaf.governance.stamps import STAMP_OVERDUE, STAMP_PLANNING
from careleaf.project import GOVERNANCE_FILE, Choice, Project


@dataclass(frozen=True)
class Selection:
    today: date
    languages: frozenset[str] = frozenset()
    allow_overdue: bool = False
    drafts: bool = False
    interval_months: int = DEFAULT_REVIEW_INTERVAL_MONTHS
    signing: bool = False  # for a sign-off: the old record is about to be replaced
    planning: bool = False  # as of another day than today: every print is a planning copy

    @property
    def choice(self) -> Choice:
        return Choice(languages=self.languages)


def read_document(project: Project, path: Path, problems: Problems) -> Document | None:
    """The strictly read file, or None with its problems collected."""
    try:
        return project.load(path)
    except ContentError as exc:
        problems.extend(exc.problems)
        return None


@dataclass(frozen=True)
class _Handout:
    """A handout whose handout.yaml and source-language file are both valid."""

    gov: Governance
    gov_doc: Document
    source_doc: Document
    content: Content  # the source language's
    sign_off: SignOffState
    verdict: Verdict
    usable: bool  # False: a rule of handout.yaml failed, so nothing of it is built


class HandoutReader:
    """Reads handouts one by one, collecting leaflets, skips and problems."""

    def __init__(
        self, project: Project, selection: Selection, clinic: Verdict | None = None
    ) -> None:
        self.project = project
        self.selection = selection
        self.clinic = clinic or Verdict()  # the clinic profile's own stamp, on every print
        self.strings = StringsReader(project)
        self.problems = Problems()
        self.leaflets: list[Leaflet] = []
        self.skipped: list[Skipped] = []
        self.unchecked: list[Skipped] = []
        #: Outputs whose earlier patient-ready PDF must go although nothing is built (overdue).
        self.withdrawn: list[Skipped] = []

    def _selected(self, handout_id: str) -> dict[str, Path]:
        return self.selection.choice.language_files(self.project, handout_id)

    def _not_checked(self, handout_id: str, files: dict[str, Path], why: str) -> None:
        for tag, path in files.items():
            self.unchecked.append(
                Skipped(output_name(tag, handout_id), self.project.show(path), why)
            )

    def read_handout(self, handout_id: str) -> None:
        project = self.project
        folder = project.handout_dir(handout_id)
        outside = project.outside_problem(folder)
        if outside is not None:  # nothing in it is read, not even its file names' contents
            self.problems.add(outside.location, outside.message)
            return
        files = {}
        for tag, path in self._selected(handout_id).items():
            try:
                i18n.parse_tag(tag)
            except i18n.TagError as exc:
                self.problems.add(Location(project.show(path)), f"file name: {exc}")
                continue
            files[tag] = path
        gov_path = folder / GOVERNANCE_FILE
        gov_shown = project.show(gov_path)
        if not gov_path.is_file():
            self.problems.add(
                Location(project.show(folder)), f"handout folder has no {GOVERNANCE_FILE}"
            )
            self._not_checked(handout_id, files, f"the handout has no {gov_shown}")
            return
        handout = self._read_source(handout_id, files)
        if handout is None:
            return
        source_tag = handout.gov.source_language
        for tag, path in files.items():
            if tag == source_tag:
                self._read_own(handout, tag)
            else:
                self._read_translation(handout, tag, path)

    def _read_source(self, handout_id: str, files: dict[str, Path]) -> _Handout | None:
        """handout.yaml and the source-language file, or None (with every dependant unchecked)."""
        project, problems = self.project, self.problems
        gov_path = project.governance_file(handout_id)
        gov_shown = project.show(gov_path)
        gov_doc = read_document(project, gov_path, problems)
        gov = None
        if gov_doc is not None:
            gov, found = to_model(gov_doc, Governance)
            problems.extend(found)
        if gov is None or gov_doc is None:
            # The source file's own problems are still worth knowing, if it can be told.
            data = gov_doc.data if gov_doc is not None else None
            named = data.get("source_language") if isinstance(data, dict) else None
            source = project.language_files(handout_id).get(str(named))
            if isinstance(named, str) and source is not None:
                self._check_content(source, named)
            others = {t: p for t, p in files.items() if t != named}
            self._not_checked(handout_id, others, f"{gov_shown} has problems")
            return None
        usable = self._governance_ok(gov, gov_doc, handout_id)
        all_files = project.language_files(handout_id)
        if gov.source_language not in all_files:
            problems.add(
                gov_doc.where(("source_language",)),
                f"source language '{gov.source_language}' has no file {gov.source_language}.yaml",
            )
            self._not_checked(
                handout_id, files, f"its source language '{gov.source_language}' has no file"
            )
            return None
        source_path = all_files[gov.source_language]
        source_shown = project.show(source_path)
        source_doc, content = self._check_content(source_path, gov.source_language)
        if source_doc is None or content is None:
            # The words around the content are a file of their own: still checked.
            problems.extend(self.strings.read(gov.source_language, gov.source_language).problems)
            others = {t: p for t, p in files.items() if t != gov.source_language}
            self._not_checked(handout_id, others, f"its source {source_shown} has problems")
            return None
        state = SignOffState(None)
        if gov.sign_off is not None and is_intact(gov.sign_off):
            state = compare_record(
                gov.sign_off,
                source_doc,
                gov_doc,
                gov.sources,
                gov.source_language,
                handout_id,
                self.strings.document(gov.source_language),
            )
        overdue = bool(gov.sign_off and gov.sign_off.next_review_due < self.selection.today)
        if overdue and gov.sign_off is not None and not self.selection.planning:
            # Yesterday's patient-ready copy is out of date today, printed again or not.
            why = (
                f"review overdue since {gov.sign_off.next_review_due} (careleaf review sign-off "
                f"{gov.id} --by NAME)"
            )
            self.withdrawn.extend(
                Skipped(output_name(tag, handout_id), project.show(path), why)
                for tag, path in files.items()
            )
        verdict = source_verdict(gov.id, state, overdue)
        return _Handout(gov, gov_doc, source_doc, content, state, verdict, usable)

    def _check_content(self, path: Path, tag: str) -> tuple[Document | None, Content | None]:
        """A source-language file read and validated; its problems collected."""
        doc = read_document(self.project, path, self.problems)
        if doc is None:
            return None, None
        content, found = to_model(doc, Content)
        if content is not None:
            found.extend(_check_language(content, doc, tag, False, self.selection.today))
        self.problems.extend(found)
        return doc, None if found else content

    def _governance_ok(self, gov: Governance, doc: Document, handout_id: str) -> bool:
        found: list[Problem] = []
        if gov.id != handout_id:
            found.append(
                Problem(doc.where(("id",)), f"'id' is '{gov.id}' but the folder is '{handout_id}'")
            )
        record = gov.sign_off
        if record is None or self.selection.signing:
            pass  # nothing signed yet, or the record is about to be replaced: its state is moot
        elif not is_intact(record):  # an untrusted record: its dates mean nothing either
            found.append(
                Problem(
                    doc.where(("sign_off", "fingerprint")),
                    "the sign-off record does not match its fingerprint: it was edited by hand "
                    "after careleaf wrote it, so careleaf does not trust it; sign the handout "
                    f"off again (careleaf review sign-off {gov.id} --by NAME)",
                )
            )
        else:
            review = check_review(gov, doc, self.selection.today, self.selection.interval_months)
            found.extend(review.problems)
            if review.overdue and not self.selection.allow_overdue:
                found.append(overdue_problem(gov, doc))
        self.problems.extend(found)
        return not found

    def _read_translation(self, handout: _Handout, tag: str, path: Path) -> None:
        shown = self.project.show(path)
        doc = read_document(self.project, path, self.problems)
        if doc is None:
            return
        source = handout.source_doc
        status = compare(source.data, doc)
        content, found = to_model(merged(source.data, doc), Content)
        if content is not None:
            found.extend(_check_language(content, doc, tag, True, self.selection.today))
        self.problems.extend(found)
        ui = self.strings.read(tag, handout.gov.source_language)
        self.problems.extend(ui.problems)
        if content is None or found or not handout.usable:
            return
        output = output_name(tag, handout.gov.id)
        if status.missing:
            first = status.missing[0].field
            reason = (
                f"not translated yet: {len(status.missing)} of {status.total} fields "
                f"missing (first: {first}); see careleaf translate status"
            )
            self.skipped.append(Skipped(output, shown, reason))
            return
        if ui.missing:
            reason = f"UI strings not translated yet: {len(ui.missing)} missing in {ui.shown}"
            self.skipped.append(Skipped(output, shown, reason))
            return
        if ui.strings is None:
            return
        approval = approval_state(
            content.translation, tag, source.data, doc.data, ui.data, handout.gov.id
        )
        verdict = translation_verdict(handout.verdict, source.path, approval, status)
        self._admit(handout, tag, content, doc, ui.strings, verdict, ui.data)

    def _read_own(self, handout: _Handout, tag: str) -> None:
        """The source-language leaflet: its strings, then patient-ready, stamped or skipped."""
        ui = self.strings.read(tag, tag)
        self.problems.extend(ui.problems)
        if handout.usable and ui.strings is not None:
            self._admit(
                handout,
                tag,
                handout.content,
                handout.source_doc,
                ui.strings,
                handout.verdict,
                ui.data,
            )

    def _admit(
        self,
        handout: _Handout,
        tag: str,
        content: Content,
        doc: Document,
        strings: UIStrings,
        verdict: Verdict,
        strings_data: Any,
    ) -> None:
        """Print it as patient-ready, print it stamped, or skip it with the reasons."""
        output = output_name(tag, handout.gov.id)
        selection = self.selection
        verdict += self.clinic
        if selection.planning:
            verdict += Verdict(
                (STAMP_PLANNING,),
                (
                    f"planned as of {selection.today} (--today), and a print for patients is "
                    f"dated by the real date, {clock.today()}",
                ),
            )
        # Overdue needs --allow-overdue (checked with the dates); a planning copy either that
        # or --drafts; everything else --drafts.
        unexcused = [s for s in verdict.stamps if s not in (STAMP_OVERDUE, STAMP_PLANNING)]
        planning_only = STAMP_PLANNING in verdict.stamps and not selection.allow_overdue
        if (unexcused or planning_only) and not selection.drafts:
            reasons = "; ".join(verdict.reasons)
            self.skipped.append(
                Skipped(
                    output,
                    doc.path,
                    f"{reasons}; build with --drafts to print it stamped "
                    f"'{banner(verdict.stamps)}'",
                )
            )
            return
        locale = i18n.parse_tag(tag)
        self.leaflets.append(
            Leaflet(
                handout.gov,
                content,
                strings,
                locale,
                tag,
                doc,
                verdict.stamps,
                strings_data=strings_data,
            )
        )


def _check_language(
    content: Content, doc: Document, tag: str, is_translation: bool, today: date
) -> list[Problem]:
    found = []
    if content.language != tag:
        found.append(
            Problem(
                doc.where(("language",)),
                f"'language' is '{content.language}' but the file is named for '{tag}'",
            )
        )
    found.extend(check_translation(content.translation, doc, is_translation, today))
    return found
