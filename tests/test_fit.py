"""The one-page policy on its own, over a stand-in layout whose page use we choose."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import pytest

from careleaf.errors import BuildError, Location
from careleaf.fit import BODY_SIZES_PT, fit_sections

SECTIONS = ("home_care", "warning_signs", "prevention")
WHERE = {s: Location("en.yaml", n, 1) for n, s in enumerate(SECTIONS, start=1)}


@dataclass
class Measured:
    """Pages per section given how many words each section holds and fits per page."""

    sections: dict[str, list[int]]
    spill: dict[str, int]
    lost: dict[str, int] = field(default_factory=dict)

    @property
    def page_count(self) -> int:
        return sum(len(p) for p in self.sections.values())

    def overflow_words(self, section: str) -> int:
        return self.spill[section]

    def lost_words(self, section: str) -> int:
        return self.lost.get(section, 0)


def laying_out(words: Mapping[str, int], calls: list[dict[str, float]]):
    """Words that fit on a page grow as the type shrinks: 100 words at 14 pt, +10 per 0.5 pt."""

    def lay_out(body_pt: Mapping[str, float]) -> Measured:
        calls.append(dict(body_pt))
        sections, spill, page = {}, {}, 0
        for s in SECTIONS:
            capacity = 100 + int((14.0 - body_pt[s]) * 20)
            pages = max(1, -(-words[s] // capacity))
            sections[s] = list(range(page, page + pages))
            spill[s] = max(0, words[s] - capacity)
            page += pages
        return Measured(sections, spill)

    return lay_out


def test_everything_fits_at_the_largest_size_in_one_pass() -> None:
    calls: list[dict[str, float]] = []
    fitted = fit_sections(SECTIONS, laying_out(dict.fromkeys(SECTIONS, 90), calls), WHERE)
    assert fitted.body_pt == dict.fromkeys(SECTIONS, 14.0)
    assert fitted.attempts == 1


def test_only_the_spilling_section_shrinks() -> None:
    calls: list[dict[str, float]] = []
    words = {"home_care": 115, "warning_signs": 50, "prevention": 90}
    fitted = fit_sections(SECTIONS, laying_out(words, calls), WHERE)
    assert fitted.body_pt == {"home_care": 13.0, "warning_signs": 14.0, "prevention": 14.0}
    assert [c["home_care"] for c in calls] == [14.0, 13.5, 13.0]
    assert all(c["warning_signs"] == 14.0 for c in calls)


def test_never_below_twelve_points() -> None:
    assert min(BODY_SIZES_PT) == 12.0
    calls: list[dict[str, float]] = []
    words = {"home_care": 500, "warning_signs": 50, "prevention": 170}
    with pytest.raises(BuildError) as caught:
        fit_sections(SECTIONS, laying_out(words, calls), WHERE)
    assert min(min(c.values()) for c in calls) == 12.0
    assert [str(p) for p in caught.value.problems] == [
        "en.yaml:1:1: 'home_care' does not fit on one page even with 12 pt text: "
        "about 360 words too long",
        "en.yaml:3:1: 'prevention' does not fit on one page even with 12 pt text: "
        "about 30 words too long",
    ]


class WithBlankPage(Measured):
    """Each section on its own page, plus a stray fourth page."""

    @property
    def page_count(self) -> int:
        return 4


def test_a_page_too_many_is_refused() -> None:
    def lay_out(body_pt: Mapping[str, float]) -> Measured:
        return WithBlankPage({"home_care": [0], "warning_signs": [1], "prevention": [2]}, {})

    with pytest.raises(BuildError, match="came out with 4 pages instead of 3"):
        fit_sections(SECTIONS, lay_out, WHERE)


def test_missing_section_is_reported() -> None:
    def lay_out(body_pt: Mapping[str, float]) -> Measured:
        return Measured({"home_care": [0], "warning_signs": [1]}, {})

    with pytest.raises(BuildError) as caught:
        fit_sections(SECTIONS, lay_out, WHERE)
    assert str(caught.value) == "en.yaml:3:1: the template printed no 'prevention' page"


def test_text_dropped_without_a_new_page_counts_as_not_fitting() -> None:
    """A layout that loses words but keeps one page must shrink, then fail, never pass."""
    one_page = {"home_care": [0], "warning_signs": [1], "prevention": [2]}

    def lay_out(body_pt: Mapping[str, float]) -> Measured:
        lost = 0 if body_pt["home_care"] <= 13.0 else 7
        return Measured(one_page, dict.fromkeys(SECTIONS, 0), {"home_care": lost})

    fitted = fit_sections(SECTIONS, lay_out, WHERE)
    assert fitted.body_pt["home_care"] == 13.0

    def always_lost(body_pt: Mapping[str, float]) -> Measured:
        return Measured(one_page, dict.fromkeys(SECTIONS, 0), {"prevention": 7})

    with pytest.raises(BuildError) as caught:
        fit_sections(SECTIONS, always_lost, WHERE)
    assert str(caught.value) == (
        "en.yaml:3:1: 'prevention' does not fit on one page even with 12 pt text: "
        "about 7 words too long"
    )
