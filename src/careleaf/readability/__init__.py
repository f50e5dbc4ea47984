"""How hard a leaflet's words are to read, by a formula made for their language.

:mod:`.counting` splits the text and counts syllables (the CMU Pronouncing
Dictionary for English, spelling rules elsewhere; nothing is fetched);
:mod:`.formulas` turns the counts into a grade or an ease score with the
formula each language's researchers built or validated. Languages with no
sound formula (Arabic, Chinese, ...) are "not measured".
"""

from careleaf.readability.formulas import DEFAULT_MAX_GRADE, Grade, measure, too_hard

__all__ = ["DEFAULT_MAX_GRADE", "Grade", "measure", "too_hard"]
