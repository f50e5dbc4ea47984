"""What a PDF depends on, as one hash, so an unchanged leaflet is never rendered twice.

The key covers every file a leaflet is read, checked and printed from, by
its bytes: ``handout.yaml``, the language and source-language files, both
languages' UI strings, the clinic profile and its logo, every template and
stylesheet; the font files of the language's stack (and the folders that
hold them); the careleaf, WeasyPrint and phonenumbers versions (new
numbering data can refuse a number, or print it otherwise) and the options
that change the print (paper, print variant). It is computed without reading a
file as YAML, so the no-op check (:mod:`careleaf.build.uptodate`) can compute it
without validating anything; what validation concludes from those bytes on
a given day (the stamps) is recorded beside the key and checked apart.
Files are hashed once per build.
"""

from __future__ import annotations

import hashlib
import json
import os
from importlib.metadata import version
from pathlib import Path
from typing import Any

from careleaf import __version__
from careleaf.project import GOVERNANCE_FILE, Project

#: Bump when careleaf changes how the same inputs print (layout policy, say).
#: 4: phone numbers checked and printed in the region's own form.
FORMAT = "4"


def logo_asset(root: Path, logo_file: object) -> tuple[Path, ...]:
    """The clinic logo's path, from the profile's ``logo.file`` as written (if any)."""
    if not isinstance(logo_file, str) or not logo_file.strip():
        return ()
    return (root / logo_file.strip().replace("\\", "/"),)


def font_state(files: tuple[str, ...]) -> str:
    """Size and time of each font file, and of the folders holding them.

    A folder's time changes when a font is added to it, so a newly installed
    face of the family changes the key even where the files listed before
    did not change.
    """
    stats: list[Any] = []
    for name in (*files, *sorted({os.path.dirname(f) for f in files})):
        try:
            stat = os.stat(name)
            stats.append((name, stat.st_size, stat.st_mtime_ns))
        except OSError:
            stats.append((name, 0, 0))
    return _digest(stats)


def _digest(value: object) -> str:
    text = json.dumps(value, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class InputHasher:
    """The keys of one build's outputs; ``settings`` are the options that change a print."""

    def __init__(
        self, project: Project, settings: dict[str, object], assets: tuple[Path, ...] = ()
    ) -> None:
        self.project = project
        self._files: dict[Path, str] = {}
        # Whether each path lies inside the project, asked once per build: a string file
        # or a source-language file is named by every leaflet that uses it, and following
        # links costs a system call per folder of the path.
        self._inside: dict[Path, bool] = {}
        tree = [
            *sorted(p for p in project.templates_dir.rglob("*") if p.is_file()),
            *sorted(p for p in project.styles_dir.rglob("*") if p.is_file()),
            project.clinic_file,
            *assets,  # the clinic's logo
        ]
        self._shared = _digest(
            {
                "format": FORMAT,
                "careleaf": __version__,
                "weasyprint": version("weasyprint"),
                "phonenumbers": version("phonenumbers"),
                "settings": settings,
                "files": {_name(p, project.root): self._staff_file(p) for p in tree},
            }
        )

    def inside(self, path: Path) -> bool:
        """:meth:`Project.contains`, asked once per path and build."""
        if path not in self._inside:
            self._inside[path] = self.project.contains(path)
        return self._inside[path]

    def _staff_file(self, path: Path) -> str:
        # A symlink out of the project must change the key, so the build (and its
        # fetcher) sees the file again and refuses it rather than trusting a cache.
        if self.inside(path):
            return self._file(path)
        try:
            return f"outside:{path.resolve()}"
        except (OSError, RuntimeError):  # a symlink loop
            return "outside:loop"

    def _file(self, path: Path) -> str:
        if path not in self._files:
            try:
                self._files[path] = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError:
                self._files[path] = "missing"
        return self._files[path]

    def files(self, handout_id: str, tag: str, source_tag: str) -> list[Path]:
        """The content files one leaflet is read from."""
        folder = self.project.handout_dir(handout_id)
        return [
            folder / GOVERNANCE_FILE,
            folder / f"{tag}.yaml",
            folder / f"{source_tag}.yaml",
            self.project.strings_file(tag),
            self.project.strings_file(source_tag),
        ]

    def key(
        self,
        handout_id: str,
        tag: str,
        source_tag: str,
        fonts: tuple[str, ...],
        companion: str | None = None,
    ) -> str:
        """The hash of everything one PDF is made from; ``companion``: its facing pages' key."""
        own = _digest(
            {
                "shared": self._shared,
                "files": [self._staff_file(p) for p in self.files(handout_id, tag, source_tag)],
                "fonts": font_state(fonts),
            }
        )
        return _digest([own, companion]) if companion else own


def _name(path: Path, root: Path) -> str:
    # A profile given with --clinic may live outside the project.
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
