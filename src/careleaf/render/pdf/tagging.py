"""Finishing WeasyPrint's tagged PDF for people who read it through its structure (PDF/UA).

WeasyPrint 70 marks every piece of text it draws and makes a structure
element for it, but it links the elements of page-margin boxes (large
print's running footer and stamps) nowhere, writes no /Lang below the
document, and tags every copy of text that each page repeats. This
finisher runs once per PDF before it is written.

WeasyPrint makes a page's text elements in box-tree order, so the n-th text
box of a page (depth first) owns the n-th text element made for that page;
the counts are checked. Then, per text box:

- the stamps (``stamps``) stay in the structure on the first page of each
  language's pages, where they are read first; their copies on the other
  pages become pagination artifacts;
- the footer (``page-footer``): the disclaimer and review dates stay in the
  structure once, on the last page of each language's pages, so they are
  read once, after the content, as the end of the leaflet. The copies on the
  other pages, and every page number, are pagination artifacts: a screen
  reader would otherwise read them in the middle of a section that runs on
  over a page (large print) and repeat them at every page;
- the watermark of a stamped print (``watermark``) is an artifact on every
  page (a pagination watermark): the stamps already say it, once, in the
  structure;
- kept text from a margin box is linked into the tree (stamps before the
  content, footer after it);
- text in another language than its page (an English stamp on an Arabic
  leaflet) gets its /Lang, and so does every element all of whose text is
  in that language;
- structure elements left with nothing in them are removed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pydyf  # type: ignore[import-untyped]
from weasyprint.formatting_structure.boxes import MarginBox, TextBox

from careleaf.render.pdf.layout import FOOTER_CLASS, STAMPS_CLASS, WATERMARK_CLASS

#: The template's class for "page N of M": pagination, never content.
PAGE_NUMBER_CLASS = "page-number"


class _Pdf:
    """The objects of a PDF being written, reached by reference."""

    def __init__(self, pdf: Any) -> None:
        self.pdf = pdf

    def get(self, reference: Any) -> Any:
        return self.pdf.objects[int(bytes(reference).split()[0])]


def finish_structure(document: Any, pdf: Any) -> None:
    """Apply the fixes of the module docs to ``pdf``, made from ``document``."""
    objects = _Pdf(pdf)
    if "StructTreeRoot" not in pdf.catalog:
        return
    root = objects.get(pdf.catalog["StructTreeRoot"])
    top = objects.get(root["K"][0])
    parent_tree = objects.get(root["ParentTree"])["Nums"]
    pages = pdf.page_references
    texts: dict[bytes, list[Any]] = {}
    for obj in pdf.objects:
        if _is_text_element(obj):
            texts.setdefault(bytes(obj["Pg"]), []).append(obj)
    langs = [_page_lang(page._page_box) for page in document.pages]
    first = {lang: langs.index(lang) for lang in langs}
    last = {lang: len(langs) - 1 - langs[::-1].index(lang) for lang in langs}
    removed: list[Any] = []
    for n, page in enumerate(document.pages):
        boxes = list(_text_boxes(page._page_box))
        elements = texts.get(bytes(pages[n]), [])
        if len(boxes) != len(elements):  # WeasyPrint tagged otherwise than expected
            raise AssertionError(f"page {n + 1}: {len(boxes)} text boxes, {len(elements)} tags")
        marks = _marks(objects.get(objects.get(pages[n])["Contents"]))
        for (box, classes, in_margin), element in zip(boxes, elements, strict=True):
            mcid = element["K"][0]
            mark = marks[mcid]
            keep = _kept(classes, n, first[langs[n]], last[langs[n]])
            if not keep:
                _make_artifact(mark, _artifact_subtype(classes))
                parent_tree[2 * n + 1][mcid] = "null"
                removed.append(element)
                continue
            lang = box.style["lang"]
            if lang and lang != langs[n]:
                element["Lang"] = pydyf.String(lang)
            if in_margin:
                _link(objects, top, element, at_start=STAMPS_CLASS in classes)
    for element in removed:
        _unlink(objects, element)
    _prune_empty(objects, pdf, top)
    _spread_lang(objects, pdf)


def _is_text_element(obj: Any) -> bool:
    """A structure element WeasyPrint made for one marked piece of text."""
    if not isinstance(obj, pydyf.Dictionary) or obj.get("Type") != "/StructElem":
        return False
    kids = obj.get("K")
    return (
        obj.get("S") == "/Span"
        and isinstance(kids, list)
        and len(kids) == 1
        and (isinstance(kids[0], int))
    )


def _page_lang(page_box: Any) -> str:
    for child in page_box.children:
        if getattr(child, "element_tag", None) == "html":
            return str(child.style["lang"] or "")
    return ""


def _classes(box: Any) -> set[str]:
    element = getattr(box, "element", None)
    if element is None or not hasattr(element, "get"):
        return set()
    return set(str(element.get("class") or "").split())


def _text_boxes(page_box: Any) -> Iterator[tuple[Any, frozenset[str], bool]]:
    """Each text box of a page in WeasyPrint's tagging order, with its ancestors' classes."""
    stack: list[tuple[Any, frozenset[str], bool]] = [(page_box, frozenset(), False)]
    while stack:
        box, classes, in_margin = stack.pop()
        if isinstance(box, TextBox):
            yield box, classes, in_margin
            continue
        inside = classes | _classes(box)
        in_margin = in_margin or isinstance(box, MarginBox)
        children = list(getattr(box, "children", ()))
        stack.extend((child, inside, in_margin) for child in reversed(children))


def _marks(stream: Any) -> dict[int, tuple[list[Any], int, Any]]:
    """Each marked-content sequence of a page's stream: MCID -> (items, tag index, properties)."""
    items = stream.stream
    return {
        int(item["MCID"]): (items, index - 1, item)
        for index, item in enumerate(items)
        if isinstance(item, pydyf.Dictionary) and "MCID" in item
    }


