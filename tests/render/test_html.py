"""Model -> HTML: escaping, direction and the values a page is built from."""

from __future__ import annotations

from datetime import date
from typing import Any

from careleaf.catalog.catalog import read_catalog
from careleaf.project import Project
from careleaf.render.html import RenderOptions, make_environment, page_css, render_html

from conftest import GOVERNANCE, TODAY, FixtureProject

SIZES = {"home_care": 14.0, "warning_signs": 13.5, "prevention": 12.0}


def html_of(project: FixtureProject, today: date = TODAY, **options: Any) -> str:
    proj = Project.open(project.root)
    catalog = read_catalog(proj, today, allow_overdue=True, drafts=True)
    [leaflet] = catalog.leaflets
    env = make_environment(proj.templates_dir)
    return render_html(env, leaflet, catalog.clinic, SIZES, RenderOptions(**options))


def test_content_is_escaped_not_interpreted(project: FixtureProject) -> None:
    project.edit(
        "handouts/cramp/en.yaml", "title: Leg cramp", "title: '<script>alert(1)</script> {{ 7*7 }}'"
    )
    html = html_of(project)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }}" in html
    assert "<script>" not in html
    assert "49" not in html


def test_language_direction_and_sizes(project: FixtureProject) -> None:
    html = html_of(project)
    assert '<html lang="en" dir="ltr">' in html
    assert 'id="home_care" style="font-size: 14pt"' in html
    assert 'id="warning_signs" style="font-size: 13.5pt"' in html
    assert 'id="prevention" style="font-size: 12pt"' in html


def test_phone_numbers_are_isolated_left_to_right(project: FixtureProject) -> None:
    html = html_of(project)
    assert "Call \u2066999\u2069 now" in html


def test_metadata_dates_come_from_the_review(project: FixtureProject) -> None:
    html = html_of(project)
    assert '<meta name="dcterms.created" content="2026-06-01">' in html
    assert '<meta name="author" content="Test Clinic Publications">' in html


def test_stamp_only_when_asked(project: FixtureProject) -> None:
    assert "not for patient use" not in html_of(project)
    stamped = html_of(project, banners=("REVIEW OVERDUE - not for patient use",))
    assert stamped.count("REVIEW OVERDUE - not for patient use") == 3


def test_review_line_before_any_sign_off(project: FixtureProject) -> None:
    project.write("handouts/cramp/handout.yaml", GOVERNANCE)
    html = html_of(project)
    assert "Not reviewed yet - no reviewer has signed this text off" in html
    assert "dcterms.created" not in html  # no date to claim, and never the clock's


def test_page_css_sizes() -> None:
    assert "size: 210.0mm 297.0mm" in page_css("A4")
    assert "size: 215.9mm 279.4mm" in page_css("Letter")
