"""The clinic logo: a checked file inside the project, printed with its alt text."""

from __future__ import annotations

import os

import pikepdf
import pytest

from conftest import TODAY_ARG, FixtureProject, one_line, pdf_pages

CLINIC = "handouts/clinic.yaml"
PDF = "output/en/cramp.pdf"
SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
    '<rect width="10" height="10"/></svg>'
)
# The smallest valid PNG: one black pixel.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c63606060f80f0001040100f5c1d2d4"
    "0000000049454e44ae426082"
)


def with_logo(
    project: FixtureProject, file: str, alt: str = "Test Clinic logo", confirm: bool = False
) -> None:
    project.edit(CLINIC, "paper_size: A4", f"paper_size: A4\nlogo:\n  file: {file}\n  alt: {alt}")
    if confirm:  # the logo is printed: staff confirm the very file
        project.confirm_clinic()


def figures(pdf: pikepdf.Pdf) -> list[str]:
    """The alt text of every Figure in the structure tree."""
    found, stack = [], [pdf.Root.StructTreeRoot]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Dictionary):
            if node.get("/S") == "/Figure":
                found.append(str(node.get("/Alt", "")))
            kids = node.get("/K")
            stack.extend(kids if isinstance(kids, pikepdf.Array) else [kids])
    return found


@pytest.mark.parametrize(("name", "data"), [("logo.svg", SVG), ("logo.png", PNG)])
@pytest.mark.render
def test_logo_is_on_every_page_with_its_alt_text(
    project: FixtureProject, run, name: str, data: str | bytes
) -> None:
    project.write(f"handouts/_assets/{name}", data)
    with_logo(project, f"handouts/_assets/{name}", confirm=True)
    result = run("build", TODAY_ARG)
    assert result.exit_code == 0, result.output
    with pikepdf.open(project.path(PDF)) as pdf:
        assert figures(pdf).count("Test Clinic logo") == 3
    for page in pdf_pages(project.path(PDF)):
        assert "Test Clinic" in one_line(page) and "020 7946 0199" in one_line(page)


@pytest.mark.render
def test_changing_the_logo_rebuilds(project: FixtureProject, run) -> None:
    project.write("handouts/_assets/logo.svg", SVG)
    with_logo(project, "handouts/_assets/logo.svg", confirm=True)
    assert run("build", TODAY_ARG).exit_code == 0
    assert run("build", TODAY_ARG).stdout.startswith("up to date")
    project.write("handouts/_assets/logo.svg", SVG.replace('width="10"', 'width="8"'))
    # Another picture: not what was confirmed, so nothing prints for patients until it is.
    result = run("build", TODAY_ARG)
    assert result.stdout.splitlines()[1] == (
        "removed output/en/cramp.pdf: the clinic profile handouts/clinic.yaml changed since "
        "Pat Practice-Manager confirmed it on 2026-06-01: 1 detail (logo) (careleaf clinic "
        "confirm --by NAME); build with --drafts to print it stamped 'CLINIC NOT CONFIRMED - "
        "not for patient use'"
    ), result.output
    assert not project.path(PDF).exists()
    project.confirm_clinic()
    assert run("build", TODAY_ARG).stdout.startswith("built output/en/cramp.pdf")


@pytest.mark.parametrize(
    ("file", "data", "message"),
    [
        (
            "handouts/_assets/none.svg",
            None,
            "6:9: logo file 'handouts/_assets/none.svg' does not exist",
        ),
        (
            "handouts/_assets/logo.png",
            SVG,
            "6:9: logo file 'handouts/_assets/logo.png' is not a PNG image",
        ),
        (
            "handouts/_assets/logo.svg",
            "<html><body>not a logo</body></html>",
            "6:9: logo file 'handouts/_assets/logo.svg' is not an SVG image "
            "(its root is not <svg>)",
        ),
        (
            "handouts/_assets/logo.svg",
            "<svg",
            "6:9: logo file 'handouts/_assets/logo.svg' is not well-formed SVG: "
            "unclosed token: line 1, column 0",
        ),
        (
            "handouts/_assets/logo.svg",
            '<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
            "6:9: logo file 'handouts/_assets/logo.svg' declares a DOCTYPE or entities; "
            "remove them",
        ),
        (
            "handouts/_assets/logo.svg",
            '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
            '<image xlink:href="file:///etc/passwd"/></svg>',
            "6:9: logo file 'handouts/_assets/logo.svg' links to 'file:///etc/passwd'; "
            "a logo must not use other files",
        ),
        (
            "handouts/_assets/logo.svg",
            '<svg xmlns="http://www.w3.org/2000/svg"><style>rect { fill: url(http://x.example/a) }'
            "</style></svg>",
            "6:9: logo file 'handouts/_assets/logo.svg' loads another file from its style",
        ),
        (
            "../logo.svg",
            None,
            "6:9: 'logo.file' is '../logo.svg'; give a path inside the project folder, "
            "such as handouts/_assets/logo.svg",
        ),
        (
            "handouts/_assets/logo.gif",
            None,
            "6:9: 'logo.file' is 'handouts/_assets/logo.gif'; the logo must be an SVG or PNG file",
        ),
    ],
)
def test_bad_logo_is_refused_at_its_line(
    project: FixtureProject, run, file: str, data: str | None, message: str
) -> None:
    if data is not None:
        project.write(file, data)
    with_logo(project, file)
    result = run("build", TODAY_ARG)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == f"{CLINIC}:{message}"
    assert not project.path(PDF).exists()


def test_logo_needs_alt_text(project: FixtureProject, run) -> None:
    project.write("handouts/_assets/logo.svg", SVG)
    project.edit(
        CLINIC, "paper_size: A4", "paper_size: A4\nlogo:\n  file: handouts/_assets/logo.svg"
    )
    result = run("build", TODAY_ARG)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == f"{CLINIC}:6:3: 'logo.alt' is required"


def test_logo_symlinked_out_of_the_project_is_refused(
    project: FixtureProject, run, tmp_path
) -> None:
    outside = tmp_path / "secret.svg"
    outside.write_text(SVG)
    project.path("handouts/_assets").mkdir()
    os.symlink(outside, project.path("handouts/_assets/logo.svg"))
    with_logo(project, "handouts/_assets/logo.svg")
    result = run("build", TODAY_ARG)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{CLINIC}:6:9: logo file 'handouts/_assets/logo.svg' is outside the project folder"
    )
