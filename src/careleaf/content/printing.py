"""What a print can be: the print variants, the paper sizes, and the name of its PDF.

A vocabulary shared by the models (a clinic's paper size), the renderer and the
build; free of imports, so the command line and the no-op check can use it.
"""

from __future__ import annotations

import re

#: The names careleaf gives the files it makes, as patterns: a language tag (a folder),
#: a handout id, a sha256. The manifest, the preview record and clean check names by them.
TAG_PATTERN = r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*"
HANDOUT_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"
SHA256 = re.compile(r"[0-9a-f]{64}")

#: Print variants: the three-page leaflet, and large print for readers with low vision.
STANDARD = "standard"
LARGE_PRINT = "large-print"
VARIANTS = (STANDARD, LARGE_PRINT)


def paper_name(value: object) -> object:
    """``a4``, ``LETTER``... as careleaf names the paper sizes; anything else as it is."""
    if isinstance(value, str):
        return {"a4": "A4", "letter": "Letter"}.get(value.strip().lower(), value)
    return value


def output_name(tag: str, handout_id: str) -> str:
    """Where a leaflet's PDF lives in a print folder: ``<language tag>/<handout id>.pdf``.

    The one place the name is made; manifests, skips and removals all use it.
    """
    return f"{tag}/{handout_id}.pdf"


def parse_output_name(name: str) -> tuple[str, str]:
    """``(language tag, handout id)`` of an :func:`output_name`."""
    tag, _, file = name.partition("/")
    return tag, file.removesuffix(".pdf")