def _kept(classes: frozenset[str], page: int, first: int, last: int) -> bool:
    if PAGE_NUMBER_CLASS in classes or WATERMARK_CLASS in classes:
        return False
    if STAMPS_CLASS in classes:
        return page == first
    if FOOTER_CLASS in classes:
        return page == last
    return True


def _artifact_subtype(classes: frozenset[str]) -> str:
    """What kind of pagination artifact a text box left out of the structure is."""
    if WATERMARK_CLASS in classes:
        return "/Watermark"
    return "/Header" if STAMPS_CLASS in classes else "/Footer"


def _make_artifact(mark: tuple[list[Any], int, Any], subtype: str) -> None:
    """Turn a marked-content sequence into a pagination artifact of ``subtype``."""
    items, tag, properties = mark
    properties.clear()
    properties["Type"] = "/Pagination"
    properties["Subtype"] = subtype
    items[tag] = "/Artifact"


def _link(objects: _Pdf, top: Any, element: Any, at_start: bool) -> None:
    """Put the tree of a margin box's text, which WeasyPrint linked nowhere, into the document."""
    while bytes(element["P"]) != bytes(top.reference):
        element = objects.get(element["P"])
    kids = top["K"]
    if element.reference not in kids:
        kids.insert(0 if at_start else len(kids), element.reference)


def _unlink(objects: _Pdf, element: Any) -> None:
    parent = objects.get(element["P"])
    if element.reference in parent["K"]:
        parent["K"].remove(element.reference)
    element.free = "f"


def _prune_empty(objects: _Pdf, pdf: Any, top: Any) -> None:
    """Remove structure elements with nothing in them (the icons, the emptied footers)."""
    changed = True
    while changed:
        changed = False
        for obj in pdf.objects:
            if (
                obj is not top
                and obj.free != "f"
                and isinstance(obj, pydyf.Dictionary)
                and obj.get("Type") == "/StructElem"
                and not obj.get("K")
            ):
                _unlink(objects, obj)
                changed = True


def _spread_lang(objects: _Pdf, pdf: Any) -> None:
    """Give an element the /Lang that all of its children share (deepest first)."""
    elements = [
        obj
        for obj in pdf.objects
        if obj.free != "f"
        and isinstance(obj, pydyf.Dictionary)
        and obj.get("Type") == "/StructElem"
        and "Lang" not in obj
    ]
    for element in reversed(elements):  # children are made after their parents
        kids = element.get("K") or []
        if any(isinstance(kid, int) for kid in kids):
            continue
        langs = {_lang_of(objects.get(kid)) for kid in kids}
        if len(langs) == 1 and (lang := langs.pop()):
            element["Lang"] = pydyf.String(lang)


def _lang_of(element: Any) -> str | None:
    lang = element.get("Lang") if isinstance(element, pydyf.Dictionary) else None
    return str(lang.string) if lang is not None else None
