"""The words a page may hold, and the proof, after every render, that the PDF holds those.

A patient-ready page may show only words and numbers a named person signed
off, approved or confirmed: the handout's text, the UI strings, the clinic's
printed details; and careleaf's own facts (dates written in the page's
language, page and section numbers, the leaflet's web address). Every path
by which a word reaches the page (the content, the strings, the profile, a
template, a stylesheet's ``content:``, a logo) is checked at once by reading
the words back out of the finished PDF and comparing them, page by page and
with their counts, with the words of the governed texts that page carries.
A template that adds a sentence, a filter that drops a "not", or a path
nobody thought of fails the build.

The governed texts come from the files as written (the field values of the
content and strings files, the profile's details as they print), not from
the HTML the templates were given, so the check does not trust the code it
checks. Stamped prints (the banner and its watermark) are checked the same
way, with the stamp's words added.

Words are compared, not layout: letters, digits and marks case-folded
(labels print in capitals), in NFKC (ligatures), with a word split over a
line by hyphenation or a broken address joined again. A word in a
right-to-left script is compared by its letters, in any order: text pulled
out of a PDF gives Arabic ligatures (lam-alef) and words in visual order.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from html import unescape
from typing import Any

from careleaf.catalog.leaflet import Leaflet
from careleaf.content import i18n
from careleaf.content.fields import fields, normalize
from careleaf.content.model import Clinic
from careleaf.content.phones import printed
from careleaf.errors import INVISIBLE, BuildError, Location, Problem
from careleaf.render.pdf_text import pdf_page_texts
from careleaf.render.watermark import STRING_KEY, watermark_texts

SECTIONS = ("home_care", "warning_signs", "prevention")
URGENCY_LEVELS = ("emergency", "urgent", "soon")
#: A word broken by hyphenation (WeasyPrint draws U+2010) or a soft hyphen, at a line's end.
_HYPHEN_BREAK = re.compile("[\u2010\u00ad]\\s*\n")
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
_ALT = re.compile(r"""<img\b[^>]*?\salt\s*=\s*(["'])(.*?)\1""", re.IGNORECASE | re.DOTALL)
#: Words quoted in a message, at most.
_SHOWN = 8


def words(text: str) -> list[str]:
    """The words of ``text`` as compared: runs of letters, digits and spacing marks,
    case-folded, without nonspacing marks."""
    folded = unicodedata.normalize("NFKC", text).casefold().replace("\u0640", "")  # tatweel
    folded = _HYPHEN_BREAK.sub("", folded.replace("\r\n", "\n"))
    found: list[str] = []
    current: list[str] = []
    for char in folded:
        category = unicodedata.category(char)
        if category in ("Mn", "Cf") or char in INVISIBLE:
            # Arabic harakat and shadda come out of a PDF apart from their letter; a joiner
            # or a zero-width space prints nothing to read.
            continue
        if category[0] in "LNM":
            current.append(char)
        elif current:
            found.append("".join(current))
            current = []
    if current:
        found.append("".join(current))
    return found


def key(word: str) -> str:
    """How a word is matched: itself, or its letters sorted for a right-to-left word."""
    if any(unicodedata.bidirectional(c) in ("R", "AL") for c in word):
        return "".join(sorted(word))
    return word


def bag(texts: Iterable[str], shown: dict[str, str] | None = None) -> Counter[str]:
    """The words of ``texts`` by :func:`key`, counted; ``shown`` learns each key's word."""
    found: Counter[str] = Counter()
    for text in texts:
        for word in words(text):
            found[key(word)] += 1
            if shown is not None:
                shown.setdefault(key(word), word)
    return found


@dataclass(frozen=True)
class GovernedTexts:
    """The texts one leaflet may print, each as the files say it (placeholders filled)."""

    content: Mapping[str, str]  # field name -> text, from the language file
    strings: Mapping[str, str]  # UI string key -> text with its placeholders filled
    title: str
    subtitle: str | None
    disclaimer: str
    #: On every page: the clinic, the review line, the stamps and their watermark.
    furniture: tuple[str, ...]
    online: tuple[str, ...]  # the "latest version" block, on the prevention page
    #: What a screen reader may say for a picture: the logo's and the QR code's alt texts.
    alts: frozenset[str] = frozenset()

    def page(self, number: int, total: int, section: str) -> list[str]:
        """Every text of page ``number`` of the standard leaflet, which holds ``section``."""
        texts = [self.title, *self.furniture, self.disclaimer, str(number)]
        texts.append(self.strings[f"sections.{section}"])
        texts.append(_fill(self.strings["page_of"], {"n": str(number), "m": str(total)}))
        if number == 1 and self.subtitle:
            texts.append(self.subtitle)
        return texts + self.section(section)

    def section(self, section: str, standard: bool = True) -> list[str]:
        """The section's own texts: its fields, and the UI strings that go with them."""
        prefix = f"{section}."
        texts = [text for name, text in self.content.items() if name.startswith(prefix)]
        if section == "warning_signs":
            for level in URGENCY_LEVELS:
                texts.append(self.strings[f"urgency.{level}.label"])
                texts.append(self.strings[f"urgency.{level}.action"])
            if "when_closed" in self.strings:
                texts.append(self.strings["when_closed"])
        if section == "prevention":
            texts.extend(self.online)
            if standard:
                texts.append(self.strings["other_formats"])
        return texts


def governed_texts(
    leaflet: Leaflet,
    clinic: Clinic,
    strings_data: Any,
    printed_on: date | None,
    banners: Sequence[str],
    watermark: bool = False,
) -> GovernedTexts:
    """What ``leaflet`` may print for ``clinic``, from the files as written."""
    region = clinic.region
    values = {
        "clinic_name": normalize(clinic.name),
        "clinic_phone": printed(clinic.phone, region),
        "emergency_number": printed(clinic.emergency, region),
        "out_of_hours": " / ".join(dict.fromkeys(printed(n, region) for n in clinic.when_closed)),
    }
    review = leaflet.review
    if review is not None:
        values["reviewed"] = i18n.long_date(review.signed_on, leaflet.locale)
        values["next_review"] = i18n.long_date(review.next_review_due, leaflet.locale)
    if printed_on is not None:
        values["printed"] = i18n.long_date(printed_on, leaflet.locale)
    # The fields the leaflet prints (an extra item of a translation does not), as written.
    written = {name: text for name, (_, text) in fields(leaflet.content_doc.data).items()}
    printed_fields = fields(leaflet.content.model_dump(exclude_none=True))
    content = {
        name: normalize(written.get(name, text)) for name, (_, text) in printed_fields.items()
    }
    raw = {name: normalize(text) for name, (_, text) in fields(strings_data).items()}
    strings = {name: _fill(text, values) for name, text in raw.items() if name != "when_closed"}
    if clinic.when_closed:
        strings["when_closed"] = _fill(raw["when_closed"], values)
    online: list[str] = []
    alts = {"", strings["logo_alt"]}  # "" for a picture that is only decoration
    if clinic.leaflet_url:
        url = clinic.leaflet_url.replace("{lang}", leaflet.tag)
        url = url.replace("{handout}", leaflet.handout.id)
        alts.add(_fill(raw["qr_code_alt"], {**values, "url": url}))
        online += [strings["online_version"], url]
        if printed_on is not None and review is not None:
            online.append(strings["printed_on"])
    review_line = strings["review_line"] if review is not None else strings["not_reviewed"]
    # A stamped print's watermark: careleaf's English, and the language's own where its
    # strings file gives it; never on a patient-ready print.
    marks = watermark_texts(raw.get(STRING_KEY)) if watermark else ()
    furniture = (values["clinic_name"], values["clinic_phone"], review_line, *banners, *marks)
    return GovernedTexts(
        content={k: v for k, v in content.items() if k.split(".")[0] in SECTIONS},
        strings=strings,
        title=content["title"],
        subtitle=content.get("subtitle") or None,
        disclaimer=content["disclaimer"],
        furniture=furniture,
        online=tuple(online),
        alts=frozenset(alts),
    )


def unknown_alts(html: str, texts: GovernedTexts) -> list[str]:
    """The alt texts of the pictures in ``html`` that are not governed texts.

    An empty alt text marks a decorative picture: a screen reader says nothing.
    """
    found = (normalize(unescape(m.group(2))) for m in _ALT.finditer(html))
    return [alt for alt in dict.fromkeys(found) if alt and alt not in texts.alts]


def _fill(template: str, values: Mapping[str, str]) -> str:
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)


