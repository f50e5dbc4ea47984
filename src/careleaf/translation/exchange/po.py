"""Gettext PO: the format of Weblate, Pootle, Poedit, Crowdin and most CAT tools.

Each unit is an entry whose ``msgctxt`` names the field
(``muscle-spasm:home_care.items[drink-water].text``), ``msgid`` is the
source text and ``msgstr`` the translation. A stale field is ``#, fuzzy``
with the source text it was translated from as ``#| msgid``; extracted
comments (``#.``) give the handout, the length limit and the placeholders
to keep. On the way back a fuzzy entry is one the translator has not
confirmed.
"""

from __future__ import annotations

import re
from datetime import date

import polib
from babel.messages.plurals import get_plural

from careleaf import __version__
from careleaf.content import i18n
from careleaf.translation.exchange.incoming import Incoming, Received, decode, fail
from careleaf.translation.exchange.units import STALE, Exchange, Unit

_SYNTAX = re.compile(
    r"\(line (\d+)\)(?:: (unescaped double quote found|invalid continuation line"
    r"|unknown keyword))?"
)


def notes(unit: Unit) -> list[str]:
    """What a translator should know about a unit, one sentence a line."""
    out = [
        f"Handout: {unit.title} ({unit.handout})"
        if unit.handout
        else "UI string: printed around the content of every handout"
    ]
    if unit.rule.limit:
        out.append(f"At most {unit.rule.limit} characters.")
    if unit.rule.placeholders:
        kept = ", ".join("{" + p + "}" for p in unit.rule.placeholders)
        out.append(f"Keep {kept} exactly as they are; careleaf fills them in.")
    if unit.state == STALE:
        out.append(
            "The source text changed since this was translated: update the translation, "
            "then confirm it."
        )
    return out


def write_po(exchange: Exchange, today: date) -> str:
    """The PO file of ``exchange``; the same inputs give the same bytes."""
    stamp = f"{today.isoformat()} 00:00+0000"
    translators = sorted({p.translated_by for p in exchange.parts if p.translated_by})
    po = polib.POFile(wrapwidth=78)
    po.header = (
        f"careleaf handouts in {exchange.language}, from {exchange.source_language}.\n"
        "Each msgctxt names a handout and a field; keep it as it is."
    )
    po.metadata = {
        "Project-Id-Version": "careleaf handouts: "
        + ", ".join(p.handout for p in exchange.parts if p.handout),
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": stamp,
        "PO-Revision-Date": stamp,
        "Last-Translator": ", ".join(translators) or "not recorded",
        "Language-Team": exchange.language,
        "Language": exchange.language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": get_plural(i18n.parse_tag(exchange.language)).plural_forms,
        "X-Generator": f"careleaf {__version__}",
        "X-Source-Language": exchange.source_language,
    }
    for unit in exchange.units:
        stale = unit.state == STALE
        po.append(
            polib.POEntry(
                msgctxt=unit.key,
                msgid=unit.source,
                msgstr=unit.target,
                comment="\n".join(notes(unit)),
                flags=["fuzzy"] if stale else [],
                previous_msgid=unit.previous if stale and unit.previous else None,
            )
        )
    return str(po)


def read_po(raw: bytes, shown: str) -> Received:
    """The units of a PO file; raises naming the line of anything careleaf cannot read."""
    text = decode(raw, shown)
    if "\n" not in text.rstrip("\n"):  # polib would take a one-line text for a file name
        raise fail(shown, 1, "is not a PO file: it has no entries")
    try:
        po = polib.pofile(text, encoding="utf-8", wrapwidth=78)
    except (OSError, ValueError) as exc:
        found = _SYNTAX.search(str(exc))
        line = int(found.group(1)) if found else 0
        detail = f": {found.group(2)}" if found and found.group(2) else ""
        raise fail(shown, line, f"PO syntax error{detail}") from None
    language_line = _header_line(text, "Language")
    charset = po.metadata.get("Content-Type", "")
    if charset and "charset=utf-8" not in charset.lower().replace(" ", ""):
        raise fail(shown, _header_line(text, "Content-Type"), "the PO file must be UTF-8")
    language = po.metadata.get("Language", "").strip().replace("_", "-")
    if not language:
        raise fail(shown, language_line or 1, "the PO header names no Language")
    units = []
    for entry in po:
        if entry.obsolete:
            continue
        line = entry.linenum or 0
        if entry.msgid_plural:
            raise fail(shown, line, "has plural forms; careleaf fields have none")
        if not entry.msgctxt:
            raise fail(shown, line, "has no msgctxt; careleaf cannot tell which field it is")
        units.append(
            Incoming(entry.msgctxt, entry.msgid, entry.msgstr, not entry.fuzzy, line, line)
        )
    return Received(shown, language, None, tuple(units), language_line or 1)


def _header_line(text: str, field: str) -> int:
    found = re.search(rf'^"{re.escape(field)}:', text, flags=re.MULTILINE)
    return text.count("\n", 0, found.start()) + 1 if found else 0
