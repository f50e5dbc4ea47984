"""``careleaf translate export``: a language's fields and UI strings in one PO or XLIFF file."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from careleaf.errors import ContentError, Location, Problem, UsageError
from careleaf.files.write import write_atomic
from careleaf.project import Project
from careleaf.translation.exchange.incoming import FORMATS
from careleaf.translation.exchange.po import write_po
from careleaf.translation.exchange.units import CURRENT, MISSING, OPTIONAL, STALE, collect
from careleaf.translation.exchange.xliff import write_xliff


@dataclass(frozen=True)
class Exported:
    shown: str
    units: int
    current: int
    stale: int
    missing: int
    optional: int = 0  # optional UI strings the language does not give


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
    *,
    force: bool = False,
) -> Exported:
    """Write every unit of ``tag`` (for ``handouts``, default all) to ``out`` as ``kind``.

    Refused, with nothing written, inside the folders careleaf reads a
    leaflet from, and over an existing file unless ``force``.
    """
    refused_out(project, out, shown, force)
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
        states.count(OPTIONAL),
    )


#: The folders a leaflet is made from: an export file has no business there.
PROJECT_FOLDERS = ("handouts", "templates", "styles")


def refused_out(project: Project, out: Path, shown: str, force: bool) -> None:
    """Raise unless ``out`` may be written: outside the project's own folders, and new
    (or ``force``)."""
    where = Location(shown)
    resolved = out.resolve()
    for name in PROJECT_FOLDERS:
        folder = (project.root / name).resolve()
        if resolved.is_relative_to(folder):
            raise ContentError(
                Problem(
                    where,
                    f"is inside the project's {name}/ folder, which careleaf reads leaflets "
                    "from; write the export elsewhere (careleaf never writes an export "
                    f"inside {', '.join(f + '/' for f in PROJECT_FOLDERS)})",
                )
            )
    if out.is_dir():
        raise ContentError(Problem(where, "is a folder; give the file to write"))
    if (out.exists() or out.is_symlink()) and not force:
        raise ContentError(
            Problem(where, "already exists; careleaf does not write over it without --force")
        )