def standard_pages(texts: GovernedTexts) -> list[list[str]]:
    """The texts of each page of the standard leaflet: one section a page."""
    total = len(SECTIONS)
    return [texts.page(n, total, key) for n, key in enumerate(SECTIONS, start=1)]


def large_print_document(texts: GovernedTexts, pages: int) -> list[str]:
    """The texts of a whole large-print leaflet (a section runs over as many pages as it
    needs): each section once with its header, and the footer on every page."""
    found: list[str] = []
    if texts.subtitle:
        found.append(texts.subtitle)
    for number, section in enumerate(SECTIONS, start=1):
        found += [texts.title, texts.furniture[0], texts.furniture[1], str(number)]
        found.append(texts.strings[f"sections.{section}"])
        found += texts.section(section, standard=False)
    for number in range(1, pages + 1):
        found += [texts.disclaimer, *texts.furniture[2:]]
        found.append(_fill(texts.strings["page_of"], {"n": str(number), "m": str(pages)}))
    return found


def joined(lines: Sequence[str], vocabulary: set[str], shown: dict[str, str]) -> list[str]:
    """The words of ``lines`` by :func:`key`, a word that a line break split (a web address
    broken anywhere) joined again when only the whole is a governed word."""
    out: list[str] = []
    last = ""
    for line in lines:
        ws = words(line)
        if out and ws:
            a, b = out[-1], key(ws[0])
            whole = last + ws[0]
            if (a not in vocabulary or b not in vocabulary) and key(whole) in vocabulary:
                out[-1] = key(whole)
                ws = ws[1:]
        for word in ws:
            shown.setdefault(key(word), word)
            out.append(key(word))
        if ws:
            last = ws[-1]
    return out


