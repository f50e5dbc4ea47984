"""The only package that imports WeasyPrint: lay out HTML, measure pages, make PDF bytes.

- :mod:`.fetcher`: the gate every resource goes through;
- :mod:`.renderer`: layout and PDF bytes, WeasyPrint's warnings as problems;
- :mod:`.layout`: a laid-out document read as careleaf needs it (pages per
  section, completeness, how full each page is);
- :mod:`.measure`: the boxes behind it: how far content reaches, which
  lines follow the body size;
- :mod:`.tagging`: the structure tree finished for screen readers (PDF/UA).
"""

from __future__ import annotations

from careleaf.render.pdf.fetcher import MAX_RESOURCE_BYTES, ProjectFetcher, RefusedResource
from careleaf.render.pdf.layout import FOOTER_CLASS, Layout, PageCheck, SectionLayouts
from careleaf.render.pdf.measure import Fill, Paragraph
from careleaf.render.pdf.renderer import Renderer

__all__ = [
    "FOOTER_CLASS",
    "MAX_RESOURCE_BYTES",
    "Fill",
    "Layout",
    "PageCheck",
    "Paragraph",
    "ProjectFetcher",
    "RefusedResource",
    "Renderer",
    "SectionLayouts",
]
