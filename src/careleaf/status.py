"""The review-cycle dashboard: every handout x language, most urgent first.

One row per content file: review state, translation state, whether each
section fits its page and at what body size, and the reading level. Fit
comes from the manifest where the PDF is up to date and from an in-memory
layout otherwise, so a dashboard over a built catalog is quick.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .build import build
from .errors import CareleafError, Location, Problem, counted
from .model import Governance
from .options import STANDARD, BuildOptions
from .project import GOVERNANCE_FILE, Project
from .readability import DEFAULT_MAX_GRADE, Grade, measure, too_hard
from .review.record import CHANGED, NOT_SIGNED_OFF, SignOffState, compare_record, is_intact
from .translation import commands as translate
from .translation.approval import APPROVED
from .translation.fields import fields
from .validate import to_model

FAIL_ON = ("overdue", "stale", "missing", "unreadable", "unsigned", "unapproved")
INVALID = "invalid"


@dataclass(frozen=True)
class SignOffInfo:
    """A handout's sign-off as the dashboard shows it."""

    state: str  # "signed off", "changed since sign-off", "not signed off" or "invalid"
    signed_by: str | None = None
    signed_on: date | None = None
    next_review_due: date | None = None
    changed: int = 0


@dataclass(frozen=True)
class Row:
    handout: str
    language: str
    shown: str
    sign_off: SignOffInfo
    review: str  # "current", "due", "overdue", "none" (never signed off) or "invalid"
    days_left: int | None
    translation: str  # "source", "approved", "draft", "changed since approval"
    missing: int
    stale: int
    body_pt: dict[str, float] | None  # None when it does not fit or was not laid out
    fit: str  # "fits", "does not fit", "not checked"
    reading: Grade
    problems: tuple[str, ...] = field(default=())

    def flags(self, max_grade: float) -> set[str]:
        found = set()
        if self.review == "overdue":
            found.add("overdue")
        if self.stale:
            found.add("stale")
        if self.missing:
            found.add("missing")
        if too_hard(self.reading, max_grade):
            found.add("unreadable")
        if self.sign_off.state != "signed off":
            found.add("unsigned")
        if self.translation not in ("source", APPROVED):
            found.add("unapproved")
        return found

    @property
    def next_review_due(self) -> date | None:
        return self.sign_off.next_review_due

    def urgency(self) -> tuple[int, int, str, str]:
        rank = {"overdue": 0, "invalid": 1, "due": 2}.get(self.review, 4)
        unsigned = self.sign_off.state != "signed off"
        if rank == 4 and (self.fit == "does not fit" or self.missing or self.stale or unsigned):
            rank = 3
        return (
            rank,
            self.days_left if self.days_left is not None else 10**6,
            self.handout,
            self.language,
        )

    def as_json(self) -> dict[str, object]:
        return {
            "handout": self.handout,
            "language": self.language,
            "file": self.shown,
            "sign_off": {
                "state": self.sign_off.state,
                "signed_by": self.sign_off.signed_by,
                "signed_on": _iso(self.sign_off.signed_on),
                "changed_fields": self.sign_off.changed,
            },
            "review": self.review,
            "next_review_due": _iso(self.next_review_due),
            "days_left": self.days_left,
            "translation": self.translation,
            "missing": self.missing,
            "stale": self.stale,
            "fit": self.fit,
            "body_pt": self.body_pt,
            "reading": {
                "formula": self.reading.formula,
                "score": self.reading.score,
                "grade": self.reading.grade,
                "note": self.reading.note,
            },
            "problems": list(self.problems),
        }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


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
    rows = []
    for handout_id in handout_ids or project.handout_ids():
        gov = _governance(project, handout_id)
        signed = _sign_off(project, handout_id, gov)
        for tag, path in project.language_files(handout_id).items():
            if tags and tag not in tags:
                continue
            shown = project.show(path)
            rows.append(
                _row(
                    project,
                    handout_id,
                    tag,
                    shown,
                    path,
                    signed,
                    today,
                    due_within,
                    by_file.get(shown),
                    fitted,
                    problems.get(shown, ()),
                    layout,
                )
            )
    row_files = {row.shown for row in rows}
    # A broken clinic profile, template or stylesheet leaves every fit unchecked: say why.
    elsewhere = tuple(p for p in found if p.location.path not in row_files)
    return Dashboard(sorted(rows, key=Row.urgency), elsewhere)


@dataclass(frozen=True)
class Dashboard:
    rows: list[Row]
    problems: tuple[Problem, ...]  # those of no row's file (the clinic profile, say)


def _governance(project: Project, handout_id: str) -> Governance | None:
    path = project.handout_dir(handout_id) / GOVERNANCE_FILE
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
    state: SignOffState = compare_record(record, source, gov_doc, gov.sources, gov.source_language)
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


def _row(
    project: Project,
    handout_id: str,
    tag: str,
    shown: str,
    path: Path,
    signed: SignOffInfo,
    today: date,
    due_within: int,
    report: translate.LanguageReport | None,
    fitted: dict[str, dict[str, float]],
    problems: tuple[str, ...],
    layout: bool,
) -> Row:
    due = signed.next_review_due
    if signed.state == INVALID:
        review, days = INVALID, None
    elif due is None:
        review, days = "none", None
    else:
        days = (due - today).days
        review = "overdue" if days < 0 else "due" if days <= due_within else "current"
    if report is None:
        translation, missing, stale = "source", 0, 0
    else:
        missing, stale = len(report.status.missing), len(report.status.stale)
        translation = report.approval.state
    body = fitted.get(shown)
    fit = "fits" if body else ("does not fit" if problems else "not checked")
    if not layout and not problems:
        fit = "not checked"
    texts = _texts(project, path)
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
    tags = set(languages)
    found = []
    for handout_id in list(handouts) or project.handout_ids():
        for tag, path in project.language_files(handout_id).items():
            if tags and tag not in tags:
                continue
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


def describe_sign_off(row: Row) -> str:
    info = row.sign_off
    if info.state == "signed off":
        return f"signed off by {info.signed_by} on {info.signed_on}"
    if info.state == CHANGED:
        plural = "field" if info.changed == 1 else "fields"
        return f"CHANGED: {info.changed} {plural} since {info.signed_by} signed off"
    if info.state == INVALID:
        return "invalid (see below)" if info.signed_by is None else "record edited by hand"
    return "NOT SIGNED OFF"


def describe_review(row: Row) -> str:
    due = row.next_review_due
    if row.review == "overdue":
        return f"{due}, OVERDUE {counted(-(row.days_left or 0), 'day')}"
    if row.review == "due":
        return f"{due}, due in {counted(row.days_left or 0, 'day')}"
    if row.review == "current":
        return f"{due}"
    return "-" if row.review == "none" else row.review


def describe_translation(row: Row) -> str:
    parts = [row.translation]
    if row.missing:
        parts.append(f"{row.missing} missing")
    if row.stale:
        parts.append(f"{row.stale} stale")
    return ", ".join(parts)


def describe_fit(row: Row) -> str:
    if row.body_pt:
        return "fits at " + "/".join(f"{pt:g}" for pt in row.body_pt.values()) + " pt"
    return row.fit


__all__ = ["DEFAULT_MAX_GRADE", "FAIL_ON", "Dashboard", "Row", "SignOffInfo", "status_rows"]