def compare(texts: Sequence[str], text: str) -> tuple[list[str], list[str]]:
    """(words on the page no governed text has, governed words missing from the page)."""
    shown: dict[str, str] = {}
    expected = bag(texts, shown)
    lines = _HYPHEN_BREAK.sub("", text.replace("\r\n", "\n")).split("\n")
    found = Counter(joined(lines, set(expected), shown))
    extra = [shown[k] for k in sorted((found - expected).elements())]
    missing = [shown[k] for k in sorted((expected - found).elements())]
    return extra, missing


def check_pdf(
    data: bytes, expected: Sequence[Sequence[str]], where: Location, *, whole: bool = False
) -> None:
    """Fail unless each page of ``data`` holds exactly the words of its expected texts.

    With ``whole``, ``expected`` holds one entry: the texts of the whole
    document, compared with the words of all its pages together.
    """
    pages = pdf_page_texts(data)
    if whole:
        pages = ["\n".join(pages)]
    if len(pages) != len(expected):
        raise BuildError(
            Problem(where, f"the PDF has {len(pages)} pages where {len(expected)} were laid out")
        )
    problems = []
    for number, (text, texts) in enumerate(zip(pages, expected, strict=True), start=1):
        extra, missing = compare(texts, text)
        where_on = "the leaflet" if whole else f"page {number}"
        if extra:
            problems.append(
                Problem(
                    where,
                    f"{where_on} prints {_listed(extra)} that no signed-off, approved or "
                    "confirmed text has (added by a template, a stylesheet or a logo?); "
                    "careleaf prints only governed text",
                )
            )
        if missing:
            problems.append(
                Problem(where, f"{where_on} lacks {_listed(missing)} of its governed text")
            )
    if problems:
        raise BuildError(problems)


def _listed(found: list[str]) -> str:
    unique = list(dict.fromkeys(found))
    shown = ", ".join(f"'{w}'" for w in unique[:_SHOWN])
    more = f" and {len(unique) - _SHOWN} more" if len(unique) > _SHOWN else ""
    return f"the word{'s' if len(unique) > 1 else ''} {shown}{more}"
