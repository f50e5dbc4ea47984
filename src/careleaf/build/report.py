"""What a build reports: each leaflet written, proven up to date or (checking) laid out.

A :class:`Built` also knows its manifest entry, so the manifest says exactly
what the build made and the no-op check can trust it later.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from careleaf.build.manifest import Entry
from careleaf.build.outputs import Removed
from careleaf.catalog.leaflet import Leaflet, Skipped
from careleaf.content.printing import STANDARD
from careleaf.errors import Problem


@dataclass(frozen=True)
class Built:
    """One leaflet that passed every check: written, up to date, or (checking) proven."""

    leaflet: Leaflet
    shown: str
    pages: int
    body_pt: dict[str, float]
    sha256: str
    size: int
    input_hash: str = ""
    up_to_date: bool = False
    variant: str = STANDARD
    printed_on: str = ""  # the day this PDF was made, as printed beside its QR code
    fonts: tuple[str, ...] = ()  # the font files its key covers
    layouts: int = 0  # WeasyPrint layouts its fit took (see worker.Rendered)
    path: Path | None = None  # where the PDF is (None when checking)

    def manifest_entry(self) -> Entry:
        review = self.leaflet.review
        return {
            "path": self.leaflet.output_name,
            "handout": self.leaflet.handout.id,
            "language": self.leaflet.tag,
            "pages": self.pages,
            "sha256": self.sha256,
            "bytes": self.size,
            "body_pt": self.body_pt,
            "review": {
                "signed_on": review.signed_on.isoformat(),
                "next_review_due": review.next_review_due.isoformat(),
                "signed_by": review.signed_by,
            }
            if review
            else None,
            "patient_ready": self.leaflet.patient_ready,
            "stamps": list(self.leaflet.printed_stamps),
            "review_overdue": self.leaflet.overdue,
            "draft_translation": self.leaflet.draft,
            "variant": self.variant,
            "printed_on": self.printed_on,
            "input_hash": self.input_hash,
            # What the no-op check needs to trust this entry without validating anything.
            "source_language": self.leaflet.handout.source_language,
            "fonts": list(self.fonts),
            "valid_from": valid_from(self.leaflet),
            "layouts": self.layouts,
        }


@dataclass(frozen=True)
class BuildReport:
    built: tuple[Built, ...]
    planned: int
    passed: int  # leaflets that passed every check that was run
    problems: tuple[Problem, ...] = field(default=())
    skipped: tuple[Skipped, ...] = ()
    unchecked: tuple[Skipped, ...] = ()  # not checked: a file they depend on is broken
    removed: tuple[Removed, ...] = ()  # PDFs the build no longer makes, taken away
    #: About the clinic profile; with ``strict`` also among the problems, and nothing built.
    warnings: tuple[Problem, ...] = ()
    #: ``--strict`` and a warning: nothing was built and nothing taken away.
    held_back: bool = False

    @property
    def failed(self) -> int:
        return self.planned - self.passed - len(self.skipped)

    @property
    def up_to_date(self) -> int:
        return sum(b.up_to_date for b in self.built)


def valid_from(leaflet: Leaflet) -> str | None:
    """The first day this leaflet's files pass: not before its sign-off or approval."""
    days = [leaflet.review.signed_on] if leaflet.review else []
    translation = leaflet.content.translation
    if translation is not None and translation.approved_on is not None:
        days.append(translation.approved_on)
    return max(days).isoformat() if days else None
