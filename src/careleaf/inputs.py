"""What a PDF depends on, as one hash, so an unchanged leaflet is never rendered twice.

The key covers every input that can change a page: the handout, language,
source-language and UI strings files, the clinic profile and logo, every template and
stylesheet, the font files of the language's stack, the versions of careleaf
and WeasyPrint, and the options and states that change the print (paper, print variant,
overdue and draft stamps). Files are hashed once per build.
"""

from __future__ import annotations

import hashlib
import json
import os
from importlib.metadata import version
from pathlib import Path

from . import __version__
from .fonts import installed_files, stack_for
from .leaflet import Leaflet
from .project import GOVERNANCE_FILE, Project

#: Bump when careleaf changes how the same inputs print (layout policy, say).
FORMAT = "2"


class InputHasher:
    def __init__(
        self, project: Project, settings: dict[str, object], assets: tuple[Path, ...] = ()
    ) -> None:
        self.project = project
        self._files: dict[Path, str] = {}
        self._fonts: dict[str, str] = {}
        tree = [
            *sorted(p for p in project.templates_dir.rglob("*") if p.is_file()),
            *sorted(p for p in project.styles_dir.rglob("*") if p.is_file()),
            project.clinic_file,
            *assets,  # the clinic's logo
        ]
        self._shared = self._digest(
            {
                "format": FORMAT,
                "careleaf": __version__,
                "weasyprint": version("weasyprint"),
                "settings": settings,
                "files": {_name(p, project.root): self._staff_file(p) for p in tree},
            }
        )

    def _staff_file(self, path: Path) -> str:
        # A symlink out of the project must change the key, so the build (and its
        # fetcher) sees the file again and refuses it rather than trusting a cache.
        inside = path.resolve().is_relative_to(self.project.root.resolve())
        return self._file(path) if inside else f"outside:{path.resolve()}"

    def _file(self, path: Path) -> str:
        if path not in self._files:
            try:
                self._files[path] = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError:
                self._files[path] = "missing"
        return self._files[path]

    def _font_state(self, families: tuple[str, ...]) -> str:
        key = "|".join(families)
        if key not in self._fonts:
            files = []
            for family in families:
                for name in installed_files(family):
                    try:
                        stat = os.stat(name)
                        files.append((name, stat.st_size, stat.st_mtime_ns))
                    except OSError:
                        files.append((name, 0, 0))
            self._fonts[key] = self._digest(files)
        return self._fonts[key]

    @staticmethod
    def _digest(value: object) -> str:
        text = json.dumps(value, sort_keys=True, default=str)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def key(self, leaflet: Leaflet) -> str:
        """The hash of everything ``leaflet``'s PDF is made from (with its facing pages)."""
        own = self._key(leaflet)
        return self._digest([own, self._key(leaflet.companion)]) if leaflet.companion else own

    def _key(self, leaflet: Leaflet) -> str:
        folder = self.project.handout_dir(leaflet.handout.id)
        files = [
            folder / GOVERNANCE_FILE,
            folder / f"{leaflet.tag}.yaml",
            folder / f"{leaflet.handout.source_language}.yaml",
            self.project.strings_file(leaflet.tag),
        ]
        return self._digest(
            {
                "shared": self._shared,
                "files": [self._file(p) for p in files],
                "fonts": self._font_state(stack_for(leaflet.locale).families),
                "stamps": list(leaflet.stamps),
            }
        )


def _name(path: Path, root: Path) -> str:
    # A profile given with --clinic may live outside the project.
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
