"""Bilingual leaflets: each translation's pages facing the source's, tagged per language."""

from __future__ import annotations

import json

import pikepdf
import pytest

from conftest import ES, TODAY_ARG, FixtureProject, approve, one_line, pdf_pages, start_spanish

BILINGUAL = "output/bilingual-en/es/cramp.pdf"
HEADINGS = ("Caring for yourself at home", "When to get help", "Stopping it coming back")


def spanish(project: FixtureProject, run) -> None:
    start_spanish(project, run)
    approve(project)


@pytest.mark.render
def test_pages_alternate_source_then_translation(project: FixtureProject, run) -> None:
    spanish(project, run)
    result = run("build", TODAY_ARG, "--bilingual", "en")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"built {BILINGUAL}  6 pages, body 14/14/14 pt, "
        f"{project.path(BILINGUAL).stat().st_size / 1024:.0f} KiB",
        "careleaf: 1 built, 0 failed",
    ]
    pages = [one_line(p) for p in pdf_pages(project.path(BILINGUAL))]
    assert len(pages) == 6
    for number, heading in enumerate(HEADINGS):
        english, translated = pages[2 * number], pages[2 * number + 1]
        assert english.startswith("Leg cramp") and heading in english
        assert translated.startswith("Texto 1")  # the Spanish title
        assert f"page {number + 1} of 3" in english and f"page {number + 1} of 3" in translated
    assert "Rub the muscle to help it relax." in pages[0]
    assert "Rub the muscle" not in pages[1] and "Texto" in pages[1]
    # Each single-language leaflet is left alone.
    assert not project.path("output/es/cramp.pdf").exists()


@pytest.mark.render
def test_pdf_opens_side_by_side_and_tags_each_language(project: FixtureProject, run) -> None:
    spanish(project, run)
    assert run("build", TODAY_ARG, "--bilingual", "en").exit_code == 0
    with pikepdf.open(project.path(BILINGUAL)) as pdf:
        assert pdf.Root.PageLayout == "/TwoPageLeft"
        assert pdf.Root.Lang == "en"
        assert pdf.docinfo.Title == "Leg cramp / Texto 1"
        pages = [page.objgen for page in pdf.pages]
        document = pdf.Root.StructTreeRoot.K[0]
        sections = [(pages.index(k.Pg.objgen), str(k.get("/Lang", "-"))) for k in document.K]
        assert sections == [(0, "-"), (1, "es"), (2, "-"), (3, "es"), (4, "-"), (5, "es")]


@pytest.mark.render
def test_each_page_is_the_page_printed_alone(project: FixtureProject, run) -> None:
    spanish(project, run)
    assert run("build", TODAY_ARG).exit_code == 0
    assert run("build", TODAY_ARG, "--bilingual", "en").exit_code == 0
    alone = {tag: pdf_pages(project.path(f"output/{tag}/cramp.pdf")) for tag in ("en", "es")}
    pages = pdf_pages(project.path(BILINGUAL))
    assert pages[0::2] == alone["en"]
    assert pages[1::2] == alone["es"]


@pytest.mark.render
def test_draft_translation_is_skipped_unless_drafts(project: FixtureProject, run) -> None:
    start_spanish(project, run)
    result = run("build", TODAY_ARG, "--bilingual", "en")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f"skipped {ES}: draft translation, not approved; build with --drafts to print it "
        "stamped 'DRAFT TRANSLATION - not for patient use'",
        "careleaf: 0 built, 1 skipped, 0 failed",
    ]
    assert run("build", TODAY_ARG, "--bilingual", "en", "--drafts").exit_code == 0
    assert not project.path(BILINGUAL).exists()  # a stamped print never sits among the others
    pages = pdf_pages(project.path("output/not-for-patients/bilingual-en/es/cramp.pdf"))
    assert "DRAFT TRANSLATION" not in pages[0]
    assert all("DRAFT TRANSLATION - not for patient use" in page for page in pages[1::2])


def test_pairing_with_a_draft_language_says_why(project: FixtureProject, run) -> None:
    start_spanish(project, run)
    result = run("build", TODAY_ARG, "--bilingual", "es")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "skipped handouts/cramp/en.yaml: its 'es' page cannot be printed: draft translation, "
        "not approved; build with --drafts to print it stamped 'DRAFT TRANSLATION - not for "
        "patient use'",
        "careleaf: 0 built, 1 skipped, 0 failed",
    ]


@pytest.mark.render
def test_language_selection_keeps_the_pairing_language(project: FixtureProject, run) -> None:
    spanish(project, run)
    result = run("build", TODAY_ARG, "--bilingual", "en", "--lang", "es")
    assert result.exit_code == 0, result.output
    assert project.path(BILINGUAL).exists()


@pytest.mark.render
def test_clinic_language_list_keeps_the_pairing_language(project: FixtureProject, run) -> None:
    spanish(project, run)
    project.edit("handouts/clinic.yaml", "paper_size: A4\n", "paper_size: A4\nlanguages: [es]\n")
    assert run("build", TODAY_ARG).stdout.splitlines()[0].startswith("built output/es/cramp.pdf")
    result = run("build", TODAY_ARG, "--bilingual", "en")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].startswith(f"built {BILINGUAL}")


@pytest.mark.render
def test_manifest_and_incremental_rebuild(project: FixtureProject, run) -> None:
    spanish(project, run)
    assert run("build", TODAY_ARG, "--bilingual", "en").exit_code == 0
    manifest = json.loads(project.read("output/bilingual-en/manifest.json"))
    [entry] = manifest["outputs"]
    assert (entry["path"], entry["language"], entry["pages"]) == ("es/cramp.pdf", "es", 6)
    assert entry["variant"] == "bilingual-en"
    again = run("build", TODAY_ARG, "--bilingual", "en")
    assert again.stdout.splitlines()[0] == f"up to date {BILINGUAL}"
    # Only the facing English pages change (their UI strings, signed off with the English
    # text): printed again.
    project.edit("handouts/_strings/en.yaml", "page {n} of {m}", "page {n} / {m}")
    project.sign_off()
    result = run("build", TODAY_ARG, "--bilingual", "en")
    assert result.stdout.splitlines()[0].startswith(f"built {BILINGUAL}")
    pages = [one_line(p) for p in pdf_pages(project.path(BILINGUAL))]
    assert "page 1 / 3" in pages[0] and "page 1 of 3" in pages[1]


def test_bilingual_usage_errors(project: FixtureProject, run) -> None:
    result = run("build", TODAY_ARG, "--bilingual", "en", "--variant", "large-print")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: --bilingual pairs standard leaflets; it cannot be used with --variant large-print"
    )
    result = run("build", TODAY_ARG, "--bilingual", "fr")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "Error: --bilingual fr: no handout has that language"
