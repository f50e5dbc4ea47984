"""Clinic profiles and print formats: regions, other clinics, paper, tagged PDF, alt text."""

from __future__ import annotations

import json
from datetime import date

import pikepdf
import pytest

from conftest import FICTIONAL_PHONE, TODAY_ARG, FixtureProject, clock_at, one_line, pdf_pages

CLINIC = "handouts/clinic.yaml"
PDF = "output/en/cramp.pdf"
URL = "https://clinic.example/leaflets/{lang}/{handout}"


def set_region(project: FixtureProject, region: str, extra: str = "") -> None:
    """Move the fixture clinic to ``region``, with a number of that region reserved for fiction."""
    project.write(
        CLINIC,
        f"name: Test Clinic\nphone: {FICTIONAL_PHONE[region]}\nregion: {region}\n{extra}"
        "paper_size: A4\n",
    )
    project.confirm_clinic()  # its printed details are new: staff confirm them


@pytest.mark.parametrize(
    ("region", "shown"),
    [
        ("GB", "Call 999 now"),
        ("US", "Call 911 now"),
        ("AU", "Call 000 now"),
    ],
)
@pytest.mark.render
def test_region_gives_the_emergency_number(
    project: FixtureProject, run, region: str, shown: str
) -> None:
    set_region(project, region)
    assert run("build", TODAY_ARG).exit_code == 0
    assert shown in one_line(pdf_pages(project.path(PDF))[1])


@pytest.mark.render
def test_region_may_be_written_in_lower_case(project: FixtureProject, run) -> None:
    project.edit(CLINIC, "region: GB", "region: gb")
    assert run("build", TODAY_ARG).exit_code == 0
    assert "Call 999 now" in one_line(pdf_pages(project.path(PDF))[1])


@pytest.mark.render
def test_override_beats_the_region(project: FixtureProject, run) -> None:
    project.edit(CLINIC, "region: GB", "region: GB\nemergency_number: '112'")
    project.confirm_clinic()
    result = run("build", TODAY_ARG)
    assert result.exit_code == 0
    assert result.stderr == ""  # 112 is an emergency number in GB too: no warning
    assert "Call 112 now" in one_line(pdf_pages(project.path(PDF))[1])


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("region: GB\n", "", "handouts/clinic.yaml:1:1: 'region' is required"),
        (
            "region: GB",
            "region: XX",
            "handouts/clinic.yaml:3:9: 'region' is 'XX', which is not a country whose phone "
            "numbers careleaf knows; give its ISO 3166 code, such as GB or US",
        ),
        (  # a number of another country is dialled in international form, so valid anywhere
            "phone: 020 7946 0199\nregion: GB",
            "phone: +44 20 7946 0199\nregion: BR",
            "handouts/clinic.yaml:1:1: careleaf does not know the emergency number of region "
            "'BR'; set 'emergency_number'",
        ),
        (
            "region: GB",
            "region: Britain",
            "handouts/clinic.yaml:3:9: 'region' is 'Britain', which is not an ISO 3166 country "
            "code such as GB or US",
        ),
        ("phone: 020 7946 0199\n", "", "handouts/clinic.yaml:1:1: 'phone' is required"),
        (
            "name: Test Clinic",
            "name: Test Clinic\nwebsite: javascript:alert(1)",
            "handouts/clinic.yaml:2:10: 'website' is 'javascript:alert(1)', which is not a web "
            "address starting with https://",
        ),
    ],
)
def test_profile_problems_name_file_and_line(
    project: FixtureProject, run, old: str, new: str, message: str
) -> None:
    project.edit(CLINIC, old, new)
    result = run("check", TODAY_ARG, "--no-layout")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == message


