"""Where things are in a careleaf project, and how paths are shown to users."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from careleaf.errors import ContentError, Location, Problem, UsageError, quoted
from careleaf.files.strict_yaml import Document, load_file

GOVERNANCE_FILE = "handout.yaml"
OUTSIDE = (
    "is a symbolic link to a {what} outside the project; careleaf reads only files "
    "inside the project folder"
)
CLINIC_FILE = "clinic.yaml"
STRINGS_DIR = "_strings"


@dataclass(frozen=True)
class Choice:
    """The handouts and languages a command was asked for (``--handout``, ``--lang``, a
    clinic's language list); empty means every one. The one test of "is this selected"."""

    handouts: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()

    def has_handout(self, handout_id: str) -> bool:
        return not self.handouts or handout_id in self.handouts

    def has_language(self, tag: str) -> bool:
        return not self.languages or tag in self.languages

    def language_files(self, project: Project, handout_id: str) -> dict[str, Path]:
        """``{tag: path}`` of the handout's chosen language files."""
        files = project.language_files(handout_id)
        return {tag: path for tag, path in files.items() if self.has_language(tag)}


@dataclass(frozen=True)
class Project:
    """A folder holding ``handouts/``, ``templates/`` and ``styles/``."""

    root: Path
    clinic_override: Path | None = None  # another clinic's profile (`build --clinic FILE`)

    @classmethod
    def open(cls, root: Path | str) -> Project:
        path = Path(root)
        if not path.is_dir():
            raise UsageError(f"project folder '{root}' does not exist")
        project = cls(path.resolve())
        if not project.handouts_dir.is_dir():
            raise UsageError(f"'{root}' is not a careleaf project: it has no handouts/ folder")
        return project

    @classmethod
    def find(cls, start: Path) -> Project:
        """The project ``start`` is in: the nearest folder, ``start`` or above, that has
        ``handouts/`` and ``templates/`` (as git finds its repository)."""
        here = start.resolve()
        for folder in (here, *here.parents):
            if (folder / "handouts").is_dir() and (folder / "templates").is_dir():
                return cls(folder)
        raise UsageError(
            f"'{start}' is not inside a careleaf project (no folder here or above has "
            "handouts/ and templates/); go into one, or give it with --project DIR"
        )

    @property
    def handouts_dir(self) -> Path:
        return self.root / "handouts"

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    @property
    def styles_dir(self) -> Path:
        return self.root / "styles"

    @property
    def strings_dir(self) -> Path:
        return self.handouts_dir / STRINGS_DIR

    @property
    def clinic_file(self) -> Path:
        return self.clinic_override or self.handouts_dir / CLINIC_FILE

    def for_clinic(self, profile: Path) -> Project:
        """The same content, printed for the clinic described in ``profile``."""
        if not profile.is_file():
            raise UsageError(f"clinic profile {quoted(str(profile))} does not exist")
        # Absolute but not resolved: a link that leads out of the project is refused by its
        # own name, and where it leads is never said (see outside_problem).
        return replace(self, clinic_override=Path(os.path.abspath(profile)))

    @property
    def output_dir(self) -> Path:
        """``output/``, or ``output/<profile name>/`` when building for another clinic."""
        base = self.root / "output"
        return base / self.clinic_override.stem if self.clinic_override else base

    def contains(self, path: Path) -> bool:
        """True when ``path``, with every symbolic link followed, lies inside the project."""
        try:
            return path.resolve().is_relative_to(self.root.resolve())
        except (OSError, RuntimeError):  # a symlink loop: not a file careleaf will read
            return False

    def outside_problem(self, path: Path) -> Problem | None:
        """The problem with reading ``path`` if it leads outside the project (naming the link).

        Only the link is named: where it points stays unsaid, so nothing from
        outside the project is quoted in a message.
        """
        if self.contains(path):
            return None
        if not path.absolute().is_relative_to(self.root.resolve()):
            return Problem(
                Location(self.show(path)),
                "is outside the project folder; careleaf reads only files inside it",
            )
        what = "folder" if path.is_dir() else "file"
        return Problem(Location(self.show(path)), OUTSIDE.format(what=what))

    def load(self, path: Path) -> Document:
        """Read a YAML file of the project strictly; a file outside it is refused unread."""
        problem = self.outside_problem(path)
        if problem is not None:
            raise ContentError(problem)
        return load_file(path, self.show(path))

    def handout_dir(self, handout_id: str) -> Path:
        return self.handouts_dir / handout_id

    def governance_file(self, handout_id: str) -> Path:
        """``handouts/<id>/handout.yaml``: the handout's governance, shared by its languages."""
        return self.handout_dir(handout_id) / GOVERNANCE_FILE

    def content_file(self, handout_id: str, tag: str) -> Path:
        """``handouts/<id>/<tag>.yaml``: the handout's text in one language."""
        return self.handout_dir(handout_id) / f"{tag}.yaml"

    def handout_ids(self) -> list[str]:
        """Every folder under handouts/ that is meant to be a handout, sorted."""
        return sorted(
            p.name
            for p in self.handouts_dir.iterdir()
            if p.is_dir() and not p.name.startswith(("_", "."))
        )

    def language_files(self, handout_id: str) -> dict[str, Path]:
        """``{tag: path}`` for each language file of a handout, by file name."""
        folder = self.handout_dir(handout_id)
        return {
            p.stem: p
            for p in sorted(folder.glob("*.yaml"))
            if p.name != GOVERNANCE_FILE and p.is_file()
        }

    def strings_file(self, tag: str) -> Path:
        return self.strings_dir / f"{tag}.yaml"

    def show(self, path: Path) -> str:
        """The path as the user should read it: relative to where they stand, when they
        stand in the project (``../../output/en/x.pdf`` from a handout's folder)."""
        here = Path.cwd()
        try:
            rel = os.path.relpath(path, here)
        except ValueError:  # pragma: no cover - other drive on Windows
            return path.as_posix()
        inside = here.resolve().is_relative_to(self.root.resolve())
        if rel.startswith("..") and not (
            inside and Path(os.path.abspath(path)).is_relative_to(self.root)
        ):
            return path.as_posix()
        return Path(rel).as_posix()
