"""The watermark of a print that is not for patients: on every page, light, grey, an artifact."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from careleaf.catalog.catalog import read_catalog
from careleaf.project import Project
from careleaf.render.html import RenderOptions, make_environment, render_html

from conftest import (
    AFTER_RUB,
    ES_STRINGS,
    REPO,
    TODAY,
    TODAY_ARG,
    FixtureProject,
    approve,
    clock_at,
    fill,
    more_items,
    one_line,
    start_spanish,
)
from structure import read_tagged

ENGLISH = "NOT FOR PATIENT USE"
SPANISH = "NO DESTINADO A PACIENTES"
ARABIC = "غير مخصص لاستخدام المرضى"
#: The day after the fixture handout's review fell due: every print is stamped REVIEW OVERDUE.
OVERDUE = date(2027, 6, 2)
STAMPED_EN = "output/not-for-patients/en/cramp.pdf"
STAMPED_ES = "output/not-for-patients/es/cramp.pdf"
WATERMARK_KEY = "not_for_patient_use: NOT FOR PATIENT USE"
VALIDATOR = REPO.parent / "shared/tools/verapdf/verapdf-ua"


def page_texts(path: Path) -> list[str]:
    """The text of each page as pdfium reads it (careleaf's page-words check reads it so too)."""
    document = pdfium.PdfDocument(path)
    try:
        texts = []
        for page in document:
            textpage = page.get_textpage()
            texts.append(one_line(textpage.get_text_bounded()))
        return texts
    finally:
        document.close()


def overdue_build(run, *args: str) -> None:
    with clock_at(OVERDUE):
        result = run("build", "--allow-overdue", *args)
    assert result.exit_code == 0, result.output


def spanish_draft(project: FixtureProject, run, watermark: str | None = SPANISH) -> None:
    """A draft Spanish translation whose strings give the watermark as ``watermark``
    (None: the key left out; "": left empty)."""
    start_spanish(project, run)
    if watermark is None:
        project.edit(ES_STRINGS, WATERMARK_KEY + "\n", "")
    else:
        project.edit(ES_STRINGS, WATERMARK_KEY, f'not_for_patient_use: "{watermark}"')


@pytest.mark.render
def test_stamped_print_has_the_english_watermark_once_on_every_page(
    project: FixtureProject, run
) -> None:
    overdue_build(run)
    pages = page_texts(project.path(STAMPED_EN))
    assert len(pages) == 3
    for page in pages:
        assert page.count(ENGLISH) == 1, page
        assert "REVIEW OVERDUE - not for patient use" in page  # the stamps stay as they were


@pytest.mark.render
def test_translation_has_the_watermark_in_its_language_too(project: FixtureProject, run) -> None:
    spanish_draft(project, run)
    result = run("build", TODAY_ARG, "--drafts")
    assert result.exit_code == 0, result.output
    pages = page_texts(project.path(STAMPED_ES))
    assert len(pages) == 3
    for page in pages:
        assert page.count(ENGLISH) == 1 and page.count(SPANISH) == 1, page
    # The English leaflet is patient-ready: no watermark, in either language.
    assert all(ENGLISH not in page for page in page_texts(project.path("output/en/cramp.pdf")))


@pytest.mark.render
def test_right_to_left_watermark_line_is_set_right_to_left(project: FixtureProject, run) -> None:
    assert run("translate", "init", "ar").exit_code == 0
    ar = "handouts/cramp/ar.yaml"
    project.write(ar, fill(project.read(ar), "نص"))
    strings = project.read("handouts/_strings/en.yaml").replace("language: en", "language: ar")
    project.write(
        "handouts/_strings/ar.yaml",
        strings.replace(WATERMARK_KEY, f'not_for_patient_use: "{ARABIC}"'),
    )
    proj = Project.open(project.root)
    catalog = read_catalog(proj, TODAY, languages=["ar"], drafts=True)
    [leaflet] = catalog.leaflets
    html = render_html(
        make_environment(proj.templates_dir),
        leaflet,
        catalog.clinic,
        dict.fromkeys(("home_care", "warning_signs", "prevention"), 14.0),
        RenderOptions(banners=leaflet.banners, watermark=True),
    )
    assert f'<p class="watermark-line" lang="ar" dir="rtl">{ARABIC}</p>' in html
    assert f'<p class="watermark-line" lang="en" dir="ltr">{ENGLISH}</p>' in html
    result = run("build", TODAY_ARG, "--drafts", "--lang", "ar")
    assert result.exit_code == 0, result.output  # the page-words check found every word
    pages = page_texts(project.path("output/not-for-patients/ar/cramp.pdf"))
    assert len(pages) == 3
    assert all(ENGLISH in page and "المرضى" in page for page in pages)


@pytest.mark.render
def test_large_print_has_the_watermark_on_every_page(project: FixtureProject, run) -> None:
    text = "Keep the muscle warm and move it gently through the day. " * 5
    project.edit("handouts/cramp/en.yaml", AFTER_RUB, AFTER_RUB + more_items(7, text.strip()))
    project.sign_off()
    overdue_build(run, "--variant", "large-print")
    pages = page_texts(project.path("output/not-for-patients/large-print/en/cramp.pdf"))
    assert len(pages) > 3  # continuation pages too
    assert all(page.count(ENGLISH) == 1 for page in pages)


@pytest.mark.render
def test_bilingual_print_has_the_watermark_on_every_facing_page(
    project: FixtureProject, run
) -> None:
    spanish_draft(project, run)
    result = run("build", TODAY_ARG, "--drafts", "--bilingual", "en")
    assert result.exit_code == 0, result.output
    pages = page_texts(project.path("output/not-for-patients/bilingual-en/es/cramp.pdf"))
    assert len(pages) == 6
    # The English pages face a draft: the print is stamped, so they carry it too.
    for english, spanish in zip(pages[::2], pages[1::2], strict=True):
        assert english.count(ENGLISH) == 1 and SPANISH not in english
        assert spanish.count(ENGLISH) == 1 and spanish.count(SPANISH) == 1


@pytest.mark.render
def test_patient_ready_print_has_no_watermark(project: FixtureProject, run) -> None:
    spanish_draft(project, run)
    approve(project)
    assert run("build", TODAY_ARG, "--bilingual", "en").exit_code == 0
    assert run("build", TODAY_ARG).exit_code == 0
    assert run("build", TODAY_ARG, "--variant", "large-print").exit_code == 0
    for pdf in sorted(project.path("output").rglob("*.pdf")):
        assert "not-for-patients" not in pdf.parts
        for page in page_texts(pdf):
            assert ENGLISH not in page and SPANISH not in page, pdf


@pytest.mark.parametrize("given", [None, ""], ids=["left-out", "empty"])
@pytest.mark.render
def test_strings_without_the_optional_key_print_english_and_miss_nothing(
    project: FixtureProject, run, given: str | None
) -> None:
    spanish_draft(project, run, watermark=given)
    status = run("translate", "status", "es")
    assert status.exit_code == 0, status.output
    assert "not_for_patient_use" not in status.output
    assert "UI string" not in status.output
    result = run("build", TODAY_ARG, "--drafts")
    assert result.exit_code == 0, result.output
    for page in page_texts(project.path(STAMPED_ES)):
        assert page.count(ENGLISH) == 1, page  # English only, once
    # Nothing is missing for an approval either; approved, it prints patient-ready.
    approve(project)
    assert run("build", TODAY_ARG).exit_code == 0
    assert all(ENGLISH not in page for page in page_texts(project.path("output/es/cramp.pdf")))


@pytest.mark.render
def test_watermark_is_an_artifact_not_read_by_screen_readers(project: FixtureProject, run) -> None:
    spanish_draft(project, run)
    assert run("build", TODAY_ARG, "--drafts").exit_code == 0
    tagged = read_tagged(project.path(STAMPED_ES))
    # Case matters: the stamp says "not for patient use" too, and it is read.
    assert ENGLISH not in tagged.text and SPANISH not in tagged.text
    assert "DRAFT TRANSLATION - not for patient use" in tagged.text  # the stamp is read, once
    for artifacts in tagged.artifacts:
        assert ENGLISH in one_line(artifacts) and SPANISH in one_line(artifacts)


@pytest.mark.render
def test_stamped_prints_pass_pdf_ua(project: FixtureProject, run) -> None:
    assert VALIDATOR.is_file(), f"veraPDF is missing: {VALIDATOR}"
    spanish_draft(project, run)
    assert run("build", TODAY_ARG, "--drafts").exit_code == 0
    assert run("build", TODAY_ARG, "--drafts", "--bilingual", "en").exit_code == 0
    overdue_build(run, "--variant", "large-print")
    pdfs = sorted(str(p) for p in project.path("output/not-for-patients").rglob("*.pdf"))
    assert len(pdfs) == 3
    checked = subprocess.run(
        [str(VALIDATOR), *pdfs], capture_output=True, text=True, timeout=600, check=False
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.count("compliant: true") == 3


def grey_pixels(path: Path) -> tuple[int, int]:
    """Pixels of page 1 (at 72 dpi) that are a light neutral grey, the watermark's
    (R == G == B, lighter than text, darker than white), and those of a light hue."""
    document = pdfium.PdfDocument(path)
    try:
        image = document[0].render(scale=1).to_pil().convert("RGB")
    finally:
        document.close()
    grey = hue = 0
    for count, (r, g, b) in image.getcolors(maxcolors=1 << 24) or ():
        if min(r, g, b) >= 160 and max(r, g, b) <= 225:
            if r == g == b:
                grey += count
            elif max(r, g, b) - min(r, g, b) > 12:
                hue += count
    return grey, hue


@pytest.mark.render
def test_watermark_is_light_grey_without_colour(project: FixtureProject, run) -> None:
    assert run("build", TODAY_ARG).exit_code == 0
    plain_grey, plain_hue = grey_pixels(project.path("output/en/cramp.pdf"))
    overdue_build(run)
    stamped_grey, stamped_hue = grey_pixels(project.path(STAMPED_EN))
    # Thousands of light grey pixels more (the big diagonal letters), and no more of a
    # light hue: it stays in a greyscale print and does not hide the text.
    assert stamped_grey > plain_grey + 3000, (plain_grey, stamped_grey)
    assert stamped_hue <= plain_hue + 50, (plain_hue, stamped_hue)


def test_an_export_does_not_count_the_optional_string_as_missing(
    project: FixtureProject, run
) -> None:
    start_spanish(project, run)
    project.edit(ES_STRINGS, "not_for_patient_use: NOT FOR PATIENT USE\n", "")
    result = run("translate", "export", "es", "--out", "es.po")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "wrote es.po: 34 units (33 current, 0 stale, 0 missing, 1 optional left out)\n"
    )