@pytest.mark.render
def test_another_clinic_builds_into_its_own_folder(project: FixtureProject, run) -> None:
    project.write(
        "handouts/_clinics/north.yaml",
        "name: North Clinic\nphone: 02 5550 0123\nregion: AU\npaper_size: Letter\n",
    )
    project.confirm_clinic("handouts/_clinics/north.yaml")
    result = run("build", TODAY_ARG, "--clinic", "handouts/_clinics/north.yaml")
    assert result.exit_code == 0, result.output
    pdf = project.path("output/north/en/cramp.pdf")
    pages = [one_line(p) for p in pdf_pages(pdf)]
    assert len(pages) == 3
    assert "North Clinic" in pages[0]
    assert "Call 000 now" in pages[1] and "(02) 5550 0123" in pages[1]
    with pikepdf.open(pdf) as doc:
        assert [float(v) for v in doc.pages[0].mediabox[2:]] == [612, 792]
    assert not project.path("output/en").exists()


@pytest.mark.render
def test_paper_option_overrides_the_profile(project: FixtureProject, run) -> None:
    assert run("build", TODAY_ARG, "--paper", "letter").exit_code == 0
    assert not project.path(PDF).exists()  # the clinic's own A4 print keeps its place
    with pikepdf.open(project.path("output/letter/en/cramp.pdf")) as doc:
        assert len(doc.pages) == 3
        assert [float(v) for v in doc.pages[0].mediabox[2:]] == [612, 792]


@pytest.mark.render
def test_pdf_is_tagged_and_accessible(project: FixtureProject, run) -> None:
    assert run("build", TODAY_ARG).exit_code == 0
    with pikepdf.open(project.path(PDF)) as doc:
        root = doc.Root
        assert root.MarkInfo.Marked is True
        assert root.Lang == "en"
        assert root.ViewerPreferences.DisplayDocTitle is True
        assert "/StructTreeRoot" in root
        kinds = set()
        stack = [root.StructTreeRoot]
        while stack:
            node = stack.pop()
            if isinstance(node, pikepdf.Dictionary):
                if "/S" in node:
                    kinds.add(str(node.S))
                kids = node.get("/K")
                if isinstance(kids, pikepdf.Array):
                    stack.extend(kids)
                elif isinstance(kids, pikepdf.Dictionary):
                    stack.append(kids)
        assert {"/H1", "/H2", "/L", "/LI", "/P"} <= kinds


@pytest.mark.render
def test_image_without_alt_text_is_refused(project: FixtureProject, run) -> None:
    project.write(
        "templates/logo.svg", '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>'
    )
    project.edit(
        "templates/handout.html.j2", '<p class="clinic">', '<img src="logo.svg"><p class="clinic">'
    )
    result = run("build", TODAY_ARG)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "templates: image 'logo.svg' has no alt text; describe it with alt=\"...\" "
        '(alt="" if it is only decoration)'
    )
    project.edit(
        "templates/handout.html.j2",
        '<img src="logo.svg">',
        '<img src="logo.svg" alt="Test Clinic logo">',
    )
    assert run("build", TODAY_ARG).exit_code == 0


@pytest.mark.render
def test_preview_writes_one_png_per_page(project: FixtureProject, run) -> None:
    result = run("preview", "cramp", TODAY_ARG)
    assert result.exit_code == 0, result.output
    paths = result.stdout.splitlines()
    assert paths == [f"output/preview/en/cramp-{n}.png" for n in (1, 2, 3)]
    for rel in paths:
        data = project.path(rel).read_bytes()
        assert data.startswith(b"\x89PNG\r\n\x1a\n")
        width = int.from_bytes(data[16:20], "big")
        height = int.from_bytes(data[20:24], "big")
        assert (width, height) == (794, 1123)  # A4 at 96 dpi


@pytest.mark.render
def test_qr_code_decodes_to_the_leaflet_address(project: FixtureProject, run) -> None:
    import pypdfium2
    import zxingcpp

    project.edit(
        CLINIC,
        "paper_size: A4",
        f"paper_size: A4\nleaflet_url: {URL}",
    )
    project.confirm_clinic()
    assert run("build", TODAY_ARG).exit_code == 0, "build failed"
    url = "https://clinic.example/leaflets/en/cramp"
    page = one_line(pdf_pages(project.path(PDF))[2])
    assert f"Check for the latest version of this leaflet: {url}" in page
    document = pypdfium2.PdfDocument(str(project.path(PDF)))
    try:
        image = document[2].render(scale=200 / 72).to_pil()
    finally:
        document.close()
    assert [code.text for code in zxingcpp.read_barcodes(image)] == [url]


