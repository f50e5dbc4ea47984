"""Large print: fixed 16 pt text, sections that flow over pages, and proof nothing is lost.

Pure policy over a laid-out document, like :mod:`careleaf.render.fit`: there is no
shrinking here (the size is the point of the variant), so the job is to prove
the one layout complete. Each section must have started its own page, every
letter of it must be on its pages, the footer (disclaimer, review line and
"page N of M") must be in the bottom margin of every page, any stamps in the
top margin, and no line may leave its area or the paper.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Protocol

from careleaf.errors import BuildError, Location, Problem


class PageCheck(Protocol):
    @property
    def footer_missing(self) -> tuple[int, ...]: ...

    @property
    def footer_overflow(self) -> tuple[int, ...]: ...

    @property
    def body_overflow(self) -> tuple[int, ...]: ...

    @property
    def stamps_overflow(self) -> tuple[int, ...]: ...


class Flowed(Protocol):
    @property
    def sections(self) -> dict[str, list[int]]: ...

    def lost_words(self, section: str) -> int: ...

    def check_pages(self, footer: Callable[[int, int], Sequence[str]]) -> PageCheck: ...


def check_large_print(
    layout: Flowed,
    sections: Sequence[str],
    footer: Callable[[int, int], Sequence[str]],
    where: Mapping[str, Location],
    disclaimer: Location,
    file: Location,
) -> None:
    """Raise :class:`BuildError` listing everything missing or out of place in ``layout``."""
    problems = []
    for s in sections:
        if not layout.sections.get(s):
            # Also when two sections start on one page: the first then owns no page.
            problems.append(Problem(where[s], f"the template printed no '{s}' page"))
        elif words := layout.lost_words(s):
            unit = "word" if words == 1 else "words"
            problems.append(
                Problem(where[s], f"about {words} {unit} of '{s}' are missing after layout")
            )
    pages = layout.check_pages(footer)
    if pages.footer_overflow:
        problems.append(
            Problem(
                disclaimer,
                "the footer does not fit the bottom margin of a large-print page: "
                "shorten the disclaimer",
            )
        )
    elif pages.footer_missing:
        problems.append(
            Problem(
                file,
                "the footer (disclaimer, review dates, page number) is missing from "
                f"large-print page {_numbers(pages.footer_missing)}",
            )
        )
    if pages.stamps_overflow:
        problems.append(
            Problem(
                file,
                "the stamps do not fit the top margin of large-print page "
                f"{_numbers(pages.stamps_overflow)}",
            )
        )
    if pages.body_overflow:
        problems.append(
            Problem(
                file,
                f"text runs past the bottom of large-print page {_numbers(pages.body_overflow)}",
            )
        )
    if problems:
        raise BuildError(problems)


def _numbers(pages: Sequence[int]) -> str:
    return ", ".join(str(n) for n in pages)
