"""The one-page policy on its own, over a stand-in layout that breaks lines greedily."""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Mapping
from dataclasses import dataclass, field
from math import ceil
from pathlib import Path
from typing import Any

import pytest

from careleaf.catalog.catalog import read_catalog
from careleaf.errors import BuildError, Location
from careleaf.project import Project
from careleaf.render.fit import BODY_SIZES_PT, fit_sections, too_big
from careleaf.render.html import render_html
from careleaf.render.prints import Worker

from conftest import REPO, TODAY

SECTIONS = ("home_care", "warning_signs", "prevention")
WHERE = {s: Location("en.yaml", n, 1) for n, s in enumerate(SECTIONS, start=1)}

# The stand-in page, in CSS px: a fixed header, then paragraphs of words.
LINE_WIDTH = 600.0
ROOM = 820.0
PAGE = 900.0  # the content runs onto a second page past this
FIXED = 120.0  # header and margins: no part follows the body size


@dataclass(frozen=True)
class Paragraph:
    lines: int
    height: float
    tallest: float
    shortest: float
    text: float
    width: float
    last: float


@dataclass(frozen=True)
class Fill:
    room: float
    used: float
    scaled: float
    pages: int
    paragraphs: tuple[Paragraph, ...]

    @property
    def fits(self) -> bool:
        return self.pages == 1 and self.used <= self.room


def lay_out_words(words: list[float], size: float) -> Paragraph:
    """Greedy line breaking of words (widths at 14 pt) at ``size``."""
    k = size / 14.0
    space = 5.0 * k
    lines: list[float] = []
    current = 0.0
    for word in words:
        width = word * k
        if current and current + space + width > LINE_WIDTH:
            lines.append(current)
            current = width
        else:
            current = current + space + width if current else width
    lines.append(current)
    height = 1.35 * size * 4 / 3
    return Paragraph(
        len(lines), height * len(lines), height, height, sum(lines), LINE_WIDTH, lines[-1]
    )


def section_fill(paragraphs: list[list[float]], size: float) -> Fill:
    laid = tuple(lay_out_words(words, size) for words in paragraphs)
    scaled = sum(p.height for p in laid)
    used = FIXED + scaled + 8.0 * len(laid)  # 8 px between paragraphs, fixed
    return Fill(ROOM, used, scaled, 1 if used <= PAGE else 2, laid)


def paragraphs(seed: int, count: int) -> list[list[float]]:
    """``count`` paragraphs of 8 to 60 words, 20 to 70 px wide, repeatable by ``seed``."""
    numbers = itertools.count(seed * 7919 + 1)

    def next_number(n: int) -> int:
        return (next(numbers) * 2654435761) % n

    return [[20.0 + next_number(51) for _ in range(8 + next_number(53))] for _ in range(count)]


@dataclass
class Measured:
    fills: dict[str, Fill]
    lost: dict[str, int] = field(default_factory=dict)

    @property
    def sections(self) -> dict[str, list[int]]:
        found, page = {}, 0
        for s in SECTIONS:
            found[s] = list(range(page, page + self.fills[s].pages))
            page += self.fills[s].pages
        return found

    @property
    def page_count(self) -> int:
        return sum(f.pages for f in self.fills.values())

    def fill(self, section: str) -> Fill:
        return self.fills[section]

    def overflow_words(self, section: str) -> int:
        over = self.fills[section].used - ROOM
        return max(0, ceil(over / 25 * 8))

    def lost_words(self, section: str) -> int:
        return self.lost.get(section, 0)


def laying_out(content: Mapping[str, list[list[float]]], calls: list[dict[str, float]]):
    def lay_out(body_pt: Mapping[str, float]) -> Measured:
        calls.append(dict(body_pt))
        return Measured({s: section_fill(content[s], body_pt[s]) for s in SECTIONS})

    return lay_out


def exhaustive(section: list[list[float]]) -> float | None:
    """The rule: the largest size on the grid at which the section fits."""
    return next((s for s in BODY_SIZES_PT if section_fill(section, s).fits), None)


def test_everything_fits_at_the_largest_size_in_one_pass() -> None:
    calls: list[dict[str, float]] = []
    content = {s: paragraphs(1, 4) for s in SECTIONS}
    fitted = fit_sections(SECTIONS, laying_out(content, calls), WHERE)
    assert fitted.body_pt == dict.fromkeys(SECTIONS, 14.0)
    assert fitted.tried == 3
    assert calls == [dict.fromkeys(SECTIONS, 14.0)]


