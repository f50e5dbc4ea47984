"""One row of the dashboard: a handout in one language, and how it reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from careleaf.errors import counted
from careleaf.governance.approval import APPROVED
from careleaf.governance.signoff import CHANGED
from careleaf.readability import Grade, too_hard

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
