"""The large-print variant: 16 pt text, a new page per section, a full footer on every page."""

from __future__ import annotations

import json
import math
import re
from datetime import date
from pathlib import Path

import pypdf
import pytest
from test_layout import stamped

from careleaf.render.html import css_string, page_number_css

from conftest import AFTER_RUB, TODAY_ARG, FixtureProject, clock_at, more_items, one_line, pdf_pages

LP = "output/large-print/en/cramp.pdf"
HEADINGS = ("1 Caring for yourself at home", "2 When to get help", "3 Stopping it coming back")
DISCLAIMER = "General information only. Ask your doctor if you are worried."
REVIEW = "Reviewed June 1, 2026 - Next review due June 1, 2027"
LONG_TEXT = ("Keep the muscle warm and move it gently through the day. " * 5).strip()


def make_long(project: FixtureProject, items: int = 7) -> None:
    project.edit("handouts/cramp/en.yaml", AFTER_RUB, AFTER_RUB + more_items(items, LONG_TEXT))
    project.sign_off()


def text_sizes(path: Path) -> list[tuple[float, str]]:
    """(size in pt as printed, text) for every piece of text on every page."""
    found: list[tuple[float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            scale = math.hypot(tm[0], tm[1]) * math.hypot(cm[0], cm[1])
            found.append((round(size * scale, 2), text))

    for page in pypdf.PdfReader(path).pages:
        page.extract_text(visitor_text=visit)
    return found


def page_with(pages: list[str], text: str) -> int:
    [index] = [i for i, page in enumerate(pages) if text in page]
    return index


@pytest.mark.render
def test_large_print_builds_into_its_own_folder(project: FixtureProject, run) -> None:
    result = run("build", TODAY_ARG, "--variant", "large-print")
    assert result.exit_code == 0, result.output
    size = project.path(LP).stat().st_size
    assert result.stdout.splitlines() == [
        f"built {LP}  3 pages, body 16/16/16 pt, {size / 1024:.0f} KiB",
        "careleaf: 1 built, 0 failed",
    ]
    assert not project.path("output/en").exists()
    [entry] = json.loads(project.read("output/large-print/manifest.json"))["outputs"]
    assert entry["path"] == "en/cramp.pdf"
    assert entry["variant"] == "large-print"
    assert entry["body_pt"] == {"home_care": 16.0, "warning_signs": 16.0, "prevention": 16.0}
    # Beside the standard build, which keeps its own folder and manifest.
    assert run("build", TODAY_ARG).exit_code == 0
    [standard] = json.loads(project.read("output/manifest.json"))["outputs"]
    assert standard["variant"] == "standard"
    assert standard["input_hash"] != entry["input_hash"]
    again = run("build", TODAY_ARG, "--variant", "large-print")
    assert again.stdout.splitlines() == [
        f"up to date {LP}",
        "careleaf: 0 built, 1 up to date, 0 failed",
    ]


@pytest.mark.render
def test_out_dir_gets_a_large_print_folder(project: FixtureProject, run) -> None:
    result = run("build", TODAY_ARG, "--variant", "large-print", "--out", "dist")
    assert result.exit_code == 0, result.output
    assert len(pdf_pages(project.path("dist/large-print/en/cramp.pdf"))) == 3
    assert project.path("dist/large-print/manifest.json").is_file()
    assert not project.path("output").exists()


@pytest.mark.render
def test_all_text_is_at_least_16pt_and_headings_larger(project: FixtureProject, run) -> None:
    assert run("build", TODAY_ARG, "--variant", "large-print").exit_code == 0
    sizes = text_sizes(project.path(LP))
    assert min(size for size, _ in sizes) >= 16.0
    body = [size for size, text in sizes if "Gently stretch the muscle" in text]
    assert body == [16.0]
    for heading in ("Caring for yourself at home", "When to get help", "Leg cramp"):
        [size] = {size for size, text in sizes if heading in text}
        assert size > 16.0


@pytest.mark.render
def test_each_section_starts_on_a_new_page(project: FixtureProject, run) -> None:
    assert run("build", TODAY_ARG, "--variant", "large-print").exit_code == 0
    pages = [one_line(text) for text in pdf_pages(project.path(LP))]
    starts = [page_with(pages, heading) for heading in HEADINGS]
    assert starts == [0, 1, 2]
    # Nothing of one section shares a page with the next.
    assert "Rub the muscle" not in pages[1]
    assert "You have trouble breathing." not in pages[2]


@pytest.mark.render
def test_long_section_runs_over_pages_with_the_footer_on_every_page(
    project: FixtureProject, run
) -> None:
    make_long(project)
    result = run("build", TODAY_ARG, "--variant", "large-print")
    assert result.exit_code == 0, result.output
    pages = [one_line(text) for text in pdf_pages(project.path(LP))]
    total = len(pages)
    starts = [page_with(pages, heading) for heading in HEADINGS]
    assert starts[1] - starts[0] >= 2  # home care takes two pages or more
    assert starts == sorted(starts) and total == starts[2] + 1
    for number, page in enumerate(pages, start=1):
        assert DISCLAIMER in page
        assert REVIEW in page
        assert f"page {number} of {total}" in page
    # Every word of the long section is printed, across its pages.
    home = " ".join(pages[: starts[1]])
    assert home.count("Keep the muscle warm and move it gently through the day.") == 35


@pytest.mark.render
def test_stamps_are_on_continuation_pages_too(project: FixtureProject, run) -> None:
    make_long(project)
    with clock_at(date(2027, 6, 2)):
        result = run("build", "--allow-overdue", "--variant", "large-print")
    assert result.exit_code == 0, result.output
    pages = pdf_pages(project.path("output/not-for-patients/large-print/en/cramp.pdf"))
    assert len(pages) > 3
    for text in pages:
        assert "REVIEW OVERDUE - not for patient use" in one_line(text)


@pytest.mark.render
def test_translated_page_number_prints_literally(project: FixtureProject, run) -> None:
    project.edit(
        "handouts/_strings/en.yaml",
        "page_of: page {n} of {m}",
        'page_of: \'p. {n} "/" {m} \\ } ; */ content: "x"\'',
    )
    project.sign_off()  # the UI strings are signed off with the text
    result = run("build", TODAY_ARG, "--variant", "large-print")
    assert result.exit_code == 0, result.output
    for number, text in enumerate(pdf_pages(project.path(LP)), start=1):
        assert f'p. {number} "/" 3 \\ }} ; */ content: "x"' in one_line(text)


def test_page_number_css_escapes_everything_but_letters_digits_and_spaces() -> None:
    assert css_string('a "b" \\ }') == '"a \\000022 b\\000022  \\00005C  \\00007D "'
    rule = page_number_css('p. {n} "/" {m} \\ } {x}')
    assert rule == (
        '.page-number::after { content: "p\\00002E  " counter(page) '
        '" \\000022 \\00002F \\000022  " counter(pages) '
        '" \\00005C  \\00007D  \\00007B x\\00007D "; }\n'
    )
    strings = re.findall(r'"[^"]*"', rule)
    assert all(not re.search(r"[{};\\]\s*$", s[1:-1].replace("\\", "")) for s in strings)
    assert rule.count("{") == rule.count("}") == 1


@pytest.mark.render
def test_footer_that_does_not_fit_the_margin_fails_naming_the_file(
    project: FixtureProject, run
) -> None:
    project.edit(
        "handouts/cramp/en.yaml",
        f"disclaimer: {DISCLAIMER}",
        "disclaimer: " + ((DISCLAIMER + " ") * 7)[:400].strip(),
    )
    project.sign_off()
    # The longest disclaimer allowed (400 characters) is too much.
    with clock_at(date(2027, 6, 2)):
        result = run("build", "--allow-overdue", "--variant", "large-print")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "handouts/cramp/en.yaml:4:1: the footer does not fit the bottom margin of a "
        "large-print page: shorten the disclaimer",
        "careleaf: 0 built, 1 failed; 1 problem found",
    ]
    assert not project.path(LP).exists()


@pytest.mark.render
def test_check_lays_out_large_print(project: FixtureProject, run) -> None:
    result = run("check", TODAY_ARG, "--variant", "large-print")
    assert result.exit_code == 0, result.output
    assert result.stdout == "careleaf: 1 checked, 0 failed\n"
    assert not project.path("output").exists()


@pytest.mark.render
def test_footer_missing_from_the_margin_fails(project: FixtureProject, run) -> None:
    """A stylesheet that loses the running footer must not print pages without it."""
    project.edit("styles/large-print.css", "position: running(leaflet-footer);", "")
    result = run("build", TODAY_ARG, "--variant", "large-print")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "handouts/cramp/en.yaml: the footer (disclaimer, review dates, page number) is "
        "missing from large-print page 1, 2, 3"
    )
    assert not project.path(LP).exists()


@pytest.mark.render
def test_stamps_that_do_not_fit_the_top_margin_fail(
    project: FixtureProject, run, monkeypatch: pytest.MonkeyPatch
) -> None:
    stamps = tuple(f"STAMP NUMBER {n} - not for patient use" for n in range(1, 9))
    stamped(monkeypatch, stamps)
    result = run("build", TODAY_ARG, "--variant", "large-print", "--jobs", "1")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "handouts/cramp/en.yaml: the stamps do not fit the top margin of large-print page 1, 2, 3"
    )
    assert not project.path(LP).exists()
