"""``careleaf clean``: remove everything careleaf made in an output folder, and nothing else.

careleaf knows what it made from its records, never from a file's name
alone: each ``manifest.json`` lists the PDFs of its print folder, with their
sha256, and each ``preview/previews.json`` the page images of its folder.
What goes:

- a file a record lists, only while it is still the file careleaf wrote
  (same sha256, a plain file, not a link) and inside the record's folder;
- the records themselves;
- a temporary file of careleaf's own (``.<name>.careleaf-<random>.tmp``) left
  by a killed command in a folder careleaf writes;
- a folder careleaf made (a print folder holding a record, a language
  folder of one, a preview folder, a folder between the root and one of
  those), once it is empty.

Every other file and folder stays and is listed. A folder that holds no
careleaf record at all is refused, so ``clean --out /somewhere`` cannot empty
a folder careleaf never wrote. A record that does not pass careleaf's checks
is not trusted to say what careleaf made: its folder is left alone and the
problem reported. Links are never followed.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from careleaf.build.manifest import MANIFEST, read_manifest
from careleaf.content.printing import TAG_PATTERN
from careleaf.errors import ContentError, Location, Problem
from careleaf.files.write import TEMPORARY
from careleaf.project import Project
from careleaf.tools.preview import PREVIEW_FOLDER, PREVIEW_RECORD, read_previews, sha256_of

_TAG = re.compile(TAG_PATTERN)


@dataclass
class Cleaned:
    removed: list[Path] = field(default_factory=list)  # files
    folders: list[Path] = field(default_factory=list)  # folders, deepest first
    left: list[tuple[Path, str]] = field(default_factory=list)  # with why
    problems: list[Problem] = field(default_factory=list)


def _walk(root: Path) -> tuple[list[Path], list[Path]]:
    """Every file (and link) and every folder under ``root``, links not followed."""
    files: list[Path] = []
    folders: list[Path] = []
    for top, dirs, names in os.walk(root, followlinks=False):
        here = Path(top)
        for name in dirs:
            path = here / name
            # os.walk lists a link to a folder among the folders; it is a file to us.
            (files if path.is_symlink() else folders).append(path)
        files.extend(here / name for name in names)
    return sorted(files), sorted(folders)


def _real_folder(path: Path, root: Path) -> bool:
    """Whether ``path`` is a folder under ``root`` reached through no link."""
    try:
        return (
            path.is_dir()
            and path.resolve().is_relative_to(root.resolve())
            and all(not p.is_symlink() for p in [path, *path.parents] if p.is_relative_to(root))
        )
    except OSError:
        return False


def clean(project: Project, root: Path, *, dry_run: bool = False) -> Cleaned:
    """Remove careleaf's files and folders under ``root``; with ``dry_run``, only say which."""
    result = Cleaned()
    if not root.is_dir():
        return result
    files, folders = _walk(root)
    records = [p for p in files if p.name == MANIFEST and not p.is_symlink()]
    records += [
        p
        for p in files
        if p.name == PREVIEW_RECORD and p.parent.name == PREVIEW_FOLDER and not p.is_symlink()
    ]
    if not records:
        result.problems.append(
            Problem(
                Location(project.show(root)),
                "holds no careleaf manifest, so careleaf did not make it; clean removes only "
                "what a careleaf manifest lists, and removed nothing",
            )
        )
        return result
    made: dict[Path, str | None] = {}  # file -> the sha256 careleaf wrote (None: a record)
    homes: set[Path] = set()  # folders careleaf writes into
    untrusted: list[Path] = []
    for record in records:
        folder = record.parent
        try:
            if record.name == MANIFEST:
                entries = {
                    name: str(entry["sha256"])
                    for name, entry in read_manifest(folder, project.show(record)).items()
                }
            else:
                entries = read_previews(folder, project.show(record))
        except ContentError as exc:
            result.problems.extend(exc.problems)
            untrusted.append(folder)
            continue
        made[record] = None
        homes.add(folder)
        for name, sha in entries.items():
            path = folder / name
            if _real_folder(path.parent, root):
                made[path] = sha
                homes.add(path.parent)
        if record.name == MANIFEST:
            homes.update(
                child
                for child in folder.iterdir()
                if _TAG.fullmatch(child.name) and _real_folder(child, root)
            )
            preview = folder / PREVIEW_FOLDER
            if _real_folder(preview, root):
                homes.add(preview)
    for path in files:
        why = _why_left(path, made, homes, untrusted)
        if why is None:
            result.removed.append(path)
        else:
            result.left.append((path, why))
    result.folders = _emptied(root, folders, homes, set(result.removed), untrusted)
    if not dry_run:
        for path in result.removed:
            path.unlink(missing_ok=True)
        for folder in result.folders:
            try:
                folder.rmdir()
            except OSError:  # something appeared in it meanwhile: it stays
                continue
    return result


def _why_left(
    path: Path, made: dict[Path, str | None], homes: set[Path], untrusted: list[Path]
) -> str | None:
    """Why ``path`` stays, or None when careleaf made it and it goes."""
    if any(path.is_relative_to(folder) for folder in untrusted):
        return "its folder's manifest is not trusted (see the problem below)"
    if path.is_symlink():
        return "a link, which careleaf never makes"
    if path in made:
        expected = made[path]
        if expected is None:
            return None
        return None if sha256_of(path) == expected else "changed since careleaf wrote it"
    if TEMPORARY.fullmatch(path.name) and path.parent in homes:
        return None
    return "careleaf did not make it"


def _emptied(
    root: Path, folders: list[Path], homes: set[Path], removed: set[Path], untrusted: list[Path]
) -> list[Path]:
    """careleaf's folders that are empty once ``removed`` are gone, deepest first."""
    ours = set(homes)
    for home in homes:  # the folders on the way from the root to one of careleaf's
        ours.update(p for p in home.parents if p.is_relative_to(root))
    emptied: set[Path] = set()
    for folder in sorted([*folders, root], key=lambda p: len(p.parts), reverse=True):
        if folder not in ours or any(folder.is_relative_to(u) for u in untrusted):
            continue
        try:
            children = list(folder.iterdir())
        except OSError:
            continue
        if all(child in removed or child in emptied for child in children):
            emptied.add(folder)
    return sorted(emptied, key=lambda p: (-len(p.parts), p))
