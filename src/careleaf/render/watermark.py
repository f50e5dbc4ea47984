"""The watermark of a print that is not for patients.

Every stamped print (a draft, a planning copy, a leaflet not signed off ...)
carries, across the body of every page (a bilingual print's facing pages
too, when either language is stamped), "NOT FOR PATIENT USE" in English,
careleaf's own words like the stamps, and the same in the leaflet's
language where its UI strings give it (the optional ``not_for_patient_use``).
A leaflet whose language says the same as the English (an English one) shows
the phrase once. A patient-ready print has no watermark.
"""

from __future__ import annotations

from careleaf.catalog.leaflet import Leaflet
from careleaf.content import i18n
from careleaf.render.completeness import letters

#: What the watermark says in English, on every stamped print.
NOT_FOR_PATIENT_USE = "NOT FOR PATIENT USE"
#: The optional UI string that gives it in the leaflet's language.
STRING_KEY = "not_for_patient_use"


def watermark_texts(localized: str | None) -> tuple[str, ...]:
    """The watermark's lines: the English, then ``localized`` unless it is missing or
    says the same (letters compared, case-folded)."""
    if localized and letters(localized) != letters(NOT_FOR_PATIENT_USE):
        return (NOT_FOR_PATIENT_USE, localized)
    return (NOT_FOR_PATIENT_USE,)


def watermark_lines(leaflet: Leaflet, stamped: bool) -> list[dict[str, str]]:
    """The lines of ``leaflet``'s watermark for the template, each with its language and
    direction; none unless the print is ``stamped``."""
    if not stamped:
        return []
    english, *localized = watermark_texts(leaflet.strings.not_for_patient_use)
    lines = [{"text": english, "lang": "en", "dir": "ltr"}]
    lines += [
        {"text": text, "lang": leaflet.tag, "dir": i18n.direction(leaflet.locale)}
        for text in localized
    ]
    return lines
