"""Orchestration: read the catalog, render and fit each leaflet, write the good ones.

Each leaflet is rendered, measured and turned into PDF bytes in memory; only
a leaflet that passed every check is written, once, atomically. A failing
leaflet never stops the others, and never leaves a file behind.
"""

from __future__ import annotations

import hashlib
import traceback
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import jinja2

from . import __version__
from .catalog import Leaflet, read_catalog
from .errors import BuildError, CareleafError, Location, Problem
from .fit import fit_sections
from .model import Clinic
from .pdf import Layout, Renderer
from .project import Project
from .render import SECTIONS, RenderOptions, make_environment, page_css, render_html
from .write import MANIFEST, write_atomic, write_manifest

STYLESHEETS = ("print.css",)


@dataclass(frozen=True)
class BuildOptions:
    today: date
    out_dir: Path | None = None
    handouts: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    allow_overdue: bool = False
    write: bool = True  # False for `check`: render and measure, write nothing
    layout: bool = True  # False skips rendering entirely


@dataclass(frozen=True)
class Built:
    """One leaflet that passed every check (and was written, unless checking)."""

    leaflet: Leaflet
    shown: str
    pages: int
    body_pt: dict[str, float]
    sha256: str
    size: int

    def manifest_entry(self) -> dict[str, object]:
        review = self.leaflet.handout.review
        return {
            "path": self.leaflet.output_name,
            "handout": self.leaflet.handout.id,
            "language": self.leaflet.tag,
            "pages": self.pages,
            "sha256": self.sha256,
            "bytes": self.size,
            "body_pt": self.body_pt,
            "review": {
                "reviewed_on": review.reviewed_on.isoformat(),
                "next_review_due": review.next_review_due.isoformat(),
                "reviewed_by": review.reviewed_by,
            },
            "review_overdue": self.leaflet.overdue,
        }


@dataclass(frozen=True)
class BuildReport:
    built: tuple[Built, ...]
    planned: int
    passed: int  # leaflets that passed every check that was run
    problems: tuple[Problem, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not self.problems


def output_dir(project: Project, options: BuildOptions) -> Path:
    return options.out_dir if options.out_dir is not None else project.root / "output"


def build(
    project: Project,
    options: BuildOptions,
    on_built: Callable[[Built], None] = lambda built: None,
) -> BuildReport:
    """Build (or, with ``write=False``, check) every selected leaflet of ``project``."""
    catalog = read_catalog(
        project,
        options.today,
        handouts=options.handouts,
        languages=options.languages,
        allow_overdue=options.allow_overdue,
    )
    problems = list(catalog.problems)
    built: list[Built] = []
    out = output_dir(project, options)
    if options.layout and catalog.leaflets:
        job = _Job(project, catalog.clinic.paper_size)
        for leaflet in catalog.leaflets:
            try:
                result = job.make(leaflet, catalog.clinic, out if options.write else None)
            except CareleafError as exc:
                problems.extend(exc.problems)
                continue
            built.append(result)
            on_built(result)
    if options.write and built:
        write_manifest(
            out,
            (b.manifest_entry() for b in built),
            f"careleaf {__version__}",
            project.show(out / MANIFEST),
        )
    passed = len(built) if options.layout else len(catalog.leaflets)
    return BuildReport(tuple(built), catalog.planned, passed, tuple(sorted(set(problems))))


class _Job:
    """What every leaflet of one build shares: the template environment and the renderer."""

    def __init__(self, project: Project, paper: str) -> None:
        self.project = project
        self.env = make_environment(project.templates_dir)
        self.page_css = page_css(paper)
        styles = [project.styles_dir / name for name in STYLESHEETS]
        for path in (project.templates_dir, *styles):
            if not path.exists():
                raise BuildError(Problem(Location(project.show(path)), "is missing"))
        self.renderer = Renderer(
            project.templates_dir, project.styles_dir, styles, show=project.show
        )

    def make(self, leaflet: Leaflet, clinic: Clinic, out: Path | None) -> Built:
        doc = leaflet.content_doc
        where = {s: doc.where_key((s,)) for s in SECTIONS}
        options = RenderOptions(overdue_banner=leaflet.overdue)
        file_loc = Location(doc.path)

        def lay_out(body_pt: Mapping[str, float]) -> Layout:
            html = self._html(leaflet, clinic, body_pt, options)
            return self.renderer.layout(html, self.page_css, SECTIONS, file_loc)

        fitted = fit_sections(SECTIONS, lay_out, where)
        data = self.renderer.to_pdf(fitted.layout, file_loc)
        target = (out or Path(".")) / leaflet.output_name
        shown = self.project.show(target)
        if out is not None:
            write_atomic(target, data, shown)
        return Built(
            leaflet,
            shown,
            fitted.layout.page_count,
            fitted.body_pt,
            hashlib.sha256(data).hexdigest(),
            len(data),
        )

    def _html(
        self, leaflet: Leaflet, clinic: Clinic, body_pt: Mapping[str, float], options: RenderOptions
    ) -> str:
        try:
            return render_html(self.env, leaflet, clinic, body_pt, options)
        except jinja2.TemplateSyntaxError as exc:
            path = self.project.templates_dir / (exc.name or exc.filename or "?")
            raise BuildError(
                Problem(
                    Location(self.project.show(path), exc.lineno),
                    f"template syntax error: {exc.message}",
                )
            ) from None
        except Exception as exc:  # a staff template can fail in many ways; say where
            raise BuildError(Problem(self._template_frame(exc), f"template error: {exc}")) from None

    def _template_frame(self, exc: BaseException) -> Location:
        """The innermost line of a template in the traceback, else the templates folder."""
        root = self.project.templates_dir.resolve()
        for frame in reversed(traceback.extract_tb(exc.__traceback__)):
            path = Path(frame.filename)
            if path.is_absolute() and path.resolve().is_relative_to(root):
                return Location(self.project.show(path), frame.lineno or 0)
        return Location(self.project.show(self.project.templates_dir))
