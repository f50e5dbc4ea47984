"""The whole project read and validated: which leaflets can be built, and every problem.

A broken file only takes out what depends on it: a bad language file stops
that language, a bad ``handout.yaml`` or an overdue review stops the whole
handout, a bad clinic profile stops everything. Problems from every file
are collected so one run lists them all.

Translations are printed only when approved, complete and current with the
source. A draft or stale one is skipped with its reason (or, with
``drafts``, printed marked as a draft); one with untranslated fields is
never printed, because nothing may fall back to the source language.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from babel import Locale

from . import i18n
from .errors import ContentError, Location, Problem, Problems, UsageError
from .load import Document, load_file
from .logo import LogoError, read_logo
from .model import Clinic, Content, Governance, UIStrings
from .project import GOVERNANCE_FILE, Project
from .translation import TranslationStatus, compare, fill_from_source
from .uistrings import StringsReader
from .validate import check_review, check_translation, overdue_problem, to_model


@dataclass(frozen=True)
class Leaflet:
    """Everything needed to print one handout in one language."""

    handout: Governance
    content: Content
    strings: UIStrings
    locale: Locale
    tag: str
    overdue: bool
    content_doc: Document = field(repr=False)
    draft: bool = False  # a translation printed before approval, marked as such
    # Bilingual leaflets: the other language, whose pages face this one's.
    companion: Leaflet | None = None

    @property
    def output_name(self) -> str:
        return f"{self.tag}/{self.handout.id}.pdf"


@dataclass(frozen=True)
class Skipped:
    """A language deliberately not printed, and why."""

    output_name: str
    shown: str
    reason: str


@dataclass(frozen=True)
class Catalog:
    clinic: Clinic | None  # None when the profile is broken: then nothing is buildable
    leaflets: tuple[Leaflet, ...]
    problems: tuple[Problem, ...]
    planned: tuple[str, ...]  # output names of every handout x language selected
    skipped: tuple[Skipped, ...] = ()


@dataclass(frozen=True)
class Selection:
    today: date
    languages: frozenset[str] = frozenset()
    allow_overdue: bool = False
    drafts: bool = False


def read_catalog(
    project: Project,
    today: date,
    *,
    handouts: Iterable[str] = (),
    languages: Iterable[str] = (),
    allow_overdue: bool = False,
    drafts: bool = False,
    also: Iterable[str] = (),
) -> Catalog:
    """Validate the selected handouts and languages of ``project`` as of ``today``.

    Languages in ``also`` are read whatever the selection (a bilingual leaflet's
    facing language, say).
    """
    wanted_ids = select(project.handout_ids(), list(handouts), "handout")
    clinic, clinic_problems = _read_clinic(project)
    # The clinic's own language list applies unless the command line names languages.
    chosen = frozenset(languages) or frozenset(clinic.languages if clinic else ())
    if chosen:
        chosen |= frozenset(also)
    selection = Selection(today, chosen, allow_overdue, drafts)
    reader = _Reader(project, selection)
    planned = tuple(
        f"{tag}/{handout_id}.pdf"
        for handout_id in wanted_ids
        for tag in project.language_files(handout_id)
        if not selection.languages or tag in selection.languages
    )
    if selection.languages and not planned:
        raise UsageError(f"no handout has language '{', '.join(sorted(selection.languages))}'")
    for handout_id in wanted_ids:
        reader.read_handout(handout_id)
    reader.problems.extend(clinic_problems)
    leaflets = tuple(reader.leaflets) if clinic is not None else ()
    return Catalog(clinic, leaflets, tuple(reader.problems), planned, tuple(reader.skipped))


def select(known: list[str], wanted: list[str], what: str) -> list[str]:
    if not wanted:
        return known
    unknown = [w for w in wanted if w not in known]
    if unknown:
        listing = ", ".join(known) or "none"
        raise UsageError(f"no {what} '{unknown[0]}' (there are: {listing})")
    return [k for k in known if k in wanted]


def _read_clinic(project: Project) -> tuple[Clinic | None, list[Problem]]:
    path = project.clinic_file
    shown = project.show(path)
    if not path.is_file():
        return None, [Problem(Location(shown), "clinic profile is missing")]
    try:
        doc = load_file(path, shown)
    except ContentError as exc:
        return None, list(exc.problems)
    clinic, problems = to_model(doc, Clinic)
    if clinic is not None and clinic.logo is not None:
        try:
            read_logo(project.root, clinic.logo)
        except LogoError as exc:
            return None, [Problem(doc.where(("logo", "file")), str(exc))]
    return clinic, problems


def read_document(path: Path, shown: str, problems: Problems) -> Document | None:
    try:
        return load_file(path, shown)
    except ContentError as exc:
        problems.extend(exc.problems)
        return None


class _Reader:
    def __init__(self, project: Project, selection: Selection) -> None:
        self.project = project
        self.selection = selection
        self.strings = StringsReader(project)
        self.problems = Problems()
        self.leaflets: list[Leaflet] = []
        self.skipped: list[Skipped] = []

    def read_handout(self, handout_id: str) -> None:
        project, problems = self.project, self.problems
        folder = project.handout_dir(handout_id)
        gov_path = folder / GOVERNANCE_FILE
        if not gov_path.is_file():
            problems.add(Location(project.show(folder)), f"handout folder has no {GOVERNANCE_FILE}")
            return
        gov_doc = read_document(gov_path, project.show(gov_path), problems)
        gov = None
        if gov_doc is not None:
            gov, found = to_model(gov_doc, Governance)
            problems.extend(found)
        files = project.language_files(handout_id)
        usable = (
            gov is not None
            and gov_doc is not None
            and self._governance_ok(gov, gov_doc, handout_id, files)
        )
        overdue = bool(gov and gov.review.next_review_due < self.selection.today)
        source_tag = gov.source_language if gov else None
        source_doc = None
        if source_tag in files:
            source_doc = read_document(files[source_tag], project.show(files[source_tag]), problems)
        for tag, path in files.items():
            if self.selection.languages and tag not in self.selection.languages:
                continue
            leaflet = self._read_language(gov, tag, path, overdue, source_tag, source_doc)
            if leaflet is not None and usable:
                self.leaflets.append(leaflet)

    def _governance_ok(
        self, gov: Governance, doc: Document, handout_id: str, files: dict[str, Path]
    ) -> bool:
        found: list[Problem] = []
        if gov.id != handout_id:
            found.append(
                Problem(doc.where(("id",)), f"'id' is '{gov.id}' but the folder is '{handout_id}'")
            )
        review = check_review(gov, doc, self.selection.today)
        found.extend(review.problems)
        if review.overdue and not self.selection.allow_overdue:
            found.append(overdue_problem(gov, doc))
        if gov.source_language not in files:
            found.append(
                Problem(
                    doc.where(("source_language",)),
                    f"source language '{gov.source_language}' has no file "
                    f"{gov.source_language}.yaml",
                )
            )
        self.problems.extend(found)
        return not found

    def _read_language(
        self,
        gov: Governance | None,
        tag: str,
        path: Path,
        overdue: bool,
        source_tag: str | None,
        source_doc: Document | None,
    ) -> Leaflet | None:
        shown = self.project.show(path)
        try:
            locale = i18n.parse_tag(tag)
        except i18n.TagError as exc:
            self.problems.add(Location(shown), f"file name: {exc}")
            return None
        doc = (
            source_doc
            if tag == source_tag and source_doc is not None
            else read_document(path, shown, self.problems)
        )
        if doc is None:
            return None
        is_translation = source_tag is not None and tag != source_tag
        status = None
        data: Any = doc.data
        if is_translation:
            if source_doc is None:
                return None  # the source's own problems are reported where it is read
            status = compare(source_doc.data, doc)
            data = fill_from_source(source_doc.data, doc.data)
        content, found = to_model(Document(doc.path, data, doc.values, doc.keys), Content)
        if content is not None:
            found.extend(_check_language(content, doc, tag, is_translation, self.selection.today))
        self.problems.extend(found)
        ui = self.strings.read(tag, source_tag or tag)
        self.problems.extend(ui.problems)
        if gov is None or content is None or found:
            return None
        output = f"{tag}/{gov.id}.pdf"
        if status is not None and (
            reason := self._skip_reason(content, status, ui.missing, ui.shown)
        ):
            self.skipped.append(Skipped(output, shown, reason))
            return None
        if ui.strings is None:
            return None
        draft = status is not None and not _approved_and_current(content, status)
        return Leaflet(gov, content, ui.strings, locale, tag, overdue, doc, draft)

    def _skip_reason(
        self,
        content: Content,
        status: TranslationStatus,
        ui_missing: tuple[str, ...],
        ui_shown: str,
    ) -> str | None:
        if status.missing:
            first = status.missing[0].field
            return (
                f"not translated yet: {len(status.missing)} of {status.total} fields "
                f"missing (first: {first}); see careleaf translate status"
            )
        if ui_missing:
            return f"UI strings not translated yet: {len(ui_missing)} missing in {ui_shown}"
        if _approved_and_current(content, status) or self.selection.drafts:
            return None
        reasons = []
        if content.translation is None or content.translation.state != "approved":
            reasons.append("draft translation, not approved")
        if status.stale:
            reasons.append(
                f"{len(status.stale)} fields changed in the source since translation (stale)"
            )
        if status.extra:
            reasons.append(f"{len(status.extra)} fields not in the source")
        return "; ".join(reasons) + "; build with --drafts to print it marked DRAFT TRANSLATION"


def _approved_and_current(content: Content, status: TranslationStatus) -> bool:
    state = content.translation.state if content.translation else "draft"
    return state == "approved" and status.complete and status.current


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