def test_only_the_section_that_spills_shrinks() -> None:
    calls: list[dict[str, float]] = []
    long = next(
        p
        for seed, count in itertools.product(range(60), range(6, 17))
        if exhaustive(p := paragraphs(seed, count)) == 13.0
    )
    content = {"home_care": long, "warning_signs": paragraphs(2, 3), "prevention": paragraphs(3, 4)}
    fitted = fit_sections(SECTIONS, laying_out(content, calls), WHERE)
    assert fitted.body_pt == {"home_care": 13.0, "warning_signs": 14.0, "prevention": 14.0}
    assert all(c["warning_signs"] == 14.0 and c["prevention"] == 14.0 for c in calls)
    assert fitted.tried == len({c["home_care"] for c in calls}) + 2


def test_the_answer_is_always_the_exhaustive_one() -> None:
    """Hundreds of sections from short to too long: prediction never skips a size that fits."""
    tried = sections = 0
    answers = set()
    for seed, count in itertools.product(range(60), range(6, 17, 2)):
        section = paragraphs(seed, count)
        truth = exhaustive(section)
        answers.add(truth)
        content = {s: section if s == "home_care" else paragraphs(1, 2) for s in SECTIONS}
        try:
            fitted = fit_sections(SECTIONS, laying_out(content, []), WHERE)
        except BuildError:
            assert truth is None
            continue
        assert fitted.body_pt["home_care"] == truth
        tried += fitted.tried - 2
        sections += 1
    assert answers == {*BODY_SIZES_PT, None}  # every case came up
    assert tried / sections < 2.0  # most sizes are found without stepping through


def test_the_proof_never_rules_out_a_size_that_fits() -> None:
    for seed, count in itertools.product(range(40), range(6, 17, 2)):
        section = paragraphs(seed, count)
        for small, large in itertools.combinations(sorted(BODY_SIZES_PT), 2):
            fill = section_fill(section, small)
            if fill.fits and too_big(fill, small, large):
                assert not section_fill(section, large).fits


def test_never_below_twelve_points() -> None:
    assert min(BODY_SIZES_PT) == 12.0
    calls: list[dict[str, float]] = []
    content = {"home_care": paragraphs(5, 30), "warning_signs": paragraphs(6, 2)}
    content["prevention"] = paragraphs(7, 4)
    with pytest.raises(BuildError) as caught:
        fit_sections(SECTIONS, laying_out(content, calls), WHERE)
    assert min(c["home_care"] for c in calls) == 12.0
    [problem] = caught.value.problems
    assert str(problem).startswith(
        "en.yaml:1:1: 'home_care' does not fit on one page even with 12 pt text: about "
    )


class WithBlankPage(Measured):
    """Each section on its own page, plus a stray fourth page."""

    @property
    def page_count(self) -> int:
        return 4


def test_a_page_too_many_is_refused() -> None:
    def lay_out(body_pt: Mapping[str, float]) -> Measured:
        return WithBlankPage({s: section_fill(paragraphs(1, 2), 14.0) for s in SECTIONS})

    with pytest.raises(BuildError, match="came out with 4 pages instead of 3"):
        fit_sections(SECTIONS, lay_out, WHERE)


class WithoutPrevention(Measured):
    @property
    def sections(self) -> dict[str, list[int]]:
        return {"home_care": [0], "warning_signs": [1]}


def test_missing_section_is_reported() -> None:
    def lay_out(body_pt: Mapping[str, float]) -> Measured:
        return WithoutPrevention({s: section_fill(paragraphs(1, 2), 14.0) for s in SECTIONS})

    with pytest.raises(BuildError) as caught:
        fit_sections(SECTIONS, lay_out, WHERE)
    assert str(caught.value) == "en.yaml:3:1: the template printed no 'prevention' page"


