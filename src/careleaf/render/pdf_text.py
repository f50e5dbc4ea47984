"""The text of a finished PDF, page by page, as a reader would copy it (pdfium)."""

from __future__ import annotations

from typing import Any


def pdf_page_texts(data: bytes) -> list[str]:
    """The text of each page of a PDF, as a reader would copy it (pdfium).

    Text set at an angle (a stamped print's diagonal watermark) is read on its
    own, before the rest: pdfium's line finding would otherwise mix it into
    the lines it crosses and run words of a right-to-left page together.
    """
    import pypdfium2 as pdfium  # only where a PDF was made
    import pypdfium2.raw as pdfium_c

    document = pdfium.PdfDocument(data)
    try:
        texts = []
        for page in document:
            textpage = page.get_textpage()
            turned = [
                obj
                for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_TEXT,), max_depth=1)
                if _turned(obj.get_matrix())
            ]
            lines = [_object_text(obj, textpage) for obj in turned]
            if turned:
                for obj in turned:
                    page.remove_obj(obj)
                textpage.close()
                textpage = page.get_textpage()
            texts.append("\n".join([*lines, textpage.get_text_bounded()]))
            textpage.close()
            page.close()
        return texts
    finally:
        document.close()


def _turned(matrix: Any) -> bool:
    return bool(abs(matrix.b) > 1e-6 or abs(matrix.c) > 1e-6)


def _object_text(obj: Any, textpage: Any) -> str:
    """The text of one pdfium text object (UTF-16, asked for twice: its length, then it)."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    size = pdfium_c.FPDFTextObj_GetText(obj.raw, textpage.raw, None, 0)
    buffer = ctypes.create_string_buffer(size)
    out = ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort))
    pdfium_c.FPDFTextObj_GetText(obj.raw, textpage.raw, out, size)
    return buffer.raw[: max(0, size - 2)].decode("utf-16-le", errors="replace")
