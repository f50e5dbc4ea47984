"""The readability formulas: one per language, each from the research behind it.

Each language gets the formula its readers' researchers built or validated,
not an English formula run over foreign words. Only English (Flesch-Kincaid)
and German (Wiener Sachtextformel) come out as school grades; the Spanish,
French, Italian, Dutch and Russian formulas give an ease score on their own
(nominally 0-100) scale, which no study maps onto US grades, so no mapping is
invented here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from careleaf.readability.counting import (
    Counts,
    count,
    dutch,
    english,
    french,
    german,
    russian,
    spanish,
)

#: The reading grade a patient leaflet should not exceed; US health-literacy
#: guidance asks for grade 6 to 8.
DEFAULT_MAX_GRADE = 8.0

# Readability formulas are meant for samples of 100 words or more; below that
# the note says the number is rough.
_FEW_WORDS = 100


@dataclass(frozen=True)
class Grade:
    """A readability result for one leaflet in one language."""

    language: str  # the BCP 47 tag given
    formula: str | None  # None when not measured
    score: float | None  # the formula's own number
    grade: float | None  # US school grade, only where the formula gives one
    note: str  # short text for people, e.g. "grade 6.2 (Flesch-Kincaid)"


def _flesch_kincaid(c: Counts) -> float:
    # Kincaid et al. (1975), US Navy: already a US school grade.
    return 0.39 * c.words / c.sentences + 11.8 * c.syllables / c.words - 15.59


def _wiener(c: Counts) -> float:
    # Bamberger & Vanecek (1984), first Wiener Sachtextformel for non-fiction
    # prose; gives the Austrian school year (Schulstufe), counted as US grades.
    ms = 100 * c.polysyllables / c.words
    iw = 100 * c.long_words / c.words
    es = 100 * c.monosyllables / c.words
    return 0.1935 * ms + 0.1672 * c.words / c.sentences + 0.1297 * iw - 0.0327 * es - 0.875


def _reading_ease(
    base: float, per_sentence: float, per_syllable: float
) -> Callable[[Counts], float]:
    """A Flesch reading ease formula with one language's coefficients."""

    def formula(c: Counts) -> float:
        return base - per_sentence * c.words / c.sentences - per_syllable * c.syllables / c.words

    return formula


def _gulpease(c: Counts) -> float:
    # Lucisano & Piemontese (1988), built for Italian; letters, not syllables.
    return 89 + (300 * c.sentences - 10 * c.letters) / c.words


def _flesch_band(score: float) -> str:
    """Flesch's (1948) own words for his 0-100 scale, reused by its adaptations."""
    bands = (
        (90, "very easy"),
        (80, "easy"),
        (70, "fairly easy"),
        (60, "standard"),
        (50, "fairly difficult"),
        (30, "difficult"),
    )
    return next((name for floor, name in bands if score >= floor), "very difficult")


def _inflesz(score: float) -> str:
    """Barrio-Cantalejo et al. (2008): the INFLESZ scale, validated on patient texts."""
    bands = ((80, "very easy"), (65, "fairly easy"), (55, "normal"), (40, "somewhat hard"))
    band = next((name for floor, name in bands if score >= floor), "very hard")
    advice = "" if score >= 55 else "; patient texts should score 55 or more"
    return f"INFLESZ '{band}'{advice}"


def _gulpease_band(score: float) -> str:
    # The index's authors: under 80 is hard for readers with 5 years of
    # school, under 60 with 8 years (middle school), under 40 with 13.
    if score >= 80:
        return "easy with 5 years of school"
    if score >= 60:
        return "easy with 8 years of school, hard with 5"
    if score >= 40:
        return "easy with 13 years of school, hard with 8"
    return "hard even with 13 years of school"


@dataclass(frozen=True)
class _Formula:
    name: str
    short: str  # as the note names it
    compute: Callable[[Counts], float]
    syllables: Callable[[str], int] | None
    gives_grade: bool = False
    band: Callable[[float], str] = _flesch_band


_FORMULAS: dict[str, _Formula] = {
    "en": _Formula("Flesch-Kincaid grade", "Flesch-Kincaid", _flesch_kincaid, english, True),
    "de": _Formula(
        "Wiener Sachtextformel", "Wiener Sachtextformel", _wiener, german, gives_grade=True
    ),
    # Szigriszt-Pazos (1993), not Fernandez-Huerta (1959): its INFLESZ reading
    # was validated on Spanish patient texts, and Fernandez-Huerta's grade
    # table is Flesch's English one, carried over unchecked.
    "es": _Formula(
        "Szigriszt-Pazos perspicuity",
        "Szigriszt-Pazos",
        _reading_ease(206.835, 1.0, 62.3),
        spanish,
        band=_inflesz,
    ),
    # Kandel & Moles (1958): Flesch's scale refitted to French word lengths.
    "fr": _Formula(
        "Kandel-Moles reading ease", "Kandel-Moles", _reading_ease(207, 1.015, 73.6), french
    ),
    "it": _Formula("Gulpease index", "Gulpease", _gulpease, None, band=_gulpease_band),
    # Douma (1960) and Oborneva (2006): Flesch's scale refitted to Dutch and
    # to Russian word lengths; textstat offers the same coefficients.
    "nl": _Formula(
        "Flesch-Douma reading ease", "Flesch-Douma", _reading_ease(206.835, 0.93, 77), dutch
    ),
    "ru": _Formula("Oborneva reading ease", "Oborneva", _reading_ease(206.835, 1.3, 60.1), russian),
}


def _primary_language(tag: str) -> str:
    """The primary language subtag of a BCP 47 tag: "es-419" gives "es"."""
    return re.split(r"[-_]", tag.strip(), maxsplit=1)[0].lower()


def _language_name(code: str) -> str:
    # Babel loads here, not with the module: the command line reads DEFAULT_MAX_GRADE.
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(code).english_name
    except (UnknownLocaleError, ValueError):
        name = None
    return name or f"'{code}'"


def measure(texts: Sequence[str], tag: str) -> Grade:
    """Grade the leaflet's text (all its fields, each a sentence or more) in language ``tag``."""
    code = _primary_language(tag)
    formula = _FORMULAS.get(code)
    if formula is None:
        # Arabic has Osman's formula (2016), but it counts syllables from
        # short-vowel marks that everyday Arabic text leaves out.
        note = f"not measured: no sound readability formula for {_language_name(code)}"
        return Grade(tag, None, None, None, note)
    counts = count(texts, formula.syllables)
    if not counts.words:
        return Grade(tag, None, None, None, "not measured: no words")
    score = formula.compute(counts)
    if formula.gives_grade:
        # Very short words and sentences push these formulas below zero, and
        # no school grade is lower than that.
        grade: float | None = max(0.0, score)
        note = f"grade {grade:.1f} ({formula.short})"
    else:
        grade = None
        note = f"{formula.short} {score:.1f} (higher is easier): {formula.band(score)}"
    if counts.words < _FEW_WORDS:
        note += f"; only {counts.words} words, so a rough guide"
    return Grade(tag, formula.name, score, grade, note)


def too_hard(grade: Grade, max_grade: float = DEFAULT_MAX_GRADE) -> bool:
    """True when the text reads above ``max_grade``.

    Only a school grade can be compared: a score on its own scale (Spanish,
    French, ...) or a language not measured is never "too hard"; its note
    says how the score reads instead.
    """
    return grade.grade is not None and grade.grade > max_grade