def test_text_dropped_without_a_new_page_counts_as_not_fitting() -> None:
    """A layout that loses words but keeps one page must shrink, then fail, never pass."""
    short = {s: section_fill(paragraphs(1, 2), 14.0) for s in SECTIONS}

    def lay_out(body_pt: Mapping[str, float]) -> Measured:
        lost = 0 if body_pt["home_care"] <= 13.0 else 7
        return Measured(short, {"home_care": lost})

    fitted = fit_sections(SECTIONS, lay_out, WHERE)
    assert fitted.body_pt["home_care"] == 13.0

    def always_lost(body_pt: Mapping[str, float]) -> Measured:
        return Measured(short, {"prevention": 7})

    with pytest.raises(BuildError) as caught:
        fit_sections(SECTIONS, always_lost, WHERE)
    assert str(caught.value) == (
        "en.yaml:3:1: 'prevention' does not fit on one page even with 12 pt text: "
        "about 7 words too long"
    )


# --- against WeasyPrint: the shipped languages and synthetic long and short sections ---


def scaled_text(text: str, factor: float, extra: str) -> str:
    words = text.split()
    count = max(3, round(len(words) * factor))
    if count <= len(words):
        return " ".join(words[:count]).rstrip(",;") + "."
    return " ".join(words + extra.split()[: count - len(words)]) + "."


def synthetic_copy(project: Path, handout: str, factor: float, languages: tuple[str, ...]) -> None:
    """The shipped handout again as ``handout``, every item and sign cut or lengthened."""
    import yaml

    source = REPO / "handouts" / "muscle-spasm"
    folder = project / "handouts" / handout
    folder.mkdir(parents=True)
    governance = (source / "handout.yaml").read_text(encoding="utf-8")
    (folder / "handout.yaml").write_text(governance.replace("id: muscle-spasm", f"id: {handout}"))
    for tag in languages:
        data = yaml.safe_load((source / f"{tag}.yaml").read_text(encoding="utf-8"))
        extra = data["disclaimer"]
        for key in ("home_care", "prevention"):
            for item in data[key]["items"]:
                item["text"] = scaled_text(item["text"], factor, extra)
        for level in ("emergency", "urgent", "soon"):
            signs = data["warning_signs"][level]
            for sign in signs:
                sign["text"] = scaled_text(sign["text"], factor, extra)
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
        (folder / f"{tag}.yaml").write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def catalog_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fit") / "project"
    for folder in ("templates", "styles", "handouts/_strings", "handouts/_assets"):
        shutil.copytree(REPO / folder, root / folder)
    shutil.copytree(REPO / "handouts" / "muscle-spasm", root / "handouts" / "muscle-spasm")
    shutil.copy(REPO / "handouts" / "clinic.yaml", root / "handouts" / "clinic.yaml")
    synthetic_copy(root, "short", 0.7, ("en", "fr"))
    synthetic_copy(root, "long", 1.3, ("en", "fr"))
    return root


def real_fits(worker: Any, leaflet: Any, clinic: Any, section: str, size: float) -> bool:
    """The rule, by hand: one page, ending above the footer, every letter on it."""
    options = worker.options(leaflet, clinic)
    html = render_html(worker.env, leaflet, clinic, dict.fromkeys(SECTIONS, size), options, section)
    layout = worker.renderer.layout(html, worker.page_css, (section,), Location("x"))
    one_page = len(layout.sections[section]) == 1
    return one_page and layout.fill(section).fits and not layout.lost_words(section)


@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.render
def test_fit_matches_the_exhaustive_search_on_real_layouts(
    catalog_project: Path, paper: str
) -> None:
    project = Project.open(catalog_project)
    catalog = read_catalog(project, TODAY, drafts=True)
    worker = Worker(project, paper, printed_on=TODAY)
    layouts = shipped_sections = 0
    for leaflet in catalog.leaflets:
        shipped = leaflet.handout.id == "muscle-spasm"
        if not shipped and paper == "A4":
            continue  # the synthetic copies on one paper are enough
        truth = {}
        for section in SECTIONS:
            fitting = (
                s for s in BODY_SIZES_PT if real_fits(worker, leaflet, catalog.clinic, section, s)
            )
            truth[section] = next(fitting, None)
        if None in truth.values():
            with pytest.raises(BuildError, match="does not fit on one page even with 12 pt"):
                worker.make(leaflet, catalog.clinic)
            continue
        rendered = worker.make(leaflet, catalog.clinic)
        assert rendered.body_pt == truth, leaflet.output_name
        if shipped:
            layouts += rendered.layouts
            shipped_sections += len(SECTIONS)
    # Sections that fit at 14 pt cost one layout; the others about three, not up to five.
    assert layouts / shipped_sections < 2.0
