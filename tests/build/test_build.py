"""Building leaflets end to end: real WeasyPrint renders, checked as a reader sees them."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date

import pypdf
import pytest

from careleaf.errors import Location
from careleaf.render.fit import BODY_SIZES_PT
from careleaf.render.pdf import Layout, Renderer

from conftest import AFTER_RUB, TODAY_ARG, FixtureProject, clock_at, more_items, one_line, pdf_pages

PDF = "output/en/cramp.pdf"
LONG_TEXT = ("Keep the muscle warm and move it gently through the day. " * 5).strip()


def add_long_items(project: FixtureProject, count: int) -> None:
    """Lengthen the home-care page, then sign the handout off as it now stands."""
    project.edit("handouts/cramp/en.yaml", AFTER_RUB, AFTER_RUB + more_items(count, LONG_TEXT))
    project.sign_off()


@pytest.mark.render
def test_build_writes_three_pages_in_section_order(project: FixtureProject, run) -> None:
    result = run("build", TODAY_ARG)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "built output/en/cramp.pdf  3 pages, body 14/14/14 pt, "
        f"{project.path(PDF).stat().st_size / 1024:.0f} KiB",
        "careleaf: 1 built, 0 failed",
    ]
    pages = [one_line(text) for text in pdf_pages(project.path(PDF))]
    assert len(pages) == 3
    assert "1 Caring for yourself at home" in pages[0]
    assert "Stretch. Gently stretch the muscle and hold it." in pages[0]
    assert "2 When to get help" in pages[1]
    assert "You have trouble breathing." in pages[1]
    assert "3 Stopping it coming back" in pages[2]
    assert "Drink water. Drink water through the day." in pages[2]


@pytest.mark.render
def test_every_page_has_title_disclaimer_review_dates_and_number(
    project: FixtureProject, run
) -> None:
    assert run("build", TODAY_ARG).exit_code == 0
    for number, text in enumerate(pdf_pages(project.path(PDF)), start=1):
        page = one_line(text)
        assert "Leg cramp" in page
        assert "General information only. Ask your doctor if you are worried." in page
        assert "Reviewed June 1, 2026 - Next review due June 1, 2027" in page
        assert f"page {number} of 3" in page
        assert "REVIEW OVERDUE" not in page


@pytest.mark.render
def test_warning_page_shows_urgency_levels_and_numbers(project: FixtureProject, run) -> None:
    assert run("build", TODAY_ARG).exit_code == 0
    page = one_line(pdf_pages(project.path(PDF))[1])
    assert "EMERGENCY Call 999 now" in page
    assert "URGENT Contact a doctor today - call Test Clinic on 020 7946 0199" in page
    assert "SOON Book an appointment - call 020 7946 0199" in page
    assert page.index("EMERGENCY") < page.index("URGENT") < page.index("SOON")


@pytest.mark.render
def test_manifest_records_each_pdf(project: FixtureProject, run) -> None:
    assert run("build", TODAY_ARG).exit_code == 0
    manifest = json.loads(project.read("output/manifest.json"))
    [entry] = manifest["outputs"]
    import hashlib

    data = project.path(PDF).read_bytes()
    assert len(entry.pop("input_hash")) == 64
    # What the no-op check reads (tests/build/test_uptodate.py): the fonts depend on the machine.
    assert entry.pop("fonts") and entry.pop("source_language") == "en"
    assert entry.pop("valid_from") == "2026-06-01"
    assert entry == {
        "path": "en/cramp.pdf",
        "handout": "cramp",
        "language": "en",
        "pages": 3,
        "sha256": hashlib.sha256(data).hexdigest(),
        "bytes": len(data),
        "body_pt": {"home_care": 14.0, "warning_signs": 14.0, "prevention": 14.0},
        "review": {
            "signed_on": "2026-06-01",
            "next_review_due": "2027-06-01",
            "signed_by": "Dr Test Reviewer",
        },
        "patient_ready": True,
        "stamps": [],
        "review_overdue": False,
        "draft_translation": False,
        "variant": "standard",
        "printed_on": "2026-11-21",
        "layouts": 3,
    }


@pytest.mark.render
def test_pdf_metadata_comes_from_content(project: FixtureProject, run) -> None:
    assert run("build", TODAY_ARG).exit_code == 0
    reader = pypdf.PdfReader(project.path(PDF))
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "Leg cramp"
    assert meta.author == "Test Clinic Publications"
    assert meta.subject == "A tiny handout for tests"
    assert meta["/CreationDate"] == "D:20260601"
    assert meta["/ModDate"] == "D:20260601"
    assert reader.trailer["/Root"]["/Lang"] == "en"
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (210, 297)


@pytest.mark.render
def test_letter_paper_from_clinic_profile(project: FixtureProject, run) -> None:
    project.edit("handouts/clinic.yaml", "paper_size: A4", "paper_size: Letter")
    assert run("build", TODAY_ARG).exit_code == 0
    reader = pypdf.PdfReader(project.path(PDF))
    assert len(reader.pages) == 3
    assert [float(v) for v in reader.pages[0].mediabox.upper_right] == [612, 792]


@pytest.mark.render
def test_same_input_builds_byte_identical_pdfs(project: FixtureProject, run) -> None:
    assert run("build", TODAY_ARG).exit_code == 0
    first = project.path(PDF).read_bytes()
    project.path(PDF).unlink()
    assert run("build", TODAY_ARG, "--out", "again").exit_code == 0
    assert project.path("again/en/cramp.pdf").read_bytes() == first


def test_overdue_handout_is_not_built(project: FixtureProject, run) -> None:
    with clock_at(date(2027, 6, 2)):
        result = run("build")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "handouts/cramp/handout.yaml:13:20: review overdue: next review was due 2027-06-01; "
        "review the handout and sign it off again (careleaf review sign-off cramp --by "
        "NAME), or build with --allow-overdue for the review meeting",
        "careleaf: 0 built, 1 failed; 1 problem found",
    ]
    assert not project.path("output").exists()


@pytest.mark.render
def test_due_today_is_not_yet_overdue(project: FixtureProject, run) -> None:
    with clock_at(date(2027, 6, 1)):
        assert run("build").exit_code == 0
    assert "Reviewed June 1, 2026" in one_line(pdf_pages(project.path(PDF))[0])


@pytest.mark.render
def test_allow_overdue_marks_every_page(project: FixtureProject, run) -> None:
    with clock_at(date(2027, 6, 2)):
        result = run("build", "--allow-overdue")
    assert result.exit_code == 0, result.output
    assert "REVIEW OVERDUE" in result.stdout
    assert not project.path(PDF).exists()  # the patient copy is never replaced by a stamped one
    pages = pdf_pages(project.path("output/not-for-patients/en/cramp.pdf"))
    assert len(pages) == 3
    for text in pages:
        assert "REVIEW OVERDUE - not for patient use" in one_line(text)
    manifest = json.loads(project.read("output/not-for-patients/manifest.json"))
    assert manifest["outputs"][0]["review_overdue"] is True


@pytest.mark.render
def test_long_section_shrinks_text_but_keeps_one_page(project: FixtureProject, run) -> None:
    add_long_items(project, 7)
    result = run("build", TODAY_ARG)
    assert result.exit_code == 0, result.output
    entry = json.loads(project.read("output/manifest.json"))["outputs"][0]
    assert 12.0 <= entry["body_pt"]["home_care"] < 14.0
    assert entry["body_pt"]["prevention"] == 14.0
    assert len(pdf_pages(project.path(PDF))) == 3


@pytest.mark.render
def test_a_retry_lays_out_again_only_the_section_that_spills(
    project: FixtureProject, run, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_long_items(project, 7)
    laid_out: list[tuple[str, ...]] = []
    original = Renderer.layout

    def counting(
        self: Renderer, html: str, css: str, ids: Sequence[str], where: Location
    ) -> Layout:
        laid_out.append(tuple(ids))
        return original(self, html, css, ids, where)

    monkeypatch.setattr(Renderer, "layout", counting)
    assert run("build", TODAY_ARG, "--jobs", "1").exit_code == 0
    [entry] = json.loads(project.read("output/manifest.json"))["outputs"]
    assert entry["body_pt"]["home_care"] < 14.0
    # One layout of the whole leaflet, then the home-care page alone at predicted sizes.
    assert laid_out[0] == ("home_care", "warning_signs", "prevention")
    retries = laid_out[1:]
    assert retries and set(retries) == {("home_care",)}
    assert len(retries) < len(BODY_SIZES_PT) - 1  # predicted, not stepped through
    assert entry["layouts"] == 3 + len(retries)  # section layouts: each section, each size


@pytest.mark.render
def test_overflow_fails_naming_file_section_and_words(project: FixtureProject, run) -> None:
    add_long_items(project, 10)
    result = run("build", TODAY_ARG)
    assert result.exit_code == 1
    [message, summary] = result.stderr.splitlines()
    assert message.startswith(
        "handouts/cramp/en.yaml:5:1: 'home_care' does not fit on one page even with 12 pt "
        "text: about "
    )
    assert message.endswith(" words too long")
    words = int(message.split("about ")[1].split()[0])
    assert 20 < words < 400
    assert summary == "careleaf: 0 built, 1 failed; 1 problem found"
    assert not project.path(PDF).exists()


@pytest.mark.render
def test_content_markup_prints_as_typed(project: FixtureProject, run) -> None:
    typed = "<b>Bold</b> <script>alert(1)</script> {{ 7*7 }} {% if x %}"
    project.edit(
        "handouts/cramp/en.yaml",
        "text: Rub the muscle to help it relax.",
        f"text: '{typed}'",
    )
    project.sign_off()
    assert run("build", TODAY_ARG).exit_code == 0
    assert typed in one_line(pdf_pages(project.path(PDF))[0])


@pytest.mark.render
def test_broken_handout_does_not_stop_the_others(project: FixtureProject, run) -> None:
    project.add_handout("other")
    project.edit("handouts/cramp/en.yaml", "title: Leg cramp", "title: ''")
    result = run("build", TODAY_ARG)
    assert result.exit_code == 1
    assert "built output/en/other.pdf" in result.stdout
    assert result.stderr.splitlines() == [
        "handouts/cramp/en.yaml:2:8: 'title' must not be blank",
        "careleaf: 1 built, 1 failed; 1 problem found",
    ]
    assert not project.path(PDF).exists()
    assert len(pdf_pages(project.path("output/en/other.pdf"))) == 3


@pytest.mark.render
def test_failed_rebuild_leaves_previous_good_pdf(project: FixtureProject, run) -> None:
    assert run("build", TODAY_ARG).exit_code == 0
    good = project.path(PDF).read_bytes()
    project.edit("handouts/cramp/en.yaml", "title: Leg cramp", "title: ''")
    assert run("build", TODAY_ARG).exit_code == 1
    assert project.path(PDF).read_bytes() == good
    leftovers = [p.name for p in project.path("output/en").iterdir()]
    assert leftovers == ["cramp.pdf"]


@pytest.mark.render
def test_narrow_by_handout_and_language_and_redirect(project: FixtureProject, run) -> None:
    project.add_handout("other")
    result = run("build", TODAY_ARG, "--handout", "other", "--lang", "en", "--out", "dist")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in project.path("dist/en").iterdir()) == ["other.pdf"]
    manifest = json.loads(project.read("dist/manifest.json"))
    assert [e["path"] for e in manifest["outputs"]] == ["en/other.pdf"]
    assert not project.path("output").exists()


@pytest.mark.render
def test_manifest_keeps_entries_of_earlier_builds(project: FixtureProject, run) -> None:
    project.add_handout("other")
    assert run("build", TODAY_ARG).exit_code == 0
    assert run("build", TODAY_ARG, "--handout", "other").exit_code == 0
    manifest = json.loads(project.read("output/manifest.json"))
    assert [e["path"] for e in manifest["outputs"]] == ["en/cramp.pdf", "en/other.pdf"]


@pytest.mark.render
def test_check_renders_but_writes_nothing(project: FixtureProject, run) -> None:
    result = run("check", TODAY_ARG)
    assert result.exit_code == 0, result.output
    assert result.stdout == "careleaf: 1 checked, 0 failed\n"
    assert not project.path("output").exists()


@pytest.mark.render
def test_check_reports_overflow(project: FixtureProject, run) -> None:
    add_long_items(project, 10)
    result = run("check", TODAY_ARG)
    assert result.exit_code == 1
    assert "'home_care' does not fit on one page even with 12 pt text" in result.stderr
    assert run("check", TODAY_ARG, "--no-layout").exit_code == 0


@pytest.mark.render
def test_footer_is_never_silently_clipped(project: FixtureProject, run) -> None:
    """A near-full page with a long disclaimer once lost its last footer lines in layout."""
    project.edit(
        "handouts/cramp/en.yaml",
        AFTER_RUB,
        AFTER_RUB
        + "    - heading: Extra  advice\n      text: Short one.\n      id: short\n"
        + more_items(1, LONG_TEXT, heading="More", prefix="more")
        + more_items(5, LONG_TEXT),
    )
    project.edit(
        "handouts/cramp/en.yaml",
        "disclaimer: General information only. Ask your doctor if you are worried.",
        "disclaimer: " + ("General information only. Ask your doctor if you are worried. " * 6),
    )
    project.sign_off()
    result = run("build", TODAY_ARG, "--jobs", "1")
    assert result.exit_code == 0, result.output
    for number, text in enumerate(pdf_pages(project.path(PDF)), start=1):
        page = one_line(text)
        assert "Reviewed June 1, 2026 - Next review due June 1, 2027" in page
        assert f"page {number} of 3" in page


def test_a_build_as_of_another_day_prints_nothing_for_patients(
    project: FixtureProject, run
) -> None:
    """--today plans: a back-dated build of a signed handout is skipped, and says why."""
    result = run("build", "--today=2026-09-01")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "skipped handouts/cramp/en.yaml: planned as of 2026-09-01 (--today), and a print for "
        "patients is dated by the real date, 2026-11-21; build with --drafts to print it "
        "stamped 'PLANNING COPY - not for patient use'",
        "careleaf: 0 built, 1 skipped, 0 failed",
    ]
    assert not project.path("output").exists()


@pytest.mark.render
def test_a_back_dated_build_of_an_overdue_handout_is_only_a_planning_copy(
    project: FixtureProject, run
) -> None:
    """The hole: `build --today <a past date>` printed an overdue handout patient-ready."""
    with clock_at(date(2027, 6, 2)):  # overdue since yesterday
        result = run("build", "--today=2027-05-01")
        assert result.exit_code == 0, result.output
        assert not project.path(PDF).exists()
        result = run("build", "--today=2027-05-01", "--drafts")
    assert result.exit_code == 0, result.output
    assert not project.path(PDF).exists()
    pages = pdf_pages(project.path("output/not-for-patients/en/cramp.pdf"))
    assert len(pages) == 3
    for text in pages:
        assert "PLANNING COPY - not for patient use" in one_line(text)
    [entry] = json.loads(project.read("output/not-for-patients/manifest.json"))["outputs"]
    assert (entry["patient_ready"], entry["stamps"]) == (False, ["PLANNING COPY"])


@pytest.mark.render
def test_a_planning_build_leaves_the_patient_ready_folder_alone(
    project: FixtureProject, run
) -> None:
    assert run("build").exit_code == 0
    before = (project.path(PDF).read_bytes(), project.read("output/manifest.json"))
    result = run("build", "--today=2027-06-02", "--allow-overdue")  # a year on: overdue then
    assert result.exit_code == 0, result.output
    assert (project.path(PDF).read_bytes(), project.read("output/manifest.json")) == before
    [entry] = json.loads(project.read("output/not-for-patients/manifest.json"))["outputs"]
    assert entry["stamps"] == ["REVIEW OVERDUE", "PLANNING COPY"]
