"""XLIFF 1.2: the exchange format of memoQ, Trados, OmegaT and most CAT tools.

One ``<file>`` per translation file, ``datatype="plaintext"``; each unit a
``<trans-unit>`` whose ``id`` and ``resname`` name the field, with its
length limit as ``maxwidth`` (``size-unit="char"``) and the notes the PO
file gives. A current translation is ``state="translated"`` (and
``approved="yes"``, which translate-toolkit reads as "not fuzzy"), a stale
one ``state="needs-review-translation"`` with the source it was translated
from as an ``<alt-trans alttranstype="previous-version">``, a missing one
has no target.

The file comes back from outside, so it is parsed with entities, DTDs and
the network off, and a file with a DOCTYPE (where entity bombs and external
entities live) is refused before the parser sees it.
"""

from __future__ import annotations

import re

from lxml import etree

from careleaf import __version__
from careleaf.translation.exchange.incoming import Incoming, Received, clipped, decode, fail
from careleaf.translation.exchange.po import notes
from careleaf.translation.exchange.units import STALE, Exchange, Unit

NS = "urn:oasis:names:tc:xliff:document:1.2"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
#: Target states that mean the translator confirmed the translation.
CONFIRMED = frozenset({"translated", "final", "signed-off"})
_DECLARED = re.compile(r"<\?xml[^>]*?encoding\s*=\s*[\"']([^\"']*)[\"']")
_DOCTYPE = re.compile(r"<!(DOCTYPE|ENTITY)", re.IGNORECASE)


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def write_xliff(exchange: Exchange) -> bytes:
    """The XLIFF 1.2 file of ``exchange``; the same inputs give the same bytes."""
    root = etree.Element(_q("xliff"), nsmap={None: NS})
    root.set("version", "1.2")
    for part in exchange.parts:
        file = etree.SubElement(root, _q("file"))
        folder = part.handout or "_strings"
        file.set("original", f"handouts/{folder}/{exchange.language}.yaml")
        file.set("source-language", exchange.source_language)
        file.set("target-language", exchange.language)
        file.set("datatype", "plaintext")
        file.set("product-name", "careleaf handouts")
        header = etree.SubElement(file, _q("header"))
        tool = etree.SubElement(header, _q("tool"))
        tool.set("tool-id", "careleaf")
        tool.set("tool-name", "careleaf")
        tool.set("tool-version", __version__)
        body = etree.SubElement(file, _q("body"))
        for unit in exchange.units:
            if unit.handout == part.handout:
                _unit(body, unit)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)  # type: ignore[no-any-return]


def _unit(body: etree._Element, unit: Unit) -> None:
    element = etree.SubElement(body, _q("trans-unit"))
    element.set("id", unit.key)
    element.set("resname", unit.key)
    if unit.rule.limit:
        element.set("maxwidth", str(unit.rule.limit))
        element.set("size-unit", "char")
    if unit.target and unit.state != STALE:
        element.set("approved", "yes")
    etree.SubElement(element, _q("source")).text = unit.source
    if unit.target:
        target = etree.SubElement(element, _q("target"))
        target.set("state", "needs-review-translation" if unit.state == STALE else "translated")
        target.text = unit.target
    for line in notes(unit):
        note = etree.SubElement(element, _q("note"))
        note.set("from", "careleaf")
        note.text = line
    if unit.state == STALE and unit.previous:
        alt = etree.SubElement(element, _q("alt-trans"))
        alt.set("alttranstype", "previous-version")
        etree.SubElement(alt, _q("source")).text = unit.previous
        etree.SubElement(alt, _q("target")).text = unit.target


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def read_xliff(raw: bytes, shown: str) -> Received:
    """The units of an XLIFF 1.2 file; raises naming the line of anything refused."""
    text = decode(raw, shown)
    declared = _DECLARED.match(text.lstrip())
    if declared and declared.group(1).strip().lower() not in {"utf-8", "utf8"}:
        raise fail(shown, 1, "the XLIFF file must be UTF-8")
    doctype = _DOCTYPE.search(text)
    if doctype:
        line = text.count("\n", 0, doctype.start()) + 1
        raise fail(shown, line, "has a DOCTYPE or entity declaration; XLIFF needs neither")
    try:
        root = etree.fromstring(raw, _parser())
    except etree.XMLSyntaxError as exc:
        message = re.sub(r", line \d+, column \d+$", "", str(exc.msg or "not well-formed"))
        raise fail(shown, exc.lineno or 0, f"XML syntax error: {message[:200]}") from None
    if root.tag != _q("xliff") or root.get("version") != "1.2":
        raise fail(shown, root.sourceline or 1, "is not an XLIFF 1.2 file")
    files = root.findall(_q("file"))
    if not files:
        raise fail(shown, root.sourceline or 1, "has no <file>")
    language, source_language = _languages(files, shown)
    units = []
    for file in files:
        for element in file.iter(_q("trans-unit")):
            units.append(_incoming(element, language, shown))
    return Received(shown, language, source_language, tuple(units), files[0].sourceline or 1)


def _languages(files: list[etree._Element], shown: str) -> tuple[str, str]:
    first = files[0]
    language, source = first.get("target-language"), first.get("source-language")
    for file in files:
        line = file.sourceline or 0
        if not file.get("target-language"):
            raise fail(shown, line, "<file> has no target-language")
        if file.get("target-language") != language:
            raise fail(
                shown, line, f"target-language is not '{_tag(language)}' as the first <file> says"
            )
        if file.get("source-language") != source:
            raise fail(
                shown, line, f"source-language is not '{_tag(source)}' as the first <file> says"
            )
    assert language is not None
    return language, source or ""


def _incoming(element: etree._Element, language: str, shown: str) -> Incoming:
    line = element.sourceline or 0
    key = element.get("id") or ""
    if not key:
        raise fail(shown, line, "<trans-unit> has no id")
    source = element.find(_q("source"))
    target = element.find(_q("target"))
    source_text = _plain(source, key, "source", shown) if source is not None else ""
    if target is None:
        return Incoming(key, source_text, "", False, line, line)
    target_line = target.sourceline or line
    lang = target.get(_XML_LANG)
    if lang is not None and lang != language:
        raise fail(
            shown,
            target_line,
            f"'{clipped(key)}' has a target in '{_tag(lang)}', but the file is for "
            f"'{_tag(language)}'",
        )
    state = target.get("state")
    approved = element.get("approved")
    confirmed = state in CONFIRMED if state is not None else approved == "yes"
    if approved == "no":
        confirmed = False
    return Incoming(
        key, source_text, _plain(target, key, "target", shown), confirmed, line, target_line
    )


def _plain(node: etree._Element, key: str, what: str, shown: str) -> str:
    """The text of ``<source>`` or ``<target>``: plain text only, never markup."""
    for child in node:
        name = etree.QName(child).localname if isinstance(child.tag, str) else "?"
        raise fail(
            shown,
            child.sourceline or node.sourceline or 0,
            f"'{clipped(key)}' has markup (<{clipped(name, 40)}>) in its {what}; "
            "careleaf text is plain",
        )
    return node.text or ""


def _tag(text: str | None) -> str:
    return clipped(text or "", 40)
