"""The dashboard's rows, gathered from the project's files and a build that only checks.

Fit comes from the manifest where the PDF is up to date and from an
in-memory layout otherwise, so a dashboard over a built catalog is quick.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from careleaf.build.options import BuildOptions
from careleaf.build.run import build
from careleaf.catalog.uistrings import StringsReader
from careleaf.content.fields import fields
from careleaf.content.model import Governance
from careleaf.content.printing import STANDARD
from careleaf.content.validate import to_model
from careleaf.errors import CareleafError, Location, Problem
from careleaf.governance.signoff import NOT_SIGNED_OFF, SignOffState, compare_record, is_intact
from careleaf.project import GOVERNANCE_FILE, Choice, Project
from careleaf.readability import measure, too_hard
from careleaf.status.row import INVALID, Row, SignOffInfo
from careleaf.translation import commands as translate


def status_rows(
    project: Project,
    today: date,
    *,
    due_within: int = 90,
    handouts: Iterable[str] = (),
    languages: Iterable[str] = (),
    layout: bool = True,
    jobs: int = 1,
    paper: str | None = None,
    variant: str = STANDARD,
) -> Dashboard:
    """Every selected handout x language, most urgent first (fit as printed on ``paper``)."""
    handout_ids = list(handouts)
    tags = list(languages)
    reports, _ = translate.status(project, tags, handout_ids)
    by_file = {r.shown: r for r in reports}
    print_as = {"paper": paper, "variant": variant, "jobs": jobs, "layout": layout}
    fitted, found = _fit(project, today, handout_ids, tags, print_as)
    problems = _by_file(found)
    survey = _Survey(project, today, due_within, layout, by_file, fitted, problems)
    rows = []
    for handout_id in handout_ids or project.handout_ids():
        gov = _governance(project, handout_id)
        signed = _sign_off(project, handout_id, gov)
        for tag, path in (
            Choice(languages=frozenset(tags)).language_files(project, handout_id).items()
        ):
            rows.append(survey.row(handout_id, tag, path, signed))
    row_files = {row.shown for row in rows}
    # A broken clinic profile, template or stylesheet leaves every fit unchecked: say why.
    elsewhere = tuple(p for p in found if p.location.path not in row_files)
    return Dashboard(sorted(rows, key=Row.urgency), elsewhere)


@dataclass(frozen=True)
class Dashboard:
    rows: list[Row]
    problems: tuple[Problem, ...]  # those of no row's file (the clinic profile, say)


def _governance(project: Project, handout_id: str) -> Governance | None:
    path = project.governance_file(handout_id)
    try:
        gov, _ = to_model(project.load(path), Governance)
    except (CareleafError, OSError):
        return None
    return gov


def _sign_off(project: Project, handout_id: str, gov: Governance | None) -> SignOffInfo:
    """The handout's sign-off state, or "invalid" when its files cannot tell."""
    if gov is None:
        return SignOffInfo(INVALID)
    record = gov.sign_off
    if record is None:
        return SignOffInfo(NOT_SIGNED_OFF)
    if not is_intact(record):
        return SignOffInfo(INVALID, record.signed_by, record.signed_on)
    folder = project.handout_dir(handout_id)
    try:
        source = project.load(folder / f"{gov.source_language}.yaml")
        gov_doc = project.load(folder / GOVERNANCE_FILE)
    except CareleafError:
        return SignOffInfo(INVALID, record.signed_by, record.signed_on, record.next_review_due)
    strings = StringsReader(project).document(gov.source_language)
    state: SignOffState = compare_record(
        record, source, gov_doc, gov.sources, gov.source_language, handout_id, strings
    )
    return SignOffInfo(
        state.state, record.signed_by, record.signed_on, record.next_review_due, len(state.changes)
    )


def _fit(
    project: Project, today: date, handouts: list[str], tags: list[str], print_as: dict[str, Any]
) -> tuple[dict[str, dict[str, float]], tuple[Problem, ...]]:
    options = BuildOptions(
        today=today,
        handouts=tuple(handouts),
        languages=tuple(tags),
        allow_overdue=True,
        drafts=True,
        write=False,
        **print_as,
    )
    try:
        report = build(project, options)
    except CareleafError as exc:
        return {}, tuple(exc.problems)
    fitted = {b.leaflet.content_doc.path: b.body_pt for b in report.built}
    return fitted, report.problems


def _by_file(problems: Iterable[Problem]) -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for problem in problems:
        found.setdefault(problem.location.path, []).append(str(problem))
    return {key: tuple(value) for key, value in found.items()}


@dataclass(frozen=True)
class _Survey:
    """What one status run found, from which each row is made."""

    project: Project
    today: date
    due_within: int
    layout: bool
    reports: Mapping[str, translate.LanguageReport]  # by content file as shown
    fitted: Mapping[str, dict[str, float]]  # body size per section, by content file
    problems: Mapping[str, tuple[str, ...]]  # by content file

    def row(self, handout_id: str, tag: str, path: Path, signed: SignOffInfo) -> Row:
        shown = self.project.show(path)
        report = self.reports.get(shown)
        problems = self.problems.get(shown, ())
        due = signed.next_review_due
        if signed.state == INVALID:
            review, days = INVALID, None
        elif due is None:
            review, days = "none", None
        else:
            days = (due - self.today).days
            review = "overdue" if days < 0 else "due" if days <= self.due_within else "current"
        if report is None:
            translation, missing, stale = "source", 0, 0
        else:
            missing, stale = len(report.status.missing), len(report.status.stale)
            translation = report.approval.state
        body = self.fitted.get(shown)
        fit = "fits" if body else ("does not fit" if problems else "not checked")
        if not self.layout and not problems:
            fit = "not checked"
        texts = _texts(self.project, path)
        return Row(
            handout_id,
            tag,
            shown,
            signed,
            review,
            days,
            translation,
            missing,
            stale,
            body,
            fit,
            measure(texts, tag),
            problems,
        )


def _texts(project: Project, path: Path) -> list[str]:
    try:
        doc = project.load(path)
    except CareleafError:
        return []
    return [text for _, text in fields(doc.data).values() if text.strip()]


def reading_warnings(
    project: Project, max_grade: float, handouts: Iterable[str] = (), languages: Iterable[str] = ()
) -> list[Problem]:
    """A warning for each content file whose reading grade is above ``max_grade``."""
    choice = Choice(languages=frozenset(languages))
    found = []
    for handout_id in list(handouts) or project.handout_ids():
        for tag, path in choice.language_files(project, handout_id).items():
            shown = project.show(path)
            grade = measure(_texts(project, path), tag)
            if too_hard(grade, max_grade):
                found.append(
                    Problem(
                        Location(shown),
                        f"reading level {grade.note} is above "
                        f"grade {max_grade:g}; use shorter sentences and words",
                    )
                )
    return found
