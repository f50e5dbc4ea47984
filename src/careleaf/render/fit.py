"""One page per section: the largest body size that fits, never below clear-print size.

The rule is exact: each section gets the largest size on the grid
(14, 13.5, ... 12 pt) at which it fits its page, and fails below 12 pt.
Finding it costs layouts, so it is found by prediction and proof instead of
stepping down 0.5 pt at a time:

1. Lay the section out at 14 pt. Most sections fit; that is one layout.
2. Otherwise its layout says how far the content reaches against the room
   above the footer (``used`` against ``room``) and, for each paragraph
   whose type follows the body size, its lines: how many, how high, how
   full. At a size ``k`` times as large the paragraph's text is ``k`` times
   as wide; greedy line breaking fills lines to about 97 % of the width, so
   that gives its lines at the new size, each ``k`` times as high. The rest
   (margins in mm, the header, the 12 pt blocks) stays. The largest size
   predicted to fit is laid out next, and so on, each prediction made from
   the nearest size laid out.
3. A size that fits is the answer once every larger size is known not to
   fit: laid out and failed, or proved too big from the layout that fits.
   The proof, at a larger size ``s'`` = ``k s``: every word is ``k`` times as
   wide and no line wider than before, so (lines are broken greedily, each
   ends no later than it did) every paragraph has at least as many lines,
   and one more if its last line alone would now be wider than a line may
   be; one line is at least ``k`` times the tallest line before, the others
   ``k`` times the shortest; nothing else shrinks. If that least height is
   past the room, ``s'`` cannot fit. The same argument shows fitting is
   monotone (a size that fits means every smaller one does), so the answer
   is a threshold and the search never skips a size that fits.

Pure policy over a layout function, so it can be tested apart from WeasyPrint.
Nothing is written here; the caller writes the final layout once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from math import ceil
from typing import Generic, Protocol, TypeVar

from careleaf.errors import BuildError, Location, Problem

#: Body text sizes, largest first. 12 pt is the clear-print minimum.
BODY_SIZES_PT = (14.0, 13.5, 13.0, 12.5, 12.0)
# Heights are in CSS px; allow for rounding, nothing more.
_EPSILON = 0.01
# Widths too, with room for shaping that differs where a line now breaks.
_EPSILON_WIDTH = 0.5
# How full greedy line breaking leaves a line, but the last, on average (measured).
_LINE_FILL = 0.97


class Lines(Protocol):
    """A paragraph whose lines all follow the body size.

    See careleaf.render.pdf.layout.Paragraph.
    """

    @property
    def lines(self) -> int: ...

    @property
    def height(self) -> float: ...

    @property
    def tallest(self) -> float: ...

    @property
    def shortest(self) -> float: ...

    @property
    def text(self) -> float: ...

    @property
    def width(self) -> float: ...

    @property
    def last(self) -> float: ...


class Filled(Protocol):
    @property
    def room(self) -> float: ...

    @property
    def used(self) -> float: ...

    @property
    def scaled(self) -> float: ...

    @property
    def paragraphs(self) -> Sequence[Lines]: ...

    @property
    def fits(self) -> bool: ...


class Measured(Protocol):
    @property
    def sections(self) -> dict[str, list[int]]: ...

    @property
    def page_count(self) -> int: ...

    def overflow_words(self, section: str) -> int: ...

    def lost_words(self, section: str) -> int: ...

    def fill(self, section: str) -> Filled: ...


L = TypeVar("L", bound=Measured)


@dataclass(frozen=True)
class Fitted(Generic[L]):
    layout: L
    body_pt: dict[str, float]
    #: Sizes laid out to find the answer, all sections together (a section
    #: tried at one size counts once, however its layouts were made).
    tried: int


@dataclass(frozen=True)
class _Tried:
    fits: bool
    fill: Filled


def fit_sections(
    sections: Sequence[str],
    lay_out: Callable[[Mapping[str, float]], L],
    where: Mapping[str, Location],
    sizes: Sequence[float] = BODY_SIZES_PT,
) -> Fitted[L]:
    """Find the largest body size per section at which each section takes one page.

    ``lay_out`` is called with a size per section; a section laid out before
    at the same size must not cost a new layout (the caller keeps them).
    Raises :class:`BuildError` naming every section that spills even at the
    smallest size, and by about how many words.
    """
    grid = sorted(sizes, reverse=True)
    tried: dict[str, dict[float, _Tried]] = {s: {} for s in sections}
    current = {s: grid[0] for s in sections}
    while True:
        layout = lay_out(current)
        missing = [s for s in sections if not layout.sections.get(s)]
        if missing:
            raise BuildError(
                [Problem(where[s], f"the template printed no '{s}' page") for s in missing]
            )
        for s in sections:
            if current[s] not in tried[s]:
                tried[s][current[s]] = _verdict(layout, s)
        following = {s: next_size(grid, tried[s]) for s in sections}
        if all(size is None for size in following.values()):
            break
        current = {
            s: size if size is not None else _answer(grid, tried[s])
            for s, size in following.items()
        }
    body_pt = {s: _answer(grid, tried[s]) for s in sections}
    if body_pt != current:
        layout = lay_out(body_pt)
    failing = [s for s in sections if not tried[s][body_pt[s]].fits]
    if failing:
        raise BuildError([_overflow(s, layout, where[s], grid[-1]) for s in failing])
    if layout.page_count != len(sections):
        raise BuildError(
            Problem(
                where[sections[0]],
                f"the leaflet came out with {layout.page_count} pages instead of {len(sections)}",
            )
        )
    return Fitted(layout, body_pt, sum(len(t) for t in tried.values()))


def next_size(grid: Sequence[float], tried: Mapping[float, _Tried]) -> float | None:
    """The size to lay out next, or None when the answer is known (see the module docs)."""
    fitting = [size for size, t in tried.items() if t.fits]
    if fitting:
        best = max(fitting)
        # Larger sizes laid out all failed (else one would be best); the others need proof.
        open_ = [
            size
            for size in grid
            if size > best and size not in tried and not too_big(tried[best].fill, best, size)
        ]
    else:
        smallest_failed = min(tried)
        open_ = [size for size in grid if size < smallest_failed]
    if not open_:
        return None
    return _predict(grid, tried, open_)


def too_big(fill: Filled, size: float, larger: float) -> bool:
    """Proof from a layout at ``size`` that ``larger`` cannot fit (see the module docs)."""
    k = larger / size
    least = fill.used
    for p in fill.paragraphs:
        lines = p.lines + (1 if k * p.last > p.width + _EPSILON_WIDTH else 0)
        least += k * (p.tallest + (lines - 1) * p.shortest) - p.height
    return least > fill.room + _EPSILON


def predicted_used(fill: Filled, size: float, other: float) -> float:
    """About how far the content would reach at ``other``, from a layout at ``size``."""
    k = other / size
    used = fill.used
    in_paragraphs = 0.0
    for p in fill.paragraphs:
        lines = 1 + max(0, ceil((k * p.text - p.width) / (_LINE_FILL * p.width)))
        used += lines * (p.height / p.lines) * k - p.height
        in_paragraphs += p.height
    # Lines of blocks with fixed-size parts too: fewer and lower, about k squared.
    return used + (fill.scaled - in_paragraphs) * (k * k - 1)


def _predict(grid: Sequence[float], tried: Mapping[float, _Tried], open_: list[float]) -> float:
    """Of the open sizes, the largest predicted to fit, from the nearest size laid out."""
    lowest, highest = min(open_), max(open_)
    nearest = min(tried, key=lambda size: min(abs(size - lowest), abs(size - highest)))
    fill = tried[nearest].fill
    fitting = [s for s in open_ if predicted_used(fill, nearest, s) <= fill.room]
    if fitting:
        return max(fitting)
    # None is predicted to fit: above a fit, the next size up; below a failure, the smallest.
    return lowest


def _answer(grid: Sequence[float], tried: Mapping[float, _Tried]) -> float:
    """The largest size that fits, else the smallest laid out (which fails)."""
    fitting = [size for size, t in tried.items() if t.fits]
    return max(fitting) if fitting else min(tried)


def _verdict(layout: Measured, section: str) -> _Tried:
    """One page, ending above the footer, with every word of the section on it."""
    fill = layout.fill(section)
    fits = len(layout.sections[section]) == 1 and fill.fits and not layout.lost_words(section)
    return _Tried(fits, fill)


def _overflow(section: str, layout: Measured, where: Location, smallest: float) -> Problem:
    words = max(1, layout.overflow_words(section) or layout.lost_words(section))
    unit = "word" if words == 1 else "words"
    return Problem(
        where,
        f"'{section}' does not fit on one page even with {smallest:g} pt text: "
        f"about {words} {unit} too long",
    )
