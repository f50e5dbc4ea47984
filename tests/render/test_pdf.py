"""The WeasyPrint gate: the restricted fetcher and warnings treated as failures."""

from __future__ import annotations

import base64
import os
from pathlib import Path

import pytest

from careleaf.errors import BuildError, Location
from careleaf.render.pdf import ProjectFetcher, RefusedResource, Renderer

from conftest import TODAY_ARG, FixtureProject

WHERE = Location("handouts/x/en.yaml")
SECTIONS = ("only",)
PAGE_CSS = "@page { size: A4; margin: 20mm }"


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    templates, styles = tmp_path / "templates", tmp_path / "styles"
    templates.mkdir()
    styles.mkdir()
    (styles / "print.css").write_text("body { font-family: 'DejaVu Sans' }\n")
    (styles / "dot.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4">'
        '<rect width="4" height="4"/></svg>'
    )
    return templates, styles


def renderer(folders: tuple[Path, Path], css: str = "print.css") -> Renderer:
    templates, styles = folders
    return Renderer(templates, styles, [styles / css])


def layout_html(folders: tuple[Path, Path], body: str) -> None:
    html = f'<html><body><section id="only">{body}</section></body></html>'
    renderer(folders).layout(html, PAGE_CSS, SECTIONS, WHERE)


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("file:///etc/passwd", "it is outside the project's templates/ and styles/"),
        ("file:///dev/urandom", "it is outside the project's templates/ and styles/"),
        ("http://example.com/x.css", "only files inside templates/ and styles/ may be used"),
        ("https://example.com/x.png", "only files inside templates/ and styles/ may be used"),
        ("ftp://example.com/x", "only files inside templates/ and styles/ may be used"),
        ("file:///nonexistent/file.css", "no such file"),
    ],
)
def test_fetcher_refuses(folders: tuple[Path, Path], url: str, reason: str) -> None:
    fetcher = ProjectFetcher(folders)
    with pytest.raises(RefusedResource) as caught:
        fetcher.fetch(url)
    assert str(caught.value) == f"refused to load '{url}': {reason}"


def test_fetcher_refuses_dot_dot_and_symlinks_out(
    folders: tuple[Path, Path], tmp_path: Path
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("patient record")
    _, styles = folders
    os.symlink(secret, styles / "link.css")
    fetcher = ProjectFetcher(folders)
    for url in ((styles / "../secret.txt").as_uri(), (styles / "link.css").as_uri()):
        with pytest.raises(RefusedResource, match="outside the project"):
            fetcher.fetch(url)


def test_fetcher_serves_project_files_and_data_urls(folders: tuple[Path, Path]) -> None:
    fetcher = ProjectFetcher(folders)
    _, styles = folders
    response = fetcher.fetch((styles / "dot.svg").as_uri())
    assert response.read().startswith(b"<svg")
    data = "data:text/plain;base64," + base64.b64encode(b"hello").decode()
    assert fetcher.fetch(data).read() == b"hello"


def test_image_outside_project_fails_the_render(folders: tuple[Path, Path]) -> None:
    with pytest.raises(BuildError) as caught:
        layout_html(folders, '<img src="file:///etc/passwd">')
    assert str(caught.value) == (
        "handouts/x/en.yaml: refused to load 'file:///etc/passwd': "
        "it is outside the project's templates/ and styles/"
    )


def test_image_inside_styles_is_allowed(folders: tuple[Path, Path]) -> None:
    _, styles = folders
    layout_html(folders, f'<img src="{(styles / "dot.svg").as_uri()}">')


def test_css_mistake_is_reported_with_file_line_and_column(folders: tuple[Path, Path]) -> None:
    _, styles = folders
    (styles / "bad.css").write_text("body {\n  colr: red;\n}\n")
    with pytest.raises(BuildError) as caught:
        renderer(folders, "bad.css")
    [problem] = caught.value.problems
    assert problem.location == Location(str(styles / "bad.css"), 2, 3)
    assert problem.message == "CSS: Ignored `colr: red`, unknown property"


def test_stylesheet_importing_outside_file_is_refused(folders: tuple[Path, Path]) -> None:
    _, styles = folders
    (styles / "evil.css").write_text('@import url("file:///etc/passwd");\n')
    with pytest.raises(BuildError, match="refused to load 'file:///etc/passwd'"):
        renderer(folders, "evil.css")


def test_missing_glyph_fails_before_anything_is_written(folders: tuple[Path, Path]) -> None:
    render = renderer(folders)
    # U+E000 is a private-use code point no installed font draws.
    html = '<html><body><section id="only">\ue000</section></body></html>'
    layout = render.layout(html, PAGE_CSS, SECTIONS, WHERE)
    with pytest.raises(BuildError, match="unsupported by fonts"):
        render.to_pdf(layout, WHERE)


@pytest.mark.render
def test_project_template_cannot_leak_a_file(project: FixtureProject, run) -> None:
    project.edit(
        "templates/handout.html.j2",
        "<body>",
        '<body><link rel="attachment" href="file:///etc/passwd">',
    )
    result = run("build", TODAY_ARG)
    assert result.exit_code == 1
    assert "refused to load 'file:///etc/passwd'" in result.stderr
    assert not project.path("output/en/cramp.pdf").exists()
