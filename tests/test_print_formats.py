"""Clinic profiles and print formats: regions, other clinics, paper, tagged PDF, alt text."""

from __future__ import annotations

import json

import pikepdf
import pytest

from conftest import TODAY_ARG, FixtureProject, one_line, pdf_pages

CLINIC = "handouts/clinic.yaml"
PDF = "output/en/cramp.pdf"
URL = "https://clinic.example/leaflets/{lang}/{handout}"


@pytest.mark.parametrize(
    ("region", "shown"),
    [
        ("GB", "Call 999 now"),
        ("US", "Call 911 now"),
        ("de", "Call 112 now"),
        ("AU", "Call 000 now"),
        ("JP", "Call 119 now"),
    ],
)
def test_region_gives_the_emergency_number(
    project: FixtureProject, run, region: str, shown: str
) -> None:
    project.edit(CLINIC, "emergency_number: '999'", f"region: {region}")
    assert run("build", TODAY_ARG).exit_code == 0
    assert shown in one_line(pdf_pages(project.path(PDF))[1])


def test_override_beats_the_region(project: FixtureProject, run) -> None:
    project.edit(CLINIC, "emergency_number: '999'", "region: GB\nemergency_number: '112'")
    assert run("build", TODAY_ARG).exit_code == 0
    assert "Call 112 now" in one_line(pdf_pages(project.path(PDF))[1])


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "emergency_number: '999'\n",
            "",
            "handouts/clinic.yaml:1:1: needs 'region' (an ISO 3166 country code) or "
            "'emergency_number'",
        ),
        (
            "emergency_number: '999'",
            "region: XX",
            "handouts/clinic.yaml:1:1: careleaf does not know the emergency number of region "
            "'XX'; set 'emergency_number'",
        ),
        (
            "emergency_number: '999'",
            "region: Britain",
            "handouts/clinic.yaml:3:9: 'region' is 'Britain', which is not an ISO 3166 country "
            "code such as GB or US",
        ),
        ("phone: 0100 555 0199\n", "", "handouts/clinic.yaml:1:1: 'phone' is required"),
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


def test_another_clinic_builds_into_its_own_folder(project: FixtureProject, run) -> None:
    project.write(
        "handouts/_clinics/north.yaml",
        "name: North Clinic\nphone: 0800 123 456\nregion: AU\npaper_size: Letter\n",
    )
    result = run("build", TODAY_ARG, "--clinic", "handouts/_clinics/north.yaml")
    assert result.exit_code == 0, result.output
    pdf = project.path("output/north/en/cramp.pdf")
    pages = [one_line(p) for p in pdf_pages(pdf)]
    assert len(pages) == 3
    assert "North Clinic" in pages[0]
    assert "Call 000 now" in pages[1] and "0800 123 456" in pages[1]
    with pikepdf.open(pdf) as doc:
        assert [float(v) for v in doc.pages[0].mediabox[2:]] == [612, 792]
    assert not project.path("output/en").exists()


def test_paper_option_overrides_the_profile(project: FixtureProject, run) -> None:
    assert run("build", TODAY_ARG, "--paper", "letter").exit_code == 0
    assert not project.path(PDF).exists()  # the clinic's own A4 print keeps its place
    with pikepdf.open(project.path("output/letter/en/cramp.pdf")) as doc:
        assert len(doc.pages) == 3
        assert [float(v) for v in doc.pages[0].mediabox[2:]] == [612, 792]


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


def test_qr_code_decodes_to_the_leaflet_address(project: FixtureProject, run) -> None:
    import pypdfium2
    import zxingcpp

    project.edit(
        CLINIC,
        "paper_size: A4",
        f"paper_size: A4\nleaflet_url: {URL}",
    )
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
    assert run("build", "--today=2026-11-21").exit_code == 0
    assert printed() == ("Printed on November 21, 2026 - Review due June 1, 2027", "2026-11-21")
    # A copy that did not change keeps the day it was made; --force makes it again.
    result = run("build", "--today=2026-11-30")
    assert result.stdout.splitlines()[0] == f"up to date {PDF}"
    assert printed() == ("Printed on November 21, 2026 - Review due June 1, 2027", "2026-11-21")
    assert run("build", "--today=2026-11-30", "--force").exit_code == 0
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
    ("profile", "shown"),
    [
        ("region: GB", "When the clinic is closed, call 111"),
        (
            "region: GB\nout_of_hours_phone: 0100 555 0000",
            "When the clinic is closed, call 0100 555 0000 / 111",
        ),
        (
            "region: US\nout_of_hours_phone: 0100 555 0000",
            "When the clinic is closed, call 0100 555 0000",
        ),
        ("region: US", None),
    ],
)
def test_warning_page_says_whom_to_call_when_the_clinic_is_closed(
    project: FixtureProject, run, profile: str, shown: str | None
) -> None:
    project.edit(CLINIC, "emergency_number: '999'", profile)
    assert run("build", TODAY_ARG).exit_code == 0
    page = one_line(pdf_pages(project.path(PDF))[1])
    assert "Contact a doctor today - call Test Clinic on 0100 555 0199" in page
    if shown is None:
        assert "When the clinic is closed" not in page
    else:
        assert shown in page


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