@pytest.mark.render
def test_qr_block_says_when_the_copy_was_printed_and_when_review_is_due(
    project: FixtureProject, run
) -> None:
    def printed() -> tuple[str, str]:
        page = one_line(pdf_pages(project.path(PDF))[2])
        line = page[page.index("Printed on") :].split(" You can get")[0]
        [entry] = json.loads(project.read("output/manifest.json"))["outputs"]
        return line, entry["printed_on"]

    assert run("build", TODAY_ARG).exit_code == 0
    assert "Printed on" not in one_line(pdf_pages(project.path(PDF))[2])  # no online version
    project.edit(CLINIC, "paper_size: A4", f"paper_size: A4\nleaflet_url: {URL}")
    project.confirm_clinic()
    assert run("build", "--today=2026-11-21").exit_code == 0
    assert printed() == ("Printed on November 21, 2026 - Review due June 1, 2027", "2026-11-21")
    # A copy that did not change keeps the day it was made; --force makes it again.
    with clock_at(date(2026, 11, 30)):
        result = run("build")
        assert result.stdout.splitlines()[0] == f"up to date {PDF}"
        assert printed() == ("Printed on November 21, 2026 - Review due June 1, 2027", "2026-11-21")
        assert run("build", "--force").exit_code == 0
    assert printed() == ("Printed on November 30, 2026 - Review due June 1, 2027", "2026-11-30")


def test_leaflet_url_placeholders_are_checked(project: FixtureProject, run) -> None:
    project.edit(
        CLINIC,
        "paper_size: A4",
        "paper_size: A4\nleaflet_url: https://clinic.example/{language}/{handout}",
    )
    result = run("check", TODAY_ARG, "--no-layout")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "handouts/clinic.yaml:5:14: 'leaflet_url' uses unknown placeholder {language}; "
        "only {lang} and {handout} are filled in"
    )


@pytest.mark.parametrize(
    ("region", "extra", "shown"),
    [
        ("GB", "", "When the clinic is closed, call 111"),
        (
            "GB",
            "out_of_hours_phone: 020 7946 0000\n",
            "When the clinic is closed, call 020 7946 0000 / 111",
        ),
        (
            "US",
            "out_of_hours_phone: 201-555-0100\n",
            "When the clinic is closed, call (201) 555-0100",
        ),
        ("US", "", None),
    ],
)
@pytest.mark.render
def test_warning_page_says_whom_to_call_when_the_clinic_is_closed(
    project: FixtureProject, run, region: str, extra: str, shown: str | None
) -> None:
    set_region(project, region, extra)
    assert run("build", TODAY_ARG).exit_code == 0
    page = one_line(pdf_pages(project.path(PDF))[1])
    number = {"GB": "020 7946 0199", "US": "(201) 555-0199"}[region]
    assert f"Contact a doctor today - call Test Clinic on {number}" in page
    if shown is None:
        assert "When the clinic is closed" not in page
    else:
        assert shown in page


@pytest.mark.render
def test_standard_leaflet_offers_large_print_and_other_languages(
    project: FixtureProject, run
) -> None:
    line = "You can get this leaflet in large print and in other languages. Ask Test Clinic."
    assert run("build", TODAY_ARG).exit_code == 0
    pages = [one_line(p) for p in pdf_pages(project.path(PDF))]
    assert [line in page for page in pages] == [False, False, True]
    assert run("build", TODAY_ARG, "--variant", "large-print").exit_code == 0
    large = " ".join(
        one_line(p) for p in pdf_pages(project.path("output/large-print/en/cramp.pdf"))
    )
    assert line not in large
