"""``careleaf init DIR``: a new project that builds, as ``mkdocs new`` makes one.

It writes the default templates and stylesheets, the UI strings, a clinic
profile to fill in (the sample clinic's, unconfirmed, so nothing prints for
patients until someone has made it their own and confirmed it) and the sample
handout, muscle spasm, with its translations (not signed off). They come from
the installed package (``careleaf/starter/``, copied there from the
repository's own ``handouts/``, ``templates/`` and ``styles/`` when the wheel
is built), or, when careleaf runs from a source checkout, from those folders
themselves: one copy of the defaults, either way.

It writes only into a new or empty folder, all its files or none, so it can
never replace a file.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from careleaf.errors import CareleafError, Location, Problem
from careleaf.files.write import write_all_atomic

#: The folders of a project, as the starter holds them.
FOLDERS = ("handouts", "templates", "styles")


def starter() -> Path:
    """The folder the starter project is copied from."""
    packaged = Path(str(files("careleaf").joinpath("starter")))
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[3]  # src/careleaf/tools/init.py
    if all((checkout / name).is_dir() for name in FOLDERS):
        return checkout
    raise CareleafError(
        Problem(Location("careleaf"), "this installation has no starter project (a broken wheel?)")
    )


def init_project(target: Path, shown: str) -> list[Path]:
    """Write a starter project into ``target`` (new or empty); the files written."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise CareleafError(
            Problem(
                Location(shown),
                "already exists and is not empty; careleaf init writes only into a new or "
                "empty folder, so it never replaces a file",
            )
        )
    source = starter()
    files_ = sorted(
        path
        for name in FOLDERS
        for path in (source / name).rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    )
    planned = [(target / path.relative_to(source), path.read_bytes()) for path in files_]
    write_all_atomic([(path, data, str(path)) for path, data in planned])
    return [path for path, _ in planned]
