"""The review dates of a sign-off: the rules they keep, and when a review is overdue.

The sign-off date may not lie in the future; the next review must come after
it and no later than the clinic's longest review interval allows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from careleaf.content.model import Governance
from careleaf.errors import Problem, counted
from careleaf.files.strict_yaml import Document


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the month's last day when it has no such day)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    for last in (day.day, 30, 29, 28):
        try:
            return date(year, month + 1, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")  # pragma: no cover


@dataclass(frozen=True)
class ReviewStatus:
    """What the sign-off dates say about a handout on a given day."""

    problems: tuple[Problem, ...]
    overdue: bool


def review_date_problems(
    signed_on: date, next_review_due: date, today: date, interval_months: int
) -> list[tuple[str, str]]:
    """The review-date rules, as (which date, message) pairs; empty when all hold."""
    found = []
    if signed_on > today:
        found.append(("signed_on", f"'sign_off.signed_on' ({signed_on}) is in the future"))
    if next_review_due <= signed_on:
        found.append(
            (
                "next_review_due",
                f"'sign_off.next_review_due' ({next_review_due}) must be after "
                f"'sign_off.signed_on' ({signed_on})",
            )
        )
    latest = add_months(signed_on, interval_months)
    if next_review_due > latest:
        found.append(
            (
                "next_review_due",
                f"'sign_off.next_review_due' ({next_review_due}) is more than "
                f"{_interval(interval_months)} after the sign-off on {signed_on}; the clinic's "
                f"longest review interval ends on {latest}",
            )
        )
    return found


def _interval(months: int) -> str:
    if months % 12 == 0:
        years = months // 12
        return counted(years, "year")
    return counted(months, "month")


def check_review(gov: Governance, doc: Document, today: date, interval_months: int) -> ReviewStatus:
    """The review-date rules of the sign-off; overdue is reported apart so it can be allowed."""
    record = gov.sign_off
    if record is None:
        return ReviewStatus((), False)
    problems = [
        Problem(doc.where(("sign_off", key)), message)
        for key, message in review_date_problems(
            record.signed_on, record.next_review_due, today, interval_months
        )
    ]
    return ReviewStatus(tuple(problems), record.next_review_due < today)


def overdue_problem(gov: Governance, doc: Document) -> Problem:
    assert gov.sign_off is not None
    return Problem(
        doc.where(("sign_off", "next_review_due")),
        f"review overdue: next review was due {gov.sign_off.next_review_due}; review the "
        f"handout and sign it off again (careleaf review sign-off {gov.id} --by NAME), or "
        "build with --allow-overdue for the review meeting",
    )
