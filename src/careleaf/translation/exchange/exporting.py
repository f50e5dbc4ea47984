"""``careleaf translate export``: a language's fields and UI strings in one PO or XLIFF file."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ...errors import UsageError
from ...project import Project
from ...write import write_atomic
from .incoming import FORMATS
from .po import write_po
from .units import CURRENT, MISSING, STALE, collect
from .xliff import write_xliff


@dataclass(frozen=True)
class Exported:
    shown: str
    units: int
    current: int
    stale: int
    missing: int


def format_for(out: Path, given: str | None) -> str:
    """The format asked for, or the one the output file's name ends in."""
    if given:
        return given
    found = FORMATS.get(out.suffix.lower())
    if found is None:
        raise UsageError(f"give --format po or --format xliff (cannot tell from '{out.name}')")
    return found


def export(
    project: Project,
    tag: str,
    handouts: Iterable[str],
    kind: str,
    out: Path,
    shown: str,
    today: date,
) -> Exported:
    """Write every unit of ``tag`` (for ``handouts``, default all) to ``out`` as ``kind``."""
    exchange = collect(project, tag, handouts)
    data = write_po(exchange, today).encode("utf-8") if kind == "po" else write_xliff(exchange)
    write_atomic(out, data, shown)
    states = [u.state for u in exchange.units]
    return Exported(
        shown,
        len(states),
        states.count(CURRENT),
        states.count(STALE),
        states.count(MISSING),
    )
