"""One page per section: shrink body text step by step, never below clear-print size.

Pure policy over a layout function, so it can be reasoned about (and tested)
apart from WeasyPrint: lay out, see which sections spill, shrink only those,
lay out again. Nothing is written here; the caller writes the final layout once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from .errors import BuildError, Location, Problem

#: Body text sizes tried in order. 12 pt is the clear-print minimum.
BODY_SIZES_PT = (14.0, 13.5, 13.0, 12.5, 12.0)


class Measured(Protocol):
    @property
    def sections(self) -> dict[str, list[int]]: ...

    @property
    def page_count(self) -> int: ...

    def overflow_words(self, section: str) -> int: ...

    def lost_words(self, section: str) -> int: ...


L = TypeVar("L", bound=Measured)


@dataclass(frozen=True)
class Fitted(Generic[L]):
    layout: L
    body_pt: dict[str, float]
    attempts: int


def fit_sections(
    sections: Sequence[str],
    lay_out: Callable[[Mapping[str, float]], L],
    where: Mapping[str, Location],
    sizes: Sequence[float] = BODY_SIZES_PT,
) -> Fitted[L]:
    """Find the largest body size per section at which each section takes one page.

    Raises :class:`BuildError` naming every section that spills even at the
    smallest size, and by about how many words.
    """
    step = dict.fromkeys(sections, 0)
    attempts = 0
    while True:
        body_pt = {s: sizes[step[s]] for s in sections}
        layout = lay_out(body_pt)
        attempts += 1
        missing = [s for s in sections if not layout.sections.get(s)]
        spilling = [s for s in sections if s not in missing and not _fits(layout, s)]
        if missing:
            raise BuildError(
                [Problem(where[s], f"the template printed no '{s}' page") for s in missing]
            )
        can_shrink = [s for s in spilling if step[s] + 1 < len(sizes)]
        if not can_shrink:
            break
        for s in can_shrink:
            step[s] += 1
    if spilling:
        raise BuildError([_overflow(s, layout, where[s], sizes[-1]) for s in spilling])
    if layout.page_count != len(sections):
        raise BuildError(
            Problem(
                where[sections[0]],
                f"the leaflet came out with {layout.page_count} pages instead of {len(sections)}",
            )
        )
    return Fitted(layout, body_pt, attempts)


def _fits(layout: Measured, section: str) -> bool:
    """One page, and every word of the section actually on it."""
    return len(layout.sections[section]) == 1 and not layout.lost_words(section)


def _overflow(section: str, layout: Measured, where: Location, smallest: float) -> Problem:
    spilled = layout.overflow_words(section) if len(layout.sections[section]) > 1 else 0
    words = max(1, spilled or layout.lost_words(section))
    unit = "word" if words == 1 else "words"
    return Problem(
        where,
        f"'{section}' does not fit on one page even with {smallest:g} pt text: "
        f"about {words} {unit} too long",
    )
