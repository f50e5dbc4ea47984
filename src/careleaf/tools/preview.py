"""Pages as PNG images, for a quick look without a PDF viewer (pypdfium2), and their record.

The images of a print folder go to ``<print folder>/preview/<lang>/<handout>-<n>.png``
and are listed, with their sha256, in ``<print folder>/preview/previews.json``:
that record is how ``careleaf clean`` knows careleaf made them, and how a
preview knows it may replace an image. An image file careleaf did not record
is never written over.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from io import BytesIO
from pathlib import Path
from typing import Any

from careleaf import __version__
from careleaf.content.printing import HANDOUT_PATTERN, SHA256, TAG_PATTERN
from careleaf.errors import BuildError, ContentError, Location, Problem
from careleaf.files.write import write_all_atomic

PREVIEW_FOLDER = "preview"
PREVIEW_RECORD = "previews.json"
#: Where an image of a preview folder may be: ``<language tag>/<handout id>-<page>.png``.
IMAGE_NAME = re.compile(rf"{TAG_PATTERN}/{HANDOUT_PATTERN}-[0-9]+\.png")


def sha256_of(path: Path) -> str | None:
    """The sha256 of a regular file at ``path`` (never through a link); None otherwise."""
    try:
        if path.is_symlink() or not path.is_file():
            return None
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def read_previews(folder: Path, shown: str) -> dict[str, str]:
    """The images ``folder`` (a preview folder) records, name -> sha256; none without a record.

    The record is untrusted: it names files careleaf may replace or remove,
    so a record that is not exactly what careleaf writes is refused.
    """
    where = Location(shown)
    try:
        data = json.loads((folder / PREVIEW_RECORD).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ContentError(Problem(where, f"not a careleaf preview record: {exc}")) from None
    images = data.get("images") if isinstance(data, dict) else None
    if not isinstance(images, list):
        raise ContentError(Problem(where, "not a careleaf preview record: no list of 'images'"))
    found: dict[str, str] = {}
    problems = []
    for n, image in enumerate(images):
        ok = (
            isinstance(image, dict)
            and set(image) == {"path", "sha256"}
            and isinstance(image["path"], str)
            and IMAGE_NAME.fullmatch(image["path"]) is not None
            and isinstance(image["sha256"], str)
            and SHA256.fullmatch(image["sha256"]) is not None
        )
        if ok:
            found[image["path"]] = image["sha256"]
        else:
            problems.append(
                Problem(where, f"images[{n}] is not '<lang>/<handout>-<page>.png' with its sha256")
            )
    if problems:
        raise ContentError(problems)
    return found


def _record(images: dict[str, str]) -> bytes:
    body: dict[str, Any] = {
        "generator": f"careleaf {__version__}",
        "images": [{"path": name, "sha256": images[name]} for name in sorted(images)],
    }
    return (json.dumps(body, indent=2) + "\n").encode("utf-8")


def pdf_to_pngs(
    pdf: Path,
    print_folder: Path,
    tag: str,
    show: Callable[[Path], str] = str,
    dpi: int = 96,
) -> list[Path]:
    """Render every page of ``pdf`` to ``<print_folder>/preview/<tag>/<name>-<n>.png``.

    Returns the paths written. Images of the same PDF from an earlier preview
    that this one does not write again (it has fewer pages now) are removed;
    a file at one of the paths that careleaf did not record is left as it is
    and the preview refused, with nothing written.
    """
    import pypdfium2

    folder = print_folder / PREVIEW_FOLDER
    recorded = read_previews(folder, show(folder / PREVIEW_RECORD))
    images: list[tuple[str, bytes]] = []
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        for number in range(len(document)):
            image = document[number].render(scale=dpi / 72).to_pil()
            buffer = BytesIO()
            image.save(buffer, format="PNG", optimize=True)
            images.append((f"{tag}/{pdf.stem}-{number + 1}.png", buffer.getvalue()))
    finally:
        document.close()
    foreign = [
        Problem(Location(show(folder / name)), "careleaf did not make this file; not replacing it")
        for name, _ in images
        if ((folder / name).exists() or (folder / name).is_symlink())
        and sha256_of(folder / name) != recorded.get(name)
    ]
    if foreign:
        raise BuildError(foreign)
    written = dict(recorded)
    for name, data in images:
        written[name] = hashlib.sha256(data).hexdigest()
    pattern = re.compile(re.escape(f"{tag}/{pdf.stem}-") + r"[0-9]+\.png")
    fewer = [name for name in recorded if pattern.fullmatch(name) and name not in dict(images)]
    for name in fewer:
        written.pop(name)
    files = [(folder / name, data, show(folder / name)) for name, data in images]
    files.append((folder / PREVIEW_RECORD, _record(written), show(folder / PREVIEW_RECORD)))
    (folder / tag).mkdir(parents=True, exist_ok=True)
    write_all_atomic(files)
    for name in fewer:
        if sha256_of(folder / name) == recorded[name]:
            (folder / name).unlink()
    return [folder / name for name, _ in images]
