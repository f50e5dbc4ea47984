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

from . import translate
from .build import BuildOptions, build
from .errors import CareleafError, Location, Problem
from .load import load_file
from .model import Governance
from .project import GOVERNANCE_FILE, Project
from .readability import DEFAULT_MAX_GRADE, Grade, measure, too_hard
from .render import STANDARD
from .translation import fields
from .validate import to_model

FAIL_ON = ("overdue", "stale", "missing", "unreadable")


@dataclass(frozen=True)
class Row:
    handout: str
    language: str
    shown: str
    review: str  # "current", "due", "overdue" or "invalid"
    next_review_due: date | None
    days_left: int | None
    translation: str  # "source", "approved", "draft" ...
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
        return found

    def urgency(self) -> tuple[int, int, str, str]:
        rank = {"overdue": 0, "invalid": 1, "due": 2}.get(self.review, 4)
        if rank == 4 and (self.fit == "does not fit" or self.missing or self.stale):
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
            "review": self.review,
            "next_review_due": self.next_review_due.isoformat() if self.next_review_due else None,
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
                    gov,
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
        gov, _ = to_model(load_file(path, project.show(path)), Governance)
    except (CareleafError, OSError):
        return None
    return gov


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
    gov: Governance | None,
    today: date,
    due_within: int,
    report: translate.LanguageReport | None,
    fitted: dict[str, dict[str, float]],
    problems: tuple[str, ...],
    layout: bool,
) -> Row:
    if gov is None:
        review, due, days = "invalid", None, None
    else:
        due = gov.review.next_review_due
        days = (due - today).days
        review = "overdue" if days < 0 else "due" if days <= due_within else "current"
    if report is None:
        translation, missing, stale = "source", 0, 0
    else:
        missing, stale = len(report.status.missing), len(report.status.stale)
        translation = report.state
    body = fitted.get(shown)
    fit = "fits" if body else ("does not fit" if problems else "not checked")
    if not layout and not problems:
        fit = "not checked"
    texts = _texts(path, shown)
    return Row(
        handout_id,
        tag,
        shown,
        review,
        due,
        days,
        translation,
        missing,
        stale,
        body,
        fit,
        measure(texts, tag),
        problems,
    )


def _texts(path: Path, shown: str) -> list[str]:
    try:
        doc = load_file(path, shown)
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
            grade = measure(_texts(path, shown), tag)
            if too_hard(grade, max_grade):
                found.append(
                    Problem(
                        Location(shown),
                        f"reading level {grade.note} is above "
                        f"grade {max_grade:g}; use shorter sentences and words",
                    )
                )
    return found


def describe_review(row: Row) -> str:
    if row.review == "overdue":
        return f"OVERDUE {-(row.days_left or 0)} days"
    if row.review == "due":
        return f"due in {row.days_left} days"
    return row.review


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


__all__ = ["DEFAULT_MAX_GRADE", "FAIL_ON", "Dashboard", "Row", "status_rows"]
