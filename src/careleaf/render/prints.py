"""Turning one leaflet into PDF bytes: what each build process holds and does.

A worker imports WeasyPrint once, parses the stylesheets once and keeps one
font configuration for every leaflet it renders. The same class serves a
serial build in the main process and each process of a parallel build.
Workers return bytes; only the build writes files.
"""

from __future__ import annotations

import hashlib
import re
import traceback
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import jinja2

from careleaf.catalog.bilingual import facing_order
from careleaf.catalog.leaflet import Leaflet
from careleaf.content import i18n
from careleaf.content.fields import fields
from careleaf.content.logo import LogoError, data_url, read_logo
from careleaf.content.model import Clinic, Logo
from careleaf.content.phones import printed
from careleaf.content.printing import LARGE_PRINT, STANDARD
from careleaf.errors import BuildError, Location, Problem, quoted
from careleaf.project import Project
from careleaf.render.fit import Fitted, fit_sections
from careleaf.render.fonts import describe, stack_for, uncovered
from careleaf.render.html import (
    LARGE_PRINT_BODY_PT,
    SECTIONS,
    RenderOptions,
    TemplateRefused,
    make_environment,
    page_css,
    page_number_css,
    render_html,
    review_line,
)
from careleaf.render.largeprint import check_large_print
from careleaf.render.page_words import (
    GovernedTexts,
    check_pdf,
    governed_texts,
    large_print_document,
    standard_pages,
    unknown_alts,
)

if TYPE_CHECKING:  # WeasyPrint loads only where something is rendered
    from careleaf.render.pdf import Layout, SectionLayouts

STYLESHEETS = ("print.css",)
#: Loaded after STYLESHEETS for a variant other than the standard leaflet.
VARIANT_STYLESHEETS = {LARGE_PRINT: ("large-print.css",)}
_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ALT = re.compile(r"\salt\s*=", re.IGNORECASE)
_SRC = re.compile(r"\ssrc\s*=\s*[\"']?([^\"'\s>]+)", re.IGNORECASE)


@dataclass(frozen=True)
class Rendered:
    """A leaflet that passed every check, as PDF bytes not yet written."""

    output_name: str
    data: bytes
    pages: int
    body_pt: dict[str, float]
    #: Section layouts its fit took: each section at each size tried counts once
    #: (3 at least, more when one must shrink; the first try lays all three out
    #: in one WeasyPrint document); large print: one.
    layouts: int = 0

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def check_fonts(leaflet: Leaflet, clinic: Clinic, where: Location) -> None:
    """Fail before layout if the language's fonts cannot draw every character."""
    stack = stack_for(leaflet.locale)
    texts = [
        *(text for _, text in fields(leaflet.content_doc.data).values()),
        *(text for _, text in fields(leaflet.strings.model_dump()).values()),
        clinic.name,
        # The numbers as printed: a national form may add ( ) or -.
        *(printed(n, clinic.region) for n in (clinic.phone, clinic.emergency, *clinic.when_closed)),
    ]
    missing = uncovered(texts, stack)
    if missing:
        raise BuildError(
            Problem(
                where,
                f"no installed font for '{leaflet.tag}' can print {describe(missing)}; "
                f"install the Debian package {stack.package} (fonts tried: "
                f"{', '.join(stack.families)})",
            )
        )


