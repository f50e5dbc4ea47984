"""The page as laid out: footer at the bottom, stamps in the top margin, room measured."""

from __future__ import annotations

import json

import pikepdf
import pytest

from conftest import (
    AFTER_RUB,
    TODAY_ARG,
    FixtureProject,
    more_items,
    one_line,
    pdf_pages,
    stamped,
)

pytestmark = pytest.mark.render  # every test here renders PDFs


PDF = "output/en/cramp.pdf"
LONG_TEXT = ("Keep the muscle warm and move it gently through the day. " * 5).strip()
THREE = (
    "REVIEW OVERDUE - not for patient use",
    "DRAFT TRANSLATION - not for patient use",
    "NOT SIGNED OFF - not for patient use",
)


def make_long(project: FixtureProject, items: int) -> None:
    project.edit("handouts/cramp/en.yaml", AFTER_RUB, AFTER_RUB + more_items(items, LONG_TEXT))
    project.sign_off()


def body_sizes(project: FixtureProject, folder: str = "output") -> dict[str, float]:
    [entry] = json.loads(project.read(f"{folder}/manifest.json"))["outputs"]
    return dict(entry["body_pt"])


@pytest.mark.parametrize(("paper", "items"), [("A4", 6), ("Letter", 5)])
def test_stamps_take_no_room_from_the_content(
    project: FixtureProject, run, monkeypatch: pytest.MonkeyPatch, paper: str, items: int
) -> None:
    """A section that just fits plain fits stamped, at the same size, with three stamps."""
    make_long(project, items)
    # The fixture clinic prints on A4: another paper has a folder of its own.
    folder = "output" if paper == "A4" else f"output/{paper.lower()}"
    assert run("build", TODAY_ARG, "--paper", paper).exit_code == 0
    plain = body_sizes(project, folder)
    assert plain["home_care"] < 14.0  # it had to shrink: the page is full
    stamped(monkeypatch, THREE)
    result = run("build", TODAY_ARG, "--paper", paper, "--jobs", "1", "--force")
    assert result.exit_code == 0, result.output
    assert body_sizes(project, folder) == plain
    pages = [one_line(text) for text in pdf_pages(project.path(f"{folder}/en/cramp.pdf"))]
    assert len(pages) == 3
    assert all(stamp in page for page in pages for stamp in THREE)


def test_stamps_that_do_not_fit_the_top_margin_fail_the_build(
    project: FixtureProject, run, monkeypatch: pytest.MonkeyPatch
) -> None:
    stamped(monkeypatch, THREE * 2)
    result = run("build", TODAY_ARG, "--jobs", "1")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith(
        "handouts/cramp/en.yaml: the stamps (REVIEW OVERDUE - not for patient use; "
    )
    assert result.stderr.splitlines()[0].endswith(
        "do not fit in one row in the top margin of the page"
    )
    assert not project.path(PDF).exists()


def test_footer_is_at_the_bottom_of_every_page(project: FixtureProject, run) -> None:
    """Short or long, a page's footer ends where its text area ends (10 mm above the edge)."""
    make_long(project, 3)
    assert run("build", TODAY_ARG).exit_code == 0
    with pikepdf.open(project.path(PDF)) as pdf:
        for page in pdf.pages:
            height_px = float(page.mediabox[3]) / 0.75
            lowest = max(_baselines(page))  # the review line, in px from the top
            assert 10 < (height_px - lowest) / PX_PER_MM < 13


PX_PER_MM = 96 / 25.4


def _baselines(page: pikepdf.Page) -> list[float]:
    """Where each piece of text sits, in CSS px from the top (WeasyPrint draws top down)."""
    return [
        float(operands[5])
        for operands, operator in pikepdf.parse_content_stream(page)
        if bytes(operator) == b"Tm"
    ]
