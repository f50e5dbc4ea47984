"""The clinic logo: checked when the profile is read, embedded in the page as a data URL.

The logo is a staff-owned file inside the project, like the templates. It is
checked once, with the profile, so a bad file is reported at the profile line
that names it; the page then carries the image itself (a ``data:`` URL), so
the renderer's fetcher never has to open anything outside templates/ and
styles/. An SVG may not pull in other files: a logo that needs them would
print differently on another machine.
"""

from __future__ import annotations

import base64
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from careleaf.content.model import Logo

MAX_LOGO_BYTES = 1024 * 1024
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_HREF = re.compile(r"(?:^|})href$")
_EXTERNAL_URL = re.compile(r"url\(\s*['\"]?(?!#|data:)", re.IGNORECASE)


class LogoError(ValueError):
    """Why a logo file cannot be printed."""


def logo_path(root: Path, logo: Logo) -> Path:
    return root / logo.file


def read_logo(root: Path, logo: Logo) -> bytes:
    """The logo's bytes, once they pass every check; raises :class:`LogoError`."""
    path = logo_path(root, logo)
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError):
        raise LogoError(f"logo file '{logo.file}' does not exist") from None
    if not real.is_relative_to(root.resolve()):
        raise LogoError(f"logo file '{logo.file}' is outside the project folder")
    if not real.is_file():
        raise LogoError(f"logo file '{logo.file}' is not a regular file")
    if real.stat().st_size > MAX_LOGO_BYTES:
        raise LogoError(f"logo file '{logo.file}' is larger than {MAX_LOGO_BYTES:,} bytes")
    data = real.read_bytes()
    if logo.file.lower().endswith(".png"):
        if not data.startswith(_PNG_SIGNATURE):
            raise LogoError(f"logo file '{logo.file}' is not a PNG image")
    else:
        _check_svg(logo.file, data)
    return data


def _check_svg(name: str, data: bytes) -> None:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise LogoError(f"logo file '{name}' is not UTF-8 text, so not an SVG image") from None
    # Entity declarations are how XML bombs and file inclusions work; a logo needs none.
    if "<!DOCTYPE" in text or "<!ENTITY" in text:
        raise LogoError(f"logo file '{name}' declares a DOCTYPE or entities; remove them")
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError as exc:
        raise LogoError(f"logo file '{name}' is not well-formed SVG: {exc}") from None
    if root.tag not in ("svg", "{http://www.w3.org/2000/svg}svg"):
        raise LogoError(f"logo file '{name}' is not an SVG image (its root is not <svg>)")
    for element in root.iter():
        for attribute, value in element.attrib.items():
            external = _HREF.search(attribute) and not value.strip().startswith(("#", "data:"))
            if external or _EXTERNAL_URL.search(value):
                raise LogoError(
                    f"logo file '{name}' links to '{value.strip()[:80]}'; "
                    "a logo must not use other files"
                )
        if _EXTERNAL_URL.search(element.text or ""):
            raise LogoError(f"logo file '{name}' loads another file from its style")


def data_url(logo: Logo, data: bytes) -> str:
    """The image as a ``data:`` URL for the page."""
    mime = "image/png" if logo.file.lower().endswith(".png") else "image/svg+xml"
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"
