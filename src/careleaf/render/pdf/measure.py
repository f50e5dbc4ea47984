"""Reading laid-out boxes: how far a section's content reaches, and which of its
lines follow the body size.

WeasyPrint's box tree, read duck-typed where it can be; the few classes
tested for come from WeasyPrint itself. Which boxes follow the body size is
read from the declared (cascaded) font size and line height: a size in em or
% follows the parent's, a size in pt or mm does not, and the section's own
size is the body size.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from weasyprint.formatting_structure.boxes import (
    FlexContainerBox,
    GridContainerBox,
    InlineBlockBox,
    LineBox,
    ReplacedBox,
    TableBox,
)
from weasyprint.layout.absolute import AbsolutePlaceholder

# Layout positions are floats in CSS px; allow for rounding, nothing more.
EPSILON_PX = 0.01
# Font sizes given in these follow the parent's size, so the section's body size.
_RELATIVE_UNITS = frozenset({"em", "%", "ex", "ch"})
_RELATIVE_WORDS = frozenset({"larger", "smaller", "inherit", "normal"})


@dataclass(frozen=True)
class Paragraph:
    """A block whose lines all follow the body size, in CSS px."""

    lines: int
    height: float  # of its lines together
    tallest: float  # line
    shortest: float  # line
    text: float  # the width of the lines' content, added up
    width: float  # the width a line may take
    last: float  # the width of the last line's content


@dataclass(frozen=True)
class Fill:
    """A section's content against the room it has on its page, in CSS px.

    ``room`` runs from the top of the section to the top margin edge of its
    footer (the footer keeps its margin clear); ``used`` is how far the
    content reaches below that top, its pages added up when it spills;
    ``scaled`` is the height of the lines of ``used`` whose type follows the
    body size, every line but those of fixed-size parts (the header, the
    12 pt "about" block); ``paragraphs`` are the blocks all of whose lines
    do, line by line.
    """

    room: float
    used: float
    scaled: float
    pages: int
    paragraphs: tuple[Paragraph, ...] = ()

    @property
    def fits(self) -> bool:
        """One page, and the content ends above the footer."""
        return self.pages == 1 and self.used <= self.room + EPSILON_PX


def children(box: Any) -> list[Any]:
    return list(getattr(box, "children", ()))


def classes(box: Any) -> list[str]:
    element = getattr(box, "element", None)
    if element is None or not hasattr(element, "get"):
        return []
    return str(element.get("class") or "").split()


def walk(box: Any) -> Iterator[Any]:
    stack = [box]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(children(current)))


def _declared(box: Any, name: str) -> Any:
    cascaded = getattr(box.style, "cascaded", None)
    if not cascaded or name not in cascaded:
        return None
    return cascaded[name][0]


def _follows_body(box: Any) -> bool:
    """Whether ``box``'s own type and line height follow its parent's (no fixed size given)."""
    for name in ("font_size", "line_height"):
        value = _declared(box, name)
        if value is None or value in _RELATIVE_WORDS:
            continue
        unit = getattr(value, "unit", "?")
        if name == "line_height" and unit is None:  # a plain number: a multiple of the font
            continue
        if unit not in _RELATIVE_UNITS:
            return False
    return True


def _line_scales(line: Any) -> bool:
    """Every box on the line follows the body size, and nothing on it has a fixed size."""
    for box in walk(line):
        if isinstance(box, ReplacedBox) or not _follows_body(box):
            return False
        if isinstance(box, InlineBlockBox) and _fixed_height(box):
            return False
    return True


def _fixed_height(box: Any) -> bool:
    """A height given in a unit that does not follow the type (mm, px, a percentage)."""
    height = _declared(box, "height")
    if height is None or height == "auto":
        return False
    return getattr(height, "unit", None) not in _RELATIVE_UNITS - {"%"}


def reach(fragment: Any, broken: bool) -> tuple[float, float, list[Paragraph]]:
    """How far down the in-flow content of ``fragment`` reaches, its scaled lines' height
    and its paragraphs of scaled lines.

    Absolutely positioned boxes (the footer, the stamps) are not content here.
    Lines count as scaled only where they stack one under another: not in
    tables, flex or grid boxes or floats, where lines stand side by side.
    On a page the section goes on from (``broken``), the boxes cut by the
    page break reach down to the page's end, so only lines and boxes with
    nothing inside count there.
    """
    reach = fragment.content_box_y()
    scaled = 0.0
    paragraphs: list[Paragraph] = []
    # (box, follows the body size, lines stack)
    stack: list[tuple[Any, bool, bool]] = [(fragment, True, True)]
    while stack:
        box, follows, stacked = stack.pop()
        if box is not fragment:
            if isinstance(box, AbsolutePlaceholder) or box.is_absolutely_positioned():
                continue
            if not broken or not children(box):
                reach = max(reach, box.border_box_y() + box.border_height())
        # The section's own size is the body size: everything follows it or not.
        follows = follows and (box is fragment or _follows_body(box))
        side_by_side = isinstance(box, (TableBox, FlexContainerBox, GridContainerBox))
        stacked = stacked and not side_by_side and not box.is_floated()
        lines = [child for child in children(box) if isinstance(child, LineBox)]
        if lines:
            reach = max(reach, *(line.position_y + line.height for line in lines))
            counted = [line for line in lines if follows and stacked and _line_scales(line)]
            scaled += sum(line.height for line in counted)
            if counted and len(counted) == len(lines):
                paragraphs.append(_paragraph(box, lines))
        stack.extend(
            (child, follows, stacked)
            for child in reversed(children(box))
            if not isinstance(child, LineBox)
        )
    return reach, scaled, paragraphs


def _paragraph(box: Any, lines: list[Any]) -> Paragraph:
    heights = [float(line.height) for line in lines]
    widths = [_text_width(line) for line in lines]
    return Paragraph(
        len(lines), sum(heights), max(heights), min(heights), sum(widths), box.width, widths[-1]
    )


def _text_width(line: Any) -> float:
    """How wide the content of a line is, from its first box to its last."""
    boxes = [c for c in children(line) if hasattr(c, "margin_width")]
    if not boxes:
        return 0.0
    left = min(c.position_x for c in boxes)
    right = max(c.position_x + c.margin_width() for c in boxes)
    return float(right - left)
