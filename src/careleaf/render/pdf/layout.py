"""A laid-out document read the way careleaf needs it.

Which pages each section landed on, whether every letter reached them, and
how full each section's page is: how far its content reaches against the
room above the footer, and how much of that is lines whose type follows the
body size. The fit step predicts and proves body sizes from these figures.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from weasyprint import Document
from weasyprint.formatting_structure.boxes import (
    LineBox,
    MarginBox,
)
from weasyprint.layout.absolute import AbsolutePlaceholder

from careleaf.render.completeness import laid_out_text, letters, lost_words
from careleaf.render.pdf.measure import EPSILON_PX, Fill, Paragraph, children, classes, reach, walk

#: The template's class for the footer every page of a section carries.
FOOTER_CLASS = "page-footer"
#: The template's class for the stamps in the top margin.
STAMPS_CLASS = "stamps"
#: The template's class for a stamped print's watermark, fixed across every page: no
#: section's text, and out of the flow.
WATERMARK_CLASS = "watermark"
PX_PER_MM = 96 / 25.4
#: The outermost strip of a sheet most printers cannot print on; stamps stay inside it.
PRINTABLE_EDGE_MM = 4.0


@dataclass(frozen=True)
class PageCheck:
    """Page numbers (from 1) where something printed is missing or out of place."""

    footer_missing: tuple[int, ...]
    footer_overflow: tuple[int, ...]
    body_overflow: tuple[int, ...]
    stamps_overflow: tuple[int, ...] = ()


@dataclass(frozen=True)
class Layout:
    """A laid-out document and the pages each section landed on."""

    document: Document
    sections: dict[str, list[int]]
    expected: dict[str, str]  # each section's text as written in the HTML

    @property
    def page_count(self) -> int:
        return len(self.document.pages)

    def overflow_words(self, section: str) -> int:
        """Words of the section's text below the room it has: past its first page, or
        on lines that run into its footer.

        The page footer follows a spilling section onto the next page, but it
        is not what is too long, so it is not counted.
        """
        pages = [self.document.pages[i]._page_box for i in self.sections[section]]
        spilled = len(laid_out_text(pages[1:], skip=(FOOTER_CLASS, WATERMARK_CLASS)).split())
        first = _find_id(pages[0], section) if pages else None
        if first is None:
            return spilled
        bottom = first.content_box_y() + self.fill(section).room + EPSILON_PX
        below = [line for line in _flow_lines(first) if line.position_y + line.height > bottom]
        return spilled + len(laid_out_text(below).split())

    def lost_words(self, section: str) -> int:
        """Words of the section that appear on none of its pages (dropped or clipped)."""
        boxes = [self.document.pages[i]._page_box for i in self.sections[section]]
        # Not the watermark: its letters must not stand in for lost ones of the section.
        found = laid_out_text(boxes, skip=(WATERMARK_CLASS,))
        return lost_words(self.expected.get(section, ""), found)

    def fill(self, section: str) -> Fill:
        """How much of the room above its footer ``section`` takes (see :class:`Fill`)."""
        pages = [self.document.pages[i]._page_box for i in self.sections[section]]
        fragments = [f for page in pages if (f := _find_id(page, section)) is not None]
        if not fragments:
            return Fill(0.0, 0.0, 0.0, len(pages))
        footer: Any = next((f for page in pages if (f := _find_class(page, FOOTER_CLASS))), None)
        first = fragments[0]
        top = first.content_box_y()
        if footer is None:
            bottom = pages[0].content_box_y() + pages[0].height
        elif _find_class(first, FOOTER_CLASS) is footer:
            bottom = footer.position_y  # its margin box: the gap above it stays clear
        else:  # spilled: the footer went on with the text; where it would have stood
            bottom = pages[0].content_box_y() + pages[0].height - footer.margin_height()
        used = scaled = 0.0
        paragraphs: list[Paragraph] = []
        for n, fragment in enumerate(fragments, start=1):
            bottom_line, lines, found = reach(fragment, broken=n < len(fragments))
            used += max(0.0, bottom_line - fragment.content_box_y())
            scaled += lines
            paragraphs.extend(found)
        return Fill(bottom - top, used, scaled, len(pages), tuple(paragraphs))

    def stamps_overflow(self) -> tuple[int, ...]:
        """Pages (from 1) whose stamps leave the top margin or the printable part of the sheet."""
        edge = PRINTABLE_EDGE_MM * PX_PER_MM - EPSILON_PX
        out = []
        for number, page in enumerate(self.document.pages, start=1):
            page_box = page._page_box
            stamps = _find_class(page_box, STAMPS_CLASS)
            if stamps is None or isinstance(stamps, MarginBox):
                continue
            area_top = page_box.content_box_y() + EPSILON_PX
            if any(
                line.position_y < edge or line.position_y + line.height > area_top
                for line in _lines(stamps)
            ):
                out.append(number)
        return tuple(out)

    def check_pages(self, footer: Callable[[int, int], Sequence[str]]) -> PageCheck:
        """Where the footer, the stamps or any line of text is missing or outside its area.

        ``footer(n, m)`` gives the texts that must be in the margin boxes of
        page ``n`` of ``m``. Every line of the page flow must end above the
        page area's bottom, every line of a margin box inside that box, and
        every line above the bottom edge of the paper; stamps must also keep
        off the sheet's unprintable edge.
        """
        missing: list[int] = []
        footer_out: list[int] = []
        stamps_out: list[int] = []
        body_out: list[int] = []
        total = len(self.document.pages)
        edge = PRINTABLE_EDGE_MM * PX_PER_MM - EPSILON_PX
        for number, page in enumerate(self.document.pages, start=1):
            page_box = page._page_box
            paper_bottom = page_box.margin_height() + EPSILON_PX
            area_bottom = page_box.content_box_y() + page_box.height + EPSILON_PX
            margin_text = []
            for child in page_box.children:
                if isinstance(child, MarginBox):
                    margin_text.append(laid_out_text([child]))
                    is_top = child.position_y + child.margin_height() <= page_box.content_box_y()
                    top = max(child.position_y, edge if is_top else 0.0) - EPSILON_PX
                    bottom = min(child.position_y + child.margin_height(), paper_bottom)
                    if any(
                        line.position_y < top or line.position_y + line.height > bottom
                        for line in _lines(child)
                    ):
                        (stamps_out if is_top else footer_out).append(number)
                elif any(line.position_y + line.height > area_bottom for line in _lines(child)):
                    body_out.append(number)
            found = letters(" ".join(margin_text))
            if any(letters(text) not in found for text in footer(number, total)):
                missing.append(number)
        return PageCheck(
            tuple(missing),
            tuple(sorted(set(footer_out))),
            tuple(body_out),
            tuple(sorted(set(stamps_out))),
        )


@dataclass(frozen=True)
class SectionLayouts:
    """A leaflet laid out one section per document, read as one layout.

    Laying each section out on its own means a section that must shrink is
    laid out again alone, not with the two that already fit: the fit's
    retries cost a page each instead of a leaflet. Each section's pages are
    taken from the layout that holds it at its size (several sections may
    share one layout).
    """

    parts: dict[str, Layout]  # in leaflet order

    @cached_property
    def document(self) -> Document:
        """One document holding every section's pages, in order."""
        first = next(iter(self.parts.values())).document
        return first.copy(
            [
                part.document.pages[i]
                for key, part in self.parts.items()
                for i in part.sections.get(key, [])
            ]
        )

    @property
    def sections(self) -> dict[str, list[int]]:
        found, offset = {}, 0
        for key, part in self.parts.items():
            count = len(part.sections.get(key, []))
            found[key] = list(range(offset, offset + count))
            offset += count
        return found

    @property
    def page_count(self) -> int:
        return sum(len(part.sections.get(key, [])) for key, part in self.parts.items())

    def overflow_words(self, section: str) -> int:
        return self.parts[section].overflow_words(section)

    def lost_words(self, section: str) -> int:
        return self.parts[section].lost_words(section)

    def fill(self, section: str) -> Fill:
        return self.parts[section].fill(section)

    def stamps_overflow(self) -> tuple[int, ...]:
        found: list[int] = []
        offset = 0
        for key, part in self.parts.items():
            pages = part.sections.get(key, [])
            out = set(part.stamps_overflow())
            found.extend(offset + n for n, i in enumerate(pages, start=1) if i + 1 in out)
            offset += len(pages)
        return tuple(found)


def _find_id(box: Any, ident: str) -> Any:
    """The first box of the element with id ``ident`` (its lines share its element)."""
    for found in walk(box):
        element = getattr(found, "element", None)
        if element is not None and hasattr(element, "get") and element.get("id") == ident:
            return found
    return None


def _find_class(box: Any, name: str) -> Any:
    for found in walk(box):
        if name in classes(found) and not isinstance(found, LineBox):
            return found
    return None


def _lines(box: Any) -> Iterator[Any]:
    for found in walk(box):
        if isinstance(found, LineBox):
            yield found


def _flow_lines(fragment: Any) -> Iterator[Any]:
    """The outermost lines of ``fragment``'s in-flow content (not the footer or the stamps)."""
    stack = list(reversed(children(fragment)))
    while stack:
        box = stack.pop()
        if isinstance(box, AbsolutePlaceholder) or box.is_absolutely_positioned():
            continue
        if isinstance(box, LineBox):
            yield box
        else:
            stack.extend(reversed(children(box)))
