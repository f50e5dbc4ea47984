"""``careleaf clean``: remove everything careleaf made in an output folder, and nothing else.

careleaf knows what it made from its manifests: each lists the PDFs of its
folder. It also made the manifests themselves, the page images of
``preview/`` folders (``<handout>-<n>.png``) and the temporary files an
interrupted build may leave (``.<name>.<random>.tmp``). Those go; every other
file stays and is reported, and folders left empty are removed. A manifest
that does not pass careleaf's checks is not trusted to say what careleaf
made: its folder is left alone and the problem reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ContentError, Problem
from .manifest import MANIFEST, read_manifest
from .project import Project

_PREVIEW = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*-[0-9]+\.png")
_TEMPORARY = re.compile(r"\..+\.tmp")


@dataclass
class Cleaned:
    removed: list[Path] = field(default_factory=list)
    left: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def clean(project: Project, root: Path, *, dry_run: bool = False) -> Cleaned:
    """Remove careleaf's files under ``root``; with ``dry_run``, only say which."""
    result = Cleaned()
    if not root.is_dir():
        return result
    made: set[Path] = set()
    untrusted: list[Path] = []
    for manifest in sorted(root.rglob(MANIFEST)):
        folder = manifest.parent
        try:
            entries = read_manifest(folder, project.show(manifest))
        except ContentError as exc:
            result.problems.extend(exc.problems)
            untrusted.append(folder)
            continue
        made.add(manifest)
        made.update(folder / name for name in entries if (folder / name).is_file())
    for path in sorted(p for p in root.rglob("*") if p.is_file() or p.is_symlink()):
        if any(path.is_relative_to(folder) for folder in untrusted):
            result.left.append(path)
        elif path in made or _made_by_careleaf(path, root):
            result.removed.append(path)
        else:
            result.left.append(path)
    if not dry_run:
        for path in result.removed:
            path.unlink(missing_ok=True)
        for folder in sorted((p for p in root.rglob("*") if p.is_dir()), reverse=True):
            if not any(folder.iterdir()):
                folder.rmdir()
        if not any(root.iterdir()):
            root.rmdir()
    return result


def _made_by_careleaf(path: Path, root: Path) -> bool:
    if _TEMPORARY.fullmatch(path.name):
        return True
    # Page images: <print folder>/preview/<lang>/<handout>-<n>.png
    return (
        _PREVIEW.fullmatch(path.name) is not None
        and path.parent.parent.name == "preview"
        and path.is_relative_to(root)
    )
