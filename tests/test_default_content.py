"""The handout the project ships: it builds, and nothing unsafe ever reaches it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import REPO, TODAY_ARG, one_line, pdf_pages

# From the content brief's "Never on a leaflet" list.
NEVER = [
    "fly agaric",
    "datura",
    "celandine",
    "adonis",
    "wormwood",
    "turpentine",
    "ammonia",
    "dimexide",
    "horse chestnut",
    "vodka",
    "tincture",
    "magnet",
    "cork",
    "mydocalm",
    "sirdalud",
    "baclofen",
    "diclofenac",
    "ketorol",
    "prednisolone",
    "neuro seliron",
    "pregarica",
    "pillspalace",
    "not sold in pharmacies",
    "guarantee",
    "cure",
    "horizontal bar",
    "injection",
    r"\bmg\b",
    "price",
]


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    from click.testing import CliRunner

    from careleaf.cli import cli

    out = tmp_path_factory.mktemp("default")
    # Sample content that nobody has signed off prints only as a draft, stamped.
    args = ["build", "--project", str(REPO), TODAY_ARG, "--drafts", "--out", str(out)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    stamped = Path(out) / "not-for-patients"
    return [one_line(text) for text in pdf_pages(stamped / "en" / "muscle-spasm.pdf")]


@pytest.mark.render
def test_default_handout_has_three_sections(pages: list[str]) -> None:
    assert len(pages) == 3
    assert "Caring for yourself at home" in pages[0]
    assert "When to get help" in pages[1]
    assert "Stopping it coming back" in pages[2]
    for number, page in enumerate(pages, start=1):
        assert "Muscle spasm" in page
        assert "does not take the place of advice from your doctor" in page
        assert "Not reviewed yet - no reviewer has signed this text off" in page
        # Nobody signed the sample off, nor confirmed the sample clinic's details.
        assert "NOT SIGNED OFF, CLINIC NOT CONFIRMED - not for patient use" in page
        assert f"page {number} of 3" in page


@pytest.mark.render
def test_default_handout_warning_page_has_the_numbers(pages: list[str]) -> None:
    assert "EMERGENCY Call 911 now" in pages[1]
    assert "(217) 555-0100" in pages[1]


@pytest.mark.parametrize("term", NEVER)
@pytest.mark.render
def test_nothing_from_the_never_list(pages: list[str], term: str) -> None:
    for page in pages:
        assert not re.search(term, page, re.IGNORECASE)


def test_sample_content_is_honestly_not_signed_off() -> None:
    text = (REPO / "handouts/muscle-spasm/handout.yaml").read_text(encoding="utf-8")
    assert "not yet signed off by a clinician" in text
    assert "sign_off:" not in text


SHIPPED = ["ar", "de", "en", "es", "fr"]


def test_every_shipped_language_has_complete_ui_strings() -> None:
    from careleaf.catalog.uistrings import StringsReader
    from careleaf.project import Project

    reader = StringsReader(Project.open(REPO))
    tags = sorted(p.stem for p in (REPO / "handouts/_strings").glob("*.yaml"))
    assert tags == SHIPPED
    for tag in tags:
        result = reader.read(tag, "en")
        assert result.problems == ()
        assert result.missing == ()
        assert result.strings is not None


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    from click.testing import CliRunner

    from careleaf.cli import cli

    out = tmp_path_factory.mktemp("drafts")
    plain = CliRunner().invoke(
        cli, ["build", "--project", str(REPO), TODAY_ARG, "--out", str(out / "p")]
    )
    assert plain.exit_code == 0, plain.output
    result = CliRunner().invoke(
        cli, ["build", "--project", str(REPO), TODAY_ARG, "--drafts", "--out", str(out / "d")]
    )
    assert result.exit_code == 0, result.output
    return out, plain.stdout


@pytest.mark.parametrize("tag", ["ar", "de", "es", "fr"])
@pytest.mark.render
def test_default_build_skips_draft_translations_with_reason(
    drafts: tuple[Path, str], tag: str
) -> None:
    out, stdout = drafts
    assert (
        f"skipped handouts/muscle-spasm/{tag}.yaml: draft translation, not approved; its "
        "source handouts/muscle-spasm/en.yaml is not signed off"
    ) in stdout
    assert not (out / "p" / tag).exists()


@pytest.mark.render
def test_default_build_skips_the_unsigned_sample_and_says_how(drafts: tuple[Path, str]) -> None:
    out, stdout = drafts
    assert (
        "skipped handouts/muscle-spasm/en.yaml: not signed off (careleaf review sign-off "
        "muscle-spasm --by NAME); the clinic profile handouts/clinic.yaml is not confirmed "
        "(careleaf clinic confirm --by NAME); build with --drafts to print it stamped 'NOT "
        "SIGNED OFF, CLINIC NOT CONFIRMED - not for patient use'"
    ) in stdout
    assert stdout.endswith("careleaf: 0 built, 5 skipped, 0 failed\n")
    assert not (out / "p" / "en").exists()


@pytest.mark.parametrize("tag", ["ar", "de", "es", "fr"])
@pytest.mark.render
def test_drafts_build_every_translation_with_its_headings(
    drafts: tuple[Path, str], tag: str
) -> None:
    import yaml

    out, _ = drafts
    strings = yaml.safe_load((REPO / f"handouts/_strings/{tag}.yaml").read_text("utf-8"))
    pdf = out / "d" / "not-for-patients" / tag / "muscle-spasm.pdf"
    pages = [one_line(p) for p in pdf_pages(pdf)]
    assert len(pages) == 3
    for page, key in zip(pages, ("home_care", "warning_signs", "prevention"), strict=True):
        heading = one_line(strings["sections"][key])
        if tag != "ar":  # Arabic text comes out of the PDF in visual order
            assert heading in page
        banner = "DRAFT TRANSLATION, NOT SIGNED OFF, CLINIC NOT CONFIRMED - not for patient use"
        assert banner in page


@pytest.mark.render
def test_two_clinics_in_two_countries_print_their_own_leaflet(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """Riverside (US, Letter) and Thames Side (GB, A4): same content, own identity."""
    import pikepdf
    from click.testing import CliRunner

    from careleaf.cli import cli

    out = tmp_path_factory.mktemp("clinics")
    expected = {
        "handouts/clinic.yaml": (
            "Riverside Family Clinic",
            [
                "EMERGENCY Call 911 now",
                "(217) 555-0100",
                "When the clinic is closed, call (217) 555-0199",
            ],
            [612, 792],
        ),
        "handouts/_clinics/thames-gp.yaml": (
            "Thames Side GP Surgery",
            ["EMERGENCY Call 999 now", "020 7946 0000", "When the clinic is closed, call 111"],
            [595, 842],
        ),
    }
    for profile, (name, numbers, size) in expected.items():
        target = out / Path(profile).stem
        args = [
            "build",
            str(REPO),
            TODAY_ARG,
            "--drafts",
            "--clinic",
            str(REPO / profile),
            "--out",
            str(target),
        ]
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, result.output
        pdf = target / "not-for-patients" / "en" / "muscle-spasm.pdf"
        pages = [one_line(text) for text in pdf_pages(pdf)]
        assert len(pages) == 3
        assert all(name in page for page in pages)
        for number in numbers:
            assert number in pages[1]
        with pikepdf.open(pdf) as doc:
            assert [round(float(v)) for v in doc.pages[0].mediabox[2:]] == size


def test_checking_the_shipped_project_says_nothing_is_patient_ready(run) -> None:
    """ "0 checked" alone read like a pass: the shipped sample prints only as drafts."""
    result = run("check", "--project", str(REPO), "--no-layout")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-2:] == [
        "careleaf: nothing is patient-ready, so no leaflet was checked as patients would get "
        "it; check the drafts too with careleaf check --drafts",
        "careleaf: 0 validated, 5 skipped, 0 failed",
    ]
    drafts = run("check", "--project", str(REPO), "--no-layout", "--drafts")
    assert drafts.stdout.splitlines() == ["careleaf: 5 validated, 0 failed"]
