"""Pages as PNG images, for a quick look without a PDF viewer (pypdfium2)."""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO
from pathlib import Path

import pypdfium2

from .write import write_atomic


def pdf_to_pngs(
    pdf: Path, folder: Path, show: Callable[[Path], str] = str, dpi: int = 96
) -> list[Path]:
    """Render every page of ``pdf`` to ``folder/<name>-<n>.png``; returns the paths."""
    document = pypdfium2.PdfDocument(str(pdf))
    written = []
    try:
        for number in range(len(document)):
            image = document[number].render(scale=dpi / 72).to_pil()
            target = folder / f"{pdf.stem}-{number + 1}.png"
            buffer = BytesIO()
            image.save(buffer, format="PNG", optimize=True)
            write_atomic(target, buffer.getvalue(), show(target))
            written.append(target)
    finally:
        document.close()
    return written
