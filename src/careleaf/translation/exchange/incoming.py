"""An exchange file as read back: its languages and its units, each with its line.

Reading never trusts the file: it is size-capped before it is parsed, must
be UTF-8, and every problem is reported as ``FILE:line: message`` with
nothing from the file echoed raw.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from careleaf.errors import ContentError, Location, Problem

#: The largest exchange file careleaf reads; far above any real project's.
MAX_BYTES = 8 * 1024 * 1024
#: File name endings and the format each one means.
FORMATS = {".po": "po", ".xlf": "xliff", ".xliff": "xliff"}


@dataclass(frozen=True)
class Incoming:
    """One unit of an exchange file: which field, its source and target, and its state."""

    key: str
    source: str
    target: str
    confirmed: bool  # PO: not fuzzy; XLIFF: state translated, final or signed-off
    line: int  # where the unit starts
    target_line: int  # where its translation is written


@dataclass(frozen=True)
class Received:
    """What a PO or XLIFF file holds."""

    shown: str
    language: str
    source_language: str | None  # XLIFF says it; PO does not
    units: tuple[Incoming, ...]
    language_line: int  # where the file names its language


def clipped(text: str, limit: int = 120) -> str:
    """``text`` from the file, cut short to be quoted in a message (which escapes it too)."""
    return text if len(text) <= limit else text[:limit] + "..."


def fail(shown: str, line: int, message: str) -> ContentError:
    return ContentError(Problem(Location(shown, line), message))


def format_of(path: Path, shown: str) -> str:
    found = FORMATS.get(path.suffix.lower())
    if found is None:
        raise fail(shown, 0, "careleaf imports .po, .xlf and .xliff files")
    return found


def read_capped(path: Path, shown: str) -> bytes:
    """The file's bytes, refusing one over :data:`MAX_BYTES` before reading it all."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise fail(shown, 0, f"file is {size:,} bytes; the limit is {MAX_BYTES:,}")
        with path.open("rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise fail(shown, 0, f"cannot read file: {exc.strerror or exc}") from None
    if len(raw) > MAX_BYTES:
        raise fail(shown, 0, f"file is over the {MAX_BYTES:,} byte limit")
    return raw


def decode(raw: bytes, shown: str) -> str:
    """The text of a UTF-8 file; a byte that is not UTF-8 is named by its line."""
    try:
        return raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise fail(shown, line, "is not UTF-8 text; save the file as UTF-8") from None
