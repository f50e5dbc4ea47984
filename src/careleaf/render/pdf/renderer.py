"""Laying out HTML and making PDF bytes, with WeasyPrint's warnings as problems.

Two gates keep a leaflet honest. Every resource goes through
:class:`~careleaf.render.pdf.fetcher.ProjectFetcher`, which serves only files inside
the project's ``templates/`` and ``styles/`` folders and ``data:`` URLs. Every
WeasyPrint warning (a CSS mistake, a glyph no font has) is captured and
becomes a build problem, because a leaflet with boxes for letters must not be
printed.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from copy import copy
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pydyf  # type: ignore[import-untyped]
from weasyprint import CSS, HTML, Document
from weasyprint.text.fonts import FontConfiguration

from careleaf.catalog.bilingual import facing_order
from careleaf.errors import BuildError, Location, Problem
from careleaf.render.completeness import expected_text
from careleaf.render.pdf.fetcher import ProjectFetcher, RefusedResource
from careleaf.render.pdf.layout import Layout, SectionLayouts
from careleaf.render.pdf.tagging import finish_structure

_AT_LINE_COL = re.compile(r" at (\d+):(\d+)")
_QUOTED = re.compile(r"'(.*)'", re.DOTALL)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _warnings() -> Iterator[list[str]]:
    logger = logging.getLogger("weasyprint")
    handler = _Collect()
    propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


class Renderer:
    """Lays out HTML for one project, reusing fonts and parsed stylesheets across renders."""

    def __init__(
        self, templates_dir: Path, styles_dir: Path, stylesheets: Sequence[Path], show: object = str
    ) -> None:
        self.base_url = templates_dir.resolve().as_uri() + "/"
        self.fetcher = ProjectFetcher([templates_dir, styles_dir])
        self._folders = (templates_dir, styles_dir)
        self.font_config = FontConfiguration()
        self._show = show
        self._stylesheets = [self._parse_css(path) for path in stylesheets]
        self._extra: dict[str, CSS] = {}

    def _parse_css(self, path: Path) -> CSS:
        shown = self._show(path)  # type: ignore[operator]
        try:
            with _warnings() as warnings:
                # Through the fetcher, so a stylesheet that is a symlink out is refused too.
                css = CSS(url=path.as_uri(), url_fetcher=self.fetcher, font_config=self.font_config)
        except RefusedResource as exc:
            raise BuildError(Problem(Location(shown), str(exc))) from None
        except OSError as exc:
            raise BuildError(Problem(Location(shown), f"cannot read stylesheet: {exc}")) from None
        if warnings:
            source = path.read_text(encoding="utf-8", errors="replace")
            raise BuildError([_css_problem(shown, message, source) for message in warnings])
        return css

    def layout(
        self, html: str, extra_css: str, section_ids: Sequence[str], where: Location
    ) -> Layout:
        """Lay out ``html``; raises :class:`BuildError` on any refused resource or warning."""
        extra = self._extra.get(extra_css)
        if extra is None:
            extra = self._extra[extra_css] = CSS(
                string=extra_css, url_fetcher=self.fetcher, font_config=self.font_config
            )
        try:
            with _warnings() as warnings:
                document = HTML(
                    string=html, base_url=self.base_url, url_fetcher=self.fetcher
                ).render(stylesheets=[*self._stylesheets, extra], font_config=self.font_config)
        except RefusedResource as exc:
            raise BuildError(Problem(self._referrer(exc.url) or where, str(exc))) from None
        if warnings:
            raise BuildError([Problem(where, m) for m in warnings])
        return Layout(
            document, _section_pages(document, section_ids), expected_text(html, section_ids)
        )

    def to_pdf(self, layout: Layout | SectionLayouts, where: Location) -> bytes:
        """The PDF bytes; a glyph missing from every font fails here, before anything is written."""
        return self._write(layout.document, where)

    def _write(
        self,
        document: Document,
        where: Location,
        finisher: Callable[[Document, Any], None] | None = None,
    ) -> bytes:
        def finish(written: Document, pdf: Any) -> None:
            finish_structure(written, pdf)
            if finisher is not None:
                finisher(written, pdf)

        try:
            with _warnings() as warnings:
                # Tagged, accessible PDF: structure, language, title shown by viewers;
                # careleaf's finisher completes the structure (see tagging.py).
                data: bytes = document.write_pdf(pdf_variant="pdf/ua-1", finisher=finish)
        except RefusedResource as exc:
            raise BuildError(Problem(self._referrer(exc.url) or where, str(exc))) from None
        if warnings:
            raise BuildError([Problem(where, m) for m in warnings])
        return data

    def facing_pdf(
        self,
        companion: Layout | SectionLayouts,
        leaflet: Layout | SectionLayouts,
        title: str,
        lang: str,
        where: Location,
    ) -> bytes:
        """Bilingual PDF bytes: each page of ``companion`` faced by the same page of ``leaflet``.

        The PDF opens two pages side by side. Its language is the companion's;
        each section of ``leaflet`` is tagged with ``lang``, so a screen
        reader switches voice on those pages.
        """
        order = facing_order(companion.page_count)
        docs = (companion.document, leaflet.document)
        document = companion.document.copy([docs[d].pages[p] for d, p in order])
        document.metadata = copy(companion.document.metadata)
        document.metadata.title = title
        theirs = {n for n, (d, _) in enumerate(order) if d == 1}

        def finish(_: Document, pdf: Any) -> None:
            pdf.catalog["PageLayout"] = "/TwoPageLeft"
            pages = {ref for n, ref in enumerate(pdf.page_references) if n in theirs}
            for obj in pdf.objects:
                is_section = isinstance(obj, pydyf.Dictionary) and obj.get("S") == "/Sect"
                if is_section and obj.get("Pg") in pages:
                    obj["Lang"] = pydyf.String(lang)

        return self._write(document, where, finish)

    def _referrer(self, url: str) -> Location | None:
        """The template or stylesheet line that names ``url``, to blame it and not the content.

        WeasyPrint does not say who asked for a resource; content cannot (it is
        escaped), so one of the staff-owned files did, and it names the URL or
        the relative path that resolved to it.
        """
        candidates = [url]
        path = Path(unquote(urlsplit(url).path)) if url.startswith("file:") else None
        for folder in self._folders:
            if path is not None and path.is_relative_to(folder):
                candidates.append(path.relative_to(folder).as_posix())
        if path is not None:
            candidates.append(path.name)
        for folder in self._folders:
            for file in sorted(p for p in folder.rglob("*") if p.is_file()):
                text = file.read_text(encoding="utf-8", errors="replace")
                for candidate in candidates:
                    index = text.find(candidate) if candidate else -1
                    if index >= 0:
                        line = text.count("\n", 0, index) + 1
                        col = index - (text.rfind("\n", 0, index) + 1) + 1
                        return Location(self._show(file), line, col)  # type: ignore[operator]
        return None


def _section_pages(document: Document, section_ids: Sequence[str]) -> dict[str, list[int]]:
    starts: dict[str, int] = {}
    for index, page in enumerate(document.pages):
        for anchor in page.anchors:
            if anchor in section_ids and anchor not in starts:
                starts[anchor] = index
    ordered = sorted((start, key) for key, start in starts.items())
    pages: dict[str, list[int]] = {key: [] for key in section_ids}
    for n, (start, key) in enumerate(ordered):
        end = ordered[n + 1][0] if n + 1 < len(ordered) else len(document.pages)
        pages[key] = list(range(start, end))
    return pages


def _css_problem(shown: str, message: str, source: str) -> Problem:
    match = _AT_LINE_COL.search(message)
    if match:
        line, col = int(match.group(1)), int(match.group(2))
        text = _AT_LINE_COL.sub("", message, count=1).rstrip(".")
        return Problem(Location(shown, line, col), f"CSS: {text}")
    # Some messages quote the offending text (often many lines) instead of a position.
    quoted = _QUOTED.search(message)
    if quoted and quoted.group(1) and (index := source.find(quoted.group(1))) >= 0:
        line = source.count("\n", 0, index) + 1
        col = index - (source.rfind("\n", 0, index) + 1) + 1
        first = quoted.group(1).strip().split("\n")[0].strip()
        text = message[: quoted.start()] + f"'{first}'"
        return Problem(Location(shown, line, col), f"CSS: {text}")
    return Problem(Location(shown), f"CSS: {message}")