class Worker:
    """The template environment and renderer shared by every leaflet of one build."""

    def __init__(
        self,
        project: Project,
        paper: str,
        variant: str = STANDARD,
        printed_on: date | None = None,
        bilingual: bool = False,
    ) -> None:
        from careleaf.render.pdf import (
            Renderer,  # WeasyPrint loads only where something is rendered
        )

        self.project = project
        self.variant = variant
        self.printed_on = printed_on
        self.env = make_environment(project.templates_dir)
        self.page_css = page_css(paper, variant)
        names = (*STYLESHEETS, *VARIANT_STYLESHEETS.get(variant, ()))
        styles = [project.styles_dir / name for name in names]
        for path in (project.templates_dir, *styles):
            if not path.exists():
                raise BuildError(Problem(Location(project.show(path)), "is missing"))
        self.renderer = Renderer(
            project.templates_dir, project.styles_dir, styles, show=project.show
        )
        self._logos: dict[Logo, str] = {}
        self.kind = print_kind(variant, bilingual)

    def make(self, leaflet: Leaflet, clinic: Clinic) -> Rendered:
        """Lay out, fit and convert ``leaflet``; raises :class:`CareleafError` on any problem."""
        file_loc = Location(leaflet.content_doc.path)
        check_fonts(leaflet, clinic, file_loc)
        return self.kind.make(self, leaflet, clinic, file_loc)

    def governed(
        self, leaflet: Leaflet, clinic: Clinic, print_of: Leaflet | None = None
    ) -> GovernedTexts:
        """What ``leaflet`` may print, from its files as written (careleaf.render.page_words)."""
        strings = leaflet.strings_data
        if strings is None:  # a leaflet made without its strings file (a library caller)
            strings = leaflet.strings.model_dump()
        options = self.options(leaflet, clinic, print_of)
        # The stamps and the watermark: careleaf's own words.
        return governed_texts(
            leaflet, clinic, strings, self.printed_on, options.banners, options.watermark
        )

    def options(
        self, leaflet: Leaflet, clinic: Clinic, print_of: Leaflet | None = None
    ) -> RenderOptions:
        """How ``leaflet`` is printed in this build: stamps, logo, printed-on day, variant.

        ``print_of`` is the leaflet whose PDF this one's pages go into (a bilingual
        print's translation, for its companion): a stamped print has the watermark on
        every page.
        """
        return RenderOptions(
            banners=leaflet.banners,
            watermark=not (print_of or leaflet).patient_ready,
            variant=self.variant,
            logo=self._logo(clinic),
            printed_on=self.printed_on,
        )

    def fit(
        self, leaflet: Leaflet, clinic: Clinic, print_of: Leaflet | None = None
    ) -> Fitted[SectionLayouts]:
        """The standard leaflet, each section at the largest body size that fits its page.

        Each try lays out, in one document, only the sections at a size not
        tried before: the whole leaflet first, then the sections that must
        shrink (a retry costs their pages, not the leaflet's; one document
        saves WeasyPrint's set-up per document).
        """
        from careleaf.render.pdf import SectionLayouts

        doc = leaflet.content_doc
        options = self.options(leaflet, clinic, print_of)
        file_loc = Location(doc.path)
        tried: dict[tuple[str, float], Layout] = {}

        def lay_out(body_pt: Mapping[str, float]) -> SectionLayouts:
            # Every section at a size not tried yet, together in one document: the whole
            # leaflet the first time, then only the sections whose size changed.
            new = tuple(key for key in SECTIONS if (key, body_pt[key]) not in tried)
            if new:
                html = self.html(leaflet, clinic, body_pt, options, only=new)
                self.check_alt(html, leaflet, clinic)
                layout = self.renderer.layout(html, self.page_css, new, file_loc)
                tried.update({(key, body_pt[key]): layout for key in new})
            return SectionLayouts({key: tried[key, body_pt[key]] for key in SECTIONS})

        fitted = fit_sections(SECTIONS, lay_out, {s: doc.where_key((s,)) for s in SECTIONS})
        if fitted.layout.stamps_overflow():
            raise BuildError(
                Problem(
                    file_loc,
                    f"the stamps ({'; '.join(options.banners)}) do not fit in one row "
                    "in the top margin of the page",
                )
            )
        return fitted

    def _logo(self, clinic: Clinic) -> str | None:
        """The clinic logo as a data: URL, read once per build process."""
        if clinic.logo is None:
            return None
        if clinic.logo not in self._logos:
            try:
                data = read_logo(self.project.root, clinic.logo)
            except LogoError as exc:  # checked with the profile; changed since?
                raise BuildError(
                    Problem(Location(self.project.show(self.project.clinic_file)), str(exc))
                ) from None
            self._logos[clinic.logo] = data_url(clinic.logo, data)
        return self._logos[clinic.logo]

    def html(
        self,
        leaflet: Leaflet,
        clinic: Clinic,
        body_pt: Mapping[str, float],
        options: RenderOptions,
        only: Collection[str] | None = None,
    ) -> str:
        try:
            return render_html(self.env, leaflet, clinic, body_pt, options, only)
        except jinja2.TemplateSyntaxError as exc:
            path = self.project.templates_dir / (exc.name or exc.filename or "?")
            raise BuildError(
                Problem(
                    Location(self.project.show(path), exc.lineno),
                    f"template syntax error: {exc.message}",
                )
            ) from None
        except TemplateRefused as exc:
            raise BuildError(Problem(self._template_frame(exc), exc.message or "")) from None
        except Exception as exc:  # a staff template can fail in many ways; say where
            raise BuildError(Problem(self._template_frame(exc), f"template error: {exc}")) from None

    def check_alt(self, html: str, leaflet: Leaflet, clinic: Clinic) -> None:
        """An accessible PDF needs a text alternative for every image, and a screen reader
        reads it to the patient: it must be a governed text too (the page-words check reads
        the page, not the alt texts)."""
        for tag in _IMG.findall(html):
            if not _ALT.search(tag):
                src = _SRC.search(tag)
                name = src.group(1) if src else tag
                raise BuildError(
                    Problem(
                        Location(self.project.show(self.project.templates_dir)),
                        f"image '{name}' has no alt text; describe it with alt=\"...\" "
                        '(alt="" if it is only decoration)',
                    )
                )
        unknown = unknown_alts(html, self.governed(leaflet, clinic))
        if unknown:
            raise BuildError(
                Problem(
                    Location(self.project.show(self.project.templates_dir)),
                    f"an image's alt text {quoted(unknown[0])} is no signed-off, approved or "
                    "confirmed text (the UI strings' logo_alt and qr_code_alt are); a screen "
                    "reader would read it to the patient",
                )
            )

    def _template_frame(self, exc: BaseException) -> Location:
        """The innermost line of a template in the traceback, else the templates folder."""
        root = self.project.templates_dir.resolve()
        for frame in reversed(traceback.extract_tb(exc.__traceback__)):
            path = Path(frame.filename)
            if path.is_absolute() and path.resolve().is_relative_to(root):
                return Location(self.project.show(path), frame.lineno or 0)
        return Location(self.project.show(self.project.templates_dir))


