"""Proof that every character of a section reached its page.

Counting pages catches text that spills onto a new page, but a layout engine
can also drop or clip content without adding a page (seen with WeasyPrint's
flex layout when a footer does not fit). So after layout, the letters and
digits of each section in the HTML must appear, in order, among those laid
out on its pages. Comparing only letters, digits and marks, case-folded,
keeps hyphenation, list bullets and upper-case labels from mattering.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection, Iterator, Sequence
from html.parser import HTMLParser
from typing import Any


def letters(text: str) -> str:
    """The letters, digits and combining marks of ``text``, case-folded."""
    folded = unicodedata.normalize("NFC", text).casefold()
    return "".join(c for c in folded if unicodedata.category(c)[0] in "LNM")


class _SectionText(HTMLParser):
    """Collects the text inside each ``<section id=...>`` of the leaflet HTML."""

    def __init__(self, ids: Sequence[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.ids = set(ids)
        self.text: dict[str, list[str]] = {i: [] for i in ids}
        self._current: str | None = None
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._current is not None:
            self._depth += tag not in _VOID
            return
        ident = dict(attrs).get("id")
        if tag == "section" and ident in self.ids:
            self._current, self._depth = ident, 1

    def handle_endtag(self, tag: str) -> None:
        if self._current is not None and tag not in _VOID:
            self._depth -= 1
            if self._depth == 0:
                self._current = None

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self.text[self._current].append(data)


_VOID = {"br", "img", "hr", "meta", "link", "input", "wbr", "path", "rect", "circle"}


def expected_text(html: str, ids: Sequence[str]) -> dict[str, str]:
    """The text of each section as written in the HTML, before layout."""
    parser = _SectionText(ids)
    parser.feed(html)
    parser.close()
    return {key: " ".join(parts) for key, parts in parser.text.items()}


def laid_out_text(page_boxes: Sequence[Any], skip: Collection[str] = ()) -> str:
    """The text of the boxes on the given pages, in document order.

    Boxes of an element with a class in ``skip`` (and all inside them) are left out.
    """
    return "".join(_texts(box, skip) for box in page_boxes)


def _skipped(box: Any, skip: Collection[str]) -> bool:
    element = getattr(box, "element", None)
    if not skip or element is None or not hasattr(element, "get"):
        return False
    return any(name in skip for name in (element.get("class") or "").split())


def _texts(box: Any, skip: Collection[str] = ()) -> str:
    out = []
    stack: list[Iterator[Any]] = [iter([box])]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        if _skipped(child, skip):
            continue
        text = getattr(child, "text", None)
        if isinstance(text, str):
            out.append(text)
        children = getattr(child, "children", None)
        if children:
            stack.append(iter(children))
    return " ".join(out)


def lost_words(expected: str, found: str) -> int:
    """About how many words of ``expected`` are missing from ``found`` (0 when none)."""
    want, have = letters(expected), letters(found)
    pos = 0
    for index, char in enumerate(want):
        pos = have.find(char, pos)
        if pos < 0:
            missing = len(want) - index
            words = len(expected.split())
            return max(1, round(words * missing / max(1, len(want))))
        pos += 1
    return 0
