"""The tagged PDF as a screen reader gets it: what is read, once, in which language."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from careleaf.cli import cli
from careleaf.project import Project
from careleaf.review.confirm import confirm
from careleaf.review.signoff import sign_off

from conftest import REPO, TODAY_ARG, FixtureProject, clock_at
from structure import read_tagged

pytestmark = pytest.mark.render  # every test here renders PDFs


PDF = "output/en/cramp.pdf"
CLINIC = "handouts/clinic.yaml"
DISCLAIMER = "General information only. Ask your doctor if you are worried."
REVIEW = "Reviewed June 1, 2026 - Next review due June 1, 2027"
URL = "https://clinic.example/leaflets/{lang}/{handout}"
SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><rect width="4" height="4"/></svg>'
STAMP = "DRAFT TRANSLATION - not for patient use"


def test_disclaimer_and_review_dates_are_read_once_after_the_content(
    project: FixtureProject, run
) -> None:
    assert run("build", TODAY_ARG).exit_code == 0
    tagged = read_tagged(project.path(PDF))
    assert tagged.text.count(DISCLAIMER) == 1
    assert tagged.text.count(REVIEW) == 1
    assert tagged.text.endswith(f"{DISCLAIMER} {REVIEW}")
    assert "page 1 of 3" not in tagged.text
    # Every page still prints them: as pagination artifacts where they repeat.
    artifacts = [" ".join(text.split()) for text in tagged.artifacts]
    for number, text in enumerate(artifacts, start=1):
        assert f"page {number} of 3" in text
    assert all(DISCLAIMER in text and REVIEW in text for text in artifacts[:2])


def test_icons_are_decoration_and_every_figure_has_alt_text(project: FixtureProject, run) -> None:
    project.write("handouts/_assets/logo.svg", SVG)
    project.edit(
        CLINIC,
        "paper_size: A4",
        f"paper_size: A4\nleaflet_url: {URL}\nlogo:\n  file: handouts/_assets/logo.svg\n"
        "  alt: Test Clinic logo",
    )
    project.confirm_clinic()
    assert run("build", TODAY_ARG).exit_code == 0
    tagged = read_tagged(project.path(PDF))
    alts = [figure.alt for figure in tagged.elements("/Figure")]
    assert alts == [
        "Test Clinic logo",
        "Test Clinic logo",
        "Test Clinic logo",
        "QR code that opens this leaflet online: https://clinic.example/leaflets/en/cramp",
    ]
    # The about block beside the QR code is not announced as a data table.
    assert not tagged.elements("/Table")
    assert "Check for the latest version of this leaflet:" in tagged.text


def test_large_print_reads_stamps_first_and_footer_last_once(project: FixtureProject, run) -> None:
    with clock_at(date(2027, 6, 2)):
        result = run("build", "--allow-overdue", "--variant", "large-print")
    assert result.exit_code == 0, result.output
    tagged = read_tagged(project.path("output/not-for-patients/large-print/en/cramp.pdf"))
    assert tagged.text.startswith("REVIEW OVERDUE - not for patient use Leg cramp")
    assert tagged.text.count("REVIEW OVERDUE") == 1
    assert tagged.text.count(DISCLAIMER) == 1
    assert tagged.text.endswith(f"{DISCLAIMER} {REVIEW}")
    assert " of 3" not in tagged.text


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's handout, signed off, in Arabic and Spanish drafts, alone and facing
    English (the shipped sample is not signed off, so it is copied and signed off first)."""
    root = tmp_path_factory.mktemp("signed") / "project"
    for folder in ("handouts", "templates", "styles"):
        shutil.copytree(REPO / folder, root / folder)
    sign_off(Project.open(root), "muscle-spasm", "Dr Test Reviewer")
    confirm(Project.open(root), "Pat Practice-Manager")
    out = tmp_path_factory.mktemp("shipped")
    for extra in ([], ["--bilingual", "en"]):
        args = ["build", "--project", str(root), TODAY_ARG, "--drafts", "--out", str(out), *extra]
        result = CliRunner().invoke(cli, [*args, "--lang", "ar", "--lang", "es", "--lang", "en"])
        assert result.exit_code == 0, result.output
    return out


def test_english_stamp_on_a_translation_is_tagged_english(shipped: Path) -> None:
    tagged = read_tagged(shipped / "not-for-patients" / "ar" / "muscle-spasm.pdf")
    assert tagged.lang == "ar"
    assert tagged.text.startswith(STAMP)
    assert tagged.text.count(STAMP) == 1
    [stamps] = [e for e in tagged.elements("/Div") if e.lang == "en"]
    assert " ".join(stamps.all_text().split()) == STAMP
    assert all(kid.lang == "en" for kid in stamps.walk())
    assert all(e.lang is None for e in tagged.elements() if e not in stamps.walk())


def test_alt_texts_speak_the_leaflets_language(shipped: Path) -> None:
    tagged = read_tagged(shipped / "not-for-patients" / "ar" / "muscle-spasm.pdf")
    alts = [figure.alt for figure in tagged.elements("/Figure")]
    assert alts == [
        *["شعار Riverside Family Clinic"] * 3,
        "رمز QR يفتح هذه النشرة على الإنترنت: "
        "https://riverside-clinic.example/leaflets/ar/muscle-spasm",
    ]
    spanish = read_tagged(shipped / "not-for-patients" / "es" / "muscle-spasm.pdf")
    assert spanish.elements("/Figure")[0].alt == "Logotipo de Riverside Family Clinic"


def test_bilingual_leaflet_reads_each_languages_footer_once(shipped: Path) -> None:
    tagged = read_tagged(shipped / "not-for-patients" / "bilingual-en" / "es" / "muscle-spasm.pdf")
    english = "This leaflet gives general information only."
    spanish = "Este folleto solo da información general."
    assert tagged.text.count(english) == 1
    assert tagged.text.count(spanish) == 1
    assert tagged.text.count(STAMP) == 1
    sections = [e.lang for e in tagged.elements("/Sect")]
    assert sections == [None, "es"] * 3