class PrintKind(Protocol):
    """One kind of print: how a leaflet becomes its PDF, laid out, checked and converted."""

    def make(
        self, worker: Worker, leaflet: Leaflet, clinic: Clinic, file_loc: Location
    ) -> Rendered: ...


class StandardPrint:
    """The three-page leaflet: each section on its page at the largest size that fits."""

    def make(
        self, worker: Worker, leaflet: Leaflet, clinic: Clinic, file_loc: Location
    ) -> Rendered:
        fitted = worker.fit(leaflet, clinic)
        data = worker.renderer.to_pdf(fitted.layout, file_loc)
        check_pdf(data, standard_pages(worker.governed(leaflet, clinic)), file_loc)
        return Rendered(
            leaflet.output_name, data, fitted.layout.page_count, fitted.body_pt, fitted.tried
        )


class BilingualPrint:
    """Each translation with the pages of another language facing its own (``--bilingual``).

    Both sides are fitted exactly as each prints alone; the facing language's
    layout is made once per handout, whatever the number of pairs.
    """

    def __init__(self) -> None:
        self._companions: dict[tuple[str, tuple[str, ...], bool], SectionLayouts] = {}

    def make(
        self, worker: Worker, leaflet: Leaflet, clinic: Clinic, file_loc: Location
    ) -> Rendered:
        companion = leaflet.companion
        if companion is None:  # the facing language's own leaflet: printed alone
            return StandardPrint().make(worker, leaflet, clinic, file_loc)
        fitted = worker.fit(leaflet, clinic)
        key = (companion.output_name, companion.stamps, leaflet.patient_ready)
        if key not in self._companions:
            self._companions[key] = worker.fit(companion, clinic, leaflet).layout
        title = f"{companion.content.title} / {leaflet.content.title}"
        data = worker.renderer.facing_pdf(
            self._companions[key], fitted.layout, title, leaflet.tag, file_loc
        )
        sides = (
            standard_pages(worker.governed(companion, clinic, leaflet)),
            standard_pages(worker.governed(leaflet, clinic)),
        )
        order = facing_order(fitted.layout.page_count)
        check_pdf(data, [sides[side][page] for side, page in order], file_loc)
        return Rendered(
            leaflet.output_name, data, 2 * fitted.layout.page_count, fitted.body_pt, fitted.tried
        )


class LargePrint:
    """Large print: 16 pt body text, each section from a new page, as many pages as it takes.

    One layout at the fixed size, proven complete; no shrinking.
    """

    def make(
        self, worker: Worker, leaflet: Leaflet, clinic: Clinic, file_loc: Location
    ) -> Rendered:
        options = worker.options(leaflet, clinic)
        where = {s: leaflet.content_doc.where_key((s,)) for s in SECTIONS}
        body_pt = dict.fromkeys(SECTIONS, LARGE_PRINT_BODY_PT)
        html = worker.html(leaflet, clinic, body_pt, options)
        worker.check_alt(html, leaflet, clinic)
        extra_css = worker.page_css + page_number_css(leaflet.strings.page_of)
        layout = worker.renderer.layout(html, extra_css, SECTIONS, file_loc)
        # As printed, not as HTML: the texts are compared letter by letter.
        disclaimer = leaflet.content.disclaimer
        review = review_line(leaflet).unescape()
        page_of = leaflet.strings.page_of

        def footer(n: int, m: int) -> tuple[str, ...]:
            number = i18n.fill(page_of, {"n": str(n), "m": str(m)}).unescape()
            # A continuation page has no section header: the stamps ride in the footer too.
            return *options.banners, disclaimer, review, number

        check_large_print(
            layout,
            SECTIONS,
            footer,
            where,
            leaflet.content_doc.where_key(("disclaimer",)),
            file_loc,
        )
        data = worker.renderer.to_pdf(layout, file_loc)
        texts = large_print_document(worker.governed(leaflet, clinic), layout.page_count)
        check_pdf(data, [texts], file_loc, whole=True)
        return Rendered(leaflet.output_name, data, layout.page_count, body_pt, 1)


def print_kind(variant: str, bilingual: bool = False) -> PrintKind:
    """The print kind a build makes: its variant, or bilingual pairs."""
    if bilingual:
        return BilingualPrint()
    return LargePrint() if variant == LARGE_PRINT else StandardPrint()
